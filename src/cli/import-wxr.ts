/**
 * `dabir import-wxr <file>`: a WordPress export into Dabir (CONTRACT.md). A
 * progress bar with counts and time left goes to stderr when it is a
 * terminal; the summary goes to stdout. A file that is missing, not XML or
 * not a WordPress export ends the command with a one-line reason and the
 * site as it was. Running it again updates what changed and adds nothing
 * twice; `--dry-run` says what would change and writes nothing.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { buildServices } from '../boot.js';
import type { Config } from '../config.js';
import { createLocalBus } from '../events/index.js';
import { importWxr, isTimeZone, WxrError, type ImportProgress, type ImportReport, type Tally } from '../import/index.js';
import { ensureFirstAdmin } from '../setup/index.js';
import { openStorage, SQLITE_FILE, type Storage } from '../storage/index.js';
import { CliError } from './errors.js';

interface Options {
  codeField?: string;
  uploads?: string;
  dryRun?: boolean;
  postTypes: string;
  timezone: string;
}

function checkInput(file: string, opts: Options): void {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    throw new CliError(`no such file: ${file}`);
  }
  if (!stats.isFile()) throw new CliError(`not a file: ${file}`);
  if (stats.size === 0) throw new CliError(`${file} is empty: this is not a WordPress export (WXR)`);
  if (opts.uploads !== undefined) {
    let dir;
    try {
      dir = statSync(opts.uploads);
    } catch {
      throw new CliError(`no such folder: ${opts.uploads} (--uploads)`);
    }
    if (!dir.isDirectory()) throw new CliError(`not a folder: ${opts.uploads} (--uploads)`);
  }
  if (opts.codeField !== undefined && !/^[^\s]{1,255}$/.test(opts.codeField))
    throw new CliError(`--code-field must be a custom field's name (meta_key), got "${opts.codeField}"`);
  if (!isTimeZone(opts.timezone)) throw new CliError(`unknown time zone "${opts.timezone}" (--timezone), e.g. Asia/Tehran`);
  if (!/^[a-z0-9_-]+(,[a-z0-9_-]+)*$/i.test(opts.postTypes)) throw new CliError(`--post-types must be post types separated by commas, got "${opts.postTypes}"`);
}

/** The progress bar: bytes while reading, items while writing; nothing when stderr is not a terminal. */
function progressBar(): { update(p: ImportProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: '{phase} [{bar}] {percentage}% | {value}/{total} {unit} | {stories} stories, {comments} comments | ETA {eta_formatted}',
    stream: process.stderr,
    hideCursor: true,
    etaBuffer: 200,
    fps: 5,
  });
  let phase: ImportProgress['phase'] | undefined;
  return {
    update(p) {
      const mb = (n: number) => Math.round(n / 1048576);
      const value = p.phase === 'read' ? mb(p.done) : p.done;
      const payload = {
        phase: p.phase === 'read' ? 'reading' : 'writing',
        unit: p.phase === 'read' ? 'MB' : 'items',
        stories: p.stories,
        comments: p.comments,
      };
      if (phase !== p.phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(p.phase === 'read' ? Math.max(1, mb(p.total)) : p.total, value, payload);
      } else bar.update(value, payload);
    },
    stop() {
      if (phase) bar.stop();
      phase = undefined;
    },
  };
}

const tallyText = (t: Tally, dry: boolean) =>
  `${t.created} ${dry ? 'to create' : 'new'}, ${t.updated} ${dry ? 'to update' : 'updated'}, ${t.unchanged} unchanged`;

/** The plain summary printed at the end. */
export function summary(r: ImportReport, where: string): string {
  const dry = r.dryRun;
  const lines = [
    `${dry ? 'dry run (nothing was written)' : 'imported'}: ${r.file} → ${where}`,
    `  items in the file: ${r.items}`,
    `  stories:     ${tallyText(r.stories, dry)}`,
    `  pages:       ${tallyText(r.pages, dry)}`,
    `  attachments: ${tallyText(r.attachments, dry)}; ${r.mediaFiles} files ${dry ? 'to copy' : 'copied'} to the media folder`,
    `  services:    ${tallyText(r.services, dry)}`,
    `  tags:        ${tallyText(r.tags, dry)}`,
    `  authors:     ${tallyText(r.authors, dry)}`,
    `  comments:    ${tallyText(r.comments, dry)} (${r.commentsByStatus.published} published, ${r.commentsByStatus.pending} pending, ${r.commentsByStatus.spam} spam)`,
    `  redirects:   ${r.redirects} ${dry ? 'to write' : 'written'}`,
  ];
  if (r.uploadsSkipped > 0) {
    // Never copied, never followed: each keeps its old address.
    lines.push(`  uploads skipped: ${r.uploadsSkipped} (not a regular file inside the uploads folder; never copied, old addresses kept)`);
    for (const s of r.uploadsSkippedFiles.slice(0, 20)) lines.push(`    ${s.path}: ${s.reason}`);
    if (r.uploadsSkipped > 20) lines.push(`    … and ${r.uploadsSkipped - 20} more`);
  }
  const skipped = Object.entries(r.skipped);
  if (skipped.length > 0) lines.push(`  left out:    ${skipped.map(([why, n]) => `${n} (${why})`).join(', ')}`);
  if (r.warningCount > 0) {
    lines.push(`  warnings:    ${r.warningCount}`);
    for (const w of r.warnings.slice(0, 10)) lines.push(`    ${w}`);
    if (r.warningCount > 10) lines.push(`    … and ${r.warningCount - 10} more`);
  }
  lines.push(`  time: read ${(r.readMs / 1000).toFixed(1)} s, write ${(r.writeMs / 1000).toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}

/**
 * The site's storage; for a dry run on a SQLite site that does not exist yet,
 * an empty throw-away database, so nothing is created where the site will be.
 */
async function storageFor(config: Config, dryRun: boolean): Promise<{ storage: Storage; where: string; done: () => Promise<void> }> {
  if (dryRun && !config.databaseUrl && !existsSync(join(config.dataDir, SQLITE_FILE))) {
    const dir = mkdtempSync(join(tmpdir(), 'dabir-dry-run-'));
    const storage = await openStorage({ dataDir: dir });
    return {
      storage,
      where: `an empty site (${join(config.dataDir, SQLITE_FILE)} does not exist yet)`,
      done: async () => {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  return { storage, where: storage.describe, done: () => storage.close() };
}

export function registerImportWxr(program: Command, loadConfig: () => Config): void {
  program
    .command('import-wxr')
    .description('import a WordPress export (WXR): posts, pages, services, tags, comments, authors; old links redirect')
    .argument('<file>', 'the export file WordPress wrote (Tools → Export)')
    .option('--code-field <meta_key>', 'custom field holding the news code (used when present and free; else the post id, else a new code)')
    .option('--uploads <dir>', "a copy of the old site's wp-content/uploads: files found there are copied to DABIR_DATA/media")
    .option('--dry-run', 'read, check and compare, write nothing; say what would change')
    .option('--post-types <types>', 'post types imported as stories, comma-separated (pages always are)', 'post')
    .option('--timezone <zone>', "the old site's time zone, for dates WordPress kept only in local time", 'Asia/Tehran')
    .action(async (file: string, opts: Options) => {
      checkInput(file, opts);
      const config = loadConfig();
      const dryRun = opts.dryRun === true;
      const { storage, where, done } = await storageFor(config, dryRun);
      const bar = progressBar();
      // The scratch spool lives here; a stopped import removes it on the way out. Each story
      // is written in a transaction of its own, so a stop leaves whole stories only.
      const scratch = mkdtempSync(join(tmpdir(), 'dabir-import-'));
      const stop = (signal: NodeJS.Signals) => {
        bar.stop();
        rmSync(scratch, { recursive: true, force: true });
        process.stderr.write(`dabir: import stopped (${signal}); run it again to finish: nothing is imported twice\n`);
        process.exit(130);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const now = () => new Date();
        if (!dryRun) {
          // Imported authors are users: without this, the site's first start would find users and make no administrator.
          const first = await ensureFirstAdmin(storage.db, { email: config.adminEmail, password: config.adminPassword, now: now() });
          if (first?.generatedPassword)
            process.stdout.write(`dabir: first administrator ${first.user.email} created; password (shown once): ${first.generatedPassword}\n`);
        }
        // The same services a server builds (one article service with its search hook, the site's moderator).
        const services = await buildServices({ config, storage, bus: createLocalBus(), now });
        const report = await importWxr(
          {
            articles: services.articles,
            mediaDir: join(config.dataDir, 'media'),
            moderator: services.moderator,
            clientKey: dryRun ? 'dry-run' : services.comments.clientKey,
          },
          {
            file,
            codeField: opts.codeField,
            uploadsDir: opts.uploads,
            dryRun,
            postTypes: opts.postTypes.split(','),
            timeZone: opts.timezone,
            spoolDir: scratch,
            onProgress: (p) => bar.update(p),
          },
        );
        bar.stop();
        process.stdout.write(summary(report, where));
      } catch (error) {
        bar.stop();
        if (error instanceof WxrError) {
          const at = error.line ? ` (line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''})` : '';
          const what = error.reason === 'xml' ? `${file} is not well-formed XML${at}: ${error.message}` : `${file}${at}: ${error.message}`;
          throw new CliError(`${what}; nothing was imported`);
        }
        throw error;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        rmSync(scratch, { recursive: true, force: true });
        await done();
      }
    });
}
