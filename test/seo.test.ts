// Structured data and link previews on the real pages: JSON-LD NewsArticle and BreadcrumbList
// that parse and carry Google's fields, safe against `</script>` in a title; Open Graph,
// Twitter card and canonical links on every public page; the logo they point at is served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptJson } from '../src/web/views/index.js';
import { createStory, testApp, type TestApp } from './support/app.js';
import { ENGINES } from './support/storage.js';

const LD = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/g;
function jsonLd(doc: string): Array<Record<string, any>> {
  return [...doc.matchAll(LD)].map((m) => JSON.parse(m[1]!) as Record<string, any>);
}
function meta(doc: string, key: string): string | undefined {
  const m = new RegExp(`<meta (?:property|name)="${key.replace(/[:]/g, '\\:')}" content="([^"]*)">`).exec(doc);
  return m?.[1]
    ?.replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'");
}
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`structured data and link previews on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    const create = (payload: Record<string, unknown>) => createStory(t, { body: '<p>متن</p>', status: 'published', ...payload });
    const page = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      return res.body;
    };
    let story: Awaited<ReturnType<typeof create>>;

    beforeAll(async () => {
      t = await testApp({ engine: engine.name });
      story = await create({
        kicker: 'معاون وزیر ارتباطات',
        title: 'هیچ مکاتبه جدیدی با تلگرام نداشتیم',
        lead: 'معاون وزیر ارتباطات هرگونه مذاکره محرمانه جدیدی با تلگرام را رد کرد.',
        body: '<p>بند اول.</p><img src="/media/2026/ministry.jpg" alt="ساختمان وزارت" width="1200" height="675"><p>بند دوم.</p>',
        source: 'خبرگزاری مهر',
        service: 'technology',
        tags: ['تلگرام', 'وزارت ارتباطات'],
      });
    });
    afterAll(async () => t?.cleanup());

    it('gives a story page a NewsArticle with headline, dates, author, publisher, image, section, keywords and the news code', async () => {
      const doc = await page(new URL(story.url).pathname);
      const article = jsonLd(doc).find((d) => d['@type'] === 'NewsArticle')!;
      expect(article).toBeDefined();
      expect(article['@context']).toBe('https://schema.org');
      expect(article.headline).toBe('هیچ مکاتبه جدیدی با تلگرام نداشتیم');
      expect(article.datePublished).toMatch(ISO_8601);
      expect(article.datePublished).toBe(story.publishedAt);
      expect(article.dateModified).toMatch(ISO_8601);
      expect(Date.parse(article.dateModified)).toBeGreaterThanOrEqual(Date.parse(article.datePublished));
      expect(article.author).toEqual([{ '@type': 'Person', name: 'admin' }]);
      expect(article.publisher).toMatchObject({
        name: 'دبیر',
        url: 'http://news.test/',
        logo: { '@type': 'ImageObject', url: 'http://news.test/static/logo.png', width: 192, height: 192 },
      });
      expect(article.image).toEqual(['http://news.test/media/2026/ministry.jpg']);
      expect(article.articleSection).toBe('فناوری');
      expect(article.keywords).toBe('تلگرام، وزارت ارتباطات');
      expect(article.identifier).toBe(String(story.code));
      expect(article.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': story.url });
      expect(article.description).toContain('مذاکره محرمانه');
      expect(article.inLanguage).toBe('fa-IR');
    });

    it('gives a story page the breadcrumb front page › service › story', async () => {
      const doc = await page(new URL(story.url).pathname);
      const crumbs = jsonLd(doc).find((d) => d['@type'] === 'BreadcrumbList')!;
      expect(crumbs.itemListElement).toEqual([
        { '@type': 'ListItem', position: 1, name: 'دبیر', item: 'http://news.test/' },
        { '@type': 'ListItem', position: 2, name: 'فناوری', item: 'http://news.test/service/technology' },
        { '@type': 'ListItem', position: 3, name: 'هیچ مکاتبه جدیدی با تلگرام نداشتیم', item: story.url },
      ]);
    });

    it('cannot be broken out of by a title that closes the script element', async () => {
      const title = 'پایان </script><script>alert(1)</script> <!-- و & «نقل»';
      const evil = await create({ title, lead: '</SCRIPT> در لید', tags: ['</script>'] });
      const doc = await page(new URL(evil.url).pathname);
      // The only script elements are ours: the deferred script and the two data blocks.
      expect(doc.match(/<script\b/gi)).toHaveLength(3);
      expect(doc).not.toContain('<script>alert(1)');
      expect(doc).not.toMatch(/<\/script><script>alert/i);
      const article = jsonLd(doc).find((d) => d['@type'] === 'NewsArticle')!;
      expect(article.headline).toBe(title);
      expect(article.description).toBe('</SCRIPT> در لید');
      expect(scriptJson({ a: '</script>\u2028&' })).toBe('{"a":"\\u003c/script\\u003e\\u2028\\u0026"}');
      expect(JSON.parse(scriptJson({ a: '</script>\u2028&' }))).toEqual({ a: '</script>\u2028&' });
    });

    it('puts Open Graph, Twitter card and canonical tags on every public page', async () => {
      const pages = ['/', new URL(story.url).pathname, '/service/technology', `/tag/${encodeURIComponent('تلگرام')}`];
      for (const url of pages) {
        const doc = await page(url);
        const canonical = /<link rel="canonical" href="([^"]+)">/.exec(doc)?.[1];
        expect(canonical, url).toMatch(/^http:\/\/news\.test\//);
        expect(meta(doc, 'og:url'), url).toBe(canonical);
        for (const key of [
          'og:site_name',
          'og:locale',
          'og:type',
          'og:title',
          'og:description',
          'og:image',
          'twitter:card',
          'twitter:title',
          'twitter:description',
          'twitter:image',
        ]) {
          expect(meta(doc, key), `${url} ${key}`).toBeTruthy();
        }
        expect(meta(doc, 'og:locale'), url).toBe('fa_IR');
        expect(meta(doc, 'og:image'), url).toMatch(/^http:\/\/news\.test\//);
        // One of each: the layout writes them, no page adds its own again.
        expect(doc.match(/property="og:title"/g), url).toHaveLength(1);
      }
      const article = await page(new URL(story.url).pathname);
      expect(meta(article, 'og:type')).toBe('article');
      expect(meta(article, 'og:title')).toBe('هیچ مکاتبه جدیدی با تلگرام نداشتیم');
      expect(meta(article, 'og:image')).toBe('http://news.test/media/2026/ministry.jpg');
      expect(meta(article, 'og:image:width')).toBe('1200');
      expect(meta(article, 'twitter:card')).toBe('summary_large_image');
      expect(meta(article, 'article:section')).toBe('فناوری');
      expect(meta(article, 'article:published_time')).toBe(story.publishedAt);
      const front = await page('/');
      expect(meta(front, 'og:type')).toBe('website');
      expect(meta(front, 'og:image')).toBe('http://news.test/static/logo.png');
      expect(meta(front, 'twitter:card')).toBe('summary');
      expect(jsonLd(front).find((d) => d['@type'] === 'WebSite')).toMatchObject({ name: 'دبیر', url: 'http://news.test/' });
    });

    it('leaves link-preview tags off pages that have no canonical address (errors)', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/news/999999999' });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('og:url');
      expect(res.body).not.toContain('application/ld+json');
    });

    it('serves the logo it names: a PNG for publishers and an SVG favicon', async () => {
      const png = await t.app.inject({ method: 'GET', url: '/static/logo.png' });
      expect(png.statusCode).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.rawPayload.readUInt32BE(16)).toBe(192);
      expect(png.rawPayload.readUInt32BE(20)).toBe(192);
      const svg = await t.app.inject({ method: 'GET', url: '/static/logo.svg' });
      expect(svg.headers['content-type']).toBe('image/svg+xml');
      expect(svg.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(await page('/')).toContain('<link rel="icon" href="/static/logo.svg" type="image/svg+xml">');
      const ico = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
      expect(ico.statusCode).toBe(301);
      expect(ico.headers.location).toBe('/static/logo.svg');
    });
  });
