/**
 * WordPress's paragraph formatting ("autop"), which WordPress applies to a
 * classic post every time it shows it: a blank line starts a paragraph, a
 * single line break becomes `<br />`, and nothing is wrapped or broken inside
 * block elements (tables, lists, quotes, figures, `<pre>`…). WordPress stores
 * the text without these paragraphs, so an import must add them once.
 *
 * This follows the steps of WordPress's `wpautop()` (wp-includes/formatting.php,
 * behaviour as of WordPress 6.1) one by one and gives the same output for the
 * same input. Where a step is a regular expression whose backtracking would be
 * quadratic on hostile input in JavaScript (a whitespace run before a token),
 * it is done with a linear scan instead; the result is the same. Pure.
 */

/** Block-level elements: autop never puts them inside a paragraph. */
const BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';

/** PHP's `\s` without the u flag: ASCII white space only (a no-break space is text). */
const WS = '[ \\t\\n\\x0B\\f\\r]';
const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\x0B' || c === '\f' || c === '\r';

const RE = {
  doubleBr: new RegExp(`<br${WS}*/?>${WS}*<br${WS}*/?>`, 'g'),
  blockOpen: new RegExp(`(<${BLOCKS}[ \\t\\n\\x0B\\f\\r/>])`, 'g'),
  blockClose: new RegExp(`(</${BLOCKS}>)`, 'g'),
  hr: new RegExp(`(<hr${WS}*?/?>)`, 'g'),
  emptyP: new RegExp(`<p>${WS}*</p>`, 'g'),
  unclosedInDiv: /<p>([^<]+)<\/(div|address|form)>/g,
  blockquoteInP: /<p><blockquote([^>]*)>/gi,
  /** The start of a block-level tag, opening or closing (no boundary after the name, as in WordPress). */
  blockTag: new RegExp(`</?${BLOCKS}`, 'g'),
  blockTagAt: new RegExp(`</?${BLOCKS}`, 'y'),
  /** Block tags before which a `<br />` is dropped. */
  breakingTagAt: /<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)/y,
};

const NEWLINE_MARK = ' <!-- wpnl --> ';
const PRESERVED_NEWLINE = '<WPPreserveNewline />';

/**
 * Splits HTML into text and "elements" (tags, comments, CDATA sections), the
 * way WordPress's `wp_html_split()` does: a comment runs to `-->`, a CDATA
 * section to `]]>`, any other element to the next `>`, each to the end of the
 * input when unterminated. Returns alternating text, element, text…
 */
export function splitHtml(html: string): string[] {
  const out: string[] = [];
  let text = 0;
  let i = html.indexOf('<');
  while (i !== -1) {
    let end: number;
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      end = close === -1 ? html.length : close + 3;
    } else if (html.startsWith('<![CDATA[', i)) {
      const close = html.indexOf(']]>', i + 9);
      end = close === -1 ? html.length : close + 3;
    } else {
      const close = html.indexOf('>', i + 1);
      end = close === -1 ? html.length : close + 1;
    }
    out.push(html.slice(text, i), html.slice(i, end));
    text = end;
    i = html.indexOf('<', end);
  }
  out.push(html.slice(text));
  return out;
}

/** Replaces `needle` with `replacement` inside elements only (WordPress's `wp_replace_in_html_tags`). */
function replaceInTags(html: string, needle: string, replacement: string): string {
  const parts = splitHtml(html);
  for (let i = 1; i < parts.length; i += 2) {
    const part = parts[i]!;
    if (part.includes(needle)) parts[i] = part.split(needle).join(replacement);
  }
  return parts.join('');
}

/** Index after the white space that starts at `i`. */
function skipWs(text: string, i: number): number {
  let j = i;
  while (j < text.length && isWs(text[j])) j++;
  return j;
}

/**
 * Finds the next `needle` at or after a position, remembering the last answer:
 * asked with positions that never go back, it reads the text once in all.
 */
function finder(text: string, needle: string): (from: number) => number {
  let from0 = -1;
  let found = -1;
  return (from) => {
    if (from0 !== -1 && from >= from0 && (found === -1 || found >= from)) return found;
    from0 = from;
    found = text.indexOf(needle, from);
    return found;
  };
}

/** The nearest of several finders' answers (-1 when none has one). */
function nearest(finders: Array<(from: number) => number>, from: number): number {
  let best = -1;
  for (const f of finders) {
    const i = f(from);
    if (i !== -1 && (best === -1 || i < best)) best = i;
  }
  return best;
}

function globalRegExp(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
}

/**
 * Visits each match of `start` in order, like a global regular-expression
 * replace whose pattern begins with `start`: `visit` answers the replacement
 * and the index where the replaced text ends, or undefined when the whole
 * pattern does not match there (the scan then goes on one character later).
 */
function rewrite(text: string, start: RegExp, visit: (index: number, end: number) => [string, number] | undefined): string {
  const re = globalRegExp(start);
  let out = '';
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const answer = visit(m.index, m.index + m[0].length);
    if (answer) {
      out += text.slice(last, m.index) + answer[0];
      last = answer[1];
      re.lastIndex = Math.max(answer[1], m.index + 1);
    } else {
      re.lastIndex = m.index + 1;
    }
  }
  return out + text.slice(last);
}

/**
 * `\s*TOKEN\s*` → `TOKEN`: removes the white space before (`before`) and
 * after (`after`) every token. A token is a match of `start`, run on to the
 * next of `ends` (the `[^>]*>` of a tag) when `ends` is given.
 */
function collapse(text: string, start: RegExp, o: { before: boolean; after: boolean; ends?: string }): string {
  const re = globalRegExp(start);
  const enders = [...(o.ends ?? '')].map((c) => finder(text, c));
  let out = '';
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let end = m.index + m[0].length;
    if (enders.length > 0) {
      const close = nearest(enders, end);
      if (close === -1) {
        re.lastIndex = m.index + 1;
        continue;
      }
      end = close + 1;
    }
    let from = m.index;
    if (o.before) while (from > last && isWs(text[from - 1])) from--;
    const token = text.slice(m.index, end);
    if (o.after) end = skipWs(text, end);
    out += text.slice(last, from) + token;
    last = end;
    re.lastIndex = Math.max(end, m.index + 1);
  }
  return out + text.slice(last);
}

/** Whether a sticky pattern matches at `i`. */
function matchesAt(re: RegExp, text: string, i: number): boolean {
  re.lastIndex = i;
  return re.test(text);
}

/** `<p>\s*(</?BLOCK[^>]*>)\s*</p>` → the tag: a block tag alone in a paragraph loses the paragraph. */
function unwrapBlockTags(text: string): string {
  const gt = finder(text, '>');
  return rewrite(text, /<p>/, (_i, end) => {
    const j = skipWs(text, end);
    if (!matchesAt(RE.blockTagAt, text, j)) return undefined;
    const close = gt(j);
    if (close === -1) return undefined;
    const k = skipWs(text, close + 1);
    return text.startsWith('</p>', k) ? [text.slice(j, close + 1), k + 4] : undefined;
  });
}

/** `<p>\s*(</?BLOCK[^>]*>)` → the tag: no paragraph opens right before a block tag. */
function dropParagraphBeforeBlocks(text: string): string {
  const gt = finder(text, '>');
  return rewrite(text, /<p>/, (_i, end) => {
    const j = skipWs(text, end);
    if (!matchesAt(RE.blockTagAt, text, j)) return undefined;
    const close = gt(j);
    return close === -1 ? undefined : [text.slice(j, close + 1), close + 1];
  });
}

/** `(</?BLOCK[^>]*>)\s*` + `after` → the tag: no `</p>` (or `<br />`) right after a block tag. */
function dropAfterBlocks(text: string, after: string): string {
  const gt = finder(text, '>');
  return rewrite(text, RE.blockTag, (i, end) => {
    const close = gt(end);
    if (close === -1) return undefined;
    const k = skipWs(text, close + 1);
    return text.startsWith(after, k) ? [text.slice(i, close + 1), k + after.length] : undefined;
  });
}

/** `<br />(\s*</?(?:p|li|div|…)[^>]*>)` → what follows the `<br />`: no break right before those tags. */
function dropBreaksBeforeBlocks(text: string): string {
  const gt = finder(text, '>');
  return rewrite(text, /<br \/>/, (_i, end) => {
    const j = skipWs(text, end);
    if (!matchesAt(RE.breakingTagAt, text, j)) return undefined;
    const close = gt(j);
    return close === -1 ? undefined : [text.slice(end, close + 1), close + 1];
  });
}

/** `<p>(<li[^\n]+?)</p>` → the list item: a list item wrapped in a paragraph on one line is unwrapped. */
function unwrapListItems(text: string): string {
  const closeP = finder(text, '</p>');
  const newline = finder(text, '\n');
  return rewrite(text, /<p><li/, (i, end) => {
    const close = closeP(end + 1);
    if (close === -1) return undefined;
    const nl = newline(end);
    if (nl !== -1 && nl < close) return undefined;
    return [text.slice(i + 3, close), close + 4];
  });
}

/**
 * Newlines inside `<script>`, `<style>`, `<svg>` and `<math>` are kept as
 * they are: marked here, restored after the line breaks are added.
 */
function preserveNewlines(text: string): string {
  const open = /<(script|style|svg|math)/g;
  const unclosed = new Set<string>();
  let out = '';
  let last = 0;
  for (let m = open.exec(text); m !== null; m = open.exec(text)) {
    const name = m[1]!;
    if (unclosed.has(name)) continue;
    const closing = `</${name}>`;
    const close = text.indexOf(closing, m.index + m[0].length);
    if (close === -1) {
      unclosed.add(name);
      continue;
    }
    const end = close + closing.length;
    out += text.slice(last, m.index) + text.slice(m.index, end).split('\n').join(PRESERVED_NEWLINE);
    last = end;
    open.lastIndex = end;
  }
  return out + text.slice(last);
}

/**
 * Every newline becomes `<br />\n` together with the white space before it,
 * unless that white space follows a `<br />` already (the PHP expression
 * `(?<!<br />)\s*\n`), in one linear pass over the white-space runs.
 */
function newlinesToBreaks(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    if (!isWs(text[i])) {
      i++;
      continue;
    }
    const runStart = i;
    let lastNewline = -1;
    while (i < text.length && isWs(text[i])) {
      if (text[i] === '\n') lastNewline = i;
      i++;
    }
    if (lastNewline === -1) continue;
    // The match may not start right after "<br />"; it then starts one character later.
    const start = text.endsWith('<br />', runStart) ? runStart + 1 : runStart;
    if (start > lastNewline) continue;
    out += `${text.slice(last, start)}<br />\n`;
    last = lastNewline + 1;
  }
  return out + text.slice(last);
}

/** Puts `<pre>` elements aside (autop leaves them alone) and returns the text with placeholders. */
function setPreAside(text: string, saved: Map<string, string>): string {
  if (!text.includes('<pre')) return text;
  const parts = text.split('</pre>');
  const lastPart = parts.pop() ?? '';
  let out = '';
  let n = 0;
  for (const part of parts) {
    const start = part.indexOf('<pre');
    if (start === -1) {
      // Malformed: a closing tag without an opening one is dropped, as WordPress does.
      out += part;
      continue;
    }
    const name = `<pre wp-pre-tag-${n++}></pre>`;
    saved.set(name, `${part.slice(start)}</pre>`);
    out += part.slice(0, start) + name;
  }
  return out + lastPart;
}

/** WordPress's `wpautop($text, $br = true)`. */
export function wpautop(input: string, br = true): string {
  if (input.trim() === '') return '';
  const pre = new Map<string, string>();
  let text = setPreAside(`${input}\n`, pre);

  text = text.replace(RE.doubleBr, '\n\n');
  text = text.replace(RE.blockOpen, '\n\n$1');
  text = text.replace(RE.blockClose, '$1\n\n');
  text = text.replace(RE.hr, '$1\n\n');
  text = text.replace(/\r\n|\r/g, '\n');
  text = replaceInTags(text, '\n', NEWLINE_MARK);

  if (text.includes('<option')) {
    text = collapse(text, /<option/, { before: true, after: false });
    text = text.replace(/<\/option>[ \t\n\x0B\f\r]*/g, '</option>');
  }
  if (text.includes('</object>')) {
    text = collapse(text, /<object/, { before: false, after: true, ends: '>' });
    text = collapse(text, /<\/object>/, { before: true, after: false });
    text = collapse(text, /<\/?(?:param|embed)/, { before: true, after: true, ends: '>' });
  }
  if (text.includes('<source') || text.includes('<track')) {
    text = collapse(text, /[<[](?:audio|video)/, { before: false, after: true, ends: '>]' });
    text = collapse(text, /[<[]\/(?:audio|video)[>\]]/, { before: true, after: false });
    text = collapse(text, /<(?:source|track)/, { before: true, after: true, ends: '>' });
  }
  if (text.includes('<figcaption')) {
    text = collapse(text, /<figcaption/, { before: true, after: false, ends: '>' });
    text = text.replace(/<\/figcaption>[ \t\n\x0B\f\r]*/g, '</figcaption>');
  }

  text = text.replace(/\n\n+/g, '\n\n');
  const paragraphs = text.split(/\n[ \t\n\x0B\f\r]*\n/).filter((p) => p !== '');
  text = paragraphs.map((p) => `<p>${p.replace(/^\n+|\n+$/g, '')}</p>\n`).join('');

  text = text.replace(RE.emptyP, '');
  text = text.replace(RE.unclosedInDiv, '<p>$1</p></$2>');
  text = unwrapBlockTags(text);
  text = unwrapListItems(text);
  text = text.replace(RE.blockquoteInP, '<blockquote$1><p>');
  text = text.split('</blockquote></p>').join('</p></blockquote>');
  text = dropParagraphBeforeBlocks(text);
  text = dropAfterBlocks(text, '</p>');

  if (br) {
    text = preserveNewlines(text);
    text = text.split('<br>').join('<br />').split('<br/>').join('<br />');
    text = newlinesToBreaks(text);
    text = text.split(PRESERVED_NEWLINE).join('\n');
  }

  text = dropAfterBlocks(text, '<br />');
  text = dropBreaksBeforeBlocks(text);
  text = text.replace(/\n<\/p>$/, '</p>');

  for (const [name, original] of pre) text = text.split(name).join(original);
  if (text.includes('<!-- wpnl -->')) text = text.split(NEWLINE_MARK).join('\n').split('<!-- wpnl -->').join('\n');
  return text;
}
