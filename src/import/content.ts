/**
 * A WordPress post's content as WordPress shows it, made once at import: the
 * display-time filters WordPress runs on every view (auto-embed of a bare
 * link, paragraphs, shortcodes) applied in WordPress's order, then the
 * addresses of uploaded files pointed at their copies here. The result is
 * sanitized by the article service like any other body. Pure.
 */
import { doShortcodes, NO_ATTACHMENTS, unautopShortcodes, type ShortcodeContext } from './shortcodes.js';
import { escapeHtml } from './text.js';
import { wpautop } from './wpautop.js';

export interface ContentOptions {
  /** Attachments for [gallery] and friends. */
  shortcodes?: ShortcodeContext;
  /**
   * Given an address found in the content, the address to use instead (an
   * uploaded file copied to /media/…), or undefined to keep it.
   */
  rewriteUrl?: (url: string) => string | undefined;
}

/**
 * WordPress stops paragraph formatting for posts written in the block editor
 * (`do_blocks()` removes wpautop when the content has block delimiters).
 */
export function hasBlocks(content: string): boolean {
  return content.includes('<!-- wp:');
}

/**
 * A line holding nothing but an address is an embed in WordPress (YouTube, a
 * tweet…). Dabir never loads anything from another host, so it becomes a link.
 */
function bareLinksToAnchors(content: string): string {
  if (!content.includes('http')) return content;
  return content.replace(/^([ \t]*)(https?:\/\/[^\s<>"]+)([ \t]*)$/gim, (_m, before: string, url: string, after: string) => {
    const href = escapeHtml(url);
    return `${before}<a href="${href}">${href}</a>${after}`;
  });
}

/** An iframe (a video player from another site) becomes a link to what it showed. */
function framesToLinks(html: string): string {
  if (!/<iframe/i.test(html)) return html;
  return html.replace(/<iframe\b([^>]*)>(?:[\s\S]{0,2000}?<\/iframe\s*>)?/gi, (_m, attrs: string) => {
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
    const url = (src?.[1] ?? src?.[2] ?? src?.[3] ?? '').trim();
    if (!/^https?:\/\//i.test(url)) return '';
    const href = escapeHtml(url.replace(/&amp;/g, '&'));
    return `<a href="${href}">${href}</a>`;
  });
}

/** Addresses in the content that may point at an uploaded file. */
const URLISH = /https?:\/\/[^\s"'<>()]+|\/wp-content\/uploads\/[^\s"'<>()]+/g;

function rewriteUrls(html: string, rewrite: (url: string) => string | undefined): string {
  if (!html.includes('/wp-content/uploads/')) return html;
  return html.replace(URLISH, (url) => (url.includes('/wp-content/uploads/') ? (rewrite(url) ?? url) : url));
}

/**
 * The HTML WordPress would show for this post content (before Dabir's
 * sanitizer): classic posts get paragraphs and line breaks; block posts keep
 * their markup; shortcodes become figures and links.
 */
export function contentToHtml(content: string, options: ContentOptions = {}): string {
  // A story is one page here: the teaser mark goes, and page breaks become paragraph breaks.
  const text = content
    .replace(/\r\n?/g, '\n')
    .replace(/<!--more(?:[^-]|-(?!->)){0,200}-->|<!--noteaser-->/g, '')
    .replace(/<!--nextpage-->/g, '\n\n');
  let html = bareLinksToAnchors(text);
  if (!hasBlocks(html)) html = unautopShortcodes(wpautop(html));
  html = doShortcodes(html, options.shortcodes ?? NO_ATTACHMENTS);
  html = framesToLinks(html);
  if (options.rewriteUrl) html = rewriteUrls(html, options.rewriteUrl);
  return html.trim();
}
