import { describe, expect, it } from 'vitest';
import { normalizeForMatching } from './normalize.js';
import { tokenize } from './tokens.js';

const words = (text: string): string[] => tokenize(normalizeForMatching(text)).map((t) => t.text);

describe('tokenize (Persian word boundaries)', () => {
  it('keeps a half-spaced word whole: ZWNJ is inside a word, not a boundary', () => {
    expect(words('نسخه‌های فارسی می‌خواهم')).toEqual(['نسخههای', 'فارسی', 'میخواهم']);
  });

  it('puts letters written apart back together', () => {
    expect(words('ک ی ر')).toEqual(['کیر']);
    expect(words('ک.س.ک.ش')).toEqual(['کسکش']);
    expect(words('ک/ی/ر')).toEqual(['کیر']);
    expect(words('f u c k off')).toEqual(['fuck', 'off']);
  });

  it('does not glue ordinary neighbouring words, nor two single letters with only a space', () => {
    expect(words('کی رو دیدی')).toEqual(['کی', 'رو', 'دیدی']);
    expect(words('الف و ب')).toEqual(['الف', 'و', 'ب']);
  });

  it('keeps digits and leet symbols inside Latin words, and a mask inside any word', () => {
    expect(words('j4kesh sh!t')).toEqual(['j4kesh', 'sh!t']);
    expect(words('م*درج*ده')).toEqual(['م*درج*ده']);
  });

  it('reads ۱ and ۵ inside a Persian word as the letters they look like', () => {
    expect(words('ج۱کش')).toEqual(['جاکش']);
    expect(words('ساعت ۵')).toEqual(['ساعت', '5']);
  });

  it('numbers clauses and sentences by punctuation', () => {
    const t = tokenize(normalizeForMatching('گاو، سرور. بعدی'));
    expect(t.map((x) => [x.clause, x.sentence])).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
    ]);
    expect(t[0]?.breakAfter).toBe(true);
  });
});
