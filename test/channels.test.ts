// The messenger outbox against a fake Telegram-style bot server of our own on 127.0.0.1 that
// records every call and can be told to fail: a story is posted exactly once per channel,
// retried with backoff, cancelled when unpublished first, and its status is visible to
// editors; on every engine.
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../src/channels/index.js';
import { startScheduler, type Scheduler } from '../src/jobs/index.js';
import { testApp, type TestApp } from './support/app.js';
import { ENGINES } from './support/storage.js';

interface Call {
  path: string;
  body: { chat_id?: string; text?: string };
}

/** A bot API that answers like Telegram's, records calls, and fails on demand. */
class FakeBot {
  readonly calls: Call[] = [];
  private server: Server | undefined;
  /** Answers to give before succeeding again: a status and a body each. */
  failures: Array<{ status: number; body: unknown }> = [];
  /** Milliseconds to wait before answering (to make concurrent senders overlap). */
  delayMs = 0;
  private nextId = 1000;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        let body: Call['body'];
        try {
          body = JSON.parse(raw) as Call['body'];
        } catch {
          body = {};
        }
        this.calls.push({ path: req.url ?? '', body });
        const failure = this.failures.shift();
        const answer = failure ?? { status: 200, body: { ok: true, result: { message_id: this.nextId++, chat: { id: -100 }, text: body.text } } };
        setTimeout(() => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer.body));
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}`;
  }

  failNext(n: number, status = 502): void {
    for (let i = 0; i < n; i++) this.failures.push({ status, body: { ok: false, error_code: status, description: 'Bad Gateway' } });
  }

  reset(): void {
    this.calls.length = 0;
    this.failures = [];
    this.delayMs = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface DeliveryJson {
  status: string;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  channel: { id: number; kind: string; name: string };
}

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`messenger channels on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    let scheduler: Scheduler;
    const bot = new FakeBot();
    let clock = Date.parse('2026-11-28T08:00:00Z');
    const now = () => new Date(clock);
    const admin = () => ({ authorization: `Bearer ${t.token}` });
    let channelId: number;

    const publish = async (payload: Record<string, unknown>) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/articles',
        headers: admin(),
        payload: { body: '<p>متن</p>', status: 'published', ...payload },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { code: number; url: string };
    };
    const patch = async (code: number, payload: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${code}`, headers: admin(), payload });
      expect(res.statusCode, res.body).toBe(200);
    };
    const deliveries = async (code: number, headers = admin()) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${code}/deliveries`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: DeliveryJson[] }).items;
    };
    /** Waits for the outbox's reaction to a change (it runs on the change bus, after the answer). */
    const settled = (code: number, check: (d: DeliveryJson[]) => boolean) =>
      expect.poll(async () => check(await deliveries(code)), { timeout: 5000, interval: 20 }).toBe(true);

    beforeAll(async () => {
      await bot.start();
      t = await testApp({ engine: engine.name, now, env: { DABIR_CHANNEL_HOSTS: '127.0.0.1' } });
      scheduler = startScheduler({
        storage: t.storage,
        articles: { db: t.storage.db, bus: t.bus, now },
        channelHosts: t.config.channelHosts,
        intervalMs: 3600_000,
      });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/channels',
        headers: admin(),
        payload: { kind: 'telegram', name: 'کانال دبیر', baseUrl: bot.url, token: '123456:SECRET-token_x', chatId: '@dabir_news' },
      });
      expect(res.statusCode, res.body).toBe(201);
      channelId = (res.json() as { id: number }).id;
    });
    afterEach(() => bot.reset());
    afterAll(async () => {
      await scheduler?.stop();
      await t?.cleanup();
      await bot.stop();
    });

    it('posts a published story exactly once, with the bot failing its first two calls', async () => {
      bot.failNext(2);
      clock += 60_000;
      const story = await publish({ title: 'هیچ مکاتبه جدیدی با تلگرام نداشتیم', lead: 'معاون وزیر هرگونه مذاکره محرمانه را رد کرد.' });
      // The first try runs right after publishing, on the change bus.
      await settled(story.code, (d) => d[0]?.attempts === 1 && d[0].lastError !== null);
      let [d] = await deliveries(story.code);
      expect(d).toMatchObject({ status: 'pending', attempts: 1, channel: { id: channelId, kind: 'telegram', name: 'کانال دبیر' } });
      expect(d!.lastError).toContain('502');
      expect(Date.parse(d!.nextAttemptAt!) - clock).toBe(30_000);
      // Not before its time.
      await scheduler.tick();
      expect(bot.calls).toHaveLength(1);
      clock += 30_000;
      await scheduler.tick();
      expect(bot.calls).toHaveLength(2);
      [d] = await deliveries(story.code);
      expect(d).toMatchObject({ status: 'pending', attempts: 2 });
      expect(Date.parse(d!.nextAttemptAt!) - clock).toBe(60_000); // twice the wait
      clock += 60_000;
      await scheduler.tick();
      expect(bot.calls).toHaveLength(3);
      [d] = await deliveries(story.code);
      expect(d).toMatchObject({ status: 'sent', attempts: 3, lastError: null, nextAttemptAt: null, messageId: '1000' });
      // Never again: more ticks, an edit, taking it down and putting it back up.
      for (let i = 0; i < 3; i++) {
        clock += 3600_000;
        await scheduler.tick();
      }
      await patch(story.code, { lead: 'لید ویرایش‌شده' });
      await patch(story.code, { status: 'unpublished' });
      await patch(story.code, { status: 'published' });
      clock += 3600_000;
      await scheduler.tick();
      await settled(story.code, (x) => x[0]?.status === 'sent');
      expect(bot.calls).toHaveLength(3);
      const call = bot.calls[2]!;
      expect(call.path).toBe('/bot123456:SECRET-token_x/sendMessage');
      expect(call.body.chat_id).toBe('@dabir_news');
      expect(call.body.text).toBe(`هیچ مکاتبه جدیدی با تلگرام نداشتیم\n\nمعاون وزیر هرگونه مذاکره محرمانه را رد کرد.\n\nhttp://news.test/news/${story.code}`);
    });

    it('cancels the post of a story unpublished before it was posted, and never sends it', async () => {
      bot.failNext(50);
      clock += 60_000;
      const story = await publish({ title: 'خبری که پیش از ارسال برداشته شد', lead: 'لید' });
      await settled(story.code, (d) => d[0]?.attempts === 1 && d[0].lastError !== null);
      expect(bot.calls).toHaveLength(1);
      await patch(story.code, { status: 'unpublished' });
      await settled(story.code, (d) => d[0]?.status === 'cancelled');
      const [d] = await deliveries(story.code);
      expect(d).toMatchObject({ status: 'cancelled', nextAttemptAt: null, sentAt: null });
      expect(d!.lastError).toBe('خبر پیش از ارسال از انتشار خارج شد');
      for (let i = 0; i < 4; i++) {
        clock += 3600_000;
        await scheduler.tick();
      }
      expect(bot.calls).toHaveLength(1);
      expect((await deliveries(story.code))[0]!.status).toBe('cancelled');
    });

    it('posts a story taken down and put up again before anything was sent, once', async () => {
      bot.failNext(1);
      clock += 60_000;
      const story = await publish({ title: 'خبر دوباره منتشرشده', lead: 'لید' });
      await settled(story.code, (d) => d[0]?.attempts === 1 && d[0].lastError !== null);
      await patch(story.code, { status: 'unpublished' });
      await settled(story.code, (d) => d[0]?.status === 'cancelled');
      // Published again before anything was sent: it goes out, once.
      await patch(story.code, { status: 'published' });
      await settled(story.code, (d) => d[0]?.status === 'sent');
      expect(bot.calls).toHaveLength(2);
    });

    it('never lets two instances post the same story twice, even claiming at the same moment', async () => {
      bot.failNext(1);
      clock += 60_000;
      const story = await publish({ title: 'خبر برای دو نمونه هم‌زمان', lead: 'لید' });
      await settled(story.code, (d) => d[0]?.attempts === 1 && d[0].lastError !== null);
      clock += 30_000;
      bot.delayMs = 150;
      const deps = { db: t.storage.db, engine: t.storage.engine, now, channelHosts: t.config.channelHosts };
      const [reports] = await Promise.all([Promise.all([deliverDue(deps), deliverDue(deps), deliverDue(deps)]), scheduler.tick()]);
      expect(bot.calls).toHaveLength(2);
      expect(reports.reduce((n, r) => n + r.sent, 0)).toBeLessThanOrEqual(1);
      expect((await deliveries(story.code))[0]).toMatchObject({ status: 'sent', attempts: 2 });
      const rows = await t.storage.db.selectFrom('channel_deliveries').select('id').where('channel_id', '=', channelId).execute();
      expect(rows.length).toBe(new Set(rows.map((r) => r.id)).size);
    });

    it('gives up at once on a refusal that will not change, and keeps the token out of the error', async () => {
      bot.failures.push({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized: token 123456:SECRET-token_x is wrong' } });
      clock += 60_000;
      const story = await publish({ title: 'خبر با توکن نادرست', lead: 'لید' });
      await settled(story.code, (d) => d[0]?.status === 'failed');
      const [d] = await deliveries(story.code);
      expect(d).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
      expect(d!.lastError).toContain('401');
      expect(d!.lastError).not.toContain('SECRET');
      clock += 3600_000;
      await scheduler.tick();
      expect(bot.calls).toHaveLength(1);
    });

    it('does not post old stories: one published before the channel existed, or backdated', async () => {
      clock += 60_000;
      const old = await publish({ title: 'خبر قدیمی واردشده', publishedAt: new Date(clock - 30 * 86400_000).toISOString() });
      await patch(old.code, { lead: 'ویرایش خبر قدیمی' });
      clock += 60_000;
      await scheduler.tick();
      expect(await deliveries(old.code)).toEqual([]);
      expect(bot.calls).toHaveLength(0);
    });

    it('lets only administrators manage channels and never returns a token; editors see deliveries, reporters do not', async () => {
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/channels', headers: admin() });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('SECRET');
      expect(list.body).not.toMatch(/"token"/);
      expect(list.json().items[0]).toMatchObject({
        id: channelId,
        kind: 'telegram',
        name: 'کانال دبیر',
        baseUrl: bot.url,
        customBaseUrl: true,
        chatId: '@dabir_news',
        enabled: true,
      });
      const editor = { authorization: `Bearer ${await t.tokenFor('editor')}` };
      const reporter = { authorization: `Bearer ${await t.tokenFor('reporter')}` };
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/channels', headers: editor })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/channels' })).statusCode).toBe(401);
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/channels', headers: editor, payload: { kind: 'bale', token: 'x', chatId: '1' } })).statusCode,
      ).toBe(403);
      const bad = await t.app.inject({ method: 'POST', url: '/api/v1/channels', headers: admin(), payload: { kind: 'whatsapp', token: 'x', chatId: '1' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('validation_failed');
      const slash = await t.app.inject({ method: 'POST', url: '/api/v1/channels', headers: admin(), payload: { kind: 'bale', token: '../../x', chatId: '1' } });
      expect(slash.statusCode).toBe(400);
      const story = await publish({ title: 'خبر برای دیدن وضعیت' });
      await settled(story.code, (d) => d[0]?.status === 'sent');
      expect((await deliveries(story.code, editor))[0]!.status).toBe('sent');
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/articles/${story.code}/deliveries`, headers: reporter })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/articles/999999999/deliveries', headers: editor })).statusCode).toBe(404);
    });

    it("takes each kind's default bot API address from one table, and posts to every enabled channel", async () => {
      const bale = await t.app.inject({
        method: 'POST',
        url: '/api/v1/channels',
        headers: admin(),
        payload: { kind: 'bale', token: '777:bale', chatId: '5001' },
      });
      expect(bale.json()).toMatchObject({ kind: 'bale', name: 'بله', baseUrl: 'https://tapi.bale.ai', customBaseUrl: false });
      const baleId = (bale.json() as { id: number }).id;
      // Point it at the fake server, then add a disabled Eitaa channel.
      const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/channels/${baleId}`, headers: admin(), payload: { baseUrl: `${bot.url}/bale` } });
      expect(moved.json()).toMatchObject({ baseUrl: `${bot.url}/bale`, customBaseUrl: true });
      const eitaa = await t.app.inject({
        method: 'POST',
        url: '/api/v1/channels',
        headers: admin(),
        payload: { kind: 'eitaa', token: 'eit', chatId: 'dabir', baseUrl: `${bot.url}/eitaa`, enabled: false },
      });
      expect(eitaa.json()).toMatchObject({ kind: 'eitaa', name: 'ایتا', enabled: false });
      clock += 60_000;
      const story = await publish({ title: 'خبر برای همه کانال‌ها', lead: 'لید' });
      await settled(story.code, (d) => d.length === 2 && d.every((x) => x.status === 'sent'));
      expect(bot.calls.map((c) => c.path).sort()).toEqual(['/bale/bot777:bale/sendMessage', '/bot123456:SECRET-token_x/sendMessage']);
      // Disabling a channel cancels what it still had to post.
      await t.app.inject({ method: 'PATCH', url: `/api/v1/channels/${channelId}`, headers: admin(), payload: { enabled: false } });
      bot.reset();
      bot.failNext(1);
      clock += 60_000;
      const late = await publish({ title: 'خبر پیش از غیرفعال شدن کانال', lead: 'لید' });
      await settled(late.code, (d) => d.length === 1 && d[0]!.attempts === 1 && d[0]!.lastError !== null);
      const off = await t.app.inject({ method: 'PATCH', url: `/api/v1/channels/${baleId}`, headers: admin(), payload: { enabled: false } });
      expect(off.json()).toMatchObject({ enabled: false });
      expect((await deliveries(late.code))[0]).toMatchObject({ status: 'cancelled', lastError: 'کانال غیرفعال شد', channel: { kind: 'bale' } });
      clock += 3600_000;
      await scheduler.tick();
      expect(bot.calls).toHaveLength(1);
    });
  });
}
