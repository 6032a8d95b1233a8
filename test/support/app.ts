/**
 * A whole Dabir app on a real database for HTTP tests through app.inject(),
 * with an administrator and a bearer token ready.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createUser, issueToken, type User } from '../../src/auth/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLocalBus, type ChangeBus } from '../../src/events/index.js';
import type { Storage } from '../../src/storage/index.js';
import { buildServices, watchChannels, type ServicesInput } from '../../src/boot.js';
import { buildApp, type AppOptions } from '../../src/web/app.js';
import { openTestStorage } from './storage.js';

export interface TestApp {
  app: FastifyInstance;
  storage: Storage;
  bus: ChangeBus;
  config: Config;
  admin: User;
  token: string;
  /** Makes a user with this role and returns a token for it. */
  tokenFor(role: User['role'], email?: string): Promise<string>;
  cleanup(): Promise<void>;
}

export async function testApp(
  options: {
    engine?: 'sqlite' | 'postgres';
    env?: Record<string, string>;
    now?: () => Date;
    commentLimits?: ServicesInput['commentLimits'];
    /** More of the app's deps (a logger to read, shared state). */
    deps?: Pick<AppOptions, 'logger'> & Pick<ServicesInput, 'state'>;
  } = {},
): Promise<TestApp> {
  const ctx = await openTestStorage(options.engine ?? 'sqlite');
  const config = loadConfig({ DABIR_DATA: ctx.dataDir, DABIR_DEMO: '0', DABIR_CAPTCHA: 'off', DABIR_PUBLIC_URL: 'http://news.test', ...options.env });
  const bus = createLocalBus();
  const now = options.now ?? (() => new Date());
  const services = await buildServices({ config, storage: ctx.storage, bus, now, commentLimits: options.commentLimits, state: options.deps?.state });
  const app = await buildApp(services, { logger: options.deps?.logger });
  // As on a running instance, the channel outbox follows the bus (the scheduler is the tests' own).
  const channels = watchChannels(services, app.log);
  app.addHook('onClose', async () => channels.stop());
  await app.ready();
  const admin = await createUser(ctx.storage.db, { email: 'admin@example.com', role: 'admin', password: 'admin-password-1', now: now() });
  const token = await issueToken(ctx.storage.db, admin.id, now());
  let n = 0;
  return {
    app,
    storage: ctx.storage,
    bus,
    config,
    admin,
    token,
    async tokenFor(role, email) {
      const user = await createUser(ctx.storage.db, { email: email ?? `${role}${++n}@example.com`, role, password: 'password-123', now: now() });
      return issueToken(ctx.storage.db, user.id, now());
    },
    async cleanup() {
      await app.close();
      await ctx.cleanup();
    },
  };
}

/** A story as the API answers for it (the fields the tests read; the rest as they come). */
export interface StoryJson {
  code: number;
  url: string;
  slug: string;
  title: string;
  status: string;
  publishedAt: string;
  updatedAt: string;
  [field: string]: any;
}

/**
 * Makes a story through `POST /api/v1/articles` as the administrator (or with `options.token`)
 * and returns the JSON answer. Published, with an empty body, unless `fields` say otherwise;
 * fails the test with the answer's body when it is not 201.
 */
export async function createStory(t: TestApp, fields: Record<string, unknown> = {}, options: { token?: string } = {}): Promise<StoryJson> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/articles',
    headers: { authorization: `Bearer ${options.token ?? t.token}` },
    payload: { title: 'خبر آزمایشی', body: '', status: 'published', ...fields },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as StoryJson;
}
