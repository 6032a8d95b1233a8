/** Signing in and out of the newsroom: the sign-in form, sign-out, and sign-out everywhere. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signIn } from '../../../auth/index.js';
import { AppError } from '../../../errors/index.js';
import { csrfMatches, endSession, newFormToken, SESSION_COOKIE, SESSION_LIMITS, signOutEverywhere, startSession } from '../../../newsroom/index.js';
import { toPersianDigits } from '../../../persian/index.js';
import { CSRF_MESSAGE, field, type Newsroom } from '../context.js';
import { readCookie, writeCookie } from '../cookies.js';
import { loginMain } from '../views/pages.js';

const LOGIN_COOKIE = 'dabir_login';

/** Where to go after signing in: only a newsroom path, never another site. */
function safeNext(next: string): string {
  return /^\/newsroom(?:[/?#][^\\\s]*)?$/.test(next) && !next.startsWith('//') ? next : '/newsroom';
}

export function sessionRoutes(app: FastifyInstance, { deps, page }: Newsroom): void {
  const db = deps.db;

  const loginPage = (request: FastifyRequest, reply: FastifyReply, input: { email?: string; next?: string; error?: string; status?: number }) => {
    // The token already in the browser is kept, so two open sign-in pages both work.
    const sent = readCookie(request, LOGIN_COOKIE);
    const token = sent && /^[A-Za-z0-9_-]{40,60}$/.test(sent) ? sent : newFormToken();
    writeCookie(request, reply, LOGIN_COOKIE, token, { path: '/newsroom/login', maxAge: 3600, sameSite: 'Strict' });
    return page(
      reply,
      { title: 'ورود', main: loginMain({ formToken: token, email: input.email ?? '', next: safeNext(input.next ?? '/newsroom'), error: input.error }) },
      input.status ?? 200,
    );
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
    const result = await signIn(db, deps.lockout, { email, password: field(request.body, 'password'), client: request.ip, now });
    if (result.kind === 'locked') {
      const seconds = Math.ceil(result.retryAfterMs / 1000);
      reply.header('retry-after', String(seconds));
      return loginPage(request, reply, {
        email,
        next,
        status: 429,
        error: `به دلیل تلاش‌های ناموفق پیاپی، ${toPersianDigits(seconds)} ثانیهٔ دیگر دوباره تلاش کنید.`,
      });
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
}
