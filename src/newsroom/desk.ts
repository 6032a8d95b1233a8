/**
 * The moderation desk's use cases: the queue with its filters, the matched
 * spans to highlight, the bans list, the lexicon page's list, and the decision
 * history. Decisions, bans and the lexicon's changes themselves are the comments
 * module's (`decideComment`, `banAuthor`, `addTerm`), shared with the API.
 */
import { can, type User } from '../auth/index.js';
import { listTerms, moderationQueue, type BanKind, type Comment, type TermView } from '../comments/index.js';
import { AppError } from '../errors/index.js';
import type { Label, Reason } from '../moderation/index.js';
import type { CommentStatus, Db } from '../storage/index.js';

/** The Persian name of each of the engine's labels (LABELS). */
export const LABEL_NAMES: Readonly<Record<string, string>> = {
  profanity: 'ناسزا',
  insult: 'توهین',
  accusation: 'اتهام',
  spam: 'هرزنامه',
  pii: 'دادهٔ شخصی',
} satisfies Record<Label, string>;

export const COMMENT_STATUS_NAMES: Record<CommentStatus, string> = {
  pending: 'در انتظار',
  published: 'منتشرشده',
  rejected: 'ردشده',
  spam: 'هرزنامه',
};

export const VERDICT_NAMES: Record<string, string> = { block: 'مسدود', review: 'نیازمند بررسی', allow: 'بی‌مشکل' };

export const DECISION_NAMES: Record<string, string> = { engine: 'موتور', approve: 'تأیید', reject: 'رد', spam: 'هرزنامه' };

/** A piece of a comment's text, marked when a reason points at it. */
export interface Segment {
  text: string;
  /** The reasons that matched this piece (their Persian messages), when it is a match. */
  reasons?: string[];
  label?: string;
}

/**
 * Cuts a comment into plain and matched pieces from the engine's spans (UTF-16 offsets into
 * the text as typed). Overlapping spans merge; a span that does not fit the text, or whose
 * recorded match is not what stands there, is ignored rather than trusted (pure).
 */
export function highlightSegments(text: string, reasons: readonly Reason[]): Segment[] {
  const spans = reasons
    .filter(
      (r) =>
        r.field === 'text' &&
        r.span &&
        r.span.start >= 0 &&
        r.span.end <= text.length &&
        r.span.start < r.span.end &&
        text.slice(r.span.start, r.span.end) === r.span.match,
    )
    .map((r) => ({ start: r.span!.start, end: r.span!.end, message: r.message, label: r.label }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Array<{ start: number; end: number; messages: string[]; label: string }> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (!last.messages.includes(s.message)) last.messages.push(s.message);
    } else merged.push({ start: s.start, end: s.end, messages: [s.message], label: s.label });
  }
  const out: Segment[] = [];
  let at = 0;
  for (const m of merged) {
    if (m.start > at) out.push({ text: text.slice(at, m.start) });
    out.push({ text: text.slice(m.start, m.end), reasons: m.messages, label: m.label });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

export interface DeskQuery {
  status: CommentStatus;
  articleCode?: number | undefined;
  label?: string | undefined;
  limit: number;
}

/** The queue as the desk shows it: by verdict (block, review, allow), then by score. */
export function deskQueue(db: Db, q: DeskQuery): Promise<Comment[]> {
  return moderationQueue(db, { status: q.status, limit: q.limit, order: 'verdict', articleCode: q.articleCode, label: q.label });
}

function requireModerator(actor: User): void {
  if (!can(actor.role, 'comment.moderate')) throw new AppError('forbidden');
}

export type { BanKind };

export const BAN_KIND_NAMES: Record<BanKind, string> = { email: 'ایمیل', client: 'رایانهٔ فرستنده', name: 'نام' };

export interface BanView {
  id: number;
  kind: BanKind;
  value: string;
  reason: string;
  by: string | null;
  createdAt: Date;
}

export async function listBans(db: Db, actor: User): Promise<BanView[]> {
  requireModerator(actor);
  const rows = await db
    .selectFrom('bans as b')
    .leftJoin('users as u', 'u.id', 'b.created_by')
    .select(['b.id', 'b.kind', 'b.value', 'b.reason', 'u.name as by', 'b.created_at'])
    .orderBy('b.id', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as BanKind, value: r.value, reason: r.reason, by: r.by, createdAt: new Date(Number(r.created_at)) }));
}

export async function removeBan(db: Db, id: number, actor: User): Promise<void> {
  requireModerator(actor);
  await db.deleteFrom('bans').where('id', '=', id).execute();
}

/** The lexicon page's list: by kind (exceptions, then words), newest first in each. */
export async function deskTerms(db: Db, actor: User): Promise<TermView[]> {
  const terms = await listTerms(db, actor);
  return terms.sort((a, b) => (a.kind === b.kind ? b.id - a.id : a.kind < b.kind ? -1 : 1));
}

export interface LogEntry {
  id: number;
  commentId: number;
  articleCode: number;
  excerpt: string;
  action: string;
  status: CommentStatus;
  verdict: string | null;
  by: string | null;
  at: Date;
}

/** The decision history, newest first: the engine's verdicts and the moderators' decisions. */
export async function decisionHistory(db: Db, q: { limit: number; offset: number; moderatorsOnly?: boolean }, actor: User): Promise<LogEntry[]> {
  requireModerator(actor);
  let query = db
    .selectFrom('moderation_log as l')
    .innerJoin('comments as c', 'c.id', 'l.comment_id')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .leftJoin('users as u', 'u.id', 'l.decided_by')
    .select(['l.id', 'l.comment_id', 'a.code', 'c.body', 'l.action', 'l.status', 'l.verdict', 'u.name as by', 'l.created_at']);
  if (q.moderatorsOnly) query = query.where('l.decided_by', 'is not', null);
  const rows = await query.orderBy('l.id', 'desc').limit(q.limit).offset(q.offset).execute();
  return rows.map((r) => ({
    id: r.id,
    commentId: r.comment_id,
    articleCode: r.code,
    excerpt: [...r.body].slice(0, 120).join(''),
    action: r.action,
    status: r.status,
    verdict: r.verdict,
    by: r.by,
    at: new Date(Number(r.created_at)),
  }));
}

/** Titles of the stories that have comments in this status (the story filter). */
export async function storiesWithComments(db: Db, status: CommentStatus): Promise<Array<{ code: number; title: string; count: number }>> {
  const rows = await db
    .selectFrom('comments as c')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .select(['a.code', 'a.title', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.status', '=', status)
    .groupBy(['a.code', 'a.title'])
    .orderBy('a.code', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ code: r.code, title: r.title, count: Number(r.n) }));
}
