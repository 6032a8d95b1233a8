/** The search page: the form with the query, the count, results with snippets, a suggestion. */
import { toPersianDigits } from '../../persian/index.js';
import { html, raw } from '../../html/index.js';
import { renderDocument, searchForm } from './layout.js';
import type { SearchPage } from './model.js';
import { pagination, paginationLinks } from './parts.js';
import { dateTime, isolated } from './text.js';
import { absoluteUrl, safeHref, searchUrl, serviceUrl } from './urls.js';

/** Shown when a query finds nothing. */
export const NO_RESULTS = 'نتیجه‌ای یافت نشد';

/** The full search page. Search result pages are not for search engines: `noindex`. */
export function renderSearchPage(page: SearchPage): string {
  const { site } = page;
  const query = page.query.trim();
  const main = html`<h1>${query ? html`جستجوی «${isolated(query)}»` : 'جستجو'}</h1>
${searchForm({ id: 'search-q', query: page.query, className: 'search-page-form' })}
${page.suggestion && html`<p class="search-suggestion">منظورتان «<a href="${searchUrl(page.suggestion)}">${isolated(page.suggestion)}</a>» بود؟</p>`}
${
  query &&
  (page.total > 0
    ? html`<p class="search-total" role="status">${toPersianDigits(page.total)} نتیجه</p>
<ol class="search-results">
${page.results.map(
  (r) =>
    html`<li class="search-result">
<h2 class="card-title"><a href="${safeHref(r.url)}">${isolated(r.title)}</a></h2>
<p class="snippet">${raw(r.snippetHtml)}</p>
${(r.service || r.publishedAt) && html`<p class="card-meta">${r.service && html`<a href="${serviceUrl(r.service.slug)}">${r.service.name}</a>`}${r.service && r.publishedAt && ' · '}${r.publishedAt && dateTime(r.publishedAt)}</p>`}
</li>`,
)}
</ol>
${pagination(page.pagination)}`
    : html`<p class="search-total empty" role="status">${NO_RESULTS}</p>`)
}`;

  return renderDocument({
    site,
    title: query ? `جستجو: ${query}` : 'جستجو',
    description: `جستجو در خبرهای ${site.name}`,
    canonicalUrl: absoluteUrl(site, query ? searchUrl(query) : '/search'),
    noindex: true,
    head: paginationLinks(page.pagination),
    main,
  });
}
