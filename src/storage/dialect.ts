/**
 * What differs between the storage engines, as one interface. `sqlite.ts` and
 * `postgres.ts` each export an implementation; nothing else in the program asks
 * which engine it runs on (STYLE.md 7).
 */
import type { ColumnDefinitionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.js';

export type EngineName = 'sqlite' | 'postgres';

/** Column helpers that frozen migrations use to stay engine-neutral. */
export interface SchemaDialect {
  /** An auto-incrementing integer primary key. */
  autoId(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** The type name for 64-bit integers (epoch milliseconds, counters). */
  bigint: 'bigint' | 'integer';
  /** The type name for bytes. */
  binary: 'blob' | 'bytea';
  /**
   * A text column compared byte by byte (code point order), whatever the database's
   * collation, so that range scans over a prefix find the same rows on every engine.
   */
  bytewiseText(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * Migration 0003: the engine's full-text structures over `search_docs` (SQLite: the FTS5
   * table `search_fts`; PostgreSQL: tsvector columns with GIN indexes). Frozen with that
   * migration: a later change to the index gets a new member for a new migration.
   */
  // `Kysely<any>`, not the schema: a migration runs against the database as it was when the
  // migration was written, which is not what schema.ts describes today.
  createSearchIndex0003(db: Kysely<any>): Promise<void>;
}

/**
 * A boolean match over search tokens: a story matches when it has, for every term, every
 * token of at least one of the term's alternatives. Tokens are `searchTokens` output: letters
 * and digits only, never empty.
 */
export interface TokenMatch {
  /** Terms (all required) → alternatives (any one) → tokens (all required). */
  terms: ReadonlyArray<ReadonlyArray<ReadonlyArray<string>>>;
  /** When given, at least one of these tokens must be in the story's head (title, kicker, lead, tags). */
  headAny?: readonly string[] | undefined;
}

/**
 * Which stories a full-text lookup may return, besides the match. The index holds only stories
 * that were findable when they were written (published, their time come); search checks
 * the time again on the candidates it reads, so the engines need not.
 */
export interface CandidateFilter {
  /** Only stories of this service. */
  serviceId?: number | undefined;
  /** Only stories published at or after this instant (epoch ms). */
  from?: number | undefined;
  /** Only stories published before this instant (epoch ms). */
  to?: number | undefined;
}

/**
 * The engine's half of search. Everything else (the documents table, term statistics,
 * ranking) is shared code; an engine only keeps its full-text index in line with
 * `search_docs` and answers boolean matches, so both engines find the same stories.
 */
export interface SearchDialect {
  /**
   * Brings the full-text index in line with `search_docs` for these stories: each story of
   * `docs` (whose `search_docs` row is written) is (re)indexed from its head (title, kicker,
   * lead and tags) and body tokens, space-joined; every other id is dropped from the index.
   */
  sync(db: Kysely<Database>, articleIds: readonly number[], docs: ReadonlyArray<{ articleId: number; head: string; body: string }>): Promise<void>;
  /** Empties the full-text index (before a rebuild). */
  clear(db: Kysely<Database>): Promise<void>;
  /**
   * Compacts the full-text index after a rebuild (not in a transaction): a bulk load leaves
   * many small pieces that every lookup has to visit.
   */
  optimize(db: Kysely<Database>): Promise<void>;
  /** Ids of the stories that match, highest (newest) id first, at most `limit`. */
  candidates(db: Kysely<Database>, match: TokenMatch, filter: CandidateFilter, limit: number): Promise<number[]>;
  /** How many stories match, counting no further than `cap`. */
  count(db: Kysely<Database>, match: TokenMatch, filter: CandidateFilter, cap: number): Promise<number>;
  /** Bytes the engine's full-text structures take on disk (for benchmarks and status). */
  indexBytes(db: Kysely<Database>): Promise<number>;
}

/** One table as backups see it, read from the database's own catalogue. */
export interface TableInfo {
  name: string;
  /** Column names, in the table's order. */
  columns: string[];
  /** Primary key columns, in key order; empty when the table has none. */
  primaryKey: string[];
  /** Tables this one references through foreign keys (itself included for a self-reference). */
  references: string[];
  /** The auto-incrementing id column whose counter a restore must move on, if any. */
  identity: string | null;
}

/** The engine's half of `dabir backup` and `dabir restore` (src/backup). */
export interface BackupDialect {
  /** The ordinary tables of the schema (no views, virtual or shadow tables), from the catalogue. */
  tables(db: Kysely<Database>): Promise<TableInfo[]>;
  /**
   * Runs `fn` over a consistent, unchanging view of the whole database while the site keeps
   * serving: SQLite copies the file with its online backup API into `workDir` and `fn` reads
   * the copy; PostgreSQL reads in one REPEATABLE READ, READ ONLY transaction.
   */
  snapshot<T>(db: Kysely<Database>, place: { dataDir: string; workDir: string }, fn: (snap: Kysely<Database>) => Promise<T>): Promise<T>;
  /** After rows were written with their own ids: moves identity counters past the largest id. */
  afterRestore(db: Kysely<Database>, tables: readonly TableInfo[]): Promise<void>;
}

export interface Engine {
  name: EngineName;
  /** Backup and restore: the catalogue, a consistent snapshot, identity counters. */
  backup: BackupDialect;
  schema: SchemaDialect;
  /**
   * Marks a select of rows about to be claimed so that concurrent claimers pass over each
   * other's rows instead of waiting or taking them twice: `for update skip locked` on
   * PostgreSQL; unchanged on SQLite, where one writer at a time already serializes claims.
   */
  skipLocked<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** Runs `fn` while holding an engine-wide exclusive lock named `key` (one scheduler at a time). */
  tryWithLock<T>(db: Kysely<Database>, key: string, fn: () => Promise<T>): Promise<{ ran: boolean; value?: T }>;
  /** Checks that the storage answers. */
  ping(db: Kysely<Database>): Promise<void>;
  /**
   * True when `error`, thrown by this engine's driver, means the storage cannot be reached or
   * cannot take the work now (down, restarting, locked, full): an answer of "try again
   * later" (storage_unavailable), not a bug. Decided by the driver's codes and error classes,
   * never by message text.
   */
  unavailable(error: unknown): boolean;
  /** The full-text half of search. */
  search: SearchDialect;
}

/** The `code` a driver or Node put on an error (a SQLSTATE, an errno name, a SQLite result code), if any. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** A list cut into lists of at most `size` (so that a list of ids stays within an engine's bound parameters). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
