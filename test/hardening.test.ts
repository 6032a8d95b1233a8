/**
 * Issue 13, second round of hardening: borrowed addresses (the proxy default), replayed
 * challenge solutions across instances and restarts, one sign-in lockout for both doors,
 * credentials that end with a password change, what the log may say, who reads /metrics,
 * and comment threads that no length of reply chain can break.
 */
import { solveChallenge } from 'altcha-lib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, issueToken, userForToken } from '../src/auth/index.js';
import { loadConfig } from '../src/config.js';
import { createLocalBus } from '../src/events/index.js';
import { databaseState, type Storage } from '../src/storage/index.js';
import { buildServices, type ServicesInput } from '../src/boot.js';
import { buildApp } from '../src/web/app.js';
import { testApp, type TestApp } from './support/app.js';
import { ENGINES, REDIS_URL, openTestStorage } from './support/storage.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const RELAXED = { perClient: [{ count: 1000, windowMs: 60_000 }], perEmail: [{ count: 1000, windowMs: 60_000 }] };

async function story(app: FastifyInstance, token: string, title = 'خبری برای آزمون سخت‌گیری') {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/articles',
    headers: { authorization: `Bearer ${token}` },
    payload: { title, body: '<p>متن</p>', status: 'published' },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { code: number; url: string };
}

/** An app on an existing storage, as a second instance (or a restarted one) would be. */
async function instance(storage: Storage, dataDir: string, extra: Partial<Pick<ServicesInput, 'state' | 'now'>> = {}, env: Record<string, string> = {}) {
  const config = loadConfig({
    DABIR_DATA: dataDir,
    DABIR_DEMO: '0',
    DABIR_CAPTCHA: 'on',
    DABIR_MODERATION: 'post',
    DABIR_PUBLIC_URL: 'http://news.test',
    ...env,
  });
  const app = await buildApp(await buildServices({ config, storage, bus: createLocalBus(), now: () => new Date(), commentLimits: RELAXED, ...extra }));
  await app.ready();
  return app;
}

async function solved(app: FastifyInstance): Promise<string> {
  const c = (await app.inject({ method: 'GET', url: '/api/v1/comments/challenge' })).json() as {
    algorithm: string;
    challenge: string;
    salt: string;
    signature: string;
    maxnumber: number;
  };
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  return Buffer.from(
    JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: solution!.number, salt: c.salt, signature: c.signature }),
  ).toString('base64');
}

/** Signs in through the newsroom's form from `address`; returns the answer and the session cookie. */
async function formSignIn(app: FastifyInstance, email: string, password: string, address: string) {
  const page = await app.inject({ method: 'GET', url: '/newsroom/login', remoteAddress: address });
  const formToken = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const loginCookie = [page.headers['set-cookie'] ?? []]
    .flat()
    .map(String)
    .find((c) => c.startsWith('dabir_login='))!
    .split(';')[0]!;
  const res = await app.inject({
    method: 'POST',
    url: '/newsroom/login',
    remoteAddress: address,
    headers: { ...FORM, cookie: loginCookie },
    payload: new URLSearchParams({ _csrf: formToken, email, password, next: '/newsroom' }).toString(),
  });
  const session = [res.headers['set-cookie'] ?? []]
    .flat()
    .map(String)
    .find((c) => c.startsWith('dabir_session='));
  return { res, cookie: session?.split(';')[0] ?? '' };
}

async function staffForm(app: FastifyInstance, cookie: string) {
  const page = await app.inject({ method: 'GET', url: '/newsroom/account', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const post = (url: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) body.append(k, item);
    return app.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: body.toString() });
  };
  return { csrf, post, page };
}

describe('the proxy default trusts only this machine', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ env: { DABIR_MODERATION: 'post' } });
  });
  afterAll(async () => t?.cleanup());

  it('defaults DABIR_TRUST_PROXY to loopback: private ranges only when named', () => {
    expect(loadConfig({}).trustProxy).toBe('loopback');
  });

  it('counts a client on a private network by its own address, whatever X-Forwarded-For it sends', async () => {
    const a = await story(t.app, t.token);
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/articles/${a.code}/comments`,
        remoteAddress: '10.1.2.3',
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
        payload: { name: `خواننده ${i}`, email: `reader${i}@example.com`, body: `نظر شمارهٔ ${i} دربارهٔ این خبر` },
      });
      codes.push(res.statusCode);
    }
    // Five a minute per client (DEFAULT_LIMITS): a changing header no longer makes a new client.
    expect(codes.slice(0, 5).every((c) => c === 202)).toBe(true);
    expect(codes.slice(5)).toEqual([429, 429]);
  });

  it('counts one sender across +tag variants of an email address', async () => {
    const a = await story(t.app, t.token, 'خبری برای محدودیت ایمیل');
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/articles/${a.code}/comments`,
        remoteAddress: `192.0.2.${100 + i}`,
        payload: { name: `فرستنده ${i}`, email: `Sender+${i}@Example.com`, body: `نظر فرستنده با برچسب ${i}` },
      });
      codes.push(res.statusCode);
    }
    // Three a minute per email (DEFAULT_LIMITS), whatever the tag.
    expect(codes).toEqual([202, 202, 202, 429]);
  });

  it('still takes the reader address from a proxy on this machine', async () => {
    const a = await story(t.app, t.token, 'خبری دیگر برای پراکسی');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/articles/${a.code}/comments`,
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
        payload: { name: `خوانندهٔ پراکسی ${i}`, email: `proxied${i}@example.com`, body: `نظر پشت پراکسی شمارهٔ ${i}` },
      });
      codes.push(res.statusCode);
    }
    expect(codes.every((c) => c === 202)).toBe(true);
  });
});

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`a solved challenge is accepted once, anywhere, on ${engine.name}${engine.note}`, () => {
    let ctx: Awaited<ReturnType<typeof openTestStorage>>;
    let token: string;
    beforeAll(async () => {
      ctx = await openTestStorage(engine.name);
      const admin = await createUser(ctx.storage.db, { email: 'admin@example.com', role: 'admin', password: 'admin-password-1', now: new Date() });
      token = await issueToken(ctx.storage.db, admin.id, new Date());
    });
    afterAll(async () => ctx?.cleanup());

    it('refuses a solution used on another instance, and after a restart', async () => {
      const one = await instance(ctx.storage, ctx.dataDir);
      const two = await instance(ctx.storage, ctx.dataDir);
      const a = await story(one, token);
      const payload = await solved(one);
      const send = (app: FastifyInstance, n: number) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/articles/${a.code}/comments`,
          remoteAddress: `192.0.2.${n}`,
          payload: { name: `نام ${n}`, email: `pow${n}@example.com`, body: `نظر با راه‌حل ${n}`, captcha: payload },
        });
      expect((await send(one, 1)).statusCode).toBe(202);
      const elsewhere = await send(two, 2);
      expect(elsewhere.statusCode).toBe(400);
      expect(elsewhere.json().error.code).toBe('captcha_failed');
      await one.close();
      const restarted = await instance(ctx.storage, ctx.dataDir);
      expect((await send(restarted, 3)).statusCode).toBe(400);
      // A fresh solution still works: the memory is per solution, not per reader.
      const fresh = await solved(restarted);
      const ok = await restarted.inject({
        method: 'POST',
        url: `/api/v1/articles/${a.code}/comments`,
        remoteAddress: '192.0.2.4',
        payload: { name: 'تازه', email: 'pow4@example.com', body: 'نظر با راه‌حل تازه', captcha: fresh },
      });
      expect(ok.statusCode).toBe(202);
      await two.close();
      await restarted.close();
    });

    it('keeps shared state with an expiry: a claim is taken once until it expires', async () => {
      const state = databaseState(ctx.storage.db);
      const now = Date.now();
      expect(await state.claim('test:once', '1', 1000, now)).toBe(true);
      expect(await state.claim('test:once', '1', 1000, now + 10)).toBe(false);
      expect(await state.claim('test:once', '1', 1000, now + 1001)).toBe(true);
      await state.set('test:value', 'a', 1000, now);
      expect(await state.get('test:value', now + 999)).toBe('a');
      expect(await state.get('test:value', now + 1000)).toBeUndefined();
    });

    it('locks an account on both doors and every instance at once', async () => {
      await createUser(ctx.storage.db, { email: 'locked@example.com', role: 'editor', password: 'the-right-password', now: new Date() });
      // One frozen clock for both instances: the lock (a second after the sixth failure) cannot lapse mid-test.
      const at = new Date();
      const one = await instance(ctx.storage, ctx.dataDir, { now: () => at });
      const two = await instance(ctx.storage, ctx.dataDir, { now: () => at });
      // Six wrong guesses at the API's token exchange on one instance, each from its own address…
      for (let i = 0; i < 6; i++) {
        const res = await one.inject({
          method: 'POST',
          url: '/api/v1/auth/token',
          remoteAddress: `203.0.113.${i + 1}`,
          payload: { email: 'locked@example.com', password: `guess-${i}` },
        });
        expect(res.statusCode).toBe(401);
      }
      // …lock the account at the newsroom's door of the other instance, right password and all.
      const form = await formSignIn(two, 'LOCKED@example.com', 'the-right-password', '203.0.113.50');
      expect(form.res.statusCode).toBe(429);
      const api = await two.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        remoteAddress: '203.0.113.51',
        payload: { email: 'locked@example.com', password: 'the-right-password' },
      });
      expect(api.statusCode).toBe(429);
      await one.close();
      await two.close();
    });
  });

describe.skipIf(!REDIS_URL)(`shared state in Redis${REDIS_URL ? '' : ' (skipped: REDIS_URL is not set)'}`, () => {
  it('refuses a solution replayed on another instance that shares the Redis', async () => {
    const { createRedisState, openRedis } = await import('../src/redis/index.js');
    const ctx = await openTestStorage('sqlite');
    const link = openRedis(REDIS_URL!, { warn: () => undefined, info: () => undefined });
    for (let i = 0; i < 50 && !link.up(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(link.up()).toBe(true);
    const admin = await createUser(ctx.storage.db, { email: 'admin@example.com', role: 'admin', password: 'admin-password-1', now: new Date() });
    const token = await issueToken(ctx.storage.db, admin.id, new Date());
    // Each instance's database fallback is its own, so only Redis can tell the second of the first.
    const other = await openTestStorage('sqlite');
    const one = await instance(ctx.storage, ctx.dataDir, { state: createRedisState(link, databaseState(ctx.storage.db)) });
    const two = await instance(other.storage, other.dataDir, { state: createRedisState(link, databaseState(other.storage.db)) }, {});
    const a = await story(one, token);
    const payload = await solved(one);
    expect(
      (
        await one.inject({
          method: 'POST',
          url: `/api/v1/articles/${a.code}/comments`,
          payload: { name: 'یک', email: 'r1@example.com', body: 'نظر نخست با ردیس', captcha: payload },
        })
      ).statusCode,
    ).toBe(202);
    // The second instance has another site secret, so it checks the replay by asking Redis directly.
    const { createChallengeService } = await import('../src/comments/index.js');
    const { siteSecret } = await import('../src/storage/index.js');
    const shared = createChallengeService(await siteSecret(ctx.storage.db, 'altcha'), { state: createRedisState(link, databaseState(other.storage.db)) });
    expect(await shared.verify(payload, new Date())).toBe(false);
    await one.close();
    await two.close();
    await link.close();
    await ctx.cleanup();
    await other.cleanup();
  });
});

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`credentials end with the password, on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp({ engine: engine.name });
    });
    afterAll(async () => t?.cleanup());

    it('ends every API token of the account when its password changes', async () => {
      const user = await createUser(t.storage.db, { email: 'changer@example.com', role: 'editor', password: 'old-password-1', now: new Date() });
      const token = await issueToken(t.storage.db, user.id, new Date());
      expect(await userForToken(t.storage.db, token)).toBeDefined();
      const { cookie } = await formSignIn(t.app, 'changer@example.com', 'old-password-1', '192.0.2.10');
      const { csrf, post } = await staffForm(t.app, cookie);
      const res = await post('/newsroom/account/password', { _csrf: csrf, current: 'old-password-1', next: 'new-password-22' });
      expect(res.statusCode).toBe(303);
      expect(await userForToken(t.storage.db, token)).toBeUndefined();
      const api = await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: { authorization: `Bearer ${token}` } });
      expect(api.statusCode).toBe(401);
    });

    it('ends every API token with «خروج از همهٔ دستگاه‌ها»', async () => {
      const user = await createUser(t.storage.db, { email: 'leaver@example.com', role: 'reporter', password: 'leaver-password', now: new Date() });
      const token = await issueToken(t.storage.db, user.id, new Date());
      const { cookie } = await formSignIn(t.app, 'leaver@example.com', 'leaver-password', '192.0.2.11');
      const { csrf, post } = await staffForm(t.app, cookie);
      expect((await post('/newsroom/logout-everywhere', { _csrf: csrf })).statusCode).toBe(303);
      expect(await userForToken(t.storage.db, token)).toBeUndefined();
    });

    it('lists the account’s tokens on its page, makes one shown once, and revokes it', async () => {
      await createUser(t.storage.db, { email: 'holder@example.com', role: 'reporter', password: 'holder-password', now: new Date() });
      const { cookie } = await formSignIn(t.app, 'holder@example.com', 'holder-password', '192.0.2.12');
      const { csrf, post, page } = await staffForm(t.app, cookie);
      expect(page.body).toContain('توکن فعالی ندارید');
      const made = await post('/newsroom/account/tokens', { _csrf: csrf, label: 'برنامهٔ خبرنگار', scopes: ['read', 'articles:write', 'admin'] });
      expect(made.statusCode).toBe(200);
      expect(made.headers['cache-control']).toBe('no-store');
      const secret = /<code dir="ltr" class="token-secret">(dbr_[^<]+)<\/code>/.exec(made.body)?.[1];
      expect(secret).toBeDefined();
      const caller = await userForToken(t.storage.db, secret!);
      // A reporter's token never carries more than the role allows, whatever the form asked for.
      expect(caller?.scopes).toEqual(['read', 'articles:write']);
      const again = await t.app.inject({ method: 'GET', url: '/newsroom/account', headers: { cookie } });
      expect(again.body).toContain('برنامهٔ خبرنگار');
      expect(again.body).not.toContain(secret!);
      const id = /action="\/newsroom\/account\/tokens\/(\d+)\/revoke"/.exec(again.body)![1]!;
      expect((await post(`/newsroom/account/tokens/${id}/revoke`, { _csrf: csrf })).statusCode).toBe(303);
      expect(await userForToken(t.storage.db, secret!)).toBeUndefined();
    });

    it('refuses to revoke another account’s token from the account page', async () => {
      const other = await createUser(t.storage.db, { email: 'other@example.com', role: 'editor', password: 'other-password', now: new Date() });
      const theirs = await issueToken(t.storage.db, other.id, new Date());
      const theirId = (await userForToken(t.storage.db, theirs))!.tokenId!;
      await createUser(t.storage.db, { email: 'meddler@example.com', role: 'editor', password: 'meddler-password', now: new Date() });
      const { cookie } = await formSignIn(t.app, 'meddler@example.com', 'meddler-password', '192.0.2.13');
      const { csrf, post } = await staffForm(t.app, cookie);
      await post(`/newsroom/account/tokens/${theirId}/revoke`, { _csrf: csrf });
      expect(await userForToken(t.storage.db, theirs)).toBeDefined();
    });
  });

describe('the log names no reader', () => {
  it('writes no address, email or session id at the default level', async () => {
    const lines: string[] = [];
    const t = await testApp({
      env: { DABIR_MODERATION: 'pre' },
      deps: { logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } },
    });
    await createUser(t.storage.db, { email: 'writer@example.com', role: 'editor', password: 'writer-password', now: new Date() });
    const a = await story(t.app, t.token);
    const reader = { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '198.51.100.77' } };
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${a.code}/comments`,
      ...reader,
      payload: { name: 'خواننده', email: 'secret.reader@example.com', body: 'نظری برای آزمون گزارش' },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${a.code}/comments`,
      ...reader,
      payload: { name: 'خواننده', email: 'not-an-email', body: 'نظری با ایمیل نادرست' },
    });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', ...reader, payload: { email: 'writer@example.com', password: 'wrong-password' } });
    const { cookie } = await formSignIn(t.app, 'writer@example.com', 'writer-password', '198.51.100.78');
    await t.app.inject({ method: 'GET', url: '/newsroom/nothing-here', headers: { cookie } });
    await t.app.inject({ method: 'GET', url: '/search?q=secret.reader@example.com', ...reader });
    await t.cleanup();
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    const sessionId = cookie.split('=')[1]!;
    for (const secret of ['198.51.100.77', '198.51.100.78', '127.0.0.1', 'secret.reader', 'writer@example.com', sessionId]) expect(log).not.toContain(secret);
  });
});

describe('who may read /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ env: { DABIR_METRICS_TOKEN: 'a-long-metrics-token-1234' } });
  });
  afterAll(async () => t?.cleanup());

  it('serves this machine without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('dabir_http_request_duration_seconds');
  });

  it('refuses another host, and a reader behind the proxy, without the token', async () => {
    const far = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(far.statusCode).toBe(401);
    expect(far.json().error.code).toBe('unauthorized');
    expect(far.body).not.toContain('dabir_');
    const behind = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(behind.statusCode).toBe(401);
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('serves another host with the bearer token', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer a-long-metrics-token-1234' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a metrics token too short to be a secret', () => {
    expect(() => loadConfig({ DABIR_METRICS_TOKEN: 'short' })).toThrow(/DABIR_METRICS_TOKEN/);
  });
});

for (const engine of ENGINES)
  describe.skipIf(!engine.available)(`long discussions never break the story page, on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    let chain: { code: number; url: string };
    let wide: { code: number; url: string };
    beforeAll(async () => {
      t = await testApp({ engine: engine.name });
      chain = await story(t.app, t.token, 'خبری با زنجیرهٔ بلند پاسخ‌ها');
      wide = await story(t.app, t.token, 'خبری با نظرهای فراوان');
      // Rows written directly: 7,000 replies each answering the one before, and 120 separate threads.
      const article = async (code: number) => (await t.storage.db.selectFrom('articles').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
      const chainId = await article(chain.code);
      const wideId = await article(wide.code);
      const base = Date.UTC(2026, 0, 1);
      const row = (articleId: number, i: number, parent: number | null) => ({
        article_id: articleId,
        parent_id: parent,
        depth: 0,
        name: `نویسندهٔ ${i}`,
        email: `c${i}@example.com`,
        body: `پاسخ شمارهٔ ${i}`,
        client_hash: 'test',
        status: 'published' as const,
        verdict: 'allow',
        labels: '[]',
        reasons: '[]',
        score: 0,
        created_at: base + i * 1000,
        decided_by: null,
        decided_at: null,
      });
      let parent: number | null = null;
      for (let i = 0; i < 7000; i++) {
        const inserted: { id: number } = await t.storage.db
          .insertInto('comments')
          .values(row(chainId, i, parent))
          .returning('id')
          .executeTakeFirstOrThrow();
        parent = inserted.id;
      }
      await t.storage.db
        .insertInto('comments')
        .values(Array.from({ length: 120 }, (_, i) => row(wideId, i, null)))
        .execute();
    }, 240_000);
    afterAll(async () => t?.cleanup());

    it('renders a 7,000-reply chain: five levels nested, the rest flat with «در پاسخ به»', async () => {
      const res = await t.app.inject({ method: 'GET', url: chain.url.replace('http://news.test', '') });
      expect(res.statusCode).toBe(200);
      const nested = res.body.split('<ol class="comment-list comment-replies">').length - 1;
      expect(nested).toBe(4);
      expect(res.body).toContain('پاسخ شمارهٔ 6999');
      expect(res.body).toMatch(/class="comment-parent" href="#comment-\d+">در پاسخ به <bdi>نویسندهٔ 6998<\/bdi>/);
    });

    it('shows fifty threads a page, with links between the pages', async () => {
      const path = wide.url.replace('http://news.test', '');
      const first = await t.app.inject({ method: 'GET', url: path });
      expect(first.statusCode).toBe(200);
      expect(first.body.match(/<li class="comment" /g)?.length).toBe(50);
      expect(first.body).toContain('صفحهٔ ۱ از ۳');
      expect(first.body).toContain('href="?cpage=2#comments"');
      expect(first.body).toContain('۱۲۰ نظر');
      const last = await t.app.inject({ method: 'GET', url: `${path}?cpage=3` });
      expect(last.body.match(/<li class="comment" /g)?.length).toBe(20);
      expect(last.body).toContain('پاسخ شمارهٔ 119');
      expect(last.headers['cache-control']).toBe('no-store');
      const beyond = await t.app.inject({ method: 'GET', url: `${path}?cpage=999` });
      expect(beyond.statusCode).toBe(200);
      expect(beyond.body).toContain('صفحهٔ ۳ از ۳');
    });

    it('pages the API with limit and cursor', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const url: string = `/api/v1/articles/${wide.code}/comments?limit=50${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(200);
        const body = res.json() as { total: number; items: Array<{ id: number }>; next: string | null };
        expect(body.total).toBe(120);
        seen.push(...body.items.map((c) => c.id));
        cursor = body.next;
        if (!cursor) break;
      }
      expect(seen.length).toBe(120);
      expect(new Set(seen).size).toBe(120);
      const bad = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${wide.code}/comments?cursor=oops` });
      expect(bad.statusCode).toBe(400);
    });
  });
