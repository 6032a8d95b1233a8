/**
 * `dabir backup <file>` and `dabir restore <file>` (CONTRACT.md): a consistent copy of the
 * database and the media folder while the site serves, and back. Progress goes to stderr,
 * one line a table; the summary to stdout.
 */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { BackupError, createBackup, restoreBackup, type Progress } from '../backup/index.js';
import { openStorage } from '../storage/index.js';
import { CliError } from './errors.js';

/** Prints a line for each finished table and each phase; long tables report every 50,000 rows. */
function progressLines(verb: string): (p: Progress) => void {
  return (p) => {
    const line =
      p.phase === 'snapshot'
        ? 'taking a consistent snapshot of the database'
        : p.phase === 'unpack'
          ? 'unpacking the archive'
          : p.phase === 'table'
            ? `${p.table}: ${p.rows} rows`
            : p.phase === 'rows'
              ? (p.rows ?? 0) % 50_000 === 0 && p.rows
                ? `${p.table}: ${p.rows}${p.total ? `/${p.total}` : ''} rows…`
                : ''
              : p.phase === 'archive'
                ? `packing the archive (${p.files ?? 0} media files)`
                : p.phase === 'media'
                  ? `putting back ${p.files ?? 0} media files`
                  : 'rebuilding the search index';
    if (line) process.stderr.write(`${verb}: ${line}\n`);
  };
}

async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  }
}

export function registerBackup(program: Command, loadConfig: () => Config): void {
  program
    .command('backup')
    .description('write a consistent copy of the database and the media folder to <file> (a .tar.gz), while the site keeps serving')
    .argument('<file>', 'the archive to write, e.g. dabir-2026-11-28.tar.gz')
    .action(async (file: string) => {
      const config = loadConfig();
      const started = Date.now();
      const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, migrate: false });
      try {
        const manifest = await run(() => createBackup({ storage, dataDir: config.dataDir, file, onProgress: progressLines('backup') }));
        const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
        process.stdout.write(
          `backed up ${rows} rows in ${manifest.tables.length} tables and ${manifest.mediaFiles} media files to ${file} in ${((Date.now() - started) / 1000).toFixed(1)}s (${storage.describe})\n`,
        );
      } finally {
        await storage.close();
      }
    });
  program
    .command('restore')
    .description('replace everything the site holds with the backup in <file>; stop the server first')
    .argument('<file>', 'an archive written by `dabir backup` (from SQLite or PostgreSQL)')
    .addHelpText(
      'after',
      '\nStop every server on this database first: restore empties and refills every table and replaces DABIR_DATA/media.\n' +
        'The database may be empty or an existing site; it is migrated first. The search index is rebuilt afterwards.\n',
    )
    .action(async (file: string) => {
      const config = loadConfig();
      const started = Date.now();
      const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        const { manifest, indexed } = await run(() => restoreBackup({ storage, dataDir: config.dataDir, file, onProgress: progressLines('restore') }));
        const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
        process.stdout.write(
          `restored ${rows} rows in ${manifest.tables.length} tables and ${manifest.mediaFiles} media files from a ${manifest.engine} backup of ${manifest.created} in ${((Date.now() - started) / 1000).toFixed(1)}s; ${indexed} stories findable (${storage.describe})\n`,
        );
      } finally {
        await storage.close();
      }
    });
}
