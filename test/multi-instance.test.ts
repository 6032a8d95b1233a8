import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, PG_SKIP_NOTE, PG_URL, tempDir } from './support/storage.js';
import { startInstance, type Instance } from './support/process.js';

describe.skipIf(!PG_URL)(`two instances on one PostgreSQL${PG_URL ? '' : ` (${PG_SKIP_NOTE})`}`, () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let dirs: Array<ReturnType<typeof tempDir>> = [];
  let instances: Instance[] = [];
  let token: string;

  beforeAll(async () => {
    database = await createPgDatabase();
    dirs = [tempDir(), tempDir()];
    const env = (i: number) => ({ DATABASE_URL: database.url, DABIR_DATA: dirs[i]!.path, DABIR_DEMO: '0', DABIR_ADMIN_EMAIL: 'admin@example.com', DABIR_ADMIN_PASSWORD: 'admin-password-1' });
    // Both start at once: migrations and the first administrator must happen once.
    instances = await Promise.all([startInstance(env(0)), startInstance(env(1))]);
    const res = await fetch(`${instances[0]!.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'admin-password-1' }),
    });
    token = ((await res.json()) as { token: string }).token;
  }, 90_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await database?.drop();
    for (const d of dirs) d.remove();
  });

  it('gives 200 concurrent creates spread over both instances 200 distinct codes', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const res = await fetch(`${instances[i % 2]!.url}/api/v1/articles`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ title: `خبر هم‌زمان ${i}`, body: '<p>متن</p>', status: 'published' }),
        });
        expect(res.status).toBe(201);
        return ((await res.json()) as { code: number }).code;
      }),
    );
    expect(new Set(results).size).toBe(200);
  }, 60_000);

  it('serves a story created through one instance from the other', async () => {
    const res = await fetch(`${instances[0]!.url}/api/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'از یک نمونه به دیگری', body: '<p>متن</p>', status: 'published' }),
    });
    const { code } = (await res.json()) as { code: number };
    const other = await fetch(`${instances[1]!.url}/api/v1/articles/${code}`);
    expect(other.status).toBe(200);
  });
});
