// Sitemaps as a search engine reads them: valid against the sitemaps.org 0.9 schemas with
// xmllint (libxml2-utils) when it and ../shared are there, and checked by our own structural
// assertions everywhere; the news sitemap holds the last 48 hours; robots.txt names them.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitemapsPlugin } from '../src/web/sitemaps.js';
import { testApp, type TestApp } from './support/app.js';
import { HAVE_SHARED, SHARED_FIXTURES, SHARED_SKIP_NOTE } from './support/fixtures.js';
import { ENGINES, tempDir } from './support/storage.js';

const HAVE_XMLLINT = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
const XSD_NOTE = !HAVE_XMLLINT
  ? ' (skipped: xmllint is missing; apt-get install libxml2-utils, .ci/run installs it)'
  : !HAVE_SHARED
    ? ` (${SHARED_SKIP_NOTE})`
    : '';

const dir = tempDir('dabir-sitemaps-');
afterAll(() => dir.remove());
let n = 0;
/** xmllint's verdict on a document against one of the shared XSDs ('' when valid). */
function xmllint(doc: string, xsd: 'sitemap.xsd' | 'siteindex.xsd'): string {
  const file = join(dir.path, `doc-${++n}.xml`);
  writeFileSync(file, doc);
  const r = spawnSync('xmllint', ['--noout', '--schema', join(SHARED_FIXTURES, 'xsd', xsd), file], { encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr;
}

const SM = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** Our own reading of a sitemap: root, namespaces and each entry's fields (no schema needed). */
function read(doc: string) {
  expect(doc.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const root = /<(urlset|sitemapindex)\b([^>]*)>/.exec(doc);
  expect(root).not.toBeNull();
  expect(root![2]).toContain(`xmlns="${SM}"`);
  expect(doc.trimEnd().endsWith(`</${root![1]}>`)).toBe(true);
  // Every element is closed in order: a cheap well-formedness check.
  const stack: string[] = [];
  for (const m of doc.matchAll(/<(\/?)([a-z:]+)\b[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
  expect(doc).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  const entry = root![1] === 'urlset' ? 'url' : 'sitemap';
  const entries = [...doc.matchAll(new RegExp(`<${entry}>(.*?)</${entry}>`, 'gs'))].map((m) => {
    const body = m[1]!;
    const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
    return {
      loc: field('loc')!,
      lastmod: field('lastmod'),
      images: [...body.matchAll(/<image:loc>([^<]*)<\/image:loc>/g)].map((i) => i[1]!),
      news: body.includes('<news:news>')
        ? { name: field('news:name'), language: field('news:language'), date: field('news:publication_date'), title: field('news:title') }
        : undefined,
    };
  });
  expect(entries.length).toBeLessThanOrEqual(50_000);
  for (const e of entries) {
    expect(e.loc).toMatch(/^http:\/\/news\.test\/[\x21-\x7e]*$/);
    expect(e.loc.length).toBeGreaterThanOrEqual(12);
    if (e.lastmod !== undefined) expect(new Date(e.lastmod).toISOString()).toBe(e.lastmod);
  }
  return { root: root![1] as 'urlset' | 'sitemapindex', rootAttrs: root![2]!, entries };
}

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`sitemaps on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    const clock = Date.parse('2026-11-28T08:00:00Z');
    const hoursAgo = (h: number) => new Date(clock - h * 3600_000).toISOString();
    const create = async (payload: Record<string, unknown>) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/articles',
        headers: { authorization: `Bearer ${t.token}` },
        payload: { body: '<p>متن</p>', status: 'published', ...payload },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { code: number; url: string; publishedAt: string; updatedAt: string };
    };
    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
    let old: Awaited<ReturnType<typeof create>>;
    let recent: Awaited<ReturnType<typeof create>>;
    let pictured: Awaited<ReturnType<typeof create>>;

    beforeAll(async () => {
      t = await testApp({ engine: engine.name, now: () => new Date(clock) });
      old = await create({ title: 'خبر سه روز پیش', service: 'politics', tags: ['مجلس'], publishedAt: hoursAgo(72) });
      recent = await create({ title: 'خبر امروز & <فوری>', service: 'economy', tags: ['بازار', 'ارز'], publishedAt: hoursAgo(2) });
      pictured = await create({
        title: 'خبر با عکس',
        service: 'politics',
        body: '<p>متن</p><img src="/media/2026/a.jpg" alt="الف" width="640" height="360"><p>باز</p><img src="/media/2026/b.png" alt="ب">',
        publishedAt: hoursAgo(1),
      });
      await create({ title: 'پیش‌نویس', status: 'draft', tags: ['پنهان'] });
      await create({ title: 'فردا منتشر می‌شود', status: 'scheduled', publishedAt: hoursAgo(-24) });
    });
    afterAll(async () => t?.cleanup());

    it('indexes the pages sitemap, the story sitemaps and the news sitemap', async () => {
      const res = await get('/sitemap.xml');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      const index = read(res.body);
      expect(index.root).toBe('sitemapindex');
      expect(index.entries.map((e) => e.loc)).toEqual([
        'http://news.test/sitemaps/pages.xml',
        'http://news.test/sitemaps/articles-1.xml',
        'http://news.test/sitemap-news.xml',
      ]);
      for (const e of index.entries) expect((await get(new URL(e.loc).pathname)).statusCode).toBe(200);
    });

    it('lists the front page, every service and every tag that has a published story', async () => {
      const pages = read((await get('/sitemaps/pages.xml')).body);
      const locs = pages.entries.map((e) => e.loc);
      expect(locs).toEqual(
        expect.arrayContaining([
          'http://news.test/',
          'http://news.test/service/politics',
          'http://news.test/service/economy',
          `http://news.test/tag/${encodeURIComponent('مجلس')}`,
          `http://news.test/tag/${encodeURIComponent('بازار')}`,
        ]),
      );
      expect(locs).not.toContain(`http://news.test/tag/${encodeURIComponent('پنهان')}`);
    });

    it('lists every published story with its last change and the images of its body', async () => {
      const stories = read((await get('/sitemaps/articles-1.xml')).body);
      expect(stories.root).toBe('urlset');
      expect(stories.rootAttrs).toContain('xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"');
      expect(stories.entries.map((e) => e.loc)).toEqual([old.url, recent.url, pictured.url]);
      const withImages = stories.entries.find((e) => e.loc === pictured.url)!;
      expect(withImages.images).toEqual(['http://news.test/media/2026/a.jpg', 'http://news.test/media/2026/b.png']);
      expect(withImages.lastmod).toBe(pictured.updatedAt);
      expect((await get('/sitemaps/articles-2.xml')).statusCode).toBe(404);
      expect((await get('/sitemaps/nothing.xml')).statusCode).toBe(404);
    });

    it('puts the last 48 hours in the news sitemap, with the publication name, language fa and the title', async () => {
      const res = await get('/sitemap-news.xml');
      const news = read(res.body);
      expect(news.rootAttrs).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
      expect(news.entries.map((e) => e.loc)).toEqual([pictured.url, recent.url]);
      expect(news.entries[1]!.news).toEqual({ name: 'دبیر', language: 'fa', date: recent.publishedAt, title: 'خبر امروز &amp; &lt;فوری&gt;' });
      expect(res.body).toContain('<news:keywords>بازار, ارز</news:keywords>');
      expect(news.entries[0]!.images).toHaveLength(2);
    });

    it.skipIf(!HAVE_XMLLINT || !HAVE_SHARED)(`validates against the sitemaps.org XSDs with xmllint${XSD_NOTE}`, async () => {
      expect(xmllint((await get('/sitemap.xml')).body, 'siteindex.xsd')).toBe('');
      for (const url of ['/sitemaps/pages.xml', '/sitemaps/articles-1.xml', '/sitemap-news.xml'])
        expect(xmllint((await get(url)).body, 'sitemap.xsd'), url).toBe('');
      // The check itself rejects what it should.
      expect(
        xmllint('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><lastmod>x</lastmod></url></urlset>', 'sitemap.xsd'),
      ).not.toBe('');
    });

    it('answers 304 to If-None-Match and If-Modified-Since, and shows a new story at once', async () => {
      const first = await get('/sitemap.xml');
      expect((await get('/sitemap.xml', { 'if-none-match': first.headers.etag as string })).statusCode).toBe(304);
      expect((await get('/sitemap-news.xml', { 'if-modified-since': (await get('/sitemap-news.xml')).headers['last-modified'] as string })).statusCode).toBe(
        304,
      );
      const before = await get('/sitemaps/articles-1.xml');
      const fresh = await create({ title: 'خبر تازه برای نقشه سایت', tags: ['تازه'] });
      const after = await get('/sitemaps/articles-1.xml', { 'if-none-match': before.headers.etag as string });
      expect(after.statusCode).toBe(200);
      expect(after.body).toContain(new URL(fresh.url).pathname);
      expect((await get('/sitemaps/pages.xml')).body).toContain(encodeURIComponent('تازه'));
    });

    it('names both sitemaps in robots.txt and keeps crawlers out of the newsroom and the API', async () => {
      const res = await get('/robots.txt');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      const lines = res.body.split('\n');
      expect(lines).toContain('User-agent: *');
      expect(lines).toContain('Sitemap: http://news.test/sitemap.xml');
      expect(lines).toContain('Sitemap: http://news.test/sitemap-news.xml');
      expect(lines).toContain('Disallow: /newsroom');
      expect(lines).toContain('Disallow: /api/');
      expect(lines).not.toContain('Disallow: /');
    });

    describe('split into pages', () => {
      let small: FastifyInstance;
      beforeAll(async () => {
        small = Fastify();
        await small.register(sitemapsPlugin({ db: t.storage.db, bus: t.bus, baseUrl: 'http://news.test', now: () => new Date(clock), pageSize: 2 }));
        await small.ready();
      });
      afterAll(async () => small?.close());

      it('writes at most the page size of stories to each story sitemap, and indexes every page', async () => {
        const index = read((await small.inject('/sitemap.xml')).body);
        const pages = index.entries.map((e) => e.loc).filter((l) => l.includes('/sitemaps/articles-'));
        expect(pages).toEqual(['http://news.test/sitemaps/articles-1.xml', 'http://news.test/sitemaps/articles-2.xml']);
        const seen: string[] = [];
        for (const page of pages) {
          const doc = (await small.inject(new URL(page).pathname)).body;
          const entries = read(doc).entries;
          expect(entries.length).toBeLessThanOrEqual(2);
          seen.push(...entries.map((e) => e.loc));
          if (HAVE_XMLLINT && HAVE_SHARED) expect(xmllint(doc, 'sitemap.xsd')).toBe('');
        }
        expect(seen).toHaveLength(4);
        expect(new Set(seen).size).toBe(4);
        expect((await small.inject('/sitemaps/articles-3.xml')).statusCode).toBe(404);
      });
    });
  });
}
