import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app.js';

const STRICT =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/** The policy with one space after each `;`, however the header was joined. */
const csp = (value: unknown) => String(value).split(/;\s*/).join('; ');

describe('security headers', () => {
  let t: TestApp;
  let story = '';
  beforeAll(async () => {
    t = await testApp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/articles',
      headers: { authorization: `Bearer ${t.token}` },
      payload: { title: 'سرخط آزمایشی', body: '<p>متن</p>', service: 'سیاسی', tags: ['آزمایش'], status: 'published' },
    });
    expect(res.statusCode).toBe(201);
    story = new URL(res.json().url).pathname;
  });
  afterAll(async () => t?.cleanup());

  const publicPaths = () => [
    '/',
    story,
    `/news/${story.split('/')[2]}`,
    '/service/%D8%B3%DB%8C%D8%A7%D8%B3%DB%8C',
    '/tag/%D8%A2%D8%B2%D9%85%D8%A7%DB%8C%D8%B4',
    '/search?q=%D8%B3%D8%B1%D8%AE%D8%B7',
    '/news/999999999',
    '/no-such-page',
    '/rss.xml',
    '/atom.xml',
    '/feed.json',
    '/sitemap.xml',
    '/sitemap-news.xml',
    '/healthz',
    '/metrics',
    '/api/v1/articles',
    '/api/v1/articles/1',
    '/api/v1/no-such-call',
    '/api/docs/openapi.json',
  ];

  it('sends the strict policy and the usual headers with every public page, feed and API answer', async () => {
    const seen: string[] = [];
    for (const url of publicPaths()) {
      const res = await t.app.inject({ method: 'GET', url });
      seen.push(`${url} ${res.statusCode}`);
      expect(csp(res.headers['content-security-policy']), url).toBe(STRICT);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['x-dns-prefetch-control'], url).toBe('off');
      expect(res.headers['x-powered-by'], url).toBeUndefined();
      // Plain HTTP: no HSTS.
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    // The pages were real pages, not all errors.
    expect(seen.filter((s) => s.endsWith(' 200')).length).toBeGreaterThanOrEqual(12);
  });

  it('sends the headers with static files and with error answers to bad requests', async () => {
    const css = await t.app.inject({ method: 'GET', url: '/static/site.css' });
    expect(csp(css.headers['content-security-policy'])).toBe(STRICT);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/articles',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
      payload: '{',
    });
    expect(bad.statusCode).toBe(400);
    expect(csp(bad.headers['content-security-policy'])).toBe(STRICT);
    expect(bad.headers['x-content-type-options']).toBe('nosniff');
  });

  it('keeps the newsroom on its own policy, which the editor needs, with the same framing and sniffing rules', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/newsroom/login' });
    expect(res.statusCode).toBe(200);
    const policy = csp(res.headers['content-security-policy']);
    expect(policy).not.toBe(STRICT);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never allows inline or evaluated script in the public policy', () => {
    const script = /script-src ([^;]*)/.exec(STRICT)![1]!;
    expect(script).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:|http/);
  });

  it('adds HSTS only to requests that came over TLS through the trusted proxy', async () => {
    const behind = await testApp({ env: { DABIR_TRUST_PROXY: '127.0.0.1' } });
    const stranger = { remoteAddress: '203.0.113.9' };
    try {
      const tls = await behind.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
      expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const plain = await behind.app.inject({ method: 'GET', url: '/' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      // Not from a trusted proxy: the header is a claim anyone can make.
      const spoofed = await behind.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' }, ...stranger });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await behind.cleanup();
    }
  });
});
