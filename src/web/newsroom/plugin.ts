/**
 * `/newsroom` (CONTRACT.md): the desk where reporters write, editors publish,
 * moderators clear the comment queue and administrators manage accounts. An
 * encapsulated plugin with its own body parsers, session resolution, CSRF check,
 * security headers and error pages. Every route declares its access: `public`
 * for the sign-in page, `staff` (a live session) for the rest; what a role may
 * do is asked of `can()` in the use cases, whatever the page offered.
 */
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { findArticleByCode, listArticles, listServices, parseNewsCode, unpublishedReach, type Article, type ArticleDeps } from '../../articles/index.js';
import { can, issueToken, listTokens, Lockout, revokeTokens, scopesForRole, signIn, type Action } from '../../auth/index.js';
import { decideComment, publishedComments, type CommentDeps, type DecisionAction } from '../../comments/index.js';
import { AppError, isAppError } from '../../errors/index.js';
import type { ChangeBus } from '../../events/index.js';
import { findMedia, listMedia, MEDIA_LIMITS, setMediaAlt, uploadImage } from '../../media/index.js';
import {
  addAccount,
  addTerm,
  allowedActions,
  banCommentAuthor,
  canEditStory,
  changePassword,
  countUserSessions,
  csrfMatches,
  decisionHistory,
  deskQueue,
  diffStory,
  disableAccount,
  enableAccount,
  endSession,
  findRevision,
  findSession,
  isWorkflowAction,
  listAccounts,
  listBans,
  listRevisions,
  listTerms,
  loadDashboard,
  newFormToken,
  parseTags,
  previousRevision,
  removeBan,
  removeTerm,
  restoreRevision,
  saveStory,
  SESSION_COOKIE,
  SESSION_LIMITS,
  setRole,
  signOutEverywhere,
  startSession,
  storiesWithComments,
  type StoryFields,
  type WorkflowAction,
} from '../../newsroom/index.js';
import { fromJalali, normalizeText, toLatinDigits, toPersianDigits } from '../../persian/index.js';
import type { ArticleStatus, CommentStatus, Db } from '../../storage/index.js';
import { sessionAuth } from '../access.js';
import { logged, sendJsonError } from '../errors.js';
import { siteModel, storyPageModel } from '../site.js';
import { renderArticlePage } from '../views/index.js';
import { readCookie, writeCookie } from './cookies.js';
import { renderNewsroom, renderNewsroomError, type AssetVersions, type NewsroomDocument, type Section, type Viewer } from './views/layout.js';
import { mediaMain } from './views/media.js';
import { bansMain, historyMain, lexiconMain, queueMain } from './views/moderation.js';
import { accountMain, dashboardMain, loginMain, usersMain } from './views/pages.js';
import { editorMain, revisionsMain, storyListMain, type EditorModel } from './views/stories.js';

export interface NewsroomDeps {
  db: Db;
  /** The app's article deps (search indexing and the bus included). */
  articles: ArticleDeps;
  comments: CommentDeps;
  /** The one sign-in lockout, shared with the API's token exchange (and every instance). */
  lockout: Lockout;
  bus: ChangeBus;
  now(): Date;
  baseUrl: string;
  /** Where uploads go: DABIR_DATA/media. */
  mediaDir: string;
  /** Versions of the newsroom's static files (`newsroomAssets`). */
  assets: AssetVersions;
  siteName?: string;
}

/** How a route's POST proves it comes from our own form. */
type CsrfMode = 'session' | 'login' | 'in-handler';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `session` (the default for staff POSTs): the session's token in `_csrf` or `x-csrf-token`. */
    csrf?: CsrfMode;
  }
}

const LOGIN_COOKIE = 'dabir_login';
const CSRF_MESSAGE = 'فرم نامعتبر یا کهنه است (نشانهٔ امنیتی CSRF همراهش نبود)؛ صفحه را دوباره بارگذاری کنید و دوباره بفرستید.';
const HTML = 'text/html; charset=utf-8';

/** Messages after an action, chosen by a fixed key in `?ok=` (nothing from the request is shown). */
const NOTICES: Record<string, string> = {
  saved: 'خبر ذخیره شد.',
  submitted: 'خبر برای بررسی فرستاده شد.',
  withdrawn: 'خبر به پیش‌نویس برگشت.',
  published: 'خبر منتشر شد.',
  scheduled: 'خبر زمان‌بندی شد.',
  unpublished: 'خبر از انتشار خارج شد.',
  restored: 'نسخهٔ انتخاب‌شده بازگردانده شد.',
  uploaded: 'تصویر بارگذاری شد.',
  alt: 'متن جایگزین ثبت شد.',
  decided: 'تصمیم ثبت شد.',
  banned: 'مسدود شد.',
  unbanned: 'مسدودیت برداشته شد.',
  term: 'واژه‌نامه به‌روز شد.',
  password: 'گذرواژه تغییر کرد؛ نشست‌های دیگر شما بسته و توکن‌های API شما باطل شدند.',
  token: 'توکن باطل شد.',
  user: 'کاربر ذخیره شد.',
};

const ACTION_NOTICE: Record<WorkflowAction, string> = {
  save: 'saved',
  submit: 'submitted',
  withdraw: 'withdrawn',
  publish: 'published',
  schedule: 'scheduled',
  unpublish: 'unpublished',
};

type Body = Record<string, unknown>;

function field(body: unknown, name: string): string {
  const v = (body as Body | undefined)?.[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return '';
}

function list(body: unknown, name: string): string[] {
  const v = (body as Body | undefined)?.[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function positiveInt(text: string | undefined): number | undefined {
  const t = toLatinDigits(String(text ?? ''));
  if (!/^[0-9]{1,10}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 && n <= 2_147_483_647 ? n : undefined;
}

/** Where to go after signing in: only a newsroom path, never another site. */
function safeNext(next: string): string {
  return /^\/newsroom(?:[/?#][^\\\s]*)?$/.test(next) && !next.startsWith('//') ? next : '/newsroom';
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = String(request.headers.accept ?? '');
  return accept.includes('application/json') || String(request.headers['content-type'] ?? '').startsWith('application/json');
}

function viewerOf(request: FastifyRequest): Viewer {
  const staff = request.staff;
  if (!staff) throw new AppError('unauthorized');
  return { user: staff.user, csrfToken: staff.csrfToken };
}

function requireCan(request: FastifyRequest, action: Action): Viewer {
  const viewer = viewerOf(request);
  if (!can(viewer.user.role, action)) throw new AppError('forbidden');
  return viewer;
}

function storyFields(body: unknown): StoryFields {
  const tags = (body as Body | undefined)?.tags;
  return {
    title: field(body, 'title'),
    kicker: field(body, 'kicker'),
    lead: field(body, 'lead'),
    body: field(body, 'body'),
    source: field(body, 'source'),
    service: field(body, 'service'),
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string').flatMap(parseTags) : parseTags(field(body, 'tags')),
  };
}

function articleFields(a: Article): StoryFields {
  return { title: a.title, kicker: a.kicker, lead: a.lead, body: a.body, source: a.source, service: a.service?.slug ?? '', tags: a.tags.map((t) => t.name) };
}

/** The schedule picker's Jalali fields as an instant (Tehran time), or undefined when absent. */
function scheduleFrom(body: unknown): Date | undefined {
  const parts = ['publishYear', 'publishMonth', 'publishDay', 'publishHour', 'publishMinute'].map((n) => toLatinDigits(field(body, n)));
  if (parts.some((p) => !/^[0-9]{1,4}$/.test(p))) return undefined;
  const [year, month, day, hour, minute] = parts.map(Number) as [number, number, number, number, number];
  try {
    return fromJalali({ year, month, day, hour, minute });
  } catch {
    throw new AppError('validation_failed', { message: 'تاریخ انتخاب‌شده در تقویم وجود ندارد.', fields: { publishAt: 'تاریخ نامعتبر' } });
  }
}

export function newsroomPlugin(deps: NewsroomDeps): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const lockout = deps.lockout;
    const db = deps.db;
    // The reader's header, for previews.
    const site = siteModel(deps);

    // A story's body may be 500 000 letters: Persian is two bytes each in UTF-8, and three times that percent-encoded.
    await app.register(formbody, { bodyLimit: 8 * 1024 * 1024 });
    await app.register(multipart, { limits: { fileSize: MEDIA_LIMITS.maxBytes, files: 1, fields: 10, fieldSize: 16 * 1024, parts: 12 } });

    sessionAuth(
      app,
      async (request) => {
        const cookie = readCookie(request, SESSION_COOKIE);
        if (!cookie) return undefined;
        const session = await findSession(db, cookie, deps.now().getTime());
        return session && { user: session.user, sessionId: session.id, csrfToken: session.csrfToken };
      },
      async (request, reply) => {
        if (request.method === 'GET' && !wantsJson(request)) return reply.redirect(`/newsroom/login?next=${encodeURIComponent(request.url)}`, 303);
        throw new AppError('unauthorized', { message: 'نشست شما پایان یافته است؛ دوباره وارد شوید.' });
      },
    );

    // Every form POST carries the session's token: a page on another site cannot make one.
    app.addHook('preHandler', async (request) => {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const mode = request.routeOptions.config.csrf ?? 'session';
      if (mode !== 'session') return;
      const staff = request.staff;
      const given = field(request.body, '_csrf') || String(request.headers['x-csrf-token'] ?? '');
      if (!staff || !csrfMatches(staff.csrfToken, given)) throw new AppError('forbidden', { message: CSRF_MESSAGE, detail: 'csrf' });
    });

    app.addHook('onSend', async (request, reply, payload) => {
      reply.header('x-frame-options', 'DENY').header('referrer-policy', 'same-origin').header('x-content-type-options', 'nosniff').header('x-robots-tag', 'noindex, nofollow');
      if (!reply.getHeader('cache-control')) reply.header('cache-control', 'no-store');
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
        reply.header(
          'content-security-policy',
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        );
      }
      return payload;
    });

    app.setErrorHandler(async (error, request, reply) => {
      const appError = logged(error, request);
      if (wantsJson(request)) return sendJsonError(reply, appError);
      if (appError.retryAfter !== undefined) reply.header('retry-after', String(appError.retryAfter));
      const viewer = request.staff ? { user: request.staff.user, csrfToken: request.staff.csrfToken } : undefined;
      return reply.code(appError.status).type(HTML).send(renderNewsroomError({ status: appError.status, message: appError.publicMessage, viewer, assets: deps.assets }));
    });

    const page = (reply: FastifyReply, doc: Omit<NewsroomDocument, 'assets'>, status = 200) =>
      reply.code(status).type(HTML).send(renderNewsroom({ ...doc, assets: deps.assets }));

    const noticeOf = (request: FastifyRequest): NewsroomDocument['notice'] => {
      const ok = (request.query as { ok?: string } | undefined)?.ok;
      return ok && NOTICES[ok] ? { kind: 'ok', text: NOTICES[ok]! } : undefined;
    };

    const staffPage = (section: Section | undefined, request: FastifyRequest) => ({ viewer: viewerOf(request), ...(section && { section }), notice: noticeOf(request) });

    // ——— Signing in and out ———

    const loginPage = (request: FastifyRequest, reply: FastifyReply, input: { email?: string; next?: string; error?: string; status?: number }) => {
      // The token already in the browser is kept, so two open sign-in pages both work.
      const sent = readCookie(request, LOGIN_COOKIE);
      const token = sent && /^[A-Za-z0-9_-]{40,60}$/.test(sent) ? sent : newFormToken();
      writeCookie(request, reply, LOGIN_COOKIE, token, { path: '/newsroom/login', maxAge: 3600, sameSite: 'Strict' });
      return page(reply, { title: 'ورود', main: loginMain({ formToken: token, email: input.email ?? '', next: safeNext(input.next ?? '/newsroom'), error: input.error }) }, input.status ?? 200);
    };

    app.get('/login', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const next = safeNext(String((request.query as { next?: string }).next ?? '/newsroom'));
      if (request.staff) return reply.redirect(next, 303);
      return loginPage(request, reply, { next });
    });

    app.post('/login', { config: { access: 'public', csrf: 'login' }, bodyLimit: 16 * 1024, schema: { hide: true } }, async (request, reply) => {
      const expected = readCookie(request, LOGIN_COOKIE);
      if (!expected || !csrfMatches(expected, field(request.body, '_csrf'))) throw new AppError('forbidden', { message: CSRF_MESSAGE, detail: 'login csrf' });
      const email = field(request.body, 'email');
      const next = safeNext(field(request.body, 'next'));
      const now = deps.now().getTime();
      const result = await signIn(db, lockout, { email, password: field(request.body, 'password'), client: request.ip, now });
      if (result.kind === 'locked') {
        const seconds = Math.ceil(result.retryAfterMs / 1000);
        reply.header('retry-after', String(seconds));
        return loginPage(request, reply, { email, next, status: 429, error: `به دلیل تلاش‌های ناموفق پیاپی، ${toPersianDigits(seconds)} ثانیهٔ دیگر دوباره تلاش کنید.` });
      }
      if (result.kind === 'invalid') return loginPage(request, reply, { email, next, status: 401, error: 'ایمیل یا گذرواژه نادرست است.' });
      const { cookie } = await startSession(db, { userId: result.user.id, now, replacing: readCookie(request, SESSION_COOKIE) });
      writeCookie(request, reply, SESSION_COOKIE, cookie, { path: '/newsroom', maxAge: SESSION_LIMITS.absoluteMs / 1000, sameSite: 'Lax' });
      writeCookie(request, reply, LOGIN_COOKIE, '', { path: '/newsroom/login', maxAge: 0, sameSite: 'Strict' });
      return reply.redirect(next, 303);
    });

    const signOut = (request: FastifyRequest, reply: FastifyReply) => {
      writeCookie(request, reply, SESSION_COOKIE, '', { path: '/newsroom', maxAge: 0, sameSite: 'Lax' });
      return reply.redirect('/newsroom/login', 303);
    };

    app.post('/logout', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      await endSession(db, request.staff!.sessionId);
      return signOut(request, reply);
    });

    app.post('/logout-everywhere', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      await signOutEverywhere(db, request.staff!.user.id, deps.now());
      return signOut(request, reply);
    });

    // ——— Dashboard and account ———

    app.get('/', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const base = staffPage('dashboard', request);
      const role = base.viewer.user.role;
      const dashboard = await loadDashboard(db, deps.now());
      return page(reply, { ...base, title: 'پیشخوان', main: dashboardMain(dashboard, { canModerate: can(role, 'comment.moderate'), storyLinks: can(role, 'article.read.unpublished') }) });
    });

    const accountModel = async (viewer: Viewer, newToken?: string) => ({
      sessions: await countUserSessions(db, viewer.user.id, deps.now().getTime()),
      tokens: await listTokens(db, viewer.user),
      scopes: scopesForRole(viewer.user.role),
      newToken,
    });

    app.get('/account', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const base = staffPage('account', request);
      return page(reply, { ...base, title: 'حساب من', main: accountMain(base.viewer, await accountModel(base.viewer)) });
    });

    app.post('/account/password', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const viewer = viewerOf(request);
      try {
        await changePassword(db, { user: viewer.user, current: field(request.body, 'current'), next: field(request.body, 'next'), keepSession: request.staff!.sessionId, now: deps.now() });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'validation_failed') throw error;
        return page(reply, { viewer, section: 'account', title: 'حساب من', notice: { kind: 'error', text: error.publicMessage }, main: accountMain(viewer, await accountModel(viewer)) }, 400);
      }
      return reply.redirect('/newsroom/account?ok=password', 303);
    });

    // A new token is shown in this answer only (never in a URL, never again).
    app.post('/account/tokens', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const viewer = viewerOf(request);
      const allowed = scopesForRole(viewer.user.role);
      const raw = (request.body as Body | undefined)?.scopes;
      const asked = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
      const scopes = allowed.filter((s) => asked.includes(s));
      if (scopes.length === 0) {
        return page(reply, { viewer, section: 'account', title: 'حساب من', notice: { kind: 'error', text: 'دست‌کم یک دسترسی برای توکن انتخاب کنید.' }, main: accountMain(viewer, await accountModel(viewer)) }, 400);
      }
      const label = normalizeText(field(request.body, 'label')).slice(0, 100) || undefined;
      const token = await issueToken(db, viewer.user.id, deps.now(), { scopes, label });
      reply.header('cache-control', 'no-store');
      return page(reply, { viewer, section: 'account', title: 'حساب من', main: accountMain(viewer, await accountModel(viewer, token)) });
    });

    app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const viewer = viewerOf(request);
      const id = Number(request.params.id);
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError('not_found');
      // Only the viewer's own tokens are touched; another's id revokes nothing.
      await revokeTokens(db, { userId: viewer.user.id, tokenId: id, now: deps.now() });
      return reply.redirect('/newsroom/account?ok=token', 303);
    });

    // ——— Users (administrators) ———

    const usersPage = async (request: FastifyRequest, reply: FastifyReply, error?: string, status = 200) => {
      const viewer = requireCan(request, 'admin');
      const accounts = await listAccounts(db, viewer.user);
      return page(reply, { viewer, section: 'users', title: 'کاربران', notice: error ? { kind: 'error', text: error } : noticeOf(request), main: usersMain(viewer, accounts) }, status);
    };

    /** Runs an administrator's change; a refused change shows the list again with the reason. */
    const userChange = async (request: FastifyRequest, reply: FastifyReply, change: () => Promise<unknown>) => {
      requireCan(request, 'admin');
      try {
        await change();
      } catch (error) {
        if (!isAppError(error) || !['validation_failed', 'conflict', 'not_found'].includes(error.code)) throw error;
        return usersPage(request, reply, error.publicMessage, error.status);
      }
      return reply.redirect('/newsroom/users?ok=user', 303);
    };

    app.get('/users', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => usersPage(request, reply));

    app.post('/users', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) =>
      userChange(request, reply, () =>
        addAccount(db, { email: field(request.body, 'email'), name: field(request.body, 'name'), role: field(request.body, 'role'), password: field(request.body, 'password'), now: deps.now() }, viewerOf(request).user),
      ),
    );

    app.post<{ Params: { id: string } }>('/users/:id/role', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) =>
      userChange(request, reply, () => setRole(db, positiveInt(request.params.id) ?? 0, field(request.body, 'role'), viewerOf(request).user)),
    );

    app.post<{ Params: { id: string } }>('/users/:id/disable', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) =>
      userChange(request, reply, () => disableAccount(db, positiveInt(request.params.id) ?? 0, deps.now(), viewerOf(request).user)),
    );

    app.post<{ Params: { id: string } }>('/users/:id/enable', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) =>
      userChange(request, reply, () => enableAccount(db, positiveInt(request.params.id) ?? 0, field(request.body, 'password'), viewerOf(request).user)),
    );

    // ——— Stories ———

    const STATUSES: ReadonlySet<string> = new Set(['draft', 'review', 'scheduled', 'published', 'unpublished']);

    app.get('/stories', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const base = staffPage('stories', request);
      const role = base.viewer.user.role;
      if (!can(role, 'article.write') && !can(role, 'article.read.unpublished')) throw new AppError('forbidden');
      const q = request.query as { status?: string; after?: string };
      const status = q.status && STATUSES.has(q.status) ? (q.status as ArticleStatus) : undefined;
      // The read rule of the API too (src/articles/access.ts): reporters list their own stories.
      const mine = unpublishedReach(base.viewer.user) !== 'all';
      const after = /^[0-9]{1,15}_[0-9]{1,10}$/.test(q.after ?? '') ? (q.after!.split('_').map(Number) as [number, number]) : undefined;
      const result = await listArticles(db, { status, authorId: mine ? base.viewer.user.id : undefined, limit: 50, after });
      const nextUrl = result.more && result.last ? `/newsroom/stories?${status ? `status=${status}&` : ''}after=${result.last[0]}_${result.last[1]}` : undefined;
      return page(reply, { ...base, title: 'خبرها', main: storyListMain({ items: result.items, status, mine, nextUrl }) });
    });

    const loadStory = async (request: FastifyRequest<{ Params: { code: string } }>): Promise<{ viewer: Viewer; article: Article }> => {
      const viewer = viewerOf(request);
      const code = parseNewsCode(request.params.code);
      const article = code === undefined ? undefined : await findArticleByCode(db, code);
      if (!article) throw new AppError('article_not_found');
      const own = article.author?.id === viewer.user.id;
      if (!can(viewer.user.role, 'article.edit.any') && !(own && can(viewer.user.role, 'article.write'))) throw new AppError('forbidden');
      return { viewer, article };
    };

    const defaultSchedule = (article: Article | undefined): Date => {
      if (article?.status === 'scheduled' && article.publishedAt) return article.publishedAt;
      const step = 5 * 60_000;
      return new Date(Math.ceil((deps.now().getTime() + 3600_000) / step) * step);
    };

    const editorPage = async (reply: FastifyReply, input: { viewer: Viewer; article?: Article | undefined; fields?: StoryFields; error?: string; notice?: NewsroomDocument['notice']; status?: number }) => {
      const a = input.article;
      const state = a && { status: a.status, authorId: a.author?.id ?? null };
      const model: EditorModel = {
        viewer: input.viewer,
        article: a,
        fields: input.fields ?? (a ? articleFields(a) : { title: '', kicker: '', lead: '', body: '', source: '', service: '', tags: [] }),
        actions: allowedActions(input.viewer.user, state),
        services: (await listServices(db)).map((s) => ({ slug: s.slug, name: s.name })),
        media: can(input.viewer.user.role, 'media.upload') ? await listMedia(db, { limit: 60 }) : [],
        scheduleAt: defaultSchedule(a),
        error: input.error,
        now: deps.now(),
      };
      return page(reply, { viewer: input.viewer, section: a ? 'stories' : 'new', title: a ? `ویرایش: ${a.title}` : 'خبر تازه', editor: true, notice: input.notice, main: editorMain(model) }, input.status ?? 200);
    };

    app.get('/stories/new', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const viewer = requireCan(request, 'article.write');
      return editorPage(reply, { viewer });
    });

    app.get<{ Params: { code: string } }>('/stories/:code', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const { viewer, article } = await loadStory(request);
      return editorPage(reply, { viewer, article, notice: noticeOf(request) });
    });

    /** Saves the editor's form; a refused save shows the editor again with what was typed. */
    const saveFromForm = async (request: FastifyRequest, reply: FastifyReply, code: number | undefined) => {
      const viewer = viewerOf(request);
      const actionText = field(request.body, 'action') || 'save';
      if (!isWorkflowAction(actionText)) throw new AppError('bad_request');
      const fields = storyFields(request.body);
      const before = code === undefined ? undefined : await findArticleByCode(db, code);
      try {
        const scheduleAt = actionText === 'schedule' ? scheduleFrom(request.body) : undefined;
        const article = await saveStory(deps.articles, { code, fields, action: actionText, scheduleAt }, viewer.user);
        return reply.redirect(`/newsroom/stories/${article.code}?ok=${ACTION_NOTICE[actionText]}`, 303);
      } catch (error) {
        if (!isAppError(error) || !['validation_failed', 'code_taken', 'conflict'].includes(error.code)) throw error;
        const extra = error.fields ? Object.values(error.fields).filter((f) => f !== error.publicMessage) : [];
        return editorPage(reply, { viewer, article: before, fields, error: [error.publicMessage, ...extra].join(' '), status: error.status });
      }
    };

    app.post('/stories', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => saveFromForm(request, reply, undefined));

    app.post<{ Params: { code: string } }>('/stories/:code', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const code = parseNewsCode(request.params.code);
      if (code === undefined) throw new AppError('article_not_found');
      return saveFromForm(request, reply, code);
    });

    /** The editor's background save (JSON): fields only, never a status change. */
    const autosave = async (request: FastifyRequest, code: number | undefined) => {
      const viewer = viewerOf(request);
      const fields = storyFields(request.body);
      if (code === undefined && !fields.title.trim()) throw new AppError('validation_failed', { message: 'برای ذخیرهٔ خودکار، تیتر را بنویسید.' });
      const article = await saveStory(deps.articles, { code, fields, action: 'save', autosave: true }, viewer.user);
      return { code: article.code, savedAt: article.updatedAt.toISOString(), editUrl: `/newsroom/stories/${article.code}`, autosaveUrl: `/newsroom/stories/${article.code}/autosave`, previewUrl: `/newsroom/stories/${article.code}/preview` };
    };

    app.post('/stories/autosave', { config: { access: 'staff' }, bodyLimit: 4 * 1024 * 1024, schema: { hide: true } }, async (request) => autosave(request, undefined));

    app.post<{ Params: { code: string } }>('/stories/:code/autosave', { config: { access: 'staff' }, bodyLimit: 4 * 1024 * 1024, schema: { hide: true } }, async (request) => {
      const code = parseNewsCode(request.params.code);
      if (code === undefined) throw new AppError('article_not_found');
      return autosave(request, code);
    });

    app.get<{ Params: { code: string } }>('/stories/:code/preview', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const { article } = await loadStory(request);
      const comments = await publishedComments(db, article.id);
      // The reader's page, exactly: the same model and the same template as /news/{code}.
      const model = storyPageModel(article, {
        site: await site(),
        related: [],
        comments,
        publishedAt: article.publishedAt ?? deps.now(),
        commentForm: { open: article.commentsOpen, action: `/news/${article.code}/comments` },
      });
      return reply.type(HTML).send(renderArticlePage(model));
    });

    const revisionsPage = async (request: FastifyRequest<{ Params: { code: string; id?: string } }>, reply: FastifyReply) => {
      const { viewer, article } = await loadStory(request);
      const revisions = await listRevisions(db, article.id);
      const id = positiveInt(request.params.id);
      const selected = id === undefined ? undefined : await findRevision(db, article.id, id);
      if (id !== undefined && !selected) throw new AppError('not_found', { message: 'این نسخه پیدا نشد.' });
      const diff = selected ? diffStory((await previousRevision(db, article.id, selected.id))?.fields, selected.fields) : undefined;
      const canRestore = canEditStory(viewer.user, { status: article.status, authorId: article.author?.id ?? null });
      return page(reply, { viewer, section: 'stories', title: `نسخه‌ها: ${article.title}`, notice: noticeOf(request), main: revisionsMain({ viewer, article, revisions, selected, diff, canRestore }) });
    };

    app.get<{ Params: { code: string } }>('/stories/:code/revisions', { config: { access: 'staff' }, schema: { hide: true } }, revisionsPage);
    app.get<{ Params: { code: string; id: string } }>('/stories/:code/revisions/:id', { config: { access: 'staff' }, schema: { hide: true } }, revisionsPage);

    app.post<{ Params: { code: string; id: string } }>('/stories/:code/revisions/:id/restore', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const { viewer, article } = await loadStory(request);
      await restoreRevision(deps.articles, article.code, positiveInt(request.params.id) ?? 0, viewer.user);
      return reply.redirect(`/newsroom/stories/${article.code}?ok=restored`, 303);
    });

    app.get('/tags.json', { config: { access: 'staff' }, schema: { hide: true } }, async (request) => {
      requireCan(request, 'article.write');
      const q = normalizeText(String((request.query as { q?: string }).q ?? '')).slice(0, 60);
      if (!q) return { items: [] };
      const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
      const rows = await db
        .selectFrom('tags')
        .select('name')
        .where((eb) => eb('name', 'like', `${escaped}%`).or('name', 'like', `% ${escaped}%`))
        .orderBy('name')
        .limit(10)
        .execute();
      return { items: rows.map((r) => r.name) };
    });

    // ——— Media ———

    app.get('/media', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const base = staffPage('media', request);
      if (!can(base.viewer.user.role, 'media.upload')) throw new AppError('forbidden');
      const missingAlt = (request.query as { missingAlt?: string }).missingAlt === '1';
      return page(reply, { ...base, title: 'رسانه‌ها', main: mediaMain(base.viewer, { items: await listMedia(db, { limit: 120, missingAlt }), missingAlt }) });
    });

    app.post('/media', { config: { access: 'staff', csrf: 'in-handler' }, schema: { hide: true } }, async (request, reply) => {
      const viewer = requireCan(request, 'media.upload');
      const fields: Record<string, string> = {};
      let file: { bytes: Buffer; name: string } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            file ??= { bytes, name: part.filename };
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', { message: `حجم تصویر بیش از ${MEDIA_LIMITS.maxBytes / 1024 / 1024} مگابایت است.` });
        if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('unsupported_media_type');
        throw error;
      }
      // The token travels in the form itself (or a header), checked before the file is looked at.
      if (!csrfMatches(viewer.csrfToken, fields._csrf ?? String(request.headers['x-csrf-token'] ?? ''))) throw new AppError('forbidden', { message: CSRF_MESSAGE, detail: 'csrf' });
      if (!file) throw new AppError('validation_failed', { message: 'پرونده‌ای انتخاب نشده است.' });
      const item = await uploadImage({ db, dir: deps.mediaDir, now: deps.now }, { bytes: file.bytes, name: file.name, alt: fields.alt ?? '' }, viewer.user);
      if (wantsJson(request)) return reply.code(201).send({ id: item.id, url: item.url, srcset: item.srcset, width: item.width, height: item.height, alt: item.alt });
      return reply.redirect(`/newsroom/media?ok=uploaded#media-${item.id}`, 303);
    });

    app.post<{ Params: { id: string } }>('/media/:id/alt', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const viewer = requireCan(request, 'media.upload');
      const id = positiveInt(request.params.id) ?? 0;
      await setMediaAlt(db, id, field(request.body, 'alt'), viewer.user);
      if (wantsJson(request)) return { ok: true, item: await findMedia(db, id) };
      return reply.redirect(`/newsroom/media?ok=alt#media-${id}`, 303);
    });

    // ——— The moderation desk ———

    const COMMENT_STATUSES: ReadonlySet<string> = new Set(['pending', 'published', 'rejected', 'spam']);
    const DECISIONS: ReadonlySet<string> = new Set(['approve', 'reject', 'spam']);

    /** The desk's filters, kept when coming back after a decision: only known values survive. */
    const safeBack = (text: string): string => {
      const params = new URLSearchParams(text.startsWith('?') ? text.slice(1) : text);
      const out = new URLSearchParams();
      const status = params.get('status');
      if (status && COMMENT_STATUSES.has(status)) out.set('status', status);
      const label = params.get('label');
      if (label && /^[a-z]{2,12}$/.test(label)) out.set('label', label);
      const article = positiveInt(params.get('article') ?? undefined);
      if (article) out.set('article', String(article));
      return out.toString();
    };

    const backTo = (request: FastifyRequest, ok: string) => {
      const back = safeBack(field(request.body, 'back'));
      return `/newsroom/moderation?${back ? `${back}&` : ''}ok=${ok}`;
    };

    app.get('/moderation', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const base = staffPage('moderation', request);
      if (!can(base.viewer.user.role, 'comment.moderate')) throw new AppError('forbidden');
      const q = request.query as { status?: string; label?: string; article?: string };
      const status = (q.status && COMMENT_STATUSES.has(q.status) ? q.status : 'pending') as CommentStatus;
      const label = q.label && /^[a-z]{2,12}$/.test(q.label) ? q.label : '';
      const article = positiveInt(q.article);
      const items = await deskQueue(db, { status, label: label || undefined, articleCode: article, limit: 100 });
      const stories = await storiesWithComments(db, status);
      const titles = new Map(stories.map((s) => [s.code, s.title]));
      return page(reply, {
        ...base,
        title: 'مدیریت نظرها',
        main: queueMain({ viewer: base.viewer, items, status, label, article, stories, titles, lexicon: can(base.viewer.user.role, 'moderation.lexicon'), back: safeBack(new URLSearchParams(q as Record<string, string>).toString()) }),
      });
    });

    app.post<{ Params: { id: string } }>('/comments/:id/decision', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const viewer = requireCan(request, 'comment.moderate');
      const action = field(request.body, 'action');
      if (!DECISIONS.has(action)) throw new AppError('bad_request');
      const result = await decideComment(deps.comments, positiveInt(request.params.id) ?? 0, action as DecisionAction, viewer.user);
      if (wantsJson(request)) return result;
      return reply.redirect(backTo(request, 'decided'), 303);
    });

    app.post('/moderation/bulk', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const viewer = requireCan(request, 'comment.moderate');
      const action = field(request.body, 'action');
      if (!DECISIONS.has(action)) throw new AppError('bad_request');
      const ids = [...new Set(list(request.body, 'ids').map((s) => positiveInt(s)).filter((n): n is number => n !== undefined))].slice(0, 500);
      for (const id of ids) await decideComment(deps.comments, id, action as DecisionAction, viewer.user);
      if (wantsJson(request)) return { decided: ids.length };
      return reply.redirect(backTo(request, 'decided'), 303);
    });

    app.post<{ Params: { id: string } }>('/comments/:id/ban', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const viewer = requireCan(request, 'comment.moderate');
      const by = field(request.body, 'by');
      if (by !== 'email' && by !== 'name' && by !== 'client') throw new AppError('bad_request');
      await banCommentAuthor(db, { commentId: positiveInt(request.params.id) ?? 0, by, reason: field(request.body, 'reason'), now: deps.now().getTime() }, viewer.user);
      if (wantsJson(request)) return { ok: true };
      return reply.redirect(backTo(request, 'banned'), 303);
    });

    app.get('/moderation/history', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const base = staffPage('moderation', request);
      const q = request.query as { page?: string; who?: string };
      const pageNo = Math.min(positiveInt(q.page) ?? 1, 10_000);
      const moderatorsOnly = q.who === 'people';
      const size = 50;
      const entries = await decisionHistory(db, { limit: size + 1, offset: (pageNo - 1) * size, moderatorsOnly }, base.viewer.user);
      return page(reply, {
        ...base,
        title: 'تاریخچهٔ تصمیم‌ها',
        main: historyMain({ entries: entries.slice(0, size), lexicon: can(base.viewer.user.role, 'moderation.lexicon'), page: pageNo, more: entries.length > size, moderatorsOnly }),
      });
    });

    app.get('/moderation/lexicon', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const base = staffPage('moderation', request);
      return page(reply, { ...base, title: 'واژه‌نامه و استثناها', main: lexiconMain(base.viewer, await listTerms(db, base.viewer.user)) });
    });

    app.post('/moderation/lexicon', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const viewer = viewerOf(request);
      try {
        await addTerm({ db, bus: deps.bus, now: deps.now }, { kind: field(request.body, 'kind'), term: field(request.body, 'term'), label: field(request.body, 'label'), severity: field(request.body, 'severity') }, viewer.user);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'validation_failed') throw error;
        return page(reply, { viewer, section: 'moderation', title: 'واژه‌نامه و استثناها', notice: { kind: 'error', text: error.publicMessage }, main: lexiconMain(viewer, await listTerms(db, viewer.user)) }, 400);
      }
      return reply.redirect('/newsroom/moderation/lexicon?ok=term', 303);
    });

    app.post<{ Params: { id: string } }>('/moderation/lexicon/:id/delete', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      await removeTerm({ db, bus: deps.bus }, positiveInt(request.params.id) ?? 0, viewerOf(request).user);
      return reply.redirect('/newsroom/moderation/lexicon?ok=term', 303);
    });

    app.get('/moderation/bans', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      const base = staffPage('moderation', request);
      return page(reply, { ...base, title: 'مسدودها', main: bansMain(base.viewer, await listBans(db, base.viewer.user), can(base.viewer.user.role, 'moderation.lexicon')) });
    });

    app.post<{ Params: { id: string } }>('/moderation/bans/:id/delete', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
      await removeBan(db, positiveInt(request.params.id) ?? 0, viewerOf(request).user);
      return reply.redirect('/newsroom/moderation/bans?ok=unbanned', 303);
    });
  };
}
