/**
 * Lockout with backoff after failed sign-ins, per account and per client.
 * After FREE_FAILURES failures, each further failure locks for twice as long
 * as the one before (1 s, 2 s, 4 s … up to 15 minutes). A success clears it.
 * In memory: an attacker spreading over instances gets at most N times the
 * attempts, still bounded by the backoff.
 */
const FREE_FAILURES = 5;
const BASE_MS = 1000;
const MAX_MS = 15 * 60 * 1000;
const FORGET_MS = 60 * 60 * 1000;

interface Entry {
  failures: number;
  lockedUntil: number;
  last: number;
}

export class Lockout {
  private readonly entries = new Map<string, Entry>();

  /** Milliseconds until `key` may try again (0 when free). */
  waitFor(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    if (now - e.last > FORGET_MS) {
      this.entries.delete(key);
      return 0;
    }
    return Math.max(0, e.lockedUntil - now);
  }

  fail(key: string, now: number): void {
    const e = this.entries.get(key) ?? { failures: 0, lockedUntil: 0, last: now };
    e.failures++;
    e.last = now;
    if (e.failures > FREE_FAILURES) e.lockedUntil = now + Math.min(MAX_MS, BASE_MS * 2 ** (e.failures - FREE_FAILURES - 1));
    this.entries.set(key, e);
    if (this.entries.size > 100_000) this.prune(now);
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (now - e.last > FORGET_MS) this.entries.delete(k);
  }
}
