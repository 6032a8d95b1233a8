// The word lists of search tokenizing, read from data/*.txt once and folded the same way
// as text, so that a list may be written in any spelling («ي» or «ی», with or without ZWNJ).
import { readDataLines, readDataSections } from './data.js';
import { foldKey } from './scan.js';

function foldedSet(lines: Iterable<string>, file: string): Set<string> {
  const set = new Set<string>();
  for (const line of lines) {
    const key = foldKey(line);
    if (key === '') throw new Error(`${file}: "${line}" has no letters or digits`);
    set.add(key);
  }
  return set;
}

/** Function words that never become tokens (data/stopwords.txt). */
export const STOP_WORDS: ReadonlySet<string> = foldedSet(readDataLines('stopwords.txt'), 'stopwords.txt');

const compounds = readDataSections('compounds.txt');

/** Inflections removed when they follow a ZWNJ (data/compounds.txt, [suffix]). */
export const ZWNJ_SUFFIXES: ReadonlySet<string> = foldedSet(compounds.get('suffix') ?? [], 'compounds.txt');

/** Bound prefixes joined to the next word (data/compounds.txt, [prefix]). */
export const PREFIXES: ReadonlySet<string> = foldedSet(compounds.get('prefix') ?? [], 'compounds.txt');

/** Second parts of compounds (data/compounds.txt, [head]). */
export const HEADS: ReadonlySet<string> = foldedSet(compounds.get('head') ?? [], 'compounds.txt');

/** Lengths of the heads, longest first, for matching a head at the end of a word. */
export const HEAD_LENGTHS: readonly number[] = [...new Set([...HEADS].map((h) => h.length))].sort((a, b) => b - a);

/** Shortest first part a compound may have (code points), so short words are not split. */
export const MIN_FIRST_PART = 3;

/** One rule of the stemmer (data/suffixes.txt). */
export interface SuffixRule {
  /** The folded suffix. */
  suffix: string;
  /** Letters that must remain before the suffix. */
  minStem: number;
  /** Written in place of the suffix. */
  replacement: string;
  /** When not null, the letter before the suffix must be one of these. */
  after: string | null;
  /** When not null, the word must begin with one of these letters. */
  start: string | null;
}

function readSuffixRules(): SuffixRule[] {
  return readDataLines('suffixes.txt').map((line) => {
    const [suffix, minStem, ...options] = line.split(/\s+/);
    const min = Number(minStem);
    if (!suffix || !Number.isInteger(min) || min < 1) throw new Error(`suffixes.txt: cannot read "${line}"`);
    const rule: SuffixRule = { suffix: foldKey(suffix), minStem: min, replacement: '', after: null, start: null };
    for (const option of options) {
      if (option.startsWith('->')) rule.replacement = foldKey(option.slice(2));
      else if (option.startsWith('after:')) rule.after = foldKey(option.slice('after:'.length));
      else if (option.startsWith('start:')) rule.start = foldKey(option.slice('start:'.length));
      else throw new Error(`suffixes.txt: unknown option "${option}" in "${line}"`);
    }
    return rule;
  });
}

/** The stemmer's rules, in order of preference. */
export const SUFFIX_RULES: readonly SuffixRule[] = readSuffixRules();

const exceptionLines = readDataLines('stem-exceptions.txt');

/** Words the stemmer leaves whole (data/stem-exceptions.txt). */
export const STEM_EXCEPTIONS: ReadonlySet<string> = foldedSet(
  exceptionLines.filter((line) => !line.startsWith('-') && !line.startsWith('!')),
  'stem-exceptions.txt',
);

/** Endings that protect a word from the stemmer: the `-ENDING` lines and every head. */
export const PROTECTED_ENDINGS: ReadonlySet<string> = new Set([
  ...foldedSet(
    exceptionLines.filter((l) => l.startsWith('-')).map((l) => l.slice(1)),
    'stem-exceptions.txt',
  ),
  ...HEADS,
]);

/** Words exempt from the ending rules (`!WORD` lines). */
export const ENDING_EXEMPTIONS: ReadonlySet<string> = foldedSet(
  exceptionLines.filter((l) => l.startsWith('!')).map((l) => l.slice(1)),
  'stem-exceptions.txt',
);

/** Lengths of the protected endings, longest first. */
export const PROTECTED_ENDING_LENGTHS: readonly number[] = [...new Set([...PROTECTED_ENDINGS].map((e) => e.length))].sort((a, b) => b - a);
