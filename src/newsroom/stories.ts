/**
 * Story use cases for the newsroom: saving from the editor (with a workflow
 * action), autosaving, revisions and their restore, and the editor's tag suggestions. Every write goes through
 * the articles module's createArticle/updateArticle with the app's own deps
 * (so search and the change bus see newsroom edits as they see API edits),
 * and a copy of the story is kept in `revisions` inside the same transaction.
 */
import { createArticle, findArticleByCode, htmlToText, updateArticle, type Article, type ArticleDeps, type ArticleInput } from '../articles/index.js';
import { type User } from '../auth/index.js';
import { AppError } from '../errors/index.js';
import { normalizeText } from '../persian/index.js';
import type { ArticleStatus, Db } from '../storage/index.js';
import { diffWords, type DiffPart } from './diff.js';
import { allowedActions, canEditStory, statusFor, type WorkflowAction } from './workflow.js';

/** The editor's fields, as typed. */
export interface StoryFields {
  title: string;
  kicker: string;
  lead: string;
  body: string;
  source: string;
  /** A service slug, or '' for none. */
  service: string;
  tags: string[];
}

export type RevisionKind = 'save' | 'autosave' | 'restore';

/** An autosave replaces the author's previous autosave copy when it is this recent. */
const AUTOSAVE_COALESCE_MS = 10 * 60_000;

/** Splits the tags field on Latin and Persian commas. */
export function parseTags(text: string): string[] {
  return text
    .split(/[,،]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The deps of one write: the app's article deps, with a revision kept inside its transaction. */
function withRevision(deps: ArticleDeps, actor: User, kind: RevisionKind): ArticleDeps {
  return {
    ...deps,
    onArticleWritten: async (trx, article) => {
      await deps.onArticleWritten?.(trx, article);
      await recordRevision(trx, article, { userId: actor.id, kind, now: deps.now().getTime() });
    },
  };
}

async function recordRevision(db: Db, article: Article, r: { userId: number; kind: RevisionKind; now: number }): Promise<void> {
  const row = {
    article_id: article.id,
    user_id: r.userId,
    kind: r.kind,
    status: article.status,
    kicker: article.kicker,
    title: article.title,
    lead: article.lead,
    body: article.body,
    source: article.source,
    service: article.service?.slug ?? '',
    tags: JSON.stringify(article.tags.map((t) => t.name)),
    created_at: r.now,
  };
  if (r.kind === 'autosave') {
    const last = await db
      .selectFrom('revisions')
      .select(['id', 'kind', 'user_id', 'created_at'])
      .where('article_id', '=', article.id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last && last.kind === 'autosave' && last.user_id === r.userId && r.now - Number(last.created_at) < AUTOSAVE_COALESCE_MS) {
      await db.updateTable('revisions').set(row).where('id', '=', last.id).execute();
      return;
    }
  }
  await db.insertInto('revisions').values(row).execute();
}

export interface SaveRequest {
  /** The story's code; undefined creates one. */
  code?: number | undefined;
  fields: StoryFields;
  action: WorkflowAction;
  /** When `schedule` publishes it. */
  scheduleAt?: Date | undefined;
  /** True for the editor's background save: fields only, never a status change. */
  autosave?: boolean;
}

/**
 * Saves the editor's fields and applies the workflow action. Refuses (403) an action the
 * user's role does not allow, whatever the form sent. The articles domain does the rest,
 * as for the API: library images get their srcset and text alternative, publishing or
 * scheduling waits for every image's alt, and a first publication is stamped now.
 */
export async function saveStory(deps: ArticleDeps, request: SaveRequest, actor: User): Promise<Article> {
  const before = request.code === undefined ? undefined : await findArticleByCode(deps.db, request.code);
  if (request.code !== undefined && !before) throw new AppError('article_not_found');
  const state = before && { status: before.status, authorId: before.author?.id ?? null };
  const action: WorkflowAction = request.autosave ? 'save' : request.action;
  if (!canEditStory(actor, state) || !allowedActions(actor, state).includes(action)) {
    throw new AppError('forbidden', {
      message:
        action === 'publish' || action === 'schedule' || action === 'unpublish'
          ? 'اجازهٔ انتشار این خبر را ندارید؛ آن را برای بررسی بفرستید.'
          : 'اجازهٔ این کار را ندارید.',
    });
  }
  const now = deps.now();
  const body = request.fields.body;
  const status = statusFor(action);
  const input: ArticleInput = {
    title: request.fields.title,
    kicker: request.fields.kicker,
    lead: request.fields.lead,
    body,
    source: request.fields.source,
    service: request.fields.service || null,
    tags: request.fields.tags,
  };
  if (status === 'scheduled') {
    if (!request.scheduleAt || Number.isNaN(request.scheduleAt.getTime()))
      throw new AppError('validation_failed', { message: 'زمان انتشار را انتخاب کنید.', fields: { publishAt: 'زمان انتشار را انتخاب کنید.' } });
    if (request.scheduleAt.getTime() <= now.getTime())
      throw new AppError('validation_failed', { message: 'زمان انتشار باید در آینده باشد.', fields: { publishAt: 'زمان انتشار باید در آینده باشد.' } });
    input.status = 'scheduled';
    input.publishedAt = request.scheduleAt;
  } else if (status === 'published') {
    input.status = 'published';
    // «Publish» on a scheduled story publishes it now; otherwise the domain decides the time
    // (a story published before keeps its first publication time, a first one is stamped now).
    if (before?.status === 'scheduled') input.publishedAt = now;
  } else if (status) {
    input.status = status;
  }
  const kind: RevisionKind = request.autosave ? 'autosave' : 'save';
  const scoped = withRevision(deps, actor, kind);
  return before ? updateArticle(scoped, before.code, input, actor) : createArticle(scoped, { ...input, status: input.status ?? 'draft' }, actor);
}

/** One revision in a story's history. */
export interface Revision {
  id: number;
  kind: string;
  status: ArticleStatus;
  user: string | null;
  createdAt: Date;
  fields: StoryFields;
}

type RevisionRow = {
  id: number;
  kind: string;
  status: ArticleStatus;
  user_name: string | null;
  created_at: number;
  kicker: string;
  title: string;
  lead: string;
  body: string;
  source: string;
  service: string;
  tags: string;
};

function toRevision(r: RevisionRow): Revision {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    user: r.user_name,
    createdAt: new Date(Number(r.created_at)),
    fields: { title: r.title, kicker: r.kicker, lead: r.lead, body: r.body, source: r.source, service: r.service, tags: JSON.parse(r.tags) as string[] },
  };
}

function revisionQuery(db: Db) {
  return db
    .selectFrom('revisions as r')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .select([
      'r.id',
      'r.kind',
      'r.status',
      'u.name as user_name',
      'r.created_at',
      'r.kicker',
      'r.title',
      'r.lead',
      'r.body',
      'r.source',
      'r.service',
      'r.tags',
    ]);
}

/** A story's revisions, newest first. */
export async function listRevisions(db: Db, articleId: number, limit = 200): Promise<Revision[]> {
  const rows = await revisionQuery(db).where('r.article_id', '=', articleId).orderBy('r.id', 'desc').limit(limit).execute();
  return rows.map(toRevision);
}

export async function findRevision(db: Db, articleId: number, id: number): Promise<Revision | undefined> {
  const row = await revisionQuery(db).where('r.article_id', '=', articleId).where('r.id', '=', id).executeTakeFirst();
  return row ? toRevision(row) : undefined;
}

/** The revision saved just before this one, if any. */
export async function previousRevision(db: Db, articleId: number, id: number): Promise<Revision | undefined> {
  const row = await revisionQuery(db).where('r.article_id', '=', articleId).where('r.id', '<', id).orderBy('r.id', 'desc').limit(1).executeTakeFirst();
  return row ? toRevision(row) : undefined;
}

/** The fields a diff shows, in order, with their Persian names. */
export const DIFF_FIELDS: ReadonlyArray<{ key: keyof StoryFields; label: string }> = [
  { key: 'kicker', label: 'روتیتر' },
  { key: 'title', label: 'تیتر' },
  { key: 'lead', label: 'لید' },
  { key: 'body', label: 'متن' },
  { key: 'source', label: 'منبع' },
  { key: 'service', label: 'سرویس' },
  { key: 'tags', label: 'برچسب‌ها' },
];

function fieldText(fields: StoryFields, key: keyof StoryFields): string {
  if (key === 'tags') return fields.tags.join('، ');
  if (key === 'body') return htmlToText(fields.body);
  return fields[key];
}

/** A readable, word-level diff of two versions, field by field; unchanged fields are left out. */
export function diffStory(before: StoryFields | undefined, after: StoryFields): Array<{ label: string; parts: DiffPart[] }> {
  const out: Array<{ label: string; parts: DiffPart[] }> = [];
  for (const { key, label } of DIFF_FIELDS) {
    const a = before ? fieldText(before, key) : '';
    const b = fieldText(after, key);
    if (a === b) continue;
    out.push({ label, parts: diffWords(a, b) });
  }
  return out;
}

/** Puts a revision's fields back (the status stays); the restore is itself a revision. */
export async function restoreRevision(deps: ArticleDeps, code: number, revisionId: number, actor: User): Promise<Article> {
  const article = await findArticleByCode(deps.db, code);
  if (!article) throw new AppError('article_not_found');
  if (!canEditStory(actor, { status: article.status, authorId: article.author?.id ?? null })) throw new AppError('forbidden');
  const revision = await findRevision(deps.db, article.id, revisionId);
  if (!revision) throw new AppError('not_found', { message: 'این نسخه پیدا نشد.' });
  const f = revision.fields;
  return updateArticle(
    withRevision(deps, actor, 'restore'),
    code,
    { title: f.title, kicker: f.kicker, lead: f.lead, body: f.body, source: f.source, service: f.service || null, tags: f.tags },
    actor,
  );
}

/**
 * Up to ten existing tags for the editor's tag field: those whose name, or a word of it,
 * starts with what was typed (normalized, at most 60 letters); none for an empty prefix.
 */
export async function tagSuggestions(db: Db, typed: string): Promise<string[]> {
  const q = normalizeText(typed).slice(0, 60);
  if (!q) return [];
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .selectFrom('tags')
    .select('name')
    .where((eb) => eb('name', 'like', `${escaped}%`).or('name', 'like', `% ${escaped}%`))
    .orderBy('name')
    .limit(10)
    .execute();
  return rows.map((r) => r.name);
}
