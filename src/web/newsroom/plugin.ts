/**
 * `/newsroom` (CONTRACT.md): the desk where reporters write, editors publish,
 * moderators clear the comment queue and administrators manage accounts. One
 * encapsulated plugin with its own body parsers, session resolution, CSRF check,
 * security headers and error pages; the sections (routes/*.ts) are route tables
 * registered inside it. Every route declares its access: `public` for the sign-in
 * page, `staff` (a live session) for the rest; what a role may do is asked of
 * `requireCan` and of the use cases, whatever the page offered.
 */
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors/index.js';
import { MEDIA_LIMITS } from '../../media/index.js';
import { csrfMatches, findSession, SESSION_COOKIE } from '../../newsroom/index.js';
import { sessionAuth } from '../access.js';
import { logged, sendJsonError } from '../errors.js';
import { cspHeader, NEWSROOM_CSP } from '../security.js';
import { CSRF_MESSAGE, field, HTML, newsroomContext, wantsJson, type NewsroomDeps } from './context.js';
import { readCookie } from './cookies.js';
import { accountRoutes } from './routes/account.js';
import { mediaRoutes } from './routes/media.js';
import { moderationRoutes } from './routes/moderation.js';
import { sessionRoutes } from './routes/session.js';
import { storyRoutes } from './routes/stories.js';
import { userRoutes } from './routes/users.js';
import { renderNewsroomError } from './views/layout.js';

export type { NewsroomDeps } from './context.js';

const CSP = cspHeader(NEWSROOM_CSP);

/** Resolves the session cookie on every request; a `staff` route without one goes to sign in (a page) or 401. */
function sessions(app: FastifyInstance, deps: NewsroomDeps): void {
  sessionAuth(
    app,
    async (request) => {
      const cookie = readCookie(request, SESSION_COOKIE);
      if (!cookie) return undefined;
      const session = await findSession(deps.db, cookie, deps.now().getTime());
      return session && { user: session.user, sessionId: session.id, csrfToken: session.csrfToken };
    },
    async (request, reply) => {
      if (request.method === 'GET' && !wantsJson(request)) return reply.redirect(`/newsroom/login?next=${encodeURIComponent(request.url)}`, 303);
      throw new AppError('unauthorized', { message: 'نشست شما پایان یافته است؛ دوباره وارد شوید.' });
    },
  );
}

/** The CSRF check, the headers of every answer, and error pages (JSON for the editor's script). */
function guards(app: FastifyInstance, deps: NewsroomDeps): void {
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
    reply
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'same-origin')
      .header('x-content-type-options', 'nosniff')
      .header('x-robots-tag', 'noindex, nofollow');
    if (!reply.getHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('content-security-policy', CSP);
    return payload;
  });

  app.setErrorHandler(async (error, request, reply) => {
    const appError = logged(error, request);
    if (wantsJson(request)) return sendJsonError(reply, appError);
    if (appError.retryAfter !== undefined) reply.header('retry-after', String(appError.retryAfter));
    const viewer = request.staff ? { user: request.staff.user, csrfToken: request.staff.csrfToken } : undefined;
    return reply
      .code(appError.status)
      .type(HTML)
      .send(renderNewsroomError({ status: appError.status, message: appError.publicMessage, viewer, assets: deps.assets }));
  });
}

export function newsroomPlugin(deps: NewsroomDeps): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    // A story's body may be 500 000 letters: Persian is two bytes each in UTF-8, and three times that percent-encoded.
    await app.register(formbody, { bodyLimit: 8 * 1024 * 1024 });
    await app.register(multipart, { limits: { fileSize: MEDIA_LIMITS.maxBytes, files: 1, fields: 10, fieldSize: 16 * 1024, parts: 12 } });
    sessions(app, deps);
    guards(app, deps);

    const newsroom = newsroomContext(deps);
    sessionRoutes(app, newsroom);
    accountRoutes(app, newsroom);
    userRoutes(app, newsroom);
    storyRoutes(app, newsroom);
    mediaRoutes(app, newsroom);
    moderationRoutes(app, newsroom);
  };
}
