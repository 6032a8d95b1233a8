/**
 * Sample view models (original text written for Dabir, shaped like a real news story):
 * for the views' tests, for benchmarks, and as a worked example of mapping to the models.
 * Each function returns a fresh object, so a test may change it freely.
 */
import type { ArticleCard, ArticlePage, CommentView, FrontPage, ListPage, SearchPage, Site } from './model.js';

/** A site with two services in its navigation. */
export function sampleSite(): Site {
  return {
    name: 'دبیر',
    baseUrl: 'https://dabir.example',
    description: 'دبیر، خبرهای ایران و جهان',
    services: [
      { slug: 'technology', name: 'فناوری' },
      { slug: 'politics', name: 'سیاسی' },
    ],
  };
}

/** 2026-11-28 14:30 in Tehran (UTC+03:30): «۷ آذر ۱۴۰۵ - ۱۴:۳۰». */
export const SAMPLE_PUBLISHED_AT = new Date('2026-11-28T11:00:00Z');

const PARAGRAPHS = [
  'سخنگوی وزارتخانه در نشست خبری گفت از زمان محدود شدن دسترسی به این پیام‌رسان، هیچ نامه یا گفت‌وگوی تازه‌ای میان وزارتخانه و مدیران آن برقرار نشده است.',
  'به گفته او، گفت‌وگوهای پیشین بیش از یک سال پیش و به دستور نهادهای بالادستی انجام شد و گزارش آن همان زمان به کمیسیون مربوط در مجلس رسید.',
  'او افزود: هر سرویسی که بخواهد در کشور فعالیت اقتصادی داشته باشد، با ۴۰ میلیون کاربر یا کمتر، باید قوانین و چارچوب‌های داخلی را بپذیرد.',
];

/** A sample story body as sanitized HTML; `repeat` makes it longer for benchmarks. */
export function sampleBodyHtml(repeat = 1): string {
  const parts: string[] = [];
  for (let i = 0; i < repeat; i++) {
    for (const p of PARAGRAPHS) parts.push(`<p>${p}</p>`);
    parts.push('<h2>هشدار درباره نسخه‌های غیررسمی</h2>');
  }
  parts.push('<p>به گزارش دبیر، کمیسیون صنایع مجلس این موضوع را هفته پیش بررسی کرده بود.</p>');
  return parts.join('\n');
}

/** A story card; `code` varies the title and address. */
export function sampleCard(code: number): ArticleCard {
  return {
    code,
    title: `خبر شماره ${code} درباره پیام‌رسان‌ها`,
    kicker: 'معاون وزیر ارتباطات',
    lead: 'خلاصه‌ای کوتاه از این خبر.',
    url: `/news/${code}`,
    publishedAt: SAMPLE_PUBLISHED_AT,
    service: { slug: 'technology', name: 'فناوری' },
    image: { src: `/media/${code}.jpg`, width: 640, height: 360, alt: 'تصویر خبر' },
  };
}

function comment(id: string, name: string, body: string, children: CommentView[] = []): CommentView {
  return { id, name, body, createdAt: SAMPLE_PUBLISHED_AT, children };
}

/** A sample story page, with a four-deep thread of comments and an open form. */
export function sampleArticlePage(): ArticlePage {
  return {
    site: sampleSite(),
    code: 387228,
    slug: 'هیچ-نامه-تازه‌ای-به-پیام‌رسان-خارجی-ننوشتیم',
    title: 'هیچ نامه تازه‌ای به پیام‌رسان خارجی ننوشتیم',
    kicker: 'معاون وزیر ارتباطات',
    lead: 'معاون وزیر ارتباطات هرگونه گفت‌وگوی پنهانی تازه با پیام‌رسان خارجی را رد کرد و گفت از زمان محدود شدن دسترسی، نامه‌ای میان دو طرف ردوبدل نشده است.',
    bodyHtml: sampleBodyHtml(),
    source: 'خبرگزاری مهر',
    service: { slug: 'technology', name: 'فناوری' },
    tags: [
      { slug: 'telegram', name: 'تلگرام', url: '/tag/telegram' },
      { slug: 'ict', name: 'وزارت ارتباطات', url: '/tag/ict' },
    ],
    publishedAt: SAMPLE_PUBLISHED_AT,
    updatedAt: SAMPLE_PUBLISHED_AT,
    shortUrl: 'https://dabir.example/news/387228',
    canonicalUrl: 'https://dabir.example/news/387228/telegram',
    related: [sampleCard(387200), sampleCard(387150)],
    commentCount: 5,
    comments: [
      comment('c1', 'مریم', 'نظر اول', [comment('c2', 'علی', 'پاسخ به مریم', [comment('c3', 'سارا', 'سطح سوم', [comment('c4', 'رضا', 'سطح چهارم')])])]),
      comment('c5', 'نیما', 'نظر دوم'),
    ],
    commentForm: { open: true, action: '/news/387228/comments' },
  };
}

/** A front page with a lead story, latest stories, one service block and most viewed. */
export function sampleFrontPage(): FrontPage {
  return {
    site: sampleSite(),
    lead: sampleCard(387228),
    latest: [sampleCard(387227), sampleCard(387226)],
    services: [
      { service: { slug: 'technology', name: 'فناوری' }, cards: [sampleCard(387225)] },
      { service: { slug: 'politics', name: 'سیاسی' }, cards: [] },
    ],
    mostViewed: [sampleCard(387100), sampleCard(387101)],
  };
}

/** Page 2 of 5 of the technology service. */
export function sampleListPage(): ListPage {
  return {
    site: sampleSite(),
    kind: 'service',
    slug: 'technology',
    heading: 'فناوری',
    canonicalUrl: 'https://dabir.example/service/technology?page=2',
    cards: [sampleCard(387001), sampleCard(387002)],
    pagination: { page: 2, totalPages: 5, prevUrl: '/service/technology', nextUrl: '/service/technology?page=3' },
  };
}

/** A search for «تلگرام» with one result and a suggestion. */
export function sampleSearchPage(): SearchPage {
  return {
    site: sampleSite(),
    query: 'تلگرام',
    results: [
      {
        title: 'هیچ نامه تازه‌ای به پیام‌رسان خارجی ننوشتیم',
        url: '/news/387228',
        snippetHtml: 'هیچ نامه تازه‌ای به <mark>تلگرام</mark> انجام نشد',
        publishedAt: SAMPLE_PUBLISHED_AT,
        service: { slug: 'technology', name: 'فناوری' },
      },
    ],
    total: 12,
    pagination: { page: 1, totalPages: 2, nextUrl: '/search?q=%D8%AA&page=2' },
    suggestion: 'تلگرام طلایی',
  };
}
