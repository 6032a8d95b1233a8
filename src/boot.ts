/**
 * The one builder: the typed services of an instance, made once at the edge
 * and handed to whoever needs them (the web app, the scheduler, every CLI
 * command). Building them is where the I/O of setting up happens (secrets,
 * the moderator's lexicon and model, Redis); building the app from them does
 * none, and background work (the channel outbox, the scheduler) is started
 * here, not by a route plugin.
 *
 * - `buildServices` makes the services over a storage and a bus that are
 *   already open (tests give their own);
 * - `bootInstance` opens storage and Redis from the config, does the first
 *   start (first administrator, search index, demo) and builds the services;
 * - `startBackground` starts the outbox watcher and the scheduler.
 */
import { ViewCounter, type ArticleDeps } from './articles/index.js';
import { Lockout } from './auth/index.js';
import { watchOutbox } from './channels/index.js';
import { createChallengeService, createLocalRateLimiter, DEFAULT_LIMITS, Moderator, type CommentDeps, type Limit, type RateLimiter } from './comments/index.js';
import { publicBaseUrl, type Config } from './config.js';
import { changeKeys, createLocalBus, type ChangeBus } from './events/index.js';
import { startScheduler, type Scheduler, type SharedViews } from './jobs/index.js';
import type { RedisLink } from './redis/index.js';
import { ensureSearchIndex, searchIndexHook, SynonymSource } from './search/index.js';
import { ensureFirstAdmin, loadDemo } from './setup/index.js';
import { databaseState, openStorage, siteSecret, type SharedState, type Storage } from './storage/index.js';
import type { AppServices } from './web/app.js';

/**
 * Everything an instance is made of, built once: what the web app needs (`AppServices`: the
 * storage, the bus, the article, comment and search services, the moderator, the challenge,
 * the one sign-in lockout, the view counter), and what the background work needs besides.
 */
export interface Services extends AppServices {
  /** State every instance sees alike: Redis, or the database. */
  state: SharedState;
  /** Views shared through Redis between instances, when there is a Redis. */
  sharedViews?: SharedViews | undefined;
}

export interface ServicesInput {
  config: Config;
  storage: Storage;
  bus: ChangeBus;
  now?: () => Date;
  /** Shared state; the database's by default. */
  state?: SharedState | undefined;
  /** Comment rate limiter; this process's by default (Redis across instances). */
  limiter?: RateLimiter | undefined;
  /** Comment rate limits (load tests raise them). */
  commentLimits?: { perClient: Limit[]; perEmail: Limit[] } | undefined;
  sharedViews?: SharedViews | undefined;
  /** Told of background failures (a lexicon reload that failed). */
  onError?: (error: unknown, what: string) => void;
}

/** Builds the services over an open storage and bus: reads the site's secrets, loads the moderator. */
export async function buildServices(input: ServicesInput): Promise<Services> {
  const { config, storage, bus } = input;
  const now = input.now ?? (() => new Date());
  const baseUrl = publicBaseUrl(config);
  const synonyms = new SynonymSource();
  const articles: ArticleDeps = {
    db: storage.db,
    bus,
    now,
    siteHost: new URL(baseUrl).host,
    onArticleWritten: searchIndexHook(storage.engine, { now, synonyms }),
  };
  const moderator = new Moderator();
  await moderator.load(storage.db);
  // Every instance applies the lexicon's changes and learns from every decision, whoever made it.
  bus.subscribe((keys) => {
    for (const key of keys) {
      if (key === changeKeys.lexicon) void moderator.reloadLexicon(storage.db).catch((error: unknown) => input.onError?.(error, 'lexicon reload failed'));
      const decided = changeKeys.decisionOf(key);
      if (decided !== undefined) void moderator.learnFrom(storage.db, decided).catch(() => undefined);
    }
  });
  const state = input.state ?? databaseState(storage.db);
  const comments: CommentDeps = {
    db: storage.db,
    bus,
    now,
    mode: config.moderation,
    moderator,
    limiter: input.limiter ?? createLocalRateLimiter(),
    limits: input.commentLimits ?? DEFAULT_LIMITS,
    clientKey: await siteSecret(storage.db, 'client'),
    trustAfter: 3,
  };
  return {
    config,
    storage,
    bus,
    now,
    baseUrl,
    state,
    synonyms,
    articles,
    comments,
    moderator,
    challenge: createChallengeService(await siteSecret(storage.db, 'altcha'), { state }),
    lockout: new Lockout(state),
    views: new ViewCounter(),
    sharedViews: input.sharedViews,
  };
}

/** A whole instance's services with what holds them open. */
export interface Instance extends Services {
  /** Closes the bus, Redis and storage (after the app and the background work have stopped). */
  close(): Promise<void>;
}

export interface BootOptions {
  config: Config;
  now?: () => Date;
  /** Prints a line for the operator (the generated password, warnings). */
  say?: (line: string) => void;
  commentLimits?: ServicesInput['commentLimits'];
}

/**
 * Opens storage (and Redis, when configured) from the config, does the first start (the first
 * administrator, the search index, the demo newsroom on an empty site) and builds the services.
 */
export async function bootInstance(options: BootOptions): Promise<Instance> {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, sqliteMaxPages: config.sqliteMaxPages });
  let redis: RedisLink | undefined;
  try {
    // Several instances share invalidation, limits, views and state through Redis when it is configured.
    let shared: Pick<ServicesInput, 'limiter' | 'state' | 'sharedViews'> & { bus: ChangeBus } = { bus: createLocalBus() };
    if (config.redisUrl) {
      // ioredis is loaded only when there is a Redis to talk to.
      const { createRedisBus, createRedisRateLimiter, createRedisState, drainViews, openRedis, pushViews } = await import('./redis/index.js');
      const link = openRedis(config.redisUrl, { warn: (m) => say(`dabir: WARNING: ${m}`), info: (m) => say(`dabir: ${m}`) });
      redis = link;
      shared = {
        bus: createRedisBus(link),
        limiter: createRedisRateLimiter(link, createLocalRateLimiter()),
        state: createRedisState(link, databaseState(storage.db)),
        sharedViews: { available: () => link.up(), push: (counts) => pushViews(link, counts), take: () => drainViews(link) },
      };
    }
    const first = await ensureFirstAdmin(storage.db, { email: config.adminEmail, password: config.adminPassword, now: now() });
    if (first?.generatedPassword) say(`dabir: first administrator ${first.user.email} created; password (shown once): ${first.generatedPassword}`);
    const services = await buildServices({
      config,
      storage,
      now,
      ...shared,
      commentLimits: options.commentLimits,
      onError: (_error, what) => say(`dabir: ${what}`),
    });
    const indexed = await ensureSearchIndex(storage.db, storage.engine, { now: now().getTime(), synonyms: await services.synonyms.get(storage.db) });
    if (indexed !== null) say(`dabir: built the search index (${indexed} stories)`);
    if (first && config.demo) {
      const n = await loadDemo(services.articles, first.user, services.comments);
      if (n > 0) say(`dabir: loaded the demo newsroom (${n} stories); DABIR_DEMO=0 starts empty`);
    }
    if (!config.captcha) say('dabir: WARNING: DABIR_CAPTCHA=off: the comment challenge is disabled (for tests only)');
    const link = redis;
    return {
      ...services,
      async close() {
        await services.bus.close();
        await link?.close();
        await storage.close();
      },
    };
  } catch (error) {
    await redis?.close();
    await storage.close();
    throw error;
  }
}

/**
 * Stories reach the messenger channels moments after they are published: the outbox listens
 * to the change bus (the scheduler retries what failed). Returns how to stop listening.
 */
export function watchChannels(services: Pick<Services, 'storage' | 'bus' | 'now' | 'baseUrl' | 'config'>, log: Log): { stop(): void } {
  const { storage, bus, now, baseUrl, config } = services;
  return watchOutbox({
    db: storage.db,
    engine: storage.engine,
    bus,
    now,
    baseUrl,
    channelHosts: config.channelHosts,
    onError: (error) => log.error({ err: error }, 'channel delivery failed'),
  });
}

/** Where background work reports. */
export interface Log {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** The background work of an instance, and how to stop it. */
export interface Background {
  scheduler: Scheduler;
  stop(): Promise<void>;
}

/**
 * Starts the channel outbox watcher and the scheduler (scheduled publishing, view counts,
 * delivery retries), on one instance at a time for the scheduler's turns (jobs/).
 */
export function startBackground(services: Services, log: Log, options: { intervalMs?: number } = {}): Background {
  const outbox = watchChannels(services, log);
  const scheduler = startScheduler({
    storage: services.storage,
    articles: services.articles,
    views: services.views,
    ...(services.sharedViews && { sharedViews: services.sharedViews }),
    intervalMs: options.intervalMs ?? services.config.tickMs,
    channelHosts: services.config.channelHosts,
    onPublished: (code) => log.info({ code }, 'published a scheduled story'),
    onError: (error) => log.error({ err: error }, 'scheduler tick failed'),
  });
  return {
    scheduler,
    async stop() {
      outbox.stop();
      await scheduler.stop();
    },
  };
}
