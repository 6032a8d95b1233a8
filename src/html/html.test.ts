import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw, SafeHtml } from './html.js';

describe('html tagged template', () => {
  it('escapes the five HTML-significant characters in interpolated text', () => {
    expect(html`<p>${`<a href="x" title='y'>&</a>`}</p>`.value).toBe('<p>&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;</p>');
  });

  it('keeps a value inside a quoted attribute from closing it', () => {
    const evil = '" onmouseover="alert(1)';
    expect(html`<a title="${evil}">x</a>`.value).toBe('<a title="&quot; onmouseover=&quot;alert(1)">x</a>');
  });

  it('inserts raw() and nested html markup without escaping it again', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${raw('<mark>m</mark>')}</p>`.value).toBe('<p><b>&lt;i&gt;</b><mark>m</mark></p>');
  });

  it('renders arrays item by item, escaping the strings among them', () => {
    expect(html`<ul>${['<1>', html`<li>2</li>`, [3, '&']]}</ul>`.value).toBe('<ul>&lt;1&gt;<li>2</li>3&amp;</ul>');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(html`[${null}${undefined}${false}${0}${12.5}]`.value).toBe('[012.5]');
  });

  it('returns SafeHtml whose string form is the markup', () => {
    const out = html`<i>${'a'}</i>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(String(out)).toBe('<i>a</i>');
  });
});

describe('escapeHtml', () => {
  it('returns text without special characters unchanged', () => {
    const text = 'هیچ نامه تازه‌ای به پیام‌رسان خارجی ننوشتیم';
    expect(escapeHtml(text)).toBe(text);
  });

  it('escapes characters at the start, the end and next to each other', () => {
    expect(escapeHtml('<<a>>')).toBe('&lt;&lt;a&gt;&gt;');
    expect(escapeHtml('&')).toBe('&amp;');
  });
});
