/** The administrators' user list: add an account, change a role, disable and enable. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../../errors/index.js';
import { addAccount, disableAccount, enableAccount, listAccounts, setRole } from '../../../newsroom/index.js';
import { field, positiveInt, viewerCan, viewerOf, type Newsroom } from '../context.js';
import { usersMain } from '../views/pages.js';

/** The refusals shown on the list itself; anything else is an error page. */
const SHOWN = ['validation_failed', 'conflict', 'not_found'];

export function userRoutes(app: FastifyInstance, { deps, page, noticeOf }: Newsroom): void {
  const db = deps.db;

  const usersPage = async (request: FastifyRequest, reply: FastifyReply, error?: string, status = 200) => {
    const viewer = viewerCan(request, 'admin');
    const accounts = await listAccounts(db, viewer.user);
    return page(
      reply,
      { viewer, section: 'users', title: 'کاربران', notice: error ? { kind: 'error', text: error } : noticeOf(request), main: usersMain(viewer, accounts) },
      status,
    );
  };

  /** Runs an administrator's change; a refused change shows the list again with the reason. */
  const userChange = async (request: FastifyRequest, reply: FastifyReply, change: () => Promise<unknown>) => {
    viewerCan(request, 'admin');
    try {
      await change();
    } catch (error) {
      if (!isAppError(error) || !SHOWN.includes(error.code)) throw error;
      return usersPage(request, reply, error.publicMessage, error.status);
    }
    return reply.redirect('/newsroom/users?ok=user', 303);
  };

  app.get('/users', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => usersPage(request, reply));

  app.post('/users', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) =>
    userChange(request, reply, () =>
      addAccount(
        db,
        {
          email: field(request.body, 'email'),
          name: field(request.body, 'name'),
          role: field(request.body, 'role'),
          password: field(request.body, 'password'),
          now: deps.now(),
        },
        viewerOf(request).user,
      ),
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
}
