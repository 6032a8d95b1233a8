/**
 * Backup and restore (`dabir backup`, `dabir restore`): one archive with every row of every
 * table, the media folder and a manifest; taken while serving, restored into either engine.
 */
export { createBackup, type BackupOptions } from './backup.js';
export { restoreBackup, type RestoreOptions, type RestoreResult } from './restore.js';
export { BackupError, type Progress } from './errors.js';
export { FORMAT, FORMAT_VERSION, type Manifest } from './format.js';
export { backedUpTables, foreignKeyOrder, NOT_BACKED_UP } from './order.js';
export { tableRows } from './rows.js';
