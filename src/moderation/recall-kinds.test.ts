// Kinds of offence that an independent evaluation found the engine missing, each with
// sentences written for these tests (not taken from any evaluation set), and the clean
// sentences that the same rules must leave alone.
import { describe, expect, it } from 'vitest';
import { moderate } from './index.js';
import { normalizeForMatching } from './normalize.js';
import { tokenize } from './tokens.js';

const words = (text: string): string[] => tokenize(normalizeForMatching(text)).map((t) => t.text);
const verdict = (text: string): string => moderate({ text }).verdict;

describe('letters written apart with any separator (P*, S*, Z*, Cf)', () => {
  it('rejoins letters separated by space-tatweel-space runs', () => {
    expect(words('ج ـ ن ـ د ـ ه')).toEqual(['جنده']);
    expect(verdict('این ج ـ ن ـ د ـ ه رو ببین')).toBe('block');
  });

  it('rejoins letters separated by emoji and pictographic symbols', () => {
    expect(words('ج💥ن💥د💥ه')).toEqual(['جنده']);
    expect(words('ک★س★ک★ش')).toEqual(['کسکش']);
    expect(verdict('ج💥ن💥د💥ه')).toBe('block');
    expect(words('f🔹u🔹c🔹k')).toEqual(['fuck']);
  });

  it('keeps an ending written after a half-space on the last letter', () => {
    expect(words('ک-س-ک-ش‌ها')).toEqual(['کسکشها']);
    expect(verdict('ک-س-ک-ش‌ها دوباره اومدن')).toBe('block');
  });

  it('does not glue ordinary words or single letters across a newline', () => {
    expect(words('سلام 🌹 و 🌹 درود')).toEqual(['سلام', 'و', 'درود']);
    expect(words('الف و ب')).toEqual(['الف', 'و', 'ب']);
    expect(verdict('گزینه ب 👍 درسته، گزینه ج 👎 غلطه')).toBe('allow');
  });
});

describe('crime predicates said of a named person or an office holder', () => {
  it.each([
    'بازیگر نقش اول طرح داستان رو از یه نویسنده جوان دزدیده',
    'رئیس بیمارستان آمار مرگ‌ومیر رو دستکاری کرده تا جایزه بگیره',
    'آقای کریمی مدیر شرکت از قرارداد پورسانت برداشته',
    'سرپرست شهرداری زمین‌های پارک رو به نفع خودش فروخته',
    'karmande shahrdari pool migire ta mojavez bede',
    'the governor took bribes from the developer',
    'the head of customs took kickbacks from importers',
  ])('flags «%s»', (text) => {
    const r = moderate({ text });
    expect(r.verdict).toBe('review');
    expect(r.labels).toContain('accusation');
  });

  it.each([
    'گوشیمو تو مترو دزدیدن',
    'کارگردان این فیلم کار درخشانی کرده',
    'مدیر باشگاه بازیکن جدید رو فروخت',
    'the minister stole the show at the ceremony',
    'مدیرکل گفت آمار دستکاری نشده',
  ])('allows «%s»', (text) => {
    expect(verdict(text)).toBe('allow');
  });
});

describe('an accusation that drags in the family blocks', () => {
  it('blocks when a relative is called a criminal too', () => {
    const r = moderate({ text: 'مدیر شرکت رشوه گرفته، پسرش هم دقیقا مثل خودش دزده' });
    expect(r.verdict).toBe('block');
    expect(r.labels).toEqual(expect.arrayContaining(['accusation', 'insult']));
  });
});

describe('character insults said of a person', () => {
  it.each(['سرمربی تیم بزدل و بی‌کفایته', 'شهردار آدم ترسوییه', 'معاون وزیر یه آدم بی‌عرضه و ترسوئه'])('flags «%s»', (text) => {
    expect(verdict(text)).toBe('review');
  });

  it('allows the writer saying it of himself', () => {
    expect(verdict('بچه که بودم خیلی ترسو بودم')).toBe('allow');
  });
});

describe('betting and real-estate promotion without a link', () => {
  it('blocks a betting brand promoted with gift credit', () => {
    expect(verdict('اپ پیش‌بینی فوتبال «توپ‌برد» رو گوگل کنید، بونوس ثبت نام داره')).toBe('block');
    expect(verdict('سایت پیش بینی فوتبال رو سرچ کنید، شارژ هدیه میده')).toBe('block');
  });

  it('blocks a Finglish ad with a domain spelt with «dot»', () => {
    expect(verdict('foroosh-e villa dar shomal: villayab dot com')).toBe('block');
  });

  it('allows gift credit and betting mentioned without promotion', () => {
    expect(verdict('پدرم برای تولدم شارژ هدیه خرید')).toBe('allow');
    expect(verdict('سایت های پیش بینی فوتبال رو باید فیلتر کرد')).toBe('allow');
  });
});

describe('advice about forged documents targets no one', () => {
  it('allows a general remark about fake degrees', () => {
    expect(verdict('دانشگاه‌ها باید مدرک‌های جعلی رو با استعلام پیدا کنن')).toBe('allow');
  });

  it('still flags a named person’s forged degree', () => {
    expect(verdict('مدرک دکترای معاون وزیر جعلیه')).toBe('review');
  });
});

describe('adjectives that also describe animals', () => {
  it('do not make a literal animal an insult', () => {
    expect(verdict('خرگوش‌ها حیوانات ترسویی هستند')).toBe('allow');
  });
});
