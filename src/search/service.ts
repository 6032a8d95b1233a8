/**
 * Search use cases: finding stories for a query, keeping the index in step with the stories,
 * and rebuilding it.
 *
 * How a query is answered, the same way on both engines:
 * 1. the query is parsed and its terms planned against the vocabulary (`search_terms`);
 * 2. the engine returns candidate ids by a boolean match of the terms' tokens, newest id
 *    first: the newest RECENT_CANDIDATES stories that match, and, when more match but few of
 *    those have a query word in their title, kicker, lead or tags, the newest
 *    HEAD_CANDIDATES that do;
 * 3. the candidates' stored tokens are read (a story whose publication time is still to
 *    come is dropped here) and the shared ranker (rank.ts) orders them with the stored
 *    statistics;
 * 4. when fewer than PARTIAL_BELOW stories have every word, stories that miss one word
 *    follow them (a reader's query often has one word the story words differently);
 * 5. the page of results gets snippets cut from the stories' own text.
 * When every story matching has a place among the candidates (up to RECENT_CANDIDATES
 * matches), the ranking is exact, and the same on both engines. Beyond that, the ranking
 * covers the candidates only: the engines still agree (the same match, the same order of
 * ids), but an old story that has the words only in its body may be left out.
 */
import type { Kysely } from 'kysely';
import { htmlToText } from '../articles/index.js';
import type { Synonyms } from '../persian/index.js';
import type { Database, Db, Engine } from '../storage/index.js';
import { searchEntry } from './entry.js';
import {
  addGuesses,
  cliticReadings,
  endingMaxLength,
  endingPrefixes,
  firstLookup,
  nearSkeleton,
  nearSpellings,
  planTerms,
  splitReadings,
  viable,
  type PlannedTerm,
  type Vocabulary,
} from './plan.js';
import { applyFilters, parseQuery, queryText, type ParsedQuery } from './query.js';
import { countToken, rankDocuments, type Field, type RankDoc, type Ranked } from './rank.js';
import { makeSnippet } from './snippet.js';
import {
  clearIndex,
  countStories,
  readDocs,
  readHighestDocId,
  readResultStories,
  readStats,
  readStories,
  readTermCounts,
  readTermsByPrefix,
  readTermsBySkeleton,
  storyIdsAfter,
  writeEntries,
  writeTermDeltas,
  type ResultStory,
  type SearchEntry,
} from './store.js';
import { SynonymSource } from './synonyms.js';

type TokenMatch = Parameters<Engine['search']['candidates']>[1];
type CandidateFilter = Parameters<Engine['search']['candidates']>[2];

/**
 * Newest matching stories ranked for any query. Reading a candidate's tokens costs a few
 * microseconds, so the candidates are bounded: see the module comment for what that means.
 */
export const RECENT_CANDIDATES = 200;
/** Newest matching stories with a query word in their head, ranked besides, when more match. */
export const HEAD_CANDIDATES = 200;
/** Head matches among the newest candidates that make the head tier unneeded. */
const HEAD_ENOUGH = 20;
/** Matches counted at most for the total of a filtered query: counting costs time in proportion. */
export const TOTAL_CAP = 1_000;
/** Results per page unless asked otherwise, and the most a page may hold. */
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

/** A search as the API or the page asks for it. */
export interface SearchRequest {
  /** The query as typed; may hold filters (`service:ict from:1405-09-01`). */
  q: string;
  /** A service slug (besides any in the query). */
  service?: string | undefined;
  /** Jalali dates as typed (`1405-09-01`, Persian digits too): published from, up to and including. */
  from?: string | undefined;
  to?: string | undefined;
  /** Page number, from 1. */
  page?: number | undefined;
  /** Results per page (1–MAX_PAGE_SIZE). */
  limit?: number | undefined;
  /** The present: only stories published by then are found; the recency boost counts from it. */
  now: Date;
  /** The synonym table the index was built with; read from the settings when omitted. */
  synonyms?: Synonyms | undefined;
  /** Search as if a filter that cannot be read were absent, instead of answering its problem. */
  lenient?: boolean | undefined;
}

/** One result. */
export interface SearchHit {
  code: number;
  slug: string;
  title: string;
  /** An excerpt with the matched words in `<mark>`; HTML, everything else escaped. */
  snippet: string;
  publishedAt: Date;
  service: { slug: string; name: string } | null;
  /** The ranking score (higher is better); comparable within one search only. */
  score: number;
}

/** The answer to a search. */
export interface SearchOutcome {
  /**
   * How many stories match: exact while all of them are ranked, else the document frequency
   * of a one-word query, a count up to TOTAL_CAP for a filtered query, or an estimate (see
   * `totalOf`).
   */
  total: number;
  /** How many pages of results can be shown. */
  pages: number;
  /** This page of results, best first. */
  hits: SearchHit[];
  /**
   * When no story has every word of the query but some have fewer: the query with the
   * words most stories have (the results are then stories that miss a word).
   */
  suggestion?: string | undefined;
  /** Filters that could not be read: name → reason in Persian; nothing was searched. */
  problems: Record<string, string>;
}

const EMPTY: Omit<SearchOutcome, 'problems'> = { total: 0, pages: 0, hits: [] };

/** The terms of a query, their phrases, and what the index knows of their tokens. */
interface Plan {
  terms: PlannedTerm[];
  /** Phrases as lists of term indices. */
  phrases: number[][];
  vocabulary: Vocabulary;
}

async function lookUp(db: Db, parsed: ParsedQuery, synonyms: Synonyms): Promise<Plan> {
  const first = firstLookup(parsed, synonyms);
  const vocabulary: Vocabulary = { df: await readTermCounts(db, first.tokens), bySkeleton: new Map() };
  for (const row of await readTermsBySkeleton(db, first.skeletons)) {
    let list = vocabulary.bySkeleton.get(row.skeleton);
    if (list === undefined) vocabulary.bySkeleton.set(row.skeleton, (list = []));
    list.push({ term: row.term, df: row.df });
    vocabulary.df.set(row.term, row.df);
  }
  let terms = planTerms(parsed, first, vocabulary, synonyms);

  // Words no story holds as typed (a compound's parts may still be held, apart): try them
  // without a clitic, split in two, known words with another ending, and known words a
  // letter or two away.
  const unknown = (term: PlannedTerm) => term.weight === 1 && term.alternatives[0] !== undefined && !viable(term.alternatives[0], vocabulary);
  if (terms.some(unknown)) {
    type Guesses = Parameters<typeof addGuesses>[1];
    const guesses = new Map<PlannedTerm, Guesses>();
    for (const term of terms.filter(unknown)) {
      const word = parsed.words[term.words[0] ?? -1];
      if (word === undefined) continue;
      const endings: Array<{ term: string; df: number }> = [];
      const named: string[] = [];
      for (const prefix of endingPrefixes(word)) {
        endings.push(...(await readTermsByPrefix(db, prefix, endingMaxLength(word), 3)));
        // a name of the synonym table with an ending: «یوتیوبر» → «یوتیوب» → youtube
        const canonical = synonyms.canonical(prefix);
        if (canonical !== undefined) named.push(canonical);
      }
      for (const [term, df] of await readTermCounts(db, named)) endings.push({ term, df });
      const skeleton = nearSkeleton(word);
      const near = skeleton === null ? [] : nearSpellings(word, await readTermsBySkeleton(db, [skeleton]));
      guesses.set(term, { clitics: cliticReadings(word, synonyms), splits: splitReadings(word, synonyms), endings, near });
    }
    const splitTokens = [...guesses.values()].flatMap((g) => [...g.clitics, ...g.splits.flat()]);
    for (const [token, df] of await readTermCounts(db, splitTokens)) vocabulary.df.set(token, df);
    for (const g of guesses.values()) for (const e of [...g.endings, ...g.near]) vocabulary.df.set(e.term, e.df);
    terms = terms.map((term) => {
      const found = guesses.get(term);
      return found === undefined ? term : addGuesses(term, found, vocabulary);
    });
  }
  return { terms, phrases: phrasesOf(parsed, terms), vocabulary };
}

/** The query's phrases as term indices (a phrase whose words became one term needs no check). */
function phrasesOf(parsed: ParsedQuery, terms: readonly PlannedTerm[]): number[][] {
  const termOf = new Map<number, number>();
  terms.forEach((term, index) => term.words.forEach((w) => termOf.set(w, index)));
  return parsed.phrases
    .map((phrase) => [...new Set(phrase.map((w) => termOf.get(w)).filter((t): t is number => t !== undefined))])
    .filter((phrase) => phrase.length >= 2);
}

/** The plan for some of its terms only (a relaxed query); a phrase that lost a word is no longer required. */
function subPlan(plan: Plan, keep: readonly number[]): Plan {
  const index = new Map<number, number>();
  keep.forEach((old, i) => index.set(old, i));
  return {
    terms: keep.map((i) => plan.terms[i] as PlannedTerm),
    phrases: plan.phrases.filter((phrase) => phrase.every((t) => index.has(t))).map((phrase) => phrase.map((t) => index.get(t) as number)),
    vocabulary: plan.vocabulary,
  };
}

/** The boolean match of a plan: only alternatives some story can satisfy; null when a term has none. */
function matchOf(plan: Plan): TokenMatch | null {
  const terms: string[][][] = [];
  for (const term of plan.terms) {
    const alternatives = term.alternatives.filter((a) => viable(a, plan.vocabulary)).map((a) => [...a.tokens]);
    if (alternatives.length === 0) return null;
    terms.push(alternatives);
  }
  return terms.length === 0 ? null : { terms };
}

/** The tokens a plan's stories may hold, to mark in snippets. */
function markTokens(plan: Plan): Set<string> {
  const tokens = new Set<string>();
  for (const term of plan.terms) for (const a of term.alternatives) if (viable(a, plan.vocabulary)) for (const t of a.tokens) tokens.add(t);
  return tokens;
}

/** Whether some of these fields of a story hold one of the tokens. */
function holds(doc: RankDoc, fields: readonly Field[], tokens: ReadonlySet<string>): boolean {
  for (const field of fields) for (const token of tokens) if (countToken(doc.fields[field], token) > 0) return true;
  return false;
}

const HEAD_FIELDS: readonly Field[] = ['title', 'kicker', 'lead', 'tags'];

/**
 * The candidates' documents that may be found at `now`: the index holds only stories that
 * were findable when written, and a clock set back (or a story dated later by hand) is
 * caught here, the same way on both engines.
 */
async function readFindable(db: Db, ids: readonly number[], now: number): Promise<RankDoc[]> {
  return (await readDocs(db, ids)).filter((doc) => doc.publishedAt <= now);
}

/** Candidates, ranked, and the total for a plan. */
async function find(db: Db, engine: Engine, plan: Plan, filter: CandidateFilter, now: number): Promise<{ ranked: Ranked[]; total: number }> {
  const match = matchOf(plan);
  if (match === null) return { ranked: [], total: 0 };
  const recent = await engine.search.candidates(db, match, filter, RECENT_CANDIDATES);
  const complete = recent.length < RECENT_CANDIDATES;
  const docs = await readFindable(db, recent, now);
  if (!complete) {
    // More stories match than are read: add older ones with a query word in their head,
    // unless the newest already have enough of those to rank.
    const marks = markTokens(plan);
    if (docs.filter((doc) => holds(doc, HEAD_FIELDS, marks)).length < HEAD_ENOUGH) {
      const seen = new Set(recent);
      const head = await engine.search.candidates(db, { ...match, headAny: [...marks] }, filter, HEAD_CANDIDATES);
      docs.push(
        ...(await readFindable(
          db,
          head.filter((id) => !seen.has(id)),
          now,
        )),
      );
    }
  }
  const stats = await readStats(db);
  const ranked = rankDocuments(docs, {
    terms: plan.terms,
    phrases: plan.phrases,
    df: (token) => plan.vocabulary.df.get(token) ?? 0,
    stats,
    now,
  });
  return {
    ranked,
    total: complete || plan.phrases.length > 0 ? ranked.length : await totalOf(db, engine, plan, match, filter, recent, stats.docs, ranked.length),
  };
}

/**
 * How many stories match when more do than were read. A one-token query without filters:
 * the token's document frequency, exact. With a service or dates: counted by the engine up
 * to TOTAL_CAP. Otherwise estimated, as search engines do, from how densely the newest
 * matches lie among the story ids (the newest RECENT_CANDIDATES matches spread over the
 * newest X ids suggest RECENT_CANDIDATES × all ids / X in all), and no more than the rarest
 * term's document frequency: counting an AND of common words to the end costs in
 * proportion to how many there are.
 */
async function totalOf(
  db: Db,
  engine: Engine,
  plan: Plan,
  match: TokenMatch,
  filter: CandidateFilter,
  recent: readonly number[],
  docs: number,
  ranked: number,
): Promise<number> {
  const [only] = match.terms.length === 1 && match.terms[0]?.length === 1 ? (match.terms[0] as string[][]) : [];
  const filtered = filter.serviceId !== undefined || filter.from !== undefined || filter.to !== undefined;
  if (filtered) return Math.max(ranked, await engine.search.count(db, match, filter, TOTAL_CAP));
  if (only?.length === 1) return Math.max(ranked, plan.vocabulary.df.get(only[0] as string) ?? 0);
  const highest = await readHighestDocId(db);
  const lowest = recent[recent.length - 1] ?? highest;
  const estimate = Math.round((recent.length * highest) / Math.max(1, highest - lowest + 1));
  // no more than the rarest term allows (stories cluster: a story of the day has many
  // neighbours that match, which the density alone would take for the whole archive)
  const df = (token: string) => plan.vocabulary.df.get(token) ?? 0;
  const bound = Math.min(docs, ...match.terms.map((alternatives) => alternatives.reduce((sum, tokens) => sum + Math.min(...tokens.map(df)), 0)));
  return Math.max(ranked, Math.min(bound, estimate));
}

/** Below this many full matches, stories that miss one word are listed after them. */
export const PARTIAL_BELOW = 10;
/** Longest query (in terms) that partial matches are looked for. */
const PARTIAL_MAX_TERMS = 6;
/** Newest stories read per variant of a query that misses one word: they only follow the full matches. */
const PARTIAL_CANDIDATES = 60;

/**
 * Stories that match all the terms but one, for a query with few full matches: each term
 * dropped in turn (or, when some terms no story can satisfy, those dropped, then one more).
 * They are ranked with the whole query, so the words they miss count for nothing, and
 * `best` is the variant (the terms it keeps) that matched the most, for a suggestion.
 */
async function partialMatches(
  db: Db,
  engine: Engine,
  plan: Plan,
  filter: CandidateFilter,
  now: number,
  exclude: ReadonlySet<number>,
): Promise<{ ranked: Ranked[]; best: number[] | null }> {
  const all = plan.terms.map((_, i) => i);
  const alive = all.filter((i) => matchOf(subPlan(plan, [i])) !== null);
  if (alive.length === 0 || all.length > PARTIAL_MAX_TERMS) return { ranked: [], best: null };
  const variants: number[][] = [];
  if (alive.length < all.length) variants.push(alive);
  if (alive.length > 1) for (let drop = alive.length - 1; drop >= 0; drop--) variants.push(alive.filter((_, k) => k !== drop));
  const found = new Set<number>();
  let best: number[] | null = null;
  let bestCount = 0;
  for (const keep of variants) {
    const match = matchOf(subPlan(plan, keep));
    if (match === null) continue;
    const ids = await engine.search.candidates(db, match, filter, PARTIAL_CANDIDATES);
    for (const id of ids) if (!exclude.has(id)) found.add(id);
    // the variant that matched the most, ties to the one that keeps the earlier words
    if (ids.length > bestCount) {
      best = keep;
      bestCount = ids.length;
    }
  }
  if (found.size === 0) return { ranked: [], best };
  const ranked = rankDocuments(await readFindable(db, [...found], now), {
    terms: plan.terms,
    df: (token) => plan.vocabulary.df.get(token) ?? 0,
    stats: await readStats(db),
    now,
  });
  return { ranked, best };
}

/** The instants and service of a query's filters; null when the service does not exist. */
async function candidateFilter(db: Db, parsed: ParsedQuery): Promise<CandidateFilter | null> {
  const { service, from, to } = parsed.filters;
  const filter: CandidateFilter = { from, to };
  if (service !== undefined) {
    const row = await db.selectFrom('services').select('id').where('slug', '=', service).executeTakeFirst();
    if (row === undefined) return null;
    filter.serviceId = row.id;
  }
  return filter;
}

/**
 * Finds published stories for a query, best first, one page at a time, with snippets. When
 * fewer than PARTIAL_BELOW stories have every word, those that miss one follow; when none
 * has every word, the query with fewer words that matched the most is the suggestion.
 */
export async function searchArticles(db: Db, engine: Engine, request: SearchRequest): Promise<SearchOutcome> {
  const synonyms = request.synonyms ?? (await new SynonymSource().get(db));
  const parsed = parseQuery(request.q, { synonyms });
  applyFilters(parsed, request);
  if (Object.keys(parsed.problems).length > 0 && !request.lenient) return { ...EMPTY, problems: parsed.problems };
  const now = request.now.getTime();
  const filter = await candidateFilter(db, parsed);
  if (parsed.words.length === 0 || filter === null) return { ...EMPTY, problems: {} };

  const plan = await lookUp(db, parsed, synonyms);
  let { ranked, total } = await find(db, engine, plan, filter, now);
  let suggestion: string | undefined;
  // Few full matches: stories that miss one word follow them (a quoted phrase is kept to,
  // unless nothing matches it); nothing at all: the variant that matched the most is named.
  if (plan.terms.length > 1 && ranked.length < PARTIAL_BELOW && (plan.phrases.length === 0 || ranked.length === 0)) {
    const partial = await partialMatches(db, engine, plan, filter, now, new Set(ranked.map((r) => r.id)));
    if (ranked.length === 0 && partial.best !== null)
      suggestion = queryText(
        parsed,
        partial.best.flatMap((i) => plan.terms[i]?.words ?? []),
      );
    ranked = [...ranked, ...partial.ranked];
    total += partial.ranked.length;
  }

  const limit = Math.min(Math.max(1, Math.trunc(request.limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
  const page = Math.max(1, Math.trunc(request.page ?? 1));
  const pageIds = ranked.slice((page - 1) * limit, page * limit);
  const stories = await readResultStories(
    db,
    pageIds.map((r) => r.id),
  );
  const docs = new Map(
    (
      await readDocs(
        db,
        pageIds.map((r) => r.id),
      )
    ).map((doc) => [doc.id, doc]),
  );
  const scores = new Map(pageIds.map((r) => [r.id, r.score]));
  const marks = markTokens(plan);
  // The stored tokens say where the matches are: the lead, the body, or only the title and
  // tags (then the lead is shown as it is); only that text is read for marks.
  const snippet = (story: ResultStory): string => {
    const doc = docs.get(story.id);
    const body = () => htmlToText(story.body);
    if (doc === undefined) return makeSnippet([story.lead, body], marks, { synonyms });
    if (holds(doc, ['lead'], marks)) return makeSnippet([story.lead], marks, { synonyms });
    if (holds(doc, ['body'], marks)) {
      // the first matching body token tells roughly where in the text to start reading
      const tokens = doc.fields.body.split(' ');
      const at = tokens.findIndex((t) => marks.has(t));
      return makeSnippet([body], marks, { synonyms, near: at / tokens.length });
    }
    return makeSnippet([story.lead, body], new Set(), { synonyms });
  };
  const hits = stories.map((story) => ({
    code: story.code,
    slug: story.slug,
    title: story.title,
    snippet: snippet(story),
    publishedAt: new Date(story.publishedAt),
    service: story.service,
    score: scores.get(story.id) ?? 0,
  }));
  return { total, pages: Math.ceil(Math.min(total, ranked.length) / limit), hits, suggestion, problems: {} };
}

/** What keeping the index in step needs. */
export interface IndexOptions {
  /** The present, epoch milliseconds: a story is findable once published and its time has come. */
  now: number;
  synonyms: Synonyms;
  /** Collects the term count changes for the caller to write later (see writeEntries). */
  termDeltas?: Map<string, number> | undefined;
}

/**
 * Brings the search entries of these stories in line with the stories, in the caller's
 * transaction: a findable story is (re)indexed, any other story is dropped from the index.
 */
export async function indexStories(trx: Db, engine: Engine, articleIds: readonly number[], options: IndexOptions): Promise<void> {
  const stories = await readStories(trx, articleIds);
  const entries = stories.map((story) => searchEntry(story, options.now, options.synonyms)).filter((e): e is SearchEntry => e !== null);
  await writeEntries(trx, engine, articleIds, entries, options.termDeltas);
}

/**
 * The hook for `ArticleDeps.onArticleWritten`: indexes a story in the transaction that wrote
 * it, with the current synonyms.
 */
export function searchIndexHook(engine: Engine, options: { now: () => Date; synonyms: SynonymSource }): (trx: Db, article: { id: number }) => Promise<void> {
  return async (trx, article) => {
    await indexStories(trx, engine, [article.id], { now: options.now().getTime(), synonyms: await options.synonyms.get(trx) });
  };
}

/** Progress of a rebuild. */
export interface RebuildProgress {
  /** Stories read so far. */
  done: number;
  /** Stories in all. */
  total: number;
}

/** Stories a rebuild indexes between two writes of its term counts. */
const FLUSH_STORIES = 50_000;
/** Distinct terms a rebuild holds at most before writing their counts. */
const FLUSH_TERMS = 500_000;

/**
 * Rebuilds the search index from the stories: empties it, then indexes every story in
 * batches, each batch in a transaction of its own (a running site keeps writing meanwhile;
 * its writes go through the same delta bookkeeping, so nothing is counted twice). Term
 * counts are written every FLUSH_STORIES stories rather than every batch, which makes a
 * rebuild several times faster; searches during a rebuild see the stories indexed and
 * counted so far. At the end the engine compacts its index.
 */
export async function rebuildSearchIndex(
  db: Kysely<Database>,
  engine: Engine,
  options: IndexOptions & { batchSize?: number; onProgress?: (progress: RebuildProgress) => void },
): Promise<{ stories: number; indexed: number }> {
  const batchSize = options.batchSize ?? 500;
  const total = await countStories(db);
  await db.transaction().execute((trx) => clearIndex(trx, engine));
  const pending = new Map<string, number>();
  const flush = async () => {
    if (pending.size === 0) return;
    await db.transaction().execute((trx) => writeTermDeltas(trx, pending));
    pending.clear();
  };
  let done = 0;
  let flushedAt = 0;
  let after = 0;
  options.onProgress?.({ done, total });
  for (;;) {
    const ids = await storyIdsAfter(db, after, batchSize);
    if (ids.length === 0) break;
    await db.transaction().execute((trx) => indexStories(trx, engine, ids, { ...options, termDeltas: pending }));
    after = ids[ids.length - 1] as number;
    done += ids.length;
    if (done - flushedAt >= FLUSH_STORIES || pending.size >= FLUSH_TERMS) {
      await flush();
      flushedAt = done;
    }
    options.onProgress?.({ done, total: Math.max(total, done) });
  }
  await flush();
  await engine.search.optimize(db);
  const stats = await readStats(db);
  return { stories: done, indexed: stats.docs };
}

/**
 * Builds the index when it is empty but stories are findable: the first start after search
 * arrived on a site that already had stories (`dabir reindex` does the same by hand). Runs
 * under the engine's job lock, so one instance of several does it. Returns the number of
 * stories indexed, or null when nothing had to be done.
 */
export async function ensureSearchIndex(db: Kysely<Database>, engine: Engine, options: IndexOptions): Promise<number | null> {
  if ((await readStats(db)).docs > 0) return null;
  const findable = await db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'published')
    .where('published_at', '<=', options.now)
    .limit(1)
    .executeTakeFirst();
  if (findable === undefined) return null;
  const run = await engine.tryWithLock(db, 'search-rebuild', async () => {
    if ((await readStats(db)).docs > 0) return null; // another instance built it meanwhile
    return (await rebuildSearchIndex(db, engine, options)).indexed;
  });
  return run.ran ? (run.value ?? null) : null;
}
