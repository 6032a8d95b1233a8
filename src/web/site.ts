/**
 * What every public HTML route shares: the site's header model (name and
 * services, kept until a service changes), the Persian error page, and the
 * story page's model, which the newsroom's preview renders too.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { articlePath, listServices, type Article, type ArticleSummary } from '../articles/index.js';
import { pageOfThreads, threadComments, type CommentNode, type PublicComment } from '../comments/index.js';
import type { ChangeBus } from '../events/index.js';
import type { Db } from '../storage/index.js';
import { logged } from './errors.js';
import { leadImage } from './seo.js';
import { renderErrorPage, type ArticleCard, type ArticlePage, type CommentFormState, type CommentView, type Site } from './views/index.js';

const HTML = 'text/html; charset=utf-8';

/** The header model, read once and again only after a change to the services or the front page. */
export function siteModel(deps: { db: Db; bus: ChangeBus; baseUrl: string; siteName?: string | undefined }): () => Promise<Site> {
  let services: Site['services'] | undefined;
  deps.bus.subscribe((keys) => {
    if (keys.some((k) => k.startsWith('service:') || k === 'front' || k === '*')) services = undefined;
  });
  return async () => {
    services ??= (await listServices(deps.db)).map((s) => ({ slug: s.slug, name: s.name }));
    return { name: deps.siteName ?? 'دبیر', baseUrl: deps.baseUrl, description: 'دبیر: خبرهای روز، به فارسی', services };
  };
}

/** An error handler answering with the Persian error page (its header too, unless the database is what failed). */
export function htmlErrorHandler(site: () => Promise<Site>) {
  return async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = logged(error, request);
    reply.code(appError.status).type(HTML).header('cache-control', 'no-store');
    if (appError.retryAfter !== undefined) reply.header('retry-after', String(appError.retryAfter));
    const s = await site().catch(() => undefined);
    return reply.send(renderErrorPage(appError.status, appError.publicMessage, s));
  };
}

/** A story as a list's card. */
export function toCard(a: ArticleSummary): ArticleCard {
  return {
    code: a.code,
    title: a.title,
    ...(a.kicker && { kicker: a.kicker }),
    ...(a.lead && { lead: a.lead }),
    url: articlePath(a.code, a.slug),
    publishedAt: a.publishedAt,
    ...(a.service && { service: a.service }),
  };
}

function commentView(node: CommentNode): CommentView {
  return {
    id: String(node.id),
    name: node.name,
    body: node.body,
    createdAt: node.createdAt,
    // The tree is at most SHOWN_DEPTH deep, so this recursion is too.
    children: node.children.map(commentView),
    ...(node.inReplyTo && { inReplyTo: { id: String(node.inReplyTo.id), name: node.inReplyTo.name } }),
  };
}

/** One page of comment threads for the story page: never more than THREADS_PER_PAGE threads. */
function commentsOnPage(comments: readonly PublicComment[], page: number): Pick<ArticlePage, 'comments' | 'commentPage'> {
  const { threads, page: shown, pages } = pageOfThreads(threadComments(comments), page);
  return { comments: threads.map(commentView), commentPage: { page: shown, pages } };
}

/**
 * The story page's model. `publishedAt`: when the page says it was published (a
 * draft's preview has no time of its own yet).
 */
export function storyPageModel(
  article: Article,
  parts: { site: Site; related: readonly ArticleSummary[]; comments: PublicComment[]; commentForm: CommentFormState; publishedAt: Date; commentPage?: number },
): ArticlePage {
  const { site, publishedAt } = parts;
  const path = `/news/${article.code}`;
  return {
    site,
    code: article.code,
    slug: article.slug,
    title: article.title,
    kicker: article.kicker,
    lead: article.lead,
    bodyHtml: article.body,
    source: article.source,
    ...(article.service && { service: article.service }),
    tags: article.tags.map((t) => ({ ...t, url: `/tag/${encodeURIComponent(t.slug)}` })),
    publishedAt,
    // «به‌روزرسانی» is an edit after publication, not the moment the row was written.
    ...(article.updatedAt.getTime() - Math.max(article.createdAt.getTime(), publishedAt.getTime()) > 60_000 && { updatedAt: article.updatedAt }),
    shortUrl: `${site.baseUrl}${path}`,
    ...(article.author && { authorName: article.author.name }),
    image: leadImage(article.body, site.baseUrl),
    canonicalUrl: site.baseUrl + articlePath(article.code, article.slug),
    related: parts.related.map(toCard),
    commentCount: parts.comments.length,
    ...commentsOnPage(parts.comments, parts.commentPage ?? 1),
    commentForm: parts.commentForm,
  };
}
