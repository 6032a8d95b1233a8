/**
 * `dabir backup`: a consistent copy of everything the site holds, taken while it serves.
 * The engine gives a snapshot (Engine.backup.snapshot); this writes its rows as JSON lines,
 * adds the media folder and a manifest, and packs them into one gzipped tar, written beside
 * the target under a temporary name and renamed into place when complete.
 */
import { existsSync, lstatSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import * as tar from 'tar';
import type { Kysely } from 'kysely';
import type { Database, Storage } from '../storage/index.js';
import { BackupError, type Progress } from './errors.js';
import { encodeValue, FORMAT, FORMAT_VERSION, MANIFEST, MEDIA_DIR, TABLES_DIR, type Manifest } from './format.js';
import { backedUpTables } from './order.js';
import { tableRows } from './rows.js';

export interface BackupOptions {
  storage: Storage;
  /** DABIR_DATA: the SQLite file and the media folder live here. */
  dataDir: string;
  /** The archive to write (replaced if it exists, only once the new one is complete). */
  file: string;
  now?: () => Date;
  onProgress?: (progress: Progress) => void;
}

/** The migrations a database has run, in order (Kysely's own bookkeeping table). */
export async function ranMigrations(site: Kysely<Database>): Promise<string[]> {
  // Kysely's table, not the application's: named here for this one read.
  const db = site.withTables<{ kysely_migration: { name: string } }>();
  try {
    const rows = await db.selectFrom('kysely_migration').select('name').orderBy('name').execute();
    return rows.map((r) => String(r.name));
  } catch {
    return [];
  }
}

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += await countFiles(join(dir, entry.name));
    else if (entry.isFile()) n++;
  }
  return n;
}

/** Whether an archive path is outside media/, or below it a real file or folder of the media folder (lstat: links are not followed). */
function plainInMedia(media: string, path: string): boolean {
  const rel = path.replace(/^\.\//, '');
  if (rel !== MEDIA_DIR && !rel.startsWith(`${MEDIA_DIR}/`)) return true;
  if (rel === MEDIA_DIR) return true;
  try {
    const info = lstatSync(join(media, ...rel.slice(MEDIA_DIR.length + 1).split('/')));
    return info.isFile() || info.isDirectory();
  } catch {
    return false;
  }
}

export async function createBackup(options: BackupOptions): Promise<Manifest> {
  const { storage } = options;
  const say = options.onProgress ?? (() => {});
  const target = resolve(options.file);
  if (!existsSync(dirname(target))) throw new BackupError(`cannot write ${options.file}: its folder does not exist`);
  const work = await mkdtemp(join(dirname(target), `.${basename(target)}.work-`));
  try {
    await mkdir(join(work, TABLES_DIR));
    say({ phase: 'snapshot' });
    const { tables, migrations } = await storage.engine.backup.snapshot(storage.db, { dataDir: options.dataDir, workDir: work }, async (snap) => {
      const migrations = await ranMigrations(snap);
      if (migrations.length === 0) throw new BackupError('the database has no Dabir schema yet: nothing to back up');
      const tables: Manifest['tables'] = [];
      for (const table of backedUpTables(await storage.engine.backup.tables(snap))) {
        const out = await open(join(work, TABLES_DIR, `${table.name}.jsonl`), 'w');
        let rows = 0;
        try {
          for await (const page of tableRows(snap, table)) {
            let text = '';
            for (const row of page) {
              const encoded: Record<string, unknown> = {};
              for (const [column, value] of Object.entries(row)) encoded[column] = encodeValue(value);
              text += `${JSON.stringify(encoded)}\n`;
            }
            await out.write(text);
            rows += page.length;
            say({ phase: 'rows', table: table.name, rows });
          }
        } finally {
          await out.close();
        }
        tables.push({ name: table.name, rows });
        say({ phase: 'table', table: table.name, rows });
      }
      return { tables, migrations };
    });
    // Media after the rows: a file a row names was written before its row, so it is there.
    const media = join(options.dataDir, MEDIA_DIR);
    const entries = [MANIFEST, TABLES_DIR];
    let mediaFiles = 0;
    if (existsSync(media)) {
      await symlink(media, join(work, MEDIA_DIR), 'dir');
      mediaFiles = await countFiles(media);
      entries.push(MEDIA_DIR);
    }
    const manifest: Manifest = {
      format: FORMAT,
      version: FORMAT_VERSION,
      engine: storage.engine.name,
      created: (options.now?.() ?? new Date()).toISOString(),
      tables,
      migrations,
      mediaFiles,
    };
    await writeFile(join(work, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
    say({ phase: 'archive', files: mediaFiles });
    const partial = join(work, 'archive.partial');
    // follow: the media link is packed as the folder it points to; portable: no owner or host detail.
    // Below it only what is really a file or a folder is packed: a link in the media folder
    // (to the database, to a folder) is left out, never followed (restore would refuse it anyway).
    await tar.c({ gzip: true, file: partial, cwd: work, follow: true, portable: true, filter: (path) => plainInMedia(media, path) }, entries);
    await rename(partial, target);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
