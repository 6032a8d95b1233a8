/**
 * The one permission table (pure). Routes, the API and the newsroom ask
 * `can(role, action)`; nothing else decides who may do what.
 */
import type { Role } from '../storage/index.js';

export const ROLES = ['admin', 'editor', 'reporter', 'moderator'] as const satisfies readonly Role[];

export type Action =
  /** Write a story of one's own (a draft) and submit it for review. */
  | 'article.write'
  /** Edit anyone's story. */
  | 'article.edit.any'
  /** Publish, schedule or unpublish a story. */
  | 'article.publish'
  /** Read drafts and stories under review. */
  | 'article.read.unpublished'
  /** Work the comment queue: approve, reject, spam, ban. */
  | 'comment.moderate'
  /** Edit the moderation lexicons and exceptions. */
  | 'moderation.lexicon'
  /** Upload media. */
  | 'media.upload'
  /** Manage users and settings. */
  | 'admin';

const TABLE: Record<Role, ReadonlySet<Action>> = {
  reporter: new Set(['article.write', 'article.read.unpublished', 'media.upload']),
  editor: new Set(['article.write', 'article.edit.any', 'article.publish', 'article.read.unpublished', 'media.upload']),
  moderator: new Set(['comment.moderate', 'moderation.lexicon']),
  admin: new Set([
    'article.write',
    'article.edit.any',
    'article.publish',
    'article.read.unpublished',
    'comment.moderate',
    'moderation.lexicon',
    'media.upload',
    'admin',
  ]),
};

export function can(role: Role, action: Action): boolean {
  return TABLE[role].has(action);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
