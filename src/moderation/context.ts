// The read-only context every phase receives: the original text, its normalized form with the
// map back, the words, the lexicon entries found in them, and the numbers and links found in
// the text. It is computed once per field (text, name) before any phase runs.
import { KIND_BIT, type Hit, type Kind, type Lexicon } from './lexicon.js';
import { scanLinks, type LinkScan } from './links.js';
import { normalizeWithMap, isInvisibleOrMark, originalEnd, type NormalizedText } from './normalize.js';
import { scanDigitRuns, type DigitRun } from './numbers.js';
import { tokenize, type Token } from './tokens.js';

/**
 * How much of a field is read: 5,000 UTF-16 units, some 900 Persian words. Reader comments
 * are a few hundred characters; the limit keeps any input, however hostile, within the 5 ms
 * budget. A longer field is sent to a moderator by the spam phase, so nothing past the limit
 * can be published unseen.
 */
export const MAX_FIELD_CHARS = 5_000;

/** One field of the comment, analysed. */
export interface FieldContext {
  readonly field: 'text' | 'name';
  /** The field exactly as typed. */
  readonly original: string;
  /** Its normalized form, with the map back to `original`. */
  readonly norm: NormalizedText;
  readonly tokens: readonly Token[];
  /** Every lexicon entry found, ordered by first token. */
  readonly hits: readonly Hit[];
  /** For each token, the kinds of the entries that cover it, as bit masks (KIND_BIT). */
  readonly kindLo: Uint32Array;
  readonly kindHi: Uint32Array;
  /** For each token, the hits that start at it. */
  readonly hitsAt: readonly (readonly Hit[])[];
  /** For each sentence, the kinds of the entries in it, as bit masks. */
  readonly sentenceLo: Uint32Array;
  readonly sentenceHi: Uint32Array;
  readonly digits: readonly DigitRun[];
  readonly links: LinkScan;
  /** True when the field was longer than MAX_FIELD_CHARS and only its start was read. */
  readonly oversized: boolean;
}

/** What the engine brings to every phase besides the comment. */
export interface EngineContext {
  readonly lexicon: Lexicon;
  readonly classifier: { score(normalizedText: string): number } | undefined;
  readonly classifierThreshold: number;
}

const NO_HITS: readonly Hit[] = [];

/** Analyses one field. */
export function prepareField(field: 'text' | 'name', original: string, lexicon: Lexicon): FieldContext {
  let read = original;
  const oversized = original.length > MAX_FIELD_CHARS;
  if (oversized) {
    let cut = MAX_FIELD_CHARS;
    const c = original.charCodeAt(cut - 1);
    if (c >= 0xd800 && c <= 0xdbff) cut--; // never cut a surrogate pair in half
    read = original.slice(0, cut);
  }
  const norm = normalizeWithMap(read);
  const tokens = tokenize(norm.text);
  const hits = lexicon.analyze(tokens);
  const n = tokens.length;
  const kindLo = new Uint32Array(n);
  const kindHi = new Uint32Array(n);
  const sentences = (tokens.at(-1)?.sentence ?? 0) + 1;
  const sentenceLo = new Uint32Array(sentences);
  const sentenceHi = new Uint32Array(sentences);
  const hitsAt: (readonly Hit[])[] = new Array<readonly Hit[]>(n).fill(NO_HITS);
  for (const h of hits) {
    const bit = KIND_BIT[h.entry.kind];
    const lo = bit < 32 ? 1 << bit : 0;
    const hi = bit < 32 ? 0 : 1 << (bit - 32);
    for (let k = h.first; k <= h.last; k++) {
      kindLo[k] = (kindLo[k] ?? 0) | lo;
      kindHi[k] = (kindHi[k] ?? 0) | hi;
    }
    const s = tokens[h.first]?.sentence ?? 0;
    sentenceLo[s] = (sentenceLo[s] ?? 0) | lo;
    sentenceHi[s] = (sentenceHi[s] ?? 0) | hi;
    const at = hitsAt[h.first];
    hitsAt[h.first] = at === undefined || at === NO_HITS ? [h] : [...at, h];
  }
  return {
    field,
    original,
    norm,
    tokens,
    hits,
    kindLo,
    kindHi,
    hitsAt,
    sentenceLo,
    sentenceHi,
    digits: scanDigitRuns(norm.text),
    links: scanLinks(norm.text),
    oversized,
  };
}

/** The original span of normalized offsets [from, to). */
export function spanOf(f: FieldContext, from: number, to: number): { start: number; end: number; match: string } {
  const last = Math.max(from, to - 1);
  const start = f.norm.start[from] ?? 0;
  const end = f.norm.start.length === 0 ? start : originalEnd(f.original, f.norm, last);
  return { start, end, match: f.original.slice(start, end) };
}

/** The original span of tokens first..last. */
export function tokenSpan(f: FieldContext, first: number, last: number): { start: number; end: number; match: string } {
  const a = f.tokens[first];
  const b = f.tokens[last];
  if (a === undefined || b === undefined) return { start: 0, end: 0, match: '' };
  return spanOf(f, a.start, b.end);
}

function masks(kinds: readonly Kind[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const k of kinds) {
    const bit = KIND_BIT[k];
    if (bit < 32) lo |= 1 << bit;
    else hi |= 1 << (bit - 32);
  }
  return [lo, hi];
}

/** Whether token `i` is covered by an entry of one of `kinds`. */
export function isKind(f: FieldContext, i: number, ...kinds: Kind[]): boolean {
  const lo = f.kindLo[i];
  const hi = f.kindHi[i];
  if (lo === undefined || hi === undefined || (lo | hi) === 0) return false;
  const [mlo, mhi] = masks(kinds);
  return (lo & mlo) !== 0 || (hi & mhi) !== 0;
}

/**
 * Whether the original text of a span hides letters: tatweel, zero-width joiners, marks, or
 * symbols slipped between letters (the tokenizer drops them from Persian words).
 */
export function hidesLetters(original: string, start: number, end: number): boolean {
  let zwnj = 0;
  for (let k = start; k < end; k++) {
    const c = original.charCodeAt(k);
    if (c === 0x200c) zwnj++;
    else if (isInvisibleOrMark(c) || c === 0x40 || c === 0x23 || c === 0x24 || c === 0x25 || c === 0x26) return true;
  }
  return zwnj >= 2;
}

/** The index of the first token that starts at or after normalized offset `at` (binary search). */
export function tokenIndexAt(f: FieldContext, at: number): number {
  let lo = 0;
  let hi = f.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((f.tokens[mid]?.start ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the field holds an entry of one of `kinds` anywhere (lets a phase return early). */
export function fieldHas(f: FieldContext, ...kinds: Kind[]): boolean {
  const [mlo, mhi] = masks(kinds);
  for (let s = 0; s < f.sentenceLo.length; s++) {
    if (((f.sentenceLo[s] ?? 0) & mlo) !== 0 || ((f.sentenceHi[s] ?? 0) & mhi) !== 0) return true;
  }
  return false;
}

/** Whether the sentence of token i holds an entry of one of `kinds`. */
export function sentenceHas(f: FieldContext, i: number, ...kinds: Kind[]): boolean {
  const s = f.tokens[i]?.sentence ?? -1;
  const lo = f.sentenceLo[s];
  const hi = f.sentenceHi[s];
  if (lo === undefined || hi === undefined || (lo | hi) === 0) return false;
  const [mlo, mhi] = masks(kinds);
  return (lo & mlo) !== 0 || (hi & mhi) !== 0;
}

/**
 * Whether a word of one of `kinds` is near normalized offset `at`: in the same sentence as
 * the word that follows `at`, or ending at most `reach` characters before it.
 */
export function cueNear(f: FieldContext, at: number, reach: number, ...kinds: Kind[]): boolean {
  const i = tokenIndexAt(f, at);
  const anchor = Math.min(i, f.tokens.length - 1);
  if (anchor < 0) return false;
  if (sentenceHas(f, anchor, ...kinds)) return true;
  for (let k = i - 1; k >= 0; k--) {
    const t = f.tokens[k];
    if (t === undefined || at - t.end > reach) break;
    if (isKind(f, k, ...kinds)) return true;
  }
  return false;
}
