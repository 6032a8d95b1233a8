/** The addresses the views make up themselves, and the guards on those they are given. */
import type { Site } from './model.js';

/** A service's page (CONTRACT.md: `/service/{slug}`). */
export function serviceUrl(slug: string): string {
  return `/service/${encodeURIComponent(slug)}`;
}

/** The search page for a query (CONTRACT.md: `/search?q=…`). */
export function searchUrl(query: string): string {
  return `/search?q=${encodeURIComponent(query)}`;
}

/** A site-relative path made absolute under the site's origin. */
export function absoluteUrl(site: Site, path: string): string {
  const base = site.baseUrl.endsWith('/') ? site.baseUrl.slice(0, -1) : site.baseUrl;
  return base + path;
}

// Browsers drop ASCII tab and newline anywhere in a URL and C0 controls and spaces around it
// (WHATWG URL Standard, "basic URL parser"), so `java\tscript:` is still a scheme.
const IGNORED_IN_URL = /[\u0000-\u0020]/g;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const ALLOWED_SCHEME = /^(?:https?|mailto):/i;

/**
 * A URL for an `href`, or `#` when it uses a scheme other than http(s) or mailto
 * (`javascript:`, `data:` …). Model URLs are made by Dabir, so this is a second fence,
 * not the first; the value is still escaped by `html` like any other.
 */
export function safeHref(url: string): string {
  const bare = url.replace(IGNORED_IN_URL, '');
  if (SCHEME.test(bare) && !ALLOWED_SCHEME.test(bare)) return '#';
  return url;
}

/**
 * Whether an image address is a path on this site (`/media/a.jpg`), the only kind a page
 * may load: not `//host/…`, not `https://…`, not `data:`.
 */
export function isLocalPath(src: string): boolean {
  return src.charCodeAt(0) === 47 /* / */ && src.charCodeAt(1) !== 47 && src.charCodeAt(1) !== 92; /* \ */
}
