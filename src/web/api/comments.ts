/**
 * Comment routes of /api/v1: the public submission and listing, the
 * challenge, and the moderators' queue, decisions, bans and lexicon words. The
 * use cases are the comments module's, the newsroom desk's too: a route here reads
 * the request, asks `requireCan` (role and token scopes) and calls one.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ApiApp } from './app.js';
import { requireCan } from '../access.js';
import {
  addTerm,
  banAuthor,
  checkChallenge,
  countPublishedComments,
  decideComment,
  listTerms,
  moderationQueue,
  publishedCommentsPage,
  removeTerm,
  submitComment,
  TERM_MAX,
  type ChallengeService,
  type Comment,
  type CommentDeps,
  type Moderator,
} from '../../comments/index.js';
import { findArticleByCode } from '../../articles/index.js';
import { AppError } from '../../errors/index.js';
import { LABELS } from '../../moderation/index.js';
import type { Db } from '../../storage/index.js';
import { ErrorBody } from './schemas.js';

export interface CommentApiDeps {
  db: Db;
  comments: CommentDeps;
  moderator: Moderator;
  challenge: ChallengeService;
  /** Whether submissions must carry a solved challenge to skip the hold. */
  captcha: boolean;
  now: () => Date;
}

const Status = Type.Union([Type.Literal('pending'), Type.Literal('published'), Type.Literal('rejected'), Type.Literal('spam')]);
const Label = Type.Enum(LABELS);

const PublicComment = Type.Object({
  id: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  name: Type.String(),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

const Reason = Type.Object({
  code: Type.String(),
  label: Label,
  message: Type.String(),
  field: Type.String(),
  span: Type.Optional(Type.Object({ start: Type.Integer(), end: Type.Integer(), match: Type.String() })),
  score: Type.Number(),
});

const QueueItem = Type.Object({
  id: Type.Integer(),
  articleCode: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  name: Type.String(),
  email: Type.String({ description: 'for moderators only; never in a public answer' }),
  text: Type.String({ description: 'the comment as typed' }),
  body: Type.String({ description: 'the same as text' }),
  status: Status,
  verdict: Type.Union([Type.Literal('allow'), Type.Literal('review'), Type.Literal('block')]),
  labels: Type.Array(Label),
  reasons: Type.Array(Reason),
  score: Type.Number(),
  createdAt: Type.String({ format: 'date-time' }),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

function queueItem(c: Comment) {
  return {
    id: c.id,
    articleCode: c.articleCode,
    parentId: c.parentId,
    name: c.name,
    email: c.email,
    text: c.body,
    body: c.body,
    status: c.status,
    verdict: c.verdict,
    labels: c.labels,
    reasons: c.reasons,
    score: c.score,
    createdAt: c.createdAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString() ?? null,
  };
}

const Action = Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('spam')]);
const CodeParams = Type.Object({ code: Type.Integer({ minimum: 1 }) });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

/** The challenge, and the public submission and listing of a story's comments. */
function submissionRoutes(app: ApiApp, deps: CommentApiDeps): void {
  app.get(
    '/comments/challenge',
    { config: { access: 'public' }, schema: { tags: ['comments'], summary: 'A fresh proof-of-work challenge (ALTCHA v1) for one comment' } },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return JSON.parse(await deps.challenge.create(deps.now())) as unknown;
    },
  );

  app.post(
    '/articles/:code/comments',
    {
      config: { access: 'public' },
      schema: {
        tags: ['comments'],
        summary: 'Send a comment; the email is never published',
        params: CodeParams,
        body: Type.Object({
          name: Type.String({ maxLength: 200 }),
          email: Type.String({ maxLength: 320 }),
          body: Type.String({ maxLength: 20_000 }),
          parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
          captcha: Type.Optional(Type.String({ maxLength: 2000, description: 'the solved challenge, base64 JSON' })),
        }),
        response: {
          202: Type.Object({ id: Type.Integer(), status: Type.Union([Type.Literal('pending'), Type.Literal('published'), Type.Literal('rejected')]) }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { captcha, ...submission } = request.body;
      const hold = await checkChallenge(deps.challenge, deps.captcha, captcha, deps.now());
      const result = await submitComment(deps.comments, request.params.code, submission, { address: request.ip, hold });
      // Spam is a kind of rejection to the sender; the desk keeps them apart.
      return reply.code(202).send({ id: result.id, status: result.status === 'spam' ? 'rejected' : result.status });
    },
  );

  app.get(
    '/articles/:code/comments',
    {
      config: { access: 'public' },
      schema: {
        tags: ['comments'],
        summary: 'Published comments, oldest first, a page at a time (`next` is the cursor of the following page); never an email address',
        params: CodeParams,
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
          cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}\\.[0-9]{1,12}$' })),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(PublicComment), next: Type.Union([Type.String(), Type.Null()]) }), ...errors },
      },
    },
    async (request) => {
      const article = await findArticleByCode(deps.db, request.params.code);
      if (!article || article.status !== 'published') throw new AppError('article_not_found');
      const [createdAt, id] = (request.query.cursor ?? '').split('.').map(Number);
      const after = request.query.cursor ? { createdAt: createdAt!, id: id! } : undefined;
      const page = await publishedCommentsPage(deps.db, article.id, { limit: request.query.limit, after });
      return {
        total: await countPublishedComments(deps.db, article.id),
        items: page.items.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
        next: page.next && `${page.next.createdAt}.${page.next.id}`,
      };
    },
  );
}

/** The moderators' queue. */
function queueRoutes(app: ApiApp, deps: CommentApiDeps): void {
  app.get(
    '/moderation/queue',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        summary: 'Comments for moderators: by default those waiting, oldest first',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          status: Type.Optional(Status),
          limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 50 }),
          order: Type.Optional(Type.Union([Type.Literal('oldest'), Type.Literal('verdict')])),
          article: Type.Optional(Type.Integer({ minimum: 1 })),
          label: Type.Optional(Label),
          after: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(QueueItem) }), ...errors },
      },
    },
    async (request) => {
      requireCan(request, 'comment.moderate');
      const q = request.query;
      const items = await moderationQueue(deps.db, {
        status: q.status ?? 'pending',
        limit: q.limit,
        order: q.order ?? 'oldest',
        articleCode: q.article,
        label: q.label,
        afterId: q.after,
      });
      return { items: items.map(queueItem) };
    },
  );
}

/** Decisions on one comment or many. */
function decisionRoutes(app: ApiApp, deps: CommentApiDeps): void {
  app.post(
    '/comments/:id/decision',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        summary: 'Approve, reject or mark as spam one comment',
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object({ action: Action }),
        response: { 200: Type.Object({ id: Type.Integer(), status: Status }), ...errors },
      },
    },
    async (request) => decideComment(deps.comments, request.params.id, request.body.action, requireCan(request, 'comment.moderate')),
  );

  app.post(
    '/comments/decisions',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        summary: 'The same decision on many comments',
        security: [{ bearer: [] }],
        body: Type.Object({ ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500 }), action: Action }),
        response: { 200: Type.Object({ results: Type.Array(Type.Object({ id: Type.Integer(), status: Status })) }), ...errors },
      },
    },
    async (request) => {
      const user = requireCan(request, 'comment.moderate');
      const results = [];
      for (const id of new Set(request.body.ids)) results.push(await decideComment(deps.comments, id, request.body.action, user));
      return { results };
    },
  );
}

/** Bans of a comment's author. */
function banRoutes(app: ApiApp, deps: CommentApiDeps): void {
  app.post(
    '/moderation/bans',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        summary: "Ban the email, client or name of a comment's author",
        security: [{ bearer: [] }],
        body: Type.Object({
          commentId: Type.Integer({ minimum: 1 }),
          by: Type.Union([Type.Literal('email'), Type.Literal('client'), Type.Literal('name')]),
          reason: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 201: Type.Object({ kind: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      const user = requireCan(request, 'comment.moderate');
      await banAuthor(deps.db, { commentId: request.body.commentId, by: request.body.by, reason: request.body.reason ?? '', now: deps.now().getTime() }, user);
      return reply.code(201).send({ kind: request.body.by });
    },
  );
}

/** The words and exceptions added to the lexicons. */
function termRoutes(app: ApiApp, deps: CommentApiDeps): void {
  // The length and label rules are the use case's (src/comments/terms.ts), the newsroom's too;
  // the schema only bounds what is read.
  const Term = Type.Object({
    kind: Type.Union([Type.Literal('term'), Type.Literal('exception')]),
    term: Type.String({ minLength: 1, maxLength: 4 * TERM_MAX, description: `1 to ${TERM_MAX} letters (code points) once trimmed` }),
    label: Type.Optional(Label),
    severity: Type.Optional(Type.Union([Type.Literal('review'), Type.Literal('block')])),
  });

  app.get(
    '/moderation/terms',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        summary: 'Words and exceptions added to the lexicons',
        security: [{ bearer: [] }],
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                kind: Type.String(),
                term: Type.String(),
                label: Type.Union([Type.String(), Type.Null()]),
                severity: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      return { items: await listTerms(deps.db, requireCan(request, 'moderation.lexicon')) };
    },
  );

  app.post(
    '/moderation/terms',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        summary: 'Add a word (with its label) or an innocent word to except; effective on every instance',
        security: [{ bearer: [] }],
        body: Term,
        response: { 201: Type.Object({ ok: Type.Boolean() }), ...errors },
      },
    },
    async (request, reply) => {
      await addTerm({ db: deps.db, bus: deps.comments.bus, now: deps.now }, request.body, requireCan(request, 'moderation.lexicon'));
      return reply.code(201).send({ ok: true });
    },
  );

  app.delete(
    '/moderation/terms/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        summary: 'Remove an added word or exception',
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors },
      },
    },
    async (request) => {
      await removeTerm({ db: deps.db, bus: deps.comments.bus }, request.params.id, requireCan(request, 'moderation.lexicon'));
      return { ok: true };
    },
  );
}

export function commentRoutes(plain: FastifyInstance, deps: CommentApiDeps): void {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  submissionRoutes(app, deps);
  queueRoutes(app, deps);
  decisionRoutes(app, deps);
  banRoutes(app, deps);
  termRoutes(app, deps);
}
