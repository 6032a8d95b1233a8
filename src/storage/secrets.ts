/**
 * Site secrets (keys for hashing client addresses, signing challenges),
 * generated on first use and kept in the settings table so that every
 * instance on one database shares them.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export async function siteSecret(db: Kysely<Database> | Transaction<Database>, name: string): Promise<string> {
  const key = `secret.${name}`;
  await db
    .insertInto('settings')
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
