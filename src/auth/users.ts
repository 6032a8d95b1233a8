/** Users and API tokens. Tokens are random, shown once, stored as SHA-256. */
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Role, UserRow } from '../storage/index.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { isScope, scopesForRole, type Scope } from './scopes.js';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** For a caller identified by an API token: the token's scopes (see `permits`); absent for a session. */
  scopes?: readonly Scope[];
  /** For a caller identified by an API token: the token's id (to list or revoke it). */
  tokenId?: number;
}

function toUser(row: Pick<UserRow, 'id' | 'email' | 'name' | 'role'>): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string): Promise<(User & { passwordHash: string | null }) | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
  return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewUser {
  email: string;
  name?: string | undefined;
  role: Role;
  /** Null or absent: the account cannot sign in (imported authors). */
  password?: string | null | undefined;
  now: Date;
}

async function userValues(input: NewUser) {
  const email = normalizeEmail(input.email);
  return {
    email,
    name: input.name?.trim() || email.split('@')[0] || email,
    role: input.role,
    password_hash: input.password ? await hashPassword(input.password) : null,
    created_at: input.now.getTime(),
  };
}

export async function createUser(db: Db, input: NewUser): Promise<User> {
  const row = await db
    .insertInto('users')
    .values(await userValues(input))
    .returning(['id', 'email', 'name', 'role'])
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** Creates the user unless the email is taken (then undefined): safe when two instances race. */
export async function createUserIfAbsent(db: Db, input: NewUser): Promise<User | undefined> {
  const row = await db
    .insertInto('users')
    .values(await userValues(input))
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(['id', 'email', 'name', 'role'])
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function setPassword(db: Db, userId: number, password: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password) })
    .where('id', '=', userId)
    .execute();
}

/** The user for these credentials, or undefined. */
export async function authenticate(db: Db, email: string, password: string): Promise<User | undefined> {
  const found = await findUserByEmail(db, email);
  const ok = await verifyPassword(found?.passwordHash ?? null, password);
  return ok && found ? toUser(found) : undefined;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues a bearer token for the user; the token is returned once. */
export async function issueToken(
  db: Db,
  userId: number,
  now: Date,
  options: { scopes?: readonly Scope[] | undefined; label?: string | undefined } = {},
): Promise<string> {
  const token = `dbr_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('api_tokens')
    .values({
      user_id: userId,
      token_hash: hashToken(token),
      created_at: now.getTime(),
      last_used_at: null,
      revoked_at: null,
      scopes: options.scopes ? [...new Set(options.scopes)].join(' ') : null,
      label: options.label ?? null,
    })
    .execute();
  return token;
}

/** The stored scopes, or (null: a token from before scopes) all the role allows. */
function storedScopes(role: Role, stored: string | null): Scope[] {
  if (stored === null) return scopesForRole(role);
  const allowed = new Set(scopesForRole(role));
  // A scope the role has since lost is dropped: the role always bounds the token.
  return stored.split(' ').filter((s): s is Scope => isScope(s) && allowed.has(s));
}

/**
 * The user a bearer token belongs to, with the token's scopes and id, or
 * undefined for an unknown or revoked token, or a disabled account. The lookup
 * is by hash, so no comparison ever touches the token itself (nothing to time).
 */
export async function userForToken(db: Db, token: string): Promise<User | undefined> {
  if (!token.startsWith('dbr_') || token.length > 100) return undefined;
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id', 'u.email', 'u.name', 'u.role', 'u.disabled_at', 't.id as token_id', 't.scopes'])
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) return undefined;
  return { ...toUser(row), scopes: storedScopes(row.role, row.scopes), tokenId: row.token_id };
}

/** One of a user's tokens as its owner sees it: never the secret, nor its hash. */
export interface TokenInfo {
  id: number;
  label: string | null;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The user's tokens, newest first, revoked ones included (with when). */
export async function listTokens(db: Db, user: Pick<User, 'id' | 'role'>): Promise<TokenInfo[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'label', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', user.id)
    .orderBy('id', 'desc')
    .execute();
  const date = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    scopes: storedScopes(user.role, r.scopes),
    createdAt: new Date(Number(r.created_at)),
    lastUsedAt: date(r.last_used_at),
    revokedAt: date(r.revoked_at),
  }));
}

/**
 * Revokes one of the user's tokens (`tokenId`) or, without one, all of them.
 * Returns how many were live and are now revoked; another user's token is
 * never touched (0), so its existence is not revealed.
 */
export async function revokeTokens(db: Db, input: { userId: number; tokenId?: number | undefined; now: Date }): Promise<number> {
  let query = db.updateTable('api_tokens').set({ revoked_at: input.now.getTime() }).where('user_id', '=', input.userId).where('revoked_at', 'is', null);
  if (input.tokenId !== undefined) query = query.where('id', '=', input.tokenId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
