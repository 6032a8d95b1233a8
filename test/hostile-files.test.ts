/**
 * Hostile files must never publish the site's own data. Three ways a file
 * the site did not write could make /media/… serve the database (or any file
 * the server can read), each closed where the files come in:
 *
 *  - `dabir import-wxr --uploads <dir>`: a link in the old site's uploads copy;
 *  - `dabir restore <file>`: a link (or anything but a file or a folder) in a backup;
 *  - /media/* itself: a link in DABIR_DATA/media, whatever put it there.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../src/storage/index.js';
import { testApp, type TestApp } from './support/app.js';
import { runCli } from './support/process.js';
import { tempDir } from './support/storage.js';

const OWN = fileURLToPath(new URL('./fixtures/wxr/', import.meta.url));

const ADMIN = { DABIR_ADMIN_EMAIL: 'admin@example.com', DABIR_ADMIN_PASSWORD: 'admin-password-1' };
/** Runs `dabir …` on SQLite unless `env` names DATABASE_URL, with the first administrator named. */
const dabir = (args: string[], env: Record<string, string | undefined>) => runCli(args, { ...ADMIN, ...env });

const sha1 = (file: string) => createHash('sha1').update(readFileSync(file)).digest('hex');
const SECRET = 'root:x:0:0:the secret the server can read\n';

/** A minimal WordPress export: one attachment item for each path below wp-content/uploads. */
function exportWith(paths: string[]): string {
  const items = paths.map(
    (rel, i) => `
	<item>
		<title><![CDATA[file ${i}]]></title>
		<link>https://akhbar.example/?attachment_id=${900 + i}</link>
		<pubDate>Sun, 12 May 2024 05:30:00 +0000</pubDate>
		<dc:creator><![CDATA[sardabir]]></dc:creator>
		<guid isPermaLink="false">https://akhbar.example/wp-content/uploads/${rel}</guid>
		<description></description>
		<content:encoded><![CDATA[]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>${900 + i}</wp:post_id>
		<wp:post_date><![CDATA[2024-05-14 13:50:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2024-05-14 10:20:00]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[file-${i}]]></wp:post_name>
		<wp:status><![CDATA[inherit]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[attachment]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<wp:attachment_url><![CDATA[https://akhbar.example/wp-content/uploads/${rel}]]></wp:attachment_url>
		<wp:postmeta>
		<wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key>
		<wp:meta_value><![CDATA[${rel}]]></wp:meta_value>
		</wp:postmeta>
	</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>hostile uploads</title>
	<link>https://akhbar.example</link>
	<description></description>
	<language>fa-IR</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://akhbar.example</wp:base_site_url>
	<wp:base_blog_url>https://akhbar.example</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[sardabir]]></wp:author_login><wp:author_email><![CDATA[sardabir@akhbar.example]]></wp:author_email><wp:author_display_name><![CDATA[sardabir]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>
${items.join('')}
</channel>
</rss>
`;
}

describe('import-wxr --uploads copies only regular files inside the uploads folder', () => {
  const work = tempDir('dabir-hostile-import-');
  afterAll(() => work.remove());

  it('skips links (to a file, to the database, to a folder) and other non-files, copies the rest, and lists what it skipped', async () => {
    const data = join(work.path, 'data');
    const uploads = join(work.path, 'uploads');
    const outside = join(work.path, 'outside');
    mkdirSync(join(uploads, '2024', '05'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'passwd'), SECRET);
    writeFileSync(join(outside, 'inner.png'), SECRET);
    writeFileSync(join(uploads, '2024', '05', 'good.png'), readFileSync(join(OWN, 'uploads', '2024', '05', 'bourse.png')));
    // The site's database exists before the import (as on any live site).
    await (await openStorage({ dataDir: data })).close();
    symlinkSync(join(outside, 'passwd'), join(uploads, '2024', '05', 'passwd.jpg'));
    symlinkSync(join(data, 'dabir.sqlite'), join(uploads, '2024', '05', 'db.jpg'));
    symlinkSync('../../../outside/passwd', join(uploads, '2024', '05', 'relative.jpg'));
    symlinkSync(outside, join(uploads, 'linked'));
    symlinkSync('good.png', join(uploads, '2024', '05', 'alias.png'));
    const fifo = spawnSync('mkfifo', [join(uploads, '2024', '05', 'pipe.png')]).status === 0;
    const xml = join(work.path, 'hostile.xml');
    writeFileSync(
      xml,
      exportWith([
        '2024/05/good.png',
        '2024/05/passwd.jpg',
        '2024/05/db.jpg',
        '2024/05/relative.jpg',
        'linked/inner.png',
        '2024/05/alias.png',
        ...(fifo ? ['2024/05/pipe.png'] : []),
      ]),
    );

    const run = await dabir(['import-wxr', xml, '--uploads', uploads], { DABIR_DATA: data });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const media = join(data, 'media');
    expect(existsSync(join(media, '2024', '05', 'good.png'))).toBe(true);
    expect(lstatSync(join(media, '2024', '05', 'good.png')).isFile()).toBe(true);
    for (const rel of ['2024/05/passwd.jpg', '2024/05/db.jpg', '2024/05/relative.jpg', 'linked/inner.png', 'linked', '2024/05/alias.png', '2024/05/pipe.png']) {
      expect(existsSync(join(media, ...rel.split('/'))), rel).toBe(false);
    }
    expect(run.stdout).toMatch(/1 files copied to the media folder/);
    // The report says what was skipped and why, one line each.
    const skipped = fifo ? 6 : 5;
    expect(run.stdout).toMatch(new RegExp(`uploads skipped: +${skipped} \\(not a regular file inside the uploads folder`));
    expect(run.stdout).toMatch(/2024\/05\/passwd\.jpg: a symbolic link/);
    expect(run.stdout).toMatch(/2024\/05\/db\.jpg: a symbolic link/);
    expect(run.stdout).toMatch(/2024\/05\/relative\.jpg: a symbolic link/);
    expect(run.stdout).toMatch(/linked\/inner\.png: .*symbolic link \(linked\)/);
    expect(run.stdout).toMatch(/2024\/05\/alias\.png: a symbolic link/);
    if (fifo) expect(run.stdout).toMatch(/2024\/05\/pipe\.png: not a regular file/);
    // A skipped file keeps its old address, like a missing one.
    const storage = await openStorage({ dataDir: data });
    try {
      const rows = await storage.db.selectFrom('redirects').selectAll().execute();
      expect(JSON.stringify(rows)).not.toMatch(/\/media\/2024\/05\/(passwd|db|relative)\.jpg/);
    } finally {
      await storage.close();
    }
  }, 60_000);
});

/** A gzipped tar written header by header, so it can hold whatever a hostile archive holds. */
function rawTar(entries: Array<{ path: string; type?: string; body?: string; linkpath?: string }>): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const type = e.type ?? 'File';
    const header = new tar.Header({
      path: e.path,
      type: type as never,
      size: type === 'File' ? body.length : 0,
      mode: type === 'Directory' ? 0o755 : 0o644,
      mtime: new Date(),
      linkpath: e.linkpath ?? '',
      uid: 0,
      gid: 0,
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block);
    if (type === 'File' && body.length > 0) {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

describe('restore refuses a backup holding anything but files and folders', () => {
  const work = tempDir('dabir-hostile-restore-');
  let data: string;
  let manifest: string;
  let dbSum: string;
  afterAll(() => work.remove());

  beforeAll(async () => {
    data = join(work.path, 'data');
    const storage = await openStorage({ dataDir: data });
    try {
      const migrations = (
        await storage.db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .orderBy('name' as never)
          .execute()
      ).map((r) => String((r as { name: string }).name));
      // A manifest that names no table: restored, it would empty every one of them.
      manifest = JSON.stringify({
        format: 'dabir-backup',
        version: 1,
        engine: 'sqlite',
        created: new Date().toISOString(),
        tables: [],
        migrations,
        mediaFiles: 1,
      });
      await storage.db
        .insertInto('settings' as never)
        .values({ key: 'hostile-test', value: '"kept"' })
        .execute();
    } finally {
      await storage.close();
    }
    mkdirSync(join(data, 'media', '2024'), { recursive: true });
    writeFileSync(join(data, 'media', '2024', 'keep.png'), 'a picture');
    dbSum = sha1(join(data, 'dabir.sqlite'));
  });

  const cases: Array<[string, Array<{ path: string; type?: string; body?: string; linkpath?: string }>]> = [
    [
      'a relative symbolic link that points out once moved (media/x -> ..)',
      [
        { path: 'media/', type: 'Directory' },
        { path: 'media/x', type: 'SymbolicLink', linkpath: '..' },
      ],
    ],
    [
      'an absolute symbolic link (media/etc -> /etc)',
      [
        { path: 'media/', type: 'Directory' },
        { path: 'media/etc', type: 'SymbolicLink', linkpath: '/etc' },
      ],
    ],
    ['a symbolic link to a file (media/db.png -> ../dabir.sqlite)', [{ path: 'media/db.png', type: 'SymbolicLink', linkpath: '../dabir.sqlite' }]],
    ['a hard link (media/m.png => manifest.json)', [{ path: 'media/m.png', type: 'Link', linkpath: 'manifest.json' }]],
    ['the media folder itself a link (media -> ..)', [{ path: 'media', type: 'SymbolicLink', linkpath: '..' }]],
    ['a FIFO (media/pipe.png)', [{ path: 'media/pipe.png', type: 'FIFO' }]],
    ['a character device (media/zero.png)', [{ path: 'media/zero.png', type: 'CharacterDevice' }]],
  ];

  for (const [name, hostile] of cases) {
    it(`refuses ${name} in one line and changes nothing`, async () => {
      const file = join(work.path, `hostile-${cases.findIndex(([n]) => n === name)}.tar.gz`);
      writeFileSync(
        file,
        rawTar([{ path: 'manifest.json', body: manifest }, { path: 'tables/', type: 'Directory' }, ...hostile, { path: 'media/ok.png', body: 'fine' }]),
      );
      const run = await dabir(['restore', file], { DABIR_DATA: data });
      expect(run.status, run.stderr).not.toBe(0);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^dabir: .*hostile-\d\.tar\.gz is refused: .*(link|not a regular file or folder).*; nothing was restored$/);
      // Untouched: the database, the media folder, and no scratch folder left behind.
      expect(sha1(join(data, 'dabir.sqlite'))).toBe(dbSum);
      expect(readdirSync(data).filter((f) => f.startsWith('.restore-'))).toEqual([]);
      expect(readdirSync(join(data, 'media'))).toEqual(['2024']);
      expect(lstatSync(join(data, 'media')).isDirectory()).toBe(true);
      expect(readFileSync(join(data, 'media', '2024', 'keep.png'), 'utf8')).toBe('a picture');
      const storage = await openStorage({ dataDir: data });
      try {
        const row = await storage.db
          .selectFrom('settings' as never)
          .selectAll()
          .where('key' as never, '=', 'hostile-test' as never)
          .executeTakeFirst();
        expect(row).toBeDefined();
      } finally {
        await storage.close();
      }
    }, 60_000);
  }

  it('still restores an archive of plain files and folders (the same manifest, no links)', async () => {
    const file = join(work.path, 'plain.tar.gz');
    const site = join(work.path, 'plain-site');
    await (await openStorage({ dataDir: site })).close();
    writeFileSync(
      file,
      rawTar([
        { path: 'manifest.json', body: manifest },
        { path: 'tables/', type: 'Directory' },
        { path: 'media/', type: 'Directory' },
        { path: 'media/ok.png', body: 'fine' },
      ]),
    );
    const run = await dabir(['restore', file], { DABIR_DATA: site });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(site, 'media', 'ok.png'), 'utf8')).toBe('fine');
    expect(readdirSync(site).filter((f) => f.startsWith('.restore-'))).toEqual([]);
  }, 60_000);
});

describe('backup packs only the regular files of the media folder, never what a link points at', () => {
  const work = tempDir('dabir-hostile-backup-');
  afterAll(() => work.remove());

  it('leaves links out of the archive, so the backup restores and carries no database', async () => {
    const data = join(work.path, 'data');
    await (await openStorage({ dataDir: data })).close();
    mkdirSync(join(data, 'media', '2024'), { recursive: true });
    writeFileSync(join(data, 'media', '2024', 'keep.png'), 'a picture');
    symlinkSync(join(data, 'dabir.sqlite'), join(data, 'media', 'db.png'));
    symlinkSync('..', join(data, 'media', 'up'));
    const file = join(work.path, 'site.tar.gz');
    const made = await dabir(['backup', file], { DABIR_DATA: data });
    expect(made.status, made.stderr).toBe(0);
    const paths: string[] = [];
    await tar.t({ file, onReadEntry: (e) => void paths.push(`${e.type} ${e.path}`) });
    expect(paths.filter((p) => p.includes('media/'))).toEqual(expect.arrayContaining(['File media/2024/keep.png']));
    expect(paths.filter((p) => /db\.png|media\/up/.test(p))).toEqual([]);
    const restored = await dabir(['restore', file], { DABIR_DATA: join(work.path, 'other') });
    expect(restored.status, restored.stderr).toBe(0);
  }, 60_000);
});

describe('/media/* never follows a symbolic link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    const media = join(t.config.dataDir, 'media');
    mkdirSync(join(media, '2024'), { recursive: true });
    writeFileSync(join(media, '2024', 'ok.png'), 'a picture');
    const db = join(t.config.dataDir, 'dabir.sqlite');
    expect(existsSync(db)).toBe(true);
    symlinkSync(db, join(media, 'db.png'));
    symlinkSync(db, join(media, '2024', 'db.png'));
    symlinkSync('../../dabir.sqlite', join(media, '2024', 'relative.png'));
    symlinkSync(t.config.dataDir, join(media, 'data'));
    symlinkSync('..', join(media, 'up'));
    symlinkSync('ok.png', join(media, '2024', 'alias.png'));
  });
  afterAll(() => t.cleanup());

  it('answers 404 for a link to the database, to a folder, and for a file reached through a linked folder', async () => {
    for (const path of [
      '/media/db.png',
      '/media/2024/db.png',
      '/media/2024/relative.png',
      '/media/data/dabir.sqlite',
      '/media/up/dabir.sqlite',
      '/media/data/media/2024/ok.png',
      '/media/2024/alias.png',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: path });
      expect(res.statusCode, path).toBe(404);
      expect(res.body, path).not.toContain('SQLite format');
    }
  });

  it('still serves a regular file', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/media/2024/ok.png' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('a picture');
    expect(res.headers['content-type']).toBe('image/png');
    const again = await t.app.inject({ method: 'GET', url: '/media/2024/ok.png', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});
