/**
 * Uploaded files brought home: with `--uploads <dir>` (a copy of the old
 * site's wp-content/uploads), a file the export points at is copied to
 * DABIR_DATA/media under the same relative path and its address becomes
 * /media/…, served by Dabir itself. Without the folder, or for a file not in
 * it, the old address is kept (the sanitizer shows an image from another host
 * as a link to it).
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
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

export class MediaCopier {
  /** Files copied (or, in a dry run, that would be). */
  copied = 0;
  /** Files the export pointed at that were not in the uploads folder. */
  missing = 0;
  private readonly seen = new Map<string, string | undefined>();

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
    const { uploadsDir, mediaDir, dryRun } = this.options;
    if (!uploadsDir) return undefined;
    const safe = safeRelative(rel);
    if (!safe) return undefined;
    if (this.seen.has(safe)) return this.seen.get(safe);
    // Remember a bounded number of answers; a file asked for again after that is only checked again.
    if (this.seen.size > 20_000) this.seen.clear();
    const source = resolve(uploadsDir, ...safe.split('/'));
    let answer: string | undefined;
    if (source.startsWith(resolve(uploadsDir) + sep) && isFile(source)) {
      const target = join(mediaDir, ...safe.split('/'));
      const size = statSync(source).size;
      if (!isFile(target) || statSync(target).size !== size) {
        if (!dryRun) {
          mkdirSync(dirname(target), { recursive: true });
          copyFileSync(source, target);
        }
        this.copied++;
      }
      answer = mediaUrl(safe);
    } else {
      this.missing++;
    }
    this.seen.set(safe, answer);
    return answer;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
