import { describe, expect, it } from 'vitest';
import { toLatinDigits, toPersianDigits } from './index.js';

describe('digits', () => {
  it('writes Latin and Arabic-Indic digits as Persian digits', () => {
    expect(toPersianDigits('1405/09/07')).toBe('۱۴۰۵/۰۹/۰۷');
    expect(toPersianDigits('٢٠ مهر')).toBe('۲۰ مهر');
    expect(toPersianDigits(1405)).toBe('۱۴۰۵');
    expect(toPersianDigits(-2.5)).toBe('-۲.۵');
  });

  it('writes Persian and Arabic-Indic digits as Latin digits', () => {
    expect(toLatinDigits('۱۴۰۵ و ٢٠')).toBe('1405 و 20');
    expect(Number(toLatinDigits('۸۸۴۸'))).toBe(8848);
  });

  it('leaves everything else alone, including text without digits', () => {
    const text = 'iOS و کووید';
    expect(toPersianDigits(text)).toBe(text);
    expect(toLatinDigits(text)).toBe(text);
    expect(toPersianDigits('')).toBe('');
  });

  it('round-trips every digit', () => {
    expect(toLatinDigits(toPersianDigits('0123456789'))).toBe('0123456789');
    expect(toPersianDigits(toLatinDigits('۰۱۲۳۴۵۶۷۸۹'))).toBe('۰۱۲۳۴۵۶۷۸۹');
  });
});
