/**
 * 0009: the newspaper (issue 15). A story gets a lead photo from the library with
 * its own caption and credit, a breaking-news flag with an end time, and a kind
 * (`news`, or `photo` for a photo story whose gallery is a JSON list of library
 * photos with captions). Library images get a caption and a credit. Staff get a
 * public slug, a short bio and an optional photo for their author page. Comments
 * record whether the sender passed the challenge. Simple editable pages (about,
 * contact, policy) get a table of their own. Front-page curation and the masthead
 * live in the settings table. Frozen once merged.
 */
import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema.alterTable('articles').addColumn('image_id', 'integer').execute();
  await db.schema.alterTable('articles').addColumn('image_caption', 'text').execute();
  await db.schema.alterTable('articles').addColumn('image_credit', 'text').execute();
  await db.schema.alterTable('articles').addColumn('breaking_until', d.bigint).execute();
  await db.schema
    .alterTable('articles')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('news'))
    .execute();
  await db.schema
    .alterTable('articles')
    .addColumn('gallery', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('articles_breaking').on('articles').columns(['breaking_until']).execute();

  await db.schema
    .alterTable('media')
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('media')
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema.alterTable('users').addColumn('slug', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('users').addColumn('photo_id', 'integer').execute();
  await db.schema.createIndex('users_slug').unique().on('users').columns(['slug']).execute();

  await db.schema
    .alterTable('comments')
    .addColumn('challenged', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('pages')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', d.bigint, (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();
}
