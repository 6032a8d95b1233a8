/**
 * /media/*: the files kept in DABIR_DATA/media (images and files an import
 * brought home from the old site's uploads), served read-only by Dabir itself
 * so a page never loads anything from another host. Only regular files below
 * the folder are served: no listing, no dot-files, no way out of the folder.
 * Every answer forbids running anything (a sandboxing Content-Security-Policy
 * and nosniff), so an SVG or HTML file is inert.
 */
import { createReadStream, statSync, type Stats } from 'node:fs';
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

export function mediaPlugin(app: FastifyInstance, dataDir: string): void {
  const root = resolve(dataDir, 'media');
  app.get<{ Params: { '*': string } }>('/media/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const file = fileIn(root, request.params['*'] ?? '');
    let stats: Stats | undefined;
    try {
      stats = file ? statSync(file) : undefined;
    } catch {
      stats = undefined;
    }
    if (!file || !stats?.isFile()) return reply.callNotFound();
    const etag = `W/"${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}"`;
    reply
      .type(TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream')
      .header('etag', etag)
      .header('last-modified', stats.mtime.toUTCString())
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox");
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    reply.header('content-length', stats.size);
    return reply.send(createReadStream(file));
  });
}
