/**
 * Lockout with backoff after failed sign-ins, per account and per client.
 * After FREE_FAILURES failures, each further failure locks for twice as long
 * as the one before (1 s, 2 s, 4 s … up to 15 minutes). A success clears it.
 * The counts live in shared state (Redis, or the database), so the newsroom's
 * sign-in, the API's token exchange and every instance see one lockout.
 */
import type { SharedState } from '../storage/index.js';

const FREE_FAILURES = 5;
const BASE_MS = 1000;
const MAX_MS = 15 * 60 * 1000;
const FORGET_MS = 60 * 60 * 1000;

interface Entry {
  failures: number;
  lockedUntil: number;
}

const PREFIX = 'lockout:';

export class Lockout {
  constructor(private readonly state: SharedState) {}

  private async entry(key: string, now: number): Promise<Entry | undefined> {
    const raw = await this.state.get(PREFIX + key, now);
    if (raw === undefined) return undefined;
    try {
      const e = JSON.parse(raw) as Partial<Entry>;
      return { failures: Number(e.failures) || 0, lockedUntil: Number(e.lockedUntil) || 0 };
    } catch {
      return undefined;
    }
  }

  /** Milliseconds until every one of `keys` may try again (0 when all are free). */
  async waitFor(keys: readonly string[], now: number): Promise<number> {
    let wait = 0;
    for (const key of keys) wait = Math.max(wait, ((await this.entry(key, now))?.lockedUntil ?? 0) - now);
    return Math.max(0, wait);
  }

  /** Counts one failure on each of `keys`; an entry is forgotten an hour after its last failure. */
  async fail(keys: readonly string[], now: number): Promise<void> {
    for (const key of keys) {
      const e = (await this.entry(key, now)) ?? { failures: 0, lockedUntil: 0 };
      e.failures++;
      if (e.failures > FREE_FAILURES) e.lockedUntil = now + Math.min(MAX_MS, BASE_MS * 2 ** (e.failures - FREE_FAILURES - 1));
      await this.state.set(PREFIX + key, JSON.stringify(e), FORGET_MS, now);
    }
  }

  async succeed(key: string): Promise<void> {
    await this.state.delete(PREFIX + key);
  }
}
