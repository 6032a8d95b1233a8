/**
 * Periodic work: publishing scheduled stories. On PostgreSQL an advisory lock
 * makes one instance at a time run each tick.
 */
import { publishDueArticles, type ArticleDeps } from '../articles/index.js';
import type { Storage } from '../storage/index.js';

export interface Scheduler {
  /** Runs one tick now (tests and the CLI). */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

export function startScheduler(deps: { storage: Storage; articles: ArticleDeps; intervalMs?: number; onError?(error: unknown): void }): Scheduler {
  let running: Promise<number> | undefined;
  const tick = async () => {
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
    },
  };
}
