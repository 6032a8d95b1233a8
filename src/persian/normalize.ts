// The gentle normalization applied to stored text (titles, leads, names): it fixes how the
// text was typed, never what it says.
import { KEEP, LETTER_MAPS, REMOVE, ZWNJ, isSpace } from './letters.js';

const DISPLAY = LETTER_MAPS.display;

/** True for letters of the Arabic script (basic, supplement, extended and presentation forms) and tatweel. */
export function isArabicScriptLetter(code: number): boolean {
  return (
    (code >= 0x0620 && code <= 0x064a) ||
    (code >= 0x066e && code <= 0x06d3) ||
    code === 0x06d5 ||
    (code >= 0x06ee && code <= 0x06ef) ||
    (code >= 0x06fa && code <= 0x06fc) ||
    code === 0x06ff ||
    (code >= 0x0750 && code <= 0x077f) ||
    (code >= 0x08a0 && code <= 0x08c9) ||
    (code >= 0xfb50 && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfefc)
  );
}

/** Arabic combining marks (harakat, superscript alef, Quranic signs), which sit on a letter. */
function isArabicMark(code: number): boolean {
  return (
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x06d6 && code <= 0x06ed && code !== 0x06dd && code !== 0x06de && code !== 0x06e5 && code !== 0x06e6)
  );
}

/** Does a ZWNJ at `at` sit between two Arabic-script letters (marks on the letters allowed)? */
function zwnjBetweenLetters(text: string, at: number): boolean {
  let before = at - 1;
  while (before >= 0 && (isArabicMark(text.charCodeAt(before)) || text.charCodeAt(before) === ZWNJ)) before--;
  let after = at + 1;
  while (after < text.length && (isArabicMark(text.charCodeAt(after)) || text.charCodeAt(after) === ZWNJ)) after++;
  return before >= 0 && after < text.length && isArabicScriptLetter(text.charCodeAt(before)) && isArabicScriptLetter(text.charCodeAt(after));
}

/**
 * The gentle normalization for stored and displayed text. It changes how the text was
 * typed, never what it says:
 * - Arabic letter shapes become the Persian ones: ي ى → ی, ك → ک, and the Urdu/Kurdish
 *   heh shapes → ه (data/letters.txt, level `display`); hamza, ۀ and vowel marks are kept;
 * - Arabic-Indic digits (٠–٩) become Persian digits (۰–۹); Latin digits are kept, since they
 *   may belong to Latin text («iOS 17»);
 * - runs of spaces, tabs and Unicode spaces (NBSP, thin space…) become one space; line
 *   breaks are kept, with spaces around them removed, `\r\n` read as `\n` and more than one
 *   blank line reduced to one;
 * - a run of ZWNJ becomes one, and a ZWNJ that does not stand between two Arabic-script
 *   letters (next to a space, punctuation, a digit, Latin, or at either end) is removed;
 * - the result is trimmed.
 * The function is idempotent: normalizeText(normalizeText(s)) === normalizeText(s).
 */
export function normalizeText(s: string): string {
  let out = '';
  let pendingSpace = false; // a run of horizontal space seen, not yet written
  let newlines = 0; // line breaks seen in the current run of white space
  let wroteSomething = false;
  for (let i = 0; i < s.length; i++) {
    let code = s.charCodeAt(i);
    if (code === 0x0d) {
      // \r\n is one line break; a lone \r is a line break too
      if (s.charCodeAt(i + 1) === 0x0a) continue;
      code = 0x0a;
    }
    if (code === 0x0a || code === 0x2028 || code === 0x2029) {
      newlines++;
      continue;
    }
    if (isSpace(code)) {
      pendingSpace = true;
      continue;
    }
    if (code === ZWNJ) {
      // written only between two letters, and only once (the run's other ZWNJs are skipped
      // because the next character is a ZWNJ, not a letter)
      if (pendingSpace || newlines > 0 || s.charCodeAt(i + 1) === ZWNJ || !zwnjBetweenLetters(s, i)) continue;
    }
    if (wroteSomething) {
      if (newlines > 0) out += newlines > 1 ? '\n\n' : '\n';
      else if (pendingSpace) out += ' ';
    }
    pendingSpace = false;
    newlines = 0;
    if (code >= 0x660 && code <= 0x669) {
      out += String.fromCharCode(code - 0x660 + 0x6f0);
    } else {
      const mapped = DISPLAY[code] ?? KEEP;
      if (mapped === KEEP) out += s[i];
      else if (mapped !== REMOVE) out += String.fromCharCode(mapped);
    }
    wroteSomething = true;
  }
  return out;
}
