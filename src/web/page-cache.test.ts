import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createLocalBus } from '../events/index.js';
import { encoded, PageCache, watchedCache } from './page-cache.js';

const page = (text: string, keys: string[]) => ({ body: text, type: 'text/html; charset=utf-8', keys });
const story = (code: number) => `<p>${'متن خبر شماره '.repeat(200)}${code}</p>`;

describe('page cache', () => {
  it('drops exactly the pages that show a changed key', () => {
    const cache = new PageCache();
    cache.set('/news/1', page(story(1), ['article:1', 'comments:1']));
    cache.set('/news/2', page(story(2), ['article:2', 'article:1']));
    cache.set('/', page('front', ['front']));
    cache.invalidate(['article:1']);
    expect(cache.get('/news/1')).toBeUndefined();
    expect(cache.get('/news/2')).toBeUndefined();
    expect(cache.get('/')).toBeDefined();
    cache.invalidate(['*']);
    expect(cache.size).toBe(0);
  });

  it('follows the change bus when made with watchedCache', async () => {
    const bus = createLocalBus();
    const cache = watchedCache(bus);
    cache.set('/service/economy', page('list', ['service:economy', 'front']));
    await bus.publish(['front']);
    expect(cache.get('/service/economy')).toBeUndefined();
  });

  it('keeps within its byte budget, dropping the least recently used', () => {
    const cache = new PageCache({ maxBytes: 200_000 });
    for (let code = 0; code < 100; code++) cache.set(`/news/${code}`, page(story(code), [`article:${code}`]));
    expect(cache.bytes).toBeLessThanOrEqual(200_000);
    expect(cache.size).toBeGreaterThan(3);
    expect(cache.size).toBeLessThan(100);
    expect(cache.get('/news/99')).toBeDefined();
    expect(cache.get('/news/0')).toBeUndefined();
  });

  it('keeps nothing with a budget of 0, but still hands back the entry to send', () => {
    const cache = new PageCache({ maxBytes: 0 });
    const entry = cache.set('/', page(story(1), ['front']));
    expect(entry.body.toString('utf8')).toBe(story(1));
    expect(entry.etag).toMatch(/^"[\w-]{20}"$/);
    expect(cache.get('/')).toBeUndefined();
  });

  it('gives the same ETag for the same bytes and another for other bytes', () => {
    const cache = new PageCache();
    const a = cache.set('/a', page(story(1), []));
    const b = cache.set('/b', page(story(1), []));
    const c = cache.set('/c', page(story(2), []));
    expect(a.etag).toBe(b.etag);
    expect(c.etag).not.toBe(a.etag);
  });

  it('compresses once, into buffers that hold only their own bytes', () => {
    const cache = new PageCache();
    const entry = cache.set('/news/7', page(story(7), ['article:7']));
    const br = encoded(entry, 'gzip, deflate, br');
    const gz = encoded(entry, 'gzip');
    expect(br.encoding).toBe('br');
    expect(gz.encoding).toBe('gzip');
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(story(7));
    expect(gunzipSync(gz.body).toString('utf8')).toBe(story(7));
    // Not a view into zlib's 16 KiB output chunk (that would keep the chunk alive).
    expect(gz.body.buffer.byteLength).toBe(gz.body.byteLength);
    expect(br.body.buffer.byteLength).toBe(br.body.byteLength);
    expect(encoded(entry, 'br').body).toBe(br.body);
    expect(encoded(entry, undefined)).toEqual({ body: entry.body });
  });
});
