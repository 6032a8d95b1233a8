/**
 * Starting and stopping a whole Dabir instance: storage, first start, the
 * change bus, the app and the scheduler. main.ts and `dabir serve` use it;
 * so do the tests that need a real server.
 */
import type { FastifyInstance } from 'fastify';
import { ViewCounter, type ArticleDeps } from './articles/index.js';
import { publicBaseUrl, type Config } from './config.js';
import { createLocalRateLimiter, type RateLimiter } from './comments/index.js';
import { createLocalBus, type ChangeBus } from './events/index.js';
import { startScheduler, type Scheduler, type SharedViews } from './jobs/index.js';
import type { RedisLink } from './redis/index.js';
import { ensureSearchIndex, searchIndexHook, SynonymSource } from './search/index.js';
import { ensureFirstAdmin, loadDemo } from './setup/index.js';
import { databaseState, openStorage, type SharedState, type Storage } from './storage/index.js';
import { buildApp, type AppDeps, type LoggerSetting } from './web/app.js';

export interface RunningServer {
  app: FastifyInstance;
  storage: Storage;
  bus: ChangeBus;
  scheduler: Scheduler;
  /** The address it listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  now?: () => Date;
  logger?: LoggerSetting;
  /** Print a line for the operator (the generated password, warnings). */
  say?: (line: string) => void;
  /** How often the scheduler runs (tests shorten it). */
  schedulerIntervalMs?: number;
  /** Comment rate limits (load tests raise them). */
  commentLimits?: AppDeps['commentLimits'];
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, sqliteMaxPages: config.sqliteMaxPages });
  // Several instances share invalidation, limits and view counts through Redis when it is configured.
  let redis: RedisLink | undefined;
  let limiter: RateLimiter | undefined;
  let sharedViews: SharedViews | undefined;
  let state: SharedState | undefined;
  let bus: ChangeBus;
  if (config.redisUrl) {
    // ioredis is loaded only when there is a Redis to talk to.
    const { createRedisBus, createRedisRateLimiter, createRedisState, drainViews, openRedis, pushViews } = await import('./redis/index.js');
    const link = openRedis(config.redisUrl, { warn: (m) => say(`dabir: WARNING: ${m}`), info: (m) => say(`dabir: ${m}`) });
    redis = link;
    bus = createRedisBus(link);
    limiter = createRedisRateLimiter(link, createLocalRateLimiter());
    state = createRedisState(link, databaseState(storage.db));
    sharedViews = { available: link.up, push: (counts) => pushViews(link, counts), take: () => drainViews(link) };
  } else {
    bus = createLocalBus();
  }
  let app: FastifyInstance | undefined;
  let scheduler: Scheduler | undefined;
  try {
    const first = await ensureFirstAdmin(storage.db, { email: config.adminEmail, password: config.adminPassword, now: now() });
    if (first?.generatedPassword) {
      say(`dabir: first administrator ${first.user.email} created; password (shown once): ${first.generatedPassword}`);
    }
    const synonyms = new SynonymSource();
    const articles: ArticleDeps = {
      db: storage.db,
      bus,
      now,
      siteHost: new URL(publicBaseUrl(config)).host,
      onArticleWritten: searchIndexHook(storage.engine, { now, synonyms }),
    };
    const indexed = await ensureSearchIndex(storage.db, storage.engine, { now: now().getTime(), synonyms: await synonyms.get(storage.db) });
    if (indexed !== null) say(`dabir: built the search index (${indexed} stories)`);
    if (first && config.demo) {
      const n = await loadDemo(articles, first.user);
      if (n > 0) say(`dabir: loaded the demo newsroom (${n} stories); DABIR_DEMO=0 starts empty`);
    }
    if (!config.captcha) say('dabir: WARNING: DABIR_CAPTCHA=off: the comment challenge is disabled (for tests only)');
    const views = new ViewCounter();
    app = await buildApp({
      config,
      storage,
      bus,
      now,
      views,
      logger: options.logger ?? false,
      ...(limiter && { limiter }),
      ...(state && { state }),
      ...(options.commentLimits && { commentLimits: options.commentLimits }),
    });
    const address = await app.listen({ port: config.port, host: config.host });
    const builtApp = app;
    scheduler = startScheduler({ storage, articles, views, ...(sharedViews && { sharedViews }), channelHosts: config.channelHosts, intervalMs: options.schedulerIntervalMs ?? config.tickMs,
      onPublished: (code) => builtApp.log.info({ code }, 'published a scheduled story'),
      onError: (error) => builtApp.log.error({ err: error }, 'scheduler tick failed') });
    const runningScheduler = scheduler;
    let closing: Promise<void> | undefined;
    return {
      app,
      storage,
      bus,
      scheduler,
      url: address,
      close() {
        closing ??= (async () => {
          await runningScheduler.stop();
          await builtApp.close();
          await bus.close();
          await redis?.close();
          await storage.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await scheduler?.stop();
    await app?.close();
    await redis?.close();
    await storage.close();
    throw error;
  }
}
