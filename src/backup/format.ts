/**
 * The backup archive: a gzipped tar holding
 *
 *   manifest.json          what this is (format, version, engine, when, row counts, migrations)
 *   tables/<table>.jsonl   every row of every table, one JSON object a line, in primary-key order
 *   media/…                the uploaded images (DABIR_DATA/media), as they are
 *
 * Rows are logical (column → value), so a backup of one engine restores into the other.
 */

/** Marks a Dabir backup. */
export const FORMAT = 'dabir-backup';
/** The archive layout this code writes; it reads this version and older ones. */
export const FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const TABLES_DIR = 'tables';
export const MEDIA_DIR = 'media';

export interface Manifest {
  /** Always FORMAT. */
  format: string;
  /** FORMAT_VERSION of the Dabir that wrote it. */
  version: number;
  /** The engine the rows came from. */
  engine: 'sqlite' | 'postgres';
  /** When the snapshot was taken (ISO 8601, UTC). */
  created: string;
  /** Rows per table, in foreign-key order (a table after every table it references). */
  tables: Array<{ name: string; rows: number }>;
  /** The migrations the database had run, in order. */
  migrations: string[];
  /** Files under media/. */
  mediaFiles: number;
}

/** A value as written to a JSON line: bytes become `{ "$bytes": base64 }`. */
export function encodeValue(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  return value;
}

export function decodeValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { $bytes?: unknown }).$bytes === 'string') {
    return Buffer.from((value as { $bytes: string }).$bytes, 'base64');
  }
  return value;
}

/** Checks a parsed manifest; returns a one-line reason when it is not one this code reads. */
export function manifestProblem(value: unknown): string | null {
  const m = value as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || m.format !== FORMAT) return 'is not a Dabir backup';
  if (typeof m.version !== 'number' || !Number.isInteger(m.version) || m.version < 1) return 'has a damaged manifest (version)';
  if (m.version > FORMAT_VERSION) return `was made by a newer Dabir (backup format ${m.version}; this one reads up to ${FORMAT_VERSION})`;
  if (!Array.isArray(m.tables) || !Array.isArray(m.migrations)) return 'has a damaged manifest (tables, migrations)';
  return null;
}
