/**
 * Who may read which story (pure): the one rule the API and the newsroom both ask.
 *
 * - A public story (published, its time come) is anyone's to read.
 * - Unpublished stories (drafts, review, scheduled, unpublished) need the
 *   `article.read.unpublished` permission, and for a token caller the `read` scope.
 *   Editors and administrators (who may edit any story) then read all of them;
 *   a reporter reads only the ones they wrote.
 */
import { can, permits, type Scope } from '../auth/index.js';
import type { Role } from '../storage/index.js';
import type { Article } from './model.js';

/** A caller as the rule sees it: a token caller has scopes, a newsroom session none. */
export interface Reader {
  id: number;
  role: Role;
  scopes?: readonly Scope[] | undefined;
}

/** Whose unpublished stories the caller may read: everyone's, their own, or none. */
export type UnpublishedReach = 'all' | 'own' | 'none';

export function unpublishedReach(caller: Reader | null | undefined): UnpublishedReach {
  if (!caller || !permits(caller, 'article.read.unpublished')) return 'none';
  return can(caller.role, 'article.edit.any') ? 'all' : 'own';
}

/** Whether the story is public now. */
export function isPublic(article: Pick<Article, 'status' | 'publishedAt'>, now: Date): boolean {
  return article.status === 'published' && article.publishedAt !== null && article.publishedAt.getTime() <= now.getTime();
}

/** Whether the caller may read this story (whole: body, lead, everything). */
export function canReadArticle(caller: Reader | null | undefined, article: Pick<Article, 'status' | 'publishedAt' | 'author'>, now: Date): boolean {
  if (isPublic(article, now)) return true;
  const reach = unpublishedReach(caller);
  return reach === 'all' || (reach === 'own' && caller !== null && caller !== undefined && article.author?.id === caller.id);
}
