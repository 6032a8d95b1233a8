/** Every query about comments, bans and the moderation log (both engines). */
import { sql } from 'kysely';
import type { CommentRow, CommentStatus, Db } from '../storage/index.js';
import { canonicalBanValue, canonicalEmail, canonicalName, type BanKind } from './canonical.js';
import type { Comment, PublicComment } from './model.js';

type Row = CommentRow & { article_code: number };

function toComment(r: Row): Comment {
  return {
    id: r.id,
    articleId: r.article_id,
    articleCode: r.article_code,
    parentId: r.parent_id,
    depth: r.depth,
    name: r.name,
    email: r.email,
    body: r.body,
    status: r.status,
    verdict: r.verdict as Comment['verdict'],
    labels: JSON.parse(r.labels) as Comment['labels'],
    reasons: JSON.parse(r.reasons) as Comment['reasons'],
    score: Number(r.score),
    createdAt: new Date(r.created_at),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at),
  };
}

function withCode(db: Db) {
  return db.selectFrom('comments as c').innerJoin('articles as a', 'a.id', 'c.article_id').selectAll('c').select('a.code as article_code');
}

export async function findComment(db: Db, id: number): Promise<Comment | undefined> {
  const row = await withCode(db).where('c.id', '=', id).executeTakeFirst();
  return row ? toComment(row) : undefined;
}

export interface NewComment {
  articleId: number;
  parentId: number | null;
  depth: number;
  name: string;
  email: string;
  body: string;
  clientHash: string;
  status: CommentStatus;
  verdict: string;
  labels: string[];
  reasons: unknown[];
  score: number;
  now: number;
}

/** Writes one comment row (the caller logs the decision that gave it its status). */
export async function insertCommentRow(db: Db, c: Omit<NewComment, 'now'> & { createdAt: number }): Promise<number> {
  const { id } = await db
    .insertInto('comments')
    .values({
      article_id: c.articleId,
      parent_id: c.parentId,
      depth: c.depth,
      name: c.name,
      email: c.email,
      body: c.body,
      client_hash: c.clientHash,
      status: c.status,
      verdict: c.verdict,
      labels: JSON.stringify(c.labels),
      reasons: JSON.stringify(c.reasons),
      score: c.score,
      created_at: c.createdAt,
      decided_by: null,
      decided_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Stores a comment and the engine's decision in one transaction. */
export async function insertComment(db: Db, c: NewComment): Promise<number> {
  const labels = JSON.stringify(c.labels);
  const reasons = JSON.stringify(c.reasons);
  const id = await insertCommentRow(db, { ...c, createdAt: c.now });
  await db
    .insertInto('moderation_log')
    .values({ comment_id: id, action: 'engine', status: c.status, verdict: c.verdict, labels, reasons, decided_by: null, created_at: c.now })
    .execute();
  return id;
}

/** Records a moderator's decision: the new status, and a row in the log. */
export async function recordDecision(db: Db, d: { commentId: number; action: string; status: CommentStatus; userId: number; now: number }): Promise<void> {
  await db.updateTable('comments').set({ status: d.status, decided_by: d.userId, decided_at: d.now }).where('id', '=', d.commentId).execute();
  await db
    .insertInto('moderation_log')
    .values({
      comment_id: d.commentId,
      action: d.action,
      status: d.status,
      verdict: null,
      labels: '[]',
      reasons: '[]',
      decided_by: d.userId,
      created_at: d.now,
    })
    .execute();
}

export async function publishedComments(db: Db, articleId: number): Promise<PublicComment[]> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'name', 'body', 'created_at'])
    .where('article_id', '=', articleId)
    .where('status', '=', 'published')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name, body: r.body, createdAt: new Date(r.created_at) }));
}

/** Where a page of published comments ends: the last one's time and id (oldest first). */
export interface CommentCursor {
  createdAt: number;
  id: number;
}

/** Up to `limit` published comments after `after`, oldest first, and the cursor of the next page (null: no more). */
export async function publishedCommentsPage(
  db: Db,
  articleId: number,
  page: { limit: number; after?: CommentCursor | undefined },
): Promise<{ items: PublicComment[]; next: CommentCursor | null }> {
  let query = db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'name', 'body', 'created_at'])
    .where('article_id', '=', articleId)
    .where('status', '=', 'published');
  const after = page.after;
  if (after)
    query = query.where((eb) => eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]));
  const rows = await query
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name, body: r.body, createdAt: new Date(r.created_at) }));
  const last = items.at(-1);
  return { items, next: rows.length > page.limit && last ? { createdAt: last.createdAt.getTime(), id: last.id } : null };
}

export async function countPublishedComments(db: Db, articleId: number): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('article_id', '=', articleId)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface QueueQuery {
  status: CommentStatus;
  limit: number;
  /** `oldest` (the default): first come, first served; `verdict`: block, review, allow, then by score. */
  order: 'oldest' | 'verdict';
  articleCode?: number | undefined;
  label?: string | undefined;
  afterId?: number | undefined;
}

export async function moderationQueue(db: Db, q: QueueQuery): Promise<Comment[]> {
  let query = withCode(db).where('c.status', '=', q.status);
  if (q.articleCode !== undefined) query = query.where('a.code', '=', q.articleCode);
  if (q.label) query = query.where('c.labels', 'like', `%"${q.label.replace(/[^a-z]/g, '')}"%`);
  if (q.afterId !== undefined && q.order === 'oldest') query = query.where('c.id', '>', q.afterId);
  if (q.order === 'verdict') {
    const rank = sql<number>`case c.verdict when 'block' then 0 when 'review' then 1 else 2 end`;
    query = query.orderBy(rank).orderBy('c.score', 'desc').orderBy('c.id');
  } else {
    query = query.orderBy('c.created_at').orderBy('c.id');
  }
  const rows = await query.limit(q.limit).execute();
  return rows.map(toComment);
}

/**
 * Whether the author of a comment is banned by email, client or name. Emails and names are
 * compared in canonical form (canonical.ts) on both sides: the incoming comment's, and the
 * stored ban's, so bans stored before canonical forms (or by hand) match their variants too.
 * The email and name bans are read whole for that (moderators make hundreds, not millions);
 * a client ban is an exact, indexed match.
 */
export async function isBanned(db: Db, probe: { email: string; clientHash: string; name: string }): Promise<boolean> {
  const email = canonicalEmail(probe.email);
  const name = canonicalName(probe.name);
  const rows = await db
    .selectFrom('bans')
    .select(['kind', 'value'])
    .where((eb) => eb.or([eb.and([eb('kind', '=', 'client'), eb('value', '=', probe.clientHash)]), eb('kind', 'in', ['email', 'name'])]))
    .execute();
  return rows.some((r) => {
    if (r.kind === 'client') return true;
    if (r.kind === 'email') return email !== '' && canonicalEmail(r.value) === email;
    return name !== '' && canonicalName(r.value) === name;
  });
}

/** Stores a ban, its value in canonical form (a second ban of a variant is the same ban). */
export async function addBan(db: Db, ban: { kind: BanKind; value: string; reason: string; userId: number; now: number }): Promise<void> {
  const value = canonicalBanValue(ban.kind, ban.value) || ban.value.trim();
  await db
    .insertInto('bans')
    .values({ kind: ban.kind, value, reason: ban.reason.slice(0, 500), created_by: ban.userId, created_at: ban.now })
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .execute();
}

/**
 * Bans the email, client or name of a comment's author (the one way to do it, for the API
 * and the newsroom); false when there is no such comment.
 */
export async function banCommentAuthor(db: Db, input: { commentId: number; by: BanKind; reason: string; userId: number; now: number }): Promise<boolean> {
  const row = await db.selectFrom('comments').select(['email', 'client_hash', 'name']).where('id', '=', input.commentId).executeTakeFirst();
  if (!row) return false;
  const value = input.by === 'email' ? row.email : input.by === 'client' ? row.client_hash : row.name;
  await addBan(db, { kind: input.by, value, reason: input.reason, userId: input.userId, now: input.now });
  return true;
}

/** Bodies this email or client sent recently, for duplicate detection. */
export async function recentBodies(db: Db, probe: { email: string; clientHash: string; since: number }): Promise<string[]> {
  const rows = await db
    .selectFrom('comments')
    .select('body')
    .where('created_at', '>=', probe.since)
    .where((eb) => eb.or([eb('email', '=', probe.email), eb('client_hash', '=', probe.clientHash)]))
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => r.body);
}

/** How many comments from this email moderators have published. */
export async function approvedCount(db: Db, email: string): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', email)
    .where('status', '=', 'published')
    .where('decided_by', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moderators' decisions as labelled examples, oldest first (to train the classifier). */
export async function decidedExamples(db: Db, limit: number): Promise<Array<{ body: string; bad: boolean }>> {
  const rows = await db
    .selectFrom('comments')
    .select(['body', 'status'])
    .where('decided_by', 'is not', null)
    .where('status', 'in', ['published', 'rejected', 'spam'])
    .orderBy('decided_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ body: r.body, bad: r.status !== 'published' }));
}

export async function moderationTerms(db: Db): Promise<Array<{ kind: string; term: string; label: string | null; severity: string | null }>> {
  return db.selectFrom('moderation_terms').select(['kind', 'term', 'label', 'severity']).orderBy('id').execute();
}
