/**
 * Stories: the list, the editor (new, edit, save with a workflow action, autosave), the
 * reader's preview, revisions and their restore, and the editor's tag suggestions.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findArticleByCode, listArticles, listServices, parseNewsCode, unpublishedReach, type Article } from '../../../articles/index.js';
import { can } from '../../../auth/index.js';
import { publishedComments } from '../../../comments/index.js';
import { AppError, isAppError } from '../../../errors/index.js';
import { listMedia } from '../../../media/index.js';
import {
  allowedActions,
  canEditStory,
  diffStory,
  findRevision,
  isWorkflowAction,
  listRevisions,
  parseTags,
  previousRevision,
  restoreRevision,
  saveStory,
  tagSuggestions,
  type StoryFields,
  type WorkflowAction,
} from '../../../newsroom/index.js';
import { fromJalali, toLatinDigits } from '../../../persian/index.js';
import type { ArticleStatus } from '../../../storage/index.js';
import { siteModel, storyPageModel } from '../../site.js';
import { renderArticlePage } from '../../views/index.js';
import { field, HTML, positiveInt, viewerCan, viewerOf, type Body, type Newsroom } from '../context.js';
import type { NewsroomDocument, Viewer } from '../views/layout.js';
import { editorMain, revisionsMain, storyListMain, type EditorModel } from '../views/stories.js';

const STATUSES: ReadonlySet<string> = new Set(['draft', 'review', 'scheduled', 'published', 'unpublished']);

const ACTION_NOTICE: Record<WorkflowAction, string> = {
  save: 'saved',
  submit: 'submitted',
  withdraw: 'withdrawn',
  publish: 'published',
  schedule: 'scheduled',
  unpublish: 'unpublished',
};

/** The refusals shown in the editor, with what was typed; anything else is an error page. */
const SHOWN = ['validation_failed', 'code_taken', 'conflict'];

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

/** The story's code from the path; 404 when it is not one. */
function codeOf(request: FastifyRequest<{ Params: { code: string } }>): number {
  const code = parseNewsCode(request.params.code);
  if (code === undefined) throw new AppError('article_not_found');
  return code;
}

type StoryRequest = FastifyRequest<{ Params: { code: string } }>;

/** What the editor and revision routes share: opening a story the viewer may edit, and the editor page. */
interface StoryTools {
  loadStory: (request: StoryRequest) => Promise<{ viewer: Viewer; article: Article }>;
  editorPage: (
    reply: FastifyReply,
    input: { viewer: Viewer; article?: Article | undefined; fields?: StoryFields; error?: string; notice?: NewsroomDocument['notice']; status?: number },
  ) => Promise<FastifyReply>;
}

function storyTools({ deps, page }: Newsroom): StoryTools {
  const db = deps.db;
  const defaultSchedule = (article: Article | undefined): Date => {
    if (article?.status === 'scheduled' && article.publishedAt) return article.publishedAt;
    const step = 5 * 60_000;
    return new Date(Math.ceil((deps.now().getTime() + 3600_000) / step) * step);
  };
  return {
    async loadStory(request) {
      const viewer = viewerOf(request);
      const code = parseNewsCode(request.params.code);
      const article = code === undefined ? undefined : await findArticleByCode(db, code);
      if (!article) throw new AppError('article_not_found');
      const own = article.author?.id === viewer.user.id;
      if (!can(viewer.user.role, 'article.edit.any') && !(own && can(viewer.user.role, 'article.write'))) throw new AppError('forbidden');
      return { viewer, article };
    },
    async editorPage(reply, input) {
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
      return page(
        reply,
        {
          viewer: input.viewer,
          section: a ? 'stories' : 'new',
          title: a ? `ویرایش: ${a.title}` : 'خبر تازه',
          editor: true,
          notice: input.notice,
          main: editorMain(model),
        },
        input.status ?? 200,
      );
    },
  };
}

export function storyRoutes(app: FastifyInstance, nr: Newsroom): void {
  const { deps, page, staffPage } = nr;
  const tools = storyTools(nr);

  app.get('/stories', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const base = staffPage('stories', request);
    const role = base.viewer.user.role;
    if (!can(role, 'article.write') && !can(role, 'article.read.unpublished')) throw new AppError('forbidden');
    const q = request.query as { status?: string; after?: string };
    const status = q.status && STATUSES.has(q.status) ? (q.status as ArticleStatus) : undefined;
    // The read rule of the API too (src/articles/access.ts): reporters list their own stories.
    const mine = unpublishedReach(base.viewer.user) !== 'all';
    const after = /^[0-9]{1,15}_[0-9]{1,10}$/.test(q.after ?? '') ? (q.after!.split('_').map(Number) as [number, number]) : undefined;
    const result = await listArticles(deps.db, { status, authorId: mine ? base.viewer.user.id : undefined, limit: 50, after });
    const nextUrl = result.more && result.last ? `/newsroom/stories?${status ? `status=${status}&` : ''}after=${result.last[0]}_${result.last[1]}` : undefined;
    return page(reply, { ...base, title: 'خبرها', main: storyListMain({ items: result.items, status, mine, nextUrl }) });
  });

  app.get('/tags.json', { config: { access: 'staff' }, schema: { hide: true } }, async (request) => {
    viewerCan(request, 'article.write');
    return { items: await tagSuggestions(deps.db, String((request.query as { q?: string }).q ?? '')) };
  });

  editorRoutes(app, nr, tools);
  revisionRoutes(app, nr, tools);
}

/** The editor: a new story, an existing one, saving the form, and the background autosave. */
function editorRoutes(app: FastifyInstance, { deps, noticeOf }: Newsroom, { loadStory, editorPage }: StoryTools): void {
  app.get('/stories/new', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) =>
    editorPage(reply, { viewer: viewerCan(request, 'article.write') }),
  );

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
    const before = code === undefined ? undefined : await findArticleByCode(deps.db, code);
    try {
      const scheduleAt = actionText === 'schedule' ? scheduleFrom(request.body) : undefined;
      const article = await saveStory(deps.articles, { code, fields, action: actionText, scheduleAt }, viewer.user);
      return reply.redirect(`/newsroom/stories/${article.code}?ok=${ACTION_NOTICE[actionText]}`, 303);
    } catch (error) {
      if (!isAppError(error) || !SHOWN.includes(error.code)) throw error;
      const extra = error.fields ? Object.values(error.fields).filter((f) => f !== error.publicMessage) : [];
      return editorPage(reply, { viewer, article: before, fields, error: [error.publicMessage, ...extra].join(' '), status: error.status });
    }
  };

  app.post('/stories', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => saveFromForm(request, reply, undefined));
  app.post<{ Params: { code: string } }>('/stories/:code', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) =>
    saveFromForm(request, reply, codeOf(request)),
  );

  /** The editor's background save (JSON): fields only, never a status change. */
  const autosave = async (request: FastifyRequest, code: number | undefined) => {
    const viewer = viewerOf(request);
    const fields = storyFields(request.body);
    if (code === undefined && !fields.title.trim()) throw new AppError('validation_failed', { message: 'برای ذخیرهٔ خودکار، تیتر را بنویسید.' });
    const article = await saveStory(deps.articles, { code, fields, action: 'save', autosave: true }, viewer.user);
    return {
      code: article.code,
      savedAt: article.updatedAt.toISOString(),
      editUrl: `/newsroom/stories/${article.code}`,
      autosaveUrl: `/newsroom/stories/${article.code}/autosave`,
      previewUrl: `/newsroom/stories/${article.code}/preview`,
    };
  };

  app.post('/stories/autosave', { config: { access: 'staff' }, bodyLimit: 4 * 1024 * 1024, schema: { hide: true } }, async (request) =>
    autosave(request, undefined),
  );
  app.post<{ Params: { code: string } }>(
    '/stories/:code/autosave',
    { config: { access: 'staff' }, bodyLimit: 4 * 1024 * 1024, schema: { hide: true } },
    async (request) => autosave(request, codeOf(request)),
  );
}

/** The reader's preview, the revision list and diff, and restoring a revision. */
function revisionRoutes(app: FastifyInstance, { deps, page, noticeOf }: Newsroom, { loadStory }: StoryTools): void {
  const db = deps.db;
  // The reader's header, for previews.
  const site = siteModel(deps);

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
    return page(reply, {
      viewer,
      section: 'stories',
      title: `نسخه‌ها: ${article.title}`,
      notice: noticeOf(request),
      main: revisionsMain({ viewer, article, revisions, selected, diff, canRestore }),
    });
  };

  app.get<{ Params: { code: string } }>('/stories/:code/revisions', { config: { access: 'staff' }, schema: { hide: true } }, revisionsPage);
  app.get<{ Params: { code: string; id: string } }>('/stories/:code/revisions/:id', { config: { access: 'staff' }, schema: { hide: true } }, revisionsPage);

  app.post<{ Params: { code: string; id: string } }>(
    '/stories/:code/revisions/:id/restore',
    { config: { access: 'staff' }, schema: { hide: true } },
    async (request, reply) => {
      const { viewer, article } = await loadStory(request);
      await restoreRevision(deps.articles, article.code, positiveInt(request.params.id) ?? 0, viewer.user);
      return reply.redirect(`/newsroom/stories/${article.code}?ok=restored`, 303);
    },
  );
}
