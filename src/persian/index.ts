// Persian text handling for Dabir: digits, Jalali dates, normalization, search tokens,
// names written in both scripts, slugs and bidi runs. Everything here is pure: plain data
// in, plain data out; the only I/O is reading the word lists in ./data when the module loads.
export { toLatinDigits, toPersianDigits } from './digits.js';
export {
  JALALI_MONTH_NAMES,
  JALALI_WEEKDAY_NAMES,
  TEHRAN,
  formatJalaliDate,
  formatJalaliDateTime,
  fromJalali,
  isJalaliLeapYear,
  jalaliMonthLength,
  toJalali,
  wallClockMs,
} from './jalali.js';
export type { JalaliDateInput, JalaliDateTime } from './jalali.js';
export { isArabicScriptLetter, normalizeText } from './normalize.js';
// The letter data and the data-file reader, for the moderation engine's matching normalizer.
export { KEEP, LETTER_MAPS, REMOVE, digitValue, type LetterLevel } from './letters.js';
export { dataFileLines, readDataFileAt, type DataFileLine } from './data.js';
export { normalizeForSearch, searchTerms, searchTokens, tokenizeWithOffsets } from './search.js';
export type { SearchTerm, SearchTokenOptions, TokenSpan } from './search.js';
export { createSynonyms } from './synonyms.js';
export { withoutClitic } from './clitics.js';
export type { Synonyms } from './synonyms.js';
export { FALLBACK_SLUG, encodeSlugForUrl, slugify } from './slug.js';
export { nameDistance, nameScript, nameSkeleton, sameName, sameNameBudget } from './names.js';
export { isolateLatin } from './bidi.js';
export type { BidiRun } from './bidi.js';
