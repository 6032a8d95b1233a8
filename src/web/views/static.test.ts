// The stylesheet and script the pages load: small, self-contained, printable.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../static/site.css', import.meta.url), 'utf8');
const js = readFileSync(new URL('../static/site.js', import.meta.url), 'utf8');

describe('site.css', () => {
  it('stays under 12 KB', () => {
    expect(Buffer.byteLength(css)).toBeLessThan(12 * 1024);
  });

  it('declares both Vazirmatn weights from /static/fonts with font-display: swap', () => {
    const faces = css.match(/@font-face\s*{[^}]*}/g) ?? [];
    expect(faces).toHaveLength(2);
    expect(faces[0]).toContain('url("/static/fonts/Vazirmatn-Regular.woff2")');
    expect(faces[1]).toContain('url("/static/fonts/Vazirmatn-Bold.woff2")');
    for (const face of faces) expect(face).toContain('font-display: swap');
  });

  it('loads nothing from another host', () => {
    for (const m of css.matchAll(/url\(\s*["']?([^"')]+)/g)) expect(m[1]).toMatch(/^\/static\//);
    expect(css).not.toMatch(/@import/);
  });

  it('has a print style that hides navigation, sharing and forms, prints link addresses, black on white', () => {
    const print = css.slice(css.indexOf('@media print'));
    expect(print).toMatch(/\.site-nav[^{]*\.share[^{]*form[^{]*{\s*display: none/);
    expect(print).toContain('content: " (" attr(href) ")"');
    expect(print).toContain('color: #000; background: #fff');
  });

  it('uses logical properties rather than left and right', () => {
    expect(css).not.toMatch(/(margin|padding|border)-(left|right)\b|text-align:\s*(left|right)|\b(left|right):/);
  });

  it('shows keyboard focus', () => {
    expect(css).toMatch(/:focus-visible\s*{\s*outline: 3px solid/);
  });
});

describe('site.js', () => {
  it('makes no request to another host: its one fetch is the challenge address the page names', () => {
    expect(js).not.toMatch(/https?:\/\//);
    expect(js).not.toMatch(/XMLHttpRequest|import\(/);
    expect(js.match(/\bfetch\(/g) ?? []).toHaveLength(1);
    expect(js).toMatch(/fetch\(url, \{ credentials: 'same-origin'/);
  });
});
