/**
 * Security hardening of stories and media (docs/security.md, items 8, 9, 12, 13, 15, 18b, 18c):
 * one rule for the API and the newsroom, on real storage, on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, issueToken, type Scope, type User } from '../src/auth/index.js';
import { NEWS_CODE_MAX } from '../src/articles/index.js';
import { setMediaAlt } from '../src/media/index.js';
import { SESSION_COOKIE, startSession } from '../src/newsroom/index.js';
import { testApp, type TestApp } from './support/app.js';
import { ENGINES } from './support/storage.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const YEAR_MS = 365 * 24 * 3600_000;

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`stories and media hardening on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    let n = 0;

    beforeAll(async () => {
      t = await testApp({ engine: engine.name });
    });
    afterAll(async () => t?.cleanup());

    /** A new user of this role, with a token (all the role allows, or just these scopes). */
    async function person(role: User['role'], scopes?: Scope[]) {
      const user = await createUser(t.storage.db, {
        email: `h${++n}-${role}@example.com`,
        name: `${role} ${n}`,
        role,
        password: 'password-123',
        now: new Date(),
      });
      const token = await issueToken(t.storage.db, user.id, new Date(), scopes ? { scopes } : {});
      const headers = { authorization: `Bearer ${token}` };
      const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
        t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined && { payload }) });
      return { user, token, headers, api, tokenWith: (s: Scope[]) => issueToken(t.storage.db, user.id, new Date(), { scopes: s }) };
    }

    /** A newsroom session for this user (the sign-in form is tested elsewhere). */
    async function desk(user: User) {
      const { cookie, session } = await startSession(t.storage.db, { userId: user.id, now: Date.now() });
      const headers = { cookie: `${SESSION_COOKIE}=${cookie}` };
      return {
        get: (url: string) => t.app.inject({ method: 'GET', url, headers }),
        post: (url: string, fields: Record<string, string>) =>
          t.app.inject({
            method: 'POST',
            url,
            headers: { ...headers, ...FORM },
            payload: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString(),
          }),
      };
    }

    async function mediaRow(uploadedBy: number, alt = ''): Promise<{ id: number; file: string }> {
      const file = Array.from({ length: 20 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
      const row = await t.storage.db
        .insertInto('media')
        .values({
          file,
          format: 'jpeg',
          width: 800,
          height: 600,
          widths: '[480,800]',
          bytes: 1000,
          alt,
          original_name: 'a.jpg',
          uploaded_by: uploadedBy,
          created_at: Date.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, file };
    }

    describe('8: reading unpublished stories', () => {
      it('8: a reporter reads only their own unpublished stories through the API; editors and admins read all', async () => {
        const author = await person('reporter');
        const other = await person('reporter');
        const editor = await person('editor');
        const draft = (await author.api('POST', '/articles', { title: 'پیش‌نویس محرمانه', body: '<p>راز</p>' })).json();
        const review = (await author.api('POST', '/articles', { title: 'در انتظار بررسی', body: '<p>راز</p>', status: 'review' })).json();

        expect((await author.api('GET', `/articles/${draft.code}`)).statusCode).toBe(200);
        const peek = await other.api('GET', `/articles/${draft.code}`);
        expect(peek.statusCode).toBe(404);
        expect(peek.body).not.toContain('راز');
        for (const q of ['?status=draft&limit=100', '?status=review&limit=100', '?limit=100']) {
          const list = await other.api('GET', `/articles${q}`);
          expect(list.statusCode).toBe(200);
          const codes = list.json().items.map((a: { code: number }) => a.code);
          expect(codes).not.toContain(draft.code);
          expect(codes).not.toContain(review.code);
        }
        const own = (await author.api('GET', '/articles?status=draft&limit=100')).json().items.map((a: { code: number }) => a.code);
        expect(own).toContain(draft.code);

        expect((await editor.api('GET', `/articles/${draft.code}`)).statusCode).toBe(200);
        expect(
          (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${review.code}`, headers: { authorization: `Bearer ${t.token}` } })).statusCode,
        ).toBe(200);
        const all = (await editor.api('GET', '/articles?status=draft&limit=100')).json().items.map((a: { code: number }) => a.code);
        expect(all).toContain(draft.code);

        // The newsroom follows the same rule.
        expect((await (await desk(other.user)).get(`/newsroom/stories/${draft.code}`)).statusCode).toBe(403);
        expect((await (await desk(editor.user)).get(`/newsroom/stories/${draft.code}`)).statusCode).toBe(200);
      });
    });

    describe('9: writes never read more than the token may', () => {
      it('9: an empty PATCH answers 400 with a JSON error and changes nothing', async () => {
        const editor = await person('editor');
        const draft = (await editor.api('POST', '/articles', { title: 'برای پچ خالی', body: '<p>متن پنهان</p>' })).json();
        const writeOnly = { authorization: `Bearer ${await editor.tokenWith(['articles:write'])}` };
        const empty = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${draft.code}`, headers: writeOnly, payload: {} });
        expect(empty.statusCode).toBe(400);
        expect(empty.json()).toEqual({ error: { code: 'nothing_to_change', message: expect.any(String) } });
        expect(empty.body).not.toContain('متن پنهان');
        const after = (await editor.api('GET', `/articles/${draft.code}`)).json();
        expect(after.updatedAt).toBe(draft.updatedAt);
      });

      it('9: a token scoped only to articles:write gets the minimal answer for an unpublished story', async () => {
        const editor = await person('editor');
        const writeOnly = { authorization: `Bearer ${await editor.tokenWith(['articles:write'])}` };
        const created = await t.app.inject({
          method: 'POST',
          url: '/api/v1/articles',
          headers: writeOnly,
          payload: { title: 'نوشتن بی‌خواندن', body: '<p>متن پنهان</p>' },
        });
        expect(created.statusCode).toBe(201);
        expect(Object.keys(created.json()).sort()).toEqual(['code', 'shortUrl', 'status', 'url']);
        const reporter = await person('reporter');
        const hidden = (await reporter.api('POST', '/articles', { title: 'خبر دیگری', body: '<p>متن پنهان دیگر</p>', lead: 'لید پنهان' })).json();
        const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${hidden.code}`, headers: writeOnly, payload: { kicker: 'روتیتر' } });
        expect(patched.statusCode).toBe(200);
        expect(patched.json()).toEqual({ code: hidden.code, url: expect.any(String), shortUrl: expect.any(String), status: 'draft' });
        expect(patched.body).not.toContain('پنهان');
        // With the read scope as well, the whole story comes back.
        const full = await editor.api('PATCH', `/articles/${hidden.code}`, { kicker: 'روتیتر ۲' });
        expect(full.json()).toMatchObject({ lead: 'لید پنهان', kicker: 'روتیتر ۲' });
      });
    });

    describe('12: news codes', () => {
      it('12: an explicit code never moves the sequence, and new codes skip the taken ones', async () => {
        const reporter = await person('reporter');
        const first = (await reporter.api('POST', '/articles', { title: 'پیش از حمله', body: '' })).json();
        const top = await reporter.api('POST', '/articles', { title: 'کد آخر', body: '', code: NEWS_CODE_MAX });
        expect(top.statusCode).toBe(201);
        expect(top.json().code).toBe(2_147_483_647);
        const taken = await reporter.api('POST', '/articles', { title: 'کد بعدی گرفته', body: '', code: first.code + 1 });
        expect(taken.statusCode).toBe(201);
        const next = (await reporter.api('POST', '/articles', { title: 'پس از حمله', body: '' })).json();
        expect(next.code).toBe(first.code + 2);
        // The newsroom still edits and the editor publishes new stories.
        const editor = await person('editor');
        const d = await desk(editor.user);
        expect((await d.get(`/newsroom/stories/${next.code}`)).statusCode).toBe(200);
        expect((await d.get(`/newsroom/stories/${NEWS_CODE_MAX}`)).statusCode).toBe(200);
        const published = await d.post(`/newsroom/stories/${next.code}`, { title: 'پس از حمله', body: '<p>متن</p>', action: 'publish' });
        expect(published.statusCode).toBe(303);
        expect((await t.app.inject({ method: 'GET', url: `/news/${next.code}` })).statusCode).toBe(301);
      });

      it('12: codes outside 1 to 2,147,483,647 are a 400 on the API, a 404 on pages', async () => {
        const editor = await person('editor');
        for (const code of [0, -5, 1.5, NEWS_CODE_MAX + 1, 1e20]) {
          const res = await editor.api('POST', '/articles', { title: 'کد بد', body: '', code });
          expect(res.statusCode, String(code)).toBe(400);
          expect(res.json().error.code).toBe('validation_failed');
          expect(JSON.stringify(res.json().error.fields)).toContain('code');
        }
        for (const path of [`/articles/${NEWS_CODE_MAX + 1}`, '/articles/0', '/articles/1e3', '/articles/Infinity']) {
          const res = await editor.api('GET', path);
          expect(res.statusCode, path).toBe(400);
          expect(res.json().error.code).toBe('validation_failed');
          expect((await editor.api('PATCH', path, { title: 'x' })).statusCode, path).toBe(400);
        }
        expect((await t.app.inject({ method: 'GET', url: `/news/${NEWS_CODE_MAX + 1}` })).statusCode).toBe(404);
        expect((await t.app.inject({ method: 'GET', url: `/news/9999999999/slug` })).statusCode).toBe(404);
      });
    });

    describe('13: numeric query parameters', () => {
      it('13: nonsense numbers answer 400, never 500; a number above the maximum is clamped', async () => {
        const moderator = await person('moderator');
        const routes = [
          { url: '/articles?limit=', headers: {} },
          { url: '/moderation/queue?limit=', headers: moderator.headers },
          { url: `/search?q=${encodeURIComponent('خبر')}&limit=`, headers: {} },
          { url: `/search?q=${encodeURIComponent('خبر')}&page=`, headers: {} },
          { url: '/moderation/queue?article=', headers: moderator.headers },
          { url: '/moderation/queue?after=', headers: moderator.headers },
        ];
        for (const route of routes) {
          for (const bad of ['Infinity', '1e309', '-Infinity', 'NaN', '-1', '1.5', 'abc', '1e3', '0x10', '']) {
            const res = await t.app.inject({ method: 'GET', url: `/api/v1${route.url}${encodeURIComponent(bad)}`, headers: route.headers });
            if (bad === '' && !route.url.includes('limit') && !route.url.includes('page')) continue;
            expect(res.statusCode, `${route.url}${bad}`).toBe(400);
            expect(res.json().error.code).toBe('validation_failed');
          }
        }
        for (const url of ['/articles?limit=1000', '/articles?limit=99999999999999999999999']) {
          const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}` });
          expect(res.statusCode, url).toBe(200);
        }
        const queue = await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue?limit=100001', headers: moderator.headers });
        expect(queue.statusCode).toBe(200);
        const queueMax = await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue?limit=100000', headers: moderator.headers });
        expect(queueMax.statusCode).toBe(200);
        expect((await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent('خبر')}&page=99999999` })).statusCode).toBe(200);
      });
    });

    describe('15: publication dates', () => {
      it('15: a reporter cannot set publishedAt (403 JSON error)', async () => {
        const reporter = await person('reporter');
        const created = await reporter.api('POST', '/articles', { title: 'پس‌تاریخ', body: '', publishedAt: '2020-01-01T00:00:00Z' });
        expect(created.statusCode).toBe(403);
        expect(created.json()).toEqual({ error: { code: 'forbidden', message: expect.stringContaining('تاریخ انتشار') } });
        const draft = (await reporter.api('POST', '/articles', { title: 'پیش‌نویس خبرنگار', body: '' })).json();
        const patched = await reporter.api('PATCH', `/articles/${draft.code}`, { publishedAt: '2020-01-01T00:00:00Z' });
        expect(patched.statusCode).toBe(403);
        expect((await reporter.api('GET', `/articles/${draft.code}`)).json().publishedAt).toBeNull();
      });

      it('15: publishing a never-published story whose date is past stamps it now, through the API and the newsroom', async () => {
        const reporter = await person('reporter');
        const editor = await person('editor');
        for (const via of ['api', 'newsroom'] as const) {
          const draft = (await reporter.api('POST', '/articles', { title: `پس‌تاریخ ${via}`, body: '<p>متن</p>', status: 'review' })).json();
          // A date left on a draft (an old row, or one written before this rule).
          await t.storage.db
            .updateTable('articles')
            .set({ published_at: Date.parse('2020-01-01T00:00:00Z') })
            .where('code', '=', draft.code)
            .execute();
          const started = Date.now();
          if (via === 'api') expect((await editor.api('PATCH', `/articles/${draft.code}`, { status: 'published' })).statusCode).toBe(200);
          else
            expect(
              (await (await desk(editor.user)).post(`/newsroom/stories/${draft.code}`, { title: `پس‌تاریخ ${via}`, body: '<p>متن</p>', action: 'publish' }))
                .statusCode,
            ).toBe(303);
          const after = (await editor.api('GET', `/articles/${draft.code}`)).json();
          expect(after.status).toBe('published');
          expect(Date.parse(after.publishedAt), via).toBeGreaterThanOrEqual(started - 1000);
        }
      });

      it('15: a scheduled future date stays, and an editor may still set a date', async () => {
        const editor = await person('editor');
        const future = new Date(Date.now() + YEAR_MS).toISOString();
        const scheduled = (await editor.api('POST', '/articles', { title: 'زمان‌بندی', body: '', status: 'scheduled', publishedAt: future })).json();
        const published = (await editor.api('PATCH', `/articles/${scheduled.code}`, { status: 'published' })).json();
        expect(published).toMatchObject({ status: 'scheduled', publishedAt: future });
        const dated = await editor.api('POST', '/articles', { title: 'تاریخ‌دار', body: '', status: 'published', publishedAt: '2021-03-04T05:06:07.000Z' });
        expect(dated.statusCode).toBe(201);
        expect(dated.json().publishedAt).toBe('2021-03-04T05:06:07.000Z');
      });
    });

    describe('18b: text alternatives before publication', () => {
      it('18b: publishing through the API needs every library image to have its text alternative', async () => {
        const editor = await person('editor');
        const bare = await mediaRow(editor.user.id);
        const body = `<p>متن</p><img src="/media/${bare.file}-800.jpg">`;
        const created = await editor.api('POST', '/articles', { title: 'بی‌متن جایگزین', body, status: 'published' });
        expect(created.statusCode).toBe(400);
        expect(created.json().error).toMatchObject({ code: 'validation_failed', fields: { body: expect.any(String) } });
        const draft = await editor.api('POST', '/articles', { title: 'بی‌متن جایگزین', body });
        expect(draft.statusCode).toBe(201);
        const publish = await editor.api('PATCH', `/articles/${draft.json().code}`, { status: 'published' });
        expect(publish.statusCode).toBe(400);
        const future = new Date(Date.now() + YEAR_MS).toISOString();
        expect((await editor.api('PATCH', `/articles/${draft.json().code}`, { status: 'scheduled', publishedAt: future })).statusCode).toBe(400);
        // The alt typed in the body, or the library's, lets it through.
        const typed = await editor.api('POST', '/articles', {
          title: 'با متن جایگزین',
          body: `<img src="/media/${bare.file}-800.jpg" alt="تصویر">`,
          status: 'published',
        });
        expect(typed.statusCode).toBe(201);
        const described = await mediaRow(editor.user.id, 'متن کتابخانه');
        const fromLibrary = await editor.api('POST', '/articles', {
          title: 'با متن کتابخانه',
          body: `<img src="/media/${described.file}-800.jpg">`,
          status: 'published',
        });
        expect(fromLibrary.statusCode).toBe(201);
        expect(fromLibrary.json().body).toContain('alt="متن کتابخانه"');
      });
    });

    describe('18c: media metadata', () => {
      it('18c: a reporter edits the text alternative of their own uploads only; editors and admins of any', async () => {
        const owner = await person('reporter');
        const other = await person('reporter');
        const editor = await person('editor');
        const item = await mediaRow(owner.user.id, 'اصلی');
        const alt = async () => (await t.storage.db.selectFrom('media').select('alt').where('id', '=', item.id).executeTakeFirstOrThrow()).alt;

        const refused = await (await desk(other.user)).post(`/newsroom/media/${item.id}/alt`, { alt: 'دست‌کاری' });
        expect(refused.statusCode).toBe(403);
        expect(await alt()).toBe('اصلی');
        await expect(setMediaAlt(t.storage.db, item.id, 'دست‌کاری', other.user)).rejects.toMatchObject({ code: 'forbidden' });
        expect(await alt()).toBe('اصلی');

        expect((await (await desk(owner.user)).post(`/newsroom/media/${item.id}/alt`, { alt: 'از صاحبش' })).statusCode).toBe(303);
        expect(await alt()).toBe('از صاحبش');
        expect((await (await desk(editor.user)).post(`/newsroom/media/${item.id}/alt`, { alt: 'از دبیر' })).statusCode).toBe(303);
        expect(await alt()).toBe('از دبیر');
        await setMediaAlt(t.storage.db, item.id, 'از مدیر', t.admin);
        expect(await alt()).toBe('از مدیر');
      });
    });
  });
