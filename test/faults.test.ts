/**
 * Faults, each bounded in time and on 127.0.0.1 only: the server killed with SIGKILL during
 * a comment load loses nothing it answered 202 for; a private PostgreSQL stopped during load
 * makes the server answer 503 and it recovers by itself; a private Redis killed leaves the
 * site serving on local limits until it returns; a full disk (SQLite's max_page_count) gives
 * a clear error, reads keep working and nothing is corrupted or half written.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startInstance, type Instance } from './support/process.js';
import { tempDir } from './support/storage.js';

const ADMIN = { DABIR_ADMIN_EMAIL: 'admin@example.com', DABIR_ADMIN_PASSWORD: 'admin-password-1' };
const BASE_ENV = { DABIR_CAPTCHA: 'off', DABIR_MODERATION: 'post', REDIS_URL: '', ...ADMIN };
/**
 * Each case is bounded by its timeout; most of the time is the server starting through tsx
 * (a few seconds on an idle machine, up to ~20 s on a loaded one), not the fault itself.
 */
const SLOW_START = { timeoutMs: 60_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let seq = 0;
/** A comment from a reader never seen before (own address and email), so rate limits never apply. */
async function comment(url: string, code: number): Promise<{ status: number; id?: number; json?: any }> {
  const i = ++seq;
  const res = await fetch(`${url}/api/v1/articles/${code}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${70 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}` },
    body: JSON.stringify({ name: `خواننده ${i}`, email: `fault.${i}@example.org`, body: `نظر شماره ${i} درباره این خبر` }),
    signal: AbortSignal.timeout(10_000),
  });
  const json = (await res.json().catch(() => undefined)) as any;
  return { status: res.status, id: json?.id, json };
}

async function storyCodes(url: string): Promise<number[]> {
  const list = (await (await fetch(`${url}/api/v1/articles?limit=10`)).json()) as { items: Array<{ code: number }> };
  return list.items.map((s) => s.code);
}

async function until(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe('kill -9 of the server during a comment load (SQLite)', () => {
  const dir = tempDir('dabir-kill-');
  afterAll(() => dir.remove());

  it('finds every comment that was answered 202 after a restart', async () => {
    const env = { ...BASE_ENV, DABIR_DATA: dir.path, DABIR_DEMO: '1', DATABASE_URL: '' };
    const first = await startInstance(env, SLOW_START);
    const codes = await storyCodes(first.url);
    const accepted: number[] = [];
    let stop = false;
    const workers = Array.from({ length: 16 }, async (_, w) => {
      for (let k = 0; !stop; k++) {
        try {
          const r = await comment(first.url, codes[(w + k) % codes.length]!);
          if (r.status === 202) accepted.push(r.id!);
        } catch {
          // A request cut off by the kill is simply not counted as accepted.
        }
      }
    });
    await until('200 comments accepted', 30_000, async () => accepted.length >= 200);
    first.child.kill('SIGKILL');
    await first.stop();
    stop = true;
    await Promise.all(workers);
    expect(first.child.signalCode).toBe('SIGKILL');
    const second = await startInstance(env, SLOW_START);
    try {
      const db = new SQLite(join(dir.path, 'dabir.sqlite'), { readonly: true });
      const stored = new Set((db.prepare('select id from comments').all() as Array<{ id: number }>).map((r) => r.id));
      const integrity = db.pragma('integrity_check', { simple: true });
      db.close();
      expect(integrity).toBe('ok');
      const lost = accepted.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      expect(accepted.length).toBeGreaterThanOrEqual(200);
      // And the restarted server takes comments again.
      expect((await comment(second.url, codes[0]!)).status).toBe(202);
    } finally {
      await second.stop();
    }
  }, 120_000);
});

/** The PostgreSQL binaries: /usr/lib/postgresql/<version>/bin, newest first. */
function pgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

const PG_BIN = pgBin();
const IS_ROOT = process.getuid?.() === 0;
/** As root, the cluster belongs to the postgres account (PostgreSQL refuses to run as root). */
const HAVE_PG_ACCOUNT = IS_ROOT ? spawnSync('id', ['-u', 'postgres']).status === 0 : true;

describe.skipIf(!PG_BIN || !HAVE_PG_ACCOUNT)(
  `PostgreSQL stopped during load (a private cluster)${PG_BIN ? '' : ' (skipped: no initdb under /usr/lib/postgresql)'}`,
  () => {
    const dir = tempDir('dabir-pgfault-');
    let port = 0;
    let instance: Instance | undefined;
    const run = (cmd: string, args: string[]) => {
      const argv = IS_ROOT ? (['runuser', ['-u', 'postgres', '--', join(PG_BIN!, cmd), ...args]] as const) : ([join(PG_BIN!, cmd), args] as const);
      const r = spawnSync(argv[0], [...argv[1]], { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    };
    const pgData = join(dir.path, 'cluster');
    const startPg = () =>
      run('pg_ctl', [
        '-D',
        pgData,
        '-l',
        join(dir.path, 'pg.log'),
        '-w',
        '-t',
        '30',
        '-o',
        `-p ${port} -k ${dir.path} -c listen_addresses=127.0.0.1 -c fsync=off`,
        'start',
      ]);
    const stopPg = () => run('pg_ctl', ['-D', pgData, '-m', 'fast', '-w', 'stop']);

    beforeAll(async () => {
      if (IS_ROOT)
        chownSync(
          dir.path,
          Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
          Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
        );
      port = await freePort();
      run('initdb', ['-D', pgData, '-A', 'trust', '-U', 'postgres', '--no-sync']);
      startPg();
      const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
      await admin.connect();
      await admin.query('create database dabir');
      await admin.end();
    }, 60_000);

    afterAll(async () => {
      await instance?.stop();
      try {
        stopPg();
      } catch {
        // already stopped
      }
      dir.remove();
    });

    it('answers 503 (JSON, a Persian page, /healthz) while it is down and recovers by itself', async () => {
      const data = tempDir('dabir-pgfault-data-');
      try {
        instance = await startInstance(
          { ...BASE_ENV, DABIR_DATA: data.path, DABIR_DEMO: '1', DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/dabir` },
          SLOW_START,
        );
        const url = instance.url;
        const codes = await storyCodes(url);
        expect((await comment(url, codes[0]!)).status).toBe(202);
        // Load that keeps going through the outage: reads, searches and comments.
        let stop = false;
        const answers: number[] = [];
        const load = (async () => {
          for (let i = 0; !stop; i++) {
            const res = await fetch(`${url}/api/v1/articles?limit=5&offset=${i % 7}`).catch(() => null);
            answers.push(res?.status ?? 0);
            await res?.arrayBuffer();
            answers.push((await comment(url, codes[i % codes.length]!).catch(() => ({ status: 0 }))).status);
            await sleep(20);
          }
        })();
        await sleep(500);
        stopPg();
        try {
          const health = await fetch(`${url}/healthz`);
          expect(health.status).toBe(503);
          const api = await fetch(`${url}/api/v1/articles?limit=3&offset=1`);
          expect(api.status).toBe(503);
          expect((await api.json()).error.code).toBe('storage_unavailable');
          const posted = await comment(url, codes[1]!);
          expect(posted.status).toBe(503);
          expect(posted.json.error.code).toBe('storage_unavailable');
          expect(JSON.stringify(posted.json)).not.toMatch(/at .*\.ts|ECONNREFUSED|stack/);
          const page = await fetch(`${url}/search?q=${encodeURIComponent('بازار سهام امروز')}`);
          expect(page.status).toBe(503);
          expect(page.headers.get('content-type')).toMatch(/text\/html/);
          expect(await page.text()).toMatch(/[\u0600-\u06FF]{3,}/);
        } finally {
          startPg();
        }
        await until('the server to recover', 20_000, async () => (await fetch(`${url}/healthz`)).status === 200);
        expect((await fetch(`${url}/api/v1/articles?limit=3`)).status).toBe(200);
        expect((await comment(url, codes[2]!)).status).toBe(202);
        stop = true;
        await load;
        // Every answer during the run was a success or a clean 503: never a 500 or a dropped connection.
        expect(answers.filter((s) => s !== 200 && s !== 202 && s !== 503)).toEqual([]);
        expect(answers).toContain(503);
        expect(instance.child.exitCode).toBeNull();
      } finally {
        await instance?.stop();
        instance = undefined;
        data.remove();
      }
    }, 120_000);
  },
);

const HAVE_REDIS = spawnSync('redis-server', ['--version']).status === 0;

describe.skipIf(!HAVE_REDIS)(`Redis stopped (a private redis-server)${HAVE_REDIS ? '' : ' (skipped: redis-server is not installed)'}`, () => {
  let redis: ChildProcess | undefined;
  let port = 0;
  const startRedis = async () => {
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until('redis to listen', 10_000, async () => {
      const r = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
      return r.stdout.trim() === 'PONG';
    });
  };
  const dir = tempDir('dabir-redisfault-');
  afterAll(() => {
    redis?.kill('SIGKILL');
    dir.remove();
  });

  it('keeps serving pages and taking comments on local limits, warns, and reconnects when Redis returns', async () => {
    port = await freePort();
    await startRedis();
    const instance = await startInstance(
      { ...BASE_ENV, DABIR_DATA: dir.path, DABIR_DEMO: '1', DATABASE_URL: '', REDIS_URL: `redis://127.0.0.1:${port}`, DABIR_LOG_LEVEL: 'info' },
      SLOW_START,
    );
    try {
      const codes = await storyCodes(instance.url);
      expect((await comment(instance.url, codes[0]!)).status).toBe(202);
      redis!.kill('SIGKILL');
      await until('the warning', 10_000, async () => instance.output().includes('Redis is unreachable'));
      for (const path of ['/', '/api/v1/articles?limit=3', `/news/${codes[1]}`]) {
        const res = await fetch(`${instance.url}${path}`, { redirect: 'follow' });
        expect(res.status, path).toBe(200);
      }
      for (let i = 0; i < 5; i++) expect((await comment(instance.url, codes[i % codes.length]!)).status).toBe(202);
      // The local limits hold meanwhile: one reader posting fast is stopped.
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await fetch(`${instance.url}/api/v1/articles/${codes[0]}/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.99.99.99' },
          body: JSON.stringify({ name: 'پرشتاب', email: `fast.${i}@example.org`, body: `نظر پشت سر هم ${i}` }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toContain(429);
      await startRedis();
      await until('the reconnection', 15_000, async () => instance.output().includes('Redis is back'));
      expect((await comment(instance.url, codes[2]!)).status).toBe(202);
      expect((await fetch(`${instance.url}/`)).status).toBe(200);
    } finally {
      await instance.stop();
    }
  }, 120_000);
});

describe('the data folder full (SQLite max_page_count)', () => {
  const dir = tempDir('dabir-full-');
  afterAll(() => dir.remove());

  it('answers writes with a clear 503, keeps serving reads, and leaves the database whole', async () => {
    const env = { ...BASE_ENV, DABIR_DATA: dir.path, DABIR_DEMO: '1', DATABASE_URL: '' };
    // First start: the demo newsroom is written; then the file is capped a few pages above its size.
    const first = await startInstance(env, SLOW_START);
    const codes = await storyCodes(first.url);
    await first.stop();
    const file = join(dir.path, 'dabir.sqlite');
    let db = new SQLite(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    // The demo's own comments were written at the first start; this run's come after them.
    const demoComments = (db.prepare('select coalesce(max(id), 0) as n from comments').get() as { n: number }).n;
    db.close();
    const full = await startInstance({ ...env, DABIR_SQLITE_MAX_PAGES: String(pages + 4) }, SLOW_START);
    const accepted: number[] = [];
    let refusal: { status: number; json?: any } | undefined;
    try {
      for (let i = 0; i < 2000 && !refusal; i++) {
        const r = await comment(full.url, codes[i % codes.length]!);
        if (r.status === 202) accepted.push(r.id!);
        else refusal = r;
      }
      expect(refusal, 'the cap was never reached').toBeDefined();
      expect(refusal!.status).toBe(503);
      expect(refusal!.json.error.code).toBe('storage_unavailable');
      expect(refusal!.json.error.message).toMatch(/[\u0600-\u06FF]/);
      expect(JSON.stringify(refusal!.json)).not.toMatch(/SQLITE|stack|\.ts:/);
      // Reads keep working on a full disk.
      for (const path of ['/', '/api/v1/articles?limit=3', `/news/${codes[0]}`, '/healthz']) {
        const res = await fetch(`${full.url}${path}`, { redirect: 'follow' });
        expect(res.status, path).toBe(200);
      }
      // A second write is refused the same way, not half done.
      expect((await comment(full.url, codes[1]!)).status).toBe(503);
    } finally {
      await full.stop();
    }
    db = new SQLite(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const ids = (db.prepare('select id from comments where id > ? order by id').all(demoComments) as Array<{ id: number }>).map((r) => r.id);
      // Exactly the comments answered 202: none of the refused ones half written.
      expect(ids).toEqual([...accepted].sort((a, b) => a - b));
      const unlogged = db.prepare('select count(*) as n from comments c where not exists (select 1 from moderation_log l where l.comment_id = c.id)').get() as {
        n: number;
      };
      expect(unlogged.n).toBe(0);
    } finally {
      db.close();
    }
    // With room again, writes work.
    const again = await startInstance(env, SLOW_START);
    try {
      expect((await comment(again.url, codes[0]!)).status).toBe(202);
    } finally {
      await again.stop();
    }
  }, 120_000);
});
