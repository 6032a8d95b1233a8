/**
 * /media/*: the files kept in DABIR_DATA/media (images and files an import
 * brought home from the old site's uploads), served read-only by Dabir itself
 * so a page never loads anything from another host. Only regular files below
 * the folder are served: no listing, no dot-files, no way out of the folder.
 * A symbolic link is never followed, whatever put it there (a restore, an
 * import, a hand): every path component below the folder is checked with
 * lstat to be a real folder, the file itself a real file, and it is opened
 * with O_NOFOLLOW and checked again on the open descriptor, so a link cannot
 * be swapped in between. (The media folder itself may be a link the operator
 * made, e.g. to another disk.)
 * Every answer forbids running anything (a sandboxing Content-Security-Policy
 * and nosniff), so an SVG or HTML file is inert.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.bmp': 'image/bmp',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.ogv': 'video/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

/** A path below the media folder, or undefined for anything that is not plainly one. */
function fileIn(root: string, rel: string): string | undefined {
  const segments = rel.split('/');
  if (segments.length > 16 || segments.some((s) => !s || s.startsWith('.') || s.includes('\\') || s.includes('\0'))) return undefined;
  const file = join(root, ...segments);
  return file.startsWith(root + sep) ? file : undefined;
}

/** Opening flags: read-only, never through a link at the last component, never blocking on a FIFO. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * The regular file at `segments` below `root`, opened, with its stats; undefined when any
 * folder on the way is not a real folder (a link, a file, missing) or the file is not a
 * real file (a link, a FIFO, a device, a folder).
 */
async function openRegularFile(root: string, segments: string[]): Promise<{ handle: FileHandle; stats: Stats } | undefined> {
  const before = await plainFile(root, segments);
  if (!before) return undefined;
  let handle: FileHandle | undefined;
  try {
    handle = await open(join(root, ...segments), OPEN_FLAGS);
    const stats = await handle.stat();
    // Looked at again once open: still real folders on the way, and the very file lstat saw.
    const after = await plainFile(root, segments);
    if (!stats.isFile() || !after || after.ino !== stats.ino || after.dev !== stats.dev || before.ino !== stats.ino || before.dev !== stats.dev) {
      await handle.close();
      return undefined;
    }
    return { handle, stats };
  } catch {
    await handle?.close().catch(() => undefined);
    return undefined;
  }
}

/** lstat of every component below `root`: real folders, then a real file (its stats); undefined otherwise. */
async function plainFile(root: string, segments: string[]): Promise<Stats | undefined> {
  let path = root;
  try {
    for (const [i, segment] of segments.entries()) {
      path = join(path, segment);
      const info = await lstat(path);
      const last = i === segments.length - 1;
      if (last) return info.isFile() ? info : undefined;
      if (!info.isDirectory()) return undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export function mediaPlugin(app: FastifyInstance, dataDir: string): void {
  const root = resolve(dataDir, 'media');
  app.get<{ Params: { '*': string } }>('/media/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const file = fileIn(root, request.params['*'] ?? '');
    const opened = file ? await openRegularFile(root, file.slice(root.length + 1).split(sep)) : undefined;
    if (!file || !opened) return reply.callNotFound();
    const { handle, stats } = opened;
    const etag = `W/"${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}"`;
    reply
      .type(TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream')
      .header('etag', etag)
      .header('last-modified', stats.mtime.toUTCString())
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox");
    if (request.headers['if-none-match'] === etag) {
      await handle.close();
      return reply.code(304).send();
    }
    reply.header('content-length', stats.size);
    // The stream reads the descriptor opened above (never the path again) and closes it.
    return reply.send(handle.createReadStream({ autoClose: true }));
  });
}
