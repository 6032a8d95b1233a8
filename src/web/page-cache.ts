/**
 * Rendered public pages kept in memory (lru-cache with a byte budget) until
 * something they show changes. Each entry carries the change keys it depends
 * on (`article:387228`, `front`, …); the change bus drops matching entries on
 * every instance. Compressed forms are made once per entry, on first demand.
 * Pages go out with conditional GET (ETag and Last-Modified, RFC 9110 §13).
 */
import { hash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { ChangeBus } from '../events/index.js';
import type { Db } from '../storage/index.js';

export interface CachedPage {
  body: Buffer;
  etag: string;
  type: string;
  status: number;
  /** Change keys this page shows. */
  keys: readonly string[];
  /** Whatever the route needs to know about the page without rendering it (a story's slug). */
  meta?: string;
  /** Its Last-Modified, an HTTP date (feeds and sitemaps). */
  lastModified?: string;
  gzip?: Buffer;
  br?: Buffer;
}

/** The default budget: rendered pages and their compressed forms, all public routes together. */
export const DEFAULT_PAGE_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * What an entry is charged against the budget: its body, the gzip and brotli
 * forms it may gain (together about half the body for Persian HTML; they are made
 * on first demand, after the entry's size is fixed) and the bookkeeping.
 */
function entrySize(page: CachedPage): number {
  return Math.ceil(page.body.length * 1.5) + 512;
}

/** What a plugin of cached public routes (pages, feeds, sitemaps) is given. */
export interface CachedRoutesDeps {
  db: Db;
  bus: ChangeBus;
  /** The public pages' shared cache (the app's); a cache of its own when absent. */
  cache?: PageCache;
  /** The site's public origin, without a trailing slash. */
  baseUrl: string;
  now: () => Date;
  /** Site name shown in headers and feeds; «دبیر» by default. */
  siteName?: string;
}

/** A rendered page as a route hands it to the cache. */
export interface NewPage {
  body: string;
  type: string;
  status?: number;
  keys: readonly string[];
  meta?: string;
  lastModified?: string;
}

export class PageCache {
  private readonly lru: LRUCache<string, CachedPage>;
  /** key → cache entries that depend on it. */
  private readonly byKey = new Map<string, Set<string>>();
  /** A budget of 0 keeps nothing: every request renders. */
  private readonly keeps: boolean;

  constructor(options: { maxBytes?: number; ttlMs?: number } = {}) {
    const maxBytes = options.maxBytes ?? DEFAULT_PAGE_CACHE_BYTES;
    this.keeps = maxBytes > 0;
    this.lru = new LRUCache<string, CachedPage>({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: entrySize,
      ttl: options.ttlMs ?? 5 * 60_000,
      dispose: (page, url) => {
        for (const key of page.keys) {
          const set = this.byKey.get(key);
          set?.delete(url);
          if (set?.size === 0) this.byKey.delete(key);
        }
      },
    });
  }

  get(url: string): CachedPage | undefined {
    return this.lru.get(url);
  }

  set(url: string, page: NewPage): CachedPage {
    const body = Buffer.from(page.body, 'utf8');
    const entry: CachedPage = {
      body,
      type: page.type,
      status: page.status ?? 200,
      keys: page.keys,
      ...(page.meta !== undefined && { meta: page.meta }),
      ...(page.lastModified !== undefined && { lastModified: page.lastModified }),
      etag: `"${hash('sha1', body, 'base64url').slice(0, 20)}"`,
    };
    if (!this.keeps) return entry;
    this.lru.set(url, entry);
    for (const key of page.keys) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(url);
    }
    return entry;
  }

  /** The page at `url`, rendered and kept on a miss; undefined when `render` says there is no such page. */
  async fill(url: string, render: () => Promise<NewPage | undefined>): Promise<CachedPage | undefined> {
    const kept = this.lru.get(url);
    if (kept) return kept;
    const rendered = await render();
    return rendered && this.set(url, rendered);
  }

  /** Drops every page that shows any of these keys; `*` drops everything. */
  invalidate(keys: readonly string[]): void {
    if (keys.includes('*')) return this.clear();
    for (const key of keys) {
      const urls = this.byKey.get(key);
      if (!urls) continue;
      for (const url of [...urls]) this.lru.delete(url);
    }
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }

  /** Bytes charged against the budget. */
  get bytes(): number {
    return this.lru.calculatedSize;
  }
}

/** A cache that drops what the change bus says has changed (for a route that has no shared cache). */
export function watchedCache(bus: ChangeBus, options: { maxBytes?: number; ttlMs?: number } = {}): PageCache {
  const cache = new PageCache(options);
  bus.subscribe((keys) => cache.invalidate(keys));
  return cache;
}

/**
 * zlib's one-shot calls return a view into a 16 KiB output chunk; a 3 KiB page
 * kept that way holds the whole chunk for as long as it is cached. An exact copy
 * (outside Buffer's shared pool, so it holds nothing else either) lets the chunk go.
 */
function exact(view: Buffer): Buffer {
  if (view.byteLength === view.buffer.byteLength) return view;
  const copy = Buffer.allocUnsafeSlow(view.byteLength);
  view.copy(copy);
  return copy;
}

/**
 * Brotli at quality 5 with a window no larger than the page: the encoder's
 * working memory follows the window (4 MiB at the default), and a window past
 * the page's own length gains nothing.
 */
function brotliParams(length: number): Record<number, number> {
  const window = Math.min(24, Math.max(16, Math.ceil(Math.log2(length + 1))));
  return { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_LGWIN]: window, [zlib.BROTLI_PARAM_SIZE_HINT]: length };
}

/** The body in the best encoding the client accepts; compresses on first demand. */
export function encoded(page: CachedPage, acceptEncoding: string | undefined): { body: Buffer; encoding?: 'br' | 'gzip' } {
  const accept = acceptEncoding ?? '';
  if (page.body.length < 1024) return { body: page.body };
  if (/\bbr\b/.test(accept)) {
    page.br ??= exact(brotliCompressSync(page.body, { params: brotliParams(page.body.length) }));
    return { body: page.br, encoding: 'br' };
  }
  if (/\bgzip\b/.test(accept)) {
    page.gzip ??= exact(gzipSync(page.body, { level: 6 }));
    return { body: page.gzip, encoding: 'gzip' };
  }
  return { body: page.body };
}

/** Whether the client's copy is current (RFC 9110 §13.1.1, §13.1.3; If-Modified-Since only without If-None-Match). */
export function notModified(request: FastifyRequest, etag: string, lastModified: string | undefined): boolean {
  const inm = request.headers['if-none-match'];
  if (inm !== undefined) {
    const tags = inm.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag);
  }
  const ims = request.headers['if-modified-since'];
  if (ims === undefined || lastModified === undefined) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Date.parse(lastModified) <= since;
}

/**
 * Sends a cached page: its status, type, ETag, Last-Modified and `cacheControl`; a 304 for
 * a client whose copy is current; else the body in the best encoding the client accepts.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage, cacheControl: string): FastifyReply {
  reply.code(page.status).type(page.type).header('etag', page.etag).header('cache-control', cacheControl).header('vary', 'accept-encoding');
  if (page.lastModified) reply.header('last-modified', page.lastModified);
  if (page.status === 200 && notModified(request, page.etag, page.lastModified)) return reply.code(304).send();
  const { body, encoding } = encoded(page, request.headers['accept-encoding']);
  if (encoding) reply.header('content-encoding', encoding);
  return reply.send(body);
}

/** An HTTP date (RFC 9110 §5.6.7) for an instant, to the second. */
export function httpDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString();
}

/** A rendered document and what the cache needs to know about it. */
export interface Rendered {
  body: string;
  /** Change keys the document shows (`feeds`, `service:politics`, `sitemap`). */
  keys: string[];
  /** The newest change it shows (epoch ms): its Last-Modified. */
  lastModified?: number;
}

/**
 * Serves `url` from `cache`, rendering it on a miss, with ETag, Last-Modified and a 304 for
 * a client whose copy is current (feeds and sitemaps). `render` answering `undefined` means
 * there is no such document (404).
 */
export async function serveCached(
  opts: { cache: PageCache; request: FastifyRequest; reply: FastifyReply; url: string; type: string; maxAge: number },
  render: () => Promise<Rendered | undefined>,
): Promise<FastifyReply | undefined> {
  const page = await opts.cache.fill(opts.url, async () => {
    const rendered = await render();
    return (
      rendered && {
        body: rendered.body,
        type: opts.type,
        keys: rendered.keys,
        ...(rendered.lastModified !== undefined && { lastModified: httpDate(rendered.lastModified) }),
      }
    );
  });
  return page && sendPage(opts.request, opts.reply, page, `public, max-age=${opts.maxAge}`);
}
