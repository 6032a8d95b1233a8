/**
 * The article page, in the fixed anatomy of a Persian news page (DESIGN.md): kicker, title,
 * news code, date, lead, body, source, tags, sharing, related stories, then the comments
 * with their policy and form.
 */
import { toPersianDigits } from '../../persian/index.js';
import { html, raw, type SafeHtml } from '../../html/index.js';
import { renderDocument } from './layout.js';
import type { ArticlePage, CommentFormState, CommentView } from './model.js';
import { cardList } from './parts.js';
import { breadcrumbData, jsonLd, newsArticleData } from './structured-data.js';
import { clip, dateTime, isolated } from './text.js';
import { safeHref, serviceUrl } from './urls.js';

/** The comment policy, word for word (DESIGN.md, "What a news page is here"). */
export const COMMENT_POLICY = 'نشانی ایمیل شما منتشر نخواهد شد. نظرات حاوی الفاظ و ادبیات نامناسب، تهمت و افترا منتشر نخواهد شد.';

/** Shown instead of the form when an article takes no more comments. */
export const COMMENTS_CLOSED = 'ارسال نظر برای این خبر بسته است.';

/** The full article page. */
export function renderArticlePage(page: ArticlePage): string {
  const { site } = page;
  const description = page.lead ? clip(page.lead, 160) : site.description;
  const updatedAt = page.updatedAt && page.updatedAt.getTime() !== page.publishedAt.getTime() ? page.updatedAt : undefined;
  const head = html`<meta property="article:published_time" content="${page.publishedAt.toISOString()}">
${updatedAt && html`<meta property="article:modified_time" content="${updatedAt.toISOString()}">\n`}${page.service && html`<meta property="article:section" content="${page.service.name}">\n`}${page.tags.map((t) => html`<meta property="article:tag" content="${t.name}">\n`)}<link rel="shortlink" href="${safeHref(page.shortUrl)}">
${jsonLd(newsArticleData(page))}${jsonLd(breadcrumbData(page))}`;

  const main = html`<article class="article" aria-labelledby="article-title">
<header class="article-head">
${page.kicker && html`<p class="kicker">${isolated(page.kicker)}</p>`}
<h1 id="article-title">${isolated(page.title)}</h1>
<p class="article-meta"><span class="news-code">کد خبر: ${toPersianDigits(page.code)}</span>
<span class="article-date">${dateTime(page.publishedAt)}</span>${
    updatedAt &&
    html`
<span class="article-updated">به‌روزرسانی: ${dateTime(updatedAt)}</span>`
  }${
    page.service &&
    html`
<a class="article-service" href="${serviceUrl(page.service.slug)}">${page.service.name}</a>`
  }</p>
</header>
${page.lead && html`<p class="lead">${isolated(page.lead)}</p>`}
<div class="article-body">
${raw(page.bodyHtml)}
</div>
${page.source && html`<p class="source">منبع: ${isolated(page.source)}</p>`}
${
  page.tags.length > 0 &&
  html`<div class="tags">
<h2 class="visually-hidden">برچسب‌ها</h2>
<ul>${page.tags.map((t) => html`<li><a href="${safeHref(t.url)}" rel="tag">${isolated(t.name)}</a></li>`)}</ul>
</div>`
}
${shareSection(page)}
</article>
${
  page.related.length > 0 &&
  html`<section class="related" aria-labelledby="related-title">
<h2 id="related-title">خبرهای مرتبط</h2>
${cardList(page.related, { level: 3 })}
</section>`
}
${commentsSection(page)}`;

  return renderDocument({
    site,
    title: page.title,
    description,
    canonicalUrl: page.canonicalUrl,
    currentService: page.service?.slug,
    head,
    ogType: 'article',
    image: page.image,
    main,
  });
}

/** Where a story can be shared to, and how each service takes a link and a text. */
const SHARE_TARGETS: ReadonlyArray<{ name: string; className: string; link: (url: string, text: string) => string }> = [
  { name: 'تلگرام', className: 'share-telegram', link: (u, t) => `https://t.me/share/url?url=${u}&text=${t}` },
  { name: 'واتس‌اپ', className: 'share-whatsapp', link: (u, t) => `https://wa.me/?text=${t}%20${u}` },
  { name: 'ایکس', className: 'share-x', link: (u, t) => `https://x.com/intent/post?url=${u}&text=${t}` },
  { name: 'بله', className: 'share-bale', link: (u, t) => `https://ble.ir/share/url?url=${u}&text=${t}` },
  { name: 'ایتا', className: 'share-eitaa', link: (u, t) => `https://eitaa.com/share/url?url=${u}&text=${t}` },
];

/** Share links (plain links: no script, no request until followed) and the short link to copy. */
function shareSection(page: ArticlePage): SafeHtml {
  const url = encodeURIComponent(page.shortUrl);
  const text = encodeURIComponent(page.title);
  return html`<section class="share" aria-labelledby="share-title">
<h2 id="share-title" class="share-title">هم‌رسانی</h2>
<ul class="share-links">${SHARE_TARGETS.map((s) => html`<li><a class="${s.className}" href="${s.link(url, text)}" rel="noopener noreferrer" target="_blank">${s.name}</a></li>`)}</ul>
<div class="short-link">
<label for="short-link">لینک کوتاه</label>
<input id="short-link" type="url" dir="ltr" readonly value="${page.shortUrl}">
<button type="button" class="copy-button" data-copy="short-link" data-copied="کپی شد" hidden>کپی لینک</button>
<span class="copy-status" role="status"></span>
</div>
</section>`;
}

function commentsSection(page: ArticlePage): SafeHtml {
  return html`<section class="comments" id="comments" aria-labelledby="comments-title">
<h2 id="comments-title">نظرات</h2>
<p class="comment-count">${toPersianDigits(page.commentCount)} نظر</p>
<p class="comment-policy">${COMMENT_POLICY}</p>
${page.comments.length > 0 && commentList(page.comments, 1)}
${commentPager(page)}
${commentForm(page.commentForm, page)}
</section>`;
}

/** A thread list; the model is already shaped (at most five levels), so this nests no deeper. */
function commentList(comments: readonly CommentView[], depth: number): SafeHtml {
  return html`<ol class="${depth === 1 ? 'comment-list' : 'comment-list comment-replies'}">
${comments.map((c) => commentItem(c, depth))}
</ol>`;
}

/** Links between pages of comment threads (plain links: no script needed). */
function commentPager(page: ArticlePage): SafeHtml {
  const { page: n, pages } = page.commentPage ?? { page: 1, pages: 1 };
  if (pages <= 1) return html``;
  const href = (p: number) => (p === 1 ? '?#comments' : `?cpage=${p}#comments`);
  return html`<nav class="comment-pager" aria-label="صفحه‌های نظرها">
${n > 1 && html`<a rel="prev" href="${href(n - 1)}">نظرهای پیشین</a>`}
<span>صفحهٔ ${toPersianDigits(n)} از ${toPersianDigits(pages)}</span>
${n < pages && html`<a rel="next" href="${href(n + 1)}">نظرهای بیشتر</a>`}
</nav>`;
}

function commentItem(c: CommentView, depth: number): SafeHtml {
  return html`<li class="comment" id="comment-${c.id}">
<article aria-label="نظر ${c.name}">
<p class="comment-meta"><bdi class="comment-author">${c.name}</bdi> ${dateTime(c.createdAt)}${c.inReplyTo && html` <a class="comment-parent" href="#comment-${c.inReplyTo.id}">در پاسخ به <bdi>${c.inReplyTo.name}</bdi></a>`}</p>
<div class="comment-body" dir="auto">${c.body.trim()}</div>
<a class="reply-link" href="?replyTo=${encodeURIComponent(c.id)}#comment-form">پاسخ<span class="visually-hidden"> به ${c.name}</span></a>
</article>
${c.children.length > 0 && commentList(c.children, depth + 1)}
</li>`;
}

function findComment(comments: readonly CommentView[], id: string): CommentView | undefined {
  for (const c of comments) {
    if (c.id === id) return c;
    const found = findComment(c.children, id);
    if (found) return found;
  }
  return undefined;
}

/** The form (plain POST, works without script) or the notice that comments are closed. */
function commentForm(form: CommentFormState, page: ArticlePage): SafeHtml {
  if (!form.open) return html`<p class="comments-closed">${COMMENTS_CLOSED}</p>`;
  const v = form.values ?? {};
  const parent = v.parentId ? findComment(page.comments, v.parentId) : undefined;
  const message = form.message;
  return html`<h2 id="comment-form-title" class="comment-form-title">ارسال نظر</h2>
${
  message &&
  (message.kind === 'error'
    ? html`<p class="form-message form-message--error" role="alert">${message.text}</p>`
    : html`<p class="form-message form-message--ok" role="status">${message.text}</p>`)
}
<form id="comment-form" class="comment-form" method="post" action="${safeHref(form.action)}" aria-labelledby="comment-form-title">
${
  parent &&
  html`<p class="replying-to">در پاسخ به <a href="#comment-${parent.id}"><bdi>${parent.name}</bdi></a> · <a href="${safeHref(page.canonicalUrl)}#comment-form">لغو پاسخ</a></p>`
}
<input type="hidden" name="parentId" value="${parent ? parent.id : (v.parentId ?? '')}">
<div class="field">
<label for="comment-name">نام</label>
<input id="comment-name" name="name" type="text" required autocomplete="name" value="${v.name ?? ''}">
</div>
<div class="field">
<label for="comment-email">ایمیل</label>
<input id="comment-email" name="email" type="email" required autocomplete="email" dir="ltr" aria-describedby="comment-email-note" value="${v.email ?? ''}">
<p id="comment-email-note" class="field-note">نشانی ایمیل شما منتشر نمی‌شود.</p>
</div>
<div class="field">
<label for="comment-body">متن نظر</label>
<textarea id="comment-body" name="body" rows="6" required>${v.body ?? ''}</textarea>
</div>
<div class="hp" aria-hidden="true">
<label for="comment-website">وب‌سایت</label>
<input id="comment-website" name="website" type="text" tabindex="-1" autocomplete="off" value="">
</div>
${
  form.captcha &&
  html`<input type="hidden" name="captcha" value="" data-challenge="${form.captcha.challengeJson}"${form.captcha.challengeUrl ? html` data-challenge-url="${form.captcha.challengeUrl}"` : ''}>
<p class="captcha-status" role="status"></p>`
}
<button type="submit">ارسال نظر</button>
</form>`;
}
