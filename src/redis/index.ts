/**
 * Redis for several instances (REDIS_URL): the change bus over pub/sub, shared
 * comment rate limits, shared view counters and shared state (used challenge
 * solutions, sign-in lockouts). Every use falls back to the
 * instance's own memory while Redis is unreachable (with a logged warning),
 * and returns to Redis by itself when it answers again.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { ChangeBus } from '../events/index.js';
import type { RateLimiter } from '../comments/index.js';
import type { SharedState } from '../storage/index.js';

export interface Log {
  warn(message: string): void;
  info(message: string): void;
}

/** One Redis deployment as the instance sees it: a command connection, a subscriber, and whether it answers. */
export interface RedisLink {
  client: Redis;
  subscriber: Redis;
  /** True while the command connection is ready. */
  up(): boolean;
  /** Called with true/false when Redis comes back or goes away. */
  onChange(listener: (up: boolean) => void): void;
  close(): Promise<void>;
}

const OPTIONS = {
  // Fail fast instead of queueing while Redis is away: callers fall back to memory.
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  connectTimeout: 2000,
  retryStrategy: (times: number) => Math.min(times * 200, 2000),
  lazyConnect: false,
};

export function openRedis(url: string, log: Log): RedisLink {
  const client = new Redis(url, OPTIONS);
  const subscriber = new Redis(url, { ...OPTIONS, enableOfflineQueue: true });
  const events = new EventEmitter();
  let ready = false;
  let warned = false;
  client.on('ready', () => {
    if (!ready) {
      ready = true;
      if (warned) log.info('Redis is back: shared limits, views and cache invalidation resume');
      events.emit('change', true);
    }
  });
  const down = (error?: Error) => {
    if (ready || !warned) {
      log.warn(`Redis is unreachable (${error?.message ?? 'closed'}): using this instance's own limits, view counts and caches until it returns`);
      warned = true;
    }
    if (ready) {
      ready = false;
      events.emit('change', false);
    }
  };
  client.on('error', down);
  client.on('close', () => down());
  subscriber.on('error', () => undefined);
  return {
    client,
    subscriber,
    up: () => ready,
    onChange: (listener) => void events.on('change', listener),
    async close() {
      client.disconnect();
      subscriber.disconnect();
    },
  };
}

/**
 * The change bus across instances. Local listeners hear a change at once;
 * other instances hear it through Redis pub/sub. After an outage every
 * instance drops all cached pages (key `*`), since it may have missed changes.
 */
export function createRedisBus(link: RedisLink): ChangeBus {
  // Pub/sub channels are shared by all of a server's databases; the database number keeps
  // sites (or test runs) that use different databases of one Redis apart.
  const CHANNEL = `dabir:changes:${link.client.options.db ?? 0}`;
  const origin = randomUUID();
  const local = new EventEmitter();
  local.setMaxListeners(0);
  let wasDown = false;
  link.subscriber.on('message', (channel: string, message: string) => {
    if (channel !== CHANNEL) return;
    try {
      const { from, keys } = JSON.parse(message) as { from: string; keys: string[] };
      if (from !== origin && Array.isArray(keys)) local.emit('change', keys);
    } catch {
      // not ours
    }
  });
  void link.subscriber.subscribe(CHANNEL).catch(() => undefined);
  link.onChange((up) => {
    if (!up) wasDown = true;
    else if (wasDown) {
      wasDown = false;
      local.emit('change', ['*']);
    }
  });
  return {
    async publish(keys) {
      local.emit('change', keys);
      if (!link.up()) return;
      try {
        await link.client.publish(CHANNEL, JSON.stringify({ from: origin, keys }));
      } catch {
        // Redis went away between the check and the call: the local listeners heard it.
      }
    },
    subscribe(listener) {
      local.on('change', listener);
      return () => local.off('change', listener);
    },
    async close() {
      local.removeAllListeners();
    },
  };
}

/** Fixed-window counters in Redis (INCR + PEXPIRE), the local limiter while Redis is away. */
export function createRedisRateLimiter(link: RedisLink, fallback: RateLimiter): RateLimiter {
  return {
    async hit(key, limit, windowMs, now) {
      if (!link.up()) return fallback.hit(key, limit, windowMs, now);
      const start = now - (now % windowMs);
      const k = `dabir:rl:${key}:${windowMs}:${start}`;
      try {
        const result = await link.client
          .multi()
          .incr(k)
          .pexpire(k, windowMs + 1000)
          .exec();
        const count = Number(result?.[0]?.[1] ?? 0);
        return { allowed: count <= limit, retryAfter: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
      } catch {
        return fallback.hit(key, limit, windowMs, now);
      }
    },
  };
}

const STATE = 'dabir:state:';

/**
 * Shared state (used challenge solutions, sign-in lockouts) in Redis keys that
 * expire by themselves; while Redis is away, `fallback` (the database) holds it.
 */
export function createRedisState(link: RedisLink, fallback: SharedState): SharedState {
  async function either<T>(onRedis: () => Promise<T>, onFallback: () => Promise<T>): Promise<T> {
    if (!link.up()) return onFallback();
    try {
      return await onRedis();
    } catch {
      return onFallback();
    }
  }
  return {
    claim: (key, value, ttlMs, now) =>
      either(
        async () => (await link.client.set(STATE + key, value, 'PX', Math.max(1, ttlMs), 'NX')) === 'OK',
        () => fallback.claim(key, value, ttlMs, now),
      ),
    get: (key, now) =>
      either(
        async () => (await link.client.get(STATE + key)) ?? undefined,
        () => fallback.get(key, now),
      ),
    set: (key, value, ttlMs, now) =>
      either(
        async () => void (await link.client.set(STATE + key, value, 'PX', Math.max(1, ttlMs))),
        () => fallback.set(key, value, ttlMs, now),
      ),
    delete: (key) =>
      either(
        async () => void (await link.client.del(STATE + key)),
        () => fallback.delete(key),
      ),
  };
}

const VIEWS = 'dabir:views';

/** Adds an instance's view counts to the shared hash. */
export async function pushViews(link: RedisLink, counts: Map<number, number>): Promise<void> {
  const pipeline = link.client.pipeline();
  for (const [code, n] of counts) pipeline.hincrby(VIEWS, String(code), n);
  const results = await pipeline.exec();
  if (!results || results.some(([error]) => error)) throw new Error('Redis did not take the view counts');
}

/** Takes the shared counts atomically (rename, then read and delete), for writing to the database. */
export async function drainViews(link: RedisLink): Promise<Map<number, number>> {
  // Runs under the scheduler's lock, so no other instance renames between the check and the rename.
  if ((await link.client.exists(VIEWS)) === 0) return new Map();
  const taking = `${VIEWS}:taking:${randomUUID()}`;
  await link.client.rename(VIEWS, taking);
  const all = await link.client.hgetall(taking);
  await link.client.del(taking);
  return new Map(Object.entries(all).map(([code, n]) => [Number(code), Number(n)]));
}
