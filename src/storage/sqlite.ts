/**
 * SQLite through better-sqlite3 12: the embedded default. WAL mode so readers
 * never wait on the writer; a busy timeout so a second process (the CLI next
 * to a running server) waits instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type RawBuilder, type SqliteDatabase } from 'kysely';
import { chunks, errorCode, type CandidateFilter, type Engine, type TableInfo, type TokenMatch } from './dialect.js';
import type { Database } from './schema.js';

/** The site's database file, in the data folder (DABIR_DATA). */
export const SQLITE_FILE = 'dabir.sqlite';

/**
 * The driver, loaded on first use: storage/index.ts imports this file for `unavailable`
 * on every site, and a PostgreSQL site never loads better-sqlite3.
 */
const driver = (): typeof SQLite => createRequire(import.meta.url)('better-sqlite3') as typeof SQLite;

/** A SQLite file of its own, outside the site's database (the import's scratch file). */
export type ScratchDatabase = SQLite.Database;
/** A prepared statement of a `ScratchDatabase`. */
export type ScratchStatement = SQLite.Statement;

/**
 * Opens (creating it) a throw-away SQLite file that is not the site's database, for a tool to
 * use with its own SQL, synchronously (src/import's spool).
 */
export function openScratchSqlite(file: string): ScratchDatabase {
  return new (driver())(file);
}

/**
 * Result codes that mean the file cannot take the work now rather than a bug: another
 * connection holds the lock past the busy timeout, the disk failed or is full, the file
 * cannot be opened (sqlite.org/rescode.html). better-sqlite3 puts the code on `error.code`.
 */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set(['SQLITE_BUSY', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CANTOPEN']);

export function openSqlite(file: string, options: { maxPages?: number | undefined } = {}): { db: Kysely<Database>; raw: SQLite.Database } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new (driver())(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  // A test knob (DABIR_SQLITE_MAX_PAGES): writes past this size fail with SQLITE_FULL, as on a full disk.
  if (options.maxPages !== undefined) raw.pragma(`max_page_count = ${Math.floor(options.maxPages)}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: preparedOnce(raw) }) });
  return { db, raw };
}

/** Distinct statements kept prepared; the id lists of `in (…)` make the long tail. */
const STATEMENT_CACHE = 400;

/**
 * The database as Kysely sees it, with each statement prepared once. Kysely's
 * SQLite driver prepares on every query, and on a story page that parse cost
 * more than running the queries. The cache is a small LRU by SQL text; a
 * statement still iterating (a streamed select) is never handed out twice.
 */
function preparedOnce(raw: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      const kept = statements.get(text);
      if (kept && !kept.busy) {
        // Map order is insertion order: move it to the newest end.
        statements.delete(text);
        statements.set(text, kept);
        return kept;
      }
      const statement = raw.prepare(text);
      if (!kept) {
        statements.set(text, statement);
        if (statements.size > STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}

/** Ids per statement when a list of ids becomes bound parameters. */
const ID_CHUNK = 500;

/**
 * An FTS5 query string for a token match. Every token is a quoted string (so no token can
 * read as an operator: AND, OR, NOT, NEAR), ANDed and ORed as the match says; `headAny`
 * becomes a column filter on `head`.
 */
export function fts5Query(match: TokenMatch): string {
  const quote = (token: string): string => `"${token.replaceAll('"', '""')}"`;
  const group = (parts: string[], op: 'AND' | 'OR'): string => (parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(` ${op} `)})`);
  const terms = match.terms.map((alternatives) =>
    group(
      alternatives.map((tokens) => group(tokens.map(quote), 'AND')),
      'OR',
    ),
  );
  let query = terms.join(' AND ');
  if (match.headAny && match.headAny.length > 0) query = `(${query}) AND {head} : (${match.headAny.map(quote).join(' OR ')})`;
  return query;
}

/**
 * Stories of the FTS5 table that match; joined with their `search_docs` row only when a
 * service or dates filter them.
 */
function matching(match: TokenMatch, filter: CandidateFilter): RawBuilder<unknown> {
  const conditions = [sql`search_fts match ${fts5Query(match)}`];
  if (filter.serviceId !== undefined) conditions.push(sql`d.service_id = ${filter.serviceId}`);
  if (filter.from !== undefined) conditions.push(sql`d.published_at >= ${filter.from}`);
  if (filter.to !== undefined) conditions.push(sql`d.published_at < ${filter.to}`);
  const docs = conditions.length > 1 ? sql`join search_docs d on d.article_id = search_fts.rowid` : sql``;
  return sql`from search_fts ${docs} where ${sql.join(conditions, sql` and `)}`;
}

/** Pages copied per step of the online backup: large, so a busy writer rarely forces a restart. */
const BACKUP_PAGES_PER_STEP = 100_000;

export const sqliteEngine: Engine = {
  name: 'sqlite',
  backup: {
    async tables(db) {
      // pragma table_list (SQLite 3.37) tells ordinary tables from virtual (FTS5) and shadow ones.
      const names = await sql<{
        name: string;
      }>`select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
      const out: TableInfo[] = [];
      for (const { name } of names.rows) {
        const cols = await sql<{ name: string; pk: number; type: string }>`select name, pk, type from pragma_table_info(${name}) order by cid`.execute(db);
        const fks = await sql<{ table: string }>`select distinct "table" from pragma_foreign_key_list(${name})`.execute(db);
        const primaryKey = cols.rows
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name);
        out.push({
          name,
          columns: cols.rows.map((c) => c.name),
          primaryKey,
          references: fks.rows.map((f) => f.table),
          // An integer primary key is the rowid; SQLite moves its counter on by itself.
          identity: null,
        });
      }
      return out;
    },
    async snapshot(_db, place, fn) {
      // Its own connection to the file: the online backup API copies pages between two
      // connections, and restarts by itself if another writes meanwhile (sqlite.org/backup.html).
      const copy = join(place.workDir, 'snapshot.sqlite');
      const source = new (driver())(join(place.dataDir, SQLITE_FILE), { fileMustExist: true });
      try {
        source.pragma('busy_timeout = 5000');
        await source.backup(copy, { progress: () => BACKUP_PAGES_PER_STEP });
      } finally {
        source.close();
      }
      const { db } = openSqlite(copy);
      try {
        return await fn(db);
      } finally {
        await db.destroy();
      }
    },
    // Rows inserted with their own ids move sqlite_sequence on by themselves.
    async afterRestore() {},
  },
  schema: {
    autoId: (c) => c.primaryKey().autoIncrement(),
    bigint: 'integer',
    binary: 'blob',
    // SQLite compares text with BINARY (memcmp of UTF-8, i.e. code point order) by default.
    bytewiseText: (c) => c,
    async createSearchIndex0003(db) {
      // Contentless (the tokens live in search_docs), deletable by rowid (the story id),
      // column-level detail (enough for the head filter: phrases are checked by the ranker),
      // and the ascii tokenizer: tokens arrive pre-normalized and space-joined, and ascii
      // splits only at ASCII spaces and punctuation, taking every non-ASCII letter as is.
      await sql`create virtual table search_fts using fts5(head, body, content='', contentless_delete=1, detail='column', tokenize='ascii')`.execute(db);
    },
  },
  // One writer at a time: a claiming `update … where id in (select …)` is already atomic.
  skipLocked: (query) => query,
  // One SQLite file is served by one process, so the lock is the process itself.
  async tryWithLock(_db, _key, fn) {
    return { ran: true, value: await fn() };
  },
  async ping(db) {
    await sql`select 1`.execute(db);
  },
  unavailable(error) {
    const code = errorCode(error);
    return code !== undefined && UNAVAILABLE_CODES.has(code);
  },
  search: {
    async sync(db, articleIds, docs) {
      for (const ids of chunks(articleIds, ID_CHUNK)) await sql`delete from search_fts where rowid in (${sql.join(ids)})`.execute(db);
      for (const part of chunks(docs, 300)) {
        const rows = part.map((d) => sql`(${d.articleId}, ${d.head}, ${d.body})`);
        await sql`insert into search_fts (rowid, head, body) values ${sql.join(rows)}`.execute(db);
      }
    },
    async clear(db) {
      await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
    },
    async optimize(db) {
      // merges every segment of the FTS5 index into one (measured at a million stories:
      // three-word lookups 2.6× faster; 13 s)
      await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
    },
    async candidates(db, match, filter, limit) {
      if (match.terms.length === 0) return [];
      const rows = await sql<{ id: number }>`select search_fts.rowid as id ${matching(match, filter)} order by search_fts.rowid desc limit ${limit}`.execute(
        db,
      );
      return rows.rows.map((r) => r.id);
    },
    async count(db, match, filter, cap) {
      if (match.terms.length === 0) return 0;
      const rows = await sql<{ n: number }>`select count(*) as n from (select 1 ${matching(match, filter)} limit ${cap})`.execute(db);
      return Number(rows.rows[0]?.n ?? 0);
    },
    async indexBytes(db) {
      // dbstat (compiled into better-sqlite3) sizes every b-tree: the FTS5 shadow tables,
      // search_docs, search_terms and their indexes.
      const rows = await sql<{ bytes: number | null }>`select sum(pgsize) as bytes from dbstat
        where name like 'search%' or name like 'sqlite_autoindex_search%'`.execute(db);
      return Number(rows.rows[0]?.bytes ?? 0);
    },
  },
};
