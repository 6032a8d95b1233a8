/**
 * Search on real databases, the same cases on every engine: the index written in the
 * story's own transaction, only published stories whose time has come found, statistics
 * kept exact by the incremental writes, filters, phrases, suggestions, synonyms, rebuilds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, publishDueArticles, updateArticle, type ArticleDeps, type ArticleInput } from '../src/articles/index.js';
import { createUser, type User } from '../src/auth/index.js';
import { createLocalBus } from '../src/events/index.js';
import { createSynonyms } from '../src/persian/index.js';
import {
  SynonymSource,
  indexStories,
  rebuildSearchIndex,
  searchArticles,
  searchIndexHook,
  writeSynonymSetting,
  type SearchRequest,
} from '../src/search/index.js';
import type { Storage } from '../src/storage/index.js';
import { ENGINES, openTestStorage } from './support/storage.js';

const DAY = 86_400_000;

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`search on ${engine.name}${engine.note}`, () => {
    let ctx: Awaited<ReturnType<typeof openTestStorage>>;
    let storage: Storage;
    let deps: ArticleDeps;
    let admin: User;
    let clock = Date.UTC(2026, 10, 28, 9, 0, 0); // 7 آذر 1405, 12:30 in Tehran
    const now = () => new Date(clock);
    const synonyms = new SynonymSource();

    beforeAll(async () => {
      ctx = await openTestStorage(engine.name);
      storage = ctx.storage;
      admin = await createUser(storage.db, { email: 'search@example.com', role: 'admin', password: 'search-password-1', now: now() });
      deps = { db: storage.db, bus: createLocalBus(), now, onArticleWritten: searchIndexHook(storage.engine, { now, synonyms }) };
    });
    afterAll(async () => ctx?.cleanup());

    const publish = (input: ArticleInput) => createArticle(deps, { status: 'published', body: '', ...input }, admin);
    const find = async (q: string, extra: Partial<SearchRequest> = {}) =>
      searchArticles(storage.db, storage.engine, { q, now: now(), synonyms: await synonyms.get(storage.db), ...extra });
    const codes = async (q: string, extra: Partial<SearchRequest> = {}) => (await find(q, extra)).hits.map((h) => h.code);
    const terms = async () =>
      Object.fromEntries((await storage.db.selectFrom('search_terms').select(['term', 'df']).orderBy('term').execute()).map((r) => [r.term, r.df]));
    const stats = () => storage.db.selectFrom('search_stats').selectAll().executeTakeFirstOrThrow();

    it('finds a published story by any spelling of its words, indexed in the transaction that wrote it', async () => {
      const story = await publish({
        title: 'سطح آب رودخانه كارون پايين آمد',
        lead: 'مسوولان آب خوزستان از کاهش دبی رودخانه خبر دادند.',
        body: '<p>پیام رسان های داخلی و آتش سوزی در ۱۲ روستا.</p>',
        service: 'environment',
      });
      for (const q of ['کارون', 'رودخانهٔ کارون', 'مسئولان آب خوزستان', 'پیام‌رسان', 'آتشسوزی', '12 روستا']) {
        expect(await codes(q), q).toEqual([story.code]);
      }
      const [hit] = (await find('مسئولان آب')).hits;
      expect(hit).toMatchObject({ title: story.title, slug: story.slug, service: { slug: 'environment' } });
      expect(hit?.snippet).toBe('<mark>مسوولان</mark> <mark>آب</mark> خوزستان از کاهش دبی رودخانه خبر دادند.');
    });

    it('does not find a draft, nor a scheduled story before the scheduler publishes it', async () => {
      const draft = await createArticle(deps, { title: 'پیش‌نویس محرمانه زعفران', body: '' }, admin);
      expect(draft.status).toBe('draft');
      const scheduled = await createArticle(
        deps,
        { title: 'خبر زمان‌بندی‌شده زعفران', body: '', status: 'scheduled', publishedAt: new Date(clock + DAY).toISOString() },
        admin,
      );
      expect(await codes('زعفران')).toEqual([]);
      clock += DAY + 1000;
      await publishDueArticles(deps);
      expect(await codes('زعفران')).toEqual([scheduled.code]);
    });

    it('finds an edited story by its new words only, and forgets an unpublished one', async () => {
      const story = await publish({ title: 'قیمت پسته در بازار' });
      expect(await codes('پسته')).toEqual([story.code]);
      await updateArticle(deps, story.code, { title: 'قیمت گردو در بازار' }, admin);
      expect(await codes('پسته')).toEqual([]);
      expect(await codes('گردو')).toEqual([story.code]);
      await updateArticle(deps, story.code, { status: 'unpublished' }, admin);
      expect(await codes('گردو')).toEqual([]);
    });

    it('writes the index with the story or not at all', async () => {
      const story = await publish({ title: 'خبر بادام' });
      await storage.db
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('articles').set({ title: 'خبر فندق' }).where('id', '=', story.id).execute();
          await indexStories(trx, storage.engine, [story.id], { now: clock, synonyms: createSynonyms() });
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      expect(await codes('فندق')).toEqual([]);
      expect(await codes('بادام')).toEqual([story.code]);
    });

    it('keeps term counts and totals exact through edits, the same as a rebuild gives', async () => {
      const before = { terms: await terms(), stats: await stats() };
      await rebuildSearchIndex(storage.db, storage.engine, { now: clock, synonyms: await synonyms.get(storage.db) });
      expect(await terms()).toEqual(before.terms);
      expect(await stats()).toEqual(before.stats);
      expect(Number(before.stats.docs)).toBe(3); // کارون, زعفران (once due), بادام; not the draft nor the unpublished
    });

    it('filters by service and by Jalali dates, in Latin or Persian digits', async () => {
      clock = Date.UTC(2026, 10, 28, 9, 0, 0);
      const old = await publish({ title: 'گزارش انار ساوه', service: 'economy', publishedAt: new Date(clock - 40 * DAY).toISOString() });
      const recent = await publish({ title: 'گزارش انار شیراز', service: 'society' });
      expect(await codes('انار')).toEqual([recent.code, old.code]);
      expect(await codes('انار', { service: 'economy' })).toEqual([old.code]);
      expect(await codes('انار service:society')).toEqual([recent.code]);
      expect(await codes('انار', { service: 'nowhere' })).toEqual([]);
      expect(await codes('انار from:1405-09-01')).toEqual([recent.code]);
      expect(await codes('انار', { to: '۱۴۰۵/۰۸/۳۰' })).toEqual([old.code]);
      expect((await find('انار', { from: '1405-13-01' })).problems).toHaveProperty('from');
    });

    it('keeps to quoted phrases', async () => {
      const phrase = await publish({ title: 'تعرفه اینترنت همراه گران شد' });
      const apart = await publish({ title: 'همراه با تعرفه تازه اینترنت' });
      expect(new Set(await codes('تعرفه اینترنت همراه'))).toEqual(new Set([phrase.code, apart.code]));
      expect(await codes('«اینترنت همراه» تعرفه')).toEqual([phrase.code]);
      expect(await codes('"اینترنت همراه"')).toEqual([phrase.code]);
    });

    it('answers a query that matches nothing with the results of fewer of its words, and names that query', async () => {
      const story = await publish({ title: 'برداشت خرما در بوشهر' });
      const outcome = await find('خرما بوشهر زیردریایی');
      expect(outcome.hits.map((h) => h.code)).toEqual([story.code]);
      expect(outcome.suggestion).toBe('خرما بوشهر');
      expect((await find('خرما')).suggestion).toBeUndefined();
      expect((await find('زیردریایی')).hits).toEqual([]);
    });

    it('lists stories that miss one word after those that have them all, when these are few', async () => {
      const both = await codes('خرما بوشهر');
      const partly = await publish({ title: 'صادرات خرما به عراق' });
      const outcome = await find('خرما بوشهر');
      expect(outcome.hits.map((h) => h.code)).toEqual([...both, partly.code]);
      expect(outcome.total).toBe(2);
      expect(outcome.suggestion).toBeUndefined();
      expect(await codes('«خرما بوشهر»')).toEqual(both); // a phrase is kept to while something matches it
    });

    it('finds a name written only in the other script, and words the stories join or split', async () => {
      const name = await publish({ title: 'اینترنت ماهواره‌ای استارلینک در دسترس نیست' });
      const joined = await publish({ title: 'قیمت تخممرغ بالا رفت' });
      const split = await publish({ title: 'زمین لرزه در کرمان' });
      expect(await codes('starlink')).toEqual([name.code]);
      expect(await codes('تخم مرغ')).toEqual([joined.code]);
      expect(await codes('زمینلرزه')).toEqual([split.code]);
    });

    it('reads an unknown word as a known word with another ending, or a letter away', async () => {
      const ending = await publish({ title: 'نمایشگاه فناوری‌های نو در کیش' });
      const near = await publish({ title: 'واکسن آنفلوانزا کمیاب شد' });
      expect(await codes('فناور')).toEqual([ending.code]);
      expect(await codes('آنفولانزا')).toEqual([near.code]);
    });

    it('pages through results, best first, with a total', async () => {
      for (let i = 0; i < 7; i++) await publish({ title: `خبر شماره ${i} درباره زردآلو`, lead: i === 3 ? 'زردآلو زردآلو زردآلو' : '' });
      const first = await find('زردآلو', { limit: 3 });
      expect(first.total).toBe(7);
      expect(first.pages).toBe(3);
      expect(first.hits).toHaveLength(3);
      const all = [...first.hits, ...(await find('زردآلو', { limit: 3, page: 2 })).hits, ...(await find('زردآلو', { limit: 3, page: 3 })).hits];
      expect(new Set(all.map((h) => h.code)).size).toBe(7);
      expect(all[0]?.title).toContain('شماره 3');
      expect((await find('زردآلو', { limit: 3, page: 9 })).hits).toEqual([]);
    });

    it('reads the newest matches of a large result and gives a total no larger than its rarest word allows', async () => {
      for (let i = 0; i < 205; i++) await publish({ title: `گزارش ویژه نارنج شماره ${i}` });
      const one = await find('نارنج');
      expect(one.total).toBe(205); // a one-word total is its document frequency
      const two = await find('ویژه نارنج', { limit: 100 });
      expect(two.total).toBe(205);
      expect(two.pages).toBeGreaterThanOrEqual(2);
      expect(two.hits[0]?.title).toBe('گزارش ویژه نارنج شماره 204'); // equal stories: the newest first
    }, 60_000);

    it('uses the administrators’ synonyms for stories and queries after a reindex', async () => {
      const story = await publish({ title: 'سرود عشق به میهن' });
      expect(await codes('وطن')).toEqual([]);
      await writeSynonymSetting(storage.db, '# the administrators’ words\nوطن | میهن\n');
      await rebuildSearchIndex(storage.db, storage.engine, { now: clock, synonyms: await synonyms.get(storage.db) });
      expect(await codes('وطن')).toEqual([story.code]);
      expect(await codes('میهن')).toEqual([story.code]);
      await writeSynonymSetting(storage.db, '');
    });
  });
}
