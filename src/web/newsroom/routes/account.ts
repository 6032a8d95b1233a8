/** The dashboard and one's own account: the password, and the API tokens. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { can, issueToken, listTokens, revokeTokens, scopesForRole } from '../../../auth/index.js';
import { AppError, isAppError } from '../../../errors/index.js';
import { changePassword, countUserSessions, loadDashboard } from '../../../newsroom/index.js';
import { normalizeText } from '../../../persian/index.js';
import { field, viewerOf, type Body, type Newsroom } from '../context.js';
import type { Viewer } from '../views/layout.js';
import { accountMain, dashboardMain } from '../views/pages.js';

export function accountRoutes(app: FastifyInstance, { deps, page, staffPage }: Newsroom): void {
  const db = deps.db;

  app.get('/', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const base = staffPage('dashboard', request);
    const role = base.viewer.user.role;
    const dashboard = await loadDashboard(db, deps.now());
    return page(reply, {
      ...base,
      title: 'پیشخوان',
      main: dashboardMain(dashboard, { canModerate: can(role, 'comment.moderate'), storyLinks: can(role, 'article.read.unpublished') }),
    });
  });

  const accountModel = async (viewer: Viewer, newToken?: string) => ({
    sessions: await countUserSessions(db, viewer.user.id, deps.now().getTime()),
    tokens: await listTokens(db, viewer.user),
    scopes: scopesForRole(viewer.user.role),
    newToken,
  });

  /** The account page, with an error (400) or a new token shown once. */
  const accountPage = async (viewer: Viewer, reply: FastifyReply, input: { error?: string; newToken?: string } = {}) =>
    page(
      reply,
      {
        viewer,
        section: 'account',
        title: 'حساب من',
        ...(input.error && { notice: { kind: 'error' as const, text: input.error } }),
        main: accountMain(viewer, await accountModel(viewer, input.newToken)),
      },
      input.error ? 400 : 200,
    );

  app.get('/account', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const base = staffPage('account', request);
    return page(reply, { ...base, title: 'حساب من', main: accountMain(base.viewer, await accountModel(base.viewer)) });
  });

  app.post('/account/password', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const viewer = viewerOf(request);
    try {
      await changePassword(db, {
        user: viewer.user,
        current: field(request.body, 'current'),
        next: field(request.body, 'next'),
        keepSession: request.staff!.sessionId,
        now: deps.now(),
      });
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      return accountPage(viewer, reply, { error: error.publicMessage });
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
    if (scopes.length === 0) return accountPage(viewer, reply, { error: 'دست‌کم یک دسترسی برای توکن انتخاب کنید.' });
    const label = normalizeText(field(request.body, 'label')).slice(0, 100) || undefined;
    const token = await issueToken(db, viewer.user.id, deps.now(), { scopes, label });
    reply.header('cache-control', 'no-store');
    return accountPage(viewer, reply, { newToken: token });
  });

  app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('not_found');
    // Only the viewer's own tokens are touched; another's id revokes nothing.
    await revokeTokens(db, { userId: viewer.user.id, tokenId: id, now: deps.now() });
    return reply.redirect('/newsroom/account?ok=token', 303);
  });
}
