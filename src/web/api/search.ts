/**
 * `GET /api/v1/search` (CONTRACT.md): published stories for a query, best first.
 *
 *   ?q=…            the query (words, "quoted phrases", filters such as service:ict)
 *   &limit=…        results per page, 1–100 (default 10)
 *   &page=…         page, from 1
 *   &service=…      a service slug
 *   &from=…&to=…    Jalali dates (1405-09-01, Persian digits too), `to` inclusive
 *
 * → {"total", "results": [{"code", "title", "url", "snippet"}], "suggestion"?}. The snippet is
 * HTML with the matched words in <mark> and everything else escaped. When the query matched
 * nothing but fewer of its words do, the results are those of that query, named in
 * "suggestion".
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { articlePath } from '../../articles/index.js';
import { AppError } from '../../errors/index.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, searchArticles, type SynonymSource } from '../../search/index.js';
import type { Db, Engine } from '../../storage/index.js';
import { ErrorBody } from './schemas.js';

/** What the search route needs. */
export interface SearchApiDeps {
  db: Db;
  engine: Engine;
  /** The synonym table the index is built with. */
  synonyms: SynonymSource;
  baseUrl: string;
  now: () => Date;
}

export const SearchQuery = Type.Object({
  q: Type.String({ maxLength: 500, default: '', description: 'the query: words, "quoted phrases", filters (service:ict from:1405-09-01 to:1405-09-30)' }),
  limit: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  service: Type.Optional(Type.String({ maxLength: 60, description: 'a service slug' })),
  from: Type.Optional(Type.String({ maxLength: 20, description: 'Jalali date, published on or after (1405-09-01)' })),
  to: Type.Optional(Type.String({ maxLength: 20, description: 'Jalali date, published on or before (1405-09-30)' })),
});

export const SearchAnswer = Type.Object({
  total: Type.Integer({ description: 'stories that match: exact for a few hundred; for more, a one-word query’s exact count, else an estimate' }),
  results: Type.Array(
    Type.Object({
      code: Type.Integer({ description: 'the news code (کد خبر)' }),
      title: Type.String(),
      url: Type.String({ description: 'the story page' }),
      snippet: Type.String({ description: 'HTML: an excerpt with the matched words in <mark>, everything else escaped' }),
    }),
  ),
  suggestion: Type.Optional(Type.String({ description: 'the query whose results these are, when the query as typed matched nothing' })),
});

export function searchRoutes(plain: FastifyInstance, deps: SearchApiDeps): void {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/search',
    {
      config: { access: 'public' },
      schema: {
        tags: ['search'],
        summary: 'Published stories for a query, best first',
        querystring: SearchQuery,
        response: { 200: SearchAnswer, 400: ErrorBody },
      },
    },
    async (request) => {
      const q = request.query;
      const outcome = await searchArticles(deps.db, deps.engine, {
        q: q.q,
        service: q.service,
        from: q.from,
        to: q.to,
        page: q.page,
        limit: q.limit,
        now: deps.now(),
        synonyms: await deps.synonyms.get(deps.db),
      });
      if (Object.keys(outcome.problems).length > 0)
        throw new AppError('validation_failed', { fields: outcome.problems, detail: JSON.stringify(outcome.problems) });
      return {
        total: outcome.total,
        results: outcome.hits.map((hit) => ({ code: hit.code, title: hit.title, url: deps.baseUrl + articlePath(hit.code, hit.slug), snippet: hit.snippet })),
        ...(outcome.suggestion !== undefined && { suggestion: outcome.suggestion }),
      };
    },
  );
}
