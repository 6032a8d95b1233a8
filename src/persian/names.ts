// Names written in the other script: a reader types «aparat» and the story says «آپارات»,
// or types «اسپیدتست» and the story says «Speedtest». The synonym table lists the common
// ones; these rules find the rest.
//
// Two steps, both on search tokens (folded: Latin lower-case ASCII, Persian letters folded):
// 1. A skeleton, the word's consonant classes in order with vowels and glides left out and a
//    repeated class kept once, finds candidates cheaply: it can be stored beside each indexed
//    term and looked up («whatsapp» and «واتساپ» are both «tsp»).
// 2. An alignment decides: every Latin spelling (data/transliteration.txt) must be matched,
//    in order, by one of the Persian spellings it may have (or by nothing, for a vowel that
//    Persian leaves unwritten), and every Persian letter must be accounted for (or be one of
//    the few that may stand silent). «everest» = «اورست», but «everest» ≠ «روستا».
import { readDataSections } from './data.js';

/** One way of reading a piece of a Latin word. */
interface LatinSpelling {
  /** The Latin letters. */
  latin: string;
  /** When not null, the letter after the spelling must be one of these (it is not consumed). */
  before: string | null;
  /** Consonant classes it adds to the skeleton (empty for vowels and glides). */
  key: string;
  /** Persian spellings it may be written with ('' when it may be unwritten), with their costs. */
  persian: ReadonlyArray<{ text: string; cost: number }>;
}

/** Where a Persian letter may stand for no Latin letter, and at what cost. */
interface Silent {
  where: 'start' | 'end' | 'any';
  cost: number;
}

interface Rules {
  /** Latin spellings, longest first. */
  latin: readonly LatinSpelling[];
  /** Consonant class of each Persian letter that has one. */
  persianKey: ReadonlyMap<string, string>;
  silent: ReadonlyMap<string, Silent>;
}

function readRules(): Rules {
  const sections = readDataSections('transliteration.txt');
  const latin: LatinSpelling[] = [];
  const persianKey = new Map<string, string>();
  for (const line of sections.get('latin') ?? []) {
    const [spelling, key, ...persian] = line.split(/\s+/);
    if (!spelling || !key || persian.length === 0) throw new Error(`transliteration.txt: cannot read "${line}"`);
    const [letters = '', before = null] = spelling.split('/');
    const classes = key === '-' ? '' : key;
    const written = persian.map((option) => {
      const [text = '', cost = '0'] = option.split(':');
      const value = Number(cost);
      if (!Number.isFinite(value) || value < 0) throw new Error(`transliteration.txt: bad cost in "${line}"`);
      return { text: text === '0' ? '' : text, cost: value };
    });
    latin.push({ latin: letters, before, key: classes, persian: written });
    if (classes.length === 1) {
      for (const { text: p } of written) {
        if (p.length !== 1) continue;
        const known = persianKey.get(p);
        if (known !== undefined && known !== classes) throw new Error(`transliteration.txt: ${p} is in classes ${known} and ${classes}`);
        persianKey.set(p, classes);
      }
    }
  }
  latin.sort((a, b) => b.latin.length - a.latin.length || (a.before === null ? 1 : 0) - (b.before === null ? 1 : 0));
  const silent = new Map<string, Silent>();
  for (const line of sections.get('silent') ?? []) {
    const [letter, where, cost] = line.split(/\s+/);
    const value = Number(cost);
    if (!letter || (where !== 'start' && where !== 'end' && where !== 'any') || !Number.isFinite(value)) {
      throw new Error(`transliteration.txt: cannot read "${line}"`);
    }
    silent.set(letter, { where, cost: value });
  }
  return { latin, persianKey, silent };
}

const RULES = readRules();

const isAsciiLetter = (code: number): boolean => code >= 0x61 && code <= 0x7a;
const VOWELS = 'aeiouy';
const ALEF = 'ا';

/** Whether a spelling is a vowel (a, ee, ou…) rather than a consonant or a glide. */
const isVowel = (unit: LatinSpelling): boolean => /^[aeiou]+$/.test(unit.latin);

/**
 * The Latin word with a doubled consonant letter written once («whatsapp» → «whatsap»); not
 * h, which doubles only across two spellings («mashhad» is sh + h).
 */
function undouble(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word.charAt(i);
    if (i > 0 && ch === word.charAt(i - 1) && !VOWELS.includes(ch) && ch !== 'h') continue;
    out += ch;
  }
  return out;
}

/** The spellings a Latin word is read as, longest first at each place; null when a letter has none. */
function readLatin(word: string): LatinSpelling[] | null {
  const text = undouble(word);
  const units: LatinSpelling[] = [];
  for (let i = 0; i < text.length;) {
    const found = RULES.latin.find((s) => text.startsWith(s.latin, i) && (s.before === null || s.before.includes(text.charAt(i + s.latin.length) || ' ')));
    if (found === undefined) return null;
    units.push(found);
    i += found.latin.length;
  }
  return units;
}

const isPersianLetter = (code: number): boolean => code >= 0x0621 && code <= 0x06d3;

/** Which script a folded token is written in, for names: Latin letters, Persian letters, or neither. */
export function nameScript(token: string): 'latin' | 'persian' | null {
  if (token.length === 0) return null;
  const latin = isAsciiLetter(token.charCodeAt(0));
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (latin ? !isAsciiLetter(code) : !isPersianLetter(code)) return null;
  }
  return latin ? 'latin' : 'persian';
}

/** Shortest skeleton worth storing: one consonant finds far too much. */
const MIN_SKELETON = 2;

function squeeze(classes: string): string {
  let out = '';
  for (const ch of classes) if (out.charAt(out.length - 1) !== ch) out += ch;
  return out;
}

/**
 * The consonant skeleton of a search token written in Latin or Persian letters, used to find
 * the tokens of the other script that may be the same name: «whatsapp» and «واتساپ» are
 * both «tsp», «speedtest» and «اسپیدتست» «spdtst». Null for numbers, mixed tokens, and
 * words with fewer than two consonant classes.
 */
export function nameSkeleton(token: string): string | null {
  const script = nameScript(token);
  let classes = '';
  if (script === 'latin') {
    const units = readLatin(token);
    if (units === null) return null;
    for (const unit of units) classes += unit.key;
  } else if (script === 'persian') {
    for (const ch of token) classes += RULES.persianKey.get(ch) ?? '';
  } else {
    return null;
  }
  const skeleton = squeeze(classes);
  return skeleton.length >= MIN_SKELETON ? skeleton : null;
}

/**
 * How far a Latin search token is from being written as a Persian one: the cheapest way to
 * write every Latin spelling, in order, as one of its Persian spellings (data/transliteration.txt)
 * so that the Persian letters come out, with the few silent letters allowed. 0 for the usual
 * writing («aparat», «آپارات»), more for unusual choices, Infinity when there is no way at all.
 */
export function nameDistance(latin: string, persian: string): number {
  if (nameScript(latin) !== 'latin' || nameScript(persian) !== 'persian') return Infinity;
  const text = undouble(latin);
  const n = text.length;
  const m = persian.length;
  // Every reading of the Latin word is tried, not only the greedy one: «boeing» is
  // b-o-e-i-n-g (بویینگ), not b-o-ei-n-g.
  const spellingsAt = (i: number): LatinSpelling[] =>
    RULES.latin.filter((s) => text.startsWith(s.latin, i) && (s.before === null || s.before.includes(text.charAt(i + s.latin.length) || ' ')));
  // An alef before the first letter is read only before a Latin cluster: «اسپید» = «speed».
  const cluster = n >= 2 && !VOWELS.includes(text.charAt(0)) && !VOWELS.includes(text.charAt(1));
  // cost[i][j]: cheapest way to write the first i Latin letters as the first j Persian letters
  const cost: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(m + 1).fill(Infinity));
  (cost[0] as Float64Array)[0] = 0;
  for (let i = 0; i <= n; i++) {
    const row = cost[i] as Float64Array;
    const spellings = i < n ? spellingsAt(i) : [];
    for (let j = 0; j <= m; j++) {
      const here = row[j] as number;
      if (here === Infinity) continue;
      if (j < m) {
        const silent = RULES.silent.get(persian.charAt(j));
        const allowed =
          silent !== undefined &&
          (silent.where === 'any' || (silent.where === 'start' && j === 0 && i === 0 && cluster) || (silent.where === 'end' && j === m - 1));
        if (allowed && here + silent.cost < (row[j + 1] as number)) row[j + 1] = here + silent.cost;
      }
      for (const unit of spellings) {
        const next = cost[i + unit.latin.length] as Float64Array;
        for (const { text: option, cost: step } of unit.persian) {
          // Persian writes a vowel at the start of a word (ا, ع): «aparat» is not «پرت»;
          // there a vowel written ی or و takes an alef before it: «iran» = «ایران»
          const written = j === 0 && isVowel(unit) && (option.startsWith('ی') || option.startsWith('و')) && persian.startsWith(ALEF) ? ALEF + option : option;
          if (written === '' ? i === 0 : !persian.startsWith(written, j)) continue;
          const to = j + written.length;
          if (here + step < (next[to] as number)) next[to] = here + step;
        }
      }
    }
  }
  return (cost[n] as Float64Array)[m] as number;
}

/**
 * Largest {@link nameDistance} at which two spellings are taken for the same name: a name of
 * three consonant classes or more may differ by a few unusual choices, a shorter one (two
 * classes: «nima», «reza») by hardly any, since so many short words share its consonants.
 */
export function sameNameBudget(skeletonLength: number): number {
  return skeletonLength >= 3 ? 1.2 : 0.5;
}

/**
 * Whether a Latin search token and a Persian one can be the same name written in two scripts:
 * «aparat» and «آپارات», «everest» and «اورست», «speedtest» and «اسپیدتست», but not
 * «everest» and «روستا», nor «aparat» and «پرت». Both are tokens as `searchTokens` gives them.
 */
export function sameName(latin: string, persian: string): boolean {
  const skeleton = nameSkeleton(latin);
  return skeleton !== null && skeleton === nameSkeleton(persian) && nameDistance(latin, persian) <= sameNameBudget(skeleton.length);
}
