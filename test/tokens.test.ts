import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, permits, scopesForRole } from '../src/auth/index.js';
import { csrfMatches } from '../src/newsroom/index.js';
import { testApp, type TestApp } from './support/app.js';
import { ENGINES } from './support/storage.js';

describe('token scopes (pure)', () => {
  it('gives each role the scopes its actions need, and no more', () => {
    expect(scopesForRole('admin')).toEqual(['read', 'articles:write', 'comments:moderate', 'admin']);
    expect(scopesForRole('editor')).toEqual(['read', 'articles:write']);
    expect(scopesForRole('reporter')).toEqual(['read', 'articles:write']);
    expect(scopesForRole('moderator')).toEqual(['comments:moderate']);
  });

  it('needs both the role and the scope; a session (no scopes) is bounded by the role alone', () => {
    expect(permits({ role: 'admin', scopes: ['read'] }, 'comment.moderate')).toBe(false);
    expect(permits({ role: 'admin', scopes: ['comments:moderate'] }, 'comment.moderate')).toBe(true);
    expect(permits({ role: 'reporter', scopes: ['comments:moderate'] }, 'comment.moderate')).toBe(false);
    expect(permits({ role: 'moderator' }, 'comment.moderate')).toBe(true);
    expect(permits({ role: 'moderator' }, 'article.write')).toBe(false);
  });

  it('compares CSRF tokens in constant time and refuses anything not exactly the token', () => {
    expect(csrfMatches('abc123', 'abc123')).toBe(true);
    for (const wrong of ['abc124', 'abc12', 'abc1234', '', undefined, null, 42, ['abc123'], 'x'.repeat(500)]) expect(csrfMatches('abc123', wrong)).toBe(false);
  });
});

for (const engine of ENGINES) {
  describe.skipIf(!engine.available)(`API tokens on ${engine.name}${engine.note}`, () => {
    let t: TestApp;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const issue = async (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'admin@example.com', password: 'admin-password-1', ...payload } });

    beforeAll(async () => {
      t = await testApp({ engine: engine.name });
    });
    afterAll(async () => t?.cleanup());

    it('issues a token with all the role allows by default, and one narrowed to the scopes asked for', async () => {
      const all = await issue({});
      expect(all.statusCode).toBe(200);
      expect(all.json().scopes).toEqual(['read', 'articles:write', 'comments:moderate', 'admin']);
      const narrow = await issue({ scopes: ['read'], label: 'خواندن' });
      expect(narrow.statusCode).toBe(200);
      expect(narrow.json().scopes).toEqual(['read']);
    });

    it('enforces the scopes on writing stories, reading drafts and moderating', async () => {
      const readOnly = (await issue({ scopes: ['read'] })).json().token as string;
      const writer = (await issue({ scopes: ['articles:write'] })).json().token as string;
      const moderatorOnly = (await issue({ scopes: ['comments:moderate'] })).json().token as string;

      const write = (token: string) =>
        t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: bearer(token), payload: { title: 'پیش‌نویس', body: '<p>متن</p>' } });
      const refused = await write(readOnly);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('forbidden');
      const created = await write(writer);
      expect(created.statusCode).toBe(201);
      const code = created.json().code as number;
      const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${code}`, headers: bearer(readOnly), payload: { title: 'دگرگون' } });
      expect(patched.statusCode).toBe(403);

      // Drafts: `read` sees them; a token without it is treated like a stranger.
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/articles/${code}`, headers: bearer(readOnly) })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/articles/${code}`, headers: bearer(moderatorOnly) })).statusCode).toBe(404);

      const queue = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue', headers: bearer(token) });
      expect((await queue(moderatorOnly)).statusCode).toBe(200);
      expect((await queue(writer)).statusCode).toBe(403);
      expect((await queue(readOnly)).statusCode).toBe(403);
    });

    it('refuses to issue scopes beyond the role', async () => {
      await createUser(t.storage.db, { email: 'reporter-scopes@example.com', role: 'reporter', password: 'password-123', now: new Date() });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        payload: { email: 'reporter-scopes@example.com', password: 'password-123', scopes: ['read', 'comments:moderate'] },
      });
      expect(res.statusCode).toBe(403);
      const unknown = await issue({ scopes: ['everything'] });
      expect(unknown.statusCode).toBe(400);
    });

    it("lists the caller's own tokens, never a secret or a hash, and never another user's", async () => {
      const other = await t.tokenFor('editor');
      const mine = (await issue({ scopes: ['read'], label: 'فهرست' })).json().token as string;
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(mine) });
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Array<Record<string, unknown>>;
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(items.filter((i) => i.current)).toHaveLength(1);
      expect(items.find((i) => i.current)).toMatchObject({ label: 'فهرست', scopes: ['read'], revokedAt: null });
      for (const item of items) expect(Object.keys(item).sort()).toEqual(['createdAt', 'current', 'id', 'label', 'lastUsedAt', 'revokedAt', 'scopes']);
      expect(res.body).not.toContain(mine);
      expect(res.body).not.toContain(mine.slice(4, 20));
      const hashes = await t.storage.db.selectFrom('api_tokens').select('token_hash').execute();
      for (const h of hashes) expect(res.body).not.toContain(h.token_hash);
      const others = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(other) })).json().items as unknown[];
      expect(others).toHaveLength(1);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens' })).statusCode).toBe(401);
    });

    it("revokes one token at once, leaves the others working, and cannot revoke someone else's", async () => {
      const a = (await issue({ label: 'a' })).json().token as string;
      const b = (await issue({ label: 'b' })).json().token as string;
      const other = await t.tokenFor('editor');
      const list = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(a) })).json().items as Array<{
        id: number;
        current: boolean;
      }>;
      const aId = list.find((i) => i.current)!.id;
      const theirs = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(other) })).json().items as Array<{ id: number }>;

      const foreign = await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${theirs[0]!.id}`, headers: bearer(b) });
      expect(foreign.statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(other) })).statusCode).toBe(200);

      const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${aId}`, headers: bearer(b) });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toEqual({ revoked: 1 });
      const dead = await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(a) });
      expect(dead.statusCode).toBe(401);
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/articles', headers: bearer(a), payload: { title: 'x', body: '' } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(b) })).statusCode).toBe(200);
      const again = await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${aId}`, headers: bearer(b) });
      expect(again.statusCode).toBe(404);
    });

    it("revokes all the caller's tokens at once, and only the caller's", async () => {
      const other = await t.tokenFor('editor');
      const one = (await issue({})).json().token as string;
      const two = (await issue({ scopes: ['read'] })).json().token as string;
      const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/tokens', headers: bearer(two) });
      expect(res.statusCode).toBe(200);
      expect(res.json().revoked).toBeGreaterThanOrEqual(2);
      for (const token of [one, two, t.token])
        expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(token) })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(other) })).statusCode).toBe(200);
      // The password still works: a fresh token can be had.
      expect((await issue({})).statusCode).toBe(200);
    });

    it('stops honouring the tokens of a disabled account', async () => {
      const user = await createUser(t.storage.db, { email: 'leaving@example.com', role: 'editor', password: 'password-123', now: new Date() });
      const token = (
        await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'leaving@example.com', password: 'password-123' } })
      ).json().token as string;
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(token) })).statusCode).toBe(200);
      await t.storage.db.updateTable('users').set({ disabled_at: Date.now() }).where('id', '=', user.id).execute();
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(token) })).statusCode).toBe(401);
    });

    it('keeps tokens issued before scopes (null) working with all the role allows', async () => {
      const legacy = await t.tokenFor('moderator');
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(legacy) });
      expect(res.json().items[0].scopes).toEqual(['comments:moderate']);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/moderation/queue', headers: bearer(legacy) })).statusCode).toBe(200);
    });
  });
}
