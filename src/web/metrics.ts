/**
 * /metrics in Prometheus text format (prom-client): process metrics, request
 * durations by route, and how long public pages take to render when they are
 * not in the page cache. Each app has its own registry, so several apps in one
 * process (tests) do not collide.
 */
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry, Summary } from 'prom-client';

/** The kinds of public page whose renders are timed. */
export type PageKind = 'story' | 'front' | 'service' | 'tag';

/** Where a page's render on a cache miss (its queries, model and template) is reported. */
export interface RenderTimes {
  observe(page: PageKind, seconds: number): void;
}

export function metricsPlugin(app: FastifyInstance): { registry: Registry; renders: RenderTimes } {
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
    durations.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
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
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return { registry, renders: { observe: (page, seconds) => renders.observe({ page }, seconds) } };
}
