/**
 * The outbox's use cases: queue a published story for every channel, cancel it
 * when the story is taken down first, and deliver what is due, each post once.
 * Delivery runs right after a story is published (the change bus) and on every
 * scheduler tick, on any number of instances: rows are claimed before sending.
 */
import type { Kysely } from 'kysely';
import type { ChangeBus } from '../events/index.js';
import type { Database, Engine } from '../storage/index.js';
import { methodUrl } from './kinds.js';
import { describeNetworkError, guardedPostJson, type HostPolicy } from './hosts.js';
import { composeMessage, MAX_ATTEMPTS, readAnswer, retryDelayMs, type SendOutcome } from './policy.js';
import { cancelStale, claimDue, enqueueDeliveries, recordFailure, recordSent, type ClaimedDelivery } from './store.js';

/**
 * What delivering needs. Every post goes through the guarded client of hosts.ts: only to
 * globally routable addresses, checked after DNS, unless `channelHosts` (DABIR_CHANNEL_HOSTS)
 * names the host; `resolve` replaces the system's DNS lookup (tests).
 */
export interface OutboxDeps extends HostPolicy {
  db: Kysely<Database>;
  engine: Pick<Engine, 'skipLocked'>;
  now: () => Date;
  /** How long one bot API call may take. */
  timeoutMs?: number;
}

/** What queuing needs besides: the site's public origin, for the short link. */
export interface EnqueueDeps extends OutboxDeps {
  baseUrl: string;
}

/** A story is posted only while it is fresh: editing or republishing an old one posts nothing. */
export const FRESH_MS = 24 * 3600_000;

/** How many deliveries one run claims at most. */
const BATCH = 20;

/**
 * Brings a story's deliveries in line with its state: a published, fresh story gets a
 * pending delivery per enabled channel (at most one ever, per channel); a story that is not
 * (or no longer) published has its pending deliveries cancelled.
 */
export async function syncStory(deps: EnqueueDeps, code: number): Promise<void> {
  const now = deps.now().getTime();
  const article = await deps.db.selectFrom('articles').select(['id', 'code', 'status', 'published_at']).where('code', '=', code).executeTakeFirst();
  if (!article) return;
  const live = article.status === 'published' && article.published_at !== null && article.published_at <= now;
  if (!live) {
    await cancelStale(deps.db, now, article.id);
    return;
  }
  if (article.published_at! < now - FRESH_MS) return;
  await enqueueDeliveries(deps.db, { articleId: article.id, publishedAt: article.published_at!, link: `${deps.baseUrl}/news/${article.code}` }, now);
}

/** Queues the stories published in the last `withinMs` that a missed change left unqueued (at start). */
export async function syncRecent(deps: EnqueueDeps, withinMs = 3600_000): Promise<void> {
  const now = deps.now().getTime();
  const recent = await deps.db
    .selectFrom('articles')
    .select('code')
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .where('published_at', '>=', now - withinMs)
    .execute();
  for (const { code } of recent) await syncStory(deps, code);
}

/**
 * One `sendMessage` call. What is recorded of a failure is a status code or a fixed
 * description (policy.ts, hosts.ts), never the answering server's text: an error shown to
 * editors must not tell what answers at an address.
 */
async function send(deps: OutboxDeps, delivery: ClaimedDelivery): Promise<SendOutcome> {
  const text = composeMessage({ title: delivery.title, lead: delivery.lead, link: delivery.link });
  try {
    const res = await guardedPostJson(
      methodUrl(delivery.channel, 'sendMessage'),
      { chat_id: delivery.channel.chat_id, text },
      {
        channelHosts: deps.channelHosts,
        resolve: deps.resolve,
        timeoutMs: deps.timeoutMs ?? 15_000,
      },
    );
    return readAnswer(res.status, res.body);
  } catch (error) {
    const reason = describeNetworkError(error);
    // A refused address stays refused: trying again would only ask DNS again.
    return { ok: false, retryable: reason !== 'address not allowed', error: reason };
  }
}

/** What one delivery run did. */
export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** Claims the due deliveries and posts them; returns what happened. */
export async function deliverDue(deps: OutboxDeps): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  // Most ticks and most story changes find nothing due: a read, not a write transaction.
  const due = await deps.db
    .selectFrom('channel_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', deps.now().getTime())
    .limit(1)
    .executeTakeFirst();
  if (!due) return report;
  for (;;) {
    const claimed = await claimDue(deps.db, deps.engine, deps.now().getTime(), BATCH);
    for (const delivery of claimed) {
      const outcome = await send(deps, delivery);
      const now = deps.now().getTime();
      if (outcome.ok) {
        await recordSent(deps.db, delivery, outcome.messageId, now);
        report.sent++;
        continue;
      }
      const retry = outcome.retryable && delivery.attempts < MAX_ATTEMPTS;
      const status = await recordFailure(
        deps.db,
        delivery,
        { error: outcome.error, ...(retry && { retryAt: now + retryDelayMs(delivery.attempts, outcome.retryAfterSeconds) }) },
        now,
      );
      if (status === 'failed') report.failed++;
      else report.retrying++;
    }
    if (claimed.length < BATCH) return report;
  }
}

/** The outbox listening to the change bus. */
export interface OutboxWatcher {
  /** Resolves when the work started so far is done (tests). */
  idle(): Promise<void>;
  /** Stops listening and waits for the work in hand. */
  stop(): Promise<void>;
}

/**
 * Listens for changed stories: each `article:{code}` key syncs that story's deliveries and
 * then delivers what is due, so a story reaches its channels moments after it is published.
 * Work runs one batch at a time, in order; failures go to `onError` and the scheduler's next
 * tick tries again.
 */
export function watchOutbox(deps: EnqueueDeps & { bus: ChangeBus; onError?(error: unknown): void }): OutboxWatcher {
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = (work: () => Promise<unknown>) => {
    chain = chain.then(work).then(
      () => undefined,
      (error: unknown) => deps.onError?.(error),
    );
  };
  run(() => syncRecent(deps));
  const unsubscribe = deps.bus.subscribe((keys) => {
    if (stopped) return;
    const codes = keys.filter((k) => /^article:\d+$/.test(k)).map((k) => Number(k.slice(8)));
    if (codes.length === 0) return;
    run(async () => {
      for (const code of codes) await syncStory(deps, code);
      await deliverDue(deps);
    });
  });
  return {
    idle: () => chain,
    async stop() {
      stopped = true;
      unsubscribe();
      await chain;
    },
  };
}
