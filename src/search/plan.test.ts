import { describe, expect, it } from 'vitest';
import { createSynonyms } from '../persian/index.js';
import {
  FACTORS,
  addGuesses,
  cliticReadings,
  editDistance,
  endingPrefixes,
  firstLookup,
  nearSkeleton,
  nearSpellings,
  planTerms,
  splitReadings,
  type Vocabulary,
} from './plan.js';
import { parseQuery } from './query.js';

const synonyms = createSynonyms();

function vocabulary(df: Record<string, number>, names: Record<string, Array<{ term: string; df: number }>> = {}): Vocabulary {
  return { df: new Map(Object.entries(df)), bySkeleton: new Map(Object.entries(names)) };
}

describe('planning the terms of a query', () => {
  it('asks for every token, the joined form of neighbouring words and the skeletons of possible names', () => {
    const lookup = firstLookup(parseQuery('زمین لرزه starlink'), synonyms);
    expect(lookup.tokens).toEqual(expect.arrayContaining(['زمین', 'لرزه', 'starlink', 'زمینلرزه']));
    expect(lookup.joins[0]).toBe('زمینلرزه');
    expect(lookup.joins[1]).toBeNull(); // a Persian word and a Latin one never join
    expect(lookup.skeletons).toContain('p:strlnk'); // the Persian spellings of a Latin word
  });

  it('joins two words the stories also write as one, and leaves them apart when none does', () => {
    const parsed = parseQuery('زمین لرزه');
    const lookup = firstLookup(parsed, synonyms);
    const joined = planTerms(parsed, lookup, vocabulary({ زمین: 5, لرزه: 5, زمینلرزه: 2 }), synonyms);
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ weight: 2, words: [0, 1] });
    expect(joined[0]?.alternatives.map((a) => a.tokens)).toEqual([['زمین', 'لرزه'], ['زمینلرزه']]);
    expect(planTerms(parsed, lookup, vocabulary({ زمین: 5, لرزه: 5 }), synonyms)).toHaveLength(2);
  });

  it('adds the spellings a name has in the other script, as a lesser alternative', () => {
    const parsed = parseQuery('starlink');
    const lookup = firstLookup(parsed, synonyms);
    const vocab = vocabulary(
      { starlink: 0 },
      {
        'p:strlnk': [
          { term: 'استارلینک', df: 3 },
          { term: 'استرلینگ', df: 9 },
        ],
      },
    );
    const [term] = planTerms(parsed, lookup, vocab, synonyms);
    expect(term?.alternatives).toEqual([
      { tokens: ['starlink'], factor: FACTORS.typed },
      { tokens: ['استارلینک'], factor: FACTORS.name },
    ]);
  });

  it('leaves names the synonym table knows to the table', () => {
    expect(firstLookup(parseQuery('whatsapp تلگرام'), synonyms).skeletons).toEqual([]);
  });

  it('reads an unknown word as two known words, and finds known words with another ending', () => {
    const parsed = parseQuery('زمینلرزه');
    const readings = splitReadings(parsed.words[0]!, synonyms);
    expect(readings).toContainEqual(['زمین', 'لرزه']);
    const word = parseQuery('داروخانه‌ها').words[0]!;
    const token = word.alternatives[0]![0]!;
    expect(endingPrefixes(word)).toEqual([token, token.slice(0, -1), token.slice(0, -2)]);
    expect(endingPrefixes(parseQuery('آب').words[0]!)).toEqual([]);
    const term = { alternatives: [{ tokens: ['زمینلرزه'], factor: 1 }], weight: 1, words: [0] };
    const vocab = vocabulary({ زمین: 4, لرزه: 2, زمینلرزهها: 1 });
    const guessed = addGuesses(term, { clitics: [], splits: readings, endings: [{ term: 'زمینلرزهها', df: 1 }], near: [{ term: 'زمینلرزی', df: 1 }] }, vocab);
    expect(guessed.alternatives).toEqual([
      { tokens: ['زمینلرزه'], factor: 1 },
      { tokens: ['زمین', 'لرزه'], factor: FACTORS.split },
      { tokens: ['زمینلرزهها'], factor: FACTORS.ending },
      { tokens: ['زمینلرزی'], factor: FACTORS.near },
    ]);
  });

  it('reads an unknown word without a possessive clitic', () => {
    expect(cliticReadings(parseQuery('کاربرانش').words[0]!, synonyms)).toEqual(['کاربر']);
    expect(cliticReadings(parseQuery('قیمتشان').words[0]!, synonyms)).toEqual(expect.arrayContaining(['قیمت']));
    expect(cliticReadings(parseQuery('سد').words[0]!, synonyms)).toEqual([]);
  });

  it('finds known words of the same script a letter or two away from an unknown one', () => {
    const word = parseQuery('آنفولانزا').words[0]!;
    expect(nearSkeleton(word)).toBe(nearSkeleton(parseQuery('آنفلوانزا').words[0]!));
    expect(nearSkeleton(word)).toMatch(/^p:/);
    const candidates = [
      { term: 'انفلوانزا', df: 3 },
      { term: 'انفلاسیون', df: 9 },
    ];
    expect(nearSpellings(word, candidates)).toEqual([{ term: 'انفلوانزا', df: 3 }]);
    expect(editDistance('کتاب', 'کتبا', 1)).toBe(1);
    expect(editDistance('کتاب', 'دفتر', 1)).toBe(2);
  });
});
