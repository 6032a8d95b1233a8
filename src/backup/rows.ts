/** Reading every row of a table in primary-key order, a page at a time (keyset pagination). */
import { sql, type Kysely } from 'kysely';
import type { Database, TableInfo } from '../storage/index.js';

/**
 * Every table as a backup sees it: named by the database's catalogue (TableInfo), its rows
 * plain records. A backup copies whatever tables the migrations made, so it cannot name them
 * in the compiler's terms; this widens the schema for that, and only that, use.
 */
type CatalogueTables = Record<string, Record<string, unknown>>;

/** `db` with every table of the catalogue addressable by name (see CatalogueTables). */
export function byCatalogue(db: Kysely<Database>): Kysely<Database & CatalogueTables> {
  return db.withTables<CatalogueTables>();
}

/** Rows per page when reading and per statement when writing (well under both engines' parameter limits). */
export const PAGE_ROWS = 500;

export async function* tableRows(site: Kysely<Database>, table: TableInfo): AsyncGenerator<Record<string, unknown>[]> {
  const db = byCatalogue(site);
  const key = table.primaryKey;
  if (key.length === 0) {
    // No key to page by (no Dabir table is like this): one read, in a stable order.
    let query = db.selectFrom(table.name).selectAll();
    for (const c of table.columns) query = query.orderBy(sql.ref(c));
    const rows = await query.execute();
    if (rows.length > 0) yield rows;
    return;
  }
  const keyRefs = sql.join(key.map((c) => sql.ref(c)));
  let after: unknown[] | null = null;
  for (;;) {
    let query = db.selectFrom(table.name).selectAll();
    // Row-value comparison: SQLite 3.15+ and PostgreSQL both order tuples lexicographically.
    if (after) query = query.where(sql<boolean>`(${keyRefs}) > (${sql.join(after)})`);
    for (const c of key) query = query.orderBy(sql.ref(c));
    const rows = (await query.limit(PAGE_ROWS).execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE_ROWS) return;
    const last = rows[rows.length - 1]!;
    after = key.map((c) => last[c]);
  }
}
