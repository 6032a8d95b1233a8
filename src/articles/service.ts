/**
 * Article use cases: gather facts, apply the newsroom's rules (model.ts),
 * write in one transaction, then announce the change on the bus.
 */
import type { Kysely } from 'kysely';
import { can, type User } from '../auth/index.js';
import { AppError } from '../errors/index.js';
import { articleKeys, type ChangeBus } from '../events/index.js';
import { normalizeText, slugify } from '../persian/index.js';
import type { ArticleStatus, Database, Db } from '../storage/index.js';
import { imagesWithoutAlt, prepareBodyImages } from '../media/index.js';
import { sanitizeBody } from './sanitize.js';
import { effectiveStatus, KNOWN_SERVICES, toDate, validateArticleInput, type Article, type ArticleInput } from './model.js';
import {
  codeExists,
  dueScheduled,
  ensureService,
  findArticleByCode,
  findArticleById,
  insertArticle,
  lockCodes,
  nextCode,
  setArticleTags,
  updateArticleRow,
} from './store.js';

/** What article use cases need from the rest of the program. */
export interface ArticleDeps {
  db: Kysely<Database>;
  bus: ChangeBus;
  now: () => Date;
  /** The site's host, so the sanitizer can tell internal links from external ones. */
  siteHost?: string | undefined;
  /** Called inside the write transaction with the stored story (the search index hooks in here). */
  onArticleWritten?: ((trx: Db, article: Article) => Promise<void>) | undefined;
}

const PUBLISHING: ReadonlySet<ArticleStatus> = new Set(['published', 'scheduled', 'unpublished']);

function resolveService(value: string): { slug: string; name: string } {
  const v = normalizeText(value);
  if (/^[a-z0-9][a-z0-9-]*$/.test(v)) return { slug: v, name: KNOWN_SERVICES.get(v) ?? v };
  return { slug: slugify(v), name: v };
}

function resolveTags(names: string[]): Array<{ slug: string; name: string }> {
  const seen = new Map<string, string>();
  for (const raw of names) {
    const name = normalizeText(raw);
    const slug = slugify(name);
    if (slug && !seen.has(slug)) seen.set(slug, name);
  }
  return [...seen].map(([slug, name]) => ({ slug, name }));
}

function invalid(problems: Record<string, string>): AppError {
  return new AppError('validation_failed', { fields: problems, detail: JSON.stringify(problems) });
}

const PUBLISH_REFUSED = 'خبرنگار نمی‌تواند خبر را منتشر کند؛ آن را برای بررسی بفرستید.';
const DATE_REFUSED = 'تاریخ انتشار را فقط دبیر یا مدیر تعیین می‌کند؛ فیلد publishedAt را نفرستید.';
const ALT_MISSING = 'پیش از انتشار، برای همهٔ تصویرهای خبر متن جایگزین بنویسید (در کتابخانهٔ رسانه یا در ویرایشگر).';

/**
 * A publication date is a publisher's decision: a reporter who could set one could
 * backdate a story past the channels and the news sitemap. Refused, not ignored, so
 * the caller knows the date was not taken.
 */
function checkDateAllowed(input: ArticleInput, actor: User): void {
  if (input.publishedAt !== undefined && !can(actor.role, 'article.publish'))
    throw new AppError('forbidden', { message: DATE_REFUSED, detail: 'publishedAt by a non-publisher' });
}

/** Library images are given their size, srcset and the library's text alternative; then the sanitizer runs. */
async function prepareBody(deps: ArticleDeps, db: Db, body: string): Promise<string> {
  return sanitizeBody(await prepareBodyImages(db, body), { siteHost: deps.siteHost });
}

/**
 * The publish step's rule, on every path (API, newsroom, import): a story that is
 * public or scheduled shows no library image without its text alternative.
 */
function checkAlts(status: ArticleStatus, body: string): void {
  if ((status === 'published' || status === 'scheduled') && imagesWithoutAlt(body).length > 0) {
    throw new AppError('validation_failed', { message: ALT_MISSING, fields: { body: ALT_MISSING } });
  }
}

/** Works out status and publication time from what was asked. */
function decideStatus(asked: ArticleStatus, publishedAt: Date | null, now: Date): { status: ArticleStatus; publishedAt: Date | null } {
  if (asked === 'scheduled' && !publishedAt) throw invalid({ publishedAt: 'زمان انتشار برای خبر زمان‌بندی‌شده لازم است' });
  const when = asked === 'published' && !publishedAt ? now : publishedAt;
  return { status: effectiveStatus(asked, when, now), publishedAt: when };
}

export async function createArticle(deps: ArticleDeps, input: ArticleInput, actor: User): Promise<Article> {
  if (!can(actor.role, 'article.write')) throw new AppError('forbidden');
  const problems = validateArticleInput(input, true);
  if (Object.keys(problems).length > 0) throw invalid(problems);
  const asked = input.status ?? 'draft';
  if (PUBLISHING.has(asked) && !can(actor.role, 'article.publish')) {
    throw new AppError('forbidden', { message: PUBLISH_REFUSED });
  }
  checkDateAllowed(input, actor);
  const now = deps.now();
  const { status, publishedAt } = decideStatus(asked, input.publishedAt ? toDate(input.publishedAt) : null, now);
  const title = normalizeText(input.title ?? '');
  const body = await prepareBody(deps, deps.db, input.body ?? '');
  checkAlts(status, body);

  const article = await deps.db.transaction().execute(async (trx) => {
    let code: number;
    if (input.code !== undefined) {
      // An explicit code is checked under the counter's lock but never moves it.
      await lockCodes(trx);
      if (await codeExists(trx, input.code)) throw new AppError('code_taken', { detail: `code ${input.code}` });
      code = input.code;
    } else {
      const next = await nextCode(trx);
      if (next === undefined) throw new AppError('news_codes_exhausted');
      code = next;
    }
    const service = input.service ? resolveService(input.service) : null;
    const serviceRow = service ? await ensureService(trx, service.slug, service.name) : null;
    const id = await insertArticle(trx, {
      code,
      slug: slugify(title),
      kicker: normalizeText(input.kicker ?? ''),
      title,
      lead: normalizeText(input.lead ?? ''),
      body,
      source: normalizeText(input.source ?? ''),
      service_id: serviceRow?.id ?? null,
      author_id: actor.id,
      status,
      published_at: publishedAt?.getTime() ?? null,
      created_at: now.getTime(),
      updated_at: now.getTime(),
      comments_open: input.commentsOpen === false ? 0 : 1,
    });
    if (input.tags) await setArticleTags(trx, id, resolveTags(input.tags));
    const stored = (await findArticleById(trx, id))!;
    await deps.onArticleWritten?.(trx, stored);
    return stored;
  });
  await deps.bus.publish(articleKeys(article));
  return article;
}

/** Whether the story has never been public: publishing it is its first publication. */
function neverPublished(status: ArticleStatus): boolean {
  return status === 'draft' || status === 'review';
}

export async function updateArticle(deps: ArticleDeps, code: number, input: ArticleInput, actor: User): Promise<Article> {
  // A change of nothing is a mistake, answered before anything is read or written.
  if (Object.values(input).every((v) => v === undefined)) throw new AppError('nothing_to_change');
  const before = await findArticleByCode(deps.db, code);
  if (!before) throw new AppError('article_not_found');
  const own = before.author?.id === actor.id && (before.status === 'draft' || before.status === 'review');
  if (!can(actor.role, 'article.edit.any') && !(own && can(actor.role, 'article.write'))) throw new AppError('forbidden');
  if (input.code !== undefined && input.code !== code) throw invalid({ code: 'کد خبر پس از ساخت تغییر نمی‌کند' });
  const problems = validateArticleInput(input, false);
  if (Object.keys(problems).length > 0) throw invalid(problems);
  if (input.status && input.status !== before.status && PUBLISHING.has(input.status) && !can(actor.role, 'article.publish')) {
    throw new AppError('forbidden', { message: PUBLISH_REFUSED });
  }
  checkDateAllowed(input, actor);

  const now = deps.now();
  const asked = input.status ?? before.status;
  let askedPublishedAt = input.publishedAt === undefined ? before.publishedAt : input.publishedAt === null ? null : toDate(input.publishedAt);
  // The first publication is stamped now: a date left on a draft (a reporter's backdating,
  // an old row) would otherwise skip the channels and the news sitemap. A date given by
  // the publisher in this same request is theirs to choose; a future one schedules.
  if (
    input.publishedAt === undefined &&
    asked === 'published' &&
    neverPublished(before.status) &&
    askedPublishedAt &&
    askedPublishedAt.getTime() <= now.getTime()
  ) {
    askedPublishedAt = now;
  }
  const { status, publishedAt } = decideStatus(asked, askedPublishedAt, now);
  const title = input.title !== undefined ? normalizeText(input.title) : before.title;
  const body = input.body !== undefined ? await prepareBody(deps, deps.db, input.body) : undefined;
  // Checked when the story becomes public or scheduled, and when a public story's body changes.
  if (body !== undefined || status !== before.status) checkAlts(status, body ?? before.body);

  const after = await deps.db.transaction().execute(async (trx) => {
    let serviceId: number | null | undefined;
    if (input.service === null || input.service === '') serviceId = null;
    else if (input.service !== undefined) {
      const s = resolveService(input.service);
      serviceId = (await ensureService(trx, s.slug, s.name)).id;
    }
    await updateArticleRow(trx, before.id, {
      ...(input.title !== undefined && { title, slug: slugify(title) }),
      ...(input.kicker !== undefined && { kicker: normalizeText(input.kicker) }),
      ...(input.lead !== undefined && { lead: normalizeText(input.lead) }),
      ...(input.source !== undefined && { source: normalizeText(input.source) }),
      ...(body !== undefined && { body }),
      ...(serviceId !== undefined && { service_id: serviceId }),
      ...(input.commentsOpen !== undefined && { comments_open: input.commentsOpen ? 1 : 0 }),
      status,
      published_at: publishedAt?.getTime() ?? null,
      updated_at: now.getTime(),
    });
    if (input.tags) await setArticleTags(trx, before.id, resolveTags(input.tags));
    const stored = (await findArticleById(trx, before.id))!;
    await deps.onArticleWritten?.(trx, stored);
    return stored;
  });
  await deps.bus.publish([...new Set([...articleKeys(before), ...articleKeys(after)])]);
  return after;
}

/**
 * Publishes the scheduled stories whose time has come; returns their codes.
 * The update is conditional on the story still being scheduled, so a story is
 * published once even if two schedulers ever raced.
 */
export async function publishDueArticles(deps: ArticleDeps): Promise<number[]> {
  const now = deps.now();
  const due = await dueScheduled(deps.db, now.getTime());
  const published: number[] = [];
  for (const { id } of due) {
    const article = await deps.db.transaction().execute(async (trx) => {
      const changed = await trx
        .updateTable('articles')
        .set({ status: 'published', updated_at: now.getTime() })
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) return undefined;
      const stored = (await findArticleById(trx, id))!;
      await deps.onArticleWritten?.(trx, stored);
      return stored;
    });
    if (!article) continue;
    published.push(article.code);
    await deps.bus.publish(articleKeys(article));
  }
  return published;
}
