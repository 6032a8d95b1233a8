import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type User } from '../auth/index.js';
import { createArticle, type ArticleDeps } from '../articles/index.js';
import { createLocalBus } from '../events/index.js';
import { ENGINES, openTestStorage } from '../../test/support/storage.js';
import { createLocalRateLimiter, decideComment, findComment, Moderator, moderationQueue, publishedComments, submitComment, type CommentDeps } from './index.js';

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`comments on ${engine.name}${engine.note}`, () => {
    let ctx: Awaited<ReturnType<typeof openTestStorage>>;
    let deps: CommentDeps;
    let moderator: User;
    let reporter: User;
    let code: number;
    let articleId: number;
    const clock = new Date('2026-11-28T11:00:00Z');
    const keys: string[] = [];
    let n = 0;
    const client = () => ({ address: `10.0.0.${++n}` });
    const email = () => `reader${++n}@example.com`;

    beforeAll(async () => {
      ctx = await openTestStorage(engine.name);
      const bus = createLocalBus();
      bus.subscribe((k) => keys.push(...k));
      const articles: ArticleDeps = { db: ctx.storage.db, bus, now: () => clock };
      const editor = await createUser(ctx.storage.db, { email: 'ed@example.com', role: 'editor', now: clock });
      moderator = await createUser(ctx.storage.db, { email: 'mod@example.com', role: 'moderator', now: clock });
      reporter = await createUser(ctx.storage.db, { email: 'rep@example.com', role: 'reporter', now: clock });
      const article = await createArticle(articles, { title: 'خبر با نظر', body: '<p>متن</p>', status: 'published' }, editor);
      code = article.code;
      articleId = article.id;
      const m = new Moderator();
      await m.load(ctx.storage.db);
      deps = {
        db: ctx.storage.db,
        bus,
        now: () => clock,
        mode: 'pre',
        moderator: m,
        limiter: createLocalRateLimiter(),
        limits: { perClient: [{ count: 3, windowMs: 60_000 }], perEmail: [{ count: 100, windowMs: 60_000 }] },
        clientKey: 'test-key',
        trustAfter: 2,
      };
    });
    afterAll(async () => ctx?.cleanup());

    it('stores a comment with the engine verdict and keeps it waiting in pre-moderation', async () => {
      const r = await submitComment(deps, code, { name: 'مینا', email: 'Mina@Example.com', body: 'گزارش دقیقی بود.' }, client());
      expect(r.status).toBe('pending');
      const c = (await findComment(ctx.storage.db, r.id))!;
      expect(c).toMatchObject({ verdict: 'allow', labels: [], email: 'mina@example.com', status: 'pending' });
      const row = await ctx.storage.db.selectFrom('comments').select('client_hash').where('id', '=', r.id).executeTakeFirstOrThrow();
      expect(row.client_hash).not.toContain('10.0.0');
      expect(await publishedComments(ctx.storage.db, articleId)).toEqual([]);
      const log = await ctx.storage.db.selectFrom('moderation_log').selectAll().where('comment_id', '=', r.id).execute();
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ action: 'engine', decided_by: null, verdict: 'allow' });
    });

    it('publishes a comment when a moderator approves it, and records who decided', async () => {
      const r = await submitComment(deps, code, { name: 'رضا', email: email(), body: 'سپاس از گزارش.' }, client());
      keys.length = 0;
      const decided = await decideComment(deps, r.id, 'approve', moderator);
      expect(decided.status).toBe('published');
      expect((await publishedComments(ctx.storage.db, articleId)).map((c) => c.id)).toContain(r.id);
      expect(keys).toContain(`article:${code}`);
      const log = await ctx.storage.db.selectFrom('moderation_log').selectAll().where('comment_id', '=', r.id).orderBy('id').execute();
      expect(log.map((l) => [l.action, l.decided_by])).toEqual([
        ['engine', null],
        ['approve', moderator.id],
      ]);
    });

    it('refuses decisions from someone who is not a moderator', async () => {
      const r = await submitComment(deps, code, { name: 'سارا', email: email(), body: 'نظر تازه.' }, client());
      await expect(decideComment(deps, r.id, 'approve', reporter)).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('publishes an allowed comment at once in post-moderation, and rejects a blocked one', async () => {
      const post = { ...deps, mode: 'post' as const };
      const ok = await submitComment(post, code, { name: 'نگار', email: email(), body: 'تحلیل خوبی بود، ممنون.' }, client());
      expect(ok.status).toBe('published');
      const spam = await submitComment(
        post,
        code,
        { name: 'فروش', email: email(), body: 'فروش فیلترشکن پرسرعت، در تلگرام پیام بدید: @vpn_shop_fast' },
        client(),
      );
      expect(spam.status).toBe('spam');
      const held = await submitComment(post, code, { name: 'بی‌جاوا', email: email(), body: 'نظری بدون آزمون.' }, { ...client(), hold: true });
      expect(held.status).toBe('pending');
    });

    it('refuses the same comment twice from the same email', async () => {
      const e = email();
      await submitComment(deps, code, { name: 'تکرار', email: e, body: 'این نظر یک بار کافی است' }, client());
      await expect(submitComment(deps, code, { name: 'تکرار', email: e, body: 'این نظر، یک بار کافی است!' }, client())).rejects.toMatchObject({
        code: 'duplicate_comment',
        status: 409,
      });
    });

    it('limits one client to its rate, with the seconds to wait', async () => {
      const same = { address: '10.9.9.9' };
      for (let i = 0; i < 3; i++) await submitComment(deps, code, { name: 'پرکار', email: email(), body: `نظر شماره ${i} از یک نشانی` }, same);
      await expect(submitComment(deps, code, { name: 'پرکار', email: email(), body: 'نظر چهارم' }, same)).rejects.toMatchObject({
        code: 'comment_rate_limited',
        retryAfter: expect.any(Number),
      });
    });

    it('refuses a banned email, and comments on a closed or unknown story', async () => {
      const e = email();
      await ctx.storage.db.insertInto('bans').values({ kind: 'email', value: e, reason: '', created_by: moderator.id, created_at: clock.getTime() }).execute();
      await expect(submitComment(deps, code, { name: 'ممنوع', email: e, body: 'دوباره آمدم' }, client())).rejects.toMatchObject({ code: 'banned' });
      await expect(submitComment(deps, 999_999_999, { name: 'کسی', email: email(), body: 'سلام' }, client())).rejects.toMatchObject({
        code: 'article_not_found',
      });
      await ctx.storage.db.updateTable('articles').set({ comments_open: 0 }).where('id', '=', articleId).execute();
      await expect(submitComment(deps, code, { name: 'کسی', email: email(), body: 'سلام دوباره' }, client())).rejects.toMatchObject({
        code: 'comments_closed',
      });
      await ctx.storage.db.updateTable('articles').set({ comments_open: 1 }).where('id', '=', articleId).execute();
    });

    it('threads a reply under a published comment only', async () => {
      const parent = await submitComment(deps, code, { name: 'پدر', email: email(), body: 'نظر اصلی' }, client());
      await expect(submitComment(deps, code, { name: 'پاسخ', email: email(), body: 'پاسخ زودهنگام', parentId: parent.id }, client())).rejects.toMatchObject({
        code: 'validation_failed',
      });
      await decideComment(deps, parent.id, 'approve', moderator);
      const reply = await submitComment(deps, code, { name: 'پاسخ', email: email(), body: 'پاسخ به‌موقع', parentId: parent.id }, client());
      expect((await findComment(ctx.storage.db, reply.id))!.parentId).toBe(parent.id);
    });

    it('orders the queue oldest first by default and by verdict on request', async () => {
      await submitComment(deps, code, { name: 'ناسزا', email: email(), body: 'خفه شو احمق نفهم' }, client());
      const oldest = await moderationQueue(ctx.storage.db, { status: 'pending', limit: 1000, order: 'oldest' });
      const times = oldest.map((c) => c.id);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      const byVerdict = await moderationQueue(ctx.storage.db, { status: 'pending', limit: 1000, order: 'verdict' });
      const rank = { block: 0, review: 1, allow: 2 } as const;
      const ranks = byVerdict.map((c) => rank[c.verdict]);
      expect([...ranks].sort()).toEqual(ranks);
      expect(byVerdict[0]!.verdict).not.toBe('allow');
    });
  });
}
