/**
 * Uploaded files brought home: with `--uploads <dir>` (a copy of the old
 * site's wp-content/uploads), a file the export points at is copied to
 * DABIR_DATA/media under the same relative path and its address becomes
 * /media/…, served by Dabir itself. Without the folder, or for a file not in
 * it, the old address is kept (the sanitizer shows an image from another host
 * as a link to it).
 *
 * The uploads copy is not trusted: only a regular file whose every folder on
 * the way is a real folder below the uploads folder is copied. A symbolic link
 * (to /etc/passwd, to DABIR_DATA/dabir.sqlite, to a folder), a FIFO, a device
 * is skipped, never followed, and listed with its reason in the import's
 * report; it keeps its old address. The file is opened with O_NOFOLLOW and
 * checked again on the open descriptor, and written into the media folder
 * through a temporary file renamed into place, never through a link found
 * there.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ownPath, type SiteAddress } from './plan.js';
import { decodePath } from './text.js';

const UPLOADS = '/wp-content/uploads/';

/**
 * The path of a file below wp-content/uploads (`2024/05/photo.jpg`) for one of
 * the site's upload addresses, or undefined. Refuses anything that could leave
 * the folder: empty, `.` or `..` segments, hidden files, backslashes, NUL.
 */
export function uploadsPath(url: string, site: SiteAddress): string | undefined {
  const path = ownPath(url.split('#')[0]!.split('?')[0]!, site);
  if (!path) return undefined;
  const at = path.indexOf(UPLOADS);
  if (at === -1) return undefined;
  return safeRelative(decodePath(path.slice(at + UPLOADS.length)));
}

export function safeRelative(rel: string): string | undefined {
  const segments = rel.split('/');
  if (segments.length === 0 || segments.length > 12) return undefined;
  for (const s of segments) {
    if (!s || s === '.' || s === '..' || s.startsWith('.') || /[\\\0]/.test(s) || s.length > 255) return undefined;
  }
  return segments.join('/');
}

/** The public address of a file kept in the media folder. */
export function mediaUrl(rel: string): string {
  return `/media/${rel.split('/').map(encodeURIComponent).join('/')}`;
}

/** A file of the uploads copy that was not copied because it is not plainly a regular file inside it. */
export interface SkippedUpload {
  /** Below the uploads folder, e.g. `2024/05/photo.jpg`. */
  path: string;
  /** `a symbolic link`, `inside a symbolic link (2024)`, `not a regular file (FIFO)`… */
  reason: string;
}

/** Skipped files listed one by one; past this many they are only counted. */
const MAX_SKIPPED_LISTED = 100;

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

const isStats = (x: Stats | 'missing' | { reason: string }): x is Stats => typeof x === 'object' && 'isFile' in x;

function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'not a regular file (FIFO)';
  if (stats.isSocket()) return 'not a regular file (socket)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'not a regular file (device)';
  return 'not a regular file';
}

/**
 * Why `segments` below `root` is not plainly a regular file inside it (a reason), or
 * `missing`, or its stats. Every component is looked at with lstat: a link is never followed.
 */
function inspect(root: string, segments: string[]): Stats | 'missing' | { reason: string } {
  let path = root;
  for (const [i, segment] of segments.entries()) {
    path = join(path, segment);
    let stats: Stats;
    try {
      stats = lstatSync(path);
    } catch {
      return 'missing';
    }
    const last = i === segments.length - 1;
    if (last && stats.isFile()) return stats;
    if (!last && stats.isDirectory()) continue;
    if (!last && !stats.isSymbolicLink()) return 'missing';
    const where = segments.slice(0, i + 1).join('/');
    return { reason: last ? kindOf(stats) : `inside a symbolic link (${where})` };
  }
  return 'missing';
}

export class MediaCopier {
  /** Files copied (or, in a dry run, that would be). */
  copied = 0;
  /** Files the export pointed at that were not in the uploads folder. */
  missing = 0;
  /** Files the export pointed at that were there but not regular files inside it: counted, and the first ones listed. */
  skippedCount = 0;
  readonly skipped: SkippedUpload[] = [];
  private readonly seen = new Map<string, string | undefined>();
  private readonly skippedPaths = new Set<string>();
  private realUploads: string | undefined;

  constructor(
    private readonly options: {
      /** The old site's uploads folder; undefined: keep every address as it is. */
      uploadsDir: string | undefined;
      /** DABIR_DATA/media */
      mediaDir: string;
      site: SiteAddress;
      dryRun: boolean;
    },
  ) {}

  /** The /media/… address for an old upload address, copying the file on first sight; undefined to keep the old one. */
  urlFor(url: string): string | undefined {
    const rel = uploadsPath(url, this.options.site);
    return rel === undefined ? undefined : this.fileFor(rel);
  }

  /** Same, from a path below wp-content/uploads. */
  fileFor(rel: string): string | undefined {
    const { uploadsDir } = this.options;
    if (!uploadsDir) return undefined;
    const safe = safeRelative(rel);
    if (!safe) return undefined;
    if (this.seen.has(safe)) return this.seen.get(safe);
    // Remember a bounded number of answers; a file asked for again after that is only checked again.
    if (this.seen.size > 20_000) this.seen.clear();
    let answer: string | undefined;
    const outcome = this.copy(safe);
    if (outcome === 'copied') answer = mediaUrl(safe);
    else if (outcome === 'missing') this.missing++;
    else this.skip(safe, outcome.reason);
    this.seen.set(safe, answer);
    return answer;
  }

  private skip(path: string, reason: string): void {
    // Counted once even when asked for again after the answers were forgotten.
    if (this.skippedPaths.has(path)) return;
    if (this.skippedPaths.size < 100_000) this.skippedPaths.add(path);
    this.skippedCount++;
    if (this.skipped.length < MAX_SKIPPED_LISTED) this.skipped.push({ path, reason });
  }

  /** The uploads folder as it really is (the operator may name it through a link of their own). */
  private uploadsRoot(): string {
    if (this.realUploads === undefined) {
      try {
        this.realUploads = realpathSync(resolve(this.options.uploadsDir!));
      } catch {
        this.realUploads = resolve(this.options.uploadsDir!);
      }
    }
    return this.realUploads;
  }

  /** Copies one file of the uploads copy into the media folder when it is plainly a regular file inside it. */
  private copy(safe: string): 'copied' | 'missing' | { reason: string } {
    const root = this.uploadsRoot();
    const segments = safe.split('/');
    const found = inspect(root, segments);
    if (!isStats(found)) return found;
    const source = join(root, ...segments);
    // Belt and braces: the real path must be inside the uploads folder.
    let real: string;
    try {
      real = realpathSync(source);
    } catch {
      return 'missing';
    }
    if (!real.startsWith(root + sep)) return { reason: 'outside the uploads folder' };
    const there = inspect(resolve(this.options.mediaDir), segments);
    if (there !== 'missing' && !isStats(there)) return { reason: `in the media folder, ${there.reason}` };
    if (isStats(there) && there.size === found.size) return 'copied';
    if (this.options.dryRun) {
      this.copied++;
      return 'copied';
    }
    let fd: number;
    try {
      fd = openSync(source, OPEN_FLAGS);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ELOOP' ? { reason: 'a symbolic link' } : 'missing';
    }
    try {
      const opened = fstatSync(fd);
      if (!opened.isFile() || opened.ino !== found.ino || opened.dev !== found.dev) return { reason: 'changed while it was read (not a regular file)' };
      const folder = this.folderFor(segments.slice(0, -1));
      if (!folder) return { reason: 'the media folder holds a link or a file on this path' };
      writeFromFd(fd, join(folder, segments.at(-1)!));
    } finally {
      closeSync(fd);
    }
    this.copied++;
    return 'copied';
  }

  /** The folder in the media folder for these segments, made as real folders; undefined when a link or a file is in the way. */
  private folderFor(segments: string[]): string | undefined {
    let path = resolve(this.options.mediaDir);
    mkdirSync(path, { recursive: true });
    for (const segment of segments) {
      path = join(path, segment);
      try {
        mkdirSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (!lstatSync(path).isDirectory()) return undefined;
    }
    return path;
  }
}

/** Writes what `fd` holds to a temporary file beside `target`, then renames it over `target` (a link there is replaced, not followed). */
function writeFromFd(fd: number, target: string): void {
  const temp = `${target}.dabir-${process.pid}-${Date.now().toString(36)}.part`;
  const out = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
  try {
    const buffer = Buffer.allocUnsafe(1 << 16);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      let written = 0;
      while (written < n) written += writeSync(out, buffer, written, n - written);
    }
    closeSync(out);
    renameSync(temp, target);
  } catch (error) {
    try {
      closeSync(out);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw error;
  }
}
