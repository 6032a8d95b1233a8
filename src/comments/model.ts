/**
 * Comments as readers and moderators see them, and the rules about what a
 * reader may send (pure).
 */
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

/** A published comment with its published replies. */
export interface CommentNode extends PublicComment {
  children: CommentNode[];
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

const EMAIL = /^[^\s@<>()]{1,64}@[^\s@<>()]{1,189}\.[^\s@<>()]{2,}$/;

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
  if (!EMAIL.test(input.email.trim()) || input.email.length > COMMENT_LIMITS.email) problems.email = 'نشانی ایمیل درست نیست.';
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
    .replace(/[\s\u200c\u200d.,!?؟،؛:;'"«»()\-_*]+/g, '');
}

/** Builds the reply tree of published comments, oldest first at every level. */
export function threadComments(comments: PublicComment[]): CommentNode[] {
  const nodes = new Map<number, CommentNode>();
  for (const c of [...comments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)) {
    nodes.set(c.id, { ...c, children: [] });
  }
  const roots: CommentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
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
