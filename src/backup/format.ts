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

/** Archive entries a backup may hold: regular files and folders, nothing else. */
const PLAIN_ENTRIES: ReadonlySet<string> = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory']);

/** A path or link target as one printable line. */
function shown(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

/**
 * Why an archive entry has no place in a backup, in a few words, or null. A backup holds
 * regular files and folders only: a symbolic link (relative or absolute: once moved it can
 * point at DABIR_DATA), a hard link, a FIFO, a device or anything else is refused, as is a
 * path that is absolute or climbs out with `..`.
 */
export function entryProblem(entry: { path: string; type: string; linkpath?: string | undefined }): string | null {
  const path = entry.path;
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.includes('\\') || path.includes('\0') || path.split('/').includes('..')) {
    return `it holds a path outside the archive (${shown(path)})`;
  }
  if (PLAIN_ENTRIES.has(entry.type)) return null;
  const what =
    entry.type === 'SymbolicLink'
      ? `a symbolic link (to ${shown(entry.linkpath ?? '')})`
      : entry.type === 'Link'
        ? `a hard link (to ${shown(entry.linkpath ?? '')})`
        : entry.type === 'FIFO'
          ? 'a FIFO'
          : entry.type === 'CharacterDevice' || entry.type === 'BlockDevice'
            ? 'a device'
            : `a ${shown(entry.type)} entry`;
  return `${shown(path)} is ${what}, not a regular file or folder; a Dabir backup holds only files and folders`;
}
