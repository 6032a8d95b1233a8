/** What backup and restore report: one-line reasons, and progress for a long run. */

/** A one-line reason for the operator (a missing file, not a Dabir backup, a newer format). */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** One step of a long backup or restore, for a progress display. */
export interface Progress {
  /** snapshot → rows/table (each table) → archive; restore: unpack → rows/table → media → reindex. */
  phase: 'snapshot' | 'unpack' | 'rows' | 'table' | 'archive' | 'media' | 'reindex';
  table?: string;
  /** Rows done so far in `table`. */
  rows?: number;
  /** Rows the table has, when known. */
  total?: number;
  /** Media files. */
  files?: number;
}
