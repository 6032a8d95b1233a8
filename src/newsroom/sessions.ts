/**
 * Newsroom sessions, kept on the server. The browser holds a random value in
 * the `dabir_session` cookie; the database holds only its SHA-256, with the
 * user, the session's CSRF token and its times. A session ends when it has
 * been idle too long, at its absolute expiry, at logout, when its user logs
 * out everywhere or changes password, and when the account is disabled.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { User } from '../auth/index.js';
import type { Db } from '../storage/index.js';

export const SESSION_COOKIE = 'dabir_session';

/** How long a session lives at most, and how long it may stay unused. */
export const SESSION_LIMITS = {
  absoluteMs: 7 * 24 * 3600_000,
  idleMs: 12 * 3600_000,
  /** `last_seen_at` is written at most this often (not on every request). */
  touchEveryMs: 60_000,
} as const;

/** A session as the web layer needs it. */
export interface Session {
  /** SHA-256 of the cookie value (the row's key). */
  id: string;
  user: User;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored key of a cookie value. */
export function sessionKey(cookieValue: string): string {
  return createHash('sha256').update(cookieValue).digest('hex');
}

/** Whether a session row is still alive at `now` (pure). */
export function sessionAlive(s: { lastSeenAt: number; expiresAt: number }, now: number): boolean {
  return now < s.expiresAt && now - s.lastSeenAt < SESSION_LIMITS.idleMs;
}

/**
 * Starts a session for the user and returns the cookie value (shown once). `replacing`,
 * the cookie the browser came with, is ended: the id changes at every sign-in, so a
 * session id planted before sign-in (session fixation) is worth nothing after it.
 */
export async function startSession(
  db: Db,
  input: { userId: number; now: number; replacing?: string | undefined },
): Promise<{ cookie: string; session: { id: string; csrfToken: string; expiresAt: number } }> {
  if (input.replacing) await db.deleteFrom('sessions').where('id', '=', sessionKey(input.replacing)).execute();
  const cookie = token();
  const row = {
    id: sessionKey(cookie),
    user_id: input.userId,
    csrf_token: token(),
    created_at: input.now,
    last_seen_at: input.now,
    expires_at: input.now + SESSION_LIMITS.absoluteMs,
  };
  await db.insertInto('sessions').values(row).execute();
  // Ended sessions of anyone are cleared now and then, here, rather than by a job.
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', input.now), eb('last_seen_at', '<=', input.now - SESSION_LIMITS.idleMs)]))
    .execute();
  return { cookie, session: { id: row.id, csrfToken: row.csrf_token, expiresAt: row.expires_at } };
}

/** The live session a cookie value belongs to, or undefined; refreshes its last-seen time. */
export async function findSession(db: Db, cookieValue: string, now: number): Promise<Session | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(cookieValue)) return undefined;
  const id = sessionKey(cookieValue);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.csrf_token', 's.created_at', 's.last_seen_at', 's.expires_at', 'u.id as user_id', 'u.email', 'u.name', 'u.role', 'u.disabled_at'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const session: Session = {
    id: row.id,
    user: { id: row.user_id, email: row.email, name: row.name, role: row.role },
    csrfToken: row.csrf_token,
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
    expiresAt: Number(row.expires_at),
  };
  if (row.disabled_at !== null || !sessionAlive(session, now)) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return undefined;
  }
  if (now - session.lastSeenAt >= SESSION_LIMITS.touchEveryMs) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
    session.lastSeenAt = now;
  }
  return session;
}

/** Ends one session (logout). */
export async function endSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user but `keep` (log out everywhere else); returns how many ended. */
export async function endUserSessions(db: Db, userId: number, keep?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) query = query.where('id', '!=', keep);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How many live sessions a user has (shown on the account page). */
export async function countUserSessions(db: Db, userId: number, now: number): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', now - SESSION_LIMITS.idleMs)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whether a form's CSRF token is the session's, compared in constant time (pure).
 * A missing or differently sized token is simply wrong.
 */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 200) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh random token for a form that comes before any session (the sign-in form). */
export function newFormToken(): string {
  return token();
}
