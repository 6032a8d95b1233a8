/**
 * API token scopes (pure). A token carries a subset of what its owner's role
 * allows; a call succeeds only when the role may do the action (`can`) and the
 * token's scopes cover it. A newsroom session has no scopes: the role alone decides.
 */
import type { Role } from '../storage/index.js';
import { can, type Action } from './permissions.js';

export const SCOPES = ['read', 'articles:write', 'comments:moderate', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** The scope that covers each action. */
const SCOPE_OF: Record<Action, Scope> = {
  'article.read.unpublished': 'read',
  'article.write': 'articles:write',
  'article.edit.any': 'articles:write',
  'article.publish': 'articles:write',
  'media.upload': 'articles:write',
  'comment.moderate': 'comments:moderate',
  'moderation.lexicon': 'comments:moderate',
  admin: 'admin',
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Every scope the role can use: those covering at least one action the role may do. */
export function scopesForRole(role: Role): Scope[] {
  const actions = Object.keys(SCOPE_OF) as Action[];
  return SCOPES.filter((scope) => actions.some((a) => SCOPE_OF[a] === scope && can(role, a)));
}

/**
 * Whether a caller may do the action: the role must allow it and, for a token
 * caller, the token's scopes must cover it (`scopes` undefined: no token limits).
 */
export function permits(caller: { role: Role; scopes?: readonly Scope[] | undefined }, action: Action): boolean {
  return can(caller.role, action) && (caller.scopes === undefined || caller.scopes.includes(SCOPE_OF[action]));
}
