// Splitting mixed Persian/Latin text so that templates can isolate the Latin runs.
//
// In a right-to-left paragraph, a Latin run with inner punctuation or numbers («iOS 17.2»,
// «Wi-Fi 6») is reordered by the Unicode Bidirectional Algorithm (UAX #9) into nonsense
// («17.2 iOS», «6 Wi-Fi»). Wrapping each run in <bdi> or <span dir="ltr"> keeps it whole.

/** A piece of text and whether it is a left-to-right (Latin) run. */
export interface BidiRun {
  /** The piece, exactly as in the input. */
  text: string;
  /** True for a Latin run to isolate as left-to-right. */
  latin: boolean;
}

const RE_LATIN = /\p{Script=Latin}/u;

function isLatinLetter(code: number): boolean {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (code < 0xaa || (code >= 0x2c00 && code < 0xa720) || code > 0xffff) return false;
  return RE_LATIN.test(String.fromCharCode(code));
}

const isAsciiDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/**
 * Punctuation that may sit inside a Latin run: «Wi-Fi», «17.2», «C++», «user@host», «don't».
 * Unicode's other hyphens count as the ASCII hyphen: word processors and Persian keyboards
 * type «Wi‑Fi» with U+2011 NON-BREAKING HYPHEN so that the name never breaks across lines,
 * and a run must not split there either.
 */
function isConnector(code: number): boolean {
  switch (code) {
    case 0x2d: // -
    case 0x2010: // ‐ HYPHEN
    case 0x2011: // ‑ NON-BREAKING HYPHEN
    case 0x2012: // ‒ FIGURE DASH (between digits: «2024‒2025»)
    case 0x2013: // – EN DASH (ranges: «A–B»)
    case 0x00ad: // SOFT HYPHEN (an invisible break point inside a word)
    case 0xfe63: // ﹣ SMALL HYPHEN-MINUS
    case 0xff0d: // － FULLWIDTH HYPHEN-MINUS
    case 0x2027: // ‧ HYPHENATION POINT
    case 0x02bc: // ʼ MODIFIER LETTER APOSTROPHE (as ’ in «don’t»)
    case 0x2e: // .
    case 0x5f: // _
    case 0x2f: // /
    case 0x3a: // :
    case 0x2b: // +
    case 0x27: // '
    case 0x2019: // ’
    case 0x23: // #
    case 0x40: // @
    case 0x26: // &
    case 0x2c: // ,  (as in 1,500)
      return true;
    default:
      return false;
  }
}

/** Connectors that end a run only as part of a name («C++», «C#»); others are trimmed off its end. */
const keepsAtEnd = (code: number): boolean => code === 0x2b || code === 0x23;

/** Horizontal spaces allowed between the words of one run. */
const isRunSpace = (code: number): boolean => code === 0x20 || code === 0xa0 || code === 0x202f;

/**
 * The end of the "word" at `i`: Latin letters, ASCII digits and connectors, no spaces.
 * Returns [end, hasLatinLetter].
 */
function wordAt(text: string, i: number): [number, boolean] {
  let j = i;
  let latin = false;
  while (j < text.length) {
    const code = text.charCodeAt(j);
    if (isLatinLetter(code)) latin = true;
    else if (!isAsciiDigit(code) && !isConnector(code)) break;
    j++;
  }
  return [j, latin];
}

/**
 * Splits text into Persian (and other right-to-left or neutral) pieces and Latin runs, in
 * order; joining the pieces' `text` gives the input back. A Latin run starts at a word
 * containing a Latin letter and takes the words that follow it after single spaces while
 * they are Latin words or numbers, with their inner punctuation: «Wi-Fi 6», «iOS 17.2»,
 * «Galaxy S24 Ultra». Punctuation at a run's ends stays outside it («(Signal).» →
 * «(», «Signal», «).»), except a closing + or # («C++», «C#»). Numbers on their own are
 * not runs: digits read the same in either direction.
 * @example isolateLatin('نسخه iOS 17.2 آمد') → [{ text: 'نسخه ', latin: false }, { text: 'iOS 17.2', latin: true }, { text: ' آمد', latin: false }]
 */
export function isolateLatin(text: string): BidiRun[] {
  const runs: BidiRun[] = [];
  let pieceStart = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (!isLatinLetter(code) && !isAsciiDigit(code) && code !== 0x23 && code !== 0x40) {
      i++;
      continue;
    }
    // a word starting here (after a non-word character)
    const [wordEnd, latin] = wordAt(text, i);
    const startsWord = i === 0 || !(isLatinLetter(text.charCodeAt(i - 1)) || isAsciiDigit(text.charCodeAt(i - 1)));
    if (!latin || !startsWord || wordEnd === i) {
      i = Math.max(wordEnd, i + 1);
      continue;
    }
    // extend over "space word" while the word is Latin or a number
    let runEnd = wordEnd;
    for (;;) {
      let k = runEnd;
      while (k < text.length && isRunSpace(text.charCodeAt(k))) k++;
      if (k === runEnd || k - runEnd > 1 || k >= text.length) break;
      const next = text.charCodeAt(k);
      if (!isLatinLetter(next) && !isAsciiDigit(next)) break;
      const [nextEnd] = wordAt(text, k);
      runEnd = nextEnd;
    }
    // trim punctuation off both ends
    let runStart = i;
    while (runStart < runEnd && isConnector(text.charCodeAt(runStart)) && !(text.charCodeAt(runStart) === 0x23 || text.charCodeAt(runStart) === 0x40)) {
      runStart++;
    }
    while (runEnd > runStart && isConnector(text.charCodeAt(runEnd - 1)) && !keepsAtEnd(text.charCodeAt(runEnd - 1))) runEnd--;
    if (runEnd <= runStart) {
      i = wordEnd;
      continue;
    }
    if (runStart > pieceStart) runs.push({ text: text.slice(pieceStart, runStart), latin: false });
    runs.push({ text: text.slice(runStart, runEnd), latin: true });
    pieceStart = runEnd;
    i = runEnd;
  }
  if (pieceStart < text.length) runs.push({ text: text.slice(pieceStart), latin: false });
  return runs;
}
