/**
 * 0007: hardening. API tokens get scopes (a space-separated list; null for the
 * tokens issued before scopes existed, which keep everything their owner's role
 * allows) and an optional label for the owner's list. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

export async function up(db: Kysely<any>, _d: SchemaDialect): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('scopes', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('label', 'text').execute();
  // The owner's list and "revoke all" look tokens up by user.
  await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id']).execute();
}
