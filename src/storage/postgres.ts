/**
 * PostgreSQL through `pg`: for several instances sharing one database.
 * int8 values (epoch milliseconds, ids) are parsed as numbers; they stay far
 * below 2^53.
 */
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Engine } from './dialect.js';
import type { Database } from './schema.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export function openPostgres(url: string, options: { max?: number } = {}): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, connectionTimeoutMillis: 5000 });
  // A dropped idle connection (a restarted server) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

/** A stable 32-bit key for an advisory lock name. */
function lockKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h | 0;
}

export const postgresEngine: Engine = {
  name: 'postgres',
  schema: {
    autoId: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
    bigint: 'bigint',
  },
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
};
