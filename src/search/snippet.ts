/**
 * Snippets (pure): a short excerpt of a story's original text around the words a query
 * matched, the matches in `<mark>`. Matching runs on search tokens, marking on the original:
 * a reader who typed «كارون» sees «کارون» marked as the story spells it, and a compound is
 * marked whole however it is written («پیام رسان», «پیام‌رسان»).
 *
 * The result is HTML: everything but the marks is escaped, so pages insert it as it is.
 */
import { escapeHtml } from '../html/index.js';
import { tokenizeWithOffsets, type Synonyms } from '../persian/index.js';

/** Options of {@link makeSnippet}. */
export interface SnippetOptions {
  /** Longest excerpt, in UTF-16 code units, before the ellipses. */
  maxLength?: number | undefined;
  /** The synonym table the index was built with. */
  synonyms?: Synonyms | undefined;
  /**
   * Where in the text a match is expected, as a share of its length (0–1), when the caller
   * knows it (from the stored tokens): reading starts at that paragraph instead of the first.
   */
  near?: number | undefined;
}

/** Typical excerpt length: two lines of a results page. */
export const SNIPPET_LENGTH = 220;

/** Text read at most when looking for matches; a huge story is not tokenized whole for a snippet. */
const SCAN_LIMIT = 20_000;

/** Characters of context kept before the first match of the excerpt. */
const LEAD_IN = 50;

const ELLIPSIS = '…';

interface Mark {
  start: number;
  end: number;
  token: string;
}

/**
 * Marks of matched tokens in `text`, read paragraph by paragraph from `from`: until every
 * token is seen, or the text read after the first match fills an excerpt, or SCAN_LIMIT
 * characters were read.
 */
function findMarks(text: string, tokens: ReadonlySet<string>, synonyms: Synonyms | undefined, window: number, start = 0): Mark[] {
  const marks: Mark[] = [];
  const seen = new Set<string>();
  let from = start;
  while (from < text.length && from - start < SCAN_LIMIT && seen.size < tokens.size) {
    const first = marks[0];
    if (first !== undefined && from >= first.start + window) break;
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    if (to - from > SCAN_LIMIT) to = from + SCAN_LIMIT;
    for (const span of tokenizeWithOffsets(text.slice(from, to), { synonyms })) {
      if (!tokens.has(span.token)) continue;
      marks.push({ start: from + span.start, end: from + span.end, token: span.token });
      seen.add(span.token);
    }
    from = to + 1;
  }
  return marks;
}

/** Where reading for marks starts: the start of the paragraph before the one at `near`, or 0. */
function startNear(text: string, near: number | undefined): number {
  if (near === undefined || !(near > 0)) return 0;
  const at = Math.min(text.length, Math.floor(near * text.length));
  const paragraph = text.lastIndexOf('\n', at - 1);
  const before = paragraph <= 0 ? -1 : text.lastIndexOf('\n', paragraph - 1);
  return before < 0 ? 0 : before + 1;
}

/** Overlapping or touching marks become one («پیامرسان» spans «پیام» and «رسان»). */
function mergeMarks(marks: Mark[]): Mark[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Mark[] = [];
  for (const mark of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && mark.start <= last.end) last.end = Math.max(last.end, mark.end);
    else out.push({ ...mark });
  }
  return out;
}

const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 9 || code === 0xa0 || code === 0x200c;

/** The window of at most `length` code units with the most distinct matched tokens, earliest first. */
function bestWindow(marks: readonly Mark[], length: number): { start: number; end: number } {
  let best = { start: 0, end: length, distinct: -1 };
  for (let i = 0; i < marks.length; i++) {
    const anchor = marks[i] as Mark;
    const start = Math.max(0, anchor.start - LEAD_IN);
    const end = start + length;
    const distinct = new Set<string>();
    for (let k = i; k < marks.length && (marks[k] as Mark).end <= end; k++) distinct.add((marks[k] as Mark).token);
    if (distinct.size > best.distinct) best = { start, end, distinct: distinct.size };
  }
  return best;
}

/**
 * An excerpt of the first of `sources` that holds a token of `tokens` (a story's lead, then
 * its body as plain text; a source may be a function, called only when reached), each
 * occurrence in `<mark>`, everything else escaped; the start of the first non-empty source
 * when none holds one. Cut at spaces, with «…» where the text goes on.
 */
export function makeSnippet(sources: ReadonlyArray<string | (() => string)>, tokens: ReadonlySet<string>, options: SnippetOptions = {}): string {
  let fallback: string | undefined;
  for (const source of sources) {
    const text = typeof source === 'function' ? source() : source;
    if (text === '') continue;
    fallback ??= text;
    const maxLength = options.maxLength ?? SNIPPET_LENGTH;
    const start = startNear(text, options.near);
    let marks = tokens.size === 0 ? [] : findMarks(text, tokens, options.synonyms, maxLength, start);
    if (marks.length === 0 && start > 0) marks = findMarks(text, tokens, options.synonyms, maxLength);
    if (marks.length > 0) return excerpt(text, marks, maxLength);
  }
  return fallback === undefined ? '' : excerpt(fallback, [], options.maxLength ?? SNIPPET_LENGTH);
}

function excerpt(text: string, marks: Mark[], maxLength: number): string {
  let { start, end } = bestWindow(marks, maxLength);
  end = Math.min(end, text.length);
  const merged = mergeMarks(marks);
  // never cut through a mark; then move the cuts out to whole words
  for (const mark of merged) {
    if (mark.start < start && mark.end > start) start = mark.start;
    if (mark.start < end && mark.end > end) end = mark.start;
  }
  if (start > 0) {
    let s = start;
    while (s < end && !isSpace(text.charCodeAt(s - 1))) s++;
    if (s < end && !merged.some((m) => m.start < s && m.end > start)) start = s;
  }
  if (end < text.length) {
    let e = end;
    while (e > start && !isSpace(text.charCodeAt(e))) e--;
    if (e > start && !merged.some((m) => m.start < end && m.end > e)) end = e;
  }
  let html = start > 0 ? `${ELLIPSIS} ` : '';
  let at = start;
  const plain = (from: number, to: number) => escapeHtml(text.slice(from, to).replace(/\s+/g, ' '));
  for (const mark of merged) {
    if (mark.end <= start || mark.start >= end) continue;
    html += plain(at, mark.start);
    html += `<mark>${plain(mark.start, mark.end)}</mark>`;
    at = mark.end;
  }
  html += plain(at, end);
  html = html.trim();
  if (end < text.length) html += ` ${ELLIPSIS}`;
  return html;
}
