/**
 * /api/v1: the JSON API of CONTRACT.md. An encapsulated plugin with its own
 * bearer authentication, error handler and 404, all answering
 * `{"error": {"code", "message"}}`.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ApiApp } from './app.js';
import {
  articlePath,
  canReadArticle,
  createArticle,
  findArticleByCode,
  findServiceBySlug,
  listArticles,
  unpublishedReach,
  updateArticle,
  type Article,
  type ArticleDeps,
} from '../../articles/index.js';
import { issueToken, listTokens, revokeTokens, scopesForRole, signIn, type Lockout, type User } from '../../auth/index.js';
import { AppError } from '../../errors/index.js';
import type { Db } from '../../storage/index.js';
import { bearerAuth } from '../access.js';
import { channelRoutes } from './channels.js';
import { commentRoutes, type CommentApiDeps } from './comments.js';
import { searchRoutes, type SearchApiDeps } from './search.js';
import { logged, sendJsonError } from '../errors.js';
import {
  ArticleJson,
  ArticleList,
  ArticleWriteJson,
  CodeParams,
  CreateArticleBody,
  ErrorBody,
  ListArticlesQuery,
  numericParameters,
  RevokedAnswer,
  TokenAnswer,
  TokenBody,
  TokenIdParams,
  TokenList,
  UpdateArticleBody,
} from './schemas.js';

export interface ApiDeps {
  db: Db;
  articles: ArticleDeps;
  comments: Omit<CommentApiDeps, 'db' | 'now'>;
  search: Omit<SearchApiDeps, 'db' | 'now' | 'baseUrl'>;
  baseUrl: string;
  now: () => Date;
  /** Hosts channels may post to although not public (DABIR_CHANNEL_HOSTS). */
  channelHosts?: readonly string[] | undefined;
  /** The one sign-in lockout, shared with the newsroom's sign-in (and every instance). */
  lockout: Lockout;
}

function toJson(a: Article, baseUrl: string): ArticleJson {
  return {
    code: a.code,
    url: baseUrl + articlePath(a.code, a.slug),
    shortUrl: `${baseUrl}/news/${a.code}`,
    slug: a.slug,
    kicker: a.kicker,
    title: a.title,
    lead: a.lead,
    body: a.body,
    source: a.source,
    service: a.service,
    tags: a.tags,
    author: a.author ? { name: a.author.name } : null,
    status: a.status,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    commentsOpen: a.commentsOpen,
  };
}

/**
 * The answer to a write: the whole story when the caller may read it (access.ts), else
 * only where it is and its status. A token scoped to `articles:write` alone writes
 * drafts it cannot read back; the minimal answer tells it the code to use.
 */
function writeAnswer(a: Article, caller: User, deps: ApiDeps): ArticleWriteJson {
  if (canReadArticle(caller, a, deps.now())) return toJson(a, deps.baseUrl);
  return { code: a.code, url: deps.baseUrl + articlePath(a.code, a.slug), shortUrl: `${deps.baseUrl}/news/${a.code}`, status: a.status };
}

function encodeCursor(last: [number, number]): string {
  return Buffer.from(JSON.stringify(last)).toString('base64url');
}

function decodeCursor(cursor: string): [number, number] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every((n) => Number.isSafeInteger(n))) return v as [number, number];
  } catch {
    // falls through to the error below
  }
  throw new AppError('bad_request', { message: 'مکان‌نمای صفحه (cursor) نامعتبر است.' });
}

/** A token caller whose scopes do not cover writing stories is refused before the story code runs. */
function requireArticleScope(user: User | null): User {
  if (!user) throw new AppError('unauthorized');
  if (user.scopes && !user.scopes.includes('articles:write'))
    throw new AppError('forbidden', { message: 'این توکن اجازهٔ نوشتن خبر ندارد.', detail: 'scope articles:write' });
  return user;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** POST /auth/token and the caller's own tokens. */
function authRoutes(app: ApiApp, deps: ApiDeps): void {
  app.post(
    '/auth/token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Exchange email and password for a bearer token',
        body: TokenBody,
        response: { 200: TokenAnswer, ...errors, 429: ErrorBody },
      },
    },
    async (request) => {
      const result = await signIn(deps.db, deps.lockout, {
        email: request.body.email,
        password: request.body.password,
        client: request.ip,
        now: deps.now().getTime(),
      });
      if (result.kind === 'locked')
        throw new AppError('rate_limited', {
          retryAfter: Math.ceil(result.retryAfterMs / 1000),
          message: 'تلاش‌های ناموفق زیاد بود؛ کمی بعد دوباره تلاش کنید.',
        });
      if (result.kind === 'invalid') throw new AppError('invalid_credentials');
      const user = result.user;
      const allowed = scopesForRole(user.role);
      const asked = request.body.scopes ?? allowed;
      const beyond = asked.filter((s) => !allowed.includes(s));
      if (beyond.length > 0)
        throw new AppError('forbidden', { message: `نقش شما اجازهٔ این دسترسی‌ها را نمی‌دهد: ${beyond.join('، ')}`, detail: `scopes ${beyond.join(' ')}` });
      const scopes = [...new Set(asked)];
      return { token: await issueToken(deps.db, user.id, deps.now(), { scopes, label: request.body.label }), scopes };
    },
  );

  app.get(
    '/auth/tokens',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: "The caller's own tokens (never their secrets), newest first",
        security: [{ bearer: [] }],
        response: { 200: TokenList, ...errors },
      },
    },
    async (request) => {
      const user = request.user!;
      const items = await listTokens(deps.db, user);
      return {
        items: items.map((t) => ({
          id: t.id,
          label: t.label,
          scopes: t.scopes,
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          revokedAt: t.revokedAt?.toISOString() ?? null,
          current: t.id === user.tokenId,
        })),
      };
    },
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: "Revoke one of the caller's tokens",
        security: [{ bearer: [] }],
        params: TokenIdParams,
        response: { 200: RevokedAnswer, ...errors },
      },
    },
    async (request) => {
      const revoked = await revokeTokens(deps.db, { userId: request.user!.id, tokenId: request.params.id, now: deps.now() });
      // Unknown, already revoked and someone else's look the same.
      if (revoked === 0) throw new AppError('not_found', { message: 'توکنی با این شناسه پیدا نشد.' });
      return { revoked };
    },
  );

  app.delete(
    '/auth/tokens',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: "Revoke all the caller's tokens, this one included",
        security: [{ bearer: [] }],
        response: { 200: RevokedAnswer, ...errors },
      },
    },
    async (request) => ({ revoked: await revokeTokens(deps.db, { userId: request.user!.id, now: deps.now() }) }),
  );
}

/** Creating, listing, reading and changing stories. */
function articleRoutes(app: ApiApp, deps: ApiDeps): void {
  app.post(
    '/articles',
    {
      config: { access: 'user' },
      schema: {
        tags: ['articles'],
        summary: 'Create a story',
        security: [{ bearer: [] }],
        body: CreateArticleBody,
        response: { 201: ArticleWriteJson, ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireArticleScope(request.user);
      const article = await createArticle(deps.articles, request.body, caller);
      return reply
        .code(201)
        .header('location', `/api/v1/articles/${article.code}`)
        .send(writeAnswer(article, caller, deps));
    },
  );

  app.get(
    '/articles',
    {
      config: { access: 'public' },
      schema: {
        tags: ['articles'],
        summary: 'Stories, newest first; without a token only published ones',
        querystring: ListArticlesQuery,
        response: { 200: ArticleList, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      // The read rule (src/articles/access.ts): a reporter lists their own unpublished stories only.
      const reach = unpublishedReach(request.user);
      const status = reach !== 'none' ? q.status : 'published';
      if (reach === 'none' && q.status && q.status !== 'published')
        throw new AppError('unauthorized', { message: 'برای دیدن خبرهای منتشرنشده باید وارد شوید.' });
      const own = reach === 'own' ? request.user!.id : undefined;
      let serviceId: number | undefined;
      if (q.service) {
        const service = await findServiceBySlug(deps.db, q.service);
        if (!service) return { items: [], next: null };
        serviceId = service.id;
      }
      const page = await listArticles(deps.db, {
        status,
        serviceId,
        ...(own !== undefined && status !== 'published' && (status === undefined ? { publishedOrAuthor: own } : { authorId: own })),
        limit: q.limit,
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
      });
      const now = deps.now();
      const visible = page.items.filter((a) => (status === 'published' ? a.publishedAt && a.publishedAt <= now : canReadArticle(request.user, a, now)));
      return { items: visible.map((a) => toJson(a, deps.baseUrl)), next: page.more && page.last ? encodeCursor(page.last) : null };
    },
  );

  app.get(
    '/articles/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['articles'],
        summary: 'One story by its news code (drafts need a token)',
        params: CodeParams,
        response: { 200: ArticleJson, ...errors },
      },
    },
    async (request) => {
      const article = await findArticleByCode(deps.db, request.params.code);
      // Someone else's draft looks the same as no story at all.
      if (!article || !canReadArticle(request.user, article, deps.now())) throw new AppError('article_not_found');
      return toJson(article, deps.baseUrl);
    },
  );

  app.patch(
    '/articles/:code',
    {
      config: { access: 'user' },
      schema: {
        tags: ['articles'],
        summary: 'Change some fields of a story',
        security: [{ bearer: [] }],
        params: CodeParams,
        body: UpdateArticleBody,
        response: { 200: ArticleWriteJson, ...errors },
      },
    },
    async (request) => {
      const caller = requireArticleScope(request.user);
      return writeAnswer(await updateArticle(deps.articles, request.params.code, request.body, caller), caller, deps);
    },
  );
}

export function apiPlugin(deps: ApiDeps): FastifyPluginAsync {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    bearerAuth(app, deps.db);
    app.setErrorHandler((error, request, reply) => sendJsonError(reply, logged(error, request)));
    app.setNotFoundHandler({}, (_request, reply) => sendJsonError(reply, new AppError('not_found')));
    // Numbers in queries and paths are decimal digits; page sizes above their maximum are clamped.
    app.addHook('preValidation', async (request) => numericParameters(request));

    authRoutes(app, deps);
    articleRoutes(app, deps);
    commentRoutes(app, { ...deps.comments, db: deps.db, now: deps.now });
    channelRoutes(app, { db: deps.db, bus: deps.articles.bus, now: deps.now, channelHosts: deps.channelHosts });
    searchRoutes(app, { ...deps.search, db: deps.db, now: deps.now, baseUrl: deps.baseUrl });

    app.get(
      '/',
      { config: { access: 'public' }, schema: { hide: true, response: { 200: Type.Object({ name: Type.String(), docs: Type.String() }) } } },
      async () => ({
        name: 'Dabir API v1',
        docs: '/api/docs/openapi.json',
      }),
    );
  };
}
