/**
 * Search: Persian queries read the way readers mean them, the same results on SQLite and
 * PostgreSQL. Query parsing, ranking and snippets are pure; the use cases gather candidates
 * from the engine's full-text index and rank them with one shared ranker (service.ts).
 */
export { parseJalaliDate, parseQuery, queryText, MAX_WORDS } from './query.js';
export type { ParsedQuery, QueryWord, SearchFilters } from './query.js';
export { FIELDS, FIELD_WEIGHTS, RECENCY_BOOST, RECENCY_HALF_LIFE_DAYS, countToken, idf, rankDocuments } from './rank.js';
export type { CorpusStats, Field, RankAlternative, RankDoc, RankQuery, RankTerm, Ranked } from './rank.js';
export { makeSnippet, SNIPPET_LENGTH } from './snippet.js';
export type { SnippetOptions } from './snippet.js';
export { MAX_BODY_TOKENS, isFindable, searchEntry } from './entry.js';
export { SynonymSource, parseSynonymGroups, synonymsFromSetting } from './synonyms.js';
export { SYNONYMS_SETTING, readSynonymSetting, writeSynonymSetting } from './store.js';
export type { SearchEntry, StoryText } from './store.js';
export {
  DEFAULT_PAGE_SIZE,
  HEAD_CANDIDATES,
  MAX_PAGE_SIZE,
  RECENT_CANDIDATES,
  TOTAL_CAP,
  ensureSearchIndex,
  indexStories,
  rebuildSearchIndex,
  searchArticles,
  searchIndexHook,
} from './service.js';
export type { IndexOptions, RebuildProgress, SearchHit, SearchOutcome, SearchRequest } from './service.js';
