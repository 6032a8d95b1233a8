import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';
import { freePort } from './support/process.js';
import { tempDir } from './support/storage.js';

const CLIENTS = 50;
const PER_CLIENT = 40;

describe('2,000 comments from 50 concurrent clients on SQLite over HTTP', () => {
  let server: RunningServer;
  const dir = tempDir();
  const stories: Array<{ code: number; url: string }> = [];
  const accepted: Array<{ id: number; status: string }> = [];
  let refused = 0;
  const emails = new Set<string>();

  beforeAll(async () => {
    const port = await freePort();
    const config = loadConfig({
      PORT: String(port),
      DABIR_DATA: dir.path,
      DABIR_DEMO: '0',
      DABIR_CAPTCHA: 'off',
      DABIR_MODERATION: 'post',
      DABIR_ADMIN_EMAIL: 'admin@example.com',
      DABIR_ADMIN_PASSWORD: 'admin-password-1',
    });
    const relaxed = { perClient: [{ count: 10_000, windowMs: 60_000 }], perEmail: [{ count: 10_000, windowMs: 60_000 }] };
    server = await startServer({ config, say: () => {}, commentLimits: relaxed });
    const { token } = (await (
      await fetch(`${server.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@example.com', password: 'admin-password-1' }),
      })
    ).json()) as { token: string };
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${server.url}/api/v1/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: `خبر پرنظر شماره ${i + 1}`, body: '<p>متن</p>', status: 'published', service: 'society', tags: ['نظرها'] }),
      });
      stories.push((await res.json()) as { code: number; url: string });
    }
    const kinds = ['نظر من درباره این خبر این است که', 'به نظرم گزارش کاملی بود و', 'خفه شو احمق، تو که', 'سؤال دارم درباره'];
    const deadline = Date.now() + 120_000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let k = 0; k < PER_CLIENT && Date.now() < deadline; k++) {
          const email = `reader.${c}.${k}@example.org`;
          emails.add(email);
          const story = stories[(c + k) % stories.length]!;
          const res = await fetch(`${server.url}/api/v1/articles/${story.code}/comments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.20.${c}.1` },
            body: JSON.stringify({ name: `خواننده ${c}`, email, body: `${kinds[k % kinds.length]} شماره ${c}-${k}` }),
          });
          if (res.status === 202) accepted.push((await res.json()) as { id: number; status: string });
          else refused++;
        }
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    dir.remove();
  });

  it('stores every comment answered 202, and nothing else', async () => {
    expect(accepted.length + refused).toBe(CLIENTS * PER_CLIENT);
    expect(accepted.length).toBe(CLIENTS * PER_CLIENT);
    const rows = await server.storage.db.selectFrom('comments').select(['id', 'status']).execute();
    expect(rows.length).toBe(accepted.length);
    const stored = new Map(rows.map((r) => [r.id, r.status]));
    for (const a of accepted) expect(stored.get(a.id) === 'spam' ? 'rejected' : stored.get(a.id)).toBe(a.status);
    expect(accepted.some((a) => a.status === 'published')).toBe(true);
    expect(accepted.some((a) => a.status === 'pending')).toBe(true);
  });

  it('shows none of the emails it was sent on any public route', async () => {
    const paths = ['/', '/service/society', `/tag/${encodeURIComponent('نظرها')}`, '/api/v1/articles?limit=100'];
    for (const s of stories) {
      paths.push(new URL(s.url).pathname, `/news/${s.code}`, `/api/v1/articles/${s.code}`, `/api/v1/articles/${s.code}/comments`);
    }
    let published = 0;
    for (const path of paths) {
      const res = await fetch(server.url + path);
      const body = await res.text();
      published += (body.match(/خواننده \d+/g) ?? []).length;
      for (const email of ['@example.org', ...[...emails].slice(0, 50)]) expect(body, path).not.toContain(email);
    }
    expect(published).toBeGreaterThan(100);
  });
});
