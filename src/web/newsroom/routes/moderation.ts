/**
 * The moderation desk: the queue with its filters, decisions one at a time and in bulk,
 * bans, the decision history, the lexicon's words and exceptions, and the bans list. The
 * decisions, bans and lexicon changes are the comments module's use cases, the API's too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../auth/index.js';
import { addTerm, banAuthor, decideComment, removeTerm, type DecisionAction } from '../../../comments/index.js';
import { AppError, isAppError } from '../../../errors/index.js';
import { decisionHistory, deskQueue, deskTerms, listBans, removeBan, storiesWithComments } from '../../../newsroom/index.js';
import type { CommentStatus } from '../../../storage/index.js';
import { field, list, positiveInt, viewerCan, viewerOf, wantsJson, type Newsroom } from '../context.js';
import { bansMain, historyMain, lexiconMain, queueMain } from '../views/moderation.js';

const COMMENT_STATUSES: ReadonlySet<string> = new Set(['pending', 'published', 'rejected', 'spam']);
const DECISIONS: ReadonlySet<string> = new Set(['approve', 'reject', 'spam']);
const LEXICON_TITLE = 'واژه‌نامه و استثناها';

/** The desk's filters, kept when coming back after a decision: only known values survive. */
function safeBack(text: string): string {
  const params = new URLSearchParams(text.startsWith('?') ? text.slice(1) : text);
  const out = new URLSearchParams();
  const status = params.get('status');
  if (status && COMMENT_STATUSES.has(status)) out.set('status', status);
  const label = params.get('label');
  if (label && /^[a-z]{2,12}$/.test(label)) out.set('label', label);
  const article = positiveInt(params.get('article') ?? undefined);
  if (article) out.set('article', String(article));
  return out.toString();
}

function backTo(request: FastifyRequest, ok: string): string {
  const back = safeBack(field(request.body, 'back'));
  return `/newsroom/moderation?${back ? `${back}&` : ''}ok=${ok}`;
}

/** The decision a form asks for; 400 for anything else. */
function decisionOf(request: FastifyRequest): DecisionAction {
  const action = field(request.body, 'action');
  if (!DECISIONS.has(action)) throw new AppError('bad_request');
  return action as DecisionAction;
}

export function moderationRoutes(app: FastifyInstance, nr: Newsroom): void {
  const { deps, page, staffPage } = nr;
  const db = deps.db;

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
      main: queueMain({
        viewer: base.viewer,
        items,
        status,
        label,
        article,
        stories,
        titles,
        lexicon: can(base.viewer.user.role, 'moderation.lexicon'),
        back: safeBack(new URLSearchParams(q).toString()),
      }),
    });
  });

  app.post<{ Params: { id: string } }>('/comments/:id/decision', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const viewer = viewerCan(request, 'comment.moderate');
    const result = await decideComment(deps.comments, positiveInt(request.params.id) ?? 0, decisionOf(request), viewer.user);
    if (wantsJson(request)) return result;
    return reply.redirect(backTo(request, 'decided'), 303);
  });

  app.post('/moderation/bulk', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const viewer = viewerCan(request, 'comment.moderate');
    const action = decisionOf(request);
    const ids = [
      ...new Set(
        list(request.body, 'ids')
          .map((s) => positiveInt(s))
          .filter((n): n is number => n !== undefined),
      ),
    ].slice(0, 500);
    for (const id of ids) await decideComment(deps.comments, id, action, viewer.user);
    if (wantsJson(request)) return { decided: ids.length };
    return reply.redirect(backTo(request, 'decided'), 303);
  });

  app.post<{ Params: { id: string } }>('/comments/:id/ban', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const viewer = viewerCan(request, 'comment.moderate');
    const by = field(request.body, 'by');
    if (by !== 'email' && by !== 'name' && by !== 'client') throw new AppError('bad_request');
    await banAuthor(db, { commentId: positiveInt(request.params.id) ?? 0, by, reason: field(request.body, 'reason'), now: deps.now().getTime() }, viewer.user);
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
      main: historyMain({
        entries: entries.slice(0, size),
        lexicon: can(base.viewer.user.role, 'moderation.lexicon'),
        page: pageNo,
        more: entries.length > size,
        moderatorsOnly,
      }),
    });
  });

  lexiconRoutes(app, nr);
}

/** The lexicon's words and exceptions, and the bans list. */
function lexiconRoutes(app: FastifyInstance, { deps, page, staffPage }: Newsroom): void {
  const db = deps.db;

  app.get('/moderation/lexicon', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const base = staffPage('moderation', request);
    return page(reply, { ...base, title: LEXICON_TITLE, main: lexiconMain(base.viewer, await deskTerms(db, base.viewer.user)) });
  });

  app.post('/moderation/lexicon', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const viewer = viewerOf(request);
    try {
      await addTerm(
        { db, bus: deps.bus, now: deps.now },
        {
          kind: field(request.body, 'kind'),
          term: field(request.body, 'term'),
          label: field(request.body, 'label'),
          severity: field(request.body, 'severity'),
        },
        viewer.user,
      );
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      return page(
        reply,
        {
          viewer,
          section: 'moderation',
          title: LEXICON_TITLE,
          notice: { kind: 'error', text: error.publicMessage },
          main: lexiconMain(viewer, await deskTerms(db, viewer.user)),
        },
        400,
      );
    }
    return reply.redirect('/newsroom/moderation/lexicon?ok=term', 303);
  });

  app.post<{ Params: { id: string } }>('/moderation/lexicon/:id/delete', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    await removeTerm({ db, bus: deps.bus }, positiveInt(request.params.id) ?? 0, viewerOf(request).user);
    return reply.redirect('/newsroom/moderation/lexicon?ok=term', 303);
  });

  app.get('/moderation/bans', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const base = staffPage('moderation', request);
    return page(reply, {
      ...base,
      title: 'مسدودها',
      main: bansMain(base.viewer, await listBans(db, base.viewer.user), can(base.viewer.user.role, 'moderation.lexicon')),
    });
  });

  app.post<{ Params: { id: string } }>('/moderation/bans/:id/delete', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    await removeBan(db, positiveInt(request.params.id) ?? 0, viewerOf(request).user);
    return reply.redirect('/newsroom/moderation/bans?ok=unbanned', 303);
  });
}
