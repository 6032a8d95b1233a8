/**
 * The soak's short CI variant: 20 seconds of mixed reads, searches and comments at 40
 * requests a second against one server process (through tsx, so no build is needed), with
 * its resident memory sampled each second. The documented long run is
 * `npm run build && node --import tsx bench/soak.ts --seconds 600 --rate 100` (docs/benchmarks.md).
 */
import { describe, expect, it } from 'vitest';
import { soak } from './support/soak.js';

describe('soak, short variant (20 s at 40 requests/s)', () => {
  it('answers every request without an error and its memory stays flat', async () => {
    const result = await soak({ seconds: 20, rate: 40, entry: ['--import', 'tsx', 'src/main.ts'] });
    expect(result.requests).toBeGreaterThanOrEqual(700);
    expect(result.byKind.comment?.count ?? 0).toBeGreaterThan(50);
    expect(result.byKind.search?.count ?? 0).toBeGreaterThan(50);
    expect(result.errors, JSON.stringify(result.byKind)).toBe(0);
    expect(result.rss.length).toBeGreaterThanOrEqual(15);
    // Last quarter's average RSS against the second quarter's (the first is warm-up).
    expect(result.growth).toBeLessThanOrEqual(1.25);
  }, 150_000);
});
