/** The front page: the lead story, the latest stories, one block per service, most viewed. */
import { html } from '../../html/index.js';
import { renderDocument } from './layout.js';
import type { FrontPage } from './model.js';
import { card, cardList, rankedList } from './parts.js';
import { jsonLd, webSiteData } from './structured-data.js';
import { absoluteUrl, serviceUrl } from './urls.js';

/** The full front page. */
export function renderFrontPage(page: FrontPage): string {
  const { site } = page;
  const main = html`<h1 class="visually-hidden">${site.name}: آخرین خبرها</h1>
<div class="front">
<div class="front-main">
${
  page.lead &&
  html`<section class="front-lead" aria-label="خبر اصلی">
${card(page.lead, { level: 2, featured: true, showLead: true })}
</section>`
}
${
  page.latest.length > 0 &&
  html`<section class="front-latest" aria-labelledby="latest-title">
<h2 id="latest-title" class="section-title">آخرین خبرها</h2>
${cardList(page.latest, { level: 3, showLead: true })}
</section>`
}
</div>
${
  page.mostViewed.length > 0 &&
  html`<aside class="front-aside" aria-labelledby="most-viewed-title">
<h2 id="most-viewed-title" class="section-title">پربازدیدترین‌ها</h2>
${rankedList(page.mostViewed)}
</aside>`
}
</div>
${page.services
  .filter((b) => b.cards.length > 0)
  .map(
    (b) =>
      html`<section class="service-block" aria-labelledby="service-${b.service.slug}">
<h2 id="service-${b.service.slug}" class="section-title"><a href="${serviceUrl(b.service.slug)}">${b.service.name}</a></h2>
${cardList(b.cards, { level: 3 })}
</section>`,
  )}`;

  return renderDocument({
    site,
    title: site.name,
    description: site.description,
    canonicalUrl: absoluteUrl(site, '/'),
    head: jsonLd(webSiteData(site)),
    main,
  });
}
