import { describe, expect, it } from 'vitest';
import { FALLBACK_SLUG, encodeSlugForUrl, slugify } from './index.js';

describe('slugify', () => {
  it('makes a readable Persian slug with dashes for spaces, ZWNJ and punctuation', () => {
    expect(slugify('کارون خشک شد؟ واکنش مسوولان آب خوزستان')).toBe('کارون-خشک-شد-واکنش-مسوولان-آب-خوزستان');
    expect(slugify('سامانه رجیستری؛ گوشی‌های مسافری')).toBe('سامانه-رجیستری-گوشی-های-مسافری');
  });

  it('normalizes letters, drops marks and tatweel, writes digits in Latin and Latin in lower case', () => {
    expect(slugify('قيمت مسكن ۸۰ ميليون')).toBe('قیمت-مسکن-80-میلیون');
    expect(slugify('حافِظ و بسکتبـــال')).toBe('حافظ-و-بسکتبال');
    expect(slugify('iOS 17.2 و Wi-Fi 6')).toBe('ios-17-2-و-wi-fi-6');
    expect(slugify("Don't panic")).toBe('dont-panic');
  });

  it('never leaves dashes at the ends or two in a row', () => {
    expect(slugify(' -- «سلام» -- دنیا!! ')).toBe('سلام-دنیا');
  });

  it('cuts on a word boundary, counting code points', () => {
    expect(slugify('یک دو سه چهار', 8)).toBe('یک-دو-سه');
    expect(slugify('یک دو سه چهار', 7)).toBe('یک-دو');
    expect(slugify('آزمایش‌گاه', 4)).toBe('آزما');
    expect([...slugify('😀 '.repeat(3) + 'ab'.repeat(100))].length).toBeLessThanOrEqual(80);
  });

  it('falls back to «news» when the title has no letters or digits', () => {
    expect(slugify('')).toBe(FALLBACK_SLUG);
    expect(slugify('؟!… 😀')).toBe('news');
  });

  it('rejects a maxLength that is not a positive integer', () => {
    expect(() => slugify('x', 0)).toThrow(RangeError);
  });
});

describe('encodeSlugForUrl', () => {
  it('percent-encodes Persian letters as UTF-8', () => {
    expect(encodeSlugForUrl('کارون-خشک')).toBe('%DA%A9%D8%A7%D8%B1%D9%88%D9%86-%D8%AE%D8%B4%DA%A9');
    expect(decodeURIComponent(encodeSlugForUrl('قیمت-مسکن-80'))).toBe('قیمت-مسکن-80');
    expect(encodeSlugForUrl('wi-fi-6')).toBe('wi-fi-6');
  });

  it('keeps slashes between segments and survives lone surrogates', () => {
    expect(encodeSlugForUrl('a b/ج')).toBe('a%20b/%D8%AC');
    expect(encodeSlugForUrl('x\ud800')).toBe('x%EF%BF%BD');
  });
});
