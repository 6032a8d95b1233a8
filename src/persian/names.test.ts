import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nameDistance, nameSkeleton, sameName } from './index.js';

/** A spelling folded as a search token is (ZWNJ and spaces out, آ as ا). */
const folded = (spelling: string): string => spelling.replace(/[\u200c ]/g, '').replace(/آ/g, 'ا');

describe('names in both scripts', () => {
  it('finds the names of the relevance set written only in the other script', () => {
    expect(sameName('aparat', folded('آپارات'))).toBe(true);
    expect(sameName('speedtest', 'اسپیدتست')).toBe(true);
    expect(sameName('whatsapp', 'واتساپ')).toBe(true);
    expect(sameName('everest', 'اورست')).toBe(true);
  });

  it('reads people and places the way Persian writes them, short vowels unwritten', () => {
    for (const [latin, persian] of [
      ['maryam', 'مریم'],
      ['behrouz', 'بهروز'],
      ['narges', 'نرگس'],
      ['kamran', 'کامران'],
      ['torob', 'ترب'],
      ['starlink', 'استارلینک'],
      ['zoom', 'زوم'],
      ['netflix', 'نتفلیکس'],
      ['omicron', 'اومیکرون'],
    ] as const) {
      expect(sameName(latin, persian), `${latin} = ${persian}`).toBe(true);
      expect(nameSkeleton(latin), latin).toBe(nameSkeleton(persian));
    }
  });

  it('matches most names of the built-in synonym table by rule alone', () => {
    const url = new URL('./data/synonyms.txt', import.meta.url);
    let pairs = 0;
    let matched = 0;
    for (const line of readFileSync(url, 'utf8').split('\n')) {
      if (!line.trim() || line.startsWith('#')) continue;
      const [latin = '', ...others] = line.split('|').map((s) => s.trim());
      for (const other of others) {
        if (!/^[a-z]+$/.test(latin)) continue;
        pairs++;
        if (sameName(latin, folded(other))) matched++;
      }
    }
    expect(matched / pairs).toBeGreaterThan(0.85);
  });

  it('keeps apart words that only share consonants', () => {
    expect(sameName('everest', 'روستا')).toBe(false);
    expect(sameName('everest', 'راست')).toBe(false);
    expect(sameName('aparat', 'پرت')).toBe(false); // Persian writes a word-initial vowel
    expect(sameName('iran', 'ران')).toBe(false);
    expect(sameName('covid', 'کود')).toBe(false); // i is written in Persian
    expect(sameName('mashhad', 'میشد')).toBe(false);
  });

  it('asks more of short names, which share their consonants with many words', () => {
    expect(sameName('nima', 'نیما')).toBe(true);
    expect(sameName('reza', 'رضا')).toBe(true);
    expect(sameName('reza', 'عرضه')).toBe(false);
    expect(sameName('demo', 'دما')).toBe(false);
  });

  it('has no skeleton for numbers, mixed tokens or one consonant', () => {
    expect(nameSkeleton('2024')).toBeNull();
    expect(nameSkeleton('ab')).toBeNull();
    expect(nameSkeleton('a1b')).toBeNull();
    expect(nameDistance('abc', 'abc')).toBe(Infinity);
  });

  it('never throws and stays finite or Infinity for any pair of words', () => {
    const latin = fc.stringMatching(/^[a-z]{0,12}$/);
    const persian = fc.stringMatching(/^[ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی]{0,12}$/);
    fc.assert(
      fc.property(latin, persian, (a, b) => {
        const d = nameDistance(a, b);
        expect(d === Infinity || (Number.isFinite(d) && d >= 0)).toBe(true);
        expect(typeof sameName(a, b)).toBe('boolean');
        nameSkeleton(a);
        nameSkeleton(b);
      }),
      { numRuns: 2000 },
    );
  });
});
