import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, PG_SKIP_NOTE, PG_URL, REDIS_URL, tempDir } from './support/storage.js';
import { startInstance, type Instance } from './support/process.js';

const REDIS_NOTE = REDIS_URL ? '' : ' (Redis cases skipped: REDIS_URL is not set)';

/** A Redis database of its own for this file, so parallel test files do not share counters or channels. */
function redisDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

describe.skipIf(!PG_URL)(`two instances on one PostgreSQL${PG_URL ? REDIS_NOTE : ` (${PG_SKIP_NOTE})`}`, () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let dirs: Array<ReturnType<typeof tempDir>> = [];
  let instances: Instance[] = [];
  let token: string;
  const api = async (i: number, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${instances[i]!.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...init.headers },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    return { status: res.status, json: (await res.json().catch(() => null)) as any, text: '' };
  };

  beforeAll(async () => {
    database = await createPgDatabase();
    dirs = [tempDir(), tempDir()];
    const env = (i: number) => ({
      DATABASE_URL: database.url,
      DABIR_DATA: dirs[i]!.path,
      DABIR_DEMO: '0',
      DABIR_ADMIN_EMAIL: 'admin@example.com',
      DABIR_ADMIN_PASSWORD: 'admin-password-1',
      DABIR_CAPTCHA: 'off',
      DABIR_MODERATION: 'post',
      DABIR_TICK_MS: '300',
      DABIR_LOG_LEVEL: 'info',
      REDIS_URL: REDIS_URL ? redisDb(REDIS_URL, 7) : '',
    });
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
        const res = await api(i % 2, '/api/v1/articles', { method: 'POST', body: { title: `خبر هم‌زمان ${i}`, body: '<p>متن</p>', status: 'published' } });
        expect(res.status).toBe(201);
        return res.json.code as number;
      }),
    );
    expect(new Set(results).size).toBe(200);
  }, 60_000);

  it('publishes a scheduled story once, whichever instance gets there', async () => {
    const at = new Date(Date.now() + 1500).toISOString();
    const created = await api(0, '/api/v1/articles', {
      method: 'POST',
      body: { title: 'خبر زمان‌بندی‌شده برای دو نمونه', body: '<p>متن</p>', status: 'scheduled', publishedAt: at },
    });
    expect(created.json.status).toBe('scheduled');
    const code = created.json.code as number;
    const deadline = Date.now() + 15_000;
    let status = 'scheduled';
    while (status !== 'published' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await api(1, `/api/v1/articles/${code}`)).json.status;
    }
    expect(status).toBe('published');
    await new Promise((r) => setTimeout(r, 1000));
    const logs = instances.map(
      (i) =>
        i
          .output()
          .split('\n')
          .filter((l) => l.includes('published a scheduled story') && l.includes(`"code":${code}`)).length,
    );
    expect(logs[0]! + logs[1]!).toBe(1);
  }, 30_000);

  it.skipIf(!REDIS_URL)('serves a story updated through one instance updated by the other within a second (Redis)', async () => {
    const created = await api(0, '/api/v1/articles', { method: 'POST', body: { title: 'پیش از تغییر', body: '<p>متن</p>', status: 'published' } });
    const code = created.json.code as number;
    const page = async (i: number) => {
      const res = await fetch(`${instances[i]!.url}/news/${code}`, { redirect: 'follow' });
      return res.text();
    };
    expect(await page(1)).toContain('پیش از تغییر');
    expect(await page(1)).toContain('پیش از تغییر'); // now cached on instance 1
    await api(0, `/api/v1/articles/${code}`, { method: 'PATCH', body: { lead: 'لید پس از تغییر در نمونه نخست' } });
    const started = Date.now();
    let seen = false;
    while (!seen && Date.now() - started < 1000) {
      seen = (await page(1)).includes('لید پس از تغییر در نمونه نخست');
      if (!seen) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toBe(true);
  });

  it.skipIf(!REDIS_URL)('counts one reader’s comments across both instances for the rate limit (Redis)', async () => {
    const created = await api(0, '/api/v1/articles', { method: 'POST', body: { title: 'خبر برای محدودیت نظر', body: '<p>متن</p>', status: 'published' } });
    const code = created.json.code as number;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api(i % 2, `/api/v1/articles/${code}/comments`, {
        method: 'POST',
        body: { name: 'خواننده پرکار', email: `busy${i}@example.com`, body: `نظر شماره ${i} از یک نشانی` },
        headers: { 'x-forwarded-for': '10.77.0.1' },
      });
      statuses.push(res.status);
    }
    // Five a minute per reader (the default): three went to each instance, the sixth is refused.
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses[5]).toBe(429);
  });

  it('serves a story created through one instance from the other', async () => {
    const res = await api(0, '/api/v1/articles', { method: 'POST', body: { title: 'از یک نمونه به دیگری', body: '<p>متن</p>', status: 'published' } });
    const other = await api(1, `/api/v1/articles/${res.json.code}`);
    expect(other.status).toBe(200);
  });
});
