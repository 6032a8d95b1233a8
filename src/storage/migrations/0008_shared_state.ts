/**
 * 0008: state that every instance must see alike (issue 13): used proof-of-work
 * solutions and the sign-in lockout, when there is no Redis to hold them. One
 * key-value table with an expiry in epoch milliseconds; a row past its expiry
 * counts as absent and is swept now and then. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('shared_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('expires_at', d.bigint, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shared_state_expires').on('shared_state').columns(['expires_at']).execute();
}
