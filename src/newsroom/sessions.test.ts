import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestStorage } from '../../test/support/storage.js';
import { createUser, type User } from '../auth/index.js';
import { disableAccount } from './accounts.js';
import {
  countUserSessions,
  csrfMatches,
  endSession,
  endUserSessions,
  findSession,
  SESSION_LIMITS,
  sessionAlive,
  sessionKey,
  startSession,
} from './sessions.js';

describe('CSRF tokens', () => {
  it('match only the session’s own token, compared whole', () => {
    expect(csrfMatches('abc123XYZ', 'abc123XYZ')).toBe(true);
    expect(csrfMatches('abc123XYZ', 'abc123XY')).toBe(false);
    expect(csrfMatches('abc123XYZ', 'abc123XYz')).toBe(false);
    expect(csrfMatches('abc123XYZ', '')).toBe(false);
    expect(csrfMatches('abc123XYZ', undefined)).toBe(false);
    expect(csrfMatches('abc123XYZ', ['abc123XYZ'])).toBe(false);
  });
});

describe('session lifetimes', () => {
  it('end when idle too long or at their absolute expiry', () => {
    const t = 1_800_000_000_000;
    expect(sessionAlive({ lastSeenAt: t, expiresAt: t + 1000 }, t + 999)).toBe(true);
    expect(sessionAlive({ lastSeenAt: t, expiresAt: t + 1000 }, t + 1000)).toBe(false);
    expect(sessionAlive({ lastSeenAt: t, expiresAt: t + SESSION_LIMITS.absoluteMs }, t + SESSION_LIMITS.idleMs)).toBe(false);
  });
});

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`sessions on ${engine.name}${engine.note}`, () => {
    let ctx: Awaited<ReturnType<typeof openTestStorage>>;
    let user: User;
    let admin: User;
    const t0 = 1_800_000_000_000;
    beforeAll(async () => {
      ctx = await openTestStorage(engine.name);
      user = await createUser(ctx.storage.db, { email: 'r@example.com', role: 'reporter', password: 'password-123', now: new Date(t0) });
      admin = await createUser(ctx.storage.db, { email: 'a@example.com', role: 'admin', password: 'password-123', now: new Date(t0) });
    });
    afterAll(async () => ctx?.cleanup());

    it('stores only the hash of the cookie, and finds the session by the cookie', async () => {
      const { cookie, session } = await startSession(ctx.storage.db, { userId: user.id, now: t0 });
      const row = await ctx.storage.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.id).toBe(sessionKey(cookie));
      expect(row.id).not.toContain(cookie);
      const found = await findSession(ctx.storage.db, cookie, t0 + 1000);
      expect(found?.user.email).toBe('r@example.com');
      expect(found?.csrfToken).toBe(session.csrfToken);
      expect(await findSession(ctx.storage.db, `${cookie.slice(0, -1)}x`, t0 + 1000)).toBeUndefined();
      await endSession(ctx.storage.db, session.id);
      expect(await findSession(ctx.storage.db, cookie, t0 + 2000)).toBeUndefined();
    });

    it('gives a new id at sign-in and ends the one the browser came with', async () => {
      const first = await startSession(ctx.storage.db, { userId: user.id, now: t0 });
      const second = await startSession(ctx.storage.db, { userId: user.id, now: t0 + 10, replacing: first.cookie });
      expect(second.cookie).not.toBe(first.cookie);
      expect(second.session.csrfToken).not.toBe(first.session.csrfToken);
      expect(await findSession(ctx.storage.db, first.cookie, t0 + 20)).toBeUndefined();
      expect(await findSession(ctx.storage.db, second.cookie, t0 + 20)).toBeDefined();
    });

    it('ends an idle session, and refreshes the last-seen time of a used one', async () => {
      const { cookie } = await startSession(ctx.storage.db, { userId: user.id, now: t0 });
      const later = t0 + SESSION_LIMITS.idleMs - 1000;
      expect(await findSession(ctx.storage.db, cookie, later)).toBeDefined();
      // Used just now: still alive an idle period after the first sign-in.
      expect(await findSession(ctx.storage.db, cookie, t0 + SESSION_LIMITS.idleMs + 1000)).toBeDefined();
      expect(await findSession(ctx.storage.db, cookie, later + SESSION_LIMITS.idleMs + 1)).toBeUndefined();
    });

    it('logs a user out everywhere, or everywhere else', async () => {
      await endUserSessions(ctx.storage.db, user.id);
      const a = await startSession(ctx.storage.db, { userId: user.id, now: t0 });
      const b = await startSession(ctx.storage.db, { userId: user.id, now: t0 });
      expect(await countUserSessions(ctx.storage.db, user.id, t0)).toBe(2);
      expect(await endUserSessions(ctx.storage.db, user.id, a.session.id)).toBe(1);
      expect(await findSession(ctx.storage.db, a.cookie, t0 + 1)).toBeDefined();
      expect(await findSession(ctx.storage.db, b.cookie, t0 + 1)).toBeUndefined();
      await endUserSessions(ctx.storage.db, user.id);
      expect(await countUserSessions(ctx.storage.db, user.id, t0)).toBe(0);
    });

    it('ends the sessions of a disabled account at once', async () => {
      const { cookie } = await startSession(ctx.storage.db, { userId: user.id, now: t0 });
      await disableAccount(ctx.storage.db, user.id, new Date(t0), admin);
      expect(await findSession(ctx.storage.db, cookie, t0 + 1)).toBeUndefined();
    });
  });
}
