/**
 * 0003: search. `search_docs` holds each findable story's search tokens (the shared ranker
 * reads them), `search_terms` how many stories hold each token (and a name skeleton for
 * finding names across scripts), `search_stats` the totals BM25 needs; the engine's own
 * full-text structures come from `createSearchIndex0003`. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('search_docs')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('published_at', d.bigint, (c) => c.notNull())
    .addColumn('service_id', 'integer')
    .addColumn('tokens', d.binary, (c) => c.notNull())
    .addColumn('title_len', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('kicker_len', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lead_len', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tags_len', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('body_len', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('search_terms')
    .addColumn('term', 'text', (c) => d.bytewiseText(c).primaryKey())
    .addColumn('df', 'integer', (c) => c.notNull())
    .addColumn('skeleton', 'text')
    .execute();
  await db.schema.createIndex('search_terms_skeleton').on('search_terms').columns(['skeleton', 'term']).execute();

  await db.schema
    .createTable('search_stats')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('docs', d.bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('title_len', d.bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('kicker_len', d.bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('lead_len', d.bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('tags_len', d.bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('body_len', d.bigint, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('search_stats').values({ id: 1 }).execute();

  await d.createSearchIndex0003(db);
}
