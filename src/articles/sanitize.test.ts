import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { htmlToText, sanitizeBody } from './sanitize.js';

const site = { siteHost: 'news.example' };

describe('the body sanitizer', () => {
  it('keeps the allowlisted structure of a story', () => {
    const html =
      '<p>بند</p><h2>میان‌تیتر</h2><h3>زیر</h3><h4>ریز</h4><ul><li>یک</li></ul><ol><li>دو</li></ol><blockquote>نقل</blockquote>' +
      '<figure><img src="/media/a.webp" alt="عکس" width="800" height="600"><figcaption>شرح</figcaption></figure>' +
      '<table><thead><tr><th>سر</th></tr></thead><tbody><tr><td>خانه</td></tr></tbody></table>';
    // Void elements come back self-closed; everything else is untouched.
    expect(sanitizeBody(html, site)).toBe(html.replace('height="600">', 'height="600" />'));
  });

  it('drops scripts, styles, frames, forms and event handlers', () => {
    const out = sanitizeBody(
      '<script>alert(1)</script><style>p{}</style><iframe src="https://x.example"></iframe><form><input></form><p onclick="x()" style="color:red">متن</p><svg onload="alert(1)"></svg>',
      site,
    );
    expect(out).toBe('<p>متن</p>');
  });

  it('drops javascript: and data: links but keeps http, https and mailto', () => {
    expect(sanitizeBody('<a href="javascript:alert(1)">بد</a>', site)).toBe('<a>بد</a>');
    expect(sanitizeBody('<a href="data:text/html;base64,PHNjcmlwdD4=">بد</a>', site)).toBe('<a>بد</a>');
    expect(sanitizeBody('<a href="JaVaScRiPt:alert(1)">بد</a>', site)).toBe('<a>بد</a>');
    expect(sanitizeBody('<a href="mailto:desk@news.example">ایمیل</a>', site)).toBe('<a href="mailto:desk@news.example">ایمیل</a>');
  });

  it('marks external links noopener and leaves internal ones alone', () => {
    expect(sanitizeBody('<a href="https://other.example/a" rel="opener">بیرون</a>', site)).toBe('<a href="https://other.example/a" rel="noopener">بیرون</a>');
    expect(sanitizeBody('<a href="https://news.example/news/1">درون</a>', site)).toBe('<a href="https://news.example/news/1">درون</a>');
    expect(sanitizeBody('<a href="/news/1">درون</a>', site)).toBe('<a href="/news/1">درون</a>');
  });

  it('turns an image kept on another host into a link, so the page loads nothing from elsewhere', () => {
    expect(sanitizeBody('<img src="https://cdn.example/x.jpg" alt="نمودار">', site)).toBe('<a href="https://cdn.example/x.jpg" rel="noopener">نمودار</a>');
    expect(sanitizeBody('<img src="//cdn.example/x.jpg">', site)).not.toContain('<img');
  });

  it("demotes an h1 in a body to h2 (the title is the page's only h1)", () => {
    expect(sanitizeBody('<h1>عنوان</h1>', site)).toBe('<h2>عنوان</h2>');
  });

  it('never lets a tag with an on* attribute or a script through, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<a href="javascript:x">', '<p onclick=x>', '<svg/onload=x>'),
        (noise, attack) => {
          const out = sanitizeBody(noise + attack + noise, site);
          expect(out).not.toMatch(/<script|\son\w+=|javascript:|<svg/i);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the plain text of a fragment with paragraphs on their own lines', () => {
    expect(htmlToText('<p>یک &amp; دو</p><h2>سه</h2><p>چهار<script>x</script></p>')).toBe('یک & دو\nسه\nچهار');
  });
});
