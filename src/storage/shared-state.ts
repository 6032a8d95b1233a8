/**
 * State that every instance must see alike: used proof-of-work solutions and
 * the sign-in lockout (issue 13). The database holds it when there is no Redis
 * (`shared_state`, one row a key with an expiry); `redis/` offers the same
 * interface over Redis and falls back to this one while Redis is away.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface SharedState {
  /** Stores `value` under `key` for `ttlMs` unless a live value is there; true when this call stored it. */
  claim(key: string, value: string, ttlMs: number, now: number): Promise<boolean>;
  /** The live value under `key`, if any. */
  get(key: string, now: number): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs`, replacing what was there. */
  set(key: string, value: string, ttlMs: number, now: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Sweep expired rows about once in this many writes, so the table stays the size of what is live. */
const SWEEP_EVERY = 500;

export function databaseState(db: Kysely<Database>): SharedState {
  let writes = 0;
  async function sweep(now: number): Promise<void> {
    if (++writes % SWEEP_EVERY !== 0) return;
    await db.deleteFrom('shared_state').where('expires_at', '<=', now).execute();
  }
  return {
    async claim(key, value, ttlMs, now) {
      await sweep(now);
      // A row past its expiry is as good as absent: take it over first, then insert if there was none.
      const revived = await db
        .updateTable('shared_state')
        .set({ value, expires_at: now + ttlMs })
        .where('key', '=', key)
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      if (Number(revived.numUpdatedRows) > 0) return true;
      const inserted = await db
        .insertInto('shared_state')
        .values({ key, value, expires_at: now + ttlMs })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async get(key, now) {
      const row = await db.selectFrom('shared_state').select('value').where('key', '=', key).where('expires_at', '>', now).executeTakeFirst();
      return row?.value;
    },
    async set(key, value, ttlMs, now) {
      await sweep(now);
      await db
        .insertInto('shared_state')
        .values({ key, value, expires_at: now + ttlMs })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, expires_at: now + ttlMs }))
        .execute();
    },
    async delete(key) {
      await db.deleteFrom('shared_state').where('key', '=', key).execute();
    },
  };
}
