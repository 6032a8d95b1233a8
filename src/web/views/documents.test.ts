// Properties every public page has: the document shell, one h1, labelled inputs, nothing
// loaded from another host, no inline script or style (a strict CSP comes later).
import { describe, expect, it } from 'vitest';
import { renderArticlePage } from './article.js';
import { renderErrorPage, renderNotFoundPage } from './errors.js';
import { renderFrontPage } from './front.js';
import { renderListPage } from './list.js';
import { sampleArticlePage, sampleFrontPage, sampleListPage, sampleSearchPage } from './sample.js';
import { renderSearchPage } from './search.js';

const closed = sampleArticlePage();
closed.commentForm = { open: false, action: '/x' };
const withCaptcha = sampleArticlePage();
withCaptcha.commentForm.captcha = { challengeJson: '{"algorithm":"SHA-256","challenge":"ab","salt":"s","signature":"x"}' };
const emptySearch = { ...sampleSearchPage(), results: [], total: 0, suggestion: undefined, pagination: undefined };

const pages: Array<[string, string]> = [
  ['front page', renderFrontPage(sampleFrontPage())],
  ['article page', renderArticlePage(withCaptcha)],
  ['article page with comments closed', renderArticlePage(closed)],
  ['service page', renderListPage(sampleListPage())],
  ['tag page', renderListPage({ ...sampleListPage(), kind: 'tag', slug: 'telegram', heading: 'تلگرام' })],
  ['search page', renderSearchPage(sampleSearchPage())],
  ['search page without results', renderSearchPage(emptySearch)],
  ['404 page', renderNotFoundPage()],
  ['error page', renderErrorPage(500, 'خطای داخلی رخ داد.')],
];

const TAG = /<([a-z][a-z0-9-]*)\b([^>]*)>/gi;
function tags(doc: string, name?: string): Array<{ name: string; attrs: string }> {
  const out: Array<{ name: string; attrs: string }> = [];
  for (const m of doc.matchAll(TAG)) {
    const tag = (m[1] ?? '').toLowerCase();
    if (!name || tag === name) out.push({ name: tag, attrs: m[2] ?? '' });
  }
  return out;
}
function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(attrs)?.[1];
}

describe.each(pages)('%s', (_name, doc) => {
  it('starts as a right-to-left Persian HTML document with charset, viewport, title and description', () => {
    expect(doc.startsWith('<!doctype html><html lang="fa" dir="rtl">')).toBe(true);
    expect(doc).toContain('<meta charset="utf-8">');
    expect(doc).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(doc).toMatch(/<title>[^<]+<\/title>/);
    expect(doc).toMatch(/<meta name="description" content="[^"]+">/);
    expect(doc.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('has the landmarks, a skip link to main, and exactly one h1', () => {
    for (const landmark of ['<header', '<nav', '<main id="main"', '<footer']) expect(doc).toContain(landmark);
    expect(doc).toContain('href="#main"');
    expect(doc.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  it('loads its stylesheet, deferred script and preloaded font from /static on this site', () => {
    expect(doc).toContain('<link rel="stylesheet" href="/static/site.css">');
    expect(doc).toContain('<script src="/static/site.js" defer></script>');
    expect(doc).toContain('<link rel="preload" href="/static/fonts/Vazirmatn-Regular.woff2" as="font" type="font/woff2" crossorigin>');
  });

  it('asks no other host for anything in its link, script and img tags', () => {
    for (const t of [...tags(doc, 'link'), ...tags(doc, 'script'), ...tags(doc, 'img')]) {
      for (const name of ['href', 'src', 'srcset']) {
        const url = attr(t.attrs, name);
        if (url === undefined) continue;
        expect(url).not.toMatch(/^\s*\/\//);
        if (/^https?:/i.test(url)) expect(new URL(url).host).toBe('dabir.example');
      }
    }
  });

  it('has no inline script (JSON-LD data blocks aside), no inline style and no event-handler attributes', () => {
    // `application/ld+json` is a data block, never run (HTML Living Standard §4.12.1), so CSP allows it.
    for (const t of tags(doc, 'script')) if (attr(t.attrs, 'type') !== 'application/ld+json') expect(attr(t.attrs, 'src')).toBeDefined();
    expect(doc).not.toMatch(/<style[\s>]/i);
    for (const t of tags(doc)) {
      expect(t.attrs).not.toMatch(/\sstyle=/i);
      expect(t.attrs).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('labels every visible form field', () => {
    for (const t of [...tags(doc, 'input'), ...tags(doc, 'textarea')]) {
      if (attr(t.attrs, 'type') === 'hidden') continue;
      const id = attr(t.attrs, 'id');
      expect(id, t.attrs).toBeDefined();
      expect(doc).toMatch(new RegExp(`<label[^>]* for="${id}"`));
    }
  });

  it('uses no id twice', () => {
    const ids = tags(doc)
      .map((t) => attr(t.attrs, 'id'))
      .filter((id) => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every image its size and a text alternative', () => {
    for (const t of tags(doc, 'img')) {
      expect(attr(t.attrs, 'width')).toMatch(/^\d+$/);
      expect(attr(t.attrs, 'height')).toMatch(/^\d+$/);
      expect(attr(t.attrs, 'alt')).toBeDefined();
    }
  });
});

describe('canonical links', () => {
  it('point at the page itself on indexable pages and are left out on error pages', () => {
    expect(renderFrontPage(sampleFrontPage())).toContain('<link rel="canonical" href="https://dabir.example/">');
    expect(renderArticlePage(sampleArticlePage())).toContain('<link rel="canonical" href="https://dabir.example/news/387228/telegram">');
    expect(renderListPage(sampleListPage())).toContain('<link rel="canonical" href="https://dabir.example/service/technology?page=2">');
    expect(renderNotFoundPage()).not.toContain('rel="canonical"');
  });
});
