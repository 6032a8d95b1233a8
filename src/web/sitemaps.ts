/**
 * Sitemaps (sitemaps.org 0.9) made with the `sitemap` library, and robots.txt
 * that names them:
 *
 * - `/sitemap.xml`: the index of the pages below;
 * - `/sitemaps/pages.xml`: the front page, every service and every tag with a story;
 * - `/sitemaps/articles-{n}.xml`: published stories, oldest first, at most 50,000 a
 *   page (the protocol's limit), with the images of their bodies (image sitemap 1.1);
 * - `/sitemap-news.xml`: the stories of the last 48 hours in the Google News sitemap
 *   format (publication name = the site's name, language `fa`), at most 1,000.
 *
 * Each is cached under the change key `sitemap`, which every story write announces.
 */
import { Readable } from 'node:stream';
import { ErrorLevel, SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import {
  articlePath,
  listServices,
  publishedChanges,
  publishedIdAt,
  publishedTagSlugs,
  recentSitemapStories,
  sitemapStories,
  tagNamesOf,
  type SitemapStory,
} from '../articles/index.js';
import { logged } from './errors.js';
import { serveCached, watchedCache, type CachedRoutesDeps, type Rendered } from './page-cache.js';
import { absolute, bodyImages, SITE_NAME, xmlSafe } from './seo.js';
import { renderNotFoundPage } from './views/index.js';

/** URLs in one sitemap (sitemaps.org: "no more than 50,000 URLs"). */
export const SITEMAP_PAGE_SIZE = 50_000;
/** The news sitemap's window and size (Google News: the last two days, at most 1,000 URLs). */
export const NEWS_WINDOW_MS = 48 * 3600_000;
export const NEWS_LIMIT = 1000;

export interface SitemapsDeps extends CachedRoutesDeps {
  /** URLs per story sitemap (tests make it small). */
  pageSize?: number;
}

const XML = 'application/xml; charset=utf-8';
/** Rows read at a time while writing a story sitemap. */
const BATCH = 1000;

async function toXml(stream: SitemapStream | SitemapIndexStream, items: readonly unknown[]): Promise<string> {
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

function urlset(news: boolean): SitemapStream {
  return new SitemapStream({
    xmlns: { news, image: true, video: false, xhtml: false },
    // Nothing Dabir writes is invalid; anything odd is left to the schema check in the tests.
    level: ErrorLevel.SILENT,
  });
}

function changed(r: { publishedAt: number; updatedAt: number }): number {
  return Math.max(r.updatedAt, r.publishedAt);
}

function storyItem(r: SitemapStory, baseUrl: string): SitemapItemLoose {
  const images = r.body ? bodyImages(r.body, baseUrl).slice(0, 1000) : [];
  return {
    url: absolute(baseUrl, articlePath(r.code, r.slug)),
    lastmod: new Date(changed(r)).toISOString(),
    ...(images.length > 0 && { img: images.map((i) => ({ url: absolute(baseUrl, i.src) })) }),
  };
}

/** What the sitemap routes share. */
interface SitemapsContext {
  deps: SitemapsDeps;
  pageSize: number;
  siteName: string;
  /** The absolute address of a path on the site. */
  site: (path: string) => string;
  notFound: (reply: FastifyReply) => FastifyReply;
  serve: (
    request: Parameters<typeof serveCached>[0]['request'],
    reply: FastifyReply,
    url: string,
    render: () => Promise<Rendered | undefined>,
  ) => ReturnType<typeof serveCached>;
  /** How many story sitemaps there are, and the newest change in each. */
  storyPages: (now: number) => Promise<number[]>;
}

function sitemapsContext(deps: SitemapsDeps): SitemapsContext {
  const cache = deps.cache ?? watchedCache(deps.bus);
  const pageSize = deps.pageSize ?? SITEMAP_PAGE_SIZE;
  const siteName = deps.siteName ?? SITE_NAME;
  const site = (path: string) => absolute(deps.baseUrl, path);

  const notFound = (reply: FastifyReply) => reply.code(404).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderNotFoundPage());

  const serve = (request: Parameters<typeof serveCached>[0]['request'], reply: FastifyReply, url: string, render: () => Promise<Rendered | undefined>) =>
    serveCached({ cache, request, reply, url, type: XML, maxAge: 300 }, render);

  const storyPages = async (now: number): Promise<number[]> => {
    const rows = await publishedChanges(deps.db, now);
    const pages: number[] = [];
    rows.forEach((r, i) => {
      const page = Math.floor(i / pageSize);
      pages[page] = Math.max(pages[page] ?? 0, changed(r));
    });
    return pages;
  };

  return { deps, pageSize, siteName, site, notFound, serve, storyPages };
}

function indexRoute(app: FastifyInstance, { deps, site, serve, storyPages }: SitemapsContext): void {
  app.get('/sitemap.xml', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) =>
    serve(request, reply, '/sitemap.xml', async () => {
      const pages = await storyPages(deps.now().getTime());
      const newest = pages.reduce((a, b) => Math.max(a, b), 0);
      const lastmod = newest ? new Date(newest).toISOString() : undefined;
      const entries = [
        { url: site('/sitemaps/pages.xml'), ...(lastmod && { lastmod }) },
        ...pages.map((changedAt, i) => ({ url: site(`/sitemaps/articles-${i + 1}.xml`), lastmod: new Date(changedAt).toISOString() })),
        { url: site('/sitemap-news.xml'), ...(lastmod && { lastmod }) },
      ];
      return { body: await toXml(new SitemapIndexStream({ level: ErrorLevel.SILENT }), entries), keys: ['sitemap'], ...(newest && { lastModified: newest }) };
    }),
  );
}

/** `/sitemaps/pages.xml`: the front page, the services and the tags with a story. */
async function renderPagesSitemap({ deps, pageSize, site }: SitemapsContext, now: number): Promise<Rendered> {
  const services = await listServices(deps.db);
  const tags = await publishedTagSlugs(deps.db, { now, limit: pageSize - services.length - 1 });
  const items: SitemapItemLoose[] = [
    { url: site('/') },
    ...services.map((s) => ({ url: site(`/service/${encodeURIComponent(s.slug)}`) })),
    ...tags.map((slug) => ({ url: site(`/tag/${encodeURIComponent(slug)}`) })),
  ];
  return { body: await toXml(urlset(false), items), keys: ['sitemap'] };
}

/** `/sitemaps/articles-{page}.xml`, or undefined past the last story. */
async function renderStorySitemap({ deps, pageSize }: SitemapsContext, now: number, page: number): Promise<Rendered | undefined> {
  const first = await publishedIdAt(deps.db, { now, offset: (page - 1) * pageSize });
  if (first === undefined) return undefined;
  const items: SitemapItemLoose[] = [];
  let newest = 0;
  let after = first - 1;
  while (items.length < pageSize) {
    const rows = await sitemapStories(deps.db, { now, afterId: after, limit: Math.min(BATCH, pageSize - items.length) });
    for (const r of rows) {
      items.push(storyItem(r, deps.baseUrl));
      newest = Math.max(newest, changed(r));
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.id;
  }
  return { body: await toXml(urlset(false), items), keys: ['sitemap'], lastModified: newest };
}

function pagesRoute(app: FastifyInstance, ctx: SitemapsContext): void {
  const { deps, notFound, serve } = ctx;
  app.get<{ Params: { file: string } }>('/sitemaps/:file', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const file = request.params.file;
    const now = deps.now().getTime();
    if (file === 'pages.xml') {
      return serve(request, reply, '/sitemaps/pages.xml', () => renderPagesSitemap(ctx, now));
    }
    const match = /^articles-([1-9][0-9]{0,5})\.xml$/.exec(file);
    if (!match) return notFound(reply);
    const page = Number(match[1]);
    const served = await serve(request, reply, `/sitemaps/${file}`, () => renderStorySitemap(ctx, now, page));
    return served ?? notFound(reply);
  });
}

function newsRoute(app: FastifyInstance, { deps, siteName, serve }: SitemapsContext): void {
  app.get('/sitemap-news.xml', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) =>
    serve(request, reply, '/sitemap-news.xml', async () => {
      const now = deps.now().getTime();
      const rows = await recentSitemapStories(deps.db, { now, since: now - NEWS_WINDOW_MS, limit: NEWS_LIMIT });
      const tags = await tagNamesOf(
        deps.db,
        rows.map((r) => r.id),
      );
      const items: SitemapItemLoose[] = rows.map((r) => {
        const keywords = (tags.get(r.id) ?? []).map((name) => xmlSafe(name).replace(/,/g, ' '));
        return {
          ...storyItem(r, deps.baseUrl),
          news: {
            publication: { name: xmlSafe(siteName), language: 'fa' },
            publication_date: new Date(r.publishedAt).toISOString(),
            title: xmlSafe(r.title),
            ...(keywords.length > 0 && { keywords: keywords.join(', ') }),
          },
        };
      });
      const newest = rows.reduce((a, r) => Math.max(a, changed(r)), 0);
      return { body: await toXml(urlset(true), items), keys: ['sitemap'], ...(newest && { lastModified: newest }) };
    }),
  );
}

function robotsRoute(app: FastifyInstance, { site }: SitemapsContext): void {
  app.get('/robots.txt', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        [
          '# Dabir: every public page may be crawled; the newsroom, the API and search results are not for indexing.',
          'User-agent: *',
          'Disallow: /newsroom',
          'Disallow: /api/',
          'Disallow: /search',
          '',
          `Sitemap: ${site('/sitemap.xml')}`,
          `Sitemap: ${site('/sitemap-news.xml')}`,
          '',
        ].join('\n'),
      ),
  );
}

export function sitemapsPlugin(deps: SitemapsDeps): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const ctx = sitemapsContext(deps);
    app.setErrorHandler(async (error, request, reply) => {
      const appError = logged(error, request);
      return reply.code(appError.status).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(appError.publicMessage);
    });
    indexRoute(app, ctx);
    pagesRoute(app, ctx);
    newsRoute(app, ctx);
    robotsRoute(app, ctx);
  };
}
