/**
 * Page throughput: Dabir's story page `GET /news/{code}/{slug}` and front page
 * `GET /`, each side by side, in one run, with a plain node:http server
 * returning the same bytes from memory. All are separate processes on
 * 127.0.0.1; autocannon loads each in turn (bounded by time), `rounds` times,
 * and the ratio of requests per second and the p99 latencies are reported.
 *
 *   npm run build && node --import tsx bench/page-throughput.ts [--seconds 10] [--connections 32]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { storyBody } from './story-text.js';
import { benchArgs } from './support.js';

const args = benchArgs();
const SECONDS = Number(args.get('seconds') ?? 10);
const CONNECTIONS = Number(args.get('connections') ?? 32);
const ROUNDS = Number(args.get('rounds') ?? 2);

function waitReady(child: ChildProcess, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`process exited ${child.exitCode}`));
      try {
        const r = await fetch(url);
        if (r.status < 500) return resolve();
      } catch {
        // not yet
      }
      if (Date.now() > deadline) return reject(new Error(`${url} did not answer`));
      setTimeout(() => void poll(), 100);
    };
    void poll();
  });
}

async function load(url: string): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, pipelining: 1 });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const dir = mkdtempSync(join(tmpdir(), 'dabir-bench-'));
const children: ChildProcess[] = [];
try {
  const dabirPort = 43101;
  const dabir = spawn(process.execPath, ['dist/main.js'], {
    env: {
      ...process.env,
      PORT: String(dabirPort),
      HOST: '127.0.0.1',
      DABIR_DATA: dir,
      DABIR_DEMO: '1',
      DABIR_ADMIN_EMAIL: 'bench@example.com',
      DABIR_ADMIN_PASSWORD: 'bench-password-1',
      DABIR_LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: 'inherit',
  });
  children.push(dabir);
  const base = `http://127.0.0.1:${dabirPort}`;
  await waitReady(dabir, `${base}/healthz`);
  const { token } = (await (
    await fetch(`${base}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password-1' }),
    })
  ).json()) as { token: string };
  const created = (await (
    await fetch(`${base}/api/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: 'هیچ مکاتبه تازه‌ای با پیام‌رسان خارجی نداشتیم',
        kicker: 'معاون وزیر ارتباطات',
        lead: 'معاون وزیر هرگونه مذاکره محرمانه تازه را رد کرد.',
        body: storyBody(),
        source: 'به گزارش دبیر',
        service: 'ict',
        tags: ['پیام‌رسان', 'فیلترینگ'],
        status: 'published',
      }),
    })
  ).json()) as { url: string };
  const pages = [
    { name: 'story', url: base + new URL(created.url).pathname, port: 43102 },
    { name: 'front', url: `${base}/`, port: 43103 },
  ];
  const summary: string[] = [];
  for (const page of pages) {
    const sample = await fetch(page.url);
    const bytes = Buffer.from(await sample.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const h of ['content-type', 'etag', 'cache-control', 'vary']) headers[h] = sample.headers.get(h) ?? '';
    const file = join(dir, `${page.name}.json`);
    writeFileSync(file, JSON.stringify({ headers, body: bytes.toString('base64') }));
    const plain = spawn(process.execPath, ['bench/plain-server.mjs', String(page.port), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(plain);
    const plainUrl = `http://127.0.0.1:${page.port}/`;
    await waitReady(plain, plainUrl);

    console.log(`${page.name} page: ${bytes.length} bytes; ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds`);
    await autocannon({ url: page.url, connections: 8, duration: 2 });
    await autocannon({ url: plainUrl, connections: 8, duration: 2 });
    const rows: Array<{ round: number; server: string; rps: number; p50: number; p99: number; errors: number }> = [];
    for (let round = 1; round <= ROUNDS; round++) {
      rows.push({ round, server: 'dabir', ...(await load(page.url)) });
      rows.push({ round, server: 'node:http', ...(await load(plainUrl)) });
    }
    console.table(rows);
    const avg = (server: string, f: 'rps' | 'p99') => rows.filter((r) => r.server === server).reduce((a, r) => a + r[f], 0) / ROUNDS;
    const line = `${page.name}: dabir ${avg('dabir', 'rps').toFixed(0)} req/s (p99 ${avg('dabir', 'p99').toFixed(1)} ms), node:http ${avg('node:http', 'rps').toFixed(0)} req/s (p99 ${avg('node:http', 'p99').toFixed(1)} ms), ratio ${(avg('dabir', 'rps') / avg('node:http', 'rps')).toFixed(2)}`;
    summary.push(line);
    plain.kill('SIGTERM');
  }
  for (const line of summary) console.log(line);
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dir, { recursive: true, force: true });
}
