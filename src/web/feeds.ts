/**
 * The site's feeds (CONTRACT.md): `/rss.xml` (RSS 2.0), `/atom.xml` (Atom 1.0),
 * `/feed.json` (JSON Feed 1.1) and `/service/{slug}/rss.xml`, made with the `feed`
 * library. Each is rendered once and kept in a page cache under the change keys
 * `feeds` (and `service:{slug}`), so publishing or editing a story drops it on
 * every instance; clients revalidate with ETag or Last-Modified and get 304.
 *
 * Entries carry the lead as their summary; with the setting `feeds.content` = `full`
 * (settings table; `PUT /api/v1/settings/feeds`) they carry the whole story too.
 */
import { Feed, type Item } from 'feed';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { articlePath, findServiceBySlug, latestPublished, readFeedContent, type Article, type FeedContent } from '../articles/index.js';
import { escapeHtml } from '../html/index.js';
import { logged } from './errors.js';
import { serveCached, watchedCache, type CachedRoutesDeps } from './page-cache.js';
import { absolute, absolutizeHtml, imageType, leadImage, SITE_DESCRIPTION, SITE_LOGO, SITE_NAME, xmlSafe } from './seo.js';
import { renderNotFoundPage } from './views/index.js';

/** What a feed entry carries: a setting kept by the article store (the API reads and writes it here). */
export { FEED_CONTENT_SETTING, readFeedContent, writeFeedContent, type FeedContent } from '../articles/index.js';

export interface FeedsDeps extends CachedRoutesDeps {
  /** Entries per feed. */
  limit?: number;
}

type Format = 'rss' | 'atom' | 'json';

const TYPES: Record<Format, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** The instant a story last changed, as feeds count it. */
function changedAt(a: Article): number {
  return Math.max(a.updatedAt.getTime(), a.publishedAt?.getTime() ?? 0);
}

interface FeedScope {
  title: string;
  description: string;
  /** The HTML page the feed follows. */
  link: string;
  /** Absolute addresses of this feed in each format it has. */
  self: Partial<Record<Format, string>>;
}

/** One feed document in one format (pure but for the library). */
export function renderFeed(opts: {
  format: Format;
  scope: FeedScope;
  stories: readonly Article[];
  content: FeedContent;
  baseUrl: string;
  siteName: string;
  /** The time to give an empty feed. */
  now: number;
}): { body: string; lastModified: number } {
  const { format, scope, stories, baseUrl } = opts;
  const lastModified = stories.reduce((max, a) => Math.max(max, changedAt(a)), 0) || opts.now;
  const feed = new Feed({
    id: scope.link,
    title: xmlSafe(scope.title),
    description: xmlSafe(scope.description),
    link: scope.link,
    language: 'fa',
    // The newest change, not the time of rendering: the same stories give the same bytes.
    updated: new Date(lastModified),
    // Atom requires an author for the feed when an entry may have none (RFC 4287 §4.1.1).
    author: { name: xmlSafe(opts.siteName), link: absolute(baseUrl, '/') },
    generator: 'Dabir',
    image: absolute(baseUrl, SITE_LOGO.src),
    favicon: absolute(baseUrl, '/static/logo.svg'),
    copyright: `© ${xmlSafe(opts.siteName)}`,
    feedLinks: scope.self,
  });
  for (const a of stories) {
    const title = xmlSafe(a.title);
    const lead = xmlSafe(a.lead);
    const image = leadImage(a.body, baseUrl);
    const body = absolutizeHtml(xmlSafe(a.body), baseUrl);
    const categories = [
      ...(a.service ? [{ name: a.service.name, term: a.service.slug, path: `/service/${encodeURIComponent(a.service.slug)}` }] : []),
      ...a.tags.map((t) => ({ name: t.name, term: t.slug, path: `/tag/${encodeURIComponent(t.slug)}` })),
    ];
    const item: Item = {
      // Atom's title is `type="html"`: text there must be escaped; RSS and JSON carry it as text.
      title: format === 'atom' ? escapeHtml(title) : title,
      id: `${baseUrl}/news/${a.code}`,
      link: absolute(baseUrl, articlePath(a.code, a.slug)),
      date: new Date(changedAt(a)),
      published: a.publishedAt ?? a.createdAt,
      ...(lead && { description: escapeHtml(lead) }),
      ...(opts.content === 'full' && { content: `${lead ? `<p>${escapeHtml(lead)}</p>\n` : ''}${body}` }),
      // RSS's own <author> wants an email address; RSS gets dc:creator instead (below).
      ...(a.author && format !== 'rss' && { author: [{ name: xmlSafe(a.author.name) }] }),
      ...(a.author && format === 'rss' && { extensions: [{ name: 'dc:creator', objects: xmlSafe(a.author.name) as unknown as Record<string, unknown> }] }),
      category: categories.map((c) => ({
        // An attribute value (Atom's label) may not hold '<' (XML 1.0 §3.1); the library escapes '&' only.
        name: xmlSafe(format === 'atom' ? c.name.replace(/[<>]/g, '') : c.name),
        term: xmlSafe(c.term),
        domain: absolute(baseUrl, c.path),
        scheme: absolute(baseUrl, c.path),
      })),
      ...(image && {
        enclosure: { url: absolute(baseUrl, image.src), type: imageType(image.src), length: 0, ...(image.alt && { title: xmlSafe(image.alt) }) },
      }),
    };
    feed.addItem(item);
  }
  if (format === 'rss') {
    let xml = feed.rss2();
    // dc:creator needs its namespace, which the library declares only when entries carry full text.
    if (!xml.includes('xmlns:dc=')) xml = xml.replace('<rss version="2.0"', '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"');
    return { body: xml, lastModified };
  }
  if (format === 'atom') {
    // The library names an image's type after its extension (image/jpg); use the registered type.
    const atom = feed
      .atom1()
      .replace(/<link rel="enclosure" href="([^"]+)"[^>]*>/g, (tag, href: string) => tag.replace(/ type="[^"]*"/, ` type="${imageType(href)}"`));
    return { body: atom, lastModified };
  }
  return { body: jsonFeed11(feed.json1(), stories, opts), lastModified };
}

/**
 * The library writes JSON Feed 1; this makes it 1.1 (https://www.jsonfeed.org/version/1.1/):
 * the version, the feed's language, `authors` instead of `author`, the lead as `summary`
 * (plain text) and the lead image as `image`.
 */
function jsonFeed11(json: string, stories: readonly Article[], opts: { baseUrl: string; content: FeedContent }): string {
  const feed = JSON.parse(json) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
  feed.version = 'https://jsonfeed.org/version/1.1';
  feed.language = 'fa';
  if (feed.author) {
    feed.authors = [feed.author];
    delete feed.author;
  }
  feed.items = feed.items.map((item, i) => {
    const a = stories[i]!;
    const { author, ...rest } = item;
    const image = leadImage(a.body, opts.baseUrl);
    return {
      ...rest,
      ...(author ? { authors: [author] } : {}),
      ...(a.lead && { summary: a.lead }),
      ...(!rest.content_html && { content_text: a.lead || a.title }),
      ...(image && { image: absolute(opts.baseUrl, image.src) }),
    };
  });
  return `${JSON.stringify(feed, null, 2)}\n`;
}

export function feedsPlugin(deps: FeedsDeps): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const cache = deps.cache ?? watchedCache(deps.bus);
    const siteName = deps.siteName ?? SITE_NAME;
    const limit = deps.limit ?? 30;
    const site = (path: string) => absolute(deps.baseUrl, path);

    app.setErrorHandler(async (error, request, reply) => {
      const appError = logged(error, request);
      return reply.code(appError.status).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(appError.publicMessage);
    });

    const notFound = (reply: FastifyReply) => reply.code(404).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderNotFoundPage());

    /** The newest stories (of a service) as a feed in `format`. */
    const feed = async (format: Format, filter: { serviceId?: number }, scope: Parameters<typeof renderFeed>[0]['scope']) => {
      const now = deps.now().getTime();
      const stories = await latestPublished(deps.db, { now, limit, ...filter });
      return renderFeed({ format, stories, content: await readFeedContent(deps.db), baseUrl: deps.baseUrl, siteName, now, scope });
    };

    const whole = (format: Format, path: string) =>
      app.get(path, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) =>
        serveCached({ cache, request, reply, url: path, type: TYPES[format], maxAge: 300 }, async () => {
          const rendered = await feed(
            format,
            {},
            {
              title: siteName,
              description: SITE_DESCRIPTION,
              link: site('/'),
              self: { rss: site('/rss.xml'), atom: site('/atom.xml'), json: site('/feed.json') },
            },
          );
          return { ...rendered, keys: ['feeds'] };
        }),
      );
    whole('rss', '/rss.xml');
    whole('atom', '/atom.xml');
    whole('json', '/feed.json');

    app.get<{ Params: { slug: string } }>('/service/:slug/rss.xml', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const slug = request.params.slug;
      const path = `/service/${encodeURIComponent(slug)}/rss.xml`;
      const served = await serveCached({ cache, request, reply, url: path, type: TYPES.rss, maxAge: 300 }, async () => {
        const service = await findServiceBySlug(deps.db, slug);
        if (!service) return undefined;
        const rendered = await feed(
          'rss',
          { serviceId: service.id },
          {
            title: `${service.name} | ${siteName}`,
            description: `خبرهای سرویس ${service.name} در ${siteName}`,
            link: site(`/service/${encodeURIComponent(slug)}`),
            self: { rss: site(path) },
          },
        );
        return { ...rendered, keys: ['feeds', `service:${service.slug}`] };
      });
      return served ?? notFound(reply);
    });
  };
}
