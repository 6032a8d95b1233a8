/**
 * Fixed-window counters for comment rate limits: per client and per email.
 * The local limiter lives in this process; a Redis one with the same
 * interface shares the counts between instances.
 */
export interface RateLimiter {
  /**
   * Counts one hit on `key` in a window of `windowMs`; `allowed` is false once
   * more than `limit` hits fell in the window, with the seconds until it ends.
   */
  hit(key: string, limit: number, windowMs: number, now: number): Promise<{ allowed: boolean; retryAfter: number }>;
}

export function createLocalRateLimiter(): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async hit(key, limit, windowMs, now) {
      const start = now - (now % windowMs);
      const id = `${key}|${windowMs}`;
      let w = windows.get(id);
      if (!w || w.start !== start) {
        w = { start, count: 0 };
        windows.set(id, w);
        if (windows.size > 200_000) for (const [k, v] of windows) if (v.start < start - windowMs) windows.delete(k);
      }
      w.count++;
      return { allowed: w.count <= limit, retryAfter: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
    },
  };
}

/** A limit: at most `count` comments per `windowMs`. */
export interface Limit {
  count: number;
  windowMs: number;
}

/** Default comment limits, per client address and per email. */
export const DEFAULT_LIMITS: { perClient: Limit[]; perEmail: Limit[] } = {
  perClient: [
    { count: 5, windowMs: 60_000 },
    { count: 40, windowMs: 3600_000 },
  ],
  perEmail: [
    { count: 3, windowMs: 60_000 },
    { count: 20, windowMs: 3600_000 },
  ],
};
