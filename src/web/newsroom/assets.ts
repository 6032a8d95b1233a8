/**
 * The newsroom's static files: its stylesheet, its small script (keyboard
 * shortcuts, bulk selection) and the story editor's bundle, which
 * `scripts/bundle-editor.mjs` makes with esbuild at build time. Read once,
 * kept in memory with gzip and brotli forms. A missing bundle (a checkout that
 * was never built) is looked for again on request instead of failing the start.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { AssetVersions } from './views/layout.js';

interface Asset {
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  type: string;
  etag: string;
}

const FILES = {
  css: { path: '/static/newsroom.css', file: 'newsroom.css', type: 'text/css; charset=utf-8' },
  js: { path: '/static/newsroom.js', file: 'newsroom.js', type: 'text/javascript; charset=utf-8' },
  editor: { path: '/static/newsroom-editor.js', file: 'newsroom-editor.js', type: 'text/javascript; charset=utf-8' },
} as const;

function fileUrl(name: string): URL {
  return new URL(`../static/${name}`, import.meta.url);
}

function load(name: string, type: string): Asset | undefined {
  const url = fileUrl(name);
  if (!existsSync(url)) return undefined;
  const body = readFileSync(url);
  const etag = createHash('sha1').update(body).digest('base64url').slice(0, 16);
  return { body, type, etag, gzip: gzipSync(body, { level: 9 }), br: brotliCompressSync(body) };
}

/** Serves the newsroom's files under /static; returns their versions for the pages' links. */
export function newsroomAssets(app: FastifyInstance): AssetVersions {
  const loaded = new Map<keyof typeof FILES, Asset | undefined>();
  for (const key of Object.keys(FILES) as Array<keyof typeof FILES>) loaded.set(key, load(FILES[key].file, FILES[key].type));
  if (!loaded.get('editor')) app.log.warn('newsroom-editor.js is missing: run `npm run build` (the story editor falls back to plain HTML)');
  const versions: AssetVersions = {
    css: loaded.get('css')?.etag ?? '0',
    js: loaded.get('js')?.etag ?? '0',
    get editor() {
      return loaded.get('editor')?.etag ?? '0';
    },
  };
  for (const key of Object.keys(FILES) as Array<keyof typeof FILES>) {
    const spec = FILES[key];
    app.get(spec.path, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      let asset = loaded.get(key);
      if (!asset) {
        asset = load(spec.file, spec.type);
        loaded.set(key, asset);
      }
      if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('not built');
      const etag = `"${asset.etag}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=604800').header('vary', 'accept-encoding').type(asset.type);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const accept = String(request.headers['accept-encoding'] ?? '');
      if (/\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(asset.br);
      if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
      return reply.send(asset.body);
    });
  }
  return versions;
}
