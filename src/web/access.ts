/**
 * Who may call a route. Every route declares `config.access`; a route without
 * one makes the app refuse to start (STYLE.md 4), so nothing is left open by
 * forgetting.
 *
 * - `public`: anyone; a valid bearer token, when sent, identifies the caller.
 * - `user`: a valid bearer token is required (401 otherwise).
 * - `staff`: a newsroom session (the `dabir_session` cookie) is required; the
 *   newsroom plugin resolves it (`sessionAuth`), and a route of this kind in a
 *   scope that does not is refused, never served.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { permits, userForToken, type Action, type User } from '../auth/index.js';
import { AppError } from '../errors/index.js';
import type { Db } from '../storage/index.js';

export type Access = 'public' | 'user' | 'staff';

/** A signed-in newsroom member, resolved from the session cookie. */
export interface StaffSession {
  user: User;
  /** The session's id (the hash of its cookie), to end it. */
  sessionId: string;
  /** The token every form of this session must send back (CSRF). */
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The caller identified by a bearer token, if any. */
    user: User | null;
    /** The newsroom member signed in by the session cookie, if any (newsroom routes only). */
    staff: StaffSession | null;
  }
}

/** Fails at start for any route that does not declare who may call it. */
export function requireDeclaredAccess(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    if (access !== 'public' && access !== 'user' && access !== 'staff') {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access = 'public' | 'user' | 'staff')`);
    }
  });
  // Fails closed: a `staff` route whose scope resolved no session is never served.
  app.decorateRequest('staff', null);
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config.access === 'staff' && !request.staff) throw new AppError('unauthorized');
  });
}

/**
 * Resolves the newsroom session on every request of this scope (`resolve` reads the
 * cookie and the sessions table); a `staff` route without one goes to `refuse`
 * (the sign-in page for a page, 401 for the rest).
 */
export function sessionAuth(
  app: FastifyInstance,
  resolve: (request: FastifyRequest) => Promise<StaffSession | undefined>,
  refuse: (request: FastifyRequest, reply: FastifyReply) => unknown,
): void {
  app.addHook('onRequest', async (request, reply) => {
    request.staff = (await resolve(request)) ?? null;
    if (request.routeOptions.config.access === 'staff' && !request.staff) return refuse(request, reply);
  });
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** Resolves the bearer token on every request of this scope and enforces `user` routes. */
export function bearerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const token = bearer(request);
    if (token) {
      request.user = (await userForToken(db, token)) ?? null;
      if (!request.user) throw new AppError('unauthorized', { message: 'توکن نامعتبر یا باطل‌شده است.' });
    }
    if (request.routeOptions.config.access === 'user' && !request.user) throw new AppError('unauthorized');
  });
}

/**
 * The caller, when it may do `action`; 401 without one, 403 when it may not. The one check for
 * every surface: a token caller (`request.user`, in the API) needs its role to allow the
 * action and its scopes to cover it; a session caller (`request.staff`, in the newsroom) has
 * no scopes, so its role alone decides (`permits`).
 */
export function requireCan(request: FastifyRequest, action: Action): User {
  const user = request.user ?? request.staff?.user;
  if (!user) throw new AppError('unauthorized');
  if (!permits(user, action)) throw new AppError('forbidden');
  return user;
}
