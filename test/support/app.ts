/**
 * A whole Dabir app on a real database for HTTP tests through app.inject(),
 * with an administrator and a bearer token ready.
 */
import type { FastifyInstance } from 'fastify';
import { createUser, issueToken, type User } from '../../src/auth/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLocalBus, type ChangeBus } from '../../src/events/index.js';
import type { Storage } from '../../src/storage/index.js';
import { buildApp, type AppDeps } from '../../src/web/app.js';
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
    commentLimits?: AppDeps['commentLimits'];
    /** More of the app's deps (a logger to read, shared state). */
    deps?: Partial<Pick<AppDeps, 'logger' | 'state'>>;
  } = {},
): Promise<TestApp> {
  const ctx = await openTestStorage(options.engine ?? 'sqlite');
  const config = loadConfig({ DABIR_DATA: ctx.dataDir, DABIR_DEMO: '0', DABIR_CAPTCHA: 'off', DABIR_PUBLIC_URL: 'http://news.test', ...options.env });
  const bus = createLocalBus();
  const now = options.now ?? (() => new Date());
  const app = await buildApp({ config, storage: ctx.storage, bus, now, ...(options.commentLimits && { commentLimits: options.commentLimits }), ...options.deps });
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
