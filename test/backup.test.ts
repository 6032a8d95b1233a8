/**
 * `dabir backup` and `dabir restore` as an operator runs them (real processes, real
 * databases): a backup taken while a server writes comments is consistent with itself, a
 * backup restored into a fresh site and into an existing one gives back every table row for
 * row, media included, the restored site serves and takes new comments, a backup crosses
 * engines, and bad archives get a one-line reason.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backedUpTables, tableRows, type Manifest } from '../src/backup/index.js';
import { openStorage } from '../src/storage/index.js';
import { runCli, startInstance, type Instance } from './support/process.js';
import { createPgDatabase, ENGINES, PG_URL, tempDir } from './support/storage.js';

interface Site {
  dataDir: string;
  databaseUrl?: string;
}

/** Runs `dabir …` on the site (its data folder and, for PostgreSQL, its database). */
const dabir = (args: string[], site: Site) => runCli(args, { DABIR_DATA: site.dataDir, DATABASE_URL: site.databaseUrl });

/** The reason: the last line on stderr (progress lines come before it). */
const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

/** Every backed-up table, row by row in key order; bytes as base64, fractions to float4 precision when asked. */
async function dumpSite(site: Site, options: { loose?: boolean } = {}): Promise<Record<string, unknown[]>> {
  const storage = await openStorage({ dataDir: site.dataDir, databaseUrl: site.databaseUrl });
  try {
    const db = storage.db as unknown as Kysely<any>;
    const out: Record<string, unknown[]> = {};
    for (const table of backedUpTables(await storage.engine.backup.tables(db))) {
      const rows: unknown[] = [];
      for await (const page of tableRows(db, table)) rows.push(...page.map((r) => normalize(r, options.loose)));
      out[table.name] = rows;
    }
    out['search_docs (article ids)'] = (await db.selectFrom('search_docs').select('article_id').orderBy('article_id').execute()).map((r) =>
      Number(r.article_id),
    );
    return out;
  } finally {
    await storage.close();
  }
}

function normalize(row: Record<string, unknown>, loose = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    // PostgreSQL keeps `real` as float4: across engines a fraction matches to 6 digits.
    out[k] = Buffer.isBuffer(v) ? v.toString('base64') : loose && typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v;
  }
  return out;
}

/** The archive's manifest and rows, unpacked. */
async function readArchive(file: string): Promise<{ manifest: Manifest; rows: Record<string, Record<string, unknown>[]>; media: string[] }> {
  const dir = tempDir('dabir-archive-');
  try {
    await tar.x({ file, cwd: dir.path, strict: true });
    const manifest = JSON.parse(readFileSync(join(dir.path, 'manifest.json'), 'utf8')) as Manifest;
    const rows: Record<string, Record<string, unknown>[]> = {};
    for (const t of manifest.tables) {
      const text = readFileSync(join(dir.path, 'tables', `${t.name}.jsonl`), 'utf8');
      rows[t.name] = text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    }
    let media: string[] = [];
    try {
      media = readdirSync(join(dir.path, 'media'), { recursive: true }) as string[];
    } catch {
      media = [];
    }
    return { manifest, rows, media: media.sort() };
  } finally {
    dir.remove();
  }
}

const ADMIN = { DABIR_ADMIN_EMAIL: 'admin@example.com', DABIR_ADMIN_PASSWORD: 'admin-password-1' };

async function serve(site: Site, demo = '1'): Promise<Instance> {
  return startInstance({
    DABIR_DATA: site.dataDir,
    DATABASE_URL: site.databaseUrl ?? '',
    DABIR_DEMO: demo,
    DABIR_CAPTCHA: 'off',
    DABIR_MODERATION: 'post',
    REDIS_URL: '',
    ...ADMIN,
  });
}

async function postComment(instance: Instance, code: number, i: number, tag: string): Promise<number> {
  const res = await fetch(`${instance.url}/api/v1/articles/${code}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${tag === 'a' ? 61 : 62}.${Math.floor(i / 250) % 250}.${i % 250}` },
    body: JSON.stringify({ name: `خواننده ${i}`, email: `backup.${tag}.${i}@example.org`, body: `نظر شماره ${i} درباره این خبر، نوشته هنگام پشتیبان‌گیری` }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function newSite(engine: 'sqlite' | 'postgres', cleanups: Array<() => Promise<void> | void>): Promise<Site> {
  const dir = tempDir('dabir-backup-');
  cleanups.push(() => dir.remove());
  if (engine === 'sqlite') return { dataDir: dir.path };
  const database = await createPgDatabase();
  cleanups.push(() => database.drop());
  return { dataDir: dir.path, databaseUrl: database.url };
}

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`dabir backup and restore on ${engine.name}${engine.note}`, () => {
    const cleanups: Array<() => Promise<void> | void> = [];
    const work = tempDir('dabir-archives-');
    let source: Site;
    let stories: Array<{ code: number }> = [];
    let duringBackup = 0;
    const liveArchive = join(work.path, 'live.tar.gz');
    const quietArchive = join(work.path, 'quiet.tar.gz');

    beforeAll(async () => {
      source = await newSite(engine.name, cleanups);
      mkdirSync(join(source.dataDir, 'media', 'nested'), { recursive: true });
      writeFileSync(join(source.dataDir, 'media', 'abc123-640.webp'), Buffer.from([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4]));
      writeFileSync(join(source.dataDir, 'media', 'nested', 'note.txt'), 'یک پرونده');
      const server = await serve(source);
      try {
        stories = ((await (await fetch(`${server.url}/api/v1/articles?limit=20`)).json()) as { items: Array<{ code: number }> }).items;
        expect(stories.length).toBeGreaterThan(3);
        for (let i = 0; i < 20; i++) expect(await postComment(server, stories[i % stories.length]!.code, i, 'a')).toBe(202);
        // A writer that keeps posting while `dabir backup` runs beside the server.
        let writing = true;
        let backingUp = false;
        let i = 20;
        const writer = (async () => {
          while (writing) {
            const status = await postComment(server, stories[i % stories.length]!.code, i, 'a');
            expect(status).toBe(202);
            if (backingUp) duringBackup++;
            i++;
          }
        })();
        backingUp = true;
        const result = await dabir(['backup', liveArchive], source);
        backingUp = false;
        writing = false;
        await writer;
        expect(result.stderr).toContain('backup: comments:');
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toMatch(/^backed up \d+ rows in \d+ tables and 2 media files to /);
      } finally {
        await server.stop();
      }
      const quiet = await dabir(['backup', quietArchive], source);
      expect(quiet.status, quiet.stderr).toBe(0);
    }, 240_000);

    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
      work.remove();
    });

    it('takes a backup while the server writes comments, consistent with itself', async () => {
      expect(duringBackup).toBeGreaterThan(0);
      const { manifest, rows, media } = await readArchive(liveArchive);
      expect(manifest.format).toBe('dabir-backup');
      expect(manifest.engine).toBe(engine.name);
      expect(manifest.migrations.length).toBeGreaterThanOrEqual(6);
      expect(media).toEqual(['abc123-640.webp', 'nested', 'nested/note.txt']);
      for (const t of manifest.tables) expect(rows[t.name]!.length, t.name).toBe(t.rows);
      expect(manifest.tables.map((t) => t.name)).not.toContain('search_docs');
      // Nothing half there: every comment's story, every log row's comment is in the same backup.
      const articles = new Set(rows.articles!.map((r) => r.id));
      const comments = new Set(rows.comments!.map((r) => r.id));
      expect(comments.size).toBeGreaterThanOrEqual(20);
      for (const c of rows.comments!) expect(articles.has(c.article_id)).toBe(true);
      for (const l of rows.moderation_log!) expect(comments.has(l.comment_id)).toBe(true);
      // Parents come before the tables that point at them.
      const order = manifest.tables.map((t) => t.name);
      expect(order.indexOf('articles')).toBeLessThan(order.indexOf('comments'));
      expect(order.indexOf('users')).toBeLessThan(order.indexOf('articles'));
    });

    it('restores into a fresh site every table row for row, media too, and the site serves and takes comments', async () => {
      const target = await newSite(engine.name, cleanups);
      const result = await dabir(['restore', quietArchive], target);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^restored \d+ rows in \d+ tables and 2 media files from a /);
      expect(result.stderr).toContain('restore: rebuilding the search index');
      expect(await dumpSite(target)).toEqual(await dumpSite(source));
      expect(readFileSync(join(target.dataDir, 'media', 'nested', 'note.txt'), 'utf8')).toBe('یک پرونده');
      const server = await serve(target, '0');
      try {
        const front = await fetch(`${server.url}/`);
        expect(front.status).toBe(200);
        // New rows get new ids: the identity counters moved past the restored ones.
        expect(await postComment(server, stories[0]!.code, 9000, 'b')).toBe(202);
        const search = await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent('تهران')}`);
        expect(search.status).toBe(200);
      } finally {
        await server.stop();
      }
    }, 150_000);

    it('restores the backup taken under load into the existing site, replacing what it held since', async () => {
      const { rows } = await readArchive(liveArchive);
      const result = await dabir(['restore', liveArchive], source);
      expect(result.status, result.stderr).toBe(0);
      const after = await dumpSite(source);
      for (const [table, expected] of Object.entries(rows)) {
        expect(after[table], table).toEqual(expected.map((r) => normalize(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v])))));
      }
    }, 150_000);

    it.skipIf(!PG_URL)(
      'restores the same backup into the other engine',
      async () => {
        const other = await newSite(engine.name === 'sqlite' ? 'postgres' : 'sqlite', cleanups);
        const result = await dabir(['restore', quietArchive], other);
        expect(result.status, result.stderr).toBe(0);
        const origin = await (async () => {
          const again = await newSite(engine.name, cleanups);
          expect((await dabir(['restore', quietArchive], again)).status).toBe(0);
          return dumpSite(again, { loose: true });
        })();
        expect(await dumpSite(other, { loose: true })).toEqual(origin);
      },
      150_000,
    );

    it('refuses a missing file, a file that is not a backup and a newer format, each in one line', async () => {
      const target = await newSite(engine.name, cleanups);
      const missing = await dabir(['restore', join(work.path, 'nope.tar.gz')], target);
      expect(missing.status).toBe(2);
      expect(lastLine(missing.stderr)).toMatch(/^dabir: cannot read .*nope\.tar\.gz: ENOENT$/);
      const junk = join(work.path, 'junk.tar.gz');
      writeFileSync(junk, 'this is not an archive\n'.repeat(50));
      const notBackup = await dabir(['restore', junk], target);
      expect(notBackup.status).toBe(2);
      expect(lastLine(notBackup.stderr)).toMatch(/^dabir: .*junk\.tar\.gz is not a Dabir backup \(.+\)$/);
      const newer = tempDir('dabir-newer-');
      cleanups.push(() => newer.remove());
      writeFileSync(
        join(newer.path, 'manifest.json'),
        JSON.stringify({ format: 'dabir-backup', version: 99, engine: 'sqlite', created: '', tables: [], migrations: [], mediaFiles: 0 }),
      );
      const newerFile = join(work.path, 'newer.tar.gz');
      await tar.c({ gzip: true, file: newerFile, cwd: newer.path }, ['manifest.json']);
      const tooNew = await dabir(['restore', newerFile], target);
      expect(tooNew.status).toBe(2);
      expect(lastLine(tooNew.stderr)).toMatch(/^dabir: .* was made by a newer Dabir \(backup format 99; this one reads up to 1\)$/);
    }, 120_000);
  });
}
