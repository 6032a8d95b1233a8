import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSynonyms,
  encodeSlugForUrl,
  fromJalali,
  isolateLatin,
  normalizeForSearch,
  normalizeText,
  searchTerms,
  searchTokens,
  slugify,
  toJalali,
  tokenizeWithOffsets,
} from './index.js';

// Any UTF-16 string, lone surrogates included.
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 });
// Any string of whole code points (astral ones included).
const anyCodePoints = fc.string({ unit: 'binary', maxLength: 200 });

// Persian text as it is typed: real words, compound parts, inflections, prefixes, stop words,
// names in both scripts, digits of three systems, marks, tatweel, written with spaces, ZWNJ,
// nothing or punctuation between them.
const pieces = [
  'پیام',
  'رسان',
  'رسانی',
  'های',
  'ها',
  'هایی',
  'ی',
  'ای',
  'اش',
  'تر',
  'ترین',
  'ان',
  'گان',
  'گی',
  'دندان',
  'پزشکی',
  'وزنه',
  'برداری',
  'آتش',
  'سوزی',
  'ثبت',
  'نام',
  'گذاری',
  'دانش',
  'آموز',
  'می',
  'نمی',
  'بی',
  'غیر',
  'حضوری',
  'نا',
  'فوق',
  'سنگین',
  'شود',
  'کند',
  'و',
  'در',
  'به',
  'از',
  'که',
  'این',
  'آن',
  'هم',
  'زمان',
  'کتاب',
  'خانه',
  'داروخانه',
  'بازنشسته',
  'بازنشستگان',
  'کاربران',
  'ایرانی',
  'تهران',
  'ایران',
  'مسئولان',
  'مسوولان',
  'تأمین',
  'هیئت',
  'رئیس',
  'جاده',
  'رایانه',
  'نمایش',
  'خانگی',
  'آموکسی',
  'سیلین',
  'قيمت',
  'مسكن',
  'كارون',
  'رودخانهٔ',
  'حافِظ',
  'بسکتبـــال',
  'واتس',
  'اپ',
  'واتساپ',
  'بیت',
  'کوین',
  'آپارات',
  'تلگرام',
  'Telegram',
  'WhatsApp',
  'speed',
  'test',
  'Wi-Fi',
  'iOS',
  'COVID-19',
  '۱۲۳',
  '٤٥٦',
  '789',
  '۱٬۵۰۰',
  '1,500',
  '۰۰۷',
  'ﻻ',
  'ﷲ',
  'Ａ',
  'é',
  '\u064b',
  '\u0654',
  '\u0640',
  '\u200b',
  '\u200d',
  'ئو',
  'وو',
  'ؤ',
  'ء',
  'ۀ',
  'ة',
  'أ',
  'إ',
  'آ',
  'فیس',
  'بوک',
  'خامنه',
  'گیری',
  'دوستان',
  'استان',
  'کم',
  'آبی',
  'نام‌گذاری',
  'پیام‌رسان',
  'شناسی',
  'کار',
  'رئیسی',
  'اسپید',
  'تست',
  'بین',
  'المللی',
  'مدارس',
  'کتب',
  'شبها',
  'دانشجویان',
  'روستایی',
  'گفت',
  'گو',
  'هایشان',
  'یان',
  'ین',
  'ات',
];
const separators = [' ', '\u200c', '', '، ', '. ', '\n', '-', '  ', ' \u200c', '؟ '];
const persianText = fc
  .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...separators)), { maxLength: 30 })
  .map((parts) => parts.map(([piece, sep]) => piece + sep).join(''));
const anyText = fc.oneof(persianText, anyUnits, anyCodePoints);

const synonyms = createSynonyms([
  ['پیام‌رسان', 'messenger'],
  ['نام گذاری', 'naming'],
]);

describe('search normalization properties', () => {
  it('reads its own output back unchanged (idempotent) for Persian-shaped text', () => {
    fc.assert(
      fc.property(persianText, (text) => {
        const tokens = searchTokens(text);
        expect(searchTokens(tokens.join(' '))).toEqual(tokens);
        expect(normalizeForSearch(normalizeForSearch(text))).toBe(normalizeForSearch(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads its own output back unchanged with an extended synonym table', () => {
    fc.assert(
      fc.property(persianText, (text) => {
        const tokens = searchTokens(text, { synonyms });
        expect(searchTokens(tokens.join(' '), { synonyms })).toEqual(tokens);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads its own output back unchanged for arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.oneof(anyUnits, anyCodePoints), (text) => {
        const once = normalizeForSearch(text);
        expect(normalizeForSearch(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and keeps output within a small multiple of the input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const normalized = normalizeForSearch(text);
        expect(normalized.length).toBeLessThanOrEqual(4 * text.length + 8);
        expect(searchTokens(text).length).toBeLessThanOrEqual(3 * text.length + 3);
        const spans = tokenizeWithOffsets(text);
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(text.length);
          expect(span.start).toBeLessThanOrEqual(span.end);
        }
        expect(spans.map((s) => s.token)).toEqual(searchTokens(text));
        searchTerms(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('makes tokens of letters and digits only, so any full-text engine keeps them whole', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const token of searchTokens(text)) {
          expect(token).toMatch(/^[\p{L}\p{N}]+$/u);
          expect(token.length).toBeLessThanOrEqual(64);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('display normalization properties', () => {
  it('is idempotent, never throws and never grows the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normalizeText(text);
        expect(normalizeText(once)).toBe(once);
        expect(once.length).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('slug properties', () => {
  it('is idempotent, never empty, bounded, and URL-safe once encoded', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 120 }), (text, max) => {
        const slug = slugify(text, max);
        expect(slug.length).toBeGreaterThan(0);
        expect([...slug].length).toBeLessThanOrEqual(Math.max(max, 4));
        expect(slugify(slug, max)).toBe(slug);
        expect(slug).not.toMatch(/^-|-$|--/);
        expect(encodeSlugForUrl(slug)).toMatch(/^[A-Za-z0-9\-_.!~*'()%]+$/);
      }),
      { numRuns: 3000 },
    );
  });

  it('encodes any string for a URL without throwing', () => {
    fc.assert(
      fc.property(anyUnits, (text) => {
        expect(encodeSlugForUrl(text)).toMatch(/^[A-Za-z0-9\-_.!~*'()%/]*$/);
      }),
    );
  });
});

describe('bidi properties', () => {
  it('splits any text into pieces that join back to it', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const runs = isolateLatin(text);
        expect(runs.map((r) => r.text).join('')).toBe(text);
        for (const run of runs) expect(run.text.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

const offsetName = (date: Date, timeZone: string): string => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).format(date);

describe('Jalali properties', () => {
  it('comes back within a minute from toJalali to fromJalali, in Tehran and elsewhere', () => {
    const instants = fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instants, fc.constantFrom('Asia/Tehran', 'UTC', 'Europe/Berlin', 'America/New_York'), (date, zone) => {
        const j = toJalali(date, zone);
        const back = fromJalali(j, zone);
        expect(toJalali(back, zone)).toEqual(j);
        // seconds are dropped, so the way back lands up to a minute earlier; a time that came
        // twice (clocks set back) comes back as its first occurrence, at the earlier offset
        const diff = date.getTime() - back.getTime();
        expect(diff).toBeGreaterThanOrEqual(0);
        if (diff >= 60_000) expect(offsetName(back, zone)).not.toBe(offsetName(date, zone));
      }),
      { numRuns: 3000 },
    );
  });
});
