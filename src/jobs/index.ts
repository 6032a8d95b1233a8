/**
 * Periodic work: publishing scheduled stories (on PostgreSQL an advisory lock
 * makes one instance at a time do it) and writing each instance's view counts.
 */
import { publishDueArticles, writeViews, type ArticleDeps, type ViewCounter } from '../articles/index.js';
import { deliverDue } from '../channels/index.js';
import type { Storage } from '../storage/index.js';

export interface Scheduler {
  /** Runs one tick now (tests and the CLI); returns the codes of the stories it published. */
  tick(): Promise<number[]>;
  stop(): Promise<void>;
}

/** View counts shared by every instance (Redis), written to the database by one of them. */
export interface SharedViews {
  /** True while the shared store answers. */
  available(): boolean;
  /** Adds this instance's counts; throws when the store is unreachable. */
  push(counts: Map<number, number>): Promise<void>;
  /** Takes every instance's counts (called under the scheduler's lock). */
  take(): Promise<Map<number, number>>;
}

export interface SchedulerDeps {
  storage: Storage;
  articles: ArticleDeps;
  views?: ViewCounter;
  sharedViews?: SharedViews;
  intervalMs?: number;
  /** Hosts channels may post to although not public (DABIR_CHANNEL_HOSTS). */
  channelHosts?: readonly string[] | undefined;
  onError?(error: unknown): void;
  /** Told of each scheduled story this instance published. */
  onPublished?(code: number): void;
}

export function startScheduler(deps: SchedulerDeps): Scheduler {
  let running: Promise<number[]> | undefined;
  const db = deps.storage.db;
  const shared = deps.sharedViews;
  const flushViews = async () => {
    if (!deps.views) return;
    // To the shared store when it answers; straight to the database when it does not.
    if (shared?.available()) await deps.views.flushTo((counts) => shared.push(counts)).catch(() => deps.views!.flush(db));
    else await deps.views.flush(db);
  };
  const tick = async () => {
    await flushViews();
    const result = await deps.storage.engine.tryWithLock(db, 'dabir:scheduler', async () => {
      const published = await publishDueArticles(deps.articles);
      for (const code of published) deps.onPublished?.(code);
      if (shared?.available()) {
        const taken = await shared.take();
        if (taken.size > 0) {
          await writeViews(db, taken).catch(async (error: unknown) => {
            await shared.push(taken).catch(() => undefined);
            throw error;
          });
        }
      }
      return published;
    });
    // Messenger posts due for a (re)try; rows are claimed first, so every instance may run this.
    await deliverDue({ db, engine: deps.storage.engine, now: deps.articles.now, channelHosts: deps.channelHosts }).catch((error) => deps.onError?.(error));
    return result.value ?? [];
  };
  const guarded = () => {
    if (running) return running;
    running = tick().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    guarded().catch((error) => deps.onError?.(error));
  }, deps.intervalMs ?? 15_000);
  timer.unref();
  return {
    tick: guarded,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
      await deps.views?.flush(db).catch((error) => deps.onError?.(error));
    },
  };
}
