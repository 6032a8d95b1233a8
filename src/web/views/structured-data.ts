/**
 * What pages tell search engines and link previews about themselves: JSON-LD
 * (schema.org NewsArticle, BreadcrumbList, WebSite) and the Open Graph and
 * Twitter card tags. JSON-LD sits in `<script type="application/ld+json">`, which
 * is data, not code: a strict Content-Security-Policy leaves it alone.
 */
import { html, raw, type SafeHtml } from '../../html/index.js';
import type { ArticlePage, Site, SocialImage } from './model.js';
import { absoluteUrl, isLocalPath, serviceUrl } from './urls.js';

/** The publisher's logo: a PNG Dabir draws itself (src/web/logo.ts). */
export const SITE_LOGO: Required<Pick<SocialImage, 'src' | 'width' | 'height'>> = { src: '/static/logo.png', width: 192, height: 192 };

/**
 * JSON for inside a `<script>` element. JSON.stringify leaves `<`, `>` and `&` as they are,
 * so a title holding `</script>` would end the element early (HTML Living Standard,
 * "script data state"); written as `\u003c` and so on they are the same JSON to any parser.
 * U+2028 and U+2029 are escaped too, for parsers that predate ES2019.
 */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A JSON-LD block. */
export function jsonLd(data: unknown): SafeHtml {
  return raw(`<script type="application/ld+json">${scriptJson(data)}</script>\n`);
}

/** An image as an absolute URL, only when this site serves it. */
function imageUrl(site: Site, img: SocialImage | undefined): string | undefined {
  return img && isLocalPath(img.src) ? absoluteUrl(site, img.src) : undefined;
}

function publisher(site: Site) {
  return {
    '@type': 'NewsMediaOrganization',
    name: site.name,
    url: absoluteUrl(site, '/'),
    logo: { '@type': 'ImageObject', url: absoluteUrl(site, SITE_LOGO.src), width: SITE_LOGO.width, height: SITE_LOGO.height },
  };
}

/** Google shows at most 110 characters of a headline; a longer one is cut at a word. */
function headline(title: string): string {
  const points = Array.from(title);
  if (points.length <= 110) return title;
  const cut = points.slice(0, 109).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > 60 ? cut.slice(0, space) : cut}…`;
}

/** schema.org NewsArticle for a story page (https://schema.org/NewsArticle; Google's Article guidelines). */
export function newsArticleData(page: ArticlePage): Record<string, unknown> {
  const { site } = page;
  const image = imageUrl(site, page.image);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${page.canonicalUrl}#article`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': page.canonicalUrl },
    url: page.canonicalUrl,
    headline: headline(page.title),
    ...(page.kicker && { alternativeHeadline: page.kicker }),
    ...(page.lead && { description: page.lead }),
    identifier: String(page.code),
    datePublished: page.publishedAt.toISOString(),
    dateModified: (page.updatedAt ?? page.publishedAt).toISOString(),
    author: page.authorName ? [{ '@type': 'Person', name: page.authorName }] : [{ '@type': 'Organization', name: site.name, url: absoluteUrl(site, '/') }],
    publisher: publisher(site),
    image: image ? [image] : [absoluteUrl(site, SITE_LOGO.src)],
    ...(page.service && { articleSection: page.service.name }),
    ...(page.tags.length > 0 && { keywords: page.tags.map((t) => t.name).join('، ') }),
    inLanguage: 'fa-IR',
    isAccessibleForFree: true,
  };
}

/** The trail front page › service › story (https://schema.org/BreadcrumbList). */
export function breadcrumbData(page: ArticlePage): Record<string, unknown> {
  const { site } = page;
  const trail = [
    { name: site.name, item: absoluteUrl(site, '/') },
    ...(page.service ? [{ name: page.service.name, item: absoluteUrl(site, serviceUrl(page.service.slug)) }] : []),
    { name: page.title, item: page.canonicalUrl },
  ];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((t, i) => ({ '@type': 'ListItem', position: i + 1, name: t.name, item: t.item })),
  };
}

/** The site and its search (https://schema.org/WebSite), for the front page. */
export function webSiteData(site: Site): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.name,
    url: absoluteUrl(site, '/'),
    inLanguage: 'fa-IR',
    publisher: publisher(site),
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl(site, '/search')}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/**
 * Open Graph (https://ogp.me) and Twitter card tags for a page with a canonical URL: its
 * own picture when it has one served here, else the site's logo.
 */
export function socialTags(opts: {
  site: Site;
  title: string;
  description: string;
  url: string;
  type: 'website' | 'article';
  image?: SocialImage | undefined;
}): SafeHtml {
  const { site } = opts;
  const own = imageUrl(site, opts.image);
  const img = own
    ? { url: own, width: opts.image?.width, height: opts.image?.height, alt: opts.image?.alt || opts.title }
    : { url: absoluteUrl(site, SITE_LOGO.src), width: SITE_LOGO.width, height: SITE_LOGO.height, alt: site.name };
  return html`<meta property="og:site_name" content="${site.name}">
<meta property="og:locale" content="fa_IR">
<meta property="og:type" content="${opts.type}">
<meta property="og:title" content="${opts.title}">
<meta property="og:description" content="${opts.description}">
<meta property="og:url" content="${opts.url}">
<meta property="og:image" content="${img.url}">
${img.width !== undefined && html`<meta property="og:image:width" content="${img.width}">\n`}${img.height !== undefined && html`<meta property="og:image:height" content="${img.height}">\n`}<meta property="og:image:alt" content="${img.alt}">
<meta name="twitter:card" content="${own ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${opts.title}">
<meta name="twitter:description" content="${opts.description}">
<meta name="twitter:image" content="${img.url}">
<meta name="twitter:image:alt" content="${img.alt}">
`;
}
