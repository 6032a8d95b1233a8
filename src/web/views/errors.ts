/** The 404 page and the generic error page: Persian, with a way home and a search form. */
import { toPersianDigits } from '../../persian/index.js';
import { html } from '../../html/index.js';
import { renderDocument, searchForm } from './layout.js';
import type { Site } from './model.js';

/** The site a page falls back to when the caller has none at hand (an early error). */
export const defaultSite: Site = {
  name: 'دبیر',
  baseUrl: '',
  description: 'دبیر: خبرها و گزارش‌ها',
  services: [],
};

/** The heading of the 404 page. */
export const NOT_FOUND_TEXT = 'صفحه‌ای که دنبالش بودید پیدا نشد';

/** The 404 page. */
export function renderNotFoundPage(site: Site = defaultSite): string {
  return renderDocument({
    site,
    title: 'صفحه پیدا نشد',
    description: NOT_FOUND_TEXT,
    noindex: true,
    main: html`<div class="error-page">
<p class="error-status">${toPersianDigits(404)}</p>
<h1>${NOT_FOUND_TEXT}</h1>
<p>شاید نشانی را اشتباه نوشته‌اید یا این صفحه برداشته شده است. می‌توانید به <a href="/">صفحهٔ اول</a> بروید یا جستجو کنید:</p>
${searchForm({ id: 'search-q', query: '', className: 'search-page-form' })}
</div>`,
  });
}

/**
 * Any other error page. `message` is shown as text: pass the error catalogue's public
 * message, never internal detail.
 */
export function renderErrorPage(status: number, message: string, site: Site = defaultSite): string {
  return renderDocument({
    site,
    title: `خطا ${toPersianDigits(status)}`,
    description: message,
    noindex: true,
    main: html`<div class="error-page">
<p class="error-status">${toPersianDigits(status)}</p>
<h1>${message}</h1>
<p><a href="/">بازگشت به صفحهٔ اول</a></p>
</div>`,
  });
}
