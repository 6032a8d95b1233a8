/**
 * The outbox's storage: channels, and one delivery row per story and channel.
 * Works the same on SQLite and PostgreSQL; the one engine difference (skipping
 * rows another instance is claiming) comes from `Engine.skipLocked`.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ChannelKind, ChannelRow, Database, Db, DeliveryRow, DeliveryStatus, Engine } from '../storage/index.js';
import { CLAIM_MS } from './policy.js';

export async function listChannels(db: Db): Promise<ChannelRow[]> {
  return db.selectFrom('channels').selectAll().orderBy('id').execute();
}

export async function findChannel(db: Db, id: number): Promise<ChannelRow | undefined> {
  return db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewChannel {
  kind: ChannelKind;
  name: string;
  baseUrl: string | null;
  token: string;
  chatId: string;
  enabled: boolean;
}

export async function insertChannel(db: Db, input: NewChannel, now: number): Promise<ChannelRow> {
  const { id } = await db
    .insertInto('channels')
    .values({
      kind: input.kind,
      name: input.name,
      base_url: input.baseUrl,
      token: input.token,
      chat_id: input.chatId,
      enabled: input.enabled ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findChannel(db, id))!;
}

export async function updateChannel(
  db: Db,
  id: number,
  changes: Partial<Pick<NewChannel, 'name' | 'baseUrl' | 'token' | 'chatId' | 'enabled'>>,
  now: number,
): Promise<ChannelRow | undefined> {
  await db
    .updateTable('channels')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.baseUrl !== undefined && { base_url: changes.baseUrl }),
      ...(changes.token !== undefined && { token: changes.token }),
      ...(changes.chatId !== undefined && { chat_id: changes.chatId }),
      ...(changes.enabled !== undefined && { enabled: changes.enabled ? 1 : 0 }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  return findChannel(db, id);
}

/** A story's deliveries with their channels, oldest channel first. */
export async function deliveriesOf(db: Db, articleId: number) {
  return db
    .selectFrom('channel_deliveries as d')
    .innerJoin('channels as c', 'c.id', 'd.channel_id')
    .selectAll('d')
    .select(['c.kind as channel_kind', 'c.name as channel_name'])
    .where('d.article_id', '=', articleId)
    .orderBy('d.channel_id')
    .execute();
}

/**
 * Makes a pending delivery of this story for every enabled channel that existed when it was
 * published. The unique (article, channel) pair makes a second call, from this instance or
 * another, change nothing; a delivery cancelled because the story was unpublished is made
 * pending again when it is published again (it was never sent).
 */
export async function enqueueDeliveries(db: Kysely<Database>, story: { articleId: number; publishedAt: number; link: string }, now: number): Promise<number> {
  const channels = await db.selectFrom('channels').select('id').where('enabled', '=', 1).where('created_at', '<=', story.publishedAt).execute();
  if (channels.length === 0) return 0;
  let made = 0;
  for (const channel of channels) {
    const inserted = await db
      .insertInto('channel_deliveries')
      .values({
        article_id: story.articleId,
        channel_id: channel.id,
        status: 'pending',
        link: story.link,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['article_id', 'channel_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) made++;
  }
  await db
    .updateTable('channel_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, claim_token: null, claimed_until: null, link: story.link, updated_at: now })
    .where('article_id', '=', story.articleId)
    .where('status', '=', 'cancelled')
    .where('sent_at', 'is', null)
    .where(
      'channel_id',
      'in',
      channels.map((c) => c.id),
    )
    .execute();
  return made;
}

/** Why a delivery was cancelled, as shown to editors. */
export const CANCELLED_UNPUBLISHED = 'خبر پیش از ارسال از انتشار خارج شد';
export const CANCELLED_DISABLED = 'کانال غیرفعال شد';

/** Cancels the pending deliveries of stories that are no longer published, and of disabled channels. */
export async function cancelStale(db: Db, now: number, articleId?: number): Promise<number> {
  let unpublished = db
    .updateTable('channel_deliveries')
    .set({ status: 'cancelled', last_error: CANCELLED_UNPUBLISHED, claim_token: null, claimed_until: null, updated_at: now })
    .where('status', '=', 'pending')
    .where('article_id', 'in', (eb) =>
      eb
        .selectFrom('articles')
        .select('id')
        .where((w) => w.or([w('status', '!=', 'published'), w('published_at', 'is', null), w('published_at', '>', now)])),
    );
  if (articleId !== undefined) unpublished = unpublished.where('article_id', '=', articleId);
  const a = await unpublished.executeTakeFirst();
  const b = await db
    .updateTable('channel_deliveries')
    .set({ status: 'cancelled', last_error: CANCELLED_DISABLED, claim_token: null, claimed_until: null, updated_at: now })
    .where('status', '=', 'pending')
    .where('channel_id', 'in', (eb) => eb.selectFrom('channels').select('id').where('enabled', '=', 0))
    .executeTakeFirst();
  return Number(a.numUpdatedRows) + Number(b.numUpdatedRows);
}

/** A claimed delivery with what it takes to send it. */
export interface ClaimedDelivery {
  id: number;
  claimToken: string;
  attempts: number;
  link: string;
  title: string;
  lead: string;
  channel: { kind: ChannelKind; base_url: string | null; token: string; chat_id: string };
}

/**
 * Claims up to `limit` due deliveries for this caller: in one transaction, stale ones are
 * cancelled, then due rows that nobody holds (or whose holder's claim ran out) get this
 * caller's claim token and one more attempt. Two instances claiming at once never get the
 * same row: PostgreSQL's `for update skip locked` passes over rows the other is taking, and
 * SQLite runs one writer at a time.
 */
export async function claimDue(db: Kysely<Database>, engine: Pick<Engine, 'skipLocked'>, now: number, limit: number): Promise<ClaimedDelivery[]> {
  const token = randomUUID();
  await db.transaction().execute(async (trx) => {
    await cancelStale(trx, now);
    const due = engine.skipLocked(
      trx
        .selectFrom('channel_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit),
    );
    await trx
      .updateTable('channel_deliveries')
      .set({ claim_token: token, claimed_until: now + CLAIM_MS, attempts: sql`attempts + 1`, updated_at: now })
      .where('id', 'in', due)
      .execute();
  });
  const rows = await db
    .selectFrom('channel_deliveries as d')
    .innerJoin('articles as a', 'a.id', 'd.article_id')
    .innerJoin('channels as c', 'c.id', 'd.channel_id')
    .select(['d.id', 'd.attempts', 'd.link', 'a.title', 'a.lead', 'c.kind', 'c.base_url', 'c.token', 'c.chat_id'])
    .where('d.claim_token', '=', token)
    .where('d.status', '=', 'pending')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    claimToken: token,
    attempts: r.attempts,
    link: r.link,
    title: r.title,
    lead: r.lead,
    channel: { kind: r.kind, base_url: r.base_url, token: r.token, chat_id: r.chat_id },
  }));
}

/** Records a post the messenger accepted (even if the story was unpublished meanwhile: it was sent). */
export async function recordSent(db: Db, claim: { id: number; claimToken: string }, messageId: string, now: number): Promise<void> {
  await db
    .updateTable('channel_deliveries')
    .set({ status: 'sent', message_id: messageId, sent_at: now, last_error: null, claim_token: null, claimed_until: null, updated_at: now })
    .where('id', '=', claim.id)
    .where('claim_token', '=', claim.claimToken)
    .execute();
}

/** Records a failed attempt: tried again at `retryAt`, or given up (`failed`). A cancelled row stays cancelled. */
export async function recordFailure(
  db: Db,
  claim: { id: number; claimToken: string },
  outcome: { error: string; retryAt?: number },
  now: number,
): Promise<DeliveryStatus> {
  const status: DeliveryStatus = outcome.retryAt === undefined ? 'failed' : 'pending';
  await db
    .updateTable('channel_deliveries')
    .set({ status, last_error: outcome.error, next_attempt_at: outcome.retryAt ?? now, claim_token: null, claimed_until: null, updated_at: now })
    .where('id', '=', claim.id)
    .where('claim_token', '=', claim.claimToken)
    .where('status', '=', 'pending')
    .execute();
  return status;
}

export type { DeliveryRow };
