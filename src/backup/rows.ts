/** Reading every row of a table in primary-key order, a page at a time (keyset pagination). */
import { sql, type Kysely } from 'kysely';
import type { TableInfo } from '../storage/index.js';

/** Rows per page when reading and per statement when writing (well under both engines' parameter limits). */
export const PAGE_ROWS = 500;

export async function* tableRows(db: Kysely<any>, table: TableInfo): AsyncGenerator<Record<string, unknown>[]> {
  const key = table.primaryKey;
  if (key.length === 0) {
    // No key to page by (no Dabir table is like this): one read, in a stable order.
    const rows = await db.selectFrom(table.name).selectAll().orderBy(table.columns.map((c) => sql.ref(c)) as any).execute();
    if (rows.length > 0) yield rows;
    return;
  }
  const keyRefs = sql.join(key.map((c) => sql.ref(c)));
  let after: unknown[] | null = null;
  for (;;) {
    let query = db.selectFrom(table.name).selectAll();
    // Row-value comparison: SQLite 3.15+ and PostgreSQL both order tuples lexicographically.
    if (after) query = query.where(sql<boolean>`(${keyRefs}) > (${sql.join(after)})`);
    for (const c of key) query = query.orderBy(sql.ref(c) as any);
    const rows = (await query.limit(PAGE_ROWS).execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE_ROWS) return;
    const last = rows[rows.length - 1]!;
    after = key.map((c) => last[c]);
  }
}
