/**
 * `GET /api/v1/search` and the `/search` page through app.inject(): the contract's shape,
 * best first, snippets, filters, errors, pagination and the suggestion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStory, testApp, type TestApp } from './support/app.js';
import { ENGINES } from './support/storage.js';

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`search through the API and the page on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    const codes: Record<string, number> = {};
    const create = async (key: string, payload: Record<string, unknown>) => {
      codes[key] = (await createStory(t, { status: 'published', body: '', ...payload })).code;
    };
    const search = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/search?${query}` });

    beforeAll(async () => {
      t = await testApp({ engine: engine.name, now: () => new Date('2026-11-28T09:00:00Z') });
      await create('karun', {
        title: 'سطح آب رودخانه كارون پايين آمد',
        lead: 'مسوولان آب خوزستان از کاهش دبی <script>alert(1)</script> کارون خبر دادند.',
        service: 'environment',
      });
      await create('passing', { title: 'بارش باران در اهواز', body: '<p>رودخانه کارون هم پرآب شد.</p>', service: 'society' });
      await create('draft', { title: 'پیش‌نویس کارون', status: 'draft' });
      for (let i = 0; i < 12; i++) await create(`many${i}`, { title: `گزارش شماره ${i} از بازار خرما` });
    });
    afterAll(async () => t?.cleanup());

    it('answers {total, results: [{code, title, url, snippet}]} best first, published stories only', async () => {
      const res = await search(`q=${encodeURIComponent('كارون')}&limit=10`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBe(2);
      expect(body.results.map((r: { code: number }) => r.code)).toEqual([codes.karun, codes.passing]);
      expect(Object.keys(body.results[0]).sort()).toEqual(['code', 'snippet', 'title', 'url']);
      expect(body.results[0].url).toBe(`http://news.test/news/${codes.karun}/${encodeURIComponent('سطح-آب-رودخانه-کارون-پایین-آمد')}`);
      expect(body).not.toHaveProperty('suggestion');
    });

    it('marks the words in the snippet as the story spells them and escapes the rest', async () => {
      const [first] = (await search(`q=${encodeURIComponent('مسئولان کارون')}`)).json().results;
      expect(first.snippet).toContain('<mark>مسوولان</mark>');
      expect(first.snippet).toContain('<mark>کارون</mark>');
      expect(first.snippet).not.toContain('<script>');
    });

    it('takes limit and page, and filters by service and Jalali date', async () => {
      const page1 = (await search(`q=${encodeURIComponent('خرما')}&limit=5`)).json();
      const page3 = (await search(`q=${encodeURIComponent('خرما')}&limit=5&page=3`)).json();
      expect(page1.total).toBe(12);
      expect(page1.results).toHaveLength(5);
      expect(page3.results).toHaveLength(2);
      expect((await search(`q=${encodeURIComponent('کارون')}&service=society`)).json().results.map((r: { code: number }) => r.code)).toEqual([codes.passing]);
      expect((await search(`q=${encodeURIComponent('کارون')}&from=${encodeURIComponent('۱۴۰۵-۰۹-۰۸')}`)).json().total).toBe(0);
      expect((await search(`q=${encodeURIComponent('کارون')}&from=1405-09-07&to=1405-09-07`)).json().total).toBe(2);
    });

    it('refuses a date that does not exist and a limit out of range with 400 and the JSON error', async () => {
      const bad = await search(`q=x&from=1404-12-30`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'validation_failed', fields: { from: expect.any(String) } });
      expect((await search('q=x&limit=0')).statusCode).toBe(400);
      // Above its maximum a page size is clamped, not refused (docs/security.md, item 13).
      expect((await search('q=x&limit=1000')).statusCode).toBe(200);
    });

    it('answers a query that matches nothing with the results of fewer of its words, named as a suggestion', async () => {
      const body = (await search(`q=${encodeURIComponent('کارون زیردریایی')}`)).json();
      expect(body.suggestion).toBe('کارون');
      expect(body.results.length).toBe(2);
      expect((await search(`q=${encodeURIComponent('زیردریایی')}`)).json()).toEqual({ total: 0, results: [] });
      expect((await search('q=')).json()).toEqual({ total: 0, results: [] });
    });

    it('shows the search page in Persian with results, snippets, pages and the reader’s query escaped', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('خرما')}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<html lang="fa" dir="rtl"');
      expect(res.body).toContain('۱۲ نتیجه');
      expect((res.body.match(/class="search-result"/g) ?? []).length).toBe(10);
      expect(res.body).toContain(`/search?q=${encodeURIComponent('خرما')}&amp;page=2`);
      const page2 = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('خرما')}&page=۲` });
      expect((page2.body.match(/class="search-result"/g) ?? []).length).toBe(2);
      const hostile = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}` });
      expect(hostile.statusCode).toBe(200);
      expect(hostile.body).not.toContain('<img src=x');
    });

    it('offers the suggestion on the page, and reads a bad date on the page as no date', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('کارون زیردریایی')}` });
      expect(res.body).toContain('منظورتان «');
      expect(res.body).toContain(`href="/search?q=${encodeURIComponent('کارون')}"`);
      const lenient = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('کارون from:1404-12-30')}` });
      expect(lenient.body).toContain('۲ نتیجه');
      const empty = await t.app.inject({ method: 'GET', url: '/search' });
      expect(empty.statusCode).toBe(200);
      expect(empty.body).not.toContain('search-results');
    });
  });
