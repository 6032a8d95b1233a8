/**
 * Real databases for tests (no mocks): a fresh SQLite file in a temporary
 * folder, and, when DATABASE_URL is set, a fresh PostgreSQL database created
 * on that server for this test file and dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStorage, type Storage } from '../../src/storage/index.js';

export const PG_URL = process.env.DATABASE_URL || undefined;
export const REDIS_URL = process.env.REDIS_URL || undefined;

export const PG_SKIP_NOTE = 'skipped: DATABASE_URL is not set (CI sets it; export it to run the PostgreSQL cases)';

export function tempDir(prefix = 'dabir-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Creates an empty database on the DATABASE_URL server; returns its URL and a drop function. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error('DATABASE_URL is not set');
  const name = `dabir_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export type EngineCase = { name: 'sqlite' | 'postgres'; available: boolean; note: string };

/** The engines every storage suite runs on: SQLite always, PostgreSQL when configured. */
export const ENGINES: EngineCase[] = [
  { name: 'sqlite', available: true, note: '' },
  { name: 'postgres', available: PG_URL !== undefined, note: PG_URL ? '' : ` (${PG_SKIP_NOTE})` },
];

/** A migrated, empty storage on the named engine, with its clean-up. */
export async function openTestStorage(
  engine: 'sqlite' | 'postgres',
): Promise<{ storage: Storage; dataDir: string; databaseUrl?: string; cleanup(): Promise<void> }> {
  const dir = tempDir();
  if (engine === 'sqlite') {
    const storage = await openStorage({ dataDir: dir.path });
    return {
      storage,
      dataDir: dir.path,
      async cleanup() {
        await storage.close();
        dir.remove();
      },
    };
  }
  const database = await createPgDatabase();
  const storage = await openStorage({ dataDir: dir.path, databaseUrl: database.url });
  return {
    storage,
    dataDir: dir.path,
    databaseUrl: database.url,
    async cleanup() {
      await storage.close();
      await database.drop();
      dir.remove();
    },
  };
}
