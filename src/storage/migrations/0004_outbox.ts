/**
 * 0004: the messenger outbox. `channels` are the Telegram-style bot channels a
 * newsroom posts to (Telegram, Bale, Eitaa); `channel_deliveries` holds one row
 * per story and channel, unique on the pair, so a story is posted at most once
 * to each channel however many instances try. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('channels')
    .addColumn('id', 'integer', (c) => d.autoId(c))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('base_url', 'text')
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', d.bigint, (c) => c.notNull())
    .addColumn('updated_at', d.bigint, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('channel_deliveries')
    .addColumn('id', 'integer', (c) => d.autoId(c))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('channel_id', 'integer', (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', d.bigint, (c) => c.notNull())
    .addColumn('claim_token', 'text')
    .addColumn('claimed_until', d.bigint)
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', d.bigint, (c) => c.notNull())
    .addColumn('updated_at', d.bigint, (c) => c.notNull())
    .addColumn('sent_at', d.bigint)
    .addUniqueConstraint('channel_deliveries_article_channel', ['article_id', 'channel_id'])
    .execute();
  await db.schema.createIndex('channel_deliveries_due').on('channel_deliveries').columns(['status', 'next_attempt_at']).execute();
}
