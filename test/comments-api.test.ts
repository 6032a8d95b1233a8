import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from 'altcha-lib';
import { createStory, testApp, type TestApp } from './support/app.js';
import { ENGINES } from './support/storage.js';

const RELAXED = { perClient: [{ count: 1000, windowMs: 60_000 }], perEmail: [{ count: 1000, windowMs: 60_000 }] };

const story = (t: TestApp, title = 'خبری برای نظر') => createStory(t, { title, body: '<p>متن</p>', status: 'published' });

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`comments on ${engine.name}${engine.note}`, () => {
    describe('comments through the API and the page, pre-moderation, challenge off', () => {
      let t: TestApp;
      let mod: string;
      let a: { code: number; slug: string };
      const page = () => t.app.inject({ method: 'GET', url: `/news/${a.code}/${encodeURIComponent(a.slug)}` });
      const send = (payload: Record<string, unknown>, ip = '10.1.1.1') =>
        t.app.inject({ method: 'POST', url: `/api/v1/articles/${a.code}/comments`, payload, headers: { 'x-forwarded-for': ip } });

      beforeAll(async () => {
        t = await testApp({ engine: engine.name, commentLimits: RELAXED });
        mod = await t.tokenFor('moderator');
        a = await story(t);
      });
      afterAll(async () => t?.cleanup());

      it('answers 202 pending, shows nothing before approval, and the comment after it', async () => {
        const res = await send({ name: 'لیلا', email: 'leila@example.com', body: 'این خبر را با دقت خواندم.' });
        expect(res.statusCode).toBe(202);
        const { id, status } = res.json();
        expect(status).toBe('pending');
        expect((await page()).body).not.toContain('این خبر را با دقت خواندم');
        expect((await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.code}/comments` })).json().items).toEqual([]);

        const decided = await t.app.inject({
          method: 'POST',
          url: `/api/v1/comments/${id}/decision`,
          headers: { authorization: `Bearer ${mod}` },
          payload: { action: 'approve' },
        });
        expect(decided.statusCode).toBe(200);
        const started = Date.now();
        const after = await page();
        expect(Date.now() - started).toBeLessThan(1000);
        expect(after.body).toContain('این خبر را با دقت خواندم');
        expect(after.body).toContain('لیلا');
        const listed = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.code}/comments` })).json();
        expect(listed.total).toBe(1);
        expect(listed.items[0]).toEqual({ id, parentId: null, name: 'لیلا', body: 'این خبر را با دقت خواندم.', createdAt: expect.any(String) });
      });

      it('never puts an email address in a public answer', async () => {
        const res = await send({ name: 'پنهان', email: 'hidden.reader@example.com', body: 'ایمیل من نباید دیده شود.' });
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/comments/${res.json().id}/decision`,
          headers: { authorization: `Bearer ${mod}` },
          payload: { action: 'approve' },
        });
        for (const url of [`/news/${a.code}/${encodeURIComponent(a.slug)}`, `/api/v1/articles/${a.code}/comments`, `/api/v1/articles/${a.code}`, '/']) {
          expect((await t.app.inject({ method: 'GET', url })).body, url).not.toContain('hidden.reader');
        }
      });

      it('shows a name or body with markup as text', async () => {
        const res = await send({ name: '<script>alert(1)</script>', email: 'x@example.com', body: 'سلام <img src=x onerror=alert(1)> دوستان' });
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/comments/${res.json().id}/decision`,
          headers: { authorization: `Bearer ${mod}` },
          payload: { action: 'approve' },
        });
        const html = (await page()).body;
        expect(html).not.toContain('<script>alert(1)');
        expect(html).not.toContain('<img src=x');
        expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      });

      it('gives moderators the queue with the engine verdict, labels and reasons, and decides in bulk', async () => {
        const bad = await send({ name: 'خشمگین', email: 'angry@example.com', body: 'خفه شو احمق بی‌شعور' });
        const queue = await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue?limit=100000', headers: { authorization: `Bearer ${mod}` } });
        expect(queue.statusCode).toBe(200);
        const item = queue.json().items.find((c: { id: number }) => c.id === bad.json().id);
        expect(item).toMatchObject({ text: 'خفه شو احمق بی‌شعور', verdict: 'review', labels: expect.arrayContaining(['insult']) });
        expect(item.reasons[0]).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        const bulk = await t.app.inject({
          method: 'POST',
          url: '/api/v1/comments/decisions',
          headers: { authorization: `Bearer ${mod}` },
          payload: { ids: [bad.json().id], action: 'reject' },
        });
        expect(bulk.json().results).toEqual([{ id: bad.json().id, status: 'rejected' }]);
        expect((await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue' })).statusCode).toBe(401);
        expect(
          (await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue', headers: { authorization: `Bearer ${await t.tokenFor('reporter')}` } }))
            .statusCode,
        ).toBe(403);
      });

      it('applies a word an administrator adds, without a restart', async () => {
        const word = 'زرشکپلوخور';
        const before = await send({ name: 'آزمون', email: 'word1@example.com', body: `تو یک ${word} هستی` });
        const q = async (id: number) =>
          (await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue?limit=1000', headers: { authorization: `Bearer ${mod}` } }))
            .json()
            .items.find((c: { id: number }) => c.id === id);
        expect((await q(before.json().id)).labels).not.toContain('insult');
        const added = await t.app.inject({
          method: 'POST',
          url: '/api/v1/moderation/terms',
          headers: { authorization: `Bearer ${mod}` },
          payload: { kind: 'term', term: word, label: 'insult' },
        });
        expect(added.statusCode).toBe(201);
        await new Promise((r) => setTimeout(r, 50));
        const after = await send({ name: 'آزمون', email: 'word2@example.com', body: `شما یک ${word} هستید` });
        expect((await q(after.json().id)).labels).toContain('insult');
      });

      it('answers bad input with the JSON error and stores nothing', async () => {
        const count = async () =>
          Number(
            (
              await t.storage.db
                .selectFrom('comments')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        const before = await count();
        const bad = await send({ name: '', email: 'nope', body: '' });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error).toMatchObject({
          code: 'validation_failed',
          fields: { name: expect.any(String), email: expect.any(String), body: expect.any(String) },
        });
        expect(
          (await t.app.inject({ method: 'POST', url: '/api/v1/articles/999999999/comments', payload: { name: 'ن', email: 'n@example.com', body: 'سلام' } }))
            .statusCode,
        ).toBe(404);
        expect(await count()).toBe(before);
      });

      it('takes a comment from the form without JavaScript and tells the reader it awaits review', async () => {
        const form = new URLSearchParams({ name: 'فرم', email: 'form@example.com', body: 'نظر از راه فرم ساده', website: '' });
        const res = await t.app.inject({
          method: 'POST',
          url: `/news/${a.code}/comments`,
          payload: form.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toMatch(/\?sent=pending#comment-form$/);
        const shown = await t.app.inject({ method: 'GET', url: res.headers.location as string });
        expect(shown.body).toContain('پس از بررسی منتشر می‌شود');
      });

      it('drops a form filled in by a robot (the hidden field) and stores nothing', async () => {
        const before = (await t.storage.db.selectFrom('comments').select('id').execute()).length;
        const form = new URLSearchParams({ name: 'ربات', email: 'bot@example.com', body: 'خرید ارزان', website: 'http://spam.example' });
        const res = await t.app.inject({
          method: 'POST',
          url: `/news/${a.code}/comments`,
          payload: form.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect(res.statusCode).toBe(303);
        expect((await t.storage.db.selectFrom('comments').select('id').execute()).length).toBe(before);
      });

      it('shows a Persian error and keeps what the reader typed when the form is wrong', async () => {
        const form = new URLSearchParams({ name: 'ناقص', email: 'بی‌ایمیل', body: 'متنی که نباید گم شود' });
        const res = await t.app.inject({
          method: 'POST',
          url: `/news/${a.code}/comments`,
          payload: form.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('نشانی ایمیل درست نیست');
        expect(res.body).toContain('متنی که نباید گم شود');
        expect(res.body).toContain('role="alert"');
      });
    });

    describe('the comment challenge', () => {
      let t: TestApp;
      let a: { code: number };
      beforeAll(async () => {
        t = await testApp({ engine: engine.name, env: { DABIR_CAPTCHA: 'on', DABIR_MODERATION: 'post' }, commentLimits: RELAXED });
        a = await story(t, 'خبر با آزمون ضدربات');
      });
      afterAll(async () => t?.cleanup());

      const challenge = async () =>
        (await t.app.inject({ method: 'GET', url: '/api/v1/comments/challenge' })).json() as {
          algorithm: string;
          challenge: string;
          salt: string;
          signature: string;
          maxnumber: number;
        };
      const solve = async () => {
        const c = await challenge();
        const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
        return Buffer.from(
          JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: solution!.number, salt: c.salt, signature: c.signature }),
        ).toString('base64');
      };

      it('publishes at once in post-moderation when the challenge is solved', async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/v1/articles/${a.code}/comments`,
          payload: { name: 'حل‌کننده', email: 's1@example.com', body: 'نظری با آزمون حل‌شده', captcha: await solve() },
        });
        expect(res.json().status).toBe('published');
      });

      it('refuses a wrong or reused solution with 400', async () => {
        const payload = await solve();
        const first = await t.app.inject({
          method: 'POST',
          url: `/api/v1/articles/${a.code}/comments`,
          payload: { name: 'یک', email: 's2@example.com', body: 'نخستین استفاده', captcha: payload },
        });
        expect(first.statusCode).toBe(202);
        const again = await t.app.inject({
          method: 'POST',
          url: `/api/v1/articles/${a.code}/comments`,
          payload: { name: 'دو', email: 's3@example.com', body: 'استفاده دوباره', captcha: payload },
        });
        expect(again.statusCode).toBe(400);
        expect(again.json().error.code).toBe('captcha_failed');
        const forged = await t.app.inject({
          method: 'POST',
          url: `/api/v1/articles/${a.code}/comments`,
          payload: { name: 'سه', email: 's4@example.com', body: 'ساختگی', captcha: Buffer.from('{"number":1}').toString('base64') },
        });
        expect(forged.statusCode).toBe(400);
      });

      it('holds a comment sent without solving the challenge (no JavaScript) for a moderator', async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/v1/articles/${a.code}/comments`,
          payload: { name: 'بی‌اسکریپت', email: 's5@example.com', body: 'مرورگرم اسکریپت ندارد' },
        });
        expect(res.statusCode).toBe(202);
        expect(res.json().status).toBe('pending');
      });
    });
  });
