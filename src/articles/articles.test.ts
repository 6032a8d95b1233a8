import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type User } from '../auth/index.js';
import { createLocalBus } from '../events/index.js';
import { ENGINES, openTestStorage } from '../../test/support/storage.js';
import { CompiledQuery, type Kysely, type RootOperationNode } from 'kysely';
import type { Database, Db } from '../storage/index.js';
import {
  addViews,
  createArticle,
  findArticleByCode,
  mostViewed,
  latestPublished,
  latestSummaries,
  listArticles,
  publishDueArticles,
  relatedSummaries,
  updateArticle,
  type ArticleDeps,
} from './index.js';

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`articles on ${engine.name}${engine.note}`, () => {
    let ctx: Awaited<ReturnType<typeof openTestStorage>>;
    let deps: ArticleDeps;
    let editor: User;
    let reporter: User;
    let clock = new Date('2026-11-28T11:00:00Z');
    const changed: string[][] = [];

    beforeAll(async () => {
      ctx = await openTestStorage(engine.name);
      const bus = createLocalBus();
      bus.subscribe((keys) => changed.push(keys));
      deps = { db: ctx.storage.db, bus, now: () => clock, siteHost: 'news.example' };
      editor = await createUser(ctx.storage.db, { email: 'editor@example.com', role: 'editor', password: 'x'.repeat(10), now: clock });
      reporter = await createUser(ctx.storage.db, { email: 'reporter@example.com', role: 'reporter', password: 'x'.repeat(10), now: clock });
    });
    afterAll(async () => ctx?.cleanup());

    it('hands out increasing news codes and keeps the whole anatomy', async () => {
      const a = await createArticle(
        deps,
        {
          title: 'نخستین خبر',
          kicker: 'روتیتر',
          lead: 'لید خبر',
          body: '<p>متن</p><h2>میان‌تیتر</h2>',
          source: 'به گزارش دبیر',
          service: 'politics',
          tags: ['مجلس', 'دولت'],
          status: 'published',
        },
        editor,
      );
      const b = await createArticle(deps, { title: 'دومین خبر', body: '<p>متن</p>' }, editor);
      expect(b.code).toBeGreaterThan(a.code);
      expect(a).toMatchObject({
        kicker: 'روتیتر',
        lead: 'لید خبر',
        source: 'به گزارش دبیر',
        status: 'published',
        service: { slug: 'politics', name: 'سیاسی' },
      });
      expect(a.tags.map((t) => t.name)).toEqual(['مجلس', 'دولت']);
      expect(a.publishedAt?.toISOString()).toBe(clock.toISOString());
      expect(b.status).toBe('draft');
      expect(changed.flat()).toContain(`article:${a.code}`);
    });

    it('accepts an explicit free code, refuses a taken one, and never hands a reserved code out later', async () => {
      const high = await createArticle(deps, { title: 'خبر واردشده', body: '', code: 387228 }, editor);
      expect(high.code).toBe(387228);
      await expect(createArticle(deps, { title: 'تکراری', body: '', code: 387228 }, editor)).rejects.toMatchObject({ code: 'code_taken', status: 409 });
      const next = await createArticle(deps, { title: 'پس از آن', body: '' }, editor);
      // An explicit code never moves the sequence (docs/security.md): the next code is the counter's.
      expect(next.code).not.toBe(387228);
      expect(next.code).toBeLessThan(387228);
    });

    it('gives 50 concurrent creates 50 distinct codes', async () => {
      const created = await Promise.all(Array.from({ length: 50 }, (_, i) => createArticle(deps, { title: `هم‌زمان ${i}`, body: '' }, editor)));
      expect(new Set(created.map((a) => a.code)).size).toBe(50);
    });

    it('sanitizes the body on write', async () => {
      const a = await createArticle(
        deps,
        {
          title: 'بدنه خطرناک',
          body: '<p onclick="x()">سلام<script>alert(1)</script></p><img src="https://news.example/a.jpg" onerror="alert(1)"><a href="javascript:alert(1)">بد</a><a href="https://other.example/x">بیرونی</a><iframe src="https://evil.example"></iframe>',
        },
        editor,
      );
      expect(a.body).not.toMatch(/script|onerror|onclick|javascript:|iframe/i);
      expect(a.body).toContain('<a href="https://other.example/x" rel="noopener">بیرونی</a>');
    });

    it('folds Arabic letter forms in the title and makes a Persian slug', async () => {
      const a = await createArticle(deps, { title: 'كاهش قيمت مسكن در تهران', body: '' }, editor);
      expect(a.title).toBe('کاهش قیمت مسکن در تهران');
      expect(a.slug).toBe('کاهش-قیمت-مسکن-در-تهران');
    });

    it('schedules a story published with a future time and publishes it when the time comes', async () => {
      const later = new Date(clock.getTime() + 3600_000);
      const a = await createArticle(deps, { title: 'خبر زمان‌بندی‌شده', body: '', status: 'published', publishedAt: later.toISOString() }, editor);
      expect(a.status).toBe('scheduled');
      expect((await latestPublished(deps.db, { now: clock.getTime(), limit: 100 })).map((x) => x.code)).not.toContain(a.code);
      clock = new Date(later.getTime() + 1000);
      expect(await publishDueArticles(deps)).toEqual([a.code]);
      expect((await findArticleByCode(deps.db, a.code))?.status).toBe('published');
    });

    it('lets a reporter write and submit a draft but not publish it', async () => {
      const draft = await createArticle(deps, { title: 'پیش‌نویس خبرنگار', body: '<p>متن</p>' }, reporter);
      const submitted = await updateArticle(deps, draft.code, { status: 'review' }, reporter);
      expect(submitted.status).toBe('review');
      await expect(updateArticle(deps, draft.code, { status: 'published' }, reporter)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(createArticle(deps, { title: 'منتشر کن', body: '', status: 'published' }, reporter)).rejects.toMatchObject({ code: 'forbidden' });
      const published = await updateArticle(deps, draft.code, { status: 'published' }, editor);
      expect(published.status).toBe('published');
    });

    it('updates some fields and keeps the others', async () => {
      const a = await createArticle(deps, { title: 'قبل', lead: 'لید', body: '<p>یک</p>', tags: ['الف'] }, editor);
      const b = await updateArticle(deps, a.code, { title: 'بعد', tags: ['ب', 'ج'] }, editor);
      expect(b).toMatchObject({ title: 'بعد', slug: 'بعد', lead: 'لید', body: '<p>یک</p>', code: a.code });
      expect(b.tags.map((t) => t.name)).toEqual(['ب', 'ج']);
      await expect(updateArticle(deps, a.code, { code: a.code + 1 }, editor)).rejects.toMatchObject({ code: 'validation_failed' });
      await expect(updateArticle(deps, 999_999_999, { title: 'x' }, editor)).rejects.toMatchObject({ code: 'article_not_found' });
    });

    it('refuses a story without a title, with the field named', async () => {
      await expect(createArticle(deps, { title: '   ', body: '' }, editor)).rejects.toMatchObject({
        code: 'validation_failed',
        fields: { title: expect.any(String) },
      });
    });

    it('lists newest first across pages without repeating or skipping', async () => {
      const seen: number[] = [];
      let after: [number, number] | undefined;
      for (let i = 0; i < 100; i++) {
        const page = await listArticles(deps.db, { limit: 7, after });
        seen.push(...page.items.map((a) => a.code));
        if (!page.more) break;
        after = page.last;
      }
      const total = (
        await deps.db
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
      expect(seen.length).toBe(Number(total));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('relates the newest public stories sharing a tag, then fills from the service', async () => {
      const at = (minutes: number) => new Date(clock.getTime() - minutes * 60_000).toISOString();
      const make = (title: string, tags: string[], extra: Record<string, unknown> = {}) =>
        createArticle(deps, { title, body: '<p>متن</p>', service: 'economy', tags, status: 'published', ...extra }, editor);
      const story = await make('خبر اصلی درباره یارانه', ['یارانه-آزمون', 'بودجه-آزمون'], { publishedAt: at(1) });
      const older = await make('یارانه در سال گذشته', ['یارانه-آزمون'], { publishedAt: at(300) });
      const newer = await make('بودجه تازه', ['بودجه-آزمون'], { publishedAt: at(10) });
      const draft = await make('پیش‌نویس یارانه', ['یارانه-آزمون'], { status: 'draft' });
      const future = await make('یارانه فردا', ['یارانه-آزمون'], { publishedAt: new Date(clock.getTime() + 3600_000).toISOString() });
      const sameService = await make('خبر دیگری از اقتصاد', ['برچسب-دیگر-آزمون'], { publishedAt: at(5) });
      const related = await relatedSummaries(deps.db, story, { now: clock.getTime(), limit: 4 });
      const codes = related.map((r) => r.code);
      // Tagged ones first, newest first; then the service's newest; never itself, a draft or a story not yet out.
      expect(codes.slice(0, 2)).toEqual([newer.code, older.code]);
      expect(codes).toContain(sameService.code);
      expect(codes).not.toContain(story.code);
      expect(codes).not.toContain(draft.code);
      expect(codes).not.toContain(future.code);
      expect(new Set(codes).size).toBe(codes.length);
      expect(related[0]).toMatchObject({ title: 'بودجه تازه', service: { slug: 'economy' } });
      expect(related[0]).not.toHaveProperty('body');
    });

    it("ranks the week's stories by views for «most viewed», leaving older ones out", async () => {
      const at = (days: number) => new Date(clock.getTime() - days * 86400_000).toISOString();
      const popularOld = await createArticle(deps, { title: 'پربازدید قدیمی', body: '<p>x</p>', status: 'published', publishedAt: at(30) }, editor);
      const top = await createArticle(deps, { title: 'پربازدید هفته', body: '<p>x</p>', status: 'published', publishedAt: at(2) }, editor);
      const second = await createArticle(deps, { title: 'دومین پربازدید', body: '<p>x</p>', status: 'published', publishedAt: at(1) }, editor);
      await addViews(
        deps.db,
        new Map([
          [popularOld.code, 1_000_000],
          [top.code, 500_000],
          [second.code, 400_000],
        ]),
      );
      const ranked = await mostViewed(deps.db, { now: clock.getTime(), since: clock.getTime() - 7 * 86400_000, limit: 2 });
      expect(ranked.map((r) => r.code)).toEqual([top.code, second.code]);
    });

    it('lists summaries in the same order as whole stories', async () => {
      const q = { now: clock.getTime(), limit: 5, offset: 1 };
      expect((await latestSummaries(deps.db, q)).map((a) => a.code)).toEqual((await latestPublished(deps.db, q)).map((a) => a.code));
    });

    it.skipIf(engine.name !== 'sqlite')("looks a rare tag's stories up by id, never by walking the archive newest first (SQLite plans)", async () => {
      // An old story with a rare tag: walking `articles_status_published` newest
      // first would read the whole archive to find its few matches, for its related
      // stories and for its tag's page alike.
      const old = await createArticle(
        deps,
        { title: 'خبری قدیمی با برچسبی کمیاب', body: '<p>متن</p>', tags: ['کمیاب-آزمون'], status: 'published', publishedAt: '2020-01-01T00:00:00Z' },
        editor,
      );
      const tag = (await deps.db.selectFrom('tags').select('id').where('slug', '=', 'کمیاب-آزمون').executeTakeFirstOrThrow()).id;
      const now = clock.getTime();
      for (const run of [(db: Db) => relatedSummaries(db, old, { now, limit: 4 }), (db: Db) => latestSummaries(db, { now, limit: 20, tagId: tag })]) {
        const listing = (await capture(deps.db, run)).filter((q) => q.sql.includes('"a"."title"') && q.sql.includes('article_tags'));
        expect(listing.length).toBeGreaterThan(0);
        for (const query of listing) {
          const plan = await deps.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
          const details = plan.rows.map((r) => r.detail).join(' | ');
          expect(details).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/);
          expect(details).not.toMatch(/articles_status_published/);
        }
      }
    });
  });
}

/** The statements `run` sends, compiled as the database receives them. */
async function capture(db: Kysely<Database>, run: (db: Db) => Promise<unknown>): Promise<CompiledQuery[]> {
  const nodes: RootOperationNode[] = [];
  await run(db.withPlugin({ transformQuery: ({ node }) => (nodes.push(node), node), transformResult: async ({ result }) => result }));
  return nodes.map((node, i) => db.getExecutor().compileQuery(node, { queryId: `capture-${i}` }));
}
