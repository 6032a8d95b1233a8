/**
 * From the words of a query to the terms search looks for (pure; the vocabulary lookups
 * are passed in). Each word is a term with the alternatives `searchTerms` gave it, and
 * what the index knows adds more:
 *
 * - two neighbouring words that the stories also write as one word («زمین لرزه» and
 *   «زمینلرزه», «speed test» and «Speedtest») become one term satisfied either way;
 * - a word that may be a name gets the spellings of the other script that the stories use
 *   («aparat» → «آپارات», «اسپیدتست» → «speedtest») when the synonym table does not know it;
 * - a word no story holds as typed is tried without a possessive clitic («کاربرانش» →
 *   «کاربران»), split in two known words («زمینلرزه» → «زمین» + «لرزه»), against known words
 *   that differ only in their ending (a suffix the stemmer does not know), and against known
 *   words of the same consonants a letter or two away (a long vowel written or not, two
 *   letters swapped: «آنفولانزا» → «آنفلوانزا»).
 *
 * Guesses count for less than what was typed (`FACTORS`), so a story with the reader's own
 * spelling ranks first.
 */
import { nameScript, nameSkeleton, sameName, searchTokens, withoutClitic, type Synonyms } from '../persian/index.js';
import type { ParsedQuery, QueryWord } from './query.js';
import type { RankAlternative, RankTerm } from './rank.js';

/** A term to look for: one query word, or two that may be written as one. */
export interface PlannedTerm extends RankTerm {
  alternatives: RankAlternative[];
  /** Indices of the query words it stands for. */
  words: number[];
}

/** How much a story found through each kind of alternative counts. */
export const FACTORS = {
  /** The word as typed (after normalization), or two typed words written as one. */
  typed: 1,
  /** An unknown word read as two known words. */
  split: 0.8,
  /** An unknown word read without a possessive clitic. */
  clitic: 0.8,
  /** A name in the other script. */
  name: 0.6,
  /** A known word that differs only in its ending. */
  ending: 0.6,
  /** A known word of the same consonants a letter or two away. */
  near: 0.6,
} as const;

/** Name spellings of the other script added to a word at most (the most frequent). */
const MAX_NAME_SPELLINGS = 3;
/** Shortest word tried as a name in the other script. */
const MIN_GUESS_LENGTH = 3;
/** Shortest unknown word tried split in two, by its ending, or a letter away. */
const MIN_ENDING_LENGTH = 5;
/** Letters an ending guess may drop from the word, and add to it. */
const ENDING_DROP = 2;
const ENDING_ADD = 3;
/** Known words an ending guess adds at most. */
export const MAX_ENDING_GUESSES = 2;

const isPersianToken = (token: string): boolean => nameScript(token) === 'persian';

/** The prefix of a skeleton key for each script. */
const SCRIPT_PREFIX = { latin: 'l', persian: 'p' } as const;

/**
 * The key under which a term is filed by its sound (`search_terms.skeleton`): its script and
 * its consonant skeleton («l:tsp» for «whatsapp», «p:tsp» for «واتساپ»), so that a lookup
 * asks for one script only; null for a term that has no skeleton.
 */
export function skeletonKey(term: string): string | null {
  const script = nameScript(term);
  const skeleton = script === null ? null : nameSkeleton(term);
  return script === null || skeleton === null ? null : `${SCRIPT_PREFIX[script]}:${skeleton}`;
}

/** The key of the other script's terms that may be the same name as `token`. */
function otherScriptKey(token: string): string | null {
  const script = nameScript(token);
  const skeleton = script === null ? null : nameSkeleton(token);
  return script === null || skeleton === null ? null : `${SCRIPT_PREFIX[script === 'latin' ? 'persian' : 'latin']}:${skeleton}`;
}

/** The one token of a word that is a single plain token, else null. */
function singleToken(word: QueryWord): string | null {
  const [only, ...rest] = word.alternatives;
  return rest.length === 0 && only !== undefined && only.length === 1 ? (only[0] ?? null) : null;
}

/**
 * The token of a word written whole: its only token, or the joined token of a compound
 * (`searchTerms` gives that alternative first: «صدرنشینی» → «صدرنشینی» before «صدر» + «نشینی»).
 */
function wholeToken(word: QueryWord): string | null {
  const [first] = word.alternatives;
  return first !== undefined && first.length === 1 ? (first[0] ?? null) : null;
}

/**
 * The token two neighbouring words of one script give when written as one (first token),
 * or null when they cannot join: «زمین لرزه» → «زمینلرزه», «speed test» → «speedtest».
 */
function joinedToken(a: QueryWord, b: QueryWord, synonyms: Synonyms | undefined): string | null {
  const ta = singleToken(a);
  const tb = singleToken(b);
  const script = ta === null ? null : nameScript(ta);
  if (ta === null || tb === null || script === null || nameScript(tb) !== script || a.phrase !== b.phrase) return null;
  const joined = searchTokens(a.text + b.text, { synonyms })[0];
  return joined !== undefined && joined !== ta && joined !== tb && nameScript(joined) === script ? joined : null;
}

/** Whether a word may be a name in the other script worth looking up. */
function nameCandidate(word: QueryWord, synonyms: Synonyms | undefined): string | null {
  const token = singleToken(word);
  if (token === null || token.length < MIN_GUESS_LENGTH || nameScript(token) === null) return null;
  // the synonym table already knows every spelling of the names it lists
  if (synonyms?.canonical(token) !== undefined) return null;
  return nameSkeleton(token) === null ? null : token;
}

/** What the first vocabulary lookup must fetch for a query. */
export interface FirstLookup {
  /** Tokens whose document frequencies are needed. */
  tokens: string[];
  /** For each pair of neighbouring words (i, i + 1), the token they give written as one, or null. */
  joins: Array<string | null>;
  /** Skeleton keys to look up: the other script's spellings of the words that may be names. */
  skeletons: string[];
}

/** The tokens, joined pairs and skeleton keys a query's terms depend on, to fetch in one go. */
export function firstLookup(parsed: ParsedQuery, synonyms: Synonyms | undefined): FirstLookup {
  const tokens = new Set<string>();
  for (const word of parsed.words) for (const alternative of word.alternatives) for (const token of alternative) tokens.add(token);
  const joins: Array<string | null> = [];
  for (let i = 0; i + 1 < parsed.words.length; i++) {
    const joined = joinedToken(parsed.words[i] as QueryWord, parsed.words[i + 1] as QueryWord, synonyms);
    joins.push(joined);
    if (joined !== null) tokens.add(joined);
  }
  const skeletons = new Set<string>();
  for (const word of parsed.words) {
    const token = nameCandidate(word, synonyms);
    const key = token === null ? null : otherScriptKey(token);
    if (key !== null) skeletons.add(key);
  }
  return { tokens: [...tokens], joins, skeletons: [...skeletons] };
}

/** What the index knows, as far as a query needs it. */
export interface Vocabulary {
  /** Document frequency of each token looked up (absent: no story holds it). */
  df: Map<string, number>;
  /** Indexed tokens by skeleton key (see {@link skeletonKey}). */
  bySkeleton: Map<string, Array<{ term: string; df: number }>>;
}

const dfOf = (vocabulary: Vocabulary, token: string): number => vocabulary.df.get(token) ?? 0;

/** Whether some story can satisfy the alternative (every token is held by some story). */
export function viable(alternative: RankAlternative, vocabulary: Vocabulary): boolean {
  return alternative.tokens.length > 0 && alternative.tokens.every((t) => dfOf(vocabulary, t) > 0);
}

function product(a: readonly RankAlternative[], b: readonly RankAlternative[]): RankAlternative[] {
  const out: RankAlternative[] = [];
  for (const x of a) for (const y of b) out.push({ tokens: [...x.tokens, ...y.tokens], factor: Math.min(x.factor, y.factor) });
  return out;
}

/**
 * The terms of a query from its words and the first lookup: pairs the stories write as one
 * word are joined, and names get their spellings in the other script.
 */
export function planTerms(parsed: ParsedQuery, lookup: FirstLookup, vocabulary: Vocabulary, synonyms: Synonyms | undefined): PlannedTerm[] {
  const own = (word: QueryWord): RankAlternative[] => {
    const alternatives: RankAlternative[] = word.alternatives.map((tokens) => ({ tokens, factor: FACTORS.typed }));
    const token = nameCandidate(word, synonyms);
    const key = token === null ? null : otherScriptKey(token);
    if (token !== null && key !== null) {
      const script = nameScript(token);
      const spellings = (vocabulary.bySkeleton.get(key) ?? [])
        .filter((c) => (script === 'latin' ? sameName(token, c.term) : sameName(c.term, token)))
        .sort((x, y) => y.df - x.df || (x.term < y.term ? -1 : 1))
        .slice(0, MAX_NAME_SPELLINGS);
      for (const c of spellings) alternatives.push({ tokens: [c.term], factor: FACTORS.name });
    }
    return alternatives;
  };
  const terms: PlannedTerm[] = [];
  for (let i = 0; i < parsed.words.length; i++) {
    const word = parsed.words[i] as QueryWord;
    const joined = lookup.joins[i] ?? null;
    const next = parsed.words[i + 1];
    if (joined !== null && next !== undefined && dfOf(vocabulary, joined) > 0) {
      terms.push({
        alternatives: [...product(own(word), own(next)), { tokens: [joined], factor: FACTORS.typed }],
        weight: 2,
        words: [i, i + 1],
      });
      i++;
      continue;
    }
    terms.push({ alternatives: own(word), weight: 1, words: [i] });
  }
  return terms;
}

/** The tokens of an unknown word read without a possessive clitic («کاربرانش» → «کاربر»). */
export function cliticReadings(word: QueryWord, synonyms: Synonyms | undefined): string[] {
  const token = wholeToken(word);
  if (token === null || !isPersianToken(token)) return [];
  const readings = new Set<string>();
  for (const rest of withoutClitic(word.text)) {
    const [first, ...others] = searchTokens(rest, { synonyms });
    if (first !== undefined && others.length === 0 && first !== token) readings.add(first);
  }
  return [...readings];
}

/** Ways to read an unknown word as two words: [left, right] token pairs. */
export function splitReadings(word: QueryWord, synonyms: Synonyms | undefined): Array<[string, string]> {
  const token = wholeToken(word);
  if (token === null || !isPersianToken(token) || token.length < MIN_ENDING_LENGTH) return [];
  const text = word.text;
  const readings: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (let cut = 2; cut <= text.length - 2; cut++) {
    const left = searchTokens(text.slice(0, cut), { synonyms });
    const right = searchTokens(text.slice(cut), { synonyms });
    if (left.length !== 1 || right.length !== 1) continue;
    const pair: [string, string] = [left[0] as string, right[0] as string];
    if (pair.some((t) => t.length < 2 || !isPersianToken(t))) continue;
    const key = pair.join(' ');
    if (!seen.has(key)) readings.push(pair);
    seen.add(key);
  }
  return readings;
}

/** The skeleton key under which to look for near spellings of an unknown word, or null. */
export function nearSkeleton(word: QueryWord): string | null {
  const token = wholeToken(word);
  return token === null || token.length < MIN_ENDING_LENGTH ? null : skeletonKey(token);
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), stopping early
 * once it exceeds `max` (then max + 1 is returned).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const same = a.charCodeAt(i - 1) === b.charCodeAt(j - 1);
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (same ? 0 : 1));
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, (before[j - 2] as number) + 1);
      }
      current[j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/** Known words of the same script a letter (two, for words of eight letters or more) away from an unknown word. */
export function nearSpellings(word: QueryWord, candidates: ReadonlyArray<{ term: string; df: number }>): Array<{ term: string; df: number }> {
  const token = wholeToken(word);
  if (token === null) return [];
  const script = nameScript(token);
  const max = token.length >= 8 ? 2 : 1;
  return candidates.filter((c) => c.term !== token && nameScript(c.term) === script && editDistance(token, c.term, max) <= max);
}

/** Prefixes an ending guess looks up for a word: the token with up to two last letters dropped. */
export function endingPrefixes(word: QueryWord): string[] {
  const token = wholeToken(word);
  if (token === null || token.length < MIN_ENDING_LENGTH || nameScript(token) === null) return [];
  const prefixes: string[] = [];
  for (let drop = 0; drop <= ENDING_DROP && token.length - drop >= MIN_ENDING_LENGTH - 1; drop++) prefixes.push(token.slice(0, token.length - drop));
  return prefixes;
}

/** Longest known word an ending guess for this prefix may take. */
export function endingMaxLength(word: QueryWord): number {
  return (wholeToken(word)?.length ?? 0) + ENDING_ADD;
}

/**
 * Adds the guesses for a term whose word no story holds as typed: the word without a
 * clitic, the best split of it in two known words, known words that differ only in their
 * ending, and known words a letter or two away (at most MAX_ENDING_GUESSES of the last two
 * kinds each, the most frequent).
 */
export function addGuesses(
  term: PlannedTerm,
  guesses: { clitics: string[]; splits: Array<[string, string]>; endings: Array<{ term: string; df: number }>; near: Array<{ term: string; df: number }> },
  vocabulary: Vocabulary,
): PlannedTerm {
  const alternatives = [...term.alternatives];
  for (const token of guesses.clitics) if (dfOf(vocabulary, token) > 0) alternatives.push({ tokens: [token], factor: FACTORS.clitic });
  let best: [string, string] | null = null;
  let bestDf = 0;
  for (const pair of guesses.splits) {
    const df = Math.min(dfOf(vocabulary, pair[0]), dfOf(vocabulary, pair[1]));
    if (df > bestDf) {
      best = pair;
      bestDf = df;
    }
  }
  if (best !== null) alternatives.push({ tokens: best, factor: FACTORS.split });
  const own = new Set(term.alternatives.flatMap((a) => a.tokens));
  const endings = [...guesses.endings]
    .filter((e) => !own.has(e.term))
    .sort((x, y) => y.df - x.df || (x.term < y.term ? -1 : 1))
    .slice(0, MAX_ENDING_GUESSES);
  for (const e of endings) alternatives.push({ tokens: [e.term], factor: FACTORS.ending });
  for (const e of endings) own.add(e.term);
  const near = [...guesses.near]
    .filter((e) => !own.has(e.term))
    .sort((x, y) => y.df - x.df || (x.term < y.term ? -1 : 1))
    .slice(0, MAX_ENDING_GUESSES);
  for (const e of near) alternatives.push({ tokens: [e.term], factor: FACTORS.near });
  return { ...term, alternatives };
}
