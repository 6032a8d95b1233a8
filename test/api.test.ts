import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_SHARED, SHARED_SKIP_NOTE, seedArticle } from './support/fixtures.js';
import { createStory, testApp, type TestApp } from './support/app.js';
import { ENGINES } from './support/storage.js';

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`the JSON API on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    const auth = () => ({ authorization: `Bearer ${t.token}` });
    beforeAll(async () => {
      t = await testApp({ engine: engine.name });
    });
    afterAll(async () => t?.cleanup());

    it('exchanges email and password for a token that can write', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'admin@example.com', password: 'admin-password-1' } });
      expect(res.statusCode).toBe(200);
      const { token } = res.json();
      expect(token).toMatch(/^dbr_/);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/articles',
        headers: { authorization: `Bearer ${token}` },
        payload: { title: 'با توکن تازه', body: '<p>متن</p>' },
      });
      expect(created.statusCode).toBe(201);
    });

    it('refuses a wrong password with 401 and the JSON error, and locks out after repeated failures', async () => {
      // A clock that stands still: the backoff must not lapse between tries on a slow machine.
      const frozen = new Date('2026-11-28T11:00:00Z');
      const still = await testApp({ engine: engine.name, now: () => frozen });
      try {
        const wrong = () => still.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'nobody@example.com', password: 'nope' } });
        const first = await wrong();
        expect(first.statusCode).toBe(401);
        expect(first.json()).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
        let last = first;
        for (let i = 0; i < 6; i++) last = await wrong();
        expect(last.statusCode).toBe(429);
        expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
        // The right password is refused too while the lock lasts.
        const right = await still.app.inject({
          method: 'POST',
          url: '/api/v1/auth/token',
          payload: { email: 'admin@example.com', password: 'admin-password-1' },
        });
        expect(right.statusCode).toBe(429);
      } finally {
        await still.cleanup();
      }
    });

    it('answers 401 without a token and with a bad one', async () => {
      const none = await t.app.inject({ method: 'POST', url: '/api/v1/articles', payload: { title: 'x', body: '' } });
      expect(none.statusCode).toBe(401);
      expect(none.json().error.code).toBe('unauthorized');
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/articles',
        headers: { authorization: 'Bearer dbr_nope' },
        payload: { title: 'x', body: '' },
      });
      expect(bad.statusCode).toBe(401);
    });

    it('answers malformed JSON with 400 and the JSON error, changing nothing', async () => {
      const before = await t.app.inject({ method: 'GET', url: '/api/v1/articles?limit=100', headers: auth() });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/articles',
        headers: { ...auth(), 'content-type': 'application/json' },
        payload: '{"title": "نیمه',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'malformed_json', message: expect.any(String) } });
      expect(res.body).not.toMatch(/at .*\.(js|ts):\d+/);
      const after = await t.app.inject({ method: 'GET', url: '/api/v1/articles?limit=100', headers: auth() });
      expect(after.json().items.length).toBe(before.json().items.length);
    });

    it('names the field when a create is invalid', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: auth(), payload: { body: '<p>بی‌تیتر</p>' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(JSON.stringify(res.json().error.fields)).toContain('title');
    });

    it('creates, reads, updates and lists stories; drafts stay private', async () => {
      const article = await createStory(t, {
        title: 'خبر آزمایشی API',
        kicker: 'روتیتر',
        lead: 'لید',
        body: '<p>متن</p>',
        source: 'دبیر',
        service: 'economy',
        tags: ['بورس'],
        status: 'published',
      });
      expect(article).toMatchObject({ title: 'خبر آزمایشی API', status: 'published', service: { slug: 'economy', name: 'اقتصادی' }, tags: [{ name: 'بورس' }] });
      expect(article.url).toBe(`http://news.test/news/${article.code}/${encodeURIComponent('خبر-آزمایشی-api')}`);
      expect(article).not.toHaveProperty('id');

      const read = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.code}` });
      expect(read.statusCode).toBe(200);
      expect(read.json().code).toBe(article.code);

      const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${article.code}`, headers: auth(), payload: { lead: 'لید تازه' } });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ lead: 'لید تازه', title: 'خبر آزمایشی API' });

      const draft = (await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: auth(), payload: { title: 'پیش‌نویس پنهان', body: '' } })).json();
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/articles/${draft.code}` })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/articles/${draft.code}`, headers: auth() })).statusCode).toBe(200);

      const publicList = (await t.app.inject({ method: 'GET', url: '/api/v1/articles?limit=100' })).json();
      expect(publicList.items.every((a: { status: string }) => a.status === 'published')).toBe(true);
      expect(publicList.items.map((a: { code: number }) => a.code)).toContain(article.code);
      expect(publicList.items.map((a: { code: number }) => a.code)).not.toContain(draft.code);
      const byService = (await t.app.inject({ method: 'GET', url: '/api/v1/articles?service=economy' })).json();
      expect(byService.items.map((a: { code: number }) => a.code)).toEqual([article.code]);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/articles?status=draft' })).statusCode).toBe(401);
    });

    it('pages through the list with a cursor', async () => {
      for (let i = 0; i < 5; i++) {
        await createStory(t, { title: `صفحه‌بندی ${i}`, body: '', status: 'published' });
      }
      const first = (await t.app.inject({ method: 'GET', url: '/api/v1/articles?limit=2' })).json();
      expect(first.items).toHaveLength(2);
      expect(first.next).toEqual(expect.any(String));
      const second = (await t.app.inject({ method: 'GET', url: `/api/v1/articles?limit=2&cursor=${first.next}` })).json();
      expect(second.items[0].code).toBeLessThan(first.items[1].code);
      const bad = await t.app.inject({ method: 'GET', url: '/api/v1/articles?cursor=%%%' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('bad_request');
    });

    it('answers 409 for a taken code', async () => {
      const one = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: auth(), payload: { title: 'کد ثابت', body: '', code: 555001 } });
      expect(one.statusCode).toBe(201);
      const two = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: auth(), payload: { title: 'کد تکراری', body: '', code: 555001 } });
      expect(two.statusCode).toBe(409);
      expect(two.json().error.code).toBe('code_taken');
    });

    it('forbids a reporter to publish (403) but lets them write a draft', async () => {
      const reporter = await t.tokenFor('reporter');
      const publish = await t.app.inject({
        method: 'POST',
        url: '/api/v1/articles',
        headers: { authorization: `Bearer ${reporter}` },
        payload: { title: 'خبرنگار', body: '', status: 'published' },
      });
      expect(publish.statusCode).toBe(403);
      const draft = await t.app.inject({
        method: 'POST',
        url: '/api/v1/articles',
        headers: { authorization: `Bearer ${reporter}` },
        payload: { title: 'خبرنگار', body: '' },
      });
      expect(draft.statusCode).toBe(201);
      expect(draft.json().status).toBe('draft');
    });

    it('answers an unknown API path with the JSON 404', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    });

    it('publishes an OpenAPI document generated from the request schemas', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/docs/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/articles', '/api/v1/articles/{code}', '/api/v1/auth/token']));
      expect(doc.paths['/api/v1/articles'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['title', 'body']));
    });

    it('answers /healthz and /metrics', async () => {
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ status: 'ok' });
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toContain('dabir_http_request_duration_seconds_bucket');
      expect(metrics.body).toMatch(/route="\/api\/v1\/articles"/);
    });

    describe.skipIf(!HAVE_SHARED)(`the seed story${HAVE_SHARED ? '' : ` (${SHARED_SKIP_NOTE})`}`, () => {
      it('is created with code 387228 and shown on its page and the front page', async () => {
        const seed = seedArticle();
        const created = await createStory(t, {
          title: seed.title,
          code: seed.code,
          lead: seed.lead,
          body: seed.body,
          source: seed.source,
          service: 'ict',
          tags: ['تلگرام'],
          status: 'published',
        });
        expect(created.code).toBe(387228);

        const short = await t.app.inject({ method: 'GET', url: '/news/387228' });
        expect(short.statusCode).toBe(301);
        const page = await t.app.inject({ method: 'GET', url: short.headers.location as string });
        expect(page.statusCode).toBe(200);
        const html = page.body;
        expect(html).toContain(seed.title);
        expect(html).toContain(seed.lead);
        expect(html).toContain('۳۸۷۲۲۸');
        expect(html).toMatch(new RegExp(`<h[23][^>]*>${seed.subheading}</h[23]>`));
        expect(html).toMatch(/[۰-۹]+ (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) ۱۴[۰-۹]{2}/);
        expect(html).toContain('نشانی ایمیل شما منتشر نخواهد شد');
        expect(html).toContain('تهمت و افترا منتشر نخواهد شد');

        const front = await t.app.inject({ method: 'GET', url: '/' });
        expect(front.body).toContain(seed.title);
      });
    });
  });
