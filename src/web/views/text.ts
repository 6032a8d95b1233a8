/**
 * Persian text as the pages show it: Latin runs isolated, digits and dates in Persian.
 * The rules themselves live in `src/persian`; this file only turns them into markup.
 */
import { formatJalaliDateTime, isolateLatin } from '../../persian/index.js';
import { escapeHtml, html, raw, type SafeHtml } from '../../html/index.js';

/**
 * Plain text with every Latin run wrapped in `<bdi dir="ltr">`, so a product name or a
 * number in a Persian title keeps its own direction without reordering its neighbours
 * (Unicode Bidirectional Algorithm, UAX #9, "isolates"; HTML's `bdi` element).
 */
export function isolated(text: string): SafeHtml {
  const runs = isolateLatin(text);
  let out = '';
  for (const run of runs) {
    out += run.latin ? `<bdi dir="ltr">${escapeHtml(run.text)}</bdi>` : escapeHtml(run.text);
  }
  return raw(out);
}

/** An instant as a `<time>` element: Jalali date and time in Tehran, Persian digits. */
export function dateTime(date: Date): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${formatJalaliDateTime(date)}</time>`;
}

/**
 * At most `max` code points of `text`, cut at a space when one is near, with «…» when cut.
 * For meta descriptions, which search engines truncate anyway.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  let cut = points.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut}…`;
}
