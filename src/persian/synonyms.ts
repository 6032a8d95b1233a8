// Synonym tables of search: spellings that must become one token, such as a name written in
// both scripts (تلگرام = telegram) or a word with two accepted spellings (هیئت = هیات).
import { readDataLines } from './data.js';
import { PREFIXES, STOP_WORDS } from './lexicon.js';
import { MAX_WORD_LENGTH, joinFolded, scanWords } from './scan.js';
import { stemWord } from './stem.js';

/**
 * A table of spellings that search treats as one token. Make one with
 * {@link createSynonyms}; pass it to `searchTokens(text, { synonyms })`. The same table must
 * be used for indexing and for querying, and the index rebuilt when the table changes.
 */
export interface Synonyms {
  /**
   * The canonical token for a folded spelling (as search folds it: letters folded, ZWNJ and
   * spaces removed, Latin lower-cased), or undefined when the spelling is not in the table.
   */
  canonical(folded: string): string | undefined;
  /** Number of spellings in the table, canonical ones included. */
  readonly size: number;
}

/** Cached analysis of one folded Persian word; see search.ts. */
export interface WordAnalysis {
  /** The tokens of the word: one, none (stop word), or the joined word and its parts. */
  readonly toks: readonly string[];
  /** For a word split into first part and head: the length of the first part; else -1. */
  readonly cut: number;
}

/** Words whose analysis is remembered per table; the cache is emptied when it fills up. */
const CACHE_LIMIT = 50_000;

/** The table behind {@link Synonyms}, with what the tokenizer needs to see. */
export class SynonymTable implements Synonyms {
  /** Folded spelling → canonical token. */
  readonly map: ReadonlyMap<string, string>;
  /** First words of two-word spellings («واتس» of «واتس اپ», «فیس» of «فیس‌بوک»), to find them written apart. */
  readonly firstWords: ReadonlySet<string>;
  /** Remembered word analyses, which depend on the table. */
  readonly cache = new Map<string, WordAnalysis>();

  constructor(map: ReadonlyMap<string, string>, firstWords: ReadonlySet<string>) {
    this.map = map;
    this.firstWords = firstWords;
  }

  canonical(folded: string): string | undefined {
    return this.map.get(folded);
  }

  get size(): number {
    return this.map.size;
  }

  /** The remembered analysis of a word, or the one `compute` gives (then remembered). */
  analysis(word: string, compute: (word: string) => WordAnalysis): WordAnalysis {
    let found = this.cache.get(word);
    if (found === undefined) {
      found = compute(word);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(word, found);
    }
    return found;
  }
}

/** A spelling of a synonym group, folded: its words and their joined key. */
interface Spelling {
  key: string;
  words: string[];
}

/** A spelling folded as search folds text; its words are those written apart by a space or a ZWNJ. */
function fold(entry: string, where: string): Spelling {
  const words: string[] = [];
  for (const word of scanWords(entry)) {
    let from = 0;
    for (const cut of word.cuts ?? []) {
      words.push(word.text.slice(from, cut));
      from = cut;
    }
    words.push(word.text.slice(from));
  }
  const key = words.join('');
  if (key === '') throw new RangeError(`${where}: "${entry}" has no letters or digits`);
  if (key.length > MAX_WORD_LENGTH) throw new RangeError(`${where}: "${entry}" is longer than ${MAX_WORD_LENGTH} letters`);
  return { key, words };
}

function readGroups(file: string): Spelling[][] {
  return readDataLines(file).map((line) => line.split('|').map((member) => fold(member.trim(), file)));
}

const DEFAULT_GROUPS: readonly Spelling[][] = [...readGroups('synonyms.txt'), ...readGroups('variants.txt'), ...readGroups('plurals.txt')];

const isPlainLatin = (key: string): boolean => /^[a-z0-9]+$/.test(key);

/**
 * The canonical member of a group: a Latin spelling when there is one (so a brand keeps its
 * international name), then the shortest, then the first in code-unit order. It never
 * depends on the order of the entries.
 */
function chooseCanonical(keys: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const key of keys) {
    if (STOP_WORDS.has(key) || PREFIXES.has(key)) continue;
    if (best === undefined) {
      best = key;
      continue;
    }
    const latin = isPlainLatin(key);
    const bestLatin = isPlainLatin(best);
    if (latin !== bestLatin) {
      if (latin) best = key;
    } else if (key.length !== best.length ? key.length < best.length : key < best) {
      best = key;
    }
  }
  return best;
}

function buildTable(groups: readonly Spelling[][]): SynonymTable {
  // Union-find over spellings: groups that share a spelling become one group.
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(key, root);
    return root;
  };
  const firstWords = new Set<string>();
  for (const group of groups) {
    for (const spelling of group) {
      if (!parent.has(spelling.key)) parent.set(spelling.key, spelling.key);
    }
    const first = group[0];
    if (first === undefined) continue;
    for (const spelling of group) parent.set(find(spelling.key), find(first.key));
  }
  const members = new Map<string, string[]>();
  for (const key of parent.keys()) {
    const root = find(key);
    let list = members.get(root);
    if (list === undefined) members.set(root, (list = []));
    list.push(key);
  }
  // A group of one spelling is kept when it is written as two words («بین المللی»): it
  // says that the two words, written apart, are one word.
  const twoWords = new Set<string>();
  for (const group of groups) for (const { key, words } of group) if (words.length === 2) twoWords.add(key);
  const map = new Map<string, string>();
  for (const keys of members.values()) {
    const canonical = chooseCanonical(keys);
    if (canonical === undefined || (keys.length < 2 && !twoWords.has(canonical))) continue;
    for (const key of keys) if (!STOP_WORDS.has(key) && !PREFIXES.has(key)) map.set(key, canonical);
  }
  // Two words written apart are joined by their tokens, which are stems: «نیروی انتظامی» is
  // met as «نیرو» + «انتظام», so that pair of stems is an entry too.
  const isKey = (form: string): boolean => map.has(form);
  for (const group of groups) {
    for (const { key, words } of group) {
      const canonical = map.get(key);
      if (words.length !== 2 || canonical === undefined) continue;
      const [first, second] = words.map((word) => stemWord(word, isKey)) as [string, string];
      const stemmedKey = joinFolded(first, second);
      firstWords.add(first);
      if (!map.has(stemmedKey)) map.set(stemmedKey, canonical);
    }
  }
  return new SynonymTable(map, firstWords);
}

/**
 * A synonym table: the built-in one (data/synonyms.txt: names in both scripts such as
 * تلگرام ↔ telegram; data/variants.txt: spelling variants such as هیئت ↔ هیات;
 * data/plurals.txt: plurals no suffix rule reaches, such as مدارس ↔ مدرسه) extended
 * with `extra` pairs, for administrators who add names at run time. Each pair says its two
 * spellings are the same word; pairs that share a spelling join into one group. A spelling
 * of two words («واتس اپ», «فیس‌بوک») matches written apart, with ZWNJ or joined.
 * Every member of a group becomes the group's canonical token: its Latin spelling if it has
 * one, else its shortest, then first in code-unit order. Stop words and bound prefixes are
 * never synonyms (a pair with one is ignored).
 * @throws RangeError when a spelling has no letters or digits, or is longer than 64 letters.
 */
export function createSynonyms(extra: ReadonlyArray<readonly [string, string]> = []): Synonyms {
  const groups: Spelling[][] = [...DEFAULT_GROUPS];
  extra.forEach(([a, b], index) => {
    groups.push([fold(a, `synonym pair ${index}`), fold(b, `synonym pair ${index}`)]);
  });
  return buildTable(groups);
}

/** The built-in table, used when no table is passed. */
export const DEFAULT_SYNONYMS: SynonymTable = buildTable(DEFAULT_GROUPS);

/** The table behind a {@link Synonyms} value, or a TypeError for a value not made by createSynonyms. */
export function synonymTable(synonyms: Synonyms | undefined): SynonymTable {
  if (synonyms === undefined) return DEFAULT_SYNONYMS;
  if (synonyms instanceof SynonymTable) return synonyms;
  throw new TypeError('synonyms must be a table made by createSynonyms()');
}
