/**
 * Search's tables, the same SQL on both engines: the documents (`search_docs`), the term
 * statistics (`search_terms`, `search_stats`), and what indexing and results read from
 * the stories. The engine's own full-text index is kept in step through `engine.search`.
 */
import { sql } from 'kysely';
import type { Db, Engine } from '../storage/index.js';
import { skeletonKey } from './plan.js';
import { FIELDS, type CorpusStats, type Field, type RankDoc } from './rank.js';

/** The search entry of one story: its tokens per field. */
export interface SearchEntry {
  articleId: number;
  publishedAt: number;
  serviceId: number | null;
  /** Each field's tokens, in order. */
  fields: Record<Field, string[]>;
}

/** What indexing reads of a story. */
export interface StoryText {
  id: number;
  status: string;
  publishedAt: number | null;
  serviceId: number | null;
  title: string;
  kicker: string;
  lead: string;
  /** Sanitized HTML. */
  body: string;
  tags: string[];
}

/** What a search result shows of a story. */
export interface ResultStory {
  id: number;
  code: number;
  slug: string;
  title: string;
  lead: string;
  /** Sanitized HTML. */
  body: string;
  publishedAt: number;
  service: { slug: string; name: string } | null;
}

/** Ids per statement when a list becomes bound parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function tagsOf(db: Db, ids: readonly number[]): Promise<Map<number, string[]>> {
  const byId = new Map<number, string[]>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select(['at.article_id', 't.name'])
      .where('at.article_id', 'in', part)
      .orderBy('at.article_id')
      .orderBy('at.position')
      .execute();
    for (const row of rows) {
      let list = byId.get(row.article_id);
      if (list === undefined) byId.set(row.article_id, (list = []));
      list.push(row.name);
    }
  }
  return byId;
}

/** The stories with these ids, as indexing reads them (missing ids are left out). */
export async function readStories(db: Db, ids: readonly number[]): Promise<StoryText[]> {
  const stories: StoryText[] = [];
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('articles')
      .select(['id', 'status', 'published_at', 'service_id', 'title', 'kicker', 'lead', 'body'])
      .where('id', 'in', part)
      .execute();
    const tags = await tagsOf(db, part);
    for (const r of rows) {
      stories.push({
        id: r.id,
        status: r.status,
        publishedAt: r.published_at,
        serviceId: r.service_id,
        title: r.title,
        kicker: r.kicker,
        lead: r.lead,
        body: r.body,
        tags: tags.get(r.id) ?? [],
      });
    }
  }
  return stories;
}

/** Story ids in ascending order after `after`, at most `limit` (for a rebuild in batches). */
export async function storyIdsAfter(db: Db, after: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('articles').select('id').where('id', '>', after).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function countStories(db: Db): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The stories of a results page, in the order of `ids`. */
export async function readResultStories(db: Db, ids: readonly number[]): Promise<ResultStory[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('articles as a')
    .leftJoin('services as s', 's.id', 'a.service_id')
    .select(['a.id', 'a.code', 'a.slug', 'a.title', 'a.lead', 'a.body', 'a.published_at', 's.slug as service_slug', 's.name as service_name'])
    .where('a.id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (r === undefined) return [];
    return [
      {
        id: r.id,
        code: r.code,
        slug: r.slug,
        title: r.title,
        lead: r.lead,
        body: r.body,
        publishedAt: r.published_at ?? 0,
        service: r.service_slug && r.service_name ? { slug: r.service_slug, name: r.service_name } : null,
      },
    ];
  });
}

/**
 * The tokens of a story's fields as `search_docs.tokens` holds them: each field's tokens
 * space-joined, the fields joined by a line feed in FIELDS order, as UTF-16LE bytes.
 */
export function encodeFields(fields: Readonly<Record<Field, readonly string[]>>): Buffer {
  return Buffer.from(FIELDS.map((field) => fields[field].join(' ')).join('\n'), 'utf16le');
}

/** The space-joined tokens of each field, from `search_docs.tokens`. */
export function decodeFields(bytes: Uint8Array): Record<Field, string> {
  const parts = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le').split('\n');
  const fields = {} as Record<Field, string>;
  FIELDS.forEach((field, i) => (fields[field] = parts[i] ?? ''));
  return fields;
}

/** The candidates' search documents, for ranking. */
export async function readDocs(db: Db, ids: readonly number[]): Promise<RankDoc[]> {
  const docs: RankDoc[] = [];
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('search_docs').selectAll().where('article_id', 'in', part).execute();
    for (const r of rows) {
      docs.push({
        id: r.article_id,
        publishedAt: r.published_at,
        fields: decodeFields(r.tokens),
        lengths: { title: r.title_len, kicker: r.kicker_len, lead: r.lead_len, tags: r.tags_len, body: r.body_len },
      });
    }
  }
  return docs;
}

/** The highest id of an indexed story (0 when none is). */
export async function readHighestDocId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('search_docs')
    .select((eb) => eb.fn.max('article_id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function readStats(db: Db): Promise<CorpusStats> {
  const row = await db.selectFrom('search_stats').selectAll().where('id', '=', 1).executeTakeFirst();
  return {
    docs: Number(row?.docs ?? 0),
    lengths: {
      title: Number(row?.title_len ?? 0),
      kicker: Number(row?.kicker_len ?? 0),
      lead: Number(row?.lead_len ?? 0),
      tags: Number(row?.tags_len ?? 0),
      body: Number(row?.body_len ?? 0),
    },
  };
}

/** Document frequencies of these tokens (tokens no story holds are absent). */
export async function readTermCounts(db: Db, tokens: Iterable<string>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const part of chunks([...new Set(tokens)])) {
    const rows = await db.selectFrom('search_terms').select(['term', 'df']).where('term', 'in', part).where('df', '>', 0).execute();
    for (const r of rows) counts.set(r.term, r.df);
  }
  return counts;
}

/** Terms read at most per skeleton key: a short skeleton is shared by many words. */
const SKELETON_ROWS = 500;

/**
 * Indexed tokens filed under these skeleton keys (see plan `skeletonKey`), with their
 * document frequencies: at most SKELETON_ROWS per key, the first in code point order.
 */
export async function readTermsBySkeleton(db: Db, keys: Iterable<string>): Promise<Array<{ term: string; df: number; skeleton: string }>> {
  const out: Array<{ term: string; df: number; skeleton: string }> = [];
  for (const key of new Set(keys)) {
    const rows = await db
      .selectFrom('search_terms')
      .select(['term', 'df'])
      .where('skeleton', '=', key)
      .where('df', '>', 0)
      .orderBy('term')
      .limit(SKELETON_ROWS)
      .execute();
    for (const r of rows) out.push({ term: r.term, df: r.df, skeleton: key });
  }
  return out;
}

/**
 * Indexed tokens that begin with `prefix` and are at most `maxLength` long, most frequent
 * first (then in code point order), at most `limit`. `search_terms.term` compares byte by
 * byte on both engines, so the range is the same everywhere.
 */
export async function readTermsByPrefix(db: Db, prefix: string, maxLength: number, limit: number): Promise<Array<{ term: string; df: number }>> {
  const rows = await db
    .selectFrom('search_terms')
    .select(['term', 'df'])
    .where('term', '>=', prefix)
    .where('term', '<', `${prefix}\uffff`)
    .where('df', '>', 0)
    .where(sql<number>`length(term)`, '<=', maxLength)
    .orderBy('df', 'desc')
    .orderBy('term')
    .limit(limit)
    .execute();
  return rows;
}

/** Every distinct token of some fields (each counts once towards its document frequency). */
function distinctTokens(fields: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const joined of fields) if (joined !== '') for (const token of joined.split(' ')) set.add(token);
  return set;
}

/**
 * Writes the search entries of some stories in the caller's transaction: `entries` holds the
 * new entry of each story that must be findable; every other id in `articleIds` is removed.
 * Term counts and totals change by the difference between the old entries and the new, so
 * concurrent writers of different stories add up. With `termDeltas`, the term count changes
 * are added there for the caller to write later (a rebuild writes them once in a while
 * instead of once a batch); without, they are written now.
 */
export async function writeEntries(
  trx: Db,
  engine: Engine,
  articleIds: readonly number[],
  entries: readonly SearchEntry[],
  termDeltas?: Map<string, number>,
): Promise<void> {
  if (articleIds.length === 0) return;
  const delta = termDeltas ?? new Map<string, number>();
  const totals = { docs: 0, title: 0, kicker: 0, lead: 0, tags: 0, body: 0 };
  for (const part of chunks(articleIds)) {
    const old = await trx.selectFrom('search_docs').selectAll().where('article_id', 'in', part).execute();
    for (const row of old) {
      for (const token of distinctTokens(Object.values(decodeFields(row.tokens)))) delta.set(token, (delta.get(token) ?? 0) - 1);
      totals.docs -= 1;
      totals.title -= row.title_len;
      totals.kicker -= row.kicker_len;
      totals.lead -= row.lead_len;
      totals.tags -= row.tags_len;
      totals.body -= row.body_len;
    }
    await trx.deleteFrom('search_docs').where('article_id', 'in', part).execute();
  }
  const joined = entries.map((e) => {
    const fields = {} as Record<Field, string>;
    for (const field of FIELDS) fields[field] = e.fields[field].join(' ');
    return fields;
  });
  for (const entry of entries) {
    const distinct = new Set<string>();
    for (const field of FIELDS) for (const token of entry.fields[field]) distinct.add(token);
    for (const token of distinct) delta.set(token, (delta.get(token) ?? 0) + 1);
    totals.docs += 1;
    for (const field of FIELDS) totals[field] += entry.fields[field].length;
  }
  for (const part of chunks(entries, 100)) {
    await trx
      .insertInto('search_docs')
      .values(
        part.map((e) => ({
          article_id: e.articleId,
          published_at: e.publishedAt,
          service_id: e.serviceId,
          tokens: encodeFields(e.fields),
          title_len: e.fields.title.length,
          kicker_len: e.fields.kicker.length,
          lead_len: e.fields.lead.length,
          tags_len: e.fields.tags.length,
          body_len: e.fields.body.length,
        })),
      )
      .execute();
  }
  await engine.search.sync(
    trx,
    articleIds,
    entries.map((e, i) => {
      const f = joined[i] as Record<Field, string>;
      return { articleId: e.articleId, head: [f.title, f.kicker, f.lead, f.tags].filter((x) => x !== '').join(' '), body: f.body };
    }),
  );

  if (termDeltas === undefined) await writeTermDeltas(trx, delta);
  if (totals.docs !== 0 || FIELDS.some((f) => totals[f] !== 0)) {
    await trx
      .updateTable('search_stats')
      .set({
        docs: sql`docs + ${totals.docs}`,
        title_len: sql`title_len + ${totals.title}`,
        kicker_len: sql`kicker_len + ${totals.kicker}`,
        lead_len: sql`lead_len + ${totals.lead}`,
        tags_len: sql`tags_len + ${totals.tags}`,
        body_len: sql`body_len + ${totals.body}`,
      })
      .where('id', '=', 1)
      .execute();
  }
}

/**
 * Changes the document frequencies of terms by these deltas (a term whose count falls to
 * zero is removed). Rows are written in code point order, the one lock order every writer
 * uses on PostgreSQL, so concurrent writers never deadlock.
 */
export async function writeTermDeltas(trx: Db, delta: ReadonlyMap<string, number>): Promise<void> {
  const changes = [...delta].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const part of chunks(changes, 1000)) {
    await trx
      .insertInto('search_terms')
      .values(part.map(([term, df]) => ({ term, df, skeleton: skeletonKey(term) })))
      .onConflict((oc) => oc.column('term').doUpdateSet({ df: sql`search_terms.df + excluded.df` }))
      .execute();
  }
  const dropped = changes.filter(([, d]) => d < 0).map(([term]) => term);
  for (const part of chunks(dropped)) await trx.deleteFrom('search_terms').where('term', 'in', part).where('df', '<=', 0).execute();
}

/** Empties every search table and the engine's index (the first step of a rebuild). */
export async function clearIndex(trx: Db, engine: Engine): Promise<void> {
  await engine.search.clear(trx);
  await trx.deleteFrom('search_docs').execute();
  await trx.deleteFrom('search_terms').execute();
  await trx.updateTable('search_stats').set({ docs: 0, title_len: 0, kicker_len: 0, lead_len: 0, tags_len: 0, body_len: 0 }).where('id', '=', 1).execute();
}

/** The administrators' synonym groups (settings key `search.synonyms`), as stored; '' when unset. */
export async function readSynonymSetting(db: Db): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SYNONYMS_SETTING).executeTakeFirst();
  return row?.value ?? '';
}

/** Stores the administrators' synonym groups. */
export async function writeSynonymSetting(db: Db, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: SYNONYMS_SETTING, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The settings key of the administrators' synonyms. */
export const SYNONYMS_SETTING = 'search.synonyms';
