/**
 * /metrics in Prometheus text format (prom-client): process metrics, request
 * durations by route, and how long public pages take to render when they are
 * not in the page cache. Each app has its own registry, so several apps in one
 * process (tests) do not collide.
 *
 * Who may read /metrics: a client on this machine (loopback) or one of the trusted proxies
 * itself (a Prometheus beside the proxy), judged by the client's address after the proxies'
 * X-Forwarded-For, so readers behind the proxy are not let in; anyone else needs
 * `Authorization: Bearer <DABIR_METRICS_TOKEN>`, and without that setting nobody else gets in.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import proxyaddr from '@fastify/proxy-addr';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry, Summary } from 'prom-client';
import { AppError } from '../errors/index.js';
import { sendJsonError } from './errors.js';

/** The kinds of public page whose renders are timed. */
export type PageKind = 'story' | 'front' | 'service' | 'tag';

/** Where a page's render on a cache miss (its queries, model and template) is reported. */
export interface RenderTimes {
  observe(page: PageKind, seconds: number): void;
}

export interface MetricsAccess {
  /** DABIR_TRUST_PROXY's list (names, addresses, CIDRs). */
  trustProxy: string[];
  /** DABIR_METRICS_TOKEN, when set. */
  token: string | undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Whether the request may read the metrics (see the module's comment). */
export function metricsAllowed(access: MetricsAccess): (request: FastifyRequest) => boolean {
  const near = proxyaddr.compile(['loopback', ...access.trustProxy]);
  const expected = access.token === undefined ? undefined : digest(access.token);
  return (request) => {
    if (near(request.ip, 0)) return true;
    const header = request.headers.authorization;
    if (expected === undefined || !header?.startsWith('Bearer ')) return false;
    // Equal-length digests, so the comparison's time says nothing about the token.
    return timingSafeEqual(digest(header.slice(7).trim()), expected);
  };
}

export function metricsPlugin(app: FastifyInstance, access: MetricsAccess): { registry: Registry; renders: RenderTimes } {
  const allowed = metricsAllowed(access);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'dabir_' });
  const durations = new Histogram({
    name: 'dabir_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    durations.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  const renders = new Summary({
    name: 'dabir_page_render_seconds',
    help: 'Time to make a public page that was not in the page cache (its queries, model and template), by page kind',
    labelNames: ['page'],
    percentiles: [0.5, 0.9, 0.99],
    maxAgeSeconds: 600,
    ageBuckets: 5,
    registers: [registry],
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (!allowed(request)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return sendJsonError(
        reply,
        new AppError('unauthorized', { message: 'سنجه‌ها فقط برای همین ماشین، پراکسی‌های مورد اعتماد یا با توکن DABIR_METRICS_TOKEN باز است.' }),
      );
    }
    reply.header('cache-control', 'no-store');
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return { registry, renders: { observe: (page, seconds) => renders.observe({ page }, seconds) } };
}
