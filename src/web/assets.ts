/**
 * Static assets: the site's stylesheet and script, and the Vazirmatn font from
 * its npm package, all served by Dabir itself (no other host, ever). They are
 * read once at boot, kept in memory with their gzip and brotli forms, and
 * served with an ETag.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

interface Asset {
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  type: string;
  etag: string;
}

const require = createRequire(import.meta.url);

function fontFile(name: string): string {
  const pkg = dirname(require.resolve('vazirmatn/package.json'));
  return join(pkg, 'fonts', 'webfonts', name);
}

function load(file: string, type: string, compress: boolean): Asset {
  const body = readFileSync(file);
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
  return compress ? { body, type, etag, gzip: gzipSync(body, { level: 9 }), br: brotliCompressSync(body) } : { body, type, etag };
}

/** Serves /static/*: site.css, site.js and the two Vazirmatn weights. */
export function assetsPlugin(app: FastifyInstance): void {
  const here = (name: string) => new URL(`./static/${name}`, import.meta.url).pathname;
  const assets = new Map<string, Asset>([
    ['/static/site.css', load(here('site.css'), 'text/css; charset=utf-8', true)],
    ['/static/site.js', load(here('site.js'), 'text/javascript; charset=utf-8', true)],
    ['/static/fonts/Vazirmatn-Regular.woff2', load(fontFile('Vazirmatn-Regular.woff2'), 'font/woff2', false)],
    ['/static/fonts/Vazirmatn-Bold.woff2', load(fontFile('Vazirmatn-Bold.woff2'), 'font/woff2', false)],
  ]);
  for (const [path, asset] of assets) {
    app.get(path, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      reply.header('etag', asset.etag).header('cache-control', 'public, max-age=604800').header('vary', 'accept-encoding').type(asset.type);
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      const accept = String(request.headers['accept-encoding'] ?? '');
      if (asset.br && /\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(asset.br);
      if (asset.gzip && /\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
      return reply.send(asset.body);
    });
  }
}
