/**
 * What differs between the storage engines, as one interface. `sqlite.ts` and
 * `postgres.ts` each export an implementation; nothing else in the program asks
 * which engine it runs on (STYLE.md 7).
 */
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

export type EngineName = 'sqlite' | 'postgres';

/** Column helpers that frozen migrations use to stay engine-neutral. */
export interface SchemaDialect {
  /** An auto-incrementing integer primary key. */
  autoId(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** The type name for 64-bit integers (epoch milliseconds, counters). */
  bigint: 'bigint' | 'integer';
}

export interface Engine {
  name: EngineName;
  schema: SchemaDialect;
  /** Runs `fn` while holding an engine-wide exclusive lock named `key` (one scheduler at a time). */
  tryWithLock<T>(db: Kysely<any>, key: string, fn: () => Promise<T>): Promise<{ ran: boolean; value?: T }>;
  /** Checks that the storage answers. */
  ping(db: Kysely<any>): Promise<void>;
}
