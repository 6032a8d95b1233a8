/**
 * 0001: articles, services, tags, users, API tokens, counters, settings, redirects.
 * Frozen once merged: never edit, add a new migration instead (STYLE.md 9).
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('services')
    .addColumn('id', 'integer', (c) => d.autoId(c))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'integer', (c) => d.autoId(c))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => d.autoId(c))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', d.bigint, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', 'integer', (c) => d.autoId(c))
    .addColumn('code', d.bigint, (c) => c.notNull().unique())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('kicker', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('service_id', 'integer', (c) => c.references('services.id'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', d.bigint)
    .addColumn('created_at', d.bigint, (c) => c.notNull())
    .addColumn('updated_at', d.bigint, (c) => c.notNull())
    .addColumn('views', d.bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('comments_open', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('articles_status_published').on('articles').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('articles_service_published').on('articles').columns(['service_id', 'status', 'published_at']).execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag').on('article_tags').columns(['tag_id', 'article_id']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', (c) => d.autoId(c))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', d.bigint, (c) => c.notNull())
    .addColumn('last_used_at', d.bigint)
    .addColumn('revoked_at', d.bigint)
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', d.bigint, (c) => c.notNull())
    .execute();
  // News codes start at six digits, the way Persian agencies' codes look.
  await db.insertInto('counters').values({ name: 'news_code', value: 100000 }).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('redirects')
    .addColumn('from_path', 'text', (c) => c.primaryKey())
    .addColumn('to_path', 'text', (c) => c.notNull())
    .execute();
}
