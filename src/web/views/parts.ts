/** Pieces several pages share: story cards, ranked lists, pagination. */
import { toPersianDigits } from '../../persian/index.js';
import { html, type SafeHtml } from '../../html/index.js';
import type { ArticleCard, ImageRef, Pagination } from './model.js';
import { dateTime, isolated } from './text.js';
import { isLocalPath, safeHref, serviceUrl } from './urls.js';

/** How a card is shown. */
export interface CardOptions {
  /** Heading level of the card's title under the section's heading. */
  level: 2 | 3;
  /** The lead story: bigger, its image fetched first instead of lazily. */
  featured?: boolean;
  /** Show the card's lead when it has one. */
  showLead?: boolean;
}

/** An image from this site with its size reserved; nothing for an address elsewhere. */
export function image(img: ImageRef | undefined, eager: boolean): SafeHtml | false {
  if (!img || !isLocalPath(img.src)) return false;
  return eager
    ? html`<img src="${img.src}" alt="${img.alt}" width="${img.width}" height="${img.height}" fetchpriority="high" decoding="async">`
    : html`<img src="${img.src}" alt="${img.alt}" width="${img.width}" height="${img.height}" loading="lazy" decoding="async">`;
}

/** One story in a list. */
export function card(c: ArticleCard, opts: CardOptions): SafeHtml {
  const link = html`<a href="${safeHref(c.url)}">${isolated(c.title)}</a>`;
  const img = image(c.image, opts.featured === true);
  return html`<article class="${opts.featured ? 'card card--featured' : 'card'}">
${img && html`<div class="card-image">${img}</div>`}<div class="card-text">
${c.kicker && html`<p class="kicker">${isolated(c.kicker)}</p>`}
${opts.level === 2 ? html`<h2 class="card-title">${link}</h2>` : html`<h3 class="card-title">${link}</h3>`}
${opts.showLead && c.lead && html`<p class="card-lead">${isolated(c.lead)}</p>`}
<p class="card-meta">${c.service && html`<a href="${serviceUrl(c.service.slug)}">${c.service.name}</a> · `}${dateTime(c.publishedAt)}</p>
</div>
</article>`;
}

/** Cards in a grid. */
export function cardList(cards: readonly ArticleCard[], opts: CardOptions): SafeHtml {
  return html`<div class="cards">
${cards.map((c) => card(c, opts))}
</div>`;
}

/** A numbered list of titles (most viewed). */
export function rankedList(cards: readonly ArticleCard[]): SafeHtml {
  return html`<ol class="ranked">
${cards.map((c) => html`<li><a href="${safeHref(c.url)}">${isolated(c.title)}</a></li>`)}
</ol>`;
}

/** «صفحهٔ ۲ از ۵» (or «صفحهٔ ۲» when the total was not counted) with previous and next links; nothing when there is one page. */
export function pagination(p: Pagination | undefined): SafeHtml | false {
  if (!p || (p.totalPages !== undefined && p.totalPages <= 1)) return false;
  return html`<nav class="pagination" aria-label="صفحه‌ها">
${p.prevUrl && html`<a class="pagination-prev" rel="prev" href="${safeHref(p.prevUrl)}">صفحهٔ قبل</a>`}
<span class="pagination-current" aria-current="page">صفحهٔ ${toPersianDigits(p.page)}${p.totalPages !== undefined && ` از ${toPersianDigits(p.totalPages)}`}</span>
${p.nextUrl && html`<a class="pagination-next" rel="next" href="${safeHref(p.nextUrl)}">صفحهٔ بعد</a>`}
</nav>`;
}

/** `<link rel="prev|next">` for the document head. */
export function paginationLinks(p: Pagination | undefined): SafeHtml | false {
  if (!p) return false;
  return html`${p.prevUrl && html`<link rel="prev" href="${safeHref(p.prevUrl)}">\n`}${p.nextUrl && html`<link rel="next" href="${safeHref(p.nextUrl)}">\n`}`;
}
