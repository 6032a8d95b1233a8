/**
 * 0002: comments, the append-only moderation log, bans and the lexicon words
 * administrators add at run time. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'integer', (c) => d.autoId(c))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('client_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('score', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', d.bigint, (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', d.bigint)
    .execute();
  await db.schema.createIndex('comments_article_status').on('comments').columns(['article_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('comments_status_created').on('comments').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('comments_email').on('comments').columns(['email', 'status']).execute();
  await db.schema.createIndex('comments_client').on('comments').columns(['client_hash', 'created_at']).execute();

  await db.schema
    .createTable('moderation_log')
    .addColumn('id', 'integer', (c) => d.autoId(c))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', d.bigint, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('moderation_log_comment').on('moderation_log').columns(['comment_id', 'id']).execute();

  await db.schema
    .createTable('bans')
    .addColumn('id', 'integer', (c) => d.autoId(c))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', d.bigint, (c) => c.notNull())
    .addUniqueConstraint('bans_kind_value', ['kind', 'value'])
    .execute();

  await db.schema
    .createTable('moderation_terms')
    .addColumn('id', 'integer', (c) => d.autoId(c))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('severity', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', d.bigint, (c) => c.notNull())
    .addUniqueConstraint('moderation_terms_kind_term', ['kind', 'term'])
    .execute();
}
