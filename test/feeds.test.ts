// The feeds of CONTRACT.md as a feed reader sees them: python3-feedparser (Debian's package)
// reads RSS, Atom and JSON Feed with bozo = 0 and the right entries; structural checks of our
// own run everywhere; conditional GET answers 304; publishing shows at once.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app.js';
import { ENGINES } from './support/storage.js';

/** The Python that has feedparser: Debian's (/usr/bin/python3) first, then whatever is on PATH. */
function findFeedparser(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', 'import feedparser'], { encoding: 'utf8' });
    if (r.status === 0) return python;
  }
  return undefined;
}
const PYTHON = findFeedparser();
const FEEDPARSER_NOTE = PYTHON ? '' : ' (skipped: python3-feedparser is missing; apt-get install python3-feedparser, .ci/run installs it)';
/** feedparser reads JSON Feed from 6.1 on (parsers/json.py); Debian 12 ships 6.0.10, which does not. */
const FEEDPARSER_JSON = PYTHON !== undefined && spawnSync(PYTHON, ['-c', 'import feedparser.parsers.json'], { encoding: 'utf8' }).status === 0;

interface Parsed {
  bozo: boolean;
  bozo_exception: string | null;
  version: string;
  title: string;
  entries: Array<{
    title: string;
    link: string;
    id: string;
    published: string | null;
    updated: string | null;
    author: string | null;
    tags: string[];
    enclosures: Array<{ href: string; type: string }>;
    summary: string;
    content: string[];
  }>;
}

/** feedparser's reading of a document (dates as ISO 8601 UTC, to the second). */
function feedparse(doc: string, type = 'application/xml'): Parsed {
  const script = `
import sys, json, calendar, datetime, feedparser
d = feedparser.parse(sys.stdin.buffer.read(), response_headers={'content-type': sys.argv[1]})
def iso(t):
    return None if not t else datetime.datetime.fromtimestamp(calendar.timegm(t), datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
print(json.dumps({
  'bozo': bool(d.bozo), 'bozo_exception': str(d.get('bozo_exception')) if d.bozo else None, 'version': d.version,
  'title': d.feed.get('title', ''),
  'entries': [{
    'title': e.get('title', ''), 'link': e.get('link', ''), 'id': e.get('id', ''),
    'published': iso(e.get('published_parsed')), 'updated': iso(e.get('updated_parsed')),
    'author': e.get('author'), 'tags': [t.get('label') or t.get('term') for t in e.get('tags', [])],
    'enclosures': [{'href': x.get('href'), 'type': x.get('type')} for x in e.get('enclosures', [])],
    'summary': e.get('summary', ''), 'content': [c.get('value') for c in e.get('content', [])],
  } for e in d.entries]}, ensure_ascii=False))
`;
  const r = spawnSync(PYTHON!, ['-c', script, type], { input: doc, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Parsed;
}

/** ISO 8601 to the second, as feedparser gives it. */
const second = (iso: string) => `${iso.slice(0, 19)}Z`;
const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`feeds on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    let clock = Date.parse('2026-11-28T08:00:00Z');
    const at = (minutes: number) => new Date(Date.parse('2026-11-28T08:00:00Z') - minutes * 60_000).toISOString();
    const create = async (payload: Record<string, unknown>) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/articles',
        headers: { authorization: `Bearer ${t.token}` },
        payload: { body: '<p>متن</p>', status: 'published', ...payload },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { code: number; url: string; slug: string; publishedAt: string; updatedAt: string };
    };
    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
    let withImage: Awaited<ReturnType<typeof create>>;
    let plain: Awaited<ReturnType<typeof create>>;
    let tricky: Awaited<ReturnType<typeof create>>;

    beforeAll(async () => {
      t = await testApp({ engine: engine.name, now: () => new Date(clock) });
      withImage = await create({
        title: 'هیچ مکاتبه جدیدی با تلگرام نداشتیم',
        lead: 'معاون وزیر ارتباطات هرگونه مذاکره محرمانه جدیدی را رد کرد.',
        body: '<p>بند اول خبر.</p><figure><img src="/media/2026/telegram.jpg" alt="ساختمان وزارت" width="800" height="450"></figure><p>بند دوم با <a href="/news/1">پیوند</a>.</p>',
        service: 'politics',
        tags: ['تلگرام', 'وزارت ارتباطات'],
        publishedAt: at(30),
      });
      plain = await create({ title: 'بازار ارز آرام ماند', lead: 'نرخ ارز امروز تغییری نکرد.', service: 'economy', publishedAt: at(20) });
      tricky = await create({ title: 'تیتر با <نشانه> & «علامت»', lead: 'لید با </script> و & نشانه', service: 'politics', publishedAt: at(10) });
      await create({ title: 'پیش‌نویس منتشرنشده', status: 'draft' });
      await create({ title: 'خبر زمان‌بندی‌شده برای فردا', status: 'scheduled', publishedAt: new Date(clock + 86400_000).toISOString() });
    });
    afterAll(async () => t?.cleanup());

    it('serves RSS 2.0, Atom 1.0 and JSON Feed 1.1 with their media types', async () => {
      const rss = await get('/rss.xml');
      expect(rss.statusCode).toBe(200);
      expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      expect(rss.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<rss version="2.0"/);
      const atom = await get('/atom.xml');
      expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(atom.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
      const json = await get('/feed.json');
      expect(json.headers['content-type']).toBe('application/feed+json; charset=utf-8');
      expect(json.json().version).toBe('https://jsonfeed.org/version/1.1');
    });

    it('lists published stories only, newest first, in every format (structure, without feedparser)', async () => {
      const titles = [tricky, plain, withImage].length;
      const rss = (await get('/rss.xml')).body;
      expect(rss.match(/<item>/g)).toHaveLength(titles);
      expect(rss).not.toContain('پیش‌نویس');
      expect(rss).not.toContain('زمان‌بندی‌شده');
      const order = ['تیتر با', 'بازار ارز', 'هیچ مکاتبه'].map((s) => rss.indexOf(s));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(rss).toContain(`<pubDate>${new Date(withImage.publishedAt).toUTCString()}</pubDate>`);
      expect(rss).toContain(`<guid isPermaLink="false">http://news.test/news/${withImage.code}</guid>`);
      expect(rss).toContain('<dc:creator>');
      const atom = (await get('/atom.xml')).body;
      expect(atom.match(/<entry>/g)).toHaveLength(titles);
      expect(atom).toContain(`<published>${withImage.publishedAt}</published>`);
      const json = (await get('/feed.json')).json() as {
        language: string;
        items: Array<{ id: string; title: string; date_published: string; authors?: unknown[]; image?: string; summary?: string }>;
      };
      expect(json.language).toBe('fa');
      expect(json.items.map((i) => i.title)).toEqual(['تیتر با <نشانه> & «علامت»', 'بازار ارز آرام ماند', 'هیچ مکاتبه جدیدی با تلگرام نداشتیم']);
      expect(json.items[2]).toMatchObject({
        id: `http://news.test/news/${withImage.code}`,
        date_published: withImage.publishedAt,
        image: 'http://news.test/media/2026/telegram.jpg',
        summary: 'معاون وزیر ارتباطات هرگونه مذاکره محرمانه جدیدی را رد کرد.',
      });
      expect(json.items[2]!.authors).toHaveLength(1);
    });

    it('gives the lead image as an enclosure with its media type', async () => {
      const rss = (await get('/rss.xml')).body;
      expect(rss).toMatch(
        /<enclosure length="0" type="image\/jpeg" url="http:\/\/news\.test\/media\/2026\/telegram\.jpg" title="ساختمان وزارت"\/>|<enclosure [^>]*url="http:\/\/news\.test\/media\/2026\/telegram\.jpg"[^>]*>/,
      );
      expect(rss.match(/<enclosure /g)).toHaveLength(1);
      const atom = (await get('/atom.xml')).body;
      expect(atom).toMatch(/<link rel="enclosure" href="http:\/\/news\.test\/media\/2026\/telegram\.jpg"[^>]* type="image\/jpeg"/);
    });

    it.skipIf(!PYTHON)(
      `is read by feedparser with bozo = 0 and the right entries, titles and dates${FEEDPARSER_NOTE}${FEEDPARSER_JSON ? '' : ' (JSON Feed: this feedparser predates 6.1 and reads no JSON, checked by the next test)'}`,
      async () => {
        const feeds = [['/rss.xml', 'rss20'], ['/atom.xml', 'atom10'], ...(FEEDPARSER_JSON ? [['/feed.json', 'json11']] : [])] as const;
        for (const [url, version] of feeds) {
          const res = await get(url);
          const parsed = feedparse(res.body, String(res.headers['content-type']));
          expect(parsed.bozo, `${url}: ${parsed.bozo_exception}`).toBe(false);
          expect(parsed.version, url).toBe(version);
          expect(parsed.title, url).toBe('دبیر');
          expect(
            parsed.entries.map((e) => unescapeHtml(e.title)),
            url,
          ).toEqual(['تیتر با <نشانه> & «علامت»', 'بازار ارز آرام ماند', 'هیچ مکاتبه جدیدی با تلگرام نداشتیم']);
          const story = parsed.entries[2]!;
          expect(story.published, url).toBe(second(withImage.publishedAt));
          expect(story.link, url).toBe(withImage.url);
          expect(story.id, url).toBe(`http://news.test/news/${withImage.code}`);
          expect(story.author, url).toBe('admin');
          expect(story.summary, url).toContain('معاون وزیر ارتباطات');
          if (url !== '/feed.json') {
            expect(story.tags, url).toEqual(expect.arrayContaining(['تلگرام', 'وزارت ارتباطات']));
            expect(story.enclosures, url).toEqual([{ href: 'http://news.test/media/2026/telegram.jpg', type: 'image/jpeg' }]);
          }
          expect(parsed.entries[1]!.published, url).toBe(second(plain.publishedAt));
        }
      },
    );

    it('writes JSON Feed 1.1 with every required and used field of the specification (jsonfeed.org/version/1.1)', async () => {
      const feed = (await get('/feed.json')).json() as Record<string, unknown> & { items: Array<Record<string, unknown>> };
      expect(feed).toMatchObject({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'دبیر',
        home_page_url: 'http://news.test/',
        feed_url: 'http://news.test/feed.json',
        language: 'fa',
      });
      expect(feed.author).toBeUndefined();
      expect(feed.authors).toEqual([{ name: 'دبیر', url: 'http://news.test/' }]);
      for (const item of feed.items) {
        expect(typeof item.id).toBe('string');
        expect(typeof item.content_html === 'string' || typeof item.content_text === 'string').toBe(true);
        expect(item.url).toMatch(/^http:\/\/news\.test\/news\/\d+/);
        expect(new Date(item.date_published as string).toISOString()).toBe(item.date_published);
        expect(new Date(item.date_modified as string).toISOString()).toBe(item.date_modified);
        expect(item.author).toBeUndefined(); // 1.1 replaced author with authors
        expect(item.authors).toEqual([{ name: 'admin' }]);
      }
      const story = feed.items.find((i) => i.id === `http://news.test/news/${withImage.code}`)!;
      expect(story).toMatchObject({
        title: 'هیچ مکاتبه جدیدی با تلگرام نداشتیم',
        url: withImage.url,
        date_published: withImage.publishedAt,
        tags: ['سیاسی', 'تلگرام', 'وزارت ارتباطات'],
      });
    });

    it('answers 304 to If-None-Match and If-Modified-Since, and 200 when the client is behind', async () => {
      for (const url of ['/rss.xml', '/atom.xml', '/feed.json', '/service/politics/rss.xml']) {
        const first = await get(url);
        const etag = first.headers.etag as string;
        const lastModified = first.headers['last-modified'] as string;
        expect(etag, url).toMatch(/^"[^"]+"$/);
        expect(new Date(lastModified).toISOString(), url).toBe(`${tricky.updatedAt.slice(0, 19)}.000Z`);
        const byTag = await get(url, { 'if-none-match': etag });
        expect(byTag.statusCode, url).toBe(304);
        expect(byTag.body, url).toBe('');
        expect((await get(url, { 'if-none-match': `W/${etag}, "other"` })).statusCode, url).toBe(304);
        expect((await get(url, { 'if-modified-since': lastModified })).statusCode, url).toBe(304);
        expect((await get(url, { 'if-modified-since': new Date(Date.parse(lastModified) - 1000).toUTCString() })).statusCode, url).toBe(200);
        expect((await get(url, { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).statusCode, url).toBe(200);
      }
    });

    it('shows a newly published story at once (the change bus drops the cached feed)', async () => {
      const before = await get('/rss.xml');
      clock += 60_000;
      const fresh = await create({ title: 'خبر تازه پس از کش', service: 'politics' });
      const after = await get('/rss.xml', { 'if-none-match': before.headers.etag as string });
      expect(after.statusCode).toBe(200);
      expect(after.body).toContain('خبر تازه پس از کش');
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect((await get('/service/politics/rss.xml')).body).toContain('خبر تازه پس از کش');
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/articles/${fresh.code}`,
        headers: { authorization: `Bearer ${t.token}` },
        payload: { status: 'unpublished' },
      });
      expect(res.statusCode).toBe(200);
      expect((await get('/rss.xml')).body).not.toContain('خبر تازه پس از کش');
    });

    it('has one feed per service, and a 404 for a service that does not exist', async () => {
      const politics = await get('/service/politics/rss.xml');
      expect(politics.statusCode).toBe(200);
      expect(politics.body).toContain('هیچ مکاتبه جدیدی');
      expect(politics.body).not.toContain('بازار ارز');
      expect(politics.body).toContain('<atom:link href="http://news.test/service/politics/rss.xml" rel="self"');
      expect((await get('/service/economy/rss.xml')).body).toContain('بازار ارز');
      expect((await get('/service/no-such-service/rss.xml')).statusCode).toBe(404);
    });

    it('carries the lead by default and the whole story when the setting says full', async () => {
      const summary = (await get('/rss.xml')).body;
      expect(summary).not.toContain('content:encoded');
      expect(summary).not.toContain('بند اول خبر');
      const forbidden = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/settings/feeds',
        headers: { authorization: `Bearer ${await t.tokenFor('editor')}` },
        payload: { content: 'full' },
      });
      expect(forbidden.statusCode).toBe(403);
      const set = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/settings/feeds',
        headers: { authorization: `Bearer ${t.token}` },
        payload: { content: 'full' },
      });
      expect(set.statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/settings/feeds', headers: { authorization: `Bearer ${t.token}` } })).json()).toEqual({
        content: 'full',
      });
      const full = (await get('/rss.xml')).body;
      expect(full).toContain('<content:encoded><![CDATA[<p>معاون وزیر ارتباطات');
      expect(full).toContain('بند اول خبر');
      // Links and images inside the story become absolute for readers elsewhere.
      expect(full).toContain('src="http://news.test/media/2026/telegram.jpg"');
      expect(full).toContain('href="http://news.test/news/1"');
      const atom = (await get('/atom.xml')).body;
      expect(atom).toContain('<content type="html">');
      if (PYTHON) {
        const parsed = feedparse(full);
        expect(parsed.bozo, String(parsed.bozo_exception)).toBe(false);
        const story = parsed.entries.find((e) => e.title.startsWith('هیچ مکاتبه'))!;
        expect(story.content.join('')).toContain('بند دوم');
      }
      await t.app.inject({ method: 'PUT', url: '/api/v1/settings/feeds', headers: { authorization: `Bearer ${t.token}` }, payload: { content: 'summary' } });
      expect((await get('/rss.xml')).body).not.toContain('content:encoded');
    });

    it('keeps a title with markup characters as text and the XML well formed', async () => {
      const rss = (await get('/rss.xml')).body;
      expect(rss).toContain('<title><![CDATA[تیتر با <نشانه> & «علامت»]]></title>');
      expect(rss).toContain('<description><![CDATA[لید با &lt;/script&gt; و &amp; نشانه]]></description>');
      const atom = (await get('/atom.xml')).body;
      expect(atom).toContain('<title type="html"><![CDATA[تیتر با &lt;نشانه&gt; &amp; «علامت»]]></title>');
    });
  });
}
