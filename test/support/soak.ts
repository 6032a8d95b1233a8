/**
 * The soak loop, shared by the short CI variant (test/soak.test.ts) and the documented long
 * run (bench/soak.ts): mixed reads, searches and comments at a fixed rate against one server
 * process on SQLite with the demo newsroom, for a fixed time, with the server's resident
 * memory sampled every second.
 */
import { readFileSync } from 'node:fs';
import { startInstance } from './process.js';
import { tempDir } from './storage.js';

export interface SoakResult {
  seconds: number;
  requests: number;
  errors: number;
  byKind: Record<string, { count: number; errors: number }>;
  /** Resident memory samples, MB, one a second. */
  rss: number[];
  /** Average RSS of the last quarter over the second quarter (1.0 = flat). */
  growth: number;
}

/** Runs the soak; `entry` is Node's arguments for the server (the built `dist/main.js` unless given). */
export async function soak(options: { seconds: number; rate: number; entry?: string[] }): Promise<SoakResult> {
  const dir = tempDir('dabir-soak-');
  // Up to a minute: through tsx on a busy machine the server takes a while to start.
  const server = await startInstance(
    {
      DABIR_DATA: dir.path,
      DABIR_DEMO: '1',
      DABIR_CAPTCHA: 'off',
      DABIR_MODERATION: 'post',
      DABIR_ADMIN_EMAIL: 'soak@example.com',
      DABIR_ADMIN_PASSWORD: 'soak-password-1',
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    { timeoutMs: 60_000, entry: options.entry ?? ['dist/main.js'] },
  ).catch((error) => {
    dir.remove();
    throw error;
  });
  const base = server.url;
  try {
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
        rss.push(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
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
    await server.stop();
    dir.remove();
  }
}
