/**
 * Runs the frozen migrations in order with Kysely's Migrator (which records
 * what ran and takes a lock so two instances starting together migrate once).
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { SchemaDialect } from './dialect.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_comments.js';

interface MigrationModule {
  up(db: Kysely<any>, d: SchemaDialect): Promise<void>;
}

/** Every migration, in order. Add new ones at the end; never edit or reorder. */
const MIGRATIONS: Array<[string, MigrationModule]> = [
  ['0001_foundation', m0001],
  ['0002_comments', m0002],
];

class Provider implements MigrationProvider {
  constructor(private readonly schema: SchemaDialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of MIGRATIONS) out[name] = { up: (db) => mod.up(db, this.schema) };
    return out;
  }
}

export async function migrateToLatest(db: Kysely<any>, schema: SchemaDialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new Provider(schema) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
