/**
 * Page views are counted in memory and written in batches, never one write
 * per read (DESIGN.md, "Reading").
 */
import { sql } from 'kysely';
import type { Db } from '../storage/index.js';
import { addViews } from './store.js';

export class ViewCounter {
  private pending = new Map<number, number>();

  /** Counts one view of the story with this code. */
  hit(code: number): void {
    this.pending.set(code, (this.pending.get(code) ?? 0) + 1);
  }

  /** Takes the counts gathered since the last call. */
  drain(): Map<number, number> {
    const out = this.pending;
    this.pending = new Map();
    return out;
  }

  /** Writes the gathered counts to the database; on failure they are kept for the next flush. */
  flush(db: Db): Promise<number> {
    return this.flushTo((batch) => writeViews(db, batch));
  }

  /** Hands the gathered counts to `write` (the database, or Redis); on failure they are kept. */
  async flushTo(write: (batch: Map<number, number>) => Promise<void>): Promise<number> {
    const batch = this.drain();
    if (batch.size === 0) return 0;
    try {
      await write(batch);
    } catch (error) {
      for (const [code, n] of batch) this.pending.set(code, (this.pending.get(code) ?? 0) + n);
      throw error;
    }
    let total = 0;
    for (const n of batch.values()) total += n;
    return total;
  }
}

/** Iran's offset from UTC: +03:30 all year since 2022, when summer time was abolished. */
const TEHRAN_OFFSET_MS = 12_600_000;

/** The day an instant falls on in Tehran, counted from 1970-01-01 (the `daily_views.day` key). */
export function viewDay(instant: number): number {
  return Math.floor((instant + TEHRAN_OFFSET_MS) / 86_400_000);
}

/** Adds view counts to the stories and to their counts of the day (the dashboard), in one transaction. */
export function writeViews(db: Db, counts: Map<number, number>, now: Date = new Date()): Promise<void> {
  return db.transaction().execute(async (trx) => {
    await addViews(trx, counts);
    const day = viewDay(now.getTime());
    for (const [code, n] of counts) {
      const article = await trx.selectFrom('articles').select('id').where('code', '=', code).executeTakeFirst();
      if (!article) continue;
      await trx
        .insertInto('daily_views')
        .values({ article_id: article.id, day, views: n })
        .onConflict((oc) => oc.columns(['article_id', 'day']).doUpdateSet({ views: sql`daily_views.views + ${n}` }))
        .execute();
    }
  });
}
