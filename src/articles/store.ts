/**
 * The article store: every query about stories, services and tags. Works the
 * same on SQLite and PostgreSQL (Kysely, no engine branches).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { ArticleRow, ArticleStatus, Database, Db, NewArticleRow, ArticleUpdate, ServiceRow, TagRow } from '../storage/index.js';
import { NEWS_CODE_MAX, type Article, type ArticleSummary } from './model.js';

type ArticleWithJoins = ArticleRow & {
  service_slug: string | null;
  service_name: string | null;
  author_name: string | null;
};

function baseSelect(db: Db) {
  return db
    .selectFrom('articles as a')
    .leftJoin('services as s', 's.id', 'a.service_id')
    .leftJoin('users as u', 'u.id', 'a.author_id')
    .selectAll('a')
    .select(['s.slug as service_slug', 's.name as service_name', 'u.name as author_name']);
}

/** The columns a list needs: the body, often the largest value in a row, stays on disk. */
function summarySelect(db: Db) {
  return db
    .selectFrom('articles as a')
    .leftJoin('services as s', 's.id', 'a.service_id')
    .select(['a.id', 'a.code', 'a.slug', 'a.kicker', 'a.title', 'a.lead', 'a.published_at', 's.slug as service_slug', 's.name as service_name']);
}

type SummaryRow = Pick<ArticleRow, 'id' | 'code' | 'slug' | 'kicker' | 'title' | 'lead' | 'published_at'> & {
  service_slug: string | null;
  service_name: string | null;
};

function toSummary(r: SummaryRow): ArticleSummary {
  return {
    id: r.id,
    code: r.code,
    slug: r.slug,
    kicker: r.kicker,
    title: r.title,
    lead: r.lead,
    service: r.service_slug && r.service_name ? { slug: r.service_slug, name: r.service_name } : null,
    // Lists hold published stories only, which always have the time.
    publishedAt: new Date(r.published_at ?? 0),
  };
}

async function withTags(db: Db, rows: ArticleWithJoins[]): Promise<Article[]> {
  if (rows.length === 0) return [];
  const tags = await db
    .selectFrom('article_tags as at')
    .innerJoin('tags as t', 't.id', 'at.tag_id')
    .select(['at.article_id', 't.slug', 't.name'])
    .where(
      'at.article_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('at.position')
    .execute();
  const byArticle = new Map<number, Array<{ slug: string; name: string }>>();
  for (const t of tags) {
    const list = byArticle.get(t.article_id) ?? [];
    list.push({ slug: t.slug, name: t.name });
    byArticle.set(t.article_id, list);
  }
  return rows.map((r) => toArticle(r, byArticle.get(r.id) ?? []));
}

function toArticle(r: ArticleWithJoins, tags: Array<{ slug: string; name: string }>): Article {
  return {
    ...toSummary(r),
    body: r.body,
    source: r.source,
    tags,
    author: r.author_id && r.author_name ? { id: r.author_id, name: r.author_name } : null,
    status: r.status,
    publishedAt: r.published_at === null ? null : new Date(r.published_at),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    views: r.views,
    commentsOpen: r.comments_open === 1,
  };
}

export async function findArticleByCode(db: Db, code: number): Promise<Article | undefined> {
  const row = await baseSelect(db).where('a.code', '=', code).executeTakeFirst();
  if (!row) return undefined;
  const [article] = await withTags(db, [row]);
  return article;
}

export async function findArticleById(db: Db, id: number): Promise<Article | undefined> {
  const row = await baseSelect(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [article] = await withTags(db, [row]);
  return article;
}

export async function codeExists(db: Db, code: number): Promise<boolean> {
  const row = await db.selectFrom('articles').select('id').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

/**
 * Hands out the next news code: the counter's next value, or, when a story already
 * holds it (an explicit code: an import, or an API caller), the first free code after
 * it, found in one query over the codes' unique index. The counter row is updated
 * first, which in PostgreSQL locks it until the transaction ends: concurrent creates
 * on any number of instances queue on that row and never see the same value.
 * Explicit codes never move the counter (see lockCodes), so no caller can push the
 * sequence to the end of the range. Undefined when the range is used up.
 */
export async function nextCode(trx: Db): Promise<number | undefined> {
  const row = await trx
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', 'news_code')
    .returning('value')
    .executeTakeFirstOrThrow();
  let code = Number(row.value);
  if (await codeExists(trx, code)) {
    // The end of the run of taken codes that starts at `code`: the smallest taken code
    // at or above it whose successor is free.
    const gap = await trx
      .selectFrom('articles as a')
      .select((eb) => eb.fn.min('a.code').as('last'))
      .where('a.code', '>=', code)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('articles as b')
              .select('b.id')
              .whereRef('b.code', '=', sql`${sql.ref('a.code')} + 1`),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    code = Number(gap.last) + 1;
    await trx.updateTable('counters').set({ value: code }).where('name', '=', 'news_code').execute();
  }
  return code <= NEWS_CODE_MAX ? code : undefined;
}

/**
 * Takes the counter row's lock without moving it, before an explicit code is checked
 * and written: a concurrent nextCode then waits, and sees the code as taken.
 */
export async function lockCodes(trx: Db): Promise<void> {
  await trx
    .updateTable('counters')
    .set({ value: sql`value` })
    .where('name', '=', 'news_code')
    .execute();
}

export async function insertArticle(trx: Db, row: NewArticleRow): Promise<number> {
  const { id } = await trx.insertInto('articles').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateArticleRow(trx: Db, id: number, changes: ArticleUpdate): Promise<void> {
  await trx.updateTable('articles').set(changes).where('id', '=', id).execute();
}

export async function findServiceBySlug(db: Db, slug: string): Promise<ServiceRow | undefined> {
  return db.selectFrom('services').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findTagBySlug(db: Db, slug: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function listServices(db: Db): Promise<ServiceRow[]> {
  return db.selectFrom('services').selectAll().orderBy('position').orderBy('id').execute();
}

/** The service with this slug, created with `name` when missing. */
export async function ensureService(trx: Db, slug: string, name: string): Promise<ServiceRow> {
  const found = await findServiceBySlug(trx, slug);
  if (found) return found;
  const { count } = await trx
    .selectFrom('services')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('services')
    .values({ slug, name, position: Number(count) })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  return (await findServiceBySlug(trx, slug))!;
}

/** Replaces an article's tags with these (slug, name) pairs, in order. */
export async function setArticleTags(trx: Db, articleId: number, tags: Array<{ slug: string; name: string }>): Promise<void> {
  await trx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  let position = 0;
  for (const tag of tags) {
    await trx
      .insertInto('tags')
      .values(tag)
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    const row = (await findTagBySlug(trx, tag.slug))!;
    await trx
      .insertInto('article_tags')
      .values({ article_id: articleId, tag_id: row.id, position: position++ })
      .onConflict((oc) => oc.columns(['article_id', 'tag_id']).doNothing())
      .execute();
  }
}

export interface ListQuery {
  status?: ArticleStatus | undefined;
  serviceId?: number | undefined;
  /** Restrict to stories by this author (reporters see their own). */
  authorId?: number | undefined;
  /** Without a status: published stories, and the unpublished ones of this author only (see access.ts). */
  publishedOrAuthor?: number | undefined;
  limit: number;
  /** Position after which to continue: [sort time, id]. */
  after?: [number, number] | undefined;
}

/**
 * Newest first, keyset-paginated. Published stories sort by publication time;
 * any other listing by coalesce(published, created) so drafts have a place.
 */
export async function listArticles(db: Db, q: ListQuery): Promise<{ items: Article[]; last: [number, number] | undefined; more: boolean }> {
  const sortKey = q.status === 'published' ? sql<number>`a.published_at` : sql<number>`coalesce(a.published_at, a.created_at)`;
  let query = baseSelect(db).select(sortKey.as('sort_at'));
  if (q.status) query = query.where('a.status', '=', q.status);
  if (q.serviceId !== undefined) query = query.where('a.service_id', '=', q.serviceId);
  if (q.authorId !== undefined) query = query.where('a.author_id', '=', q.authorId);
  if (q.publishedOrAuthor !== undefined) {
    const authorId = q.publishedOrAuthor;
    query = query.where((eb) => eb.or([eb('a.status', '=', 'published'), eb('a.author_id', '=', authorId)]));
  }
  if (q.after) {
    const [t, id] = q.after;
    query = query.where((eb) => eb.or([eb(sortKey, '<', t), eb.and([eb(sortKey, '=', t), eb('a.id', '<', id)])]));
  }
  const rows = await query
    .orderBy(sortKey, 'desc')
    .orderBy('a.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const lastRow = page[page.length - 1];
  return { items: await withTags(db, page), last: lastRow ? [Number(lastRow.sort_at), lastRow.id] : undefined, more };
}

export interface PublishedQuery {
  now: number;
  limit: number;
  offset?: number;
  serviceId?: number;
  tagId?: number;
  excludeId?: number;
}

/**
 * `status || ''` reads the same as `status` but is no index key: SQLite then
 * cannot walk `articles_status_published` newest first, and looks up a short
 * list of candidates by id and sorts them instead. Walking newest first is right
 * when matches are common; for a few old ones it reads the whole archive.
 * PostgreSQL plans either form from its statistics.
 */
const STATUS_NOT_INDEXED = sql<string>`${sql.ref('a.status')} || ''`;

/**
 * The conditions that make a story public now, with a list's filters; for any
 * query over `articles as a`. `byId`: the candidates are few (see STATUS_NOT_INDEXED).
 */
function published(q: Omit<PublishedQuery, 'limit' | 'offset'>, byId = false) {
  return (eb: ExpressionBuilder<Database & { a: Database['articles'] }, 'a'>) => {
    const conditions = [byId ? eb(STATUS_NOT_INDEXED, '=', 'published') : eb('a.status', '=', 'published'), eb('a.published_at', '<=', q.now)];
    if (q.serviceId !== undefined) conditions.push(eb('a.service_id', '=', q.serviceId));
    if (q.tagId !== undefined) conditions.push(eb('a.id', 'in', eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', q.tagId)));
    if (q.excludeId !== undefined) conditions.push(eb('a.id', '!=', q.excludeId));
    return eb.and(conditions);
  };
}

/** Published stories, newest first, whole (feeds). */
export async function latestPublished(db: Db, q: PublishedQuery): Promise<Article[]> {
  const rows = await baseSelect(db)
    .where(published(q))
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(q.limit)
    .offset(q.offset ?? 0)
    .execute();
  return withTags(db, rows);
}

/** The most links a tag's list is ever made from (a bound on its cost). */
const MOST_LINKS_BY_ID = 5000;

/**
 * Whether a tag's list is cheaper made from its links (each story looked up by id,
 * about 6 µs a link on a large archive, its pages scattered) than by walking the
 * publication index newest first until the page is full (about 0.07 µs an entry,
 * archive ÷ links × 20 entries). The two cost the same near √(archive ÷ 4) links:
 * about 500 in a million stories, 160 in a hundred thousand.
 */
async function fewTagged(db: Db, tagId: number): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom((sub) =>
          sub
            .selectFrom('article_tags')
            .select('article_id')
            .where('tag_id', '=', tagId)
            .limit(MOST_LINKS_BY_ID + 1)
            .as('links'),
        )
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('links'),
      eb
        .selectFrom('articles')
        .select((c) => c.fn.max('id').as('m'))
        .as('archive'),
    ])
    .executeTakeFirstOrThrow();
  const threshold = Math.min(MOST_LINKS_BY_ID, Math.max(16, Math.sqrt(Number(row.archive ?? 0) / 4)));
  return Number(row.links) <= threshold;
}

/** Published stories, newest first, as lists show them (offset pagination). */
export async function latestSummaries(db: Db, q: PublishedQuery): Promise<ArticleSummary[]> {
  const byId = q.tagId !== undefined && (await fewTagged(db, q.tagId));
  const rows = await summarySelect(db)
    .where(published(q, byId))
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(q.limit)
    .offset(q.offset ?? 0)
    .execute();
  return rows.map(toSummary);
}

/**
 * How many stories a list has, counting no further than `upTo`: a service of a
 * million-story archive has more pages than anyone pages through, and counting
 * them all would make every page of it cost as much as the whole archive.
 * A tag's stories are counted from its links (looked up by id), which stops at
 * `upTo` matches however old they are.
 */
export async function countPublished(db: Db, q: Omit<PublishedQuery, 'limit' | 'offset'>, upTo?: number): Promise<number> {
  const matches = db
    .selectFrom('articles as a')
    .select('a.id')
    .where(published(q, q.tagId !== undefined));
  const row = await db
    .selectFrom((upTo === undefined ? matches : matches.limit(upTo)).as('matches'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The newest stories of the window that «most viewed» ranks: a site publishing
 * hundreds a day still ranks its week, and a busier one its latest thousand,
 * so the front page costs the same whatever the pace.
 */
const MOST_VIEWED_WINDOW = 1000;

/** Most viewed among the (at most `MOST_VIEWED_WINDOW` newest) stories published since `since`. */
export async function mostViewed(db: Db, q: { now: number; since: number; limit: number }): Promise<ArticleSummary[]> {
  const recent = db
    .selectFrom('articles as a')
    .select('a.id')
    .where(published({ now: q.now }))
    .where('a.published_at', '>=', q.since)
    .orderBy('a.published_at', 'desc')
    .limit(MOST_VIEWED_WINDOW);
  const rows = await summarySelect(db).where('a.id', 'in', recent).orderBy('a.views', 'desc').orderBy('a.published_at', 'desc').limit(q.limit).execute();
  return rows.map(toSummary);
}

/** Tags of a story that choose its related stories (the first ones, as the writer ordered them). */
const RELATED_TAGS = 8;
/**
 * Links read per tag: that tag's newest stories by id. A tag may hold a
 * hundred thousand stories or one; reading a fixed number of index entries
 * keeps a story page's cost flat either way, where "the newest story sharing
 * a tag" over the whole archive would scan it for a rare tag.
 */
const RELATED_LINKS_PER_TAG = 12;

/**
 * The newest public stories among the latest links of each of the story's
 * first `tagCount` tags. Branch `i` reads the story's tag at position `i`
 * itself, so the whole search is one statement. The branches are written as
 * SQL: built node by node, this union cost Kysely more to compile than the
 * database took to run it.
 */
function relatedTaggedQuery(db: Db, articleId: number, tagCount: number, q: { now: number; limit: number }) {
  const branches = Array.from(
    { length: Math.min(tagCount, RELATED_TAGS) },
    (_, i) => sql`select article_id from (
      select article_id from article_tags
      where tag_id = (select tag_id from article_tags where article_id = ${articleId} order by position, tag_id limit 1 offset ${i})
        and article_id <> ${articleId}
      order by article_id desc limit ${RELATED_LINKS_PER_TAG}) as ${sql.id(`t${i}`)}`,
  );
  const candidates = sql<number>`(${sql.join(branches, sql` union all `)})`;
  return summarySelect(db).where('a.id', 'in', candidates).where(published(q, true)).orderBy('a.published_at', 'desc').limit(q.limit);
}

/** Stories sharing a tag with this one (newest first), then its service's newest. */
export async function relatedSummaries(
  db: Db,
  article: { id: number; tags: readonly unknown[] },
  q: { now: number; limit: number },
): Promise<ArticleSummary[]> {
  const rows: SummaryRow[] = article.tags.length > 0 ? await relatedTaggedQuery(db, article.id, article.tags.length, q).execute() : [];
  if (rows.length < q.limit) {
    const seen = new Set(rows.map((r) => r.id));
    const more = await summarySelect(db)
      .where(published({ now: q.now, excludeId: article.id }))
      .where('a.service_id', '=', (eb) => eb.selectFrom('articles').select('service_id').where('id', '=', article.id))
      .orderBy('a.published_at', 'desc')
      .limit(q.limit)
      .execute();
    for (const r of more) if (!seen.has(r.id) && rows.length < q.limit) rows.push(r);
  }
  return rows.map(toSummary);
}

/** Scheduled stories whose time has come. */
export async function dueScheduled(db: Db, now: number): Promise<Array<{ id: number; code: number }>> {
  return db.selectFrom('articles').select(['id', 'code']).where('status', '=', 'scheduled').where('published_at', '<=', now).execute();
}

export async function countArticles(db: Db): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function addViews(db: Db, counts: Map<number, number>): Promise<void> {
  for (const [code, n] of counts) {
    await db
      .updateTable('articles')
      .set({ views: sql`views + ${n}` })
      .where('code', '=', code)
      .execute();
  }
}

/** The settings-table key that chooses what a feed entry carries. */
export const FEED_CONTENT_SETTING = 'feeds.content';
/** `summary`: the lead only (default); `full`: the lead and the whole body. */
export type FeedContent = 'summary' | 'full';

/** What the feeds' entries carry (the setting `feeds.content`); the lead only unless set to `full`. */
export async function readFeedContent(db: Db): Promise<FeedContent> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', FEED_CONTENT_SETTING).executeTakeFirst();
  return row?.value === 'full' ? 'full' : 'summary';
}

export async function writeFeedContent(db: Db, value: FeedContent): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: FEED_CONTENT_SETTING, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** A published story as the sitemaps list it. */
export interface SitemapStory {
  id: number;
  code: number;
  slug: string;
  title: string;
  /** When it was published (epoch ms). */
  publishedAt: number;
  /** When it was last edited (epoch ms). */
  updatedAt: number;
  /** The body, only when it holds an image (for the image sitemap); else null, left on disk. */
  body: string | null;
}

/** Published stories with the columns a sitemap needs. */
function sitemapSelect(db: Db, now: number) {
  return db
    .selectFrom('articles')
    .select(['id', 'code', 'slug', 'title', 'published_at', 'updated_at'])
    .select(sql<string | null>`case when body like '%<img%' then body else null end`.as('body'))
    .where('status', '=', 'published')
    .where('published_at', '<=', now);
}

function toSitemapStory(r: Pick<ArticleRow, 'id' | 'code' | 'slug' | 'title' | 'published_at' | 'updated_at'> & { body: string | null }): SitemapStory {
  // Published stories always have the time.
  return { id: r.id, code: r.code, slug: r.slug, title: r.title, publishedAt: r.published_at ?? 0, updatedAt: r.updated_at, body: r.body };
}

/** When each published story was published and last edited, in id order (how the sitemaps page them). */
export async function publishedChanges(db: Db, now: number): Promise<Array<{ publishedAt: number; updatedAt: number }>> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'published_at', 'updated_at'])
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ publishedAt: r.published_at ?? 0, updatedAt: r.updated_at }));
}

/** The id of the published story `offset` places past the first, in id order; undefined past the last. */
export async function publishedIdAt(db: Db, q: { now: number; offset: number }): Promise<number | undefined> {
  const row = await db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'published')
    .where('published_at', '<=', q.now)
    .orderBy('id')
    .limit(1)
    .offset(q.offset)
    .executeTakeFirst();
  return row?.id;
}

/** Published stories with an id above `afterId`, in id order (a story sitemap, a batch at a time). */
export async function sitemapStories(db: Db, q: { now: number; afterId: number; limit: number }): Promise<SitemapStory[]> {
  const rows = await sitemapSelect(db, q.now).where('id', '>', q.afterId).orderBy('id').limit(q.limit).execute();
  return rows.map(toSitemapStory);
}

/** Stories published from `since` on, newest first (the news sitemap). */
export async function recentSitemapStories(db: Db, q: { now: number; since: number; limit: number }): Promise<SitemapStory[]> {
  const rows = await sitemapSelect(db, q.now)
    .where('published_at', '>=', q.since)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map(toSitemapStory);
}

/** The slugs of the tags that have a published story, in id order. */
export async function publishedTagSlugs(db: Db, q: { now: number; limit: number }): Promise<string[]> {
  const rows = await db
    .selectFrom('tags as t')
    .select('t.slug')
    .where('t.id', 'in', (eb) =>
      eb
        .selectFrom('article_tags as at')
        .innerJoin('articles as a', 'a.id', 'at.article_id')
        .select('at.tag_id')
        .where('a.status', '=', 'published')
        .where('a.published_at', '<=', q.now),
    )
    .orderBy('t.id')
    .limit(q.limit)
    .execute();
  return rows.map((r) => r.slug);
}

/** The names of the tags of each story, in the story's order; a story without tags is absent. */
export async function tagNamesOf(db: Db, articleIds: readonly number[]): Promise<Map<number, string[]>> {
  const names = new Map<number, string[]>();
  if (articleIds.length === 0) return names;
  const rows = await db
    .selectFrom('article_tags as at')
    .innerJoin('tags as t', 't.id', 'at.tag_id')
    .select(['at.article_id', 't.name'])
    .where('at.article_id', 'in', [...articleIds])
    .orderBy('at.position')
    .execute();
  for (const r of rows) {
    const list = names.get(r.article_id) ?? [];
    list.push(r.name);
    names.set(r.article_id, list);
  }
  return names;
}
