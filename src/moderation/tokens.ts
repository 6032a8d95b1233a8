// Splits normalized text into words with a Persian word-boundary rule.
//
// A word is a run of letters of one script (Persian/Arabic or Latin), with digits and leet
// symbols kept inside Latin words (j4kesh, sh!t), the mask character `*` (or a run of it) kept
// inside any word (م*درج*ده, ج***ه), and symbols slipped between Persian letters dropped
// from the word (ج@نده). Everything else (spaces, punctuation, emoji) is a boundary. The
// zero-width non-joiner is *not* a boundary: normalization has already removed it, joining
// «نسخه‌های» into one word, as a Persian reader reads it (a "not a letter" boundary, as in many
// English filters, would split Persian words at every half-space; STYLE.md 5).
//
// Letters written apart to dodge a filter («ک ی ر», «ک.س.ک.ش», «f u c k») are put back
// together here: a run of single letters separated only by spaces or separator symbols
// becomes one word. Two letters are merged only when a separator symbol shows the intent
// («ک.س»); with plain spaces it takes three, since single-letter words exist («و»).

/** A word of the normalized text. */
export interface Token {
  /** The word as matched: normalized letters, digits and masks. */
  readonly text: string;
  /** Offsets into the normalized text. */
  readonly start: number;
  readonly end: number;
  /** Which alphabet the word is written in; `digit` for a number. */
  readonly script: 'fa' | 'latin' | 'digit';
  /** Position in the token list. */
  readonly index: number;
  /** Clauses are split by punctuation (، , . ! ? ؛ : …); sentences by . ! ? ؟ and newlines. */
  readonly clause: number;
  readonly sentence: number;
  /** Whether punctuation separates this word from the previous / next one. */
  readonly breakBefore: boolean;
  readonly breakAfter: boolean;
  /** True when the word was put together from letters written apart. */
  readonly split: boolean;
}

/** Persian/Arabic letters of the Arabic block (U+0621–U+06D3 minus punctuation and digits). */
export function isFaLetter(c: number): boolean {
  return (
    (c >= 0x0621 && c <= 0x063a) ||
    (c >= 0x0641 && c <= 0x064a) ||
    (c >= 0x066e && c <= 0x066f) ||
    (c >= 0x0671 && c <= 0x06d3) ||
    c === 0x06d5 ||
    (c >= 0x06ee && c <= 0x06ef) ||
    (c >= 0x06fa && c <= 0x06fc) ||
    c === 0x06ff
  );
}
const isLatin = (c: number): boolean => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const MASK = 0x2a; // '*'
// Persian digits that look like letters, read as those letters when written inside a Persian
// word: ۱ (one) is a stroke like ا (alef), ۵ (five) is shaped like ه (heh): «ج۱کش», «جند۵».
// (Normalization has already turned them into ASCII '1' and '5'.)
const FA_LOOK_ALIKE = new Map<number, string>([
  [0x31, 'ا'],
  [0x35, 'ه'],
]);
// Symbols slipped between the letters of a Persian word to break it up («ج@نده», «ک#ونی»).
// Persian words never contain them, so they are dropped from the word.
const isFaMaskLike = (c: number): boolean => c === 0x40 || c === 0x23 || c === 0x24 || c === 0x25 || c === 0x26; // @ # $ % &
// Symbols read as letters inside Latin words (sh!t, a$$, b@stard), only between word characters.
const isLeetSymbol = (c: number): boolean => c === 0x40 || c === 0x24 || c === 0x21 || c === 0x7c;

// Character classes by UTF-16 code unit, built once (a table is faster than sets or ranges in
// the hot loop). Bit 1: ends a clause (. , ! ? ; : and the Arabic comma U+060C, semicolon
// U+061B, question mark U+061F, ellipsis, brackets, guillemets, quotes, newlines); bit 2: ends
// a sentence (. ! ? ؟ … newlines); bit 4: may separate letters written apart (spaces and
// separator symbols).
const CLASS = new Uint8Array(0x10000);
const mark = (chars: string, bit: number): void => {
  for (const c of chars) CLASS[c.charCodeAt(0)] = (CLASS[c.charCodeAt(0)] ?? 0) | bit;
};
mark('.,!?;:،؛؟…()[]{}«»"\n\r|', 1);
mark('.!?؟…\n\r', 2);
mark(" .-_/\\|+~·•,،:*^='`", 4);

interface Raw {
  text: string;
  start: number;
  end: number;
  script: 'fa' | 'latin' | 'digit';
  split: boolean;
}

function rawTokens(s: string): Raw[] {
  const out: Raw[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    let starsBeforeFa = false;
    if (c === MASK) {
      // A run of stars is scanned once: it starts a Persian word when a letter follows it,
      // and is skipped whole otherwise (so a line of stars costs linear time).
      const e = starRunEnd(s, i);
      starsBeforeFa = isFaLetter(s.charCodeAt(e));
      if (!starsBeforeFa && !isLatin(s.charCodeAt(i + 1))) {
        i = e;
        continue;
      }
    }
    if (isFaLetter(c) || starsBeforeFa) {
      const start = i;
      let lookAlike = false;
      let symbolMask = false;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (isFaLetter(d)) i++;
        else if (isFaMaskLike(d) && i > start && isFaLetter(s.charCodeAt(i - 1)) && isFaLetter(s.charCodeAt(i + 1))) {
          symbolMask = true;
          i++;
        } else if (d === MASK) {
          // A run of stars hides letters inside a word («ج***ه»): it belongs to the word when
          // a letter stands on either side of it.
          const e = starRunEnd(s, i);
          if (!(isFaLetter(s.charCodeAt(e)) || (i > start && isFaLetter(s.charCodeAt(i - 1))))) break;
          i = e;
        } else if (FA_LOOK_ALIKE.has(d) && i > start && isFaLetter(s.charCodeAt(i - 1)) && !isDigit(s.charCodeAt(i + 1))) {
          lookAlike = true;
          i++;
        } else break;
      }
      let text = s.slice(start, i);
      if (lookAlike) text = text.replace(/[15]/g, (d) => FA_LOOK_ALIKE.get(d.charCodeAt(0)) ?? d);
      if (symbolMask) text = text.replace(/[@#$%&]/g, '');
      out.push({ text, start, end: i, script: 'fa', split: false });
    } else if (isLatin(c) || isDigit(c) || (c === MASK && i + 1 < n && isLatin(s.charCodeAt(i + 1)))) {
      const start = i;
      let letters = 0;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (isLatin(d)) {
          letters++;
          i++;
        } else if (isDigit(d) || d === MASK) {
          i++;
        } else if (
          isLeetSymbol(d) &&
          i > start &&
          i + 1 < n &&
          (isLatin(s.charCodeAt(i + 1)) || isDigit(s.charCodeAt(i + 1)) || isLeetSymbol(s.charCodeAt(i + 1)))
        ) {
          i++;
        } else break;
      }
      // A run of digits followed by Persian letters is a number, not part of the word.
      out.push({ text: s.slice(start, i), start, end: i, script: letters > 0 ? 'latin' : 'digit', split: false });
    } else {
      i++;
    }
  }
  return out;
}

/** One past the run of mask characters that starts at i. */
function starRunEnd(s: string, i: number): number {
  let e = i;
  while (e < s.length && s.charCodeAt(e) === MASK) e++;
  return e;
}

function isSingleLetter(t: Raw): boolean {
  return t.script !== 'digit' && t.text.length === 1 && t.text !== '*';
}

// What may stand between letters written apart: any run of characters that are neither
// letters nor digits (Unicode punctuation P*, symbols S* (emoji, pictographs), separators Z*,
// format characters Cf), a few of them at most (an emoji is two code units, and may come with
// a variation selector or a space on either side).
const SEPARATOR_RUN = /^[\p{P}\p{S}\p{Z}\p{Cf}]{1,4}$/u;
const MAX_GAP = 8;

/** Whether the gap s[from, to) only holds separators; reports whether it holds a symbol. */
function splitGap(s: string, from: number, to: number): 'none' | 'space' | 'symbol' {
  if (to - from < 1 || to - from > MAX_GAP) return 'none';
  let symbol = false;
  let table = true;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (!((CLASS[c] ?? 0) & 4)) table = false;
    if (c !== 0x20) symbol = true;
  }
  if (table) return to - from <= 3 ? (symbol ? 'symbol' : 'space') : 'none';
  // Newlines end a sentence: letters on two lines are not one word.
  const gap = s.slice(from, to);
  if (gap.includes('\n') || gap.includes('\r') || !SEPARATOR_RUN.test(gap)) return 'none';
  return 'symbol';
}

// Endings that may follow the last of the letters written apart, after a half-space that
// normalization has removed («ج-ن-د-ه‌ها» → the letters, then «هها»): the last token is one
// letter glued to one of these.
const SPLIT_TAIL = new Set(['ها', 'های', 'هایی', 'هاش', 'هات', 'هاتون', 'هاشون', 'هامون', 'هارو', 'ای', 'ی', 'ا', 'ان', 'ت', 'ش', 'تون', 'شون', 'ام']);

/** Puts letters written apart back together (in place). */
function mergeSplitLetters(s: string, raw: Raw[]): Raw[] {
  let hasSingles = false;
  for (const t of raw) if (isSingleLetter(t)) hasSingles = true;
  if (!hasSingles) return raw;
  const out: Raw[] = [];
  let i = 0;
  while (i < raw.length) {
    const first = raw[i];
    if (first === undefined) break;
    if (isSingleLetter(first)) {
      let j = i;
      let symbol = false;
      while (j + 1 < raw.length) {
        const a = raw[j];
        const b = raw[j + 1];
        if (a === undefined || b === undefined || !isSingleLetter(b) || b.script !== first.script) break;
        const gap = splitGap(s, a.end, b.start);
        if (gap === 'none') break;
        if (gap === 'symbol') symbol = true;
        j++;
      }
      const count = j - i + 1;
      if (count >= 3 || (count === 2 && symbol)) {
        let text = '';
        for (let k = i; k <= j; k++) text += raw[k]?.text ?? '';
        // One more letter with an ending glued to it («… د-ه‌ها»): part of the word.
        const tail = raw[j + 1];
        const lastSingle = raw[j];
        if (
          tail !== undefined &&
          lastSingle !== undefined &&
          tail.script === first.script &&
          tail.text.length > 1 &&
          SPLIT_TAIL.has(tail.text.slice(1)) &&
          splitGap(s, lastSingle.end, tail.start) !== 'none'
        ) {
          text += tail.text;
          j++;
        }
        const last = raw[j];
        out.push({ text, start: first.start, end: last?.end ?? first.end, script: first.script, split: true });
        i = j + 1;
        continue;
      }
    }
    out.push(first);
    i++;
  }
  return out;
}

/** Splits a normalized text into tokens (see the module comment for the rules). */
export function tokenize(s: string): Token[] {
  const merged = mergeSplitLetters(s, rawTokens(s));
  const tokens: { -readonly [K in keyof Token]: Token[K] }[] = [];
  let clause = 0;
  let sentence = 0;
  let prevEnd = 0;
  for (const t of merged) {
    const first = tokens.length === 0;
    let bits = 0;
    for (let p = prevEnd; p < t.start; p++) bits |= CLASS[s.charCodeAt(p)] ?? 0;
    const clauseBreak = (bits & 1) !== 0;
    if (!first && clauseBreak) clause++;
    if (!first && (bits & 2) !== 0) sentence++;
    const prev = tokens[tokens.length - 1];
    if (prev !== undefined) prev.breakAfter = clauseBreak;
    tokens.push({
      text: t.text,
      start: t.start,
      end: t.end,
      script: t.script,
      index: tokens.length,
      clause,
      sentence,
      breakBefore: first || clauseBreak,
      breakAfter: true,
      split: t.split,
    });
    prevEnd = t.end;
  }
  return tokens;
}
