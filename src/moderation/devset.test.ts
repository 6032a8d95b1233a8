// Runs the engine over the labelled sets and checks the quality targets (fixtures README): at
// least 95% of non-clean comments flagged (review or block), at most 2% of clean comments and
// 3% of hard negatives flagged, and blocked comments nearly all ones expected to block.
//   - the shared development set (its moderation dev.jsonl), when it is beside the
//     repository;
//   - the independent evaluation set (test/fixtures/moderation-eval.jsonl), written for Dabir
//     by someone who saw neither the engine nor the development set. It is a guard against
//     regressions, not a word list: the lexicons never copy its sentences.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { haveShared, SHARED_FIXTURES, SHARED_SKIP_NOTE } from '../../test/support/fixtures.js';
import { moderate } from './index.js';

interface Item {
  id: string;
  text: string;
  name?: string;
  expect: 'allow' | 'review' | 'block';
  labels: string[];
  group: string;
}

const SETS: { name: string; url: URL }[] = [
  { name: 'development set (shared/fixtures/moderation/dev.jsonl)', url: pathToFileURL(`${SHARED_FIXTURES}moderation/dev.jsonl`) },
  { name: 'evaluation set (test/fixtures/moderation-eval.jsonl)', url: new URL('../../test/fixtures/moderation-eval.jsonl', import.meta.url) },
];

for (const set of SETS) {
  const shared = set.url.pathname.startsWith(pathToFileURL(SHARED_FIXTURES).pathname);
  const present = shared ? haveShared('moderation/dev.jsonl') : existsSync(set.url);
  describe.skipIf(!present)(`${set.name}${present ? '' : ` (${shared ? SHARED_SKIP_NOTE : 'skipped: the file is absent'})`}`, () => {
    it('meets the quality targets', () => {
      const items = readFileSync(set.url, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Item);
      const got = items.map((it) => moderate({ text: it.text, ...(it.name !== undefined ? { name: it.name } : {}) }));
      const share = (rows: boolean[]): number => (rows.length === 0 ? 0 : rows.filter(Boolean).length / rows.length);
      const flagged = (i: number): boolean => got[i]?.verdict !== 'allow';
      const recall = share(items.flatMap((it, i) => (it.expect !== 'allow' ? [flagged(i)] : [])));
      const cleanFpr = share(items.flatMap((it, i) => (it.expect === 'allow' ? [flagged(i)] : [])));
      const hardFpr = share(items.flatMap((it, i) => (it.group === 'hard-negative' ? [flagged(i)] : [])));
      const blockPrecision = share(items.flatMap((it, i) => (got[i]?.verdict === 'block' ? [it.expect === 'block'] : [])));
      const labelled = share(items.flatMap((it, i) => it.labels.map((l) => (got[i]?.labels as string[] | undefined)?.includes(l) ?? false)));
      const misses = items.flatMap((it, i) =>
        (it.expect === 'allow') !== (got[i]?.verdict === 'allow') ? [`${it.id} expected ${it.expect}, got ${got[i]?.verdict}: ${it.text}`] : [],
      );
      const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
      console.log(
        `${set.name}, ${items.length} items: recall ${pct(recall)}, clean FPR ${pct(cleanFpr)}, hard-negative FPR ${pct(hardFpr)}, block precision ${pct(blockPrecision)}, expected labels given ${pct(labelled)}` +
          (misses.length > 0 ? `\n  ${misses.join('\n  ')}` : ''),
      );
      expect(recall).toBeGreaterThanOrEqual(0.95);
      expect(cleanFpr).toBeLessThanOrEqual(0.02);
      expect(hardFpr).toBeLessThanOrEqual(0.03);
      expect(blockPrecision).toBeGreaterThanOrEqual(0.95);
    });
  });

  if (!present) {
    describe(set.name, () => {
      it.skip(`skipped: ${set.url.pathname} is absent`, () => {});
    });
  }
}
