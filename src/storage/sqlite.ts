/**
 * SQLite through better-sqlite3 12: the embedded default. WAL mode so readers
 * never wait on the writer; a busy timeout so a second process (the CLI next
 * to a running server) waits instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Engine } from './dialect.js';
import type { Database } from './schema.js';

export function openSqlite(file: string): { db: Kysely<Database>; raw: SQLite.Database } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, raw };
}

export const sqliteEngine: Engine = {
  name: 'sqlite',
  schema: {
    autoId: (c) => c.primaryKey().autoIncrement(),
    bigint: 'integer',
  },
  // One SQLite file is served by one process, so the lock is the process itself.
  async tryWithLock(_db, _key, fn) {
    return { ran: true, value: await fn() };
  },
  async ping(db) {
    await sql`select 1`.execute(db);
  },
};
