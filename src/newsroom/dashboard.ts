/**
 * The dashboard's figures: views and comments per day over the last weeks,
 * the most viewed stories, comments waiting and stories scheduled. Days are
 * Tehran's (the `daily_views.day` numbering), computed the same way in SQL on
 * both engines: integer division of a shifted epoch time.
 */
import { sql } from 'kysely';
import { viewDay } from '../articles/index.js';
import type { Db } from '../storage/index.js';

/** A value for each of `days` consecutive days, oldest first. */
export interface DailySeries {
  /** The first day (`viewDay` numbering). */
  firstDay: number;
  values: number[];
}

export interface Dashboard {
  views: DailySeries;
  comments: DailySeries;
  mostViewed: Array<{ code: number; title: string; views: number }>;
  waiting: number;
  scheduled: Array<{ code: number; title: string; publishedAt: Date }>;
}

const DAY_MS = 86_400_000;
const TEHRAN_OFFSET_MS = 12_600_000;

/** The instant a `viewDay` number starts at in Tehran. */
export function dayStart(day: number): Date {
  return new Date(day * DAY_MS - TEHRAN_OFFSET_MS);
}

function fill(firstDay: number, days: number, rows: Array<{ day: number; n: number }>): DailySeries {
  const values = new Array<number>(days).fill(0);
  for (const r of rows) {
    const i = Number(r.day) - firstDay;
    if (i >= 0 && i < days) values[i] = Number(r.n);
  }
  return { firstDay, values };
}

export async function loadDashboard(db: Db, now: Date, days = 28): Promise<Dashboard> {
  const today = viewDay(now.getTime());
  const firstDay = today - days + 1;
  const views = await db
    .selectFrom('daily_views')
    .select(['day', (eb) => eb.fn.sum<number>('views').as('n')])
    .where('day', '>=', firstDay)
    .groupBy('day')
    .execute();
  // Literals, not parameters: a bound number may arrive as a float and turn the division into a fraction.
  const dayOf = sql<number>`(created_at + ${sql.lit(TEHRAN_OFFSET_MS)}) / ${sql.lit(DAY_MS)}`;
  const comments = await db
    .selectFrom('comments')
    .select([dayOf.as('day'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', dayStart(firstDay).getTime())
    .groupBy(dayOf)
    .execute();
  const mostViewed = await db
    .selectFrom('daily_views as d')
    .innerJoin('articles as a', 'a.id', 'd.article_id')
    .select(['a.code', 'a.title', (eb) => eb.fn.sum<number>('d.views').as('n')])
    .where('d.day', '>=', firstDay)
    .groupBy(['a.code', 'a.title'])
    .orderBy('n', 'desc')
    .limit(10)
    .execute();
  const waiting = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const scheduled = await db
    .selectFrom('articles')
    .select(['code', 'title', 'published_at'])
    .where('status', '=', 'scheduled')
    .orderBy('published_at')
    .limit(20)
    .execute();
  return {
    views: fill(
      firstDay,
      days,
      views.map((r) => ({ day: Number(r.day), n: Number(r.n) })),
    ),
    comments: fill(
      firstDay,
      days,
      comments.map((r) => ({ day: Number(r.day), n: Number(r.n) })),
    ),
    mostViewed: mostViewed.map((r) => ({ code: r.code, title: r.title, views: Number(r.n) })),
    waiting: Number(waiting.n),
    scheduled: scheduled.map((r) => ({ code: r.code, title: r.title, publishedAt: new Date(Number(r.published_at)) })),
  };
}
