import { describe, expect, it } from 'vitest';
import { renderErrorPage, renderNotFoundPage } from './errors.js';
import { renderFrontPage } from './front.js';
import { renderListPage } from './list.js';
import { sampleCard, sampleFrontPage, sampleListPage, sampleSearchPage } from './sample.js';
import { renderSearchPage } from './search.js';

describe('front page', () => {
  const doc = renderFrontPage(sampleFrontPage());

  it('has the site name in the header and the services in the navigation', () => {
    expect(doc).toContain('<a class="brand" href="/">دبیر</a>');
    expect(doc).toMatch(/<nav class="site-nav" aria-label="سرویس‌ها">[^]*href="\/service\/technology">فناوری<[^]*href="\/service\/politics">سیاسی</);
  });

  it('has a search form that GETs /search with the field q', () => {
    expect(doc).toMatch(/<form class="site-search" role="search" action="\/search" method="get">[^]*?name="q"/);
  });

  it('shows the lead story big with its image loaded first, and other images lazily', () => {
    expect(doc).toMatch(/<article class="card card--featured">[^]*?<img src="\/media\/387228\.jpg"[^>]*fetchpriority="high"/);
    const lazy = doc.match(/<img [^>]*loading="lazy"/g) ?? [];
    expect(lazy.length).toBe(doc.match(/<img /g)!.length - 1);
  });

  it('shows the latest stories, a block per service with stories, and the most viewed', () => {
    expect(doc).toContain('آخرین خبرها');
    expect(doc).toContain('href="/news/387227"');
    expect(doc).toContain('<h2 id="service-technology" class="section-title"><a href="/service/technology">فناوری</a></h2>');
    expect(doc).not.toContain('id="service-politics"');
    expect(doc).toContain('پربازدیدترین‌ها');
    expect(doc).toMatch(/<ol class="ranked">[^]*href="\/news\/387100"/);
  });

  it('isolates Latin in card titles and escapes their markup', () => {
    const page = sampleFrontPage();
    page.latest = [{ ...sampleCard(5), title: 'نسخه Android <b>تازه</b>' }];
    const out = renderFrontPage(page);
    expect(out).toContain('<bdi dir="ltr">Android</bdi>');
    expect(out).not.toContain('<b>تازه</b>');
  });
});

describe('service and tag pages', () => {
  it('show the heading, the cards and pagination with Persian digits and rel prev/next', () => {
    const doc = renderListPage(sampleListPage());
    expect(doc).toContain('<h1>فناوری</h1>');
    expect(doc).toContain('href="/news/387001"');
    expect(doc).toContain('<a class="pagination-prev" rel="prev" href="/service/technology">');
    expect(doc).toContain('<a class="pagination-next" rel="next" href="/service/technology?page=3">');
    expect(doc).toContain('صفحهٔ ۲ از ۵');
    expect(doc).toContain('<link rel="prev" href="/service/technology">');
    expect(doc).toContain('<title>فناوری - صفحهٔ ۲ | دبیر</title>');
    expect(doc).toContain('href="/service/technology" aria-current="page"');
  });

  it('leave out the previous link on the first page and the next link on the last', () => {
    const first = sampleListPage();
    first.pagination = { page: 1, totalPages: 3, nextUrl: '/tag/x?page=2' };
    const doc = renderListPage(first);
    expect(doc).not.toContain('rel="prev"');
    expect(doc).toContain('rel="next"');
    first.pagination = { page: 1, totalPages: 1 };
    expect(renderListPage(first)).not.toContain('class="pagination"');
  });

  it('name only the current page when the total was not counted (a long archive)', () => {
    const page = sampleListPage();
    page.pagination = { page: 3, prevUrl: '/service/technology?page=2', nextUrl: '/service/technology?page=4' };
    const doc = renderListPage(page);
    expect(doc).toContain('<span class="pagination-current" aria-current="page">صفحهٔ ۳</span>');
    expect(doc).not.toContain('صفحهٔ ۳ از');
    expect(doc).toContain('rel="next" href="/service/technology?page=4"');
  });

  it('say so in Persian when there is nothing to list', () => {
    const page = { ...sampleListPage(), kind: 'tag' as const, heading: 'تلگرام', cards: [] };
    expect(renderListPage(page)).toContain('هنوز خبری در این برچسب منتشر نشده است.');
  });
});

describe('search page', () => {
  it('shows the query in the form, the total in Persian digits, results with their snippets and a suggestion', () => {
    const doc = renderSearchPage(sampleSearchPage());
    expect(doc).toMatch(/<input type="search" id="search-q" name="q" value="تلگرام"/);
    expect(doc).toContain('۱۲ نتیجه');
    expect(doc).toContain('<p class="snippet">هیچ نامه تازه‌ای به <mark>تلگرام</mark> انجام نشد</p>');
    expect(doc).toContain(`منظورتان «<a href="/search?q=${encodeURIComponent('تلگرام طلایی')}">تلگرام طلایی</a>» بود؟`);
    expect(doc).toContain('rel="next"');
    expect(doc).toContain('<meta name="robots" content="noindex">');
  });

  it('says nothing was found in Persian', () => {
    const doc = renderSearchPage({ ...sampleSearchPage(), results: [], total: 0, pagination: undefined });
    expect(doc).toContain('نتیجه‌ای یافت نشد');
    expect(doc).not.toContain('search-results');
  });

  it('escapes a query carrying markup', () => {
    const doc = renderSearchPage({ ...sampleSearchPage(), query: '"><script>alert(1)</script>' });
    expect(doc).not.toContain('<script>alert');
    expect(doc).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('shows only the form for an empty query', () => {
    const doc = renderSearchPage({ ...sampleSearchPage(), query: '', results: [], total: 0, suggestion: undefined });
    expect(doc).toContain('<h1>جستجو</h1>');
    expect(doc).not.toContain('نتیجه‌ای یافت نشد');
  });
});

describe('error pages', () => {
  it('answer a missing page in Persian with a link home and a search form', () => {
    const doc = renderNotFoundPage();
    expect(doc).toContain('<h1>صفحه‌ای که دنبالش بودید پیدا نشد</h1>');
    expect(doc).toContain('<a href="/">صفحهٔ اول</a>');
    expect(doc).toMatch(/<form class="search-page-form" role="search" action="\/search" method="get">/);
    expect(doc).toContain('۴۰۴');
    expect(doc).toContain('<a class="brand" href="/">دبیر</a>');
  });

  it('show the status in Persian digits and the message as text', () => {
    const doc = renderErrorPage(503, 'پایگاه داده <در دسترس> نیست');
    expect(doc).toContain('۵۰۳');
    expect(doc).toContain('<h1>پایگاه داده &lt;در دسترس&gt; نیست</h1>');
  });
});
