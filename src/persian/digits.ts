// Digit conversion between the Latin (ASCII), Arabic-Indic and Persian digit systems.
import { digitValue } from './letters.js';

const PERSIAN_ZERO = 0x6f0;
const LATIN_ZERO = 0x30;

function mapDigits(text: string, zero: number, isSource: (code: number) => boolean): string {
  let out = '';
  let copiedUpTo = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isSource(code)) continue;
    out += text.slice(copiedUpTo, i) + String.fromCharCode(zero + digitValue(code));
    copiedUpTo = i + 1;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

const isLatinOrArabicIndic = (code: number): boolean => (code >= 0x30 && code <= 0x39) || (code >= 0x660 && code <= 0x669);
const isPersianOrArabicIndic = (code: number): boolean => (code >= 0x6f0 && code <= 0x6f9) || (code >= 0x660 && code <= 0x669);

/**
 * Writes Latin (0–9) and Arabic-Indic (٠–٩) digits as Persian digits (۰–۹); everything
 * else, including the decimal point of a number, is left as it is.
 * A number is first written with `String(n)` (so `1e21` stays in exponent form).
 * @example toPersianDigits(1405) === '۱۴۰۵'; toPersianDigits('iOS 17') === 'iOS ۱۷'
 */
export function toPersianDigits(s: string | number): string {
  return mapDigits(typeof s === 'number' ? String(s) : s, PERSIAN_ZERO, isLatinOrArabicIndic);
}

/**
 * Writes Persian (۰–۹) and Arabic-Indic (٠–٩) digits as Latin digits (0–9); everything else
 * is left as it is. Useful before `Number()` / `parseInt()` on user input.
 * @example toLatinDigits('۱۴۰۵/۰۹/۰۷') === '1405/09/07'
 */
export function toLatinDigits(s: string): string {
  return mapDigits(s, LATIN_ZERO, isPersianOrArabicIndic);
}
