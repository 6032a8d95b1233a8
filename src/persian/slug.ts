// Readable URL slugs from Persian (and any other) titles.
import { LETTER_MAPS, REMOVE, ZWNJ, digitValue } from './letters.js';

const SLUG_MAP = LETTER_MAPS.slug;
const RE_LETTER = /\p{L}/u;
const RE_DROPPED = /[\p{M}\p{Cf}]/u;
/** Apostrophes join the letters around them («don't» → dont) instead of separating them. */
const APOSTROPHES = new Set([0x27, 0x2019, 0x2bc, 0x2018]);

/** The slug given for a title with no letters or digits at all (only punctuation or emoji). */
export const FALLBACK_SLUG = 'news';

/**
 * A readable slug for a title, for URLs like `/news/{code}/{slug}`.
 * - Letters keep their script: Persian stays Persian («قیمت-بنزین»), with Arabic letter
 *   shapes normalized (ي → ی, ك → ک, ۀ → ه), vowel marks, tatweel and invisible characters
 *   removed; compatibility forms are unfolded (NFKC); other letters are lower-cased.
 * - Digits of every system become Latin digits.
 * - Spaces, ZWNJ and all punctuation separate words, which are joined by single «-»;
 *   apostrophes are dropped; there is no dash at either end and never two in a row.
 * - At most `maxLength` code points: the slug is cut after the last whole word that fits,
 *   or, when the first word alone is longer, inside it.
 * - A title without any letter or digit (empty, only punctuation or emoji) gives
 *   {@link FALLBACK_SLUG}, «news» (cut to `maxLength`), so a slug is never empty.
 * slugify(slugify(t)) === slugify(t). The slug is not URL-encoded: see {@link encodeSlugForUrl}.
 * @throws RangeError when maxLength is not a positive integer.
 */
export function slugify(title: string, maxLength = 80): string {
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength ${maxLength} is not a positive integer`);
  const text = title.normalize('NFKC').toLowerCase().normalize('NFKC');
  const words: string[] = [];
  let word = '';
  const endWord = (): void => {
    if (word !== '') words.push(word);
    word = '';
  };
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x10000) {
      const mapped = SLUG_MAP[code] ?? 0;
      if (mapped === REMOVE) continue;
      if (mapped !== 0) {
        word += String.fromCharCode(mapped);
        continue;
      }
      const digit = digitValue(code);
      if (digit >= 0) {
        word += String(digit);
        continue;
      }
      if (code === ZWNJ) {
        endWord();
        continue;
      }
      if (APOSTROPHES.has(code)) continue;
    }
    if (RE_LETTER.test(ch)) word += ch;
    else if (!RE_DROPPED.test(ch)) endWord();
  }
  endWord();
  if (words.length === 0) return FALLBACK_SLUG.slice(0, maxLength);
  let slug = '';
  let length = 0; // in code points
  for (const w of words) {
    const wordLength = [...w].length;
    const needed = length === 0 ? wordLength : wordLength + 1;
    if (length + needed > maxLength) {
      if (length === 0) slug = [...w].slice(0, maxLength).join('');
      break;
    }
    slug += length === 0 ? w : `-${w}`;
    length += needed;
  }
  return slug;
}

/**
 * A slug written for a URL path: each `/`-separated segment percent-encoded with
 * `encodeURIComponent` (UTF-8), so Persian letters become `%D9%82…` and the result holds only
 * unreserved ASCII characters, `%XX` escapes and the `/` between segments. Lone surrogates,
 * which cannot be encoded, are first replaced by U+FFFD. Browsers show the decoded letters.
 */
export function encodeSlugForUrl(slug: string): string {
  return wellFormed(slug).split('/').map(encodeURIComponent).join('/');
}

/** The string with every lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, ES2024). */
function wellFormed(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    } else if (!(c >= 0xdc00 && c <= 0xdfff)) {
      continue;
    }
    out += `${s.slice(from, i)}\uFFFD`;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}
