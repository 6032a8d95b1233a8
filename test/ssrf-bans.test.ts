// Two security fixes, end to end.
// A. A channel's base URL cannot point the server at itself or its private network: literal
//    addresses and names are refused when the channel is saved, names are resolved and every
//    address checked again at delivery (the connection goes to the checked address), and a
//    delivery's last error never carries the answering server's body. DABIR_CHANNEL_HOSTS
//    names the hosts an administrator allows anyway (a self-hosted gateway).
// B. Comment bans compare canonical forms: `name+tag@`, a trailing dot or upper case in an
//    email, and ZWNJ, NBSP, zero-width or Arabic-letter variants of a name are the same author.
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue, insertChannel, isGlobalAddress, checkChannelUrl } from '../src/channels/index.js';
import { canonicalEmail, canonicalName, isBanned } from '../src/comments/index.js';
import { loadConfig } from '../src/config.js';
import { testApp, type TestApp } from './support/app.js';

/** A fake bot API on 127.0.0.1 that records calls and answers what it is told. */
class FakeBot {
  calls: string[] = [];
  answer: { status: number; type: string; body: string } | undefined;
  private server: Server | undefined;
  port = 0;
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.calls.push(`${req.headers.host ?? ''} ${req.url ?? ''}`);
        const a = this.answer ?? { status: 200, type: 'application/json', body: JSON.stringify({ ok: true, result: { message_id: 7 } }) };
        res.writeHead(a.status, { 'content-type': a.type });
        res.end(a.body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface DeliveryJson {
  status: string;
  attempts: number;
  lastError: string | null;
}

const SECRET_BANNER = 'SSH-2.0-OpenSSH_9.6 internal-admin-panel redis_version:7.2';

describe('A. channel base URLs and the SSRF oracle', () => {
  const bot = new FakeBot();
  let strict: TestApp; // no allowance
  let allowing: TestApp; // DABIR_CHANNEL_HOSTS=127.0.0.1,bot.test
  beforeAll(async () => {
    await bot.start();
    strict = await testApp();
    allowing = await testApp({ env: { DABIR_CHANNEL_HOSTS: '127.0.0.1, Bot.Test.' } });
  });
  afterEach(() => {
    bot.calls = [];
    bot.answer = undefined;
  });
  afterAll(async () => {
    await strict?.cleanup();
    await allowing?.cleanup();
    await bot.stop();
  });
  const admin = (t: TestApp) => ({ authorization: `Bearer ${t.token}` });
  const createChannel = (t: TestApp, baseUrl: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/channels', headers: admin(t), payload: { kind: 'telegram', baseUrl, token: '1:TOKEN', chatId: '@c' } });
  const publish = async (t: TestApp, title: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: admin(t), payload: { title, body: '<p>متن</p>', status: 'published' } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { code: number }).code;
  };
  const deliveries = async (t: TestApp, code: number) =>
    ((await t.app.inject({ method: 'GET', url: `/api/v1/articles/${code}/deliveries`, headers: admin(t) })).json() as { items: DeliveryJson[] }).items;
  const settled = (t: TestApp, code: number, check: (d: DeliveryJson[]) => boolean) =>
    expect.poll(async () => check(await deliveries(t, code)), { timeout: 5000, interval: 20 }).toBe(true);
  /** Disables every channel of an app, so each test starts from its own. */
  const disableAll = async (t: TestApp) => {
    await t.storage.db.updateTable('channels').set({ enabled: 0 }).execute();
  };

  it('refuses loopback, private, link-local, CGNAT, unspecified and numeric-IP base URLs with 400 channel_url_refused', async () => {
    const refused = [
      `http://127.0.0.1:${bot.port}`,
      'http://169.254.169.254/latest/meta-data',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://017700000001/',
      'http://127.0.0.1./',
      'http://0/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://224.0.0.1/',
      'http://localhost:6379/',
      'http://redis.localhost/',
    ];
    for (const url of refused) {
      const res = await createChannel(strict, url);
      expect(res.statusCode, url).toBe(400);
      const body = res.json() as { error: { code: string; message: string } };
      expect(body.error.code, url).toBe('channel_url_refused');
      expect(body.error.message.length).toBeGreaterThan(0);
    }
    // Changing a channel is checked the same way.
    const ok = await createChannel(strict, 'https://8.8.8.8/tg');
    expect(ok.statusCode, ok.body).toBe(201);
    const id = (ok.json() as { id: number }).id;
    const moved = await strict.app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${id}`,
      headers: admin(strict),
      payload: { baseUrl: 'http://[::ffff:10.0.0.1]:8080/' },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.code).toBe('channel_url_refused');
    expect(bot.calls).toEqual([]);
    await disableAll(strict);
  });

  it('classifies addresses: only globally routable ones pass', () => {
    for (const a of ['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isGlobalAddress(a), a).toBe(true);
    for (const a of [
      '127.0.0.1',
      '127.255.255.254',
      '10.1.2.3',
      '172.31.255.255',
      '192.168.0.1',
      '100.127.255.255',
      '169.254.169.254',
      '0.0.0.0',
      '0.1.2.3',
      '224.0.0.251',
      '239.255.255.250',
      '255.255.255.255',
      '240.0.0.1',
      '192.0.2.1',
      '198.18.0.1',
      '::',
      '::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '::127.0.0.1',
      'fc00::1',
      'fdff::1',
      'fe80::1',
      'febf::1',
      'ff02::1',
      '2001:db8::1',
      '64:ff9b::a00:1',
      '2002:7f00:1::1',
      'not-an-ip',
    ])
      expect(isGlobalAddress(a), a).toBe(false);
    // Not private: the neighbours of the private ranges.
    for (const a of ['172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '11.0.0.1', '169.253.0.1']) expect(isGlobalAddress(a), a).toBe(true);
  });

  it('refuses at delivery time a name that resolves to a loopback address, and never connects to it', async () => {
    // A channel saved before the check existed (or whose name changed its address since).
    await insertChannel(
      strict.storage.db,
      { kind: 'telegram', name: 'قدیمی', baseUrl: `http://localhost:${bot.port}`, token: '1:OLD', chatId: '@old', enabled: true },
      Date.now(),
    );
    const code = await publish(strict, 'خبر برای نشانی محلی');
    await settled(strict, code, (d) => d.length === 1 && d[0]!.lastError !== null);
    const [d] = await deliveries(strict, code);
    expect(d!.lastError).toBe('address not allowed');
    expect(d!.status).toBe('failed');
    expect(bot.calls).toEqual([]);
    await disableAll(strict);
  });

  it('checks the address a name resolves to when it connects, so a rebinding name cannot reach a private one', async () => {
    const channel = await insertChannel(
      strict.storage.db,
      { kind: 'telegram', name: 'جابه‌جا', baseUrl: `http://rebind.example:${bot.port}`, token: '1:RB', chatId: '@rb', enabled: true },
      Date.now(),
    );
    const code = await publish(strict, 'خبر برای نام جابه‌جاشونده');
    await settled(strict, code, (d) => d.length === 1 && d[0]!.lastError !== null);
    // The same delivery tried again with a resolver that answers 127.0.0.1: refused, not sent.
    await strict.storage.db
      .updateTable('channel_deliveries')
      .set({ status: 'pending', next_attempt_at: 0, last_error: null, claimed_until: null, claim_token: null })
      .where('channel_id', '=', channel.id)
      .execute();
    await deliverDue({ db: strict.storage.db, engine: strict.storage.engine, now: () => new Date(), resolve: async () => ['127.0.0.1'] });
    const [d] = await deliveries(strict, code);
    expect(d!.lastError).toBe('address not allowed');
    expect(bot.calls).toEqual([]);
    await disableAll(strict);
  });

  it('never stores the answering server’s body in lastError: a status code or a fixed description only', async () => {
    const made = await createChannel(allowing, `http://127.0.0.1:${bot.port}/tg`);
    expect(made.statusCode, made.body).toBe(201);
    bot.answer = { status: 502, type: 'text/html', body: `<h1>${SECRET_BANNER}</h1>` };
    let code = await publish(allowing, 'خبر با پاسخ HTML');
    await settled(allowing, code, (d) => d[0]?.lastError != null);
    expect((await deliveries(allowing, code))[0]!.lastError).toBe('HTTP 502');
    bot.answer = { status: 400, type: 'application/json', body: JSON.stringify({ ok: false, error_code: 400, description: `Bad Request: ${SECRET_BANNER}` }) };
    code = await publish(allowing, 'خبر با توضیح خطا');
    await settled(allowing, code, (d) => d[0]?.lastError != null);
    const [d] = await deliveries(allowing, code);
    expect(d!.lastError).toBe('HTTP 400');
    expect(d!.status).toBe('failed');
    await disableAll(allowing);
    // Nothing listening: a fixed description, not the system's message.
    const closed = new FakeBot();
    await closed.start();
    await closed.stop();
    const dead = await createChannel(allowing, `http://127.0.0.1:${closed.port}`);
    expect(dead.statusCode).toBe(201);
    code = await publish(allowing, 'خبر برای درگاه بسته');
    await settled(allowing, code, (x) => x[0]?.lastError != null);
    expect((await deliveries(allowing, code))[0]!.lastError).toBe('connection refused');
    await disableAll(allowing);
  });

  it('lets DABIR_CHANNEL_HOSTS allow a named private host, connecting to the address it resolved', async () => {
    expect(loadConfig({}).channelHosts).toEqual([]);
    expect(loadConfig({ DABIR_CHANNEL_HOSTS: ' Bale.Internal. , 10.0.0.5,[::1] ' }).channelHosts).toEqual(['bale.internal', '10.0.0.5', '::1']);
    expect(() => loadConfig({ DABIR_CHANNEL_HOSTS: 'http://x.example/' })).toThrow(/DABIR_CHANNEL_HOSTS/);
    const resolve = async (host: string) => (host === 'bot.test' ? ['127.0.0.1'] : []);
    await expect(checkChannelUrl(`http://bot.test:${bot.port}/`, { channelHosts: ['bot.test'], resolve })).resolves.toBeUndefined();
    await expect(checkChannelUrl(`http://bot.test:${bot.port}/`, { channelHosts: [], resolve })).rejects.toMatchObject({ code: 'channel_url_refused' });
    // Through the app: the allowed name is accepted and posted to (its address comes from the resolver).
    const made = await createChannel(allowing, `http://bot.test:${bot.port}/gw`);
    expect(made.statusCode, made.body).toBe(201);
    const gwCode = await publish(allowing, 'خبر برای درگاه خودمیزبان');
    // The app's own first try uses the system resolver, which does not know bot.test.
    await settled(allowing, gwCode, (d) => d[0]?.lastError != null);
    expect(bot.calls).toEqual([]);
    await allowing.storage.db
      .updateTable('channel_deliveries')
      .set({ status: 'pending', next_attempt_at: 0, attempts: 0, claimed_until: null, claim_token: null })
      .where('channel_id', '=', (made.json() as { id: number }).id)
      .execute();
    const report = await deliverDue({
      db: allowing.storage.db,
      engine: allowing.storage.engine,
      now: () => new Date(),
      channelHosts: allowing.config.channelHosts,
      resolve,
    });
    expect(report.sent).toBe(1);
    expect(bot.calls).toEqual([`bot.test:${bot.port} /gw/bot1:TOKEN/sendMessage`]);
    await disableAll(allowing);
  });
});

describe('B. comment bans by canonical email and name', () => {
  let t: TestApp;
  let mod: string;
  let code: number;
  const RELAXED = { perClient: [{ count: 1000, windowMs: 60_000 }], perEmail: [{ count: 1000, windowMs: 60_000 }] };
  let n = 0;
  const send = (name: string, email: string, ip = '10.9.9.9') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${code}/comments`,
      payload: { name, email, body: `نظر شماره ${++n} دربارهٔ این خبر.` },
      headers: { 'x-forwarded-for': ip },
    });
  const ban = async (name: string, email: string, by: 'email' | 'name') => {
    const res = await send(name, email, `10.8.8.${++n % 250}`);
    expect(res.statusCode, res.body).toBe(202);
    const banned = await t.app.inject({
      method: 'POST',
      url: '/api/v1/moderation/bans',
      headers: { authorization: `Bearer ${mod}` },
      payload: { commentId: res.json().id, by },
    });
    expect(banned.statusCode, banned.body).toBe(201);
  };

  beforeAll(async () => {
    t = await testApp({ commentLimits: RELAXED });
    mod = await t.tokenFor('moderator');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/articles',
      headers: { authorization: `Bearer ${t.token}` },
      payload: { title: 'خبری برای نظر', body: '<p>متن</p>', status: 'published' },
    });
    code = (res.json() as { code: number }).code;
  });
  afterAll(async () => t?.cleanup());

  it('refuses a banned email written with a +tag, a trailing dot, upper case or spaces', async () => {
    await ban('مزاحم', 'troll@example.com', 'email');
    for (const email of ['troll@example.com', 'troll+tag@example.com', 'TROLL@Example.COM', 'troll@example.com.', ' Troll+x.y@EXAMPLE.com.. ']) {
      const res = await send(`نام ${n}`, email, `10.7.7.${n % 250}`);
      expect(res.statusCode, email).toBe(403);
      expect(res.json().error.code).toBe('banned');
    }
    // Someone else at the same domain is not.
    expect((await send('دیگری', 'trolley@example.com', '10.6.6.6')).statusCode).toBe(202);
  });

  it('refuses a banned email whose ban holds the tagged form, and a Gmail address with dots', async () => {
    await ban('مزاحم دوم', 'Second+Spam@Example.org', 'email');
    expect((await send('کسی', 'second@example.org', '10.5.5.1')).statusCode).toBe(403);
    expect((await send('کسی', 'second+other@example.org.', '10.5.5.2')).statusCode).toBe(403);
    await ban('مزاحم سوم', 'j.doe.x@gmail.com', 'email');
    expect((await send('کسی', 'jdoex@googlemail.com', '10.5.5.3')).statusCode).toBe(403);
    expect((await send('کسی', 'J.D.O.E.X+a@Gmail.com', '10.5.5.4')).statusCode).toBe(403);
  });

  it('refuses a banned name written with ZWNJ, NBSP, zero-width, Arabic letters or other case', async () => {
    await ban('علی‌رضا کریمی', 'ali@example.net', 'name');
    const variants = [
      'علی‌رضا کریمی', // as banned
      'علیرضا کریمی', // no ZWNJ
      'علی رضا کریمی', // a space for the ZWNJ
      'علی‌رضا\u00a0کریمی', // NBSP
      'علی\u200bرضا  کریمی', // zero-width space, two spaces
      'علي‌رضا كريمي', // Arabic yeh and kaf
      'عل\u200dی‌رضا ک\u200eریمی', // ZWJ, LRM
      'علی‌رضا کریـــمی', // tatweel
    ];
    for (const name of variants) {
      const res = await send(name, `other${++n}@example.net`, `10.4.4.${n % 250}`);
      expect(res.statusCode, JSON.stringify(name)).toBe(403);
    }
    await ban('John Doe', 'john@example.net', 'name');
    for (const name of ['JOHN DOE', 'john\u00a0doe', 'John\u200cDoe', 'Ｊｏｈｎ Ｄｏｅ']) {
      expect((await send(name, `j${++n}@example.net`, `10.3.3.${n % 250}`)).statusCode, name).toBe(403);
    }
    expect((await send('علی کریمی', 'fine@example.net', '10.2.2.2')).statusCode).toBe(202);
  });

  it('matches bans stored before the change, in their old form', async () => {
    const now = Date.now();
    await t.storage.db.insertInto('bans').values({ kind: 'email', value: 'legacy+old@example.com', reason: '', created_by: null, created_at: now }).execute();
    await t.storage.db.insertInto('bans').values({ kind: 'name', value: 'كاوه\u00a0محمدي', reason: '', created_by: null, created_at: now }).execute();
    expect((await send('کسی دیگر', 'legacy@example.com', '10.1.1.3')).statusCode).toBe(403);
    expect((await send('کاوه محمدی', 'kaveh@example.com', '10.1.1.4')).statusCode).toBe(403);
    expect(await isBanned(t.storage.db, { email: 'LEGACY@example.com.', clientHash: 'x', name: 'x' })).toBe(true);
  });

  it('has one canonical form per email and name', () => {
    expect(canonicalEmail(' Name+Tag@Example.COM. ')).toBe('name@example.com');
    expect(canonicalEmail('first.last@example.com')).toBe('first.last@example.com');
    expect(canonicalEmail('first.last+x@googlemail.com')).toBe('firstlast@gmail.com');
    expect(canonicalName('علي‌رضا\u00a0كريمي')).toBe(canonicalName('علیرضا کریمی'));
    expect(canonicalName('  ')).toBe('');
  });
});
