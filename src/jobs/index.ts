/**
 * Periodic work: publishing scheduled stories (on PostgreSQL an advisory lock
 * makes one instance at a time do it) and writing each instance's view counts.
 */
import { publishDueArticles, type ArticleDeps, type ViewCounter } from '../articles/index.js';
import type { Storage } from '../storage/index.js';

export interface Scheduler {
  /** Runs one tick now (tests and the CLI). */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

export interface SchedulerDeps {
  storage: Storage;
  articles: ArticleDeps;
  views?: ViewCounter;
  intervalMs?: number;
  onError?(error: unknown): void;
}

export function startScheduler(deps: SchedulerDeps): Scheduler {
  let running: Promise<number> | undefined;
  /** Returns how many scheduled stories it published. */
  const tick = async () => {
    await deps.views?.flush(deps.storage.db);
    const result = await deps.storage.engine.tryWithLock(deps.storage.db, 'dabir:scheduler', () => publishDueArticles(deps.articles));
    return result.value ?? 0;
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
      await deps.views?.flush(deps.storage.db).catch((error) => deps.onError?.(error));
    },
  };
}
