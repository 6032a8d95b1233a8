// The data files are read at load time; these tests keep them consistent with each other.
import { describe, expect, it } from 'vitest';
import { searchTokens } from './index.js';
import { HEADS, PREFIXES, STEM_EXCEPTIONS, STOP_WORDS, SUFFIX_RULES, ZWNJ_SUFFIXES } from './lexicon.js';
import { LETTER_MAPS, REMOVE } from './letters.js';
import { DEFAULT_SYNONYMS } from './synonyms.js';

describe('data files', () => {
  it('load with entries in every list', () => {
    for (const list of [STOP_WORDS, HEADS, PREFIXES, STEM_EXCEPTIONS, ZWNJ_SUFFIXES]) expect(list.size).toBeGreaterThan(5);
    expect(SUFFIX_RULES.length).toBeGreaterThan(10);
    expect(DEFAULT_SYNONYMS.size).toBeGreaterThan(100);
  });

  it('map Arabic yeh and kaf at every level, and remove vowel marks only for slugs and search', () => {
    for (const level of ['display', 'slug', 'search'] as const) {
      expect(LETTER_MAPS[level][0x064a]).toBe(0x06cc);
      expect(LETTER_MAPS[level][0x0643]).toBe(0x06a9);
    }
    expect(LETTER_MAPS.display[0x064e]).toBe(0);
    expect(LETTER_MAPS.slug[0x064e]).toBe(REMOVE);
    expect(LETTER_MAPS.search[0x0623]).toBe(0x0627);
  });

  it('has heads of three letters or more that are tokens of their own', () => {
    for (const head of HEADS) {
      expect(head.length, head).toBeGreaterThanOrEqual(3);
      expect(STOP_WORDS.has(head), head).toBe(false);
      expect(searchTokens(head), head).toEqual([head]);
    }
  });

  it('keeps listed words whole', () => {
    for (const word of STEM_EXCEPTIONS) {
      if (STOP_WORDS.has(word) || DEFAULT_SYNONYMS.canonical(word) !== undefined) continue;
      expect(searchTokens(word), word).toEqual([word]);
    }
  });

  it('gives stop words, prefixes and written-apart inflections no tokens', () => {
    for (const word of [...STOP_WORDS, ...PREFIXES]) expect(searchTokens(word), word).toEqual([]);
  });

  it('has canonical synonym tokens that read back as themselves', () => {
    for (const canonical of new Set(DEFAULT_SYNONYMS.map.values())) {
      expect(searchTokens(canonical), canonical).toEqual([canonical]);
    }
  });

  it('maps every spelling of a built-in synonym to the Latin name', () => {
    expect(searchTokens('تلگرام')).toEqual(['telegram']);
    expect(searchTokens('اینستگرام')).toEqual(['instagram']);
    expect(searchTokens('مدرسه')).toEqual(searchTokens('مدارس'));
    expect(searchTokens('هیئت')).toEqual(searchTokens('هیأت'));
  });
});
