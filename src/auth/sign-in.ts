/**
 * Signing in, for both doors: the newsroom's form and the API's token
 * exchange. One lockout with one set of keys (the account and the client
 * address), held in shared state, so an account locked on one door is locked
 * on the other and on every instance.
 */
import type { Db } from '../storage/index.js';
import type { Lockout } from './lockout.js';
import { authenticate, normalizeEmail, type User } from './users.js';

/** The longest password checked; longer ones fail without hashing (argon2 on megabytes is a denial of service). */
export const PASSWORD_MAX = 200;

export type SignInResult = { kind: 'ok'; user: User } | { kind: 'invalid' } | { kind: 'locked'; retryAfterMs: number };

/**
 * Checks a sign-in. Failures are counted per account and per client address; after a few,
 * each further try waits twice as long (`Lockout`). A locked account is not even checked, so
 * guessing gets no answer while it waits. A disabled account fails like a wrong password.
 * A success clears the account's count only: one good account does not reset a guessing client.
 */
export async function signIn(db: Db, lockout: Lockout, input: { email: string; password: string; client: string; now: number }): Promise<SignInResult> {
  const email = normalizeEmail(input.email).slice(0, 320);
  const keys = [`account:${email}`, `client:${input.client}`];
  const wait = await lockout.waitFor(keys, input.now);
  if (wait > 0) return { kind: 'locked', retryAfterMs: wait };
  const user = input.password.length > 0 && input.password.length <= PASSWORD_MAX ? await authenticate(db, email, input.password) : undefined;
  const disabled = user ? (await db.selectFrom('users').select('disabled_at').where('id', '=', user.id).executeTakeFirst())?.disabled_at != null : false;
  if (!user || disabled) {
    await lockout.fail(keys, input.now);
    return { kind: 'invalid' };
  }
  await lockout.succeed(keys[0]!);
  return { kind: 'ok', user };
}
