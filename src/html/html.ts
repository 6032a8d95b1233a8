/**
 * The one way Dabir builds markup: a tagged template that escapes every
 * interpolated value unless it is already `SafeHtml`, and the one escaper
 * (`escapeHtml`) for code that writes markup as plain strings (the importer,
 * feeds, media, charts).
 *
 * Rules for template authors, which the escaping relies on:
 * - attribute values are always written in double quotes (`href="${url}"`), never bare;
 * - nothing is interpolated into a tag or attribute *name*, a `<script>` or a `<style>`;
 * - `raw()` is only for markup Dabir itself produced or sanitized (article bodies, search
 *   snippets); never for text a reader typed.
 */

/** Markup that is already safe to insert as-is. Only `html` and `raw` make one. */
export class SafeHtml {
  /** The markup itself. */
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/**
 * What may be interpolated into `html`: text (escaped), numbers, markup, and lists of them.
 * `null`, `undefined` and `false` render nothing, so `cond && html\`…\`` reads naturally.
 * Dates and other objects are deliberately not accepted: format them first.
 */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const SPECIAL = /[&<>"']/;

/**
 * Escapes the five characters that matter in HTML text and in double- or single-quoted
 * attribute values (HTML Living Standard §13.1.2.3 and §13.2.5). Most strings have
 * nothing to escape: one native regex test returns them untouched; the rest take a
 * loop over char codes.
 */
export function escapeHtml(text: string): string {
  if (!SPECIAL.test(text)) return text;
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    let rep: string;
    switch (text.charCodeAt(i)) {
      case 38:
        rep = '&amp;';
        break; // &
      case 60:
        rep = '&lt;';
        break; // <
      case 62:
        rep = '&gt;';
        break; // >
      case 34:
        rep = '&quot;';
        break; // "
      case 39:
        rep = '&#39;';
        break; // '
      default:
        continue;
    }
    if (last !== i) out += text.slice(last, i);
    out += rep;
    last = i + 1;
  }
  if (last === 0) return text;
  return last < text.length ? out + text.slice(last) : out;
}

/** Marks trusted markup (already sanitized, or produced by Dabir) as safe to insert. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value as readonly HtmlValue[]) out += render(item);
    return out;
  }
  return String(value);
}

/** The tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` stays markup. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}
