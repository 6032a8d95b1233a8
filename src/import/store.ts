/**
 * What the importer reads and writes besides the article service: the import
 * map, redirects, services and tags with their WordPress slugs, the parts of a
 * story the article service does not set (its service, tags, author and
 * original times), and comments with their original status and time. Kysely
 * only, the same on both engines.
 */
import { insertCommentRow, type NewComment } from '../comments/index.js';
import { sql } from 'kysely';
import type { Db } from '../storage/index.js';

export interface MapRow {
  target_id: number | null;
  parent_id: string | null;
  checksum: string;
}

export async function findMapping(db: Db, source: string, kind: string, sourceId: string): Promise<MapRow | undefined> {
  return db
    .selectFrom('import_map')
    .select(['target_id', 'parent_id', 'checksum'])
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
}

export async function saveMapping(
  db: Db,
  row: { source: string; kind: string; sourceId: string; targetId: number | null; parentId: string | null; checksum: string; now: number },
): Promise<void> {
  await db
    .insertInto('import_map')
    .values({
      source: row.source,
      kind: row.kind,
      source_id: row.sourceId,
      target_id: row.targetId,
      parent_id: row.parentId,
      checksum: row.checksum,
      imported_at: row.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['source', 'kind', 'source_id'])
        .doUpdateSet({ target_id: row.targetId, parent_id: row.parentId, checksum: row.checksum, imported_at: row.now }),
    )
    .execute();
}

/** The mappings of many things of some kinds at once: `kind:source_id` → row. */
export async function findMappings(db: Db, source: string, kinds: string[], sourceIds: string[]): Promise<Map<string, MapRow>> {
  const out = new Map<string, MapRow>();
  if (sourceIds.length === 0) return out;
  const rows = await db
    .selectFrom('import_map')
    .select(['kind', 'source_id', 'target_id', 'parent_id', 'checksum'])
    .where('source', '=', source)
    .where('kind', 'in', kinds)
    .where('source_id', 'in', sourceIds)
    .execute();
  for (const r of rows) out.set(`${r.kind}:${r.source_id}`, { target_id: r.target_id, parent_id: r.parent_id, checksum: r.checksum });
  return out;
}

/** Several import-map rows in one statement (a story's comments). */
export async function saveMappings(
  db: Db,
  rows: Array<{ source: string; kind: string; sourceId: string; targetId: number | null; parentId: string | null; checksum: string; now: number }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows.slice(i, i + 200).map((r) => ({
      source: r.source,
      kind: r.kind,
      source_id: r.sourceId,
      target_id: r.targetId,
      parent_id: r.parentId,
      checksum: r.checksum,
      imported_at: r.now,
    }));
    await db
      .insertInto('import_map')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['source', 'kind', 'source_id']).doUpdateSet((eb) => ({
          target_id: eb.ref('excluded.target_id'),
          parent_id: eb.ref('excluded.parent_id'),
          checksum: eb.ref('excluded.checksum'),
          imported_at: eb.ref('excluded.imported_at'),
        })),
      )
      .execute();
  }
}

/** Stories by id, those still there (to check a mapping's target). */
export async function findStories(db: Db, ids: number[]): Promise<Map<number, { id: number; code: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('articles').select(['id', 'code']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Writes redirects in one statement, replacing the target of an old path
 * already known; returns how many were new or changed.
 */
export async function saveRedirects(db: Db, pairs: Array<[string, string]>): Promise<number> {
  const unique = new Map(pairs);
  if (unique.size === 0) return 0;
  let changed = 0;
  const all = [...unique].map(([from_path, to_path]) => ({ from_path, to_path }));
  for (let i = 0; i < all.length; i += 200) {
    const result = await db
      .insertInto('redirects')
      .values(all.slice(i, i + 200))
      .onConflict((oc) =>
        oc
          .column('from_path')
          .doUpdateSet((eb) => ({ to_path: eb.ref('excluded.to_path') }))
          .where((eb) => eb('redirects.to_path', '<>', eb.ref('excluded.to_path'))),
      )
      .executeTakeFirst();
    changed += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return changed;
}

/** The service with this slug, made with this name when missing; `rename` updates an existing one's name. */
export async function saveService(db: Db, slug: string, name: string, rename: boolean): Promise<{ id: number; created: boolean; renamed: boolean }> {
  const found = await db.selectFrom('services').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst();
  if (found) {
    if (rename && found.name !== name) {
      await db.updateTable('services').set({ name }).where('id', '=', found.id).execute();
      return { id: found.id, created: false, renamed: true };
    }
    return { id: found.id, created: false, renamed: false };
  }
  const { n } = await db
    .selectFrom('services')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await db
    .insertInto('services')
    .values({ slug, name, position: Number(n) })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  const row = await db.selectFrom('services').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return { id: row.id, created: true, renamed: false };
}

/** The tag with this slug, made with this name when missing. */
export async function saveTag(db: Db, slug: string, name: string, rename: boolean): Promise<{ id: number; created: boolean; renamed: boolean }> {
  const found = await db.selectFrom('tags').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst();
  if (found) {
    if (rename && found.name !== name) {
      await db.updateTable('tags').set({ name }).where('id', '=', found.id).execute();
      return { id: found.id, created: false, renamed: true };
    }
    return { id: found.id, created: false, renamed: false };
  }
  await db
    .insertInto('tags')
    .values({ slug, name })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  const row = await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return { id: row.id, created: true, renamed: false };
}

export async function userExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/**
 * What the article service does not set on an imported story: its service,
 * author and WordPress's own times, and its tags (by id, in order).
 */
export async function completeStory(
  db: Db,
  s: { id: number; serviceId: number | null; authorId: number | null; createdAt: number; updatedAt: number; tagIds: number[]; fresh: boolean },
): Promise<void> {
  await db
    .updateTable('articles')
    .set({ service_id: s.serviceId, author_id: s.authorId, created_at: s.createdAt, updated_at: s.updatedAt })
    .where('id', '=', s.id)
    .execute();
  // A story just made has no tags yet.
  if (!s.fresh) await db.deleteFrom('article_tags').where('article_id', '=', s.id).execute();
  const seen = new Set<number>();
  const rows = s.tagIds.filter((t) => !seen.has(t) && seen.add(t)).map((tagId, position) => ({ article_id: s.id, tag_id: tagId, position }));
  if (rows.length > 0) await db.insertInto('article_tags').values(rows).execute();
}

/** A comment as the import writes it: a new comment with the time WordPress gave it. */
export type ImportedComment = NewComment & { createdAt: number };

/** A row of the moderation log saying that the import set this comment's status (action `import`). */
function importLogRow(commentId: number, c: ImportedComment) {
  return {
    comment_id: commentId,
    action: 'import',
    status: c.status,
    verdict: c.verdict,
    labels: JSON.stringify(c.labels),
    reasons: JSON.stringify(c.reasons),
    decided_by: null,
    created_at: c.now,
  };
}

/** Writes the moderation-log rows of imported comments in one statement. */
export async function logImportedComments(db: Db, entries: Array<{ id: number; comment: ImportedComment }>): Promise<void> {
  for (let i = 0; i < entries.length; i += 200) {
    await db
      .insertInto('moderation_log')
      .values(entries.slice(i, i + 200).map((e) => importLogRow(e.id, e.comment)))
      .execute();
  }
}

/**
 * Stores an imported comment with its status as WordPress had it. The caller
 * writes its moderation-log row (logImportedComments), saying where that
 * status came from.
 */
export function insertImportedComment(db: Db, c: ImportedComment): Promise<number> {
  return insertCommentRow(db, c);
}

/** The comment a mapping points at, if it is still there. */
export async function findImportedComment(db: Db, id: number): Promise<{ id: number; depth: number; decided_by: number | null } | undefined> {
  return db.selectFrom('comments').select(['id', 'depth', 'decided_by']).where('id', '=', id).executeTakeFirst();
}

/** A story's comments by id, to check mappings against in one query. */
export async function commentsOfStory(db: Db, articleId: number): Promise<Map<number, { id: number; depth: number; decided_by: number | null }>> {
  const rows = await db.selectFrom('comments').select(['id', 'depth', 'decided_by']).where('article_id', '=', articleId).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Brings an imported comment in line with the export again. Its status is
 * left alone once a moderator here has decided on it.
 */
export async function updateImportedComment(db: Db, id: number, c: ImportedComment, keepStatus: boolean): Promise<void> {
  await db
    .updateTable('comments')
    .set({
      parent_id: c.parentId,
      depth: c.depth,
      name: c.name,
      email: c.email,
      body: c.body,
      created_at: c.createdAt,
      ...(!keepStatus && { status: c.status }),
    })
    .where('id', '=', id)
    .execute();
  if (!keepStatus) await db.insertInto('moderation_log').values(importLogRow(id, c)).execute();
}

/** Whether the import map exists yet (a dry run on a database from before it). */
export async function hasImportMap(db: Db): Promise<boolean> {
  try {
    await sql`select 1 from import_map where 1 = 0`.execute(db);
    return true;
  } catch {
    return false;
  }
}
