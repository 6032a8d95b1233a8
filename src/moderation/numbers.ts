// Numbers in a comment: finding digit runs (with the spaces and dashes people put inside phone
// numbers) and the checks that tell an identifier from a price or a year.
// All scanning is a single forward pass; no regular expression runs over the whole text.

/** A run of digits, possibly in groups («0912 345 6789», «051-38442211»). */
export interface DigitRun {
  /** The digits only, ASCII. */
  readonly digits: string;
  /** Offsets into the normalized text, from the first digit (or '+') to the last digit. */
  readonly start: number;
  readonly end: number;
  /** How many groups the digits were written in. */
  readonly groups: number;
  /** Up to two Latin letters written right before the first digit («ir» of an IBAN). */
  readonly prefix: string;
  /** Whether a Latin letter is glued to the run on either side («v2ray», «4g», «mp3»). */
  readonly glued: boolean;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLatinLetter = (c: number): boolean => c >= 0x61 && c <= 0x7a;
// What may stand between the groups of one number: space, hyphen, dashes, parentheses, underscore.
const isJoiner = (c: number): boolean => c === 0x20 || c === 0x2d || c === 0x2013 || c === 0x2014 || c === 0x28 || c === 0x29 || c === 0x5f;
/** Longest run considered; anything longer identifies nothing we know. */
const MAX_DIGITS = 34;

/** Runs shorter than this identify no one (years, prices, hotlines) and are not collected. */
const MIN_DIGITS = 5;

/** Finds the digit runs of a normalized text (digits are ASCII after normalization). */
export function scanDigitRuns(s: string): DigitRun[] {
  const runs: DigitRun[] = [];
  const n = s.length;
  let i = 0;
  while (i < n && runs.length < 64) {
    if (!isDigit(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let start = i;
    if (i > 0 && s.charCodeAt(i - 1) === 0x2b) start = i - 1; // a leading '+'
    let digits = '';
    let groups = 0;
    let end: number;
    for (;;) {
      groups++;
      while (i < n && isDigit(s.charCodeAt(i))) {
        if (digits.length <= MAX_DIGITS) digits += s[i];
        i++;
      }
      end = i;
      // Up to three joiner characters, then more digits, continue the same number.
      let j = i;
      while (j < n && j - i < 3 && isJoiner(s.charCodeAt(j))) j++;
      if (j > i && j < n && isDigit(s.charCodeAt(j))) {
        i = j;
        continue;
      }
      break;
    }
    let prefix = '';
    for (let k = start - 1; k >= 0 && k >= start - 2 && isLatinLetter(s.charCodeAt(k)); k--) prefix = s[k] + prefix;
    // Persian letters glued to a number are only missing spaces («شماره‌م۰۹۱۲…»); Latin ones
    // make it part of a name («v2ray»).
    const glued = (start > 0 && isLatinLetter(s.charCodeAt(start - 1))) || (end < n && isLatinLetter(s.charCodeAt(end)));
    if (digits.length >= MIN_DIGITS) runs.push({ digits, start, end, groups, prefix, glued });
    i = end;
  }
  return runs;
}

/**
 * Iranian national code (کد ملی): ten digits, the last a check digit. With
 * s = Σ d[i]·(10 − i) for i = 0..8 and r = s mod 11, the check digit is r when r < 2 and
 * 11 − r otherwise. Codes of one repeated digit are not issued.
 */
export function isValidNationalCode(d: string): boolean {
  if (!/^[0-9]{10}$/.test(d) || /^(\d)\1{9}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  const r = sum % 11;
  const check = Number(d[9]);
  return r < 2 ? check === r : check === 11 - r;
}

/** Luhn (mod 10) check used by bank card numbers, Iranian ones included. */
export function luhnValid(d: string): boolean {
  if (!/^[0-9]{12,19}$/.test(d) || /^(\d)\1+$/.test(d)) return false;
  let sum = 0;
  let double = false;
  for (let i = d.length - 1; i >= 0; i--) {
    let x = Number(d[i]);
    if (double) {
      x *= 2;
      if (x > 9) x -= 9;
    }
    sum += x;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * IBAN check (ISO 13616): move the country code and check digits to the end, read letters
 * as numbers (A = 10 … Z = 35), and the whole number mod 97 must be 1. Iranian IBANs (شبا)
 * are «IR» + 24 digits.
 */
export function ibanValid(country: string, digits: string): boolean {
  const cc = country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(cc) || !/^[0-9]{4,32}$/.test(digits)) return false;
  const rearranged = digits.slice(2) + String(cc.charCodeAt(0) - 55) + String(cc.charCodeAt(1) - 55) + digits.slice(0, 2);
  let rem = 0;
  for (const ch of rearranged) rem = (rem * 10 + Number(ch)) % 97;
  return rem === 1;
}

/**
 * Iranian postal code: ten digits; by the national post's numbering, the first five digits use
 * neither 0 nor 2, and the code does not start with 0.
 */
export function isPlausiblePostalCode(d: string): boolean {
  return /^[0-9]{10}$/.test(d) && !/[02]/.test(d.slice(0, 5));
}

/** What a digit run is, judged from its digits alone (cues decide the rest, in the phases). */
export type NumberKind = 'mobile' | 'landline' | 'national-code' | 'card' | 'iban' | 'ten-digits' | 'eight-digits' | 'other';

/** Classifies a run by length, prefix and check digits. */
export function classifyDigits(run: DigitRun): NumberKind {
  const d = run.digits;
  const L = d.length;
  if (L === 24 && run.prefix === 'ir') return 'iban';
  if (L === 11 && d.startsWith('09')) return 'mobile';
  if (L === 12 && d.startsWith('989')) return 'mobile';
  if (L === 13 && d.startsWith('00989')) return 'mobile';
  if (L === 11 && d[0] === '0' && d[1] !== '0' && d[1] !== '9') return 'landline';
  if (L === 12 && d.startsWith('98') && d[2] !== '9' && d[2] !== '0' && run.start < run.end && run.groups > 1) return 'landline';
  if (L === 16 && luhnValid(d)) return 'card';
  if (L === 10) return isValidNationalCode(d) ? 'national-code' : 'ten-digits';
  if (L === 8 && d[0] !== '0') return 'eight-digits';
  return 'other';
}
