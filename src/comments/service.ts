/**
 * Comment use cases. Submitting: validate → ban → rate limit → duplicate →
 * the moderation engine (pure) → store with the verdict in one transaction →
 * announce. Deciding: record the moderator's decision, teach the classifier,
 * announce. A comment answered 202 is committed before the answer.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { can, permits, type User } from '../auth/index.js';
import { findArticleByCode } from '../articles/index.js';
import { AppError } from '../errors/index.js';
import type { ChangeBus } from '../events/index.js';
import type { CommentStatus, Database } from '../storage/index.js';
import { canonicalEmail, type BanKind } from './canonical.js';
import { duplicateKey, initialStatus, MAX_DEPTH, validateSubmission, type CommentSubmission } from './model.js';
import type { Moderator } from './moderator.js';
import type { Limit, RateLimiter } from './rate-limit.js';
import { approvedCount, banCommentAuthor, findComment, insertComment, isBanned, recentBodies, recordDecision } from './store.js';

export interface CommentDeps {
  db: Kysely<Database>;
  bus: ChangeBus;
  now: () => Date;
  /** `pre`: everything waits for a moderator; `post`: allowed comments publish at once. */
  mode: 'pre' | 'post';
  moderator: Moderator;
  limiter: RateLimiter;
  limits: { perClient: Limit[]; perEmail: Limit[] };
  /** Key for hashing client addresses (the address itself is never stored). */
  clientKey: string;
  /** Approved comments after which a commenter is trusted in post-moderation. */
  trustAfter: number;
}

export function clientHash(key: string, address: string): string {
  return createHmac('sha256', key).update(address).digest('base64url').slice(0, 32);
}

const DUPLICATE_WINDOW_MS = 24 * 3600_000;

export async function submitComment(
  deps: CommentDeps,
  code: number,
  input: CommentSubmission,
  client: { address: string; /** Hold for a moderator whatever the mode (no challenge was solved). */ hold?: boolean },
): Promise<{ id: number; status: CommentStatus }> {
  const problems = validateSubmission(input);
  if (Object.keys(problems).length > 0) throw new AppError('validation_failed', { fields: problems });
  const article = await findArticleByCode(deps.db, code);
  if (!article || article.status !== 'published') throw new AppError('article_not_found');
  if (!article.commentsOpen) throw new AppError('comments_closed');

  const now = deps.now();
  const name = input.name.trim();
  const email = input.email.trim().toLowerCase();
  const body = input.body.trim().replace(/\r\n?/g, '\n');
  const hash = clientHash(deps.clientKey, client.address);

  if (await isBanned(deps.db, { email, clientHash: hash, name })) throw new AppError('banned');
  // The per-email limit counts the canonical address, as bans do: `name+1@`, `name+2@` are one sender.
  for (const [key, limits] of [
    [`client:${hash}`, deps.limits.perClient],
    [`email:${canonicalEmail(email)}`, deps.limits.perEmail],
  ] as const) {
    for (const limit of limits) {
      const result = await deps.limiter.hit(`comment:${key}`, limit.count, limit.windowMs, now.getTime());
      if (!result.allowed) throw new AppError('comment_rate_limited', { retryAfter: result.retryAfter });
    }
  }
  const key = duplicateKey(body);
  const recent = await recentBodies(deps.db, { email, clientHash: hash, since: now.getTime() - DUPLICATE_WINDOW_MS });
  if (recent.some((b) => duplicateKey(b) === key)) throw new AppError('duplicate_comment');

  let parentId: number | null = null;
  let depth = 0;
  if (input.parentId !== undefined && input.parentId !== null) {
    const parent = await findComment(deps.db, input.parentId);
    if (!parent || parent.articleId !== article.id || parent.status !== 'published') {
      throw new AppError('validation_failed', { fields: { parentId: 'نظری که به آن پاسخ می‌دهید پیدا نشد.' } });
    }
    parentId = parent.id;
    depth = Math.min(parent.depth + 1, MAX_DEPTH);
  }

  const verdict = deps.moderator.moderate({ text: body, name });
  const trusted = deps.mode === 'post' && verdict.verdict === 'review' ? (await approvedCount(deps.db, email)) >= deps.trustAfter : false;
  const learnedOnly = verdict.reasons.length > 0 && verdict.reasons.every((r) => r.code.startsWith('classifier.'));
  let status = initialStatus({ verdict: verdict.verdict, labels: verdict.labels, learnedOnly, mode: deps.mode, trusted });
  if (client.hold && status === 'published') status = 'pending';
  const id = await deps.db.transaction().execute((trx) =>
    insertComment(trx, {
      articleId: article.id,
      parentId,
      depth,
      name,
      email,
      body,
      clientHash: hash,
      status,
      verdict: verdict.verdict,
      labels: verdict.labels,
      reasons: verdict.reasons,
      score: verdict.score,
      now: now.getTime(),
    }),
  );
  if (status === 'published') await deps.bus.publish([`comments:${code}`, `article:${code}`]);
  return { id, status };
}

export type DecisionAction = 'approve' | 'reject' | 'spam';

const STATUS_FOR: Record<DecisionAction, CommentStatus> = { approve: 'published', reject: 'rejected', spam: 'spam' };

/** A moderator's decision on one comment. */
export async function decideComment(deps: CommentDeps, id: number, action: DecisionAction, actor: User): Promise<{ id: number; status: CommentStatus }> {
  if (!can(actor.role, 'comment.moderate')) throw new AppError('forbidden');
  const comment = await findComment(deps.db, id);
  if (!comment) throw new AppError('comment_not_found');
  const status = STATUS_FOR[action];
  await deps.db.transaction().execute((trx) => recordDecision(trx, { commentId: id, action, status, userId: actor.id, now: deps.now().getTime() }));
  deps.moderator.learn(id, comment.body, status !== 'published');
  const keys = [`comments:${comment.articleCode}`, `article:${comment.articleCode}`, `decision:${id}`];
  await deps.bus.publish(keys);
  return { id, status };
}

/**
 * A moderator bans the email, client or name of a comment's author (both doors: the API's
 * /moderation/bans and the desk's ban buttons); 404 when there is no such comment.
 */
export async function banAuthor(db: Kysely<Database>, input: { commentId: number; by: BanKind; reason: string; now: number }, actor: User): Promise<void> {
  if (!permits(actor, 'comment.moderate')) throw new AppError('forbidden');
  if (!(await banCommentAuthor(db, { ...input, userId: actor.id }))) throw new AppError('comment_not_found');
}
