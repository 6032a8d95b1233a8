/**
 * Runs the frozen migrations in order with Kysely's Migrator (which records
 * what ran and takes a lock so two instances starting together migrate once).
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { SchemaDialect } from './dialect.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_comments.js';
import * as m0003 from './migrations/0003_search.js';
import * as m0004 from './migrations/0004_outbox.js';
import * as m0005 from './migrations/0005_import.js';
import * as m0006 from './migrations/0006_newsroom.js';
import * as m0007 from './migrations/0007_hardening.js';
import * as m0008 from './migrations/0008_shared_state.js';
import * as m0009 from './migrations/0009_newspaper.js';

interface MigrationModule {
  up(db: Kysely<any>, d: SchemaDialect): Promise<void>;
}

/** Every migration, in order. Add new ones at the end; never edit or reorder. */
const MIGRATIONS: Array<[string, MigrationModule]> = [
  ['0001_foundation', m0001],
  ['0002_comments', m0002],
  ['0003_search', m0003],
  ['0004_outbox', m0004],
  ['0005_import', m0005],
  ['0006_newsroom', m0006],
  ['0007_hardening', m0007],
  ['0008_shared_state', m0008],
  ['0009_newspaper', m0009],
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
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
