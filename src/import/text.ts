/**
 * Small text helpers for what WordPress stores: HTML entities in titles and
 * comments, tags to strip, percent-encoded slugs, lengths in code points (pure).
 */

/** Named entities WordPress and its editors write; anything else stays as written. */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  zwnj: '\u200c',
  zwj: '\u200d',
  lrm: '\u200e',
  rlm: '\u200f',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  times: '×',
  shy: '\u00ad',
};

/** Decodes character references (`&#1587;`, `&#x633;`, `&amp;`…). Invalid code points become U+FFFD. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const n = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(n);
    }
    return NAMED[ref] ?? NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** Escapes text for an HTML attribute or element: Dabir's one escaper, here for the importer's files. */
export { escapeHtml } from '../html/index.js';

/**
 * Plain text of a small piece of HTML (a title, an excerpt, a comment): tags
 * dropped (a `<br>` or a closing block becomes a line break), entities decoded,
 * runs of spaces folded. `keepLines` keeps line breaks, else they become spaces.
 */
export function plainText(html: string, keepLines = false): string {
  let s = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<br\s*\/?>|<\/(?:p|div|li|blockquote|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>?/g, '');
  s = decodeEntities(s).replace(/\r\n?/g, '\n');
  if (!keepLines) return s.replace(/\s+/g, ' ').trim();
  return s
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Length in code points. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The first `max` code points of `s`, cut at a space when one is near, with «…» when cut. */
export function truncate(s: string, max: number): string {
  if (codePointLength(s) <= max) return s;
  const points = [...s].slice(0, Math.max(1, max - 1));
  let cut = points.join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/**
 * A WordPress slug as readers see it in an address: WordPress stores
 * non-Latin slugs percent-encoded (`%d8%aa%d9%84…`); Dabir keeps them decoded.
 */
export function decodeSlug(slug: string): string {
  const trimmed = slug.trim();
  try {
    return decodeURIComponent(trimmed);
  } catch {
    return trimmed;
  }
}

/** A path decoded the way the public 404 handler decodes it before it looks for a redirect. */
export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
