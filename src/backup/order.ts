/**
 * Which tables a backup holds and in what order they are written back. Pure: the table
 * descriptions come from the database's own catalogue (Engine.backup.tables).
 */
import type { TableInfo } from '../storage/index.js';

/**
 * Tables a backup leaves out: the migrator's own bookkeeping (the target's migrations run
 * before a restore), and the search index, which is derived from the stories and rebuilt
 * after a restore (its engine-specific columns would not cross engines anyway).
 */
export const NOT_BACKED_UP: ReadonlySet<string> = new Set(['kysely_migration', 'kysely_migration_lock', 'search_docs', 'search_terms', 'search_stats']);

/**
 * Tables in foreign-key order: each after every table it references (a self-reference is
 * ignored: rows are written in primary-key order, so a parent comes before its replies).
 * Ties keep alphabetical order, so the order is the same on every engine. Throws on a cycle.
 */
export function foreignKeyOrder(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo) => {
    if (done.has(t.name)) return;
    if (visiting.has(t.name)) throw new Error(`foreign keys form a cycle through ${t.name}`);
    visiting.add(t.name);
    for (const ref of [...t.references].sort()) {
      const target = byName.get(ref);
      if (target && ref !== t.name) visit(target);
    }
    visiting.delete(t.name);
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(t);
  return out;
}

/** The tables a backup holds, in foreign-key order. */
export function backedUpTables(tables: readonly TableInfo[]): TableInfo[] {
  return foreignKeyOrder(tables.filter((t) => !NOT_BACKED_UP.has(t.name)));
}
