// The matching normalizer: folds the many ways of writing the same Persian (or Latin) letter
// into one, removes the characters that are invisible to a reader, and keeps, for every
// character of the result, where it came from in the original text, so that a match found in
// the normalized text can be shown as a span of what the commenter typed.
//
// It is for matching only. Nothing here is shown to readers. Word-level tricks (letters split
// by spaces, repeated letters, masks, look-alike digits, Finglish) are handled by the tokenizer
// and the matcher, because undoing them needs to know where words are.
import { KEEP, LETTER_MAPS, REMOVE, digitValue } from '../persian/index.js';
import { readDataFile } from './data.js';

/** A normalized text with a map back to the original, in UTF-16 code units. */
export interface NormalizedText {
  /** The normalized text. */
  readonly text: string;
  /**
   * For each code unit `i` of `text`, the original code unit it came from (the start of the
   * original code point; a decomposed character maps all its parts to the same one). The end
   * is that code point's end: see `originalEnd`.
   */
  readonly start: Int32Array;
}

/** One past the original code point that normalized code unit `i` came from. */
export function originalEnd(original: string, norm: NormalizedText, i: number): number {
  const at = norm.start[i] ?? 0;
  const c = original.charCodeAt(at);
  return at + (c >= 0xd800 && c <= 0xdbff && at + 1 < original.length ? 2 : 1);
}

// The letter data is src/persian's search level (persian/data/letters.txt): the variants,
// marks and invisible characters that search folds or removes are folded or removed here
// too, and digits of every system become ASCII (persian's digitValue). lexicon/letters.txt
// holds only what matching does differently, each with its reason: more look-alike folds
// ([fold]: comments hide words, search need not), mappings not taken ([keep]), and more
// characters removed ([remove]).

/** Folds of BMP code points: the replacement text. */
const FOLD = new Map<number, string>();
/** 1 for each BMP code unit removed before matching. */
const REMOVED = new Uint8Array(0x10000);
{
  const own = readDataFile('letters.txt');
  const keep = new Set(own.filter((l) => l.section === 'keep').map((l) => codePoint(l.term)));
  const search = LETTER_MAPS.search;
  for (let c = 0; c < 0x10000; c++) {
    if (keep.has(c)) continue;
    const digit = c >= 0x80 ? digitValue(c) : -1;
    if (digit >= 0) FOLD.set(c, String.fromCharCode(0x30 + digit));
    else if (search[c] === REMOVE) REMOVED[c] = 1;
    else if (search[c] !== KEEP) FOLD.set(c, String.fromCharCode(search[c] ?? c));
  }
  for (const line of own) {
    if (line.section === 'fold') {
      const [from, to] = line.term.split(' ');
      if (from === undefined || to === undefined) throw new Error(`${line.where}: expected "FROM TO"`);
      FOLD.set(
        codePoint(from),
        to
          .split(',')
          .map((cp) => String.fromCodePoint(codePoint(cp)))
          .join(''),
      );
    } else if (line.section === 'remove') {
      const [first, last = first] = line.term.split('..').map(codePoint);
      if (first === undefined || last === undefined || last < first || last > 0xffff)
        throw new Error(`${line.where}: expected "U+XXXX" or "U+XXXX..U+YYYY" in the BMP`);
      for (let c = first; c <= last; c++) {
        REMOVED[c] = 1;
        FOLD.delete(c);
      }
    }
    // [keep] was read above; [leet] and [arabizi] are the Latin readings (latin.ts).
  }
}

function codePoint(spec: string): number {
  const m = /^U\+([0-9A-F]{4,6})$/i.exec(spec);
  if (m?.[1] !== undefined) return parseInt(m[1], 16);
  const cp = spec.codePointAt(0);
  if (cp === undefined) throw new Error(`bad code point ${spec}`);
  return cp;
}

/**
 * Characters removed before matching. They change nothing a reader sees, or only add a mark
 * above or below a letter, and are exactly what is slipped into a word to hide it: Arabic
 * vowel marks and Quranic signs, tatweel («کـــــثافت»), zero-width and bidi controls, the
 * soft hyphen (search's removals), and combining accents, ZWNJ and variation selectors
 * (lexicon/letters.txt [remove]). All are in the BMP.
 */
export function isInvisibleOrMark(cp: number): boolean {
  return cp <= 0xffff && REMOVED[cp] === 1;
}

const compatCache = new Map<number, string>();

/**
 * What a code point outside ASCII and the main Arabic block becomes, decided once and cached:
 * its compatibility decomposition (NFKD): Arabic presentation forms U+FB50–U+FDFF and
 * U+FE70–U+FEFF become their base letters («ﻙ» → «ك», «ﻻ» → «لا»), fullwidth and mathematical
 * Latin letters become ASCII, accented Latin letters lose their accents; then each resulting
 * character is folded, removed or lower-cased like any other.
 */
function compat(cp: number): string {
  let s = compatCache.get(cp);
  if (s === undefined) {
    const original = String.fromCodePoint(cp);
    const decomposed = original.normalize('NFKD');
    s = '';
    for (const ch of decomposed) {
      const c = ch.codePointAt(0) ?? 0;
      if (isInvisibleOrMark(c)) continue;
      const folded = FOLD.get(c);
      s += folded ?? (c <= 0x24f || (c >= 0x370 && c <= 0x52f) ? ch.toLowerCase() : ch);
    }
    if (compatCache.size < 8192) compatCache.set(cp, s);
  }
  return s;
}

// For each UTF-16 code unit of the BMP, what the normalizer does with it, built once:
// 0 = decide in code (decomposition, surrogates), 1 = keep as is, 2 = remove, 3 = fold (FOLD),
// 4 = ASCII upper case (add 32). The table keeps the per-character work to one lookup.
const ACTION = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (c < 0x80) ACTION[c] = c >= 0x41 && c <= 0x5a ? 4 : 1;
  else if (isInvisibleOrMark(c)) ACTION[c] = 2;
  else if (FOLD.has(c)) ACTION[c] = 3;
  else if (c >= 0x0600 && c <= 0x06ff) ACTION[c] = 1;
  else ACTION[c] = 0;
}

// Scratch buffers reused across calls (the engine is synchronous, so calls never overlap);
// only the final map is copied out. They grow to the longest text seen.
let scratchCodes = new Uint16Array(1024);
let scratchStart = new Int32Array(1024);

/** Normalizes `text` for matching and keeps the map back to it. */
export function normalizeWithMap(text: string): NormalizedText {
  const n = text.length;
  let codes = scratchCodes;
  let start = scratchStart;
  let cap = codes.length;
  let len = 0;
  const ensure = (more: number): void => {
    if (len + more <= cap) return;
    cap = Math.max(cap * 2, len + more + 16);
    const nc = new Uint16Array(cap);
    nc.set(codes.subarray(0, len));
    codes = scratchCodes = nc;
    const ns = new Int32Array(cap);
    ns.set(start.subarray(0, len));
    start = scratchStart = ns;
  };
  ensure(n + 16);

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const action = ACTION[c] ?? 0;
    if (action === 1 || action === 4) {
      if (len >= cap) ensure(1);
      codes[len] = action === 4 ? c + 32 : c;
      start[len] = i;
      len++;
      i++;
      continue;
    }
    if (action === 2) {
      i++;
      continue;
    }
    const cp = action === 3 ? c : (text.codePointAt(i) ?? c);
    const width = cp > 0xffff ? 2 : 1;
    const out = action === 3 ? (FOLD.get(c) ?? '') : compat(cp);
    ensure(out.length);
    for (let k = 0; k < out.length; k++) {
      codes[len] = out.charCodeAt(k);
      start[len] = i;
      len++;
    }
    i += width;
  }
  let out = '';
  // fromCharCode.apply takes any array-like, typed arrays included; chunks keep the argument
  // count far below engine limits.
  for (let k = 0; k < len; k += 8192) out += String.fromCharCode.apply(null, codes.subarray(k, Math.min(len, k + 8192)) as unknown as number[]);
  return { text: out, start: start.slice(0, len) };
}

/**
 * The matching normalizer, for other modules too: letter variants folded (ي→ی, ك→ک, ة→ه,
 * presentation forms), diacritics, tatweel, zero-width and bidi characters removed, Persian
 * and Arabic-Indic digits turned into ASCII, Latin lower-cased. Idempotent.
 */
export function normalizeForMatching(text: string): string {
  return normalizeWithMap(text).text;
}
