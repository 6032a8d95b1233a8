/** Users and API tokens. Tokens are random, shown once, stored as SHA-256. */
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Role, UserRow } from '../storage/index.js';
import { hashPassword, verifyPassword } from './passwords.js';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
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
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
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
  const row = await db.insertInto('users').values(await userValues(input)).returning(['id', 'email', 'name', 'role']).executeTakeFirstOrThrow();
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
  await db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', userId).execute();
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
export async function issueToken(db: Db, userId: number, now: Date): Promise<string> {
  const token = `dbr_${randomBytes(32).toString('base64url')}`;
  await db.insertInto('api_tokens').values({ user_id: userId, token_hash: hashToken(token), created_at: now.getTime(), last_used_at: null, revoked_at: null }).execute();
  return token;
}

/**
 * The user a bearer token belongs to, or undefined for an unknown or revoked
 * token. The lookup is by hash, so the comparison never touches the token.
 */
export async function userForToken(db: Db, token: string): Promise<User | undefined> {
  if (!token.startsWith('dbr_') || token.length > 100) return undefined;
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id', 'u.email', 'u.name', 'u.role'])
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}
