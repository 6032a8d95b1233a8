/**
 * Soak: mixed reads, searches and comments at a fixed rate against one server
 * process, for a fixed time, with the server's resident memory sampled every
 * second. Reports errors (target 0) and memory growth (target flat: the
 * second half's average no more than a few percent over the first half's).
 *
 *   npm run build && node --import tsx bench/soak.ts --seconds 600 --rate 100
 *   (CI runs a short variant through test/soak.test.ts)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './support.js';

export interface SoakResult {
  seconds: number;
  requests: number;
  errors: number;
  byKind: Record<string, { count: number; errors: number }>;
  /** Resident memory samples, MB, one a second. */
  rss: number[];
  /** Average RSS of the second half over the first half (1.0 = flat). */
  growth: number;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function soak(options: { seconds: number; rate: number; entry?: string[] }): Promise<SoakResult> {
  const dir = mkdtempSync(join(tmpdir(), 'dabir-soak-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, options.entry ?? ['dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DABIR_DATA: dir,
      DABIR_DEMO: '1',
      DABIR_CAPTCHA: 'off',
      DABIR_MODERATION: 'post',
      DABIR_ADMIN_EMAIL: 'soak@example.com',
      DABIR_ADMIN_PASSWORD: 'soak-password-1',
      DABIR_LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    // Up to a minute: through tsx on a busy machine the server takes a while to start.
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const list = (await (await fetch(`${base}/api/v1/articles?limit=100`)).json()) as { items: Array<{ code: number; url: string }> };
    const stories = list.items;
    const queries = ['اینترنت', 'بورس تهران', 'لیگ برتر فوتبال', 'کتاب', 'هوش مصنوعی', 'اجاره مسکن', 'پیام رسان'];
    const byKind: SoakResult['byKind'] = {};
    let requests = 0;
    let errors = 0;
    let n = 0;
    const one = async (kind: string, url: string, init?: RequestInit) => {
      const entry = (byKind[kind] ??= { count: 0, errors: 0 });
      entry.count++;
      requests++;
      try {
        const res = await fetch(url, { ...init, redirect: 'follow' });
        await res.arrayBuffer();
        // 429 is the site defending itself, not a failure; anything 5xx or unexpected is.
        if (res.status >= 500 || (res.status >= 400 && res.status !== 429)) throw new Error(String(res.status));
      } catch {
        entry.errors++;
        errors++;
      }
    };
    const next = () => {
      const i = n++;
      const story = stories[i % stories.length]!;
      const r = i % 20;
      if (r < 12) return one('story', `${base}${new URL(story.url).pathname}`);
      if (r < 14) return one('front', `${base}/`);
      if (r < 17) return one('search', `${base}/search?q=${encodeURIComponent(queries[i % queries.length]!)}`);
      if (r < 18) return one('api-search', `${base}/api/v1/search?q=${encodeURIComponent(queries[i % queries.length]!)}`);
      return one('comment', `${base}/api/v1/articles/${story.code}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.50.${i % 250}.${Math.floor(i / 250) % 250}` },
        body: JSON.stringify({ name: `خواننده ${i}`, email: `soak${i}@example.org`, body: `نظر آزمایشی شماره ${i} درباره این خبر` }),
      });
    };
    const rss: number[] = [];
    const sample = setInterval(() => {
      try {
        rss.push(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
      } catch {
        // the server is gone: the errors will say so
      }
    }, 1000);
    const started = Date.now();
    const inflight = new Set<Promise<void>>();
    const interval = 1000 / options.rate;
    let due = started;
    while (Date.now() - started < options.seconds * 1000) {
      // A fixed rate: requests are started on schedule, not when the previous one ends.
      const p = next().finally(() => inflight.delete(p));
      inflight.add(p);
      due += interval;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inflight.size > 1000) await Promise.race(inflight);
    }
    await Promise.all(inflight);
    clearInterval(sample);
    const half = Math.floor(rss.length / 2);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    // The first seconds are warm-up (JIT, caches filling): compare the second quarter with the last.
    const q = Math.max(1, Math.floor(rss.length / 4));
    const growth = rss.length >= 8 ? avg(rss.slice(-q)) / avg(rss.slice(q, 2 * q)) : avg(rss.slice(half)) / avg(rss.slice(0, half) || [1]);
    return { seconds: (Date.now() - started) / 1000, requests, errors, byKind, rss, growth };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = benchArgs();
  const result = await soak({ seconds: Number(args.get('seconds') ?? 600), rate: Number(args.get('rate') ?? 100) });
  console.log(JSON.stringify({ ...result, rss: undefined }, null, 1));
  const r = result.rss;
  console.log(`rss MB: start ${r[0]?.toFixed(0)}, min ${Math.min(...r).toFixed(0)}, max ${Math.max(...r).toFixed(0)}, end ${r[r.length - 1]?.toFixed(0)}; growth (last quarter / second quarter) ${result.growth.toFixed(3)}`);
}
