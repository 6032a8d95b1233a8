/** Service (`/service/{slug}`) and tag (`/tag/{slug}`) pages: a heading and paged cards. */
import { toPersianDigits } from '../../persian/index.js';
import { html } from '../../html/index.js';
import { renderDocument } from './layout.js';
import type { ListPage } from './model.js';
import { cardList, pagination, paginationLinks } from './parts.js';
import { isolated } from './text.js';
import { serviceUrl } from './urls.js';

/** The full list page. */
export function renderListPage(page: ListPage): string {
  const { site, pagination: p } = page;
  const kindName = page.kind === 'service' ? 'سرویس' : 'برچسب';
  const pageSuffix = p.page > 1 ? ` - صفحهٔ ${toPersianDigits(p.page)}` : '';
  const feed = page.kind === 'service' ? `${serviceUrl(page.slug)}/rss.xml` : undefined;
  const main = html`<header class="list-head">
<p class="list-kind">${kindName}</p>
<h1>${isolated(page.heading)}</h1>
${page.description && html`<p class="list-description">${isolated(page.description)}</p>`}
</header>
${page.cards.length > 0 ? cardList(page.cards, { level: 2, showLead: true }) : html`<p class="empty">هنوز خبری در این ${kindName} منتشر نشده است.</p>`}
${pagination(p)}`;

  return renderDocument({
    site,
    title: `${page.heading}${pageSuffix}`,
    description: page.description || `${kindName} ${page.heading} در ${site.name}`,
    canonicalUrl: page.canonicalUrl,
    currentService: page.kind === 'service' ? page.slug : undefined,
    head: html`${feed && html`<link rel="alternate" type="application/rss+xml" title="${page.heading}" href="${feed}">\n`}${paginationLinks(p)}`,
    main,
  });
}
