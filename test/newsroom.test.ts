/**
 * The newsroom over HTTP (app.inject): sign-in and its cookie, sessions, CSRF, lockout,
 * roles, users, the story workflow with revisions and alt text, uploads, the desk, and
 * the per-day views behind the dashboard.
 */
import Fastify from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, findArticleByCode, writeViews } from '../src/articles/index.js';
import { createUser, issueToken, userForToken } from '../src/auth/index.js';
import { requireDeclaredAccess } from '../src/web/access.js';
import { testApp, type TestApp } from './support/app.js';
import { ENGINES } from './support/storage.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PASSWORD = 'password-123';

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`the newsroom over HTTP on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    let ip = 0;

    beforeAll(async () => {
      // The sign-ins below come from 10.0.0.x, named here as the proxy's network (the default trusts loopback only).
      t = await testApp({ engine: engine.name, env: { DABIR_TRUST_PROXY: 'loopback,10.0.0.0/8' } });
      for (const role of ['reporter', 'editor', 'moderator'] as const) {
        await createUser(t.storage.db, { email: `${role}@example.com`, name: role, role, password: PASSWORD, now: new Date() });
      }
    });
    afterAll(async () => t?.cleanup());

    const setCookies = (res: { headers: Record<string, unknown> }): string[] => [res.headers['set-cookie'] ?? []].flat().map(String);
    const cookieOf = (res: { headers: Record<string, unknown> }, name: string) => setCookies(res).find((c) => c.startsWith(`${name}=`));

    /** Signs in through the form; each call comes from its own address (the lockout counts per client). */
    async function signIn(email: string, password = PASSWORD, headers: Record<string, string> = {}) {
      const address = `10.0.0.${++ip}`;
      const { cookie: _sent, ...fresh } = headers;
      const page = await t.app.inject({ method: 'GET', url: '/newsroom/login', headers: fresh, remoteAddress: address });
      const formToken = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const loginCookie = cookieOf(page, 'dabir_login')!.split(';')[0]!;
      const res = await t.app.inject({
        method: 'POST',
        url: '/newsroom/login',
        remoteAddress: address,
        headers: { ...FORM, ...headers, cookie: [loginCookie, headers.cookie].filter(Boolean).join('; ') },
        payload: new URLSearchParams({ _csrf: formToken, email, password, next: '/newsroom' }).toString(),
      });
      const session = cookieOf(res, 'dabir_session');
      return { res, session, cookie: session?.split(';')[0] ?? '' };
    }

    async function staff(email: string) {
      const { cookie } = await signIn(email, email === 'admin@example.com' ? 'admin-password-1' : PASSWORD);
      const page = await t.app.inject({ method: 'GET', url: '/newsroom/account', headers: { cookie } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const post = (url: string, fields: Record<string, string | string[]>, extra: Record<string, string> = {}) => {
        const body = new URLSearchParams();
        for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) body.append(k, item);
        return t.app.inject({ method: 'POST', url, headers: { ...FORM, cookie, ...extra }, payload: body.toString() });
      };
      const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
      return { cookie, csrf, post, get };
    }

    describe('signing in', () => {
      it('sets an HttpOnly, SameSite session cookie limited to /newsroom, without Secure over plain HTTP', async () => {
        const { res, session } = await signIn('editor@example.com');
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe('/newsroom');
        expect(session).toMatch(/^dabir_session=[A-Za-z0-9_-]{40,}; Path=\/newsroom; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
      });

      it('marks the cookie Secure when the request came over TLS through a trusted proxy', async () => {
        const { session } = await signIn('editor@example.com', PASSWORD, { 'x-forwarded-proto': 'https' });
        expect(session).toContain('; Secure');
        expect(session).toContain('; HttpOnly');
        expect(session).toContain('; SameSite=Lax');
      });

      it('gives a new session id at every sign-in and ends the old one', async () => {
        const first = await signIn('editor@example.com');
        const second = await signIn('editor@example.com', PASSWORD, { cookie: first.cookie });
        expect(second.cookie).not.toBe(first.cookie);
        expect((await t.app.inject({ method: 'GET', url: '/newsroom', headers: { cookie: first.cookie } })).statusCode).toBe(303);
        expect((await t.app.inject({ method: 'GET', url: '/newsroom', headers: { cookie: second.cookie } })).statusCode).toBe(200);
      });

      it('sends a visitor without a session to the sign-in page, and answers 401 to a script', async () => {
        const page = await t.app.inject({ method: 'GET', url: '/newsroom/stories?status=draft' });
        expect(page.statusCode).toBe(303);
        expect(page.headers.location).toBe('/newsroom/login?next=%2Fnewsroom%2Fstories%3Fstatus%3Ddraft');
        const json = await t.app.inject({
          method: 'POST',
          url: '/newsroom/stories/autosave',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          payload: '{}',
        });
        expect(json.statusCode).toBe(401);
      });

      it('refuses a wrong password in Persian, and a sign-in form without its token', async () => {
        const wrong = await signIn('editor@example.com', 'not-the-password');
        expect(wrong.res.statusCode).toBe(401);
        expect(wrong.res.body).toContain('ایمیل یا گذرواژه نادرست است.');
        expect(wrong.session).toBeUndefined();
        const forged = await t.app.inject({
          method: 'POST',
          url: '/newsroom/login',
          headers: FORM,
          payload: 'email=editor%40example.com&password=password-123',
        });
        expect(forged.statusCode).toBe(403);
        expect(forged.body).toContain('lang="fa"');
      });

      it('locks an account out with backoff after repeated failures, even for the right password', async () => {
        await createUser(t.storage.db, { email: 'target@example.com', role: 'reporter', password: PASSWORD, now: new Date() });
        for (let i = 0; i < 6; i++) expect((await signIn('target@example.com', `guess-${i}`)).res.statusCode).toBe(401);
        const locked = await signIn('target@example.com', PASSWORD);
        expect(locked.res.statusCode).toBe(429);
        expect(Number(locked.res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(locked.res.body).toContain('دوباره تلاش کنید');
        expect(locked.session).toBeUndefined();
      });

      it('never redirects after sign-in to another site', async () => {
        const page = await t.app.inject({ method: 'GET', url: '/newsroom/login?next=//evil.example/x' });
        expect(page.body).toContain('name="next" value="/newsroom"');
      });
    });

    describe('sessions and CSRF', () => {
      it('refuses a form post without the CSRF token, or with another session’s, with a Persian 403 page', async () => {
        const editor = await staff('editor@example.com');
        const other = await staff('reporter@example.com');
        const none = await editor.post('/newsroom/stories', { title: 'بی‌نشانه', action: 'save' });
        expect(none.statusCode).toBe(403);
        expect(none.headers['content-type']).toContain('text/html');
        expect(none.body).toContain('CSRF');
        expect(none.body).toContain('dir="rtl"');
        const foreign = await editor.post('/newsroom/stories', { _csrf: other.csrf, title: 'نشانهٔ دیگری', action: 'save' });
        expect(foreign.statusCode).toBe(403);
        expect((await editor.post('/newsroom/logout', {})).statusCode).toBe(403);
        const json = await t.app.inject({
          method: 'POST',
          url: '/newsroom/stories/autosave',
          headers: { cookie: editor.cookie, 'content-type': 'application/json', accept: 'application/json' },
          payload: JSON.stringify({ title: 'x' }),
        });
        expect(json.statusCode).toBe(403);
        expect(await t.storage.db.selectFrom('articles').select('id').where('title', 'in', ['بی‌نشانه', 'نشانهٔ دیگری', 'x']).execute()).toEqual([]);
      });

      it('ends the session at logout, and every session at logout everywhere', async () => {
        const a = await staff('moderator@example.com');
        const b = await staff('moderator@example.com');
        const out = await a.post('/newsroom/logout', { _csrf: a.csrf });
        expect(out.statusCode).toBe(303);
        expect(cookieOf(out, 'dabir_session')).toContain('Max-Age=0');
        expect((await a.get('/newsroom')).statusCode).toBe(303);
        expect((await b.get('/newsroom')).statusCode).toBe(200);
        const c = await staff('moderator@example.com');
        await c.post('/newsroom/logout-everywhere', { _csrf: c.csrf });
        expect((await b.get('/newsroom')).statusCode).toBe(303);
        expect((await c.get('/newsroom')).statusCode).toBe(303);
      });

      it('changes a password after checking the current one, and ends the other sessions', async () => {
        await createUser(t.storage.db, { email: 'changer@example.com', role: 'reporter', password: PASSWORD, now: new Date() });
        const here = await staff('changer@example.com');
        const elsewhere = await staff('changer@example.com');
        const wrong = await here.post('/newsroom/account/password', { _csrf: here.csrf, current: 'nope', next: 'a-new-password-1' });
        expect(wrong.statusCode).toBe(400);
        expect(wrong.body).toContain('گذرواژهٔ کنونی درست نیست.');
        const ok = await here.post('/newsroom/account/password', { _csrf: here.csrf, current: PASSWORD, next: 'a-new-password-1' });
        expect(ok.statusCode).toBe(303);
        expect((await here.get('/newsroom')).statusCode).toBe(200);
        expect((await elsewhere.get('/newsroom')).statusCode).toBe(303);
        expect((await signIn('changer@example.com', 'a-new-password-1')).res.statusCode).toBe(303);
      });
    });

    describe('roles', () => {
      it('gives each role only its own pages', async () => {
        const reporter = await staff('reporter@example.com');
        const moderator = await staff('moderator@example.com');
        expect((await reporter.get('/newsroom/moderation')).statusCode).toBe(403);
        expect((await reporter.get('/newsroom/users')).statusCode).toBe(403);
        expect((await moderator.get('/newsroom/stories')).statusCode).toBe(403);
        expect((await moderator.get('/newsroom/stories/new')).statusCode).toBe(403);
        expect((await moderator.get('/newsroom/moderation')).statusCode).toBe(200);
        const nav = (await reporter.get('/newsroom')).body;
        expect(nav).toContain('href="/newsroom/stories/new"');
        expect(nav).not.toContain('href="/newsroom/moderation"');
        expect(nav).not.toContain('href="/newsroom/users"');
      });

      it('lets an administrator add a user, change a role and disable an account everywhere', async () => {
        const admin = await staff('admin@example.com');
        const added = await admin.post('/newsroom/users', {
          _csrf: admin.csrf,
          email: 'New@Example.com',
          name: 'تازه‌وارد',
          role: 'reporter',
          password: 'first-password-1',
        });
        expect(added.statusCode).toBe(303);
        const user = await t.storage.db.selectFrom('users').select(['id', 'role']).where('email', '=', 'new@example.com').executeTakeFirstOrThrow();
        expect(user.role).toBe('reporter');
        expect((await admin.post(`/newsroom/users/${user.id}/role`, { _csrf: admin.csrf, role: 'editor' })).statusCode).toBe(303);
        const token = await issueToken(t.storage.db, user.id, new Date());
        const theirs = await signIn('new@example.com', 'first-password-1');
        expect(theirs.res.statusCode).toBe(303);
        expect((await admin.post(`/newsroom/users/${user.id}/disable`, { _csrf: admin.csrf })).statusCode).toBe(303);
        expect((await t.app.inject({ method: 'GET', url: '/newsroom', headers: { cookie: theirs.cookie } })).statusCode).toBe(303);
        expect((await signIn('new@example.com', 'first-password-1')).res.statusCode).toBe(401);
        expect(await userForToken(t.storage.db, token)).toBeUndefined();
        expect((await admin.post(`/newsroom/users/${user.id}/enable`, { _csrf: admin.csrf, password: 'second-password-2' })).statusCode).toBe(303);
        expect((await signIn('new@example.com', 'second-password-2')).res.statusCode).toBe(303);
        // The last administrator stays one.
        const self = await admin.post(`/newsroom/users/${t.admin.id}/role`, { _csrf: admin.csrf, role: 'reporter' });
        expect(self.statusCode).toBe(409);
        expect(self.body).toContain('دست‌کم یک مدیر فعال');
      });
    });

    describe('stories', () => {
      it('lets a reporter write and submit, refuses a reporter’s publish with 403, and lets an editor publish', async () => {
        const reporter = await staff('reporter@example.com');
        const created = await reporter.post('/newsroom/stories', {
          _csrf: reporter.csrf,
          title: 'خبر خبرنگار',
          lead: 'لید',
          body: '<p>متن</p><h2>میان‌تیتر</h2><p>ادامه</p>',
          tags: 'الف، ب',
          action: 'save',
        });
        expect(created.statusCode).toBe(303);
        const code = Number(/\/newsroom\/stories\/(\d+)/.exec(String(created.headers.location))![1]);
        const editorPage = await reporter.get(`/newsroom/stories/${code}`);
        expect(editorPage.body).toContain('value="submit"');
        expect(editorPage.body).not.toContain('value="publish"');
        expect(editorPage.body).not.toContain('value="schedule"');
        const forged = await reporter.post(`/newsroom/stories/${code}`, { _csrf: reporter.csrf, title: 'خبر خبرنگار', action: 'publish' });
        expect(forged.statusCode).toBe(403);
        expect(forged.body).toContain('اجازهٔ انتشار');
        expect((await findArticleByCode(t.storage.db, code))?.status).toBe('draft');
        expect(
          (
            await reporter.post(`/newsroom/stories/${code}`, {
              _csrf: reporter.csrf,
              title: 'خبر خبرنگار',
              body: '<p>متن</p><h2>میان‌تیتر</h2><p>ادامه</p>',
              action: 'submit',
            })
          ).statusCode,
        ).toBe(303);
        expect((await findArticleByCode(t.storage.db, code))?.status).toBe('review');

        const editor = await staff('editor@example.com');
        expect((await editor.get(`/newsroom/stories/${code}`)).body).toContain('value="publish"');
        const published = await editor.post(`/newsroom/stories/${code}`, {
          _csrf: editor.csrf,
          title: 'خبر خبرنگار',
          body: '<p>متن</p><h2>میان‌تیتر</h2><p>ادامه</p>',
          action: 'publish',
        });
        expect(published.statusCode).toBe(303);
        expect((await findArticleByCode(t.storage.db, code))?.status).toBe('published');
        // Once published, the story is no longer the reporter's to change.
        expect((await reporter.post(`/newsroom/stories/${code}`, { _csrf: reporter.csrf, title: 'تغییر', action: 'save' })).statusCode).toBe(403);
      });

      it('schedules from the Jalali picker in Tehran time, and refuses a date that does not exist', async () => {
        const editor = await staff('editor@example.com');
        const created = await editor.post('/newsroom/stories', { _csrf: editor.csrf, title: 'خبر زمان‌بندی', action: 'save' });
        const code = Number(/(\d+)$/.exec(String(created.headers.location).split('?')[0]!)![1]);
        const when = { publishYear: '۱۴۲۰', publishMonth: '1', publishDay: '1', publishHour: '9', publishMinute: '30' };
        const ok = await editor.post(`/newsroom/stories/${code}`, { _csrf: editor.csrf, title: 'خبر زمان‌بندی', action: 'schedule', ...when });
        expect(ok.statusCode).toBe(303);
        const stored = await findArticleByCode(t.storage.db, code);
        expect(stored?.status).toBe('scheduled');
        // 1 Farvardin 1420, 09:30 in Tehran (+03:30) is 2041-03-20 06:00 UTC.
        expect(stored?.publishedAt?.toISOString()).toBe('2041-03-20T06:00:00.000Z');
        const bad = await editor.post(`/newsroom/stories/${code}`, {
          _csrf: editor.csrf,
          title: 'خبر زمان‌بندی',
          action: 'schedule',
          ...when,
          publishMonth: '7',
          publishDay: '31',
        });
        expect(bad.statusCode).toBe(400);
        expect(bad.body).toContain('در تقویم وجود ندارد');
      });

      it('autosaves as JSON, creating the story on the first save, and keeps revisions with a word diff and restore', async () => {
        const editor = await staff('editor@example.com');
        const json = (url: string, body: object) =>
          t.app.inject({
            method: 'POST',
            url,
            headers: { cookie: editor.cookie, 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': editor.csrf },
            payload: JSON.stringify(body),
          });
        const first = await json('/newsroom/stories/autosave', { title: 'نسخهٔ نخست', body: '<p>وزیر امروز گفت</p>', tags: 'اقتصاد' });
        expect(first.statusCode).toBe(200);
        const { code } = first.json() as { code: number };
        expect((await json(`/newsroom/stories/${code}/autosave`, { title: 'نسخهٔ نخست', body: '<p>وزیر دیروز گفت</p>' })).statusCode).toBe(200);
        const article = (await findArticleByCode(t.storage.db, code))!;
        expect(article.status).toBe('draft');
        // Autosaves a moment apart share one revision; a deliberate save adds one.
        await editor.post(`/newsroom/stories/${code}`, { _csrf: editor.csrf, title: 'نسخهٔ دوم', body: '<p>وزیر دیروز گفت که</p>', action: 'save' });
        const revisions = await t.storage.db
          .selectFrom('revisions')
          .select(['id', 'kind', 'title', 'body'])
          .where('article_id', '=', article.id)
          .orderBy('id')
          .execute();
        expect(revisions.map((r) => r.kind)).toEqual(['autosave', 'save']);
        expect(revisions[0]!.body).toBe('<p>وزیر دیروز گفت</p>');
        const diff = await editor.get(`/newsroom/stories/${code}/revisions/${revisions[1]!.id}`);
        expect(diff.statusCode).toBe(200);
        expect(diff.body).toContain('<del>نخست</del><ins>دوم</ins>');
        expect(diff.body).toContain('<ins> که</ins>');
        const restored = await editor.post(`/newsroom/stories/${code}/revisions/${revisions[0]!.id}/restore`, { _csrf: editor.csrf });
        expect(restored.statusCode).toBe(303);
        const after = (await findArticleByCode(t.storage.db, code))!;
        expect(after.title).toBe('نسخهٔ نخست');
        expect(after.body).toBe('<p>وزیر دیروز گفت</p>');
        expect((await editor.get(`/newsroom/stories/${code}/revisions`)).body).toContain('بازگردانی');
      });

      it('shows the preview with the reader’s template, and offers tag completion', async () => {
        const editor = await staff('editor@example.com');
        const created = await editor.post('/newsroom/stories', {
          _csrf: editor.csrf,
          title: 'پیش‌نمایش خبر',
          kicker: 'روتیتر',
          body: '<p>متن</p>',
          tags: 'انتخابات، انرژی',
          action: 'save',
        });
        const code = Number(/(\d+)/.exec(String(created.headers.location))![1]);
        const preview = await editor.get(`/newsroom/stories/${code}/preview`);
        expect(preview.statusCode).toBe(200);
        expect(preview.body).toContain('<h1 id="article-title">پیش‌نمایش خبر</h1>');
        expect(preview.body).toContain('href="/static/site.css');
        const tags = await editor.get(`/newsroom/tags.json?q=${encodeURIComponent('انت')}`);
        expect(tags.json()).toEqual({ items: ['انتخابات'] });
      });
    });

    describe('media', () => {
      async function upload(s: Awaited<ReturnType<typeof staff>>, file: { bytes: Buffer; name: string; type: string }, alt = '', csrf = s.csrf) {
        const boundary = '----dabir-test';
        const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
        const payload = Buffer.concat([
          Buffer.from(part('_csrf', csrf) + part('alt', alt)),
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
          file.bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return t.app.inject({
          method: 'POST',
          url: '/newsroom/media',
          headers: { cookie: s.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
          payload,
        });
      }

      it('takes the type from the content: SVG and text named .png are refused, a JPEG named .png is taken', async () => {
        const editor = await staff('editor@example.com');
        const svg = await upload(editor, {
          bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          name: 'logo.png',
          type: 'image/png',
        });
        expect(svg.statusCode).toBe(415);
        expect(svg.body).toContain('SVG پذیرفته نمی‌شود');
        const text = await upload(editor, { bytes: Buffer.from('just text'), name: 'photo.png', type: 'image/png' });
        expect(text.statusCode).toBe(415);
        const jpeg = await sharp({ create: { width: 500, height: 300, channels: 3, background: { r: 9, g: 99, b: 199 } } })
          .jpeg()
          .toBuffer();
        const ok = await upload(editor, { bytes: jpeg, name: 'photo.png', type: 'image/png' }, 'یک عکس');
        expect(ok.statusCode).toBe(303);
        const row = await t.storage.db.selectFrom('media').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
        expect(row).toMatchObject({ format: 'jpeg', width: 500, height: 300, alt: 'یک عکس', original_name: 'photo.png' });
        for (const name of [`${row.file}-480.jpg`, `${row.file}-480.webp`, `${row.file}-500.avif`]) {
          const served = await t.app.inject({ method: 'GET', url: `/media/${name}` });
          expect(served.statusCode).toBe(200);
        }
      });

      it('refuses an upload without the CSRF token before looking at the file', async () => {
        const editor = await staff('editor@example.com');
        const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: { r: 0, g: 0, b: 0 } } })
          .png()
          .toBuffer();
        const before = await t.storage.db.selectFrom('media').select('id').execute();
        const res = await upload(editor, { bytes: png, name: 'a.png', type: 'image/png' }, 'alt', 'wrong-token');
        expect(res.statusCode).toBe(403);
        expect(await t.storage.db.selectFrom('media').select('id').execute()).toHaveLength(before.length);
        const moderator = await staff('moderator@example.com');
        expect((await upload(moderator, { bytes: png, name: 'a.png', type: 'image/png' }, 'alt')).statusCode).toBe(403);
      });

      it('holds publication until every library image has its text alternative, then gives the image its srcset', async () => {
        const editor = await staff('editor@example.com');
        const png = await sharp({ create: { width: 1000, height: 500, channels: 3, background: { r: 200, g: 200, b: 0 } } })
          .png()
          .toBuffer();
        expect((await upload(editor, { bytes: png, name: 'chart.png', type: 'image/png' })).statusCode).toBe(303);
        const media = await t.storage.db.selectFrom('media').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
        const body = `<p>نمودار:</p><img src="/media/${media.file}-1000.png">`;
        const created = await editor.post('/newsroom/stories', { _csrf: editor.csrf, title: 'خبر با تصویر', body, action: 'save' });
        const code = Number(/(\d+)/.exec(String(created.headers.location))![1]);
        const refused = await editor.post(`/newsroom/stories/${code}`, { _csrf: editor.csrf, title: 'خبر با تصویر', body, action: 'publish' });
        expect(refused.statusCode).toBe(400);
        expect(refused.body).toContain('متن جایگزین');
        expect((await findArticleByCode(t.storage.db, code))?.status).toBe('draft');
        expect((await editor.post(`/newsroom/media/${media.id}/alt`, { _csrf: editor.csrf, alt: 'نمودار رشد تولید' })).statusCode).toBe(303);
        expect((await editor.post(`/newsroom/stories/${code}`, { _csrf: editor.csrf, title: 'خبر با تصویر', body, action: 'publish' })).statusCode).toBe(303);
        const stored = (await findArticleByCode(t.storage.db, code))!;
        expect(stored.status).toBe('published');
        expect(stored.body).toContain(`srcset="/media/${media.file}-480.webp 480w, /media/${media.file}-960.webp 960w, /media/${media.file}-1000.webp 1000w"`);
        expect(stored.body).toContain('alt="نمودار رشد تولید"');
        const page = await t.app.inject({ method: 'GET', url: `/news/${code}`, headers: {} });
        const html = page.statusCode === 301 ? (await t.app.inject({ method: 'GET', url: String(page.headers.location) })).body : page.body;
        expect(html).toContain(`srcset="/media/${media.file}-480.webp 480w`);
      });
    });

    describe('the moderation desk', () => {
      it('orders the queue by verdict, highlights the match, escapes the rest, and decides singly and in bulk', async () => {
        const article = await createArticle(
          { db: t.storage.db, bus: t.bus, now: () => new Date() },
          { title: 'خبر نظرها', body: '<p>x</p>', status: 'published' },
          t.admin,
        );
        const send = (body: string, n: number) =>
          t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.code}/comments`, payload: { name: 'خواننده', email: `r${n}@example.com`, body } });
        const ids: number[] = [];
        for (const [i, body] of ['نظری آرام و مؤدبانه دربارهٔ خبر', '<script>alert(1)</script> تو احمق هستی', 'نظر سوم بی‌مشکل است'].entries())
          ids.push(((await send(body, i)).json() as { id: number }).id);
        const moderator = await staff('moderator@example.com');
        const desk = await moderator.get(`/newsroom/moderation?article=${article.code}`);
        expect(desk.statusCode).toBe(200);
        const order = [...desk.body.matchAll(/data-id="(\d+)"/g)].map((m) => Number(m[1]));
        expect(order[0]).toBe(ids[1]);
        expect(desk.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; تو <mark class="match match--insult"');
        expect(desk.body).not.toContain('<script>alert(1)');
        expect(desk.body).toContain('<kbd>j</kbd>');
        const one = await moderator.post(`/newsroom/comments/${ids[1]}/decision`, {
          _csrf: moderator.csrf,
          action: 'reject',
          back: `?article=${article.code}`,
        });
        expect(one.statusCode).toBe(303);
        expect(one.headers.location).toBe(`/newsroom/moderation?article=${article.code}&ok=decided`);
        const bulk = await moderator.post('/newsroom/moderation/bulk', { _csrf: moderator.csrf, action: 'approve', ids: [String(ids[0]), String(ids[2])] });
        expect(bulk.statusCode).toBe(303);
        const rows = await t.storage.db.selectFrom('comments').select(['id', 'status']).where('id', 'in', ids).orderBy('id').execute();
        expect(rows.map((r) => r.status)).toEqual(['published', 'rejected', 'published']);
        const history = await moderator.get('/newsroom/moderation/history?who=people');
        expect((history.body.match(/<tr><td><time/g) ?? []).length).toBe(3);
      });

      it('bans an author, edits the lexicon, and the engine hears of the new word', async () => {
        const article = await createArticle(
          { db: t.storage.db, bus: t.bus, now: () => new Date() },
          { title: 'خبر واژه', body: '<p>x</p>', status: 'published' },
          t.admin,
        );
        const first = (
          await t.app.inject({
            method: 'POST',
            url: `/api/v1/articles/${article.code}/comments`,
            payload: { name: 'آزاردهنده', email: 'bad@example.com', body: 'یک نظر معمولی' },
          })
        ).json() as { id: number };
        const moderator = await staff('moderator@example.com');
        expect((await moderator.post(`/newsroom/comments/${first.id}/ban`, { _csrf: moderator.csrf, by: 'email' })).statusCode).toBe(303);
        expect((await moderator.get('/newsroom/moderation/bans')).body).toContain('bad@example.com');
        const again = await t.app.inject({
          method: 'POST',
          url: `/api/v1/articles/${article.code}/comments`,
          payload: { name: 'آزاردهنده', email: 'bad@example.com', body: 'نظری دیگر' },
        });
        expect(again.statusCode).toBe(403);
        expect(
          (
            await moderator.post('/newsroom/moderation/lexicon', {
              _csrf: moderator.csrf,
              kind: 'term',
              term: 'زشتواژه',
              label: 'profanity',
              severity: 'review',
            })
          ).statusCode,
        ).toBe(303);
        expect((await moderator.get('/newsroom/moderation/lexicon')).body).toContain('زشتواژه');
        await expect
          .poll(async () => {
            const res = await t.app.inject({
              method: 'POST',
              url: `/api/v1/articles/${article.code}/comments`,
              payload: { name: 'دیگری', email: `x${Math.random()}@example.com`, body: `این زشتواژه است ${Math.random()}` },
            });
            const { id } = res.json() as { id: number };
            return (await t.storage.db.selectFrom('comments').select('labels').where('id', '=', id).executeTakeFirstOrThrow()).labels;
          })
          .toContain('profanity');
      });
    });

    describe('the dashboard', () => {
      it('counts views per day where views are flushed, and draws them', async () => {
        const article = await createArticle(
          { db: t.storage.db, bus: t.bus, now: () => new Date() },
          { title: 'خبر پربازدید', body: '<p>x</p>', status: 'published' },
          t.admin,
        );
        await writeViews(t.storage.db, new Map([[article.code, 5]]));
        await writeViews(t.storage.db, new Map([[article.code, 7]]));
        const rows = await t.storage.db.selectFrom('daily_views').selectAll().where('article_id', '=', article.id).execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]!.views).toBe(12);
        const admin = await staff('admin@example.com');
        const page = await admin.get('/newsroom');
        expect(page.body).toContain('خبر پربازدید');
        expect(page.body).toContain('(۱۲ بازدید)');
        expect((page.body.match(/<rect /g) ?? []).length).toBe(56);
        expect(page.headers['content-security-policy']).toContain("default-src 'self'");
        expect(page.headers['cache-control']).toBe('no-store');
      });
    });
  });

describe('the staff access kind', () => {
  it('never serves a staff route from a scope that resolves no session', async () => {
    const app = Fastify();
    requireDeclaredAccess(app);
    app.get('/secret', { config: { access: 'staff' } }, async () => 'the secret');
    const res = await app.inject({ method: 'GET', url: '/secret' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.body).not.toContain('the secret');
    await app.close();
    const other = Fastify();
    requireDeclaredAccess(other);
    expect(() => other.get('/open', async () => 'x')).toThrow(/declares no access/);
  });
});
