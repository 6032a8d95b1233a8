/**
 * PostgreSQL through `pg`: for several instances sharing one database.
 * int8 values (epoch milliseconds, ids) are parsed as numbers; they stay far
 * below 2^53.
 */
import { createRequire } from 'node:module';
import type pg from 'pg';
import {
  Kysely,
  PostgresDialect,
  sql,
  type PostgresCursor,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  type RawBuilder,
} from 'kysely';
import { chunks, errorCode, type CandidateFilter, type Engine, type TableInfo, type TokenMatch } from './dialect.js';
import type { Database } from './schema.js';

/**
 * The driver, loaded on first use: storage/index.ts imports this file for `unavailable`
 * on every site, and an embedded (SQLite) site never loads pg.
 */
const driver = (): typeof pg => createRequire(import.meta.url)('pg') as typeof pg;

const INT8_OID = 20;
const NUMERIC_OID = 1700;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return driver().types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

export function openPostgres(url: string, options: { max?: number } = {}): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new (driver().Pool)({ connectionString: url, max: options.max ?? 10, types, connectionTimeoutMillis: 5000 });
  // A dropped idle connection (a restarted server) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: reachability(pool) }) });
  return { db, pool };
}

/**
 * The database could not be reached, or the connection was lost under a query: a `pg` error
 * that carries no code, given a class of its own (the original is its `cause`, with the
 * same message).
 *
 * pg gives every server error a SQLSTATE (`DatabaseError.code`) and every socket error its
 * errno name (`code`, e.g. ECONNREFUSED); the failures it detects itself are plain `Error`s
 * with nothing but a message: pg-pool's "timeout exceeded when trying to connect" and
 * "Connection terminated due to connection timeout", the client's "Connection terminated
 * (unexpectedly)", "Client has encountered a connection error and is not queryable", and the
 * protocol desynchronisations, which also leave the connection unusable. So at the two
 * places where pg is called (taking a connection, running a query) a plain, codeless `Error`
 * becomes this class, and `unavailable` decides by class, never by message text.
 */
export class PostgresUnreachableError extends Error {
  override readonly name = 'PostgresUnreachableError';
  constructor(cause: Error) {
    super(cause.message, { cause });
  }
}

/** `error` as `PostgresUnreachableError` when pg raised it without a code (see there), else as it is. */
function classify(error: unknown): unknown {
  if (error instanceof Error && Object.getPrototypeOf(error) === Error.prototype && !('code' in error)) return new PostgresUnreachableError(error);
  return error;
}

/** The pool as Kysely uses it, with pg's codeless connection failures classified (`classify`). */
function reachability(pool: pg.Pool): PostgresPool {
  // One wrapper per pooled client: Kysely keeps its connection state per client object.
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw classify(error);
      }
      let own = wrapped.get(client);
      if (!own) {
        own = new ClassifiedClient(client);
        wrapped.set(client, own);
      }
      return own;
    },
    end: () => pool.end(),
  };
}

class ClassifiedClient implements PostgresPoolClient {
  constructor(private readonly client: pg.PoolClient) {}
  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(text: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // Streaming is not configured (no `cursor` in the dialect), so a cursor never reaches here.
    if (typeof text !== 'string') throw new Error('streaming queries are not configured');
    return this.client.query(text, [...(parameters ?? [])]).then(
      (result) => result as unknown as PostgresQueryResult<R>,
      (error: unknown) => {
        throw classify(error);
      },
    );
  }
  release(destroy?: boolean): void {
    this.client.release(destroy);
  }
}

/**
 * Error codes that mean the database cannot be reached now: socket errno names (the server is
 * down or unreachable) and the SQLSTATEs of classes 57P (operator intervention: shutdown,
 * crash, not yet accepting connections) and 08 (connection exception) of
 * PostgreSQL's Appendix A, "PostgreSQL Error Codes".
 */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08001',
  '08003',
]);

/** A stable 32-bit key for an advisory lock name. */
function lockKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Ids per statement when a list of ids becomes bound parameters. */
const ID_CHUNK = 500;

/** A tsquery literal: every token a quoted lexeme, taken as is (no parser, no dictionary). */
function tsquery(terms: ReadonlyArray<ReadonlyArray<ReadonlyArray<string>>>): string {
  const quote = (token: string): string => `'${token.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  const group = (parts: string[], op: '&' | '|'): string => (parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(` ${op} `)})`);
  return terms
    .map((alternatives) =>
      group(
        alternatives.map((tokens) => group(tokens.map(quote), '&')),
        '|',
      ),
    )
    .join(' & ');
}

/**
 * Space-joined tokens as a tsvector of their lexemes, as they are: no parser, no dictionary,
 * no positions (the match is boolean; order and phrases are the shared ranker's work).
 */
const lexemes = (tokens: RawBuilder<unknown>) => sql`array_to_tsvector(array_remove(string_to_array(${tokens}, ' '), ''))`;

/** Rows of `search_docs` that match, with the filters. */
function matching(match: TokenMatch, filter: CandidateFilter): RawBuilder<unknown> {
  const conditions = [sql`tsv_all @@ ${tsquery(match.terms)}::tsquery`];
  if (match.headAny && match.headAny.length > 0) conditions.push(sql`tsv_head @@ ${tsquery([match.headAny.map((t) => [t])])}::tsquery`);
  if (filter.serviceId !== undefined) conditions.push(sql`service_id = ${filter.serviceId}`);
  if (filter.from !== undefined) conditions.push(sql`published_at >= ${filter.from}`);
  if (filter.to !== undefined) conditions.push(sql`published_at < ${filter.to}`);
  return sql`from search_docs where ${sql.join(conditions, sql` and `)}`;
}

export const postgresEngine: Engine = {
  name: 'postgres',
  backup: {
    async tables(db) {
      const names = await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
      const out: TableInfo[] = [];
      for (const { name } of names.rows) {
        const cols = await sql<{ name: string; identity: string }>`select column_name as name, is_identity as identity from information_schema.columns
          where table_schema = current_schema() and table_name = ${name} order by ordinal_position`.execute(db);
        const pk = await sql<{ name: string }>`select a.attname as name from pg_index i
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
          where i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(${name}))::regclass and i.indisprimary
          order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
        const fks = await sql<{ table: string }>`select distinct r.relname as table from pg_constraint c join pg_class r on r.oid = c.confrelid
          where c.conrelid = (quote_ident(current_schema()) || '.' || quote_ident(${name}))::regclass and c.contype = 'f'`.execute(db);
        out.push({
          name,
          columns: cols.rows.map((c) => c.name),
          primaryKey: pk.rows.map((r) => r.name),
          references: fks.rows.map((f) => f.table),
          identity: cols.rows.find((c) => c.identity === 'YES')?.name ?? null,
        });
      }
      return out;
    },
    // One transaction sees one moment of the database however long the export takes
    // (PostgreSQL docs, "Repeatable Read Isolation Level"); read only, it never blocks writers.
    async snapshot(db, _place, fn) {
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute((trx) => fn(trx));
    },
    async afterRestore(db, tables) {
      // Rows came with their own ids: the identity sequence must continue after the largest.
      for (const t of tables) {
        if (!t.identity) continue;
        await sql`select setval(pg_get_serial_sequence(${t.name}, ${t.identity}),
          coalesce((select max(${sql.ref(t.identity)}) from ${sql.table(t.name)}), 0) + 1, false)`.execute(db);
      }
    },
  },
  schema: {
    autoId: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
    bigint: 'bigint',
    binary: 'bytea',
    bytewiseText: (c) => c.modifyFront(sql`collate "C"`),
    async createSearchIndex0003(db) {
      // The lexemes of the head (title, kicker, lead, tags) and of the whole story, each with
      // a GIN index: a query asks tsv_all for every term and, for the head tier, tsv_head for
      // any term; the planner combines the two indexes.
      await sql`alter table search_docs add column tsv_head tsvector, add column tsv_all tsvector`.execute(db);
      await sql`create index search_docs_tsv_head on search_docs using gin (tsv_head)`.execute(db);
      await sql`create index search_docs_tsv_all on search_docs using gin (tsv_all)`.execute(db);
    },
  },
  // Rows another instance is claiming are passed over, not waited for (PostgreSQL docs, "The Locking Clause").
  skipLocked: (query) => query.forUpdate().skipLocked(),
  async tryWithLock(db, key, fn) {
    // A session-level advisory lock must be taken and released on the same
    // connection, so the work runs inside one reserved connection.
    return db.connection().execute(async (conn) => {
      const k = lockKey(key);
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${k}) as ok`.execute(conn);
      if (!got.rows[0]?.ok) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await sql`select pg_advisory_unlock(${k})`.execute(conn);
      }
    });
  },
  async ping(db) {
    await sql`select 1`.execute(db);
  },
  unavailable(error) {
    if (error instanceof PostgresUnreachableError) return true;
    const code = errorCode(error);
    return code !== undefined && UNAVAILABLE_CODES.has(code);
  },
  search: {
    async sync(db, _articleIds, docs) {
      // A story without a row has no lexemes to drop: they live in its search_docs row.
      for (const part of chunks(docs, ID_CHUNK)) {
        await sql`update search_docs d set
            tsv_head = ${lexemes(sql`v.head`)},
            tsv_all = ${lexemes(sql`v.head || ' ' || v.body`)}
          from unnest(${part.map((x) => x.articleId)}::int[], ${part.map((x) => x.head)}::text[], ${part.map((x) => x.body)}::text[]) as v(id, head, body)
          where d.article_id = v.id`.execute(db);
      }
    },
    // The lexemes live in the search_docs rows, which shared code deletes.
    async clear() {},
    async optimize(db) {
      // fresh statistics for the planner, and the GIN pending lists merged (VACUUM does both)
      await sql`vacuum analyze search_docs`.execute(db);
    },
    async candidates(db, match, filter, limit) {
      if (match.terms.length === 0) return [];
      const rows = await sql<{ id: number }>`select article_id as id ${matching(match, filter)} order by article_id desc limit ${limit}`.execute(db);
      return rows.rows.map((r) => r.id);
    },
    async count(db, match, filter, cap) {
      if (match.terms.length === 0) return 0;
      const rows = await sql<{ n: number }>`select count(*) as n from (select 1 ${matching(match, filter)} limit ${cap}) s`.execute(db);
      return Number(rows.rows[0]?.n ?? 0);
    },
    async indexBytes(db) {
      const rows = await sql<{ bytes: number }>`select pg_total_relation_size('search_docs') + pg_total_relation_size('search_terms')
        + pg_total_relation_size('search_stats') as bytes`.execute(db);
      return Number(rows.rows[0]?.bytes ?? 0);
    },
  },
};
