// Behaviour of the profanity phase (fixtures README, «profanity»): obscene words and curses
// block in any spelling; innocent words that contain their letters pass. The sentences are
// written for these tests.
import { describe, expect, it } from 'vitest';
import { moderate } from '../index.js';

const verdict = (text: string): string => moderate({ text }).verdict;

describe('less common curses and their spellings are blocked', () => {
  const cases = [
    'قرمساق بی‌ناموس',
    'قرمصاق',
    'دیوث برو گمشو',
    'پفیوزا فقط بلدن فیلتر کنن',
    'زنیکه‌ی دروغگو',
    'ولدالزنا',
    'مادرقحبه‌ها',
    'ننه قحبه',
    'بی‌خایه',
    'سگ‌مصب',
    'ghoromsagh',
    'dayoos',
    'madar ghahbe',
    'سیک تیر بابا',
  ];
  for (const text of cases) {
    it(`blocks «${text}»`, () => {
      const r = moderate({ text });
      expect(r.verdict).toBe('block');
      expect(r.labels).toContain('profanity');
    });
  }
});

describe('disguised obscenity is blocked', () => {
  const cases: [string, string][] = [
    ['a run of stars hiding several letters', 'این قانون ج***ه‌ست'],
    ['stars slipped between every letter', 'ج*ن*د*ه'],
    ['a symbol slipped into a Persian word', 'این ج@نده'],
    ['a symbol for a letter in Finglish', 'in j@ndeh ha'],
    ['a masked English word', 'f*ck off'],
    ['a long masked English word', 'motherf***er'],
    ['an obscenity glued to the words after it', 'کیرمتودهنش'],
    ['letters split and a suffix after them', 'ک.ی.ر.ی ترین قانون'],
  ];
  for (const [how, text] of cases) {
    it(`blocks ${how}: «${text}»`, () => {
      expect(verdict(text)).toBe('block');
    });
  }

  it('says the word was disguised', () => {
    expect(moderate({ text: 'این ج@نده' }).reasons[0]?.code).toBe('profanity.obfuscated');
  });
});

describe('innocent words with vulgar letters stay allowed', () => {
  const innocent = [
    'کیروش مربی خوبی بود',
    'کیسه‌ی برنج گرون شده',
    'سنجنده و رنجنده و گنجنده',
    'کوسه‌ها تو خلیج فارس',
    'قرمز و سبز',
    'دیوار شهر',
    'پفک و چیپس',
    'ساک دستی رو جا گذاشتم',
    'ساکت باشید لطفا',
    'ریدینگ کتاب انگلیسی',
    'مکس فیلم خوبیه',
    'ک*** رو نمیشه خوند',
    'سلام@دوستان',
    'امرش میان کاف و نون است، کون فیکون',
  ];
  for (const text of innocent) {
    it(`allows «${text}»`, () => {
      expect(verdict(text)).toBe('allow');
    });
  }
});
