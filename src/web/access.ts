/**
 * Who may call a route. Every route declares `config.access`; a route without
 * one makes the app refuse to start (STYLE.md 4), so nothing is left open by
 * forgetting.
 *
 * - `public`: anyone; a valid bearer token, when sent, identifies the caller.
 * - `user`: a valid bearer token is required (401 otherwise).
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { userForToken, type User } from '../auth/index.js';
import { AppError } from '../errors/index.js';
import type { Db } from '../storage/index.js';

export type Access = 'public' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The caller identified by a bearer token, if any. */
    user: User | null;
  }
}

/** Fails at start for any route that does not declare who may call it. */
export function requireDeclaredAccess(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (access !== 'public' && access !== 'user') {
      throw new Error(`route ${route.method} ${route.url} declares no access (config.access = 'public' | 'user')`);
    }
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
