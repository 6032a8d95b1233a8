import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStory, testApp, type TestApp } from './support/app.js';
import { ENGINES } from './support/storage.js';

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`the public pages on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    const create = (payload: Record<string, unknown>) => createStory(t, { body: '', status: 'published', ...payload });
    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
    beforeAll(async () => {
      t = await testApp({ engine: engine.name });
    });
    afterAll(async () => t?.cleanup());

    it('never lets a script, an onerror handler or a javascript: link from a body reach the page', async () => {
      const a = await create({
        title: 'بدنه با کد مخرب',
        body: '<p>متن<script>alert("x")</script></p><img src="/media/a.jpg" onerror="alert(1)"><a href="javascript:alert(1)">پیوند</a><p onmouseover="alert(2)">بند</p>',
      });
      const page = await get(`/news/${a.code}/${encodeURIComponent(a.slug)}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('alert(');
      expect(page.body).not.toMatch(/onerror|onmouseover|javascript:/i);
    });

    it('shows a title with markup as text', async () => {
      const a = await create({ title: 'تیتر <img src=x onerror=alert(1)>' });
      const page = await get(`/news/${a.code}/${encodeURIComponent(a.slug)}`);
      expect(page.body).not.toContain('<img src=x');
      expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    });

    it('answers an unknown code, a draft and a bad path with the Persian 404 page', async () => {
      for (const url of ['/news/999999999', '/news/abc', '/service/nothing', '/tag/nothing', '/no/such/page']) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.headers['content-type']).toContain('text/html');
        expect(res.body).toContain('lang="fa"');
        expect(res.body).toContain('پیدا نشد');
      }
      const draft = await t.app.inject({
        method: 'POST',
        url: '/api/v1/articles',
        headers: { authorization: `Bearer ${t.token}` },
        payload: { title: 'پیش‌نویس', body: '' },
      });
      expect((await get(`/news/${draft.json().code}`)).statusCode).toBe(404);
    });

    it('redirects the short link and a wrong slug to the canonical address, and accepts Persian digits', async () => {
      const a = await create({ title: 'نشانی کوتاه' });
      const canonical = `/news/${a.code}/${encodeURIComponent('نشانی-کوتاه')}`;
      for (const url of [`/news/${a.code}`, `/news/${a.code}/old-slug`, `/news/${a.code.toString().replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!)}`]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(301);
        expect(res.headers.location).toBe(canonical);
      }
    });

    it('serves a page again with 304 for its ETag, and shows a change at once', async () => {
      const a = await create({ title: 'پیش از ویرایش' });
      const url = `/news/${a.code}/${encodeURIComponent(a.slug)}`;
      const first = await get(url);
      const etag = first.headers.etag as string;
      expect(etag).toBeTruthy();
      expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(304);
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/articles/${a.code}`,
        headers: { authorization: `Bearer ${t.token}` },
        payload: { lead: 'لید پس از ویرایش' },
      });
      const after = await get(url);
      expect(after.statusCode).toBe(200);
      expect(after.body).toContain('لید پس از ویرایش');
      expect(after.headers.etag).not.toBe(etag);
    });

    it('compresses pages for clients that accept it', async () => {
      const a = await create({ title: 'فشرده', body: `<p>${'متن بلند خبر '.repeat(200)}</p>` });
      const res = await get(`/news/${a.code}/${encodeURIComponent(a.slug)}`, { 'accept-encoding': 'gzip, br' });
      expect(res.headers['content-encoding']).toBe('br');
    });

    it('lists a service and a tag with pagination', async () => {
      const fa = (n: number) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
      for (let i = 0; i < 23; i++) await create({ title: `خبر ورزشی شماره ${fa(i)} از فهرست`, service: 'sport', tags: ['فوتبال'] });
      const first = await get('/service/sport');
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain('ورزشی');
      expect(first.body).toContain('خبر ورزشی شماره ۲۲ از فهرست');
      expect(first.body).not.toContain('خبر ورزشی شماره ۰ از فهرست');
      expect(first.body).toMatch(/href="\/service\/sport\?page=2"/);
      const second = await get('/service/sport?page=2');
      expect(second.statusCode).toBe(200);
      expect(second.body).toContain('خبر ورزشی شماره ۰ از فهرست');
      const tag = await get(`/tag/${encodeURIComponent('فوتبال')}`);
      expect(tag.statusCode).toBe(200);
      expect(tag.body).toContain('فوتبال');
    });

    it('stops counting a long list ten pages ahead, and names the total once it is in reach', async () => {
      // 20 a page, counted to ten pages past the current one: 230 stories are «more» from page 1, 12 pages from page 2.
      for (let i = 0; i < 230; i++) await create({ title: `خبر فرهنگی ${i}`, service: 'culture', tags: ['بایگانی-بلند'] });
      for (const list of ['/service/culture', `/tag/${encodeURIComponent('بایگانی-بلند')}`]) {
        const first = await get(list);
        expect(first.body, list).toContain('<span class="pagination-current" aria-current="page">صفحهٔ ۱</span>');
        expect(first.body).toMatch(/rel="next" href="[^"]+\?page=2"/);
        const second = await get(`${list}?page=2`);
        expect(second.body, list).toContain('صفحهٔ ۲ از ۱۲');
        const last = await get(`${list}?page=12`);
        expect(last.statusCode).toBe(200);
        expect(last.body).toContain('خبر فرهنگی 0');
        expect(last.body).not.toContain('rel="next"');
        expect((await get(`${list}?page=13`)).statusCode).toBe(404);
      }
    });

    it('times renders on cache misses only, by page kind, in /metrics', async () => {
      const renders = async () => {
        const text = (await get('/metrics')).body;
        const count = (page: string) => Number(new RegExp(`^dabir_page_render_seconds_count\\{page="${page}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
        return { story: count('story'), front: count('front'), service: count('service') };
      };
      const a = await create({ title: 'زمان ساختن صفحه', service: 'economy' });
      const before = await renders();
      const url = `/news/${a.code}/${encodeURIComponent(a.slug)}`;
      await get(url); // a miss: rendered and timed
      await get(url); // a hit
      await get('/service/economy');
      const after = await renders();
      expect(after.story - before.story).toBe(1);
      expect(after.service - before.service).toBe(1);
      expect((await get('/metrics')).body).toMatch(/^dabir_page_render_seconds\{quantile="0\.5",page="story"\} \d/m);
    });

    it('serves the Vazirmatn font and the stylesheet itself', async () => {
      const font = await get('/static/fonts/Vazirmatn-Regular.woff2');
      expect(font.statusCode).toBe(200);
      expect(font.headers['content-type']).toBe('font/woff2');
      expect(font.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
      const css = await get('/static/site.css');
      expect(css.statusCode).toBe(200);
      expect(css.body).toContain('Vazirmatn');
    });

    it('links only to its own host for scripts, styles, fonts and images', async () => {
      const a = await create({ title: 'بدون میزبان بیرونی', body: '<p>متن</p><img src="https://cdn.elsewhere.example/x.jpg" alt="x">' });
      for (const url of ['/', `/news/${a.code}/${encodeURIComponent(a.slug)}`, '/service/sport', '/no-such']) {
        const body = (await get(url)).body;
        const refs = [...body.matchAll(/<(?:script|link|img|source|iframe)\b[^>]*\b(?:src|href|srcset)="([^"]+)"/g)].map((m) => m[1]!);
        const external = refs.filter((r) => /^(https?:)?\/\//.test(r) && !r.startsWith('http://news.test/'));
        expect(external, url).toEqual([]);
      }
    });
  });

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`the public pages with the page cache turned off (DABIR_PAGE_CACHE_MB=0) on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp({ engine: engine.name, env: { DABIR_PAGE_CACHE_MB: '0' } });
    });
    afterAll(async () => t?.cleanup());

    it('renders every request, still with an ETag, a 304 and compressed bodies', async () => {
      const { code, slug } = await createStory(t, { title: 'بی‌حافظه', body: `<p>${'متن خبر '.repeat(300)}</p>`, status: 'published' });
      const url = `/news/${code}/${encodeURIComponent(slug)}`;
      const first = await t.app.inject({ method: 'GET', url });
      expect(first.statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': first.headers.etag as string } })).statusCode).toBe(304);
      expect((await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding']).toBe('gzip');
      for (const path of ['/', '/rss.xml', '/sitemap.xml']) expect((await t.app.inject({ method: 'GET', url: path })).statusCode, path).toBe(200);
    });
  });
