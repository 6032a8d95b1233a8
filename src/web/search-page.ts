/**
 * The search page, `/search?q=…&page=…` (CONTRACT.md): Persian, paginated, with a
 * suggestion when the query as typed found nothing. Results depend on the query, so the page
 * is not kept in the page cache; it is cheap to make (one search, one page of stories).
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { articlePath } from '../articles/index.js';
import type { ChangeBus } from '../events/index.js';
import { toLatinDigits } from '../persian/index.js';
import { DEFAULT_PAGE_SIZE, searchArticles, type SynonymSource } from '../search/index.js';
import type { Db, Engine } from '../storage/index.js';
import { htmlErrorHandler, siteModel } from './site.js';
import { renderSearchPage, type Pagination, type SearchPage } from './views/index.js';

export interface SearchPageDeps {
  db: Db;
  engine: Engine;
  /** The synonym table the index is built with. */
  synonyms: SynonymSource;
  bus: ChangeBus;
  baseUrl: string;
  now: () => Date;
  /** Site name shown in the header; «دبیر» by default. */
  siteName?: string;
}

const HTML = 'text/html; charset=utf-8';
/** Longest query read; the rest is cut off. */
const MAX_QUERY = 500;
/** Pages of results offered at most. */
const MAX_PAGE = 1000;

/** `?page=` in Latin or Persian digits; anything else is page 1. */
function pageOf(raw: unknown): number {
  const n = typeof raw === 'string' ? Number(toLatinDigits(raw)) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= MAX_PAGE ? n : 1;
}

function pagination(query: string, page: number, pages: number): Pagination | undefined {
  if (pages <= 1) return undefined;
  const at = (p: number) => `/search?q=${encodeURIComponent(query)}${p === 1 ? '' : `&page=${p}`}`;
  return {
    page,
    totalPages: pages,
    ...(page > 1 && { prevUrl: at(Math.min(page - 1, pages)) }),
    ...(page < pages && { nextUrl: at(page + 1) }),
  };
}

export function searchPagePlugin(deps: SearchPageDeps): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const site = siteModel(deps);
    app.setErrorHandler(htmlErrorHandler(site));

    app.get('/search', { config: { access: 'public' }, schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const params = request.query as { q?: unknown; page?: unknown };
      const query = (typeof params.q === 'string' ? params.q : '').slice(0, MAX_QUERY);
      const page = pageOf(params.page);
      const model: SearchPage = { site: await site(), query, results: [], total: 0 };
      if (query.trim() !== '') {
        // A filter the page cannot read (a date that does not exist) is searched as if absent.
        const outcome = await searchArticles(deps.db, deps.engine, {
          q: query,
          page,
          limit: DEFAULT_PAGE_SIZE,
          now: deps.now(),
          synonyms: await deps.synonyms.get(deps.db),
          lenient: true,
        });
        model.total = outcome.total;
        model.results = outcome.hits.map((hit) => ({
          title: hit.title,
          url: articlePath(hit.code, hit.slug),
          snippetHtml: hit.snippet,
          publishedAt: hit.publishedAt,
          ...(hit.service && { service: hit.service }),
        }));
        const pages = pagination(query, Math.min(page, Math.max(1, outcome.pages)), outcome.pages);
        if (pages) model.pagination = pages;
        if (outcome.suggestion !== undefined) model.suggestion = outcome.suggestion;
      }
      return reply.type(HTML).header('cache-control', 'no-store').send(renderSearchPage(model));
    });
  };
}
