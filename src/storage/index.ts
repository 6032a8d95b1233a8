/**
 * Storage: one Kysely instance over SQLite (default) or PostgreSQL
 * (`DATABASE_URL`), migrated on open.
 */
import { join } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { Engine } from './dialect.js';
import { migrateToLatest } from './migrate.js';
import { openPostgres, postgresEngine } from './postgres.js';
import type { Database } from './schema.js';
import { SQLITE_FILE, openSqlite, sqliteEngine } from './sqlite.js';

export interface Storage {
  db: Kysely<Database>;
  engine: Engine;
  /** Human-readable description for logs: the engine and where it is. */
  describe: string;
  close(): Promise<void>;
}

export interface StorageOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
  /** Skip migrations (for tools that only read). */
  migrate?: boolean;
  /** For tests only: caps the SQLite file at this many pages (a full disk; config `sqliteMaxPages`). */
  sqliteMaxPages?: number | undefined;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  let storage: Storage;
  // Each engine's driver is loaded only when used (see `driver` in sqlite.ts and postgres.ts):
  // an embedded site never carries pg, nor a PostgreSQL one better-sqlite3.
  if (options.databaseUrl) {
    const { db } = openPostgres(options.databaseUrl, { max: options.poolSize });
    const url = new URL(options.databaseUrl);
    storage = { db, engine: postgresEngine, describe: `PostgreSQL ${url.host}${url.pathname}`, close: () => db.destroy() };
  } else {
    const file = join(options.dataDir, SQLITE_FILE);
    const { db } = openSqlite(file, { maxPages: options.sqliteMaxPages });
    storage = { db, engine: sqliteEngine, describe: `SQLite ${file}`, close: () => db.destroy() };
  }
  if (options.migrate !== false) {
    try {
      await migrateToLatest(storage.db, storage.engine.schema);
    } catch (error) {
      await storage.close();
      throw error;
    }
  }
  return storage;
}

/**
 * True when `error` means the storage cannot be reached or cannot take the work now (the
 * database is down, restarting, locked or full), whichever engine raised it: an answer of
 * "try again later" rather than a bug. Each engine decides for its own driver's errors.
 */
export function isStorageUnavailable(error: unknown): boolean {
  return sqliteEngine.unavailable(error) || postgresEngine.unavailable(error);
}

export { SQLITE_FILE, openScratchSqlite, type ScratchDatabase, type ScratchStatement } from './sqlite.js';
export { siteSecret } from './secrets.js';
export { databaseState, type SharedState } from './shared-state.js';
export type Db = Kysely<Database> | Transaction<Database>;
export type {
  Database,
  ArticleStatus,
  ArticleKind,
  CommentStatus,
  CommentRow,
  Role,
  ArticleRow,
  NewArticleRow,
  ArticleUpdate,
  ServiceRow,
  TagRow,
  UserRow,
} from './schema.js';
export type { Engine, EngineName, TableInfo } from './dialect.js';
export type { ChannelKind, ChannelRow, DeliveryRow, DeliveryStatus } from './schema.js';
