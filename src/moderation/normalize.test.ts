import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForMatching, normalizeWithMap } from './normalize.js';

describe('normalizeForMatching', () => {
  it('folds Arabic-layout letters into Persian ones (ي ى ك ة ۀ)', () => {
    expect(normalizeForMatching('كيري')).toBe('کیری');
    expect(normalizeForMatching('مصطفى')).toBe('مصطفی');
    expect(normalizeForMatching('مدرسة')).toBe('مدرسه');
    expect(normalizeForMatching('خانۀ')).toBe('خانه');
  });

  it('reads Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) as base letters', () => {
    expect(normalizeForMatching('ﻛﻴﺮ')).toBe('کیر');
    expect(normalizeForMatching('ﻻ')).toBe('لا');
  });

  it('removes diacritics (U+064B–U+065F, U+0670), tatweel U+0640 and zero-width characters', () => {
    expect(normalizeForMatching('جَنْدِه')).toBe('جنده');
    expect(normalizeForMatching('کـــــثافت')).toBe('کثافت');
    expect(normalizeForMatching('ک\u200cی\u200cر')).toBe('کیر');
    expect(normalizeForMatching('ک\u200dی\u200bر\ufeff')).toBe('کیر');
    expect(normalizeForMatching('\u202bکیر\u202c\u200f')).toBe('کیر');
  });

  it('keeps a half-spaced word as one word (ZWNJ is inside a word, not a boundary)', () => {
    expect(normalizeForMatching('نسخه‌های فارسی')).toBe('نسخههای فارسی');
  });

  it('turns Persian and Arabic-Indic digits into ASCII', () => {
    expect(normalizeForMatching('۰۹۱۲ ٠٩١٢')).toBe('0912 0912');
  });

  it('lower-cases Latin, strips accents and reads fullwidth and Cyrillic look-alikes', () => {
    expect(normalizeForMatching('FÜCK')).toBe('fuck');
    expect(normalizeForMatching('ｆｕｃｋ')).toBe('fuck');
    expect(normalizeForMatching('fuсk')).toBe('fuck'); // Cyrillic с
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const once = normalizeForMatching(s);
        expect(normalizeForMatching(once)).toBe(once);
      }),
    );
  });
});

describe('normalizeWithMap', () => {
  it('maps every normalized character back to the character it came from', () => {
    const original = 'جــــاکــــش‌ها ﻛﻴﺮ';
    const n = normalizeWithMap(original);
    expect(n.text).toBe('جاکشها کیر');
    expect(n.start.length).toBe(n.text.length);
    expect(original[n.start[0] ?? -1]).toBe('ج');
    expect(original.slice(n.start[2] ?? 0, (n.start[3] ?? 0) + 1)).toBe('کــــش');
    expect(original[n.start[7] ?? -1]).toBe('ﻛ');
  });

  it('never maps outside the original text, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const n = normalizeWithMap(s);
        let previous = 0;
        for (const at of n.start) {
          expect(at).toBeGreaterThanOrEqual(previous);
          expect(at).toBeLessThan(s.length);
          previous = at;
        }
      }),
    );
  });
});
