/**
 * The public pages (CONTRACT.md): front, story, service, tag and the Persian
 * 404. Each page is rendered once from the stores and served from the page
 * cache until the change bus says something it shows has changed.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  articlePath,
  countPublished,
  findArticleByCode,
  findServiceBySlug,
  findTagBySlug,
  latestSummaries,
  listServices,
  mostViewed,
  parseNewsCode,
  relatedSummaries,
  type Article,
  type ViewCounter,
} from '../articles/index.js';
import { checkChallenge, publishedComments, submitComment, type ChallengeService, type CommentDeps } from '../comments/index.js';
import { isAppError } from '../errors/index.js';
// The import module's face loads the WXR parser and the importer; the web server needs only
// this lookup, which its own light file holds (index.ts exports it too).
import { findRedirect } from '../import/index.js';
import { toLatinDigits } from '../persian/index.js';
import { htmlErrorHandler, siteModel, storyPageModel, toCard } from './site.js';
import { sendPage, watchedCache, type CachedPage, type CachedRoutesDeps, type PageCache } from './page-cache.js';
import type { PageKind, RenderTimes } from './metrics.js';
import {
  renderArticlePage,
  renderFrontPage,
  renderListPage,
  renderNotFoundPage,
  type ArticlePage,
  type CommentFormState,
  type Pagination,
  type Site,
} from './views/index.js';

export interface PagesDeps extends CachedRoutesDeps {
  /** Where render times on cache misses go (/metrics). */
  renders?: RenderTimes;
  /** Counts story views in memory. */
  views: ViewCounter;
  comments: CommentDeps;
  challenge: ChallengeService;
  /** Whether the comment form carries the proof-of-work challenge. */
  captcha: boolean;
}

/** What the reader is told after sending a comment, by its status. */
const SENT_MESSAGES: Record<string, string> = {
  pending: 'نظر شما دریافت شد و پس از بررسی منتشر می‌شود.',
  published: 'نظر شما منتشر شد.',
  rejected: 'نظر شما دریافت شد، اما با سیاست نظرات این سایت سازگار نیست و منتشر نمی‌شود.',
};

const PAGE_SIZE = 20;
const HTML = 'text/html; charset=utf-8';

/** Page numbers arrive as `?page=2` (Latin or Persian digits); anything else is page 1. */
function pageNumber(request: FastifyRequest): number {
  const raw = (request.query as { page?: string }).page;
  const n = raw === undefined ? 1 : Number(toLatinDigits(String(raw)));
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** Pages counted past the current one before a list stops counting (and says «صفحهٔ ۳», not «صفحهٔ ۳ از ۵۰۰۰۰»). */
const PAGES_AHEAD = 10;

/** `total`: the stories counted, or undefined when there were more than were counted. */
function pagination(path: string, page: number, total: number | undefined): Pagination {
  const totalPages = total === undefined ? undefined : Math.max(1, Math.ceil(total / PAGE_SIZE));
  const at = (p: number) => (p === 1 ? path : `${path}?page=${p}`);
  return {
    page,
    ...(totalPages !== undefined && { totalPages }),
    ...(page > 1 && { prevUrl: at(Math.min(page - 1, totalPages ?? page)) }),
    ...((totalPages === undefined || page < totalPages) && { nextUrl: at(page + 1) }),
  };
}

type Rendering = { body: string; keys: string[]; meta?: string };

/** What the page routes share: the stores, the cache and the helpers that serve from it. */
interface PagesContext {
  deps: PagesDeps;
  cache: PageCache;
  site: () => Promise<Site>;
  send: (request: FastifyRequest, reply: FastifyReply, page: CachedPage) => FastifyReply;
  cached: (
    request: FastifyRequest,
    reply: FastifyReply,
    url: string,
    kind: PageKind,
    render: () => Promise<Rendering | undefined>,
    started?: number,
  ) => Promise<FastifyReply>;
  notFound: (reply: FastifyReply) => Promise<FastifyReply>;
  movedTo: (url: string, queryOnly?: boolean) => Promise<string | undefined>;
  redirectOrNotFound: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;
}

function pagesContext(deps: PagesDeps): PagesContext {
  const cache = deps.cache ?? watchedCache(deps.bus);
  const site = siteModel(deps);

  const send = (request: FastifyRequest, reply: FastifyReply, page: CachedPage) =>
    sendPage(request, reply, page, 'public, max-age=30, stale-while-revalidate=300');

  /**
   * Serves `url` from the cache, or renders, caches and serves it. `started`: when the
   * render began, for a route that did part of it (a story's lookup) before calling.
   */
  const cached = async (
    request: FastifyRequest,
    reply: FastifyReply,
    url: string,
    kind: PageKind,
    render: () => Promise<Rendering | undefined>,
    started = performance.now(),
  ) => {
    const page = await cache.fill(url, async () => {
      const rendered = await render();
      if (rendered) deps.renders?.observe(kind, (performance.now() - started) / 1000);
      return rendered && { ...rendered, type: HTML };
    });
    return page ? send(request, reply, page) : notFound(reply);
  };

  const notFound = async (reply: FastifyReply) =>
    reply
      .code(404)
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(renderNotFoundPage(await site()));

  /** Where an old address (an import's `redirects`: a path, or a WordPress `/?p=123`) now lives. */
  const movedTo = (url: string, queryOnly = false): Promise<string | undefined> => findRedirect(deps.db, url, { queryOnly });

  /** Old addresses answer with a permanent redirect to the new page; anything else is the 404 page. */
  const redirectOrNotFound = async (request: FastifyRequest, reply: FastifyReply) => {
    const to = await movedTo(request.url);
    return to ? reply.redirect(to, 301) : notFound(reply);
  };

  return { deps, cache, site, send, cached, notFound, movedTo, redirectOrNotFound };
}

function frontPageRoute(app: FastifyInstance, { deps, site, cached, movedTo }: PagesContext): void {
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    // WordPress's own addresses are the home page with a query: /?p=123, /?page_id=7.
    const moved = request.url.includes('?') ? await movedTo(request.url, true) : undefined;
    if (moved) return reply.redirect(moved, 301);
    return cached(request, reply, '/', 'front', async () => {
      const now = deps.now().getTime();
      const s = await site();
      const latest = await latestSummaries(deps.db, { now, limit: 13 });
      const blocks = await Promise.all(
        (await listServices(deps.db)).map(async (service) => ({
          service: { slug: service.slug, name: service.name },
          cards: (await latestSummaries(deps.db, { now, limit: 4, serviceId: service.id })).map(toCard),
        })),
      );
      const viewed = await mostViewed(deps.db, { now, since: now - 7 * 86400_000, limit: 5 });
      const [lead, ...rest] = latest.map(toCard);
      return {
        body: renderFrontPage({ site: s, ...(lead && { lead }), latest: rest, services: blocks, mostViewed: viewed.map(toCard) }),
        keys: ['front'],
      };
    });
  });
}

/** The story helpers shared by the story page and the comment POST. */
interface StoryHelpers {
  /** The story page's model; `form` adds a message or the reader's values (never cached). */
  articlePage: (article: Article, form?: Partial<CommentFormState>, commentPage?: number) => Promise<{ model: ArticlePage; keys: string[] }>;
  publicArticle: (code: number) => Promise<Article | undefined>;
}

function storyHelpers({ deps, site }: PagesContext): StoryHelpers {
  const articlePage = async (article: Article, form: Partial<CommentFormState> = {}, commentPage = 1): Promise<{ model: ArticlePage; keys: string[] }> => {
    const [related, comments] = await Promise.all([
      relatedSummaries(deps.db, article, { now: deps.now().getTime(), limit: 4 }),
      publishedComments(deps.db, article.id),
    ]);
    const model = storyPageModel(article, {
      site: await site(),
      related,
      comments,
      publishedAt: article.publishedAt!,
      commentPage,
      commentForm: {
        open: article.commentsOpen,
        action: `/news/${article.code}/comments`,
        ...(deps.captcha && { captcha: { challengeJson: '', challengeUrl: '/api/v1/comments/challenge' } }),
        ...form,
      },
    });
    return { model, keys: [`article:${article.code}`, `comments:${article.code}`, ...related.map((r) => `article:${r.code}`)] };
  };

  const publicArticle = async (code: number): Promise<Article | undefined> => {
    const article = await findArticleByCode(deps.db, code);
    if (!article || article.status !== 'published' || !article.publishedAt || article.publishedAt > deps.now()) return undefined;
    return article;
  };

  return { articlePage, publicArticle };
}

/** The handler of `/news/:code` and `/news/:code/:slug`. */
function showArticleHandler(ctx: PagesContext, { articlePage, publicArticle }: StoryHelpers) {
  const { deps, cache, send, cached, notFound, redirectOrNotFound } = ctx;
  return async (request: FastifyRequest<{ Params: { code: string; slug?: string } }>, reply: FastifyReply) => {
    const codeText = toLatinDigits(request.params.code);
    // A code outside the one range (src/articles NEWS_CODE_MAX) names no story.
    const code = parseNewsCode(codeText);
    if (code === undefined) return notFound(reply);
    const path = `/news/${code}`;
    const query = request.query as { sent?: string; replyTo?: string; cpage?: string };
    // Later pages of a long discussion are made on request, like a page with a reply form open.
    const commentPage = query.cpage !== undefined && /^[0-9]{1,6}$/.test(query.cpage) ? Number(query.cpage) : 1;
    const plain = query.sent === undefined && query.replyTo === undefined && commentPage <= 1;
    const hit = plain ? cache.get(path) : undefined;
    if (hit) {
      if (request.params.slug === hit.meta && codeText === request.params.code) {
        deps.views.hit(code);
        return send(request, reply, hit);
      }
      return reply.redirect(articlePath(code, hit.meta ?? ''), 301);
    }
    const started = performance.now();
    const article = await publicArticle(code);
    if (!article) return redirectOrNotFound(request, reply);
    const canonical = articlePath(article.code, article.slug);
    if (request.params.slug !== article.slug || codeText !== request.params.code) return reply.redirect(canonical, 301);
    deps.views.hit(code);
    if (!plain) {
      // A page after sending a comment, or with a reply form open: made for this reader only.
      const message = query.sent && SENT_MESSAGES[query.sent];
      const parentId = query.replyTo && /^[0-9]{1,12}$/.test(query.replyTo) ? query.replyTo : undefined;
      const { model } = await articlePage(
        article,
        {
          ...(message && { message: { kind: 'ok' as const, text: message } }),
          ...(parentId && { values: { parentId } }),
        },
        commentPage,
      );
      return reply.type(HTML).header('cache-control', 'no-store').send(renderArticlePage(model));
    }
    return cached(
      request,
      reply,
      path,
      'story',
      async () => {
        const { model, keys } = await articlePage(article);
        return { body: renderArticlePage(model), keys, meta: article.slug };
      },
      started,
    );
  };
}

function commentRoute(app: FastifyInstance, { deps, notFound }: PagesContext, { articlePage, publicArticle }: StoryHelpers): void {
  app.post<{ Params: { code: string }; Body: Record<string, string | undefined> }>(
    '/news/:code/comments',
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const codeText = toLatinDigits(request.params.code);
      const code = parseNewsCode(codeText);
      const article = code === undefined ? undefined : await publicArticle(code);
      if (!article) return notFound(reply);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
      const canonical = articlePath(article.code, article.slug);
      // The honeypot: people never see this field; a filled one is a robot, told "received".
      if (field('website').trim() !== '') return reply.redirect(`${canonical}?sent=pending#comment-form`, 303);
      const values = { name: field('name'), email: field('email'), body: field('body'), ...(field('parentId') && { parentId: field('parentId') }) };
      try {
        const hold = await checkChallenge(deps.challenge, deps.captcha, field('captcha') || undefined, deps.now());
        const parentId = values.parentId && /^[0-9]{1,12}$/.test(values.parentId) ? Number(values.parentId) : undefined;
        const result = await submitComment(
          deps.comments,
          article.code,
          { name: values.name, email: values.email, body: values.body, parentId },
          { address: request.ip, hold },
        );
        const sent = result.status === 'spam' ? 'rejected' : result.status;
        return reply.redirect(`${canonical}?sent=${sent}#comment-form`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        const text = error.fields ? Object.values(error.fields).join(' ') : error.publicMessage;
        const { model } = await articlePage(article, { message: { kind: 'error', text }, values });
        if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
        return reply.code(error.status).type(HTML).header('cache-control', 'no-store').send(renderArticlePage(model));
      }
    },
  );
}

/** The comment POST, then the story page under both its addresses. */
function storyRoutes(app: FastifyInstance, ctx: PagesContext): void {
  const helpers = storyHelpers(ctx);
  const showArticle = showArticleHandler(ctx, helpers);
  commentRoute(app, ctx, helpers);
  app.get<{ Params: { code: string } }>('/news/:code', { config: { access: 'public' }, schema: { hide: true } }, showArticle);
  app.get<{ Params: { code: string; slug: string } }>('/news/:code/:slug', { config: { access: 'public' }, schema: { hide: true } }, showArticle);
}

function listRoute(app: FastifyInstance, { deps, site, cached }: PagesContext, kind: 'service' | 'tag') {
  return app.get<{ Params: { slug: string } }>(`/${kind}/:slug`, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const slug = request.params.slug;
    const page = pageNumber(request);
    const path = `/${kind}/${encodeURIComponent(slug)}`;
    return cached(request, reply, page === 1 ? path : `${path}?page=${page}`, kind, async () => {
      const found = kind === 'service' ? await findServiceBySlug(deps.db, slug) : await findTagBySlug(deps.db, slug);
      if (!found) return undefined;
      const now = deps.now().getTime();
      const filter = kind === 'service' ? { serviceId: found.id } : { tagId: found.id };
      const upTo = (page + PAGES_AHEAD) * PAGE_SIZE;
      const counted = await countPublished(deps.db, { now, ...filter }, upTo + 1);
      const cards = (await latestSummaries(deps.db, { now, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...filter })).map(toCard);
      if (cards.length === 0 && page > 1) return undefined;
      return {
        body: renderListPage({
          site: await site(),
          kind,
          slug,
          heading: found.name,
          canonicalUrl: deps.baseUrl + (page === 1 ? path : `${path}?page=${page}`),
          cards,
          pagination: pagination(path, page, counted > upTo ? undefined : counted),
        }),
        keys: [`${kind}:${slug}`],
      };
    });
  });
}

function listRoutes(app: FastifyInstance, ctx: PagesContext): void {
  listRoute(app, ctx, 'service');
  listRoute(app, ctx, 'tag');
}

export function pagesPlugin(deps: PagesDeps): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const ctx = pagesContext(deps);
    app.setNotFoundHandler({}, ctx.redirectOrNotFound);
    app.setErrorHandler(htmlErrorHandler(ctx.site));
    frontPageRoute(app, ctx);
    storyRoutes(app, ctx);
    listRoutes(app, ctx);
  };
}
