/**
 * JSON shapes of /api/v1. Response schemas are allowlists: only the fields
 * named here can ever reach a client (STYLE.md 10).
 */
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { NEWS_CODE_MAX, NEWS_CODE_MIN } from '../../articles/index.js';
import { AppError } from '../../errors/index.js';

/** A news code in a schema: the one range of src/articles (NEWS_CODE_MIN..NEWS_CODE_MAX). */
export const NewsCode = (description?: string) =>
  Type.Integer({
    minimum: NEWS_CODE_MIN,
    maximum: NEWS_CODE_MAX,
    description: `${description ? `${description}; ` : ''}a whole number from ${NEWS_CODE_MIN} to ${NEWS_CODE_MAX}`,
  });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Optional(Type.Record(Type.String(), Type.String())),
    }),
  },
  { $id: 'Error' },
);

const Named = Type.Object({ slug: Type.String(), name: Type.String() });

export const ArticleStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('review'),
  Type.Literal('scheduled'),
  Type.Literal('published'),
  Type.Literal('unpublished'),
]);

export const ArticleJson = Type.Object({
  code: Type.Integer({ description: 'the news code (کد خبر)' }),
  url: Type.String({ description: 'the canonical address of the story page' }),
  shortUrl: Type.String({ description: 'the short link /news/{code}' }),
  slug: Type.String(),
  kicker: Type.String(),
  title: Type.String(),
  lead: Type.String(),
  body: Type.String({ description: 'sanitized HTML' }),
  source: Type.String(),
  service: Type.Union([Named, Type.Null()]),
  tags: Type.Array(Named),
  author: Type.Union([Type.Object({ name: Type.String() }), Type.Null()]),
  status: ArticleStatus,
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  commentsOpen: Type.Boolean(),
});
export type ArticleJson = Static<typeof ArticleJson>;

/**
 * The answer to a write (create, change). A caller who may read the story gets all
 * of ArticleJson; one who may not (a token without the `read` scope, on a story that
 * is not public) gets only code, url, shortUrl and status: a write never shows more
 * than the read rule (src/articles/access.ts) allows.
 */
const { code: writtenCode, url: writtenUrl, shortUrl: writtenShortUrl, status: writtenStatus, ...readable } = ArticleJson.properties;
export const ArticleWriteJson = Type.Object({
  code: writtenCode,
  url: writtenUrl,
  shortUrl: writtenShortUrl,
  status: writtenStatus,
  ...Type.Partial(Type.Object(readable)).properties,
});
export type ArticleWriteJson = Static<typeof ArticleWriteJson>;

const writable = {
  kicker: Type.Optional(Type.String({ description: 'روتیتر' })),
  lead: Type.Optional(Type.String({ description: 'لید' })),
  source: Type.Optional(Type.String({ description: 'منبع' })),
  tags: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
  code: Type.Optional(NewsCode('an explicit news code (imports); 409 when taken; never moves the sequence of new codes')),
  status: Type.Optional(ArticleStatus),
  commentsOpen: Type.Optional(Type.Boolean()),
};

export const CreateArticleBody = Type.Object({
  title: Type.String({ minLength: 1, description: 'تیتر' }),
  body: Type.String({ description: 'HTML; sanitized on write' }),
  service: Type.Optional(Type.String({ description: 'a service slug (or a Persian name)' })),
  publishedAt: Type.Optional(Type.String({ description: 'ISO 8601' })),
  ...writable,
});

export const UpdateArticleBody = Type.Partial(
  Type.Object({
    title: Type.String({ minLength: 1 }),
    body: Type.String(),
    service: Type.Union([Type.String(), Type.Null()]),
    publishedAt: Type.Union([Type.String(), Type.Null()]),
    kicker: Type.String(),
    lead: Type.String(),
    source: Type.String(),
    tags: Type.Array(Type.String(), { maxItems: 100 }),
    code: NewsCode('cannot change after creation'),
    status: ArticleStatus,
    commentsOpen: Type.Boolean(),
  }),
);

export const ListArticlesQuery = Type.Object({
  status: Type.Optional(ArticleStatus),
  service: Type.Optional(Type.String()),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'page size; above 100 counts as 100' }),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const ArticleList = Type.Object({
  items: Type.Array(ArticleJson),
  next: Type.Union([Type.String(), Type.Null()], { description: 'cursor for the next page, or null' }),
});

export const CodeParams = Type.Object({ code: NewsCode('the news code') });

const ScopeName = Type.Union([Type.Literal('read'), Type.Literal('articles:write'), Type.Literal('comments:moderate'), Type.Literal('admin')], {
  description:
    'read: drafts and unpublished stories; articles:write: write, edit and publish; comments:moderate: the queue, decisions and lexicons; admin: channels and settings',
});

export const TokenBody = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 320 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  scopes: Type.Optional(Type.Array(ScopeName, { maxItems: 8, description: 'what the token may do; default: all the role allows' })),
  label: Type.Optional(Type.String({ maxLength: 100, description: "a name for the token in its owner's list" })),
});
export const TokenAnswer = Type.Object({ token: Type.String(), scopes: Type.Optional(Type.Array(Type.String())) });

/** One of the caller's tokens: never the secret or its hash. */
export const TokenInfoJson = Type.Object({
  id: Type.Integer(),
  label: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean({ description: 'the token this request was made with' }),
});
export const TokenList = Type.Object({ items: Type.Array(TokenInfoJson) });
export const RevokedAnswer = Type.Object({ revoked: Type.Integer() });
export const TokenIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** Query parameters clamped to their maximum instead of refused: page sizes and page numbers. */
const CLAMPED = new Set(['limit', 'page']);

type NumberSchema = { type?: unknown; maximum?: unknown };

/**
 * Every API route's numeric query parameters and path parameters, before the schema
 * sees them (an API-wide preValidation hook). The schema's integer coercion would take
 * `Infinity`, `1e309`, `1e3` or `0x10` for numbers; here an integer is written in
 * decimal digits only (a leading minus for the schema to refuse), else 400. A page
 * size or page number above its schema maximum is clamped to it (CONTRACT.md: the
 * moderation queue's limit goes up to 100000); any other number is then checked by
 * the schema's minimum and maximum (400).
 */
export function numericParameters(request: FastifyRequest): void {
  const schema = request.routeOptions.schema as
    { querystring?: { properties?: Record<string, NumberSchema> }; params?: { properties?: Record<string, NumberSchema> } } | undefined;
  if (!schema) return;
  const check = (values: unknown, properties: Record<string, NumberSchema> | undefined, clamp: boolean) => {
    if (!properties || !values || typeof values !== 'object') return;
    const record = values as Record<string, unknown>;
    for (const [name, property] of Object.entries(properties)) {
      if (property.type !== 'integer' || record[name] === undefined) continue;
      const fix = (raw: unknown): unknown => {
        if (typeof raw !== 'string') return raw;
        if (!/^-?[0-9]+$/.test(raw)) {
          throw new AppError('validation_failed', {
            message: `${name} باید عدد صحیح با رقم‌های دهدهی باشد.`,
            fields: { [name]: 'must be a whole number written in decimal digits' },
            detail: `${name}=${raw.slice(0, 40)}`,
          });
        }
        const max = typeof property.maximum === 'number' ? property.maximum : undefined;
        if (clamp && CLAMPED.has(name) && max !== undefined && !raw.startsWith('-') && Number(raw) > max) return String(max);
        // Too many digits for a number: refused here, as the schema would refuse its value.
        if (!Number.isSafeInteger(Number(raw)))
          throw new AppError('validation_failed', {
            fields: { [name]: `must be <= ${max ?? Number.MAX_SAFE_INTEGER}` },
            detail: `${name}=${raw.slice(0, 40)}`,
          });
        return raw;
      };
      const value = record[name];
      record[name] = Array.isArray(value) ? value.map(fix) : fix(value);
    }
  };
  check(request.query, schema.querystring?.properties, true);
  check(request.params, schema.params?.properties, false);
}
