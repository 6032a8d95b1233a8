/**
 * The document every public page shares: head, skip link, header with the services and
 * the search form, main, footer. Everything loads from this site: the stylesheet, one
 * deferred script (progressive enhancement only) and the Vazirmatn font files.
 */
import { html, type HtmlValue, type SafeHtml } from '../../html/index.js';
import type { Site, SocialImage } from './model.js';
import { socialTags } from './structured-data.js';
import { safeHref, serviceUrl } from './urls.js';

/** What a page gives the layout. */
export interface DocumentParts {
  /** The site. */
  site: Site;
  /** The page's own title; the site's name is appended unless it is the same. */
  title: string;
  /** The meta description. */
  description: string;
  /** Absolute canonical URL; absent on error pages, which have none. */
  canonicalUrl?: string;
  /** `noindex` for pages search engines should not keep (search results, errors). */
  noindex?: boolean;
  /** More `<head>` markup: structured data, feeds, `rel=prev/next`. */
  head?: HtmlValue;
  /** The Open Graph type of a page with a canonical URL; `website` unless given. */
  ogType?: 'website' | 'article';
  /** The page's picture for link previews; the site's logo when absent. */
  image?: SocialImage;
  /** The slug of the service being shown, marked `aria-current` in the navigation. */
  currentService?: string;
  /** The content of `<main>`. */
  main: HtmlValue;
}

/**
 * Both weights are preloaded: every page sets its headings, the brand and the lead in bold, and
 * a bold face that arrives after the first paint reflows them (a layout shift).
 */
const FONT_REGULAR = '/static/fonts/Vazirmatn-Regular.woff2';
const FONT_BOLD = '/static/fonts/Vazirmatn-Bold.woff2';

function asset(site: Site, path: string): string {
  return site.assetVersion ? `${path}?v=${encodeURIComponent(site.assetVersion)}` : path;
}

/** A complete HTML document. */
export function renderDocument(parts: DocumentParts): string {
  const { site } = parts;
  const fullTitle = parts.title === site.name ? site.name : `${parts.title} | ${site.name}`;
  const page: SafeHtml = html`<!doctype html><html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${parts.description}">
${parts.canonicalUrl !== undefined && html`<link rel="canonical" href="${safeHref(parts.canonicalUrl)}">\n`}${parts.noindex && html`<meta name="robots" content="noindex">\n`}<meta name="color-scheme" content="light dark">
<link rel="preload" href="${FONT_REGULAR}" as="font" type="font/woff2" crossorigin>
<link rel="preload" href="${FONT_BOLD}" as="font" type="font/woff2" crossorigin>
<link rel="stylesheet" href="${asset(site, '/static/site.css')}">
<script src="${asset(site, '/static/site.js')}" defer></script>
<link rel="icon" href="/static/logo.svg" type="image/svg+xml">
<link rel="alternate" type="application/rss+xml" title="${site.name}" href="/rss.xml">
${
  parts.canonicalUrl !== undefined &&
  socialTags({ site, title: parts.title, description: parts.description, url: parts.canonicalUrl, type: parts.ogType ?? 'website', image: parts.image })
}${parts.head}</head>
<body>
<a class="skip-link" href="#main">پرش به محتوای اصلی</a>
<header class="site-header">
<div class="wrap header-bar">
<a class="brand" href="/">${site.name}</a>
${searchForm({ id: 'site-q', query: '', className: 'site-search' })}
</div>
<nav class="site-nav" aria-label="سرویس‌ها">
<ul class="wrap"><li><a href="/">صفحهٔ اول</a></li>${site.services.map(
    (s) => html`<li><a href="${serviceUrl(s.slug)}"${s.slug === parts.currentService && html` aria-current="page"`}>${s.name}</a></li>`,
  )}</ul>
</nav>
</header>
<main id="main" class="wrap" tabindex="-1">
${parts.main}
</main>
<footer class="site-footer">
<div class="wrap">
<p><a href="/">${site.name}</a> — ${site.description}</p>
<ul class="footer-links"><li><a href="/rss.xml">خوراک RSS</a></li><li><a href="/atom.xml">خوراک Atom</a></li><li><a href="/search">جستجو</a></li></ul>
</div>
</footer>
</body>
</html>
`;
  return page.value;
}

/** The search form (GET `/search`, field `q`); `id` must be unique on the page. */
export function searchForm(opts: { id: string; query: string; className: string }): SafeHtml {
  return html`<form class="${opts.className}" role="search" action="/search" method="get">
<label class="visually-hidden" for="${opts.id}">جستجو در خبرها</label>
<input type="search" id="${opts.id}" name="q" value="${opts.query}" placeholder="جستجو در خبرها" enterkeyhint="search">
<button type="submit">جستجو</button>
</form>`;
}
