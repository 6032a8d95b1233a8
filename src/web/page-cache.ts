/**
 * Rendered public pages kept in memory (lru-cache with a byte budget) until
 * something they show changes. Each entry carries the change keys it depends
 * on (`article:387228`, `front`, …); the change bus drops matching entries on
 * every instance. Compressed forms are made once per entry, on first demand.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';

export interface CachedPage {
  body: Buffer;
  etag: string;
  type: string;
  status: number;
  /** Change keys this page shows. */
  keys: readonly string[];
  /** Whatever the route needs to know about the page without rendering it (a story's slug). */
  meta?: string;
  gzip?: Buffer;
  br?: Buffer;
}

export class PageCache {
  private readonly lru: LRUCache<string, CachedPage>;
  /** key → cache entries that depend on it. */
  private readonly byKey = new Map<string, Set<string>>();

  constructor(options: { maxBytes?: number; ttlMs?: number } = {}) {
    this.lru = new LRUCache<string, CachedPage>({
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (page) => page.body.length * 2 + 256,
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

  set(url: string, page: { body: string; type: string; status?: number; keys: readonly string[]; meta?: string }): CachedPage {
    const body = Buffer.from(page.body, 'utf8');
    const entry: CachedPage = {
      body,
      type: page.type,
      status: page.status ?? 200,
      keys: page.keys,
      ...(page.meta !== undefined && { meta: page.meta }),
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
    };
    this.lru.set(url, entry);
    for (const key of page.keys) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(url);
    }
    return entry;
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
}

/** The body in the best encoding the client accepts; compresses on first demand. */
export function encoded(page: CachedPage, acceptEncoding: string | undefined): { body: Buffer; encoding?: 'br' | 'gzip' } {
  const accept = acceptEncoding ?? '';
  if (page.body.length < 1024) return { body: page.body };
  if (/\bbr\b/.test(accept)) {
    page.br ??= brotliCompressSync(page.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
    return { body: page.br, encoding: 'br' };
  }
  if (/\bgzip\b/.test(accept)) {
    page.gzip ??= gzipSync(page.body, { level: 6 });
    return { body: page.gzip, encoding: 'gzip' };
  }
  return { body: page.body };
}
