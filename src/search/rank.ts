/**
 * Ranking (pure): BM25F over the story's fields, a proximity bonus for query words found
 * side by side, and a gentle recency boost fitting news. Both storage engines hand the same
 * candidates and the same statistics to this one function, so they rank alike.
 *
 * BM25F (Robertson, Zaragoza & Taylor, "Simple BM25 extension to multiple weighted fields",
 * CIKM 2004): a token's frequency is summed over the fields, each weighted and normalized by
 * the field's length against its average, then saturated once:
 *   tf~ = Σ_f W_f · tf_f / (1 − b_f + b_f · len_f / avglen_f)
 *   score(token) = idf · tf~ · (k1 + 1) / (k1 + tf~),  idf = ln(1 + (N − df + 0.5) / (df + 0.5))
 */

/** The fields of a story that search indexes, in the order they are stored. */
export const FIELDS = ['title', 'kicker', 'lead', 'tags', 'body'] as const;
/** One of {@link FIELDS}. */
export type Field = (typeof FIELDS)[number];

/**
 * How much a token in each field counts against one in the body: title, kicker, lead and
 * tags sum a story up, so a word there says more about what the story is about.
 */
export const FIELD_WEIGHTS: Readonly<Record<Field, number>> = { title: 3, kicker: 1.5, lead: 2, tags: 2, body: 1 };

/** Length normalization per field (BM25's b): short fields hardly, the body fully. */
const FIELD_B: Readonly<Record<Field, number>> = { title: 0.3, kicker: 0.3, lead: 0.5, tags: 0.3, body: 0.75 };

/** BM25's k1: how soon repeating a token stops adding to the score. */
const K1 = 1.2;

/** Share of its own score a pair of neighbouring query words adds when found side by side. */
const PROXIMITY_WEIGHT = 0.5;

/** How many of the best candidates are re-ranked with proximity (it reads every token). */
const PROXIMITY_DEPTH = 30;

/** Tokens between two query words that still count as near each other, for the proximity bonus. */
export const NEAR_GAP = 2;

/**
 * Tokens allowed between the words of a quoted phrase: one, for the extra token a compound
 * or a two-word name leaves in the stream («واتس اپ» reads as «واتس اپ whatsapp»).
 */
export const PHRASE_GAP = 1;

/**
 * Recency: a story published now scores up to RECENCY_BOOST more than an old one, the boost
 * halving every RECENCY_HALF_LIFE_DAYS. Relevance comes first: among stories about as
 * relevant, the newer leads; a much better match still wins whatever its age.
 */
export const RECENCY_BOOST = 0.2;
export const RECENCY_HALF_LIFE_DAYS = 30;

const DAY_MS = 86_400_000;

/** One way to satisfy a query term. */
export interface RankAlternative {
  /** Tokens that must all be present. */
  tokens: readonly string[];
  /** How much a story satisfying the term this way counts: 1 for what was typed, less for guesses. */
  factor: number;
}

/** One term of a query (a word, or two words that may be written as one). */
export interface RankTerm {
  alternatives: readonly RankAlternative[];
  /** How many query words it stands for (its share of the score). */
  weight: number;
}

/** A candidate story as stored in `search_docs`. */
export interface RankDoc {
  id: number;
  /** Publication time, epoch milliseconds. */
  publishedAt: number;
  /** Each field's search tokens, joined by single spaces. */
  fields: Readonly<Record<Field, string>>;
  /** Each field's number of tokens. */
  lengths: Readonly<Record<Field, number>>;
}

/** Totals over every indexed story. */
export interface CorpusStats {
  /** Number of indexed stories. */
  docs: number;
  /** Total tokens per field over all stories. */
  lengths: Readonly<Record<Field, number>>;
}

/** What ranking needs besides the candidates. */
export interface RankQuery {
  terms: readonly RankTerm[];
  /** Quoted phrases as lists of term indices: their terms must stand side by side, in order. */
  phrases?: ReadonlyArray<readonly number[]> | undefined;
  /** Document frequency of a token (0 when unknown). */
  df(token: string): number;
  stats: CorpusStats;
  /** The present, epoch milliseconds. */
  now: number;
}

/** A ranked story. */
export interface Ranked {
  id: number;
  score: number;
}

/** How many times a token occurs in space-joined tokens. */
export function countToken(joined: string, token: string): number {
  if (token === '' || joined.length < token.length) return 0;
  let count = 0;
  let at = joined.indexOf(token);
  while (at >= 0) {
    const end = at + token.length;
    if ((at === 0 || joined.charCodeAt(at - 1) === 32) && (end === joined.length || joined.charCodeAt(end) === 32)) count++;
    at = joined.indexOf(token, end);
  }
  return count;
}

/** BM25's idf, never negative. */
export function idf(docs: number, df: number): number {
  const n = Math.max(docs, df);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

interface Scored {
  doc: RankDoc;
  score: number;
  /** Each term's score in this story, for the proximity bonus. */
  termScores: number[];
}

function scoreDoc(doc: RankDoc, query: RankQuery, averages: Record<Field, number>, tokenIdf: Map<string, number>): Scored {
  const tokenScore = new Map<string, number>();
  const scoreOf = (token: string): number => {
    let known = tokenScore.get(token);
    if (known !== undefined) return known;
    let tf = 0;
    for (const field of FIELDS) {
      const count = countToken(doc.fields[field], token);
      if (count === 0) continue;
      const norm = 1 - FIELD_B[field] + (FIELD_B[field] * doc.lengths[field]) / (averages[field] || 1);
      tf += (FIELD_WEIGHTS[field] * count) / norm;
    }
    known = tf === 0 ? 0 : ((tokenIdf.get(token) ?? 0) * tf * (K1 + 1)) / (K1 + tf);
    tokenScore.set(token, known);
    return known;
  };
  const termScores = query.terms.map((term) => {
    let best = 0;
    for (const alternative of term.alternatives) {
      let sum = 0;
      let present = true;
      for (const token of alternative.tokens) {
        const s = scoreOf(token);
        if (s === 0) {
          present = false;
          break;
        }
        sum += s;
      }
      if (present && alternative.tokens.length > 0) best = Math.max(best, (alternative.factor * sum) / alternative.tokens.length);
    }
    return best * term.weight;
  });
  return { doc, score: termScores.reduce((a, b) => a + b, 0), termScores };
}

/** Where an alternative's tokens stand in a token list, one after another with small gaps: [first, last] pairs. */
function spansOf(tokens: readonly string[], alternative: RankAlternative, gap: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const [first, ...rest] = alternative.tokens;
  if (first === undefined) return spans;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] !== first) continue;
    let at = i;
    let ok = true;
    for (const next of rest) {
      let found = -1;
      for (let k = at + 1; k <= at + 1 + gap && k < tokens.length; k++) {
        if (tokens[k] === next) {
          found = k;
          break;
        }
      }
      if (found < 0) {
        ok = false;
        break;
      }
      at = found;
    }
    if (ok) spans.push([i, at]);
  }
  return spans;
}

/** Spans of a term in a token list, from any of its alternatives. */
function termSpans(tokens: readonly string[], term: RankTerm, gap: number): Array<[number, number]> {
  return term.alternatives.flatMap((alternative) => spansOf(tokens, alternative, gap));
}

/** Whether the terms stand one after another, each at most `gap` tokens after the last, somewhere in the tokens. */
export function termsInOrder(tokens: readonly string[], terms: readonly RankTerm[], gap: number): boolean {
  let ends = termSpans(tokens, terms[0] ?? { alternatives: [], weight: 0 }, gap).map(([, end]) => end);
  for (const term of terms.slice(1)) {
    if (ends.length === 0) return false;
    const spans = termSpans(tokens, term, gap);
    ends = spans.filter(([start]) => ends.some((end) => start > end && start - end - 1 <= gap)).map(([, end]) => end);
  }
  return ends.length > 0;
}

const splitTokens = (joined: string): string[] => (joined === '' ? [] : joined.split(' '));

/** The fields in which tokens stand in order, for phrases and proximity (a phrase does not run from title into body). */
function fieldTokens(doc: RankDoc): string[][] {
  return FIELDS.map((field) => splitTokens(doc.fields[field]));
}

/** Whether a story has every quoted phrase of the query, each within one field. */
export function hasPhrases(doc: RankDoc, terms: readonly RankTerm[], phrases: ReadonlyArray<readonly number[]>): boolean {
  if (phrases.length === 0) return true;
  const fields = fieldTokens(doc);
  return phrases.every((phrase) => {
    const phraseTerms = phrase.map((i) => terms[i]).filter((t): t is RankTerm => t !== undefined);
    return fields.some((tokens) => termsInOrder(tokens, phraseTerms, PHRASE_GAP));
  });
}

function recencyFactor(publishedAt: number, now: number): number {
  const ageDays = Math.max(0, now - publishedAt) / DAY_MS;
  return 1 + RECENCY_BOOST * Math.pow(2, -ageDays / RECENCY_HALF_LIFE_DAYS);
}

/**
 * Ranks candidate stories for a query, best first. Stories that lack a quoted phrase are left
 * out; every other candidate is kept (the index already matched every term). Ties go to the
 * newer story, then to the higher id, so the order is total and the same on every engine.
 */
export function rankDocuments(docs: readonly RankDoc[], query: RankQuery): Ranked[] {
  const { stats } = query;
  const averages = {} as Record<Field, number>;
  for (const field of FIELDS) averages[field] = stats.docs > 0 ? stats.lengths[field] / stats.docs : 0;
  const tokenIdf = new Map<string, number>();
  for (const term of query.terms) {
    for (const alternative of term.alternatives) {
      for (const token of alternative.tokens) if (!tokenIdf.has(token)) tokenIdf.set(token, idf(stats.docs, query.df(token)));
    }
  }
  const phrases = query.phrases ?? [];
  let scored = docs.filter((doc) => hasPhrases(doc, query.terms, phrases)).map((doc) => scoreDoc(doc, query, averages, tokenIdf));
  const byScore = (a: Scored, b: Scored) => b.score - a.score || b.doc.publishedAt - a.doc.publishedAt || b.doc.id - a.doc.id;

  // Proximity, on the best candidates only: neighbouring query words found side by side in a
  // field («اینترنت همراه» as a phrase, not two words far apart) add part of their score.
  if (query.terms.length > 1) {
    scored.sort(byScore);
    const top = scored.slice(0, PROXIMITY_DEPTH).map((s) => {
      const fields = fieldTokens(s.doc);
      let bonus = 0;
      for (let i = 0; i + 1 < query.terms.length; i++) {
        const pair = [query.terms[i] as RankTerm, query.terms[i + 1] as RankTerm];
        if (fields.some((tokens) => termsInOrder(tokens, pair, NEAR_GAP))) {
          bonus += PROXIMITY_WEIGHT * Math.min(s.termScores[i] ?? 0, s.termScores[i + 1] ?? 0);
        }
      }
      return { ...s, score: s.score + bonus };
    });
    scored = [...top, ...scored.slice(PROXIMITY_DEPTH)];
  }
  scored = scored.map((s) => ({ ...s, score: s.score * recencyFactor(s.doc.publishedAt, query.now) }));
  scored.sort(byScore);
  return scored.map((s) => ({ id: s.doc.id, score: s.score }));
}
