/**
 * 0005: what the importers (`dabir import-wxr`) remember between runs: for every
 * thing they brought in from a source (a WordPress site), the row it became
 * here and a checksum of what was written, so that a second run updates what
 * changed and never makes a duplicate. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('import_map')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('target_id', d.bigint)
    .addColumn('parent_id', 'text')
    .addColumn('checksum', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('imported_at', d.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_map_pk', ['source', 'kind', 'source_id'])
    .execute();
  await db.schema.createIndex('import_map_target').on('import_map').columns(['kind', 'target_id']).execute();
}
