import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromJalali } from '../persian/index.js';
import { MAX_WORDS, parseJalaliDate, parseQuery, queryText } from './index.js';

const words = (q: string) => parseQuery(q).words.map((w) => w.alternatives);

describe('parseQuery', () => {
  it('reads words as search terms, whatever letters, digits and half-spaces they are typed with', () => {
    expect(words('كمبود آنتي بيوتيك')).toEqual(words('کمبود آنتی بیوتیک'));
    expect(words('٢٠ مهر')).toEqual([[['20']], [['مهر']]]);
    expect(words('پیامرسان')[0]).toContainEqual(['پیامرسان']);
    expect(parseQuery('از این خبر').words.map((w) => w.text)).toEqual(['خبر']); // stop words are no terms
  });

  it('keeps the words as typed, for suggestions', () => {
    expect(parseQuery('آرامگاه حافِظ').words.map((w) => w.text)).toEqual(['آرامگاه', 'حافِظ']);
  });

  it('reads quoted phrases in ASCII, Persian and curly quotes', () => {
    for (const q of ['"اینترنت همراه" قیمت', '«اینترنت همراه» قیمت', '“اینترنت همراه” قیمت']) {
      const parsed = parseQuery(q);
      expect(parsed.phrases, q).toEqual([[0, 1]]);
      expect(
        parsed.words.map((w) => w.phrase),
        q,
      ).toEqual([0, 0, -1]);
    }
  });

  it('does not make a phrase of one word, nor of an unclosed quote', () => {
    expect(parseQuery('«حافظ» شیراز').phrases).toEqual([]);
    expect(parseQuery('«حافظ شیراز').phrases).toEqual([]);
    expect(parseQuery('«حافظ شیراز').words).toHaveLength(2);
  });

  it('takes out filters of service and Jalali dates, in Latin or Persian digits and names', () => {
    const parsed = parseQuery('قیمت مسکن service:economy from:1405-09-01 to:۱۴۰۵/۰۹/۳۰');
    expect(parsed.words.map((w) => w.text)).toEqual(['قیمت', 'مسکن']);
    expect(parsed.filters).toEqual({
      service: 'economy',
      from: fromJalali({ year: 1405, month: 9, day: 1 }).getTime(),
      to: fromJalali({ year: 1405, month: 10, day: 1 }).getTime(),
    });
    expect(parsed.filterText).toBe('service:economy from:1405-09-01 to:۱۴۰۵/۰۹/۳۰');
    expect(parseQuery('سرویس:sport از:۱۴۰۴ گل').filters).toEqual({ service: 'sport', from: fromJalali({ year: 1404, month: 1, day: 1 }).getTime() });
  });

  it('names a date that does not exist as a problem instead of guessing', () => {
    expect(parseQuery('خبر from:1404-12-30').problems).toHaveProperty('from');
    expect(parseQuery('خبر to:1405-13').problems).toHaveProperty('to');
    expect(parseQuery('خبر from:دیروز').problems).toHaveProperty('from');
  });

  it(`reads at most ${MAX_WORDS} words`, () => {
    expect(parseQuery(Array.from({ length: 30 }, (_, i) => `واژه${i}`).join(' ')).words).toHaveLength(MAX_WORDS);
  });

  it('never throws and keeps every word text inside the query, for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (q) => {
        const parsed = parseQuery(q);
        expect(parsed.words.length).toBeLessThanOrEqual(MAX_WORDS);
        for (const w of parsed.words) expect(w.alternatives.every((a) => a.length > 0)).toBe(true);
        for (const phrase of parsed.phrases) expect(phrase.length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseJalaliDate', () => {
  it('reads a day, a month or a year, and with `end` the first moment after it', () => {
    const at = (year: number, month: number, day: number) => fromJalali({ year, month, day }).getTime();
    expect(parseJalaliDate('1405-09-07')).toBe(at(1405, 9, 7));
    expect(parseJalaliDate('1405-09-07', true)).toBe(at(1405, 9, 8));
    expect(parseJalaliDate('1405-06-31', true)).toBe(at(1405, 7, 1));
    expect(parseJalaliDate('1403-12-30', true)).toBe(at(1404, 1, 1)); // a leap year's last day
    expect(parseJalaliDate('1405-12', true)).toBe(at(1406, 1, 1));
    expect(parseJalaliDate('۱۴۰۵', true)).toBe(at(1406, 1, 1));
    expect(parseJalaliDate('1404-12-30')).toBeNull();
    expect(parseJalaliDate('1405-9-7x')).toBeNull();
  });
});

describe('queryText', () => {
  it('writes a query back with some of its words, phrases quoted and filters kept', () => {
    const parsed = parseQuery('«اینترنت همراه» قیمت گران service:ict');
    expect(queryText(parsed, [0, 1, 3])).toBe('«اینترنت همراه» گران service:ict');
    expect(queryText(parsed, [1, 2])).toBe('همراه قیمت service:ict');
  });
});
