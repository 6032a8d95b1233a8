/**
 * The newsroom's own document: Persian, right to left, its own stylesheet and
 * script from /static, a navigation that offers only what the viewer's role
 * may use (`can`, the one permission table), and the sign-out form with the
 * session's CSRF token. Nothing loads from another host.
 */
import { can, type User } from '../../../auth/index.js';
import { ROLE_NAMES } from '../../../newsroom/index.js';
import { formatJalaliDateTime, toPersianDigits } from '../../../persian/index.js';
import { html, type HtmlValue, type SafeHtml } from '../../views/index.js';

/** Who is looking, as the views need it. */
export interface Viewer {
  user: User;
  csrfToken: string;
}

/** Versions of the newsroom's static files, appended as `?v=` so they can be cached. */
export interface AssetVersions {
  css: string;
  js: string;
  editor: string;
}

export type Section = 'dashboard' | 'stories' | 'new' | 'media' | 'moderation' | 'users' | 'account';

export interface NewsroomDocument {
  title: string;
  viewer?: Viewer | undefined;
  section?: Section;
  assets: AssetVersions;
  main: HtmlValue;
  /** Load the story editor's bundle. */
  editor?: boolean;
  /** A message after an action (text from a fixed list, never from the request). */
  notice?: { kind: 'ok' | 'error'; text: string } | undefined;
}

/** The hidden field every form of a session carries. */
export function csrfField(viewer: Viewer): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${viewer.csrfToken}">`;
}

export function jalali(date: Date): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${formatJalaliDateTime(date)}</time>`;
}

export const fa = (n: number | string): string => toPersianDigits(n);

function navItem(href: string, label: string, current: boolean): SafeHtml {
  return html`<li><a href="${href}"${current && html` aria-current="page"`}>${label}</a></li>`;
}

export function notice(n: NewsroomDocument['notice']): SafeHtml | false {
  if (!n) return false;
  return n.kind === 'error' ? html`<p class="notice notice--error" role="alert">${n.text}</p>` : html`<p class="notice notice--ok" role="status">${n.text}</p>`;
}

export function renderNewsroom(doc: NewsroomDocument): string {
  const v = doc.viewer;
  const role = v?.user.role;
  const nav =
    v &&
    role &&
    html`<nav class="nr-nav" aria-label="بخش‌های اتاق خبر"><ul>
${navItem('/newsroom', 'پیشخوان', doc.section === 'dashboard')}
${(can(role, 'article.write') || can(role, 'article.read.unpublished')) && navItem('/newsroom/stories', 'خبرها', doc.section === 'stories')}
${can(role, 'article.write') && navItem('/newsroom/stories/new', 'خبر تازه', doc.section === 'new')}
${can(role, 'media.upload') && navItem('/newsroom/media', 'رسانه‌ها', doc.section === 'media')}
${can(role, 'comment.moderate') && navItem('/newsroom/moderation', 'نظرها', doc.section === 'moderation')}
${can(role, 'admin') && navItem('/newsroom/users', 'کاربران', doc.section === 'users')}
</ul></nav>
<div class="nr-user">
<a href="/newsroom/account"${doc.section === 'account' && html` aria-current="page"`}><bdi>${v.user.name}</bdi> <span class="role">(${ROLE_NAMES[v.user.role]})</span></a>
<form method="post" action="/newsroom/logout">${csrfField(v)}<button type="submit" class="link-button">خروج</button></form>
</div>`;
  const page = html`<!doctype html><html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.title} | اتاق خبر دبیر</title>
<meta name="robots" content="noindex, nofollow">
<meta name="color-scheme" content="light">
<link rel="stylesheet" href="/static/newsroom.css?v=${doc.assets.css}">
<script src="/static/newsroom.js?v=${doc.assets.js}" defer></script>
${doc.editor && html`<script src="/static/newsroom-editor.js?v=${doc.assets.editor}" defer></script>\n`}</head>
<body>
<a class="skip-link" href="#main">پرش به محتوای اصلی</a>
<header class="nr-header">
<a class="nr-brand" href="/newsroom">اتاق خبر دبیر</a>
${nav}
</header>
<main id="main" class="nr-main" tabindex="-1">
${notice(doc.notice)}
${doc.main}
</main>
<footer class="nr-footer"><a href="/">دیدن سایت</a></footer>
</body>
</html>
`;
  return page.value;
}

/** The newsroom's error page (403 for a missing CSRF token, 404, …), in Persian. */
export function renderNewsroomError(input: { status: number; message: string; viewer?: Viewer | undefined; assets: AssetVersions }): string {
  return renderNewsroom({
    title: `خطا ${fa(input.status)}`,
    viewer: input.viewer,
    assets: input.assets,
    main: html`<div class="error-box">
<p class="error-status">${fa(input.status)}</p>
<h1>${input.message}</h1>
<p><a href="/newsroom">بازگشت به پیشخوان</a></p>
</div>`,
  });
}
