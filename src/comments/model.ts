/**
 * Comments as readers and moderators see them, and the rules about what a
 * reader may send (pure).
 */
import { isEmail } from '../auth/index.js';
import type { Label, Reason, Verdict } from '../moderation/index.js';
import type { CommentStatus } from '../storage/index.js';

/** A comment with everything moderators see (never sent to the public). */
export interface Comment {
  id: number;
  articleId: number;
  articleCode: number;
  parentId: number | null;
  depth: number;
  name: string;
  email: string;
  body: string;
  status: CommentStatus;
  verdict: Verdict;
  labels: Label[];
  reasons: Reason[];
  score: number;
  createdAt: Date;
  decidedBy: number | null;
  decidedAt: Date | null;
}

/** A published comment as the public sees it: no email, no client hash, no verdict. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  name: string;
  body: string;
  createdAt: Date;
}

/** A published comment with its published replies, as shown: nested at most SHOWN_DEPTH levels. */
export interface CommentNode extends PublicComment {
  children: CommentNode[];
  /** For a reply shown flat below SHOWN_DEPTH: the comment it answers («در پاسخ به …»). */
  inReplyTo?: { id: number; name: string };
}

/** What a reader sends. */
export interface CommentSubmission {
  name: string;
  email: string;
  body: string;
  parentId?: number | null | undefined;
}

export const COMMENT_LIMITS = { name: 60, email: 254, body: 3000, minBody: 2 } as const;

/** Replies are shown nested up to this depth; deeper ones hang at the last level. */
export const MAX_DEPTH = 2;

/**
 * Levels of nesting on the page (as WordPress does): a reply deeper than this is shown at the
 * last level, in reading order, saying which comment it answers.
 */
export const SHOWN_DEPTH = 5;

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Per-field problems in Persian; empty when the submission is acceptable. */
export function validateSubmission(input: CommentSubmission): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = input.name.trim();
  const body = input.body.trim();
  if (!name) problems.name = 'نام را بنویسید.';
  else if (codePoints(name) > COMMENT_LIMITS.name) problems.name = `نام حداکثر ${COMMENT_LIMITS.name} نویسه است.`;
  if (!isEmail(input.email.trim()) || input.email.length > COMMENT_LIMITS.email) problems.email = 'نشانی ایمیل درست نیست.';
  if (codePoints(body) < COMMENT_LIMITS.minBody) problems.body = 'متن نظر را بنویسید.';
  else if (codePoints(body) > COMMENT_LIMITS.body) problems.body = `متن نظر حداکثر ${COMMENT_LIMITS.body} نویسه است.`;
  return problems;
}

/**
 * The text used to spot the same comment sent twice: letters only, case and
 * spacing folded, so a resend with an extra space or dot is still a duplicate.
 */
export function duplicateKey(body: string): string {
  return body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(?:[\s.,!?؟،؛:;'"«»()\-_*]|\u200c|\u200d)+/g, '');
}

/**
 * Builds the reply tree of published comments, oldest first at every level, nested at most
 * SHOWN_DEPTH levels. Iterative, so a chain of any length costs no stack; a reply whose parent is
 * not published (or a loop in damaged data) starts a thread of its own.
 */
export function threadComments(comments: readonly PublicComment[]): CommentNode[] {
  const sorted = [...comments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  const byId = new Map<number, PublicComment>();
  const replies = new Map<number, PublicComment[]>();
  for (const c of sorted) byId.set(c.id, c);
  const starts: PublicComment[] = [];
  for (const c of sorted) {
    if (c.parentId !== null && c.parentId !== c.id && byId.has(c.parentId)) {
      const list = replies.get(c.parentId) ?? [];
      list.push(c);
      replies.set(c.parentId, list);
    } else starts.push(c);
  }
  const roots: CommentNode[] = [];
  const placed = new Set<number>();
  type Pending = { comment: PublicComment; depth: number; into: CommentNode[]; parent: PublicComment | undefined };
  const walk = (start: PublicComment) => {
    const stack: Pending[] = [{ comment: start, depth: 1, into: roots, parent: undefined }];
    while (stack.length > 0) {
      const { comment, depth, into, parent } = stack.pop()!;
      if (placed.has(comment.id)) continue;
      placed.add(comment.id);
      const node: CommentNode = { ...comment, children: [], ...(depth > SHOWN_DEPTH && parent && { inReplyTo: { id: parent.id, name: parent.name } }) };
      into.push(node);
      // At the last level a reply becomes the next sibling: pushed last, popped first, so reading order holds.
      const childInto = depth < SHOWN_DEPTH ? node.children : into;
      const kids = replies.get(comment.id) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ comment: kids[i]!, depth: depth + 1, into: childInto, parent: comment });
    }
  };
  for (const c of starts) walk(c);
  // Comments caught in a parent loop were reached from no start: each begins a thread.
  for (const c of sorted) if (!placed.has(c.id)) walk(c);
  return roots;
}

/** Top-level threads a story page shows at once; further threads are on the comment pages after it. */
export const THREADS_PER_PAGE = 50;

/** One page of threads (1-based; a page past the end gives the last), with how many pages there are. */
export function pageOfThreads(
  roots: readonly CommentNode[],
  page: number,
  perPage = THREADS_PER_PAGE,
): { threads: CommentNode[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(roots.length / perPage));
  const p = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  return { threads: roots.slice((p - 1) * perPage, p * perPage), page: p, pages };
}

/** How a new comment is filed: what the engine said and how the site moderates. */
export function initialStatus(input: {
  verdict: Verdict;
  labels: Label[];
  /** True when every reason came from the learned classifier, none from a rule. */
  learnedOnly: boolean;
  mode: 'pre' | 'post';
  trusted: boolean;
}): CommentStatus {
  if (input.mode === 'pre') return 'pending';
  if (input.verdict === 'block') return input.labels.includes('spam') ? 'spam' : 'rejected';
  if (input.verdict === 'allow') return 'published';
  // A trusted commenter's comment goes straight through when only the learned
  // signal asked for a look; a rule's reason (a word, a number) still waits.
  return input.trusted && input.learnedOnly ? 'published' : 'pending';
}
