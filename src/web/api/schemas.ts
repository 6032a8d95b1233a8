/**
 * JSON shapes of /api/v1. Response schemas are allowlists: only the fields
 * named here can ever reach a client (STYLE.md 10).
 */
import { Type, type Static } from 'typebox';

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

const writable = {
  kicker: Type.Optional(Type.String({ description: 'روتیتر' })),
  lead: Type.Optional(Type.String({ description: 'لید' })),
  source: Type.Optional(Type.String({ description: 'منبع' })),
  tags: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
  code: Type.Optional(Type.Integer({ minimum: 1, description: 'an explicit news code (imports); 409 when taken' })),
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
    code: Type.Integer({ minimum: 1 }),
    status: ArticleStatus,
    commentsOpen: Type.Boolean(),
  }),
);

export const ListArticlesQuery = Type.Object({
  status: Type.Optional(ArticleStatus),
  service: Type.Optional(Type.String()),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const ArticleList = Type.Object({
  items: Type.Array(ArticleJson),
  next: Type.Union([Type.String(), Type.Null()], { description: 'cursor for the next page, or null' }),
});

export const CodeParams = Type.Object({ code: Type.Integer({ minimum: 1 }) });

const ScopeName = Type.Union([Type.Literal('read'), Type.Literal('articles:write'), Type.Literal('comments:moderate'), Type.Literal('admin')], {
  description: 'read: drafts and unpublished stories; articles:write: write, edit and publish; comments:moderate: the queue, decisions and lexicons; admin: channels and settings',
});

export const TokenBody = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 320 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  scopes: Type.Optional(Type.Array(ScopeName, { maxItems: 8, description: 'what the token may do; default: all the role allows' })),
  label: Type.Optional(Type.String({ maxLength: 100, description: 'a name for the token in its owner\'s list' })),
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
