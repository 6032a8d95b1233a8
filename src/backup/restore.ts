/**
 * `dabir restore`: puts a backup's rows and media back into a site, empty or not, with the
 * server stopped. Every backed-up table is emptied and refilled in one transaction
 * (foreign-key order from the catalogue), identity counters move on, the media folder is
 * replaced, and the search index is rebuilt from the restored stories. Rows are logical, so
 * a backup of either engine restores into either.
 *
 * A backup is not trusted to be one `dabir backup` wrote: it may hold only regular files and
 * folders. Any link (symbolic, relative or absolute, or hard), FIFO or device is refused
 * before anything changes: the archive is read through once and checked entry by entry
 * before it is unpacked, unpacking refuses the same entries again, and what was unpacked is
 * looked at with lstat before it is used. A refusal leaves the database, the media folder and
 * DABIR_DATA as they were.
 */
import { createReadStream, existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as tar from 'tar';
import type { Kysely } from 'kysely';
import { rebuildSearchIndex, readSynonymSetting, synonymsFromSetting } from '../search/index.js';
import type { Database, Storage, TableInfo } from '../storage/index.js';
import { ranMigrations } from './backup.js';
import { BackupError, type Progress } from './errors.js';
import { decodeValue, entryProblem, MANIFEST, manifestProblem, MEDIA_DIR, TABLES_DIR, type Manifest } from './format.js';
import { backedUpTables } from './order.js';
import { byCatalogue } from './rows.js';

export interface RestoreOptions {
  /** The site to restore into, migrated to this version's schema. */
  storage: Storage;
  /** DABIR_DATA: its media folder is replaced by the backup's. */
  dataDir: string;
  file: string;
  now?: () => Date;
  onProgress?: (progress: Progress) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  /** Stories the rebuilt search index holds. */
  indexed: number;
}

/** Bound parameters per insert statement (SQLite allows 32766, PostgreSQL 65535). */
const PARAMS_PER_STATEMENT = 8000;

const refused = (file: string, reason: string) => new BackupError(`${file} is refused: ${reason}; nothing was restored`);

/** The archive is a file; else a one-line reason. */
async function checkFile(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new BackupError(`${file} is not a file`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Reads the whole archive once, writing nothing, and refuses it at the first entry that is not a file or a folder. */
async function scan(file: string): Promise<void> {
  let problem: string | null = null;
  try {
    await tar.t({
      file,
      strict: true,
      onReadEntry: (entry) => {
        problem ??= entryProblem(entry);
      },
    });
  } catch (error) {
    throw new BackupError(`${file} is not a Dabir backup (${(error as { code?: string }).code ?? 'unreadable archive'})`);
  }
  if (problem) throw refused(file, problem);
}

/** Whatever is below `dir` that is not a real file or folder (nothing should be: the entries were checked). */
async function notPlain(dir: string, rel = ''): Promise<string | null> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      const below = await notPlain(join(dir, entry.name), path);
      if (below) return below;
    } else if (!entry.isFile()) return path;
  }
  return null;
}

async function unpack(file: string, into: string): Promise<Manifest> {
  let problem: string | null = null;
  try {
    // strict: a damaged or foreign archive fails instead of being half read; tar refuses
    // absolute paths and `..` by itself. The filter refuses again what scan() refused, in
    // case the file changed since.
    await tar.x({
      file,
      cwd: into,
      strict: true,
      preserveOwner: false,
      filter: (_path, entry) => {
        const why = 'type' in entry ? entryProblem(entry) : 'not an archive entry';
        problem ??= why;
        return why === null;
      },
    });
  } catch (error) {
    throw new BackupError(`${file} is not a Dabir backup (${(error as { code?: string }).code ?? 'unreadable archive'})`);
  }
  if (problem) throw refused(file, problem);
  const odd = await notPlain(into);
  if (odd) throw refused(file, `${odd} is not a regular file or folder; a Dabir backup holds only files and folders`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(into, MANIFEST), 'utf8'));
  } catch {
    throw new BackupError(`${file} is not a Dabir backup (no manifest)`);
  }
  const problemWithManifest = manifestProblem(manifest);
  if (problemWithManifest) throw new BackupError(`${file} ${problemWithManifest}`);
  return manifest as Manifest;
}

/** lstat, or undefined when nothing is there. */
async function lstatOrNot(path: string) {
  try {
    return await lstat(path);
  } catch {
    return undefined;
  }
}

async function insertRows(site: Kysely<Database>, table: TableInfo, file: string, say: (p: Progress) => void, total: number): Promise<number> {
  if (!existsSync(file)) return 0;
  const db = byCatalogue(site);
  const known = new Set(table.columns);
  const perStatement = Math.max(1, Math.floor(PARAMS_PER_STATEMENT / Math.max(1, table.columns.length)));
  let batch: Record<string, unknown>[] = [];
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db.insertInto(table.name).values(batch).execute();
    rows += batch.length;
    batch = [];
    say({ phase: 'rows', table: table.name, rows, total });
  };
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    const row: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(JSON.parse(line) as Record<string, unknown>)) {
      if (!known.has(column))
        throw new BackupError(`the backup's table ${table.name} has a column this Dabir does not know (${column}): it was made by a newer Dabir`);
      row[column] = decodeValue(value);
    }
    batch.push(row);
    if (batch.length >= perStatement) await flush();
  }
  await flush();
  return rows;
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const { storage } = options;
  const db = storage.db;
  const say = options.onProgress ?? (() => {});
  // Checked before anything changes: a refused archive leaves no trace, not even a scratch folder.
  await checkFile(options.file);
  await scan(options.file);
  await mkdir(options.dataDir, { recursive: true });
  // Unpacked inside the data folder: the media folder is then moved into place, not copied.
  const work = await mkdtemp(join(options.dataDir, '.restore-'));
  try {
    say({ phase: 'unpack' });
    const manifest = await unpack(options.file, work);
    const here = new Set(await ranMigrations(db));
    const unknown = manifest.migrations.find((m) => !here.has(m));
    if (unknown) throw new BackupError(`${options.file} was made by a newer Dabir (its database has migration ${unknown}, unknown here)`);
    const tables = backedUpTables(await storage.engine.backup.tables(db));
    const byName = new Map(tables.map((t) => [t.name, t]));
    const missing = manifest.tables.find((t) => !byName.has(t.name));
    if (missing) throw new BackupError(`${options.file} was made by a newer Dabir (table ${missing.name} is unknown here)`);
    const expected = new Map(manifest.tables.map((t) => [t.name, t.rows]));
    await db.transaction().execute(async (trx) => {
      // Children before parents when emptying, parents before children when filling.
      for (const table of [...tables].reverse()) await byCatalogue(trx).deleteFrom(table.name).execute();
      for (const table of tables) {
        const want = expected.get(table.name) ?? 0;
        const got = await insertRows(trx, table, join(work, TABLES_DIR, `${table.name}.jsonl`), say, want);
        if (got !== want) throw new BackupError(`${options.file} is damaged: table ${table.name} has ${got} rows, its manifest says ${want}`);
        say({ phase: 'table', table: table.name, rows: got });
      }
      await storage.engine.backup.afterRestore(trx, tables);
    });
    say({ phase: 'media', files: manifest.mediaFiles });
    const media = join(options.dataDir, MEDIA_DIR);
    // The old folder (or the operator's link to one) is moved aside, not deleted, until the new one is in place.
    const old = join(work, '.media-before');
    const before = await lstatOrNot(media);
    if (before) await rename(media, old);
    try {
      if (existsSync(join(work, MEDIA_DIR))) await rename(join(work, MEDIA_DIR), media);
    } catch (error) {
      if (before) await rename(old, media);
      throw error;
    }
    say({ phase: 'reindex' });
    const synonyms = synonymsFromSetting(await readSynonymSetting(storage.db));
    const { indexed } = await rebuildSearchIndex(storage.db, storage.engine, { now: (options.now?.() ?? new Date()).getTime(), synonyms });
    return { manifest, indexed };
  } finally {
    // Never hides the reason the restore stopped.
    await rm(work, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
  }
}
