/**
 * Soak: mixed reads, searches and comments at a fixed rate against one server
 * process, for a fixed time, with the server's resident memory sampled every
 * second. Reports errors (target 0) and memory growth (target flat: the last
 * quarter's average no more than a few percent over the second quarter's).
 *
 *   npm run build && node --import tsx bench/soak.ts --seconds 600 --rate 100
 *   (CI runs a short variant through test/soak.test.ts; the loop both run is test/support/soak.ts)
 */
import { soak } from '../test/support/soak.js';
import { benchArgs } from './support.js';

const args = benchArgs();
const result = await soak({ seconds: Number(args.get('seconds') ?? 600), rate: Number(args.get('rate') ?? 100) });
console.log(JSON.stringify({ ...result, rss: undefined }, null, 1));
const r = result.rss;
console.log(
  `rss MB: start ${r[0]?.toFixed(0)}, min ${Math.min(...r).toFixed(0)}, max ${Math.max(...r).toFixed(0)}, end ${r[r.length - 1]?.toFixed(0)}; growth (last quarter / second quarter) ${result.growth.toFixed(3)}`,
);
