/**
 * buildApp(services) assembles the Fastify instance from the instance's
 * services (built once by src/boot.ts) and returns it without listening
 * (STYLE.md 3). It does no I/O and starts no background work. Infrastructure
 * is set up once here; each surface (public pages, /api/v1, /newsroom) is an
 * encapsulated plugin with its own hooks and error handler.
 */
import { join } from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import type { ArticleDeps, ViewCounter } from '../articles/index.js';
import type { Lockout } from '../auth/index.js';
import type { ChallengeService, CommentDeps, Moderator } from '../comments/index.js';
import type { Config } from '../config.js';
import type { ChangeBus } from '../events/index.js';
import type { SynonymSource } from '../search/index.js';
import type { Storage } from '../storage/index.js';
import { requireDeclaredAccess } from './access.js';
import { apiPlugin } from './api/index.js';
import { assetsPlugin } from './assets.js';
import { feedsPlugin } from './feeds.js';
import { logoPlugin } from './logo.js';
import { mediaPlugin } from './media.js';
import { metricsPlugin, type RenderTimes } from './metrics.js';
import { newsroomAssets, newsroomPlugin } from './newsroom/index.js';
import { watchedCache } from './page-cache.js';
import { pagesPlugin } from './pages.js';
import { sitemapsPlugin } from './sitemaps.js';
import { searchPagePlugin } from './search-page.js';
import { securityHeaders } from './security.js';

/** The services the app is built over (src/boot.ts makes them; this is the part the web needs). */
export interface AppServices {
  config: Config;
  storage: Storage;
  bus: ChangeBus;
  now: () => Date;
  /** Absolute base of every public link. */
  baseUrl: string;
  articles: ArticleDeps;
  comments: CommentDeps;
  moderator: Moderator;
  challenge: ChallengeService;
  lockout: Lockout;
  synonyms: SynonymSource;
  views: ViewCounter;
}

/** What building the app takes besides the instance's services. */
export interface AppOptions {
  /** Also told of every page render on a cache miss (benchmarks); /metrics has them either way. */
  renders?: RenderTimes;
  /** Fastify logger options (a stream for tests that read the log); false in tests. */
  logger?: LoggerSetting;
}

export type LoggerSetting = boolean | { level: string; stream?: { write(line: string): void } };

/**
 * The log never names a reader: a request is logged as its method, path and id, without
 * the client's address, headers (cookies, the session) or query string (which may carry an
 * email or a search). Errors and refusals are still logged, with the request's id.
 */
function loggerOptions(setting: LoggerSetting | undefined) {
  if (!setting) return false;
  const base = setting === true ? { level: 'info' } : setting;
  return {
    ...base,
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** Builds the app over the instance's services; does no I/O and starts nothing. */
export async function buildApp(deps: AppServices, options: AppOptions = {}): Promise<FastifyInstance> {
  const { baseUrl, articles, comments, moderator, challenge, lockout, synonyms } = deps;
  const trustProxy = deps.config.trustProxy
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const app = Fastify({
    logger: loggerOptions(options.logger),
    // Per-request access lines are the proxy's job; they would also carry readers' addresses.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  });
  requireDeclaredAccess(app);
  securityHeaders(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Dabir API', version: '1', description: 'The JSON API of Dabir, a Persian-first newsroom.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  app.get('/api/docs/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const metrics = metricsPlugin(app, { trustProxy, token: deps.config.metricsToken });
  const extra = options.renders;
  const renders: RenderTimes = extra
    ? {
        observe: (page, seconds) => {
          metrics.renders.observe(page, seconds);
          extra.observe(page, seconds);
        },
      }
    : metrics.renders;
  assetsPlugin(app);
  mediaPlugin(app, deps.config.dataDir);
  logoPlugin(app);

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await deps.storage.engine.ping(deps.storage.db);
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  const search = { engine: deps.storage.engine, synonyms };
  await app.register(
    apiPlugin({
      db: deps.storage.db,
      articles,
      comments: { comments, moderator, challenge, captcha: deps.config.captcha },
      search,
      baseUrl,
      now: deps.now,
      lockout,
      channelHosts: deps.config.channelHosts,
    }),
    {
      prefix: '/api/v1',
    },
  );
  // One byte budget for every cached public page: pages, feeds and sitemaps.
  const cache = watchedCache(deps.bus, { maxBytes: deps.config.pageCacheMb * 1024 * 1024 });
  await app.register(feedsPlugin({ db: deps.storage.db, bus: deps.bus, cache, baseUrl, now: deps.now }));
  await app.register(sitemapsPlugin({ db: deps.storage.db, bus: deps.bus, cache, baseUrl, now: deps.now }));
  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 64 * 1024 });
    await scope.register(
      pagesPlugin({
        db: deps.storage.db,
        bus: deps.bus,
        cache,
        renders,
        baseUrl,
        now: deps.now,
        views: deps.views,
        comments,
        challenge,
        captcha: deps.config.captcha,
      }),
    );
    await scope.register(searchPagePlugin({ db: deps.storage.db, bus: deps.bus, baseUrl, now: deps.now, ...search }));
  });
  // The newsroom: its own plugin (sessions, CSRF, forms, uploads into DABIR_DATA/media, served by mediaPlugin).
  const mediaDir = join(deps.config.dataDir, 'media');
  const newsroomFiles = newsroomAssets(app);
  await app.register(
    newsroomPlugin({ db: deps.storage.db, articles, comments, lockout, bus: deps.bus, now: deps.now, baseUrl, mediaDir, assets: newsroomFiles }),
    { prefix: '/newsroom' },
  );
  return app;
}
