/**
 * The moderation desk: the queue with highlighted matches, per-comment and bulk
 * decisions, filters, bans, the lexicon and the decision history. Everything
 * works as plain forms; newsroom.js adds the keyboard (a, r, s, j, k, x, ?).
 */
import type { Comment, TermView } from '../../../comments/index.js';
import {
  BAN_KIND_NAMES,
  COMMENT_STATUS_NAMES,
  DECISION_NAMES,
  highlightSegments,
  LABEL_NAMES,
  VERDICT_NAMES,
  type BanView,
  type LogEntry,
} from '../../../newsroom/index.js';
import type { CommentStatus } from '../../../storage/index.js';
import { html, type SafeHtml } from '../../views/index.js';
import { csrfField, fa, jalali, type Viewer } from './layout.js';

export type DeskTab = 'queue' | 'history' | 'lexicon' | 'bans';

export function deskTabs(current: DeskTab, opts: { lexicon: boolean }): SafeHtml {
  const tab = (id: DeskTab, href: string, label: string) => html`<li><a href="${href}"${current === id && html` aria-current="page"`}>${label}</a></li>`;
  return html`<nav class="tabs" aria-label="میز نظرها"><ul>
${tab('queue', '/newsroom/moderation', 'صف نظرها')}
${tab('history', '/newsroom/moderation/history', 'تاریخچهٔ تصمیم‌ها')}
${opts.lexicon && tab('lexicon', '/newsroom/moderation/lexicon', 'واژه‌نامه و استثناها')}
${tab('bans', '/newsroom/moderation/bans', 'مسدودها')}
</ul></nav>`;
}

/** A comment's text with the engine's matches in `<mark>`; every piece escaped by `html`. */
export function highlighted(c: Comment): SafeHtml {
  return html`${highlightSegments(c.body, c.reasons).map((s) =>
    s.reasons ? html`<mark class="match match--${s.label ?? ''}" title="${s.reasons.join('؛ ')}">${s.text}</mark>` : s.text,
  )}`;
}

export interface QueueModel {
  viewer: Viewer;
  items: Comment[];
  status: CommentStatus;
  label: string;
  article: number | undefined;
  stories: Array<{ code: number; title: string; count: number }>;
  titles: Map<number, string>;
  lexicon: boolean;
  /** The query string of the current filters, to come back to after a decision. */
  back: string;
}

const STATUSES: CommentStatus[] = ['pending', 'published', 'rejected', 'spam'];

export function queueMain(m: QueueModel): SafeHtml {
  return html`<h1>مدیریت نظرها</h1>
${deskTabs('queue', { lexicon: m.lexicon })}
<form method="get" action="/newsroom/moderation" class="filters-form" aria-label="پالایش صف">
<div class="field field--small"><label for="f-status">وضعیت</label><select id="f-status" name="status">${STATUSES.map((s) => html`<option value="${s}"${s === m.status && html` selected`}>${COMMENT_STATUS_NAMES[s]}</option>`)}</select></div>
<div class="field field--small"><label for="f-label">برچسب</label><select id="f-label" name="label"><option value="">همه</option>${Object.entries(LABEL_NAMES).map(([k, v]) => html`<option value="${k}"${k === m.label && html` selected`}>${v}</option>`)}</select></div>
<div class="field field--small"><label for="f-article">خبر</label><select id="f-article" name="article"><option value="">همهٔ خبرها</option>${m.stories.map((s) => html`<option value="${s.code}"${s.code === m.article && html` selected`}>${s.title} (${fa(s.count)})</option>`)}</select></div>
<button type="submit">پالایش</button>
</form>
<section class="kbd-help" id="kbd-help" aria-labelledby="kbd-help-title">
<h2 id="kbd-help-title">میانبرهای صفحه‌کلید</h2>
<dl class="kbd-list">
<div><dt><kbd>j</kbd></dt><dd>نظر بعدی</dd></div>
<div><dt><kbd>k</kbd></dt><dd>نظر قبلی</dd></div>
<div><dt><kbd>a</kbd></dt><dd>تأیید و انتشار</dd></div>
<div><dt><kbd>r</kbd></dt><dd>رد</dd></div>
<div><dt><kbd>s</kbd></dt><dd>هرزنامه</dd></div>
<div><dt><kbd>x</kbd></dt><dd>انتخاب برای کار گروهی</dd></div>
<div><dt><kbd>?</kbd></dt><dd>نمایش یا پنهان کردن این راهنما</dd></div>
</dl>
</section>
<p id="desk-status" class="desk-status" role="status" aria-live="polite"></p>
${
  m.items.length === 0
    ? html`<p class="empty">نظری در این صف نیست.</p>`
    : html`<form id="desk-form" method="post" action="/newsroom/moderation/bulk" data-csrf="${m.viewer.csrfToken}">
${csrfField(m.viewer)}
<input type="hidden" name="back" value="${m.back}">
<div class="bulk-bar" role="group" aria-label="کار گروهی">
<label><input type="checkbox" id="select-all"> انتخاب همه</label>
<button type="submit" name="action" value="approve">تأیید انتخاب‌شده‌ها</button>
<button type="submit" name="action" value="reject">رد انتخاب‌شده‌ها</button>
<button type="submit" name="action" value="spam">هرزنامهٔ انتخاب‌شده‌ها</button>
</div>
<ol class="queue" aria-label="نظرها">
${m.items.map((c, i) => queueItem(c, i, m))}
</ol>
</form>`
}`;
}

function queueItem(c: Comment, index: number, m: QueueModel): SafeHtml {
  const title = m.titles.get(c.articleCode) ?? '';
  return html`<li class="queue-item verdict--${c.verdict}" id="c-${c.id}" data-id="${c.id}" tabindex="-1" aria-labelledby="c-${c.id}-head">
<div class="queue-head" id="c-${c.id}-head">
<input type="checkbox" name="ids" value="${c.id}" id="pick-${c.id}"><label for="pick-${c.id}"><span class="visually-hidden">انتخاب نظر </span><bdi class="author">${c.name}</bdi></label>
<span class="badge badge--${c.verdict}">${VERDICT_NAMES[c.verdict] ?? c.verdict}</span>
<span class="muted">امتیاز ${fa(c.score.toFixed(2))}</span>
${c.labels.map((l) => html`<span class="tag">${LABEL_NAMES[l] ?? l}</span>`)}
<span class="muted">شمارهٔ ${fa(index + 1)} · ${jalali(c.createdAt)} · <a href="/news/${c.articleCode}">${title || fa(c.articleCode)}</a></span>
</div>
<p class="comment-text" dir="auto">${highlighted(c)}</p>
${c.reasons.length > 0 && html`<ul class="reasons">${c.reasons.map((r) => html`<li>${r.message}</li>`)}</ul>`}
<p class="muted" dir="ltr">${c.email}</p>
<div class="decide" role="group" aria-label="تصمیم دربارهٔ نظر ${c.name}">
<button type="submit" formaction="/newsroom/comments/${c.id}/decision" name="action" value="approve" data-key="a" class="approve">تأیید <kbd>a</kbd></button>
<button type="submit" formaction="/newsroom/comments/${c.id}/decision" name="action" value="reject" data-key="r" class="reject">رد <kbd>r</kbd></button>
<button type="submit" formaction="/newsroom/comments/${c.id}/decision" name="action" value="spam" data-key="s">هرزنامه <kbd>s</kbd></button>
<span class="ban-buttons">
${(['email', 'name', 'client'] as const).map((k) => html`<button type="submit" formaction="/newsroom/comments/${c.id}/ban" name="by" value="${k}" class="link-button">مسدود کردن ${BAN_KIND_NAMES[k]}</button>`)}
</span>
</div>
</li>`;
}

export function historyMain(input: { entries: LogEntry[]; lexicon: boolean; page: number; more: boolean; moderatorsOnly: boolean }): SafeHtml {
  return html`<h1>تاریخچهٔ تصمیم‌ها</h1>
${deskTabs('history', { lexicon: input.lexicon })}
<nav class="filters" aria-label="پالایش تاریخچه"><ul><li><a href="/newsroom/moderation/history"${!input.moderatorsOnly && html` aria-current="page"`}>همه</a></li><li><a href="/newsroom/moderation/history?who=people"${input.moderatorsOnly && html` aria-current="page"`}>فقط ناظران</a></li></ul></nav>
<table class="data"><caption class="visually-hidden">تصمیم‌ها، تازه‌ترین نخست</caption>
<thead><tr><th scope="col">زمان</th><th scope="col">تصمیم</th><th scope="col">وضعیت</th><th scope="col">به دست</th><th scope="col">نظر</th><th scope="col">خبر</th></tr></thead>
<tbody>${input.entries.map(
    (e) =>
      html`<tr><td>${jalali(e.at)}</td><td>${DECISION_NAMES[e.action] ?? e.action}${e.verdict && html` (${VERDICT_NAMES[e.verdict] ?? e.verdict})`}</td><td>${COMMENT_STATUS_NAMES[e.status]}</td><td>${e.by ?? 'موتور'}</td><td dir="auto">${e.excerpt}</td><td><a href="/news/${e.articleCode}">${fa(e.articleCode)}</a></td></tr>`,
  )}</tbody></table>
<nav class="pagination" aria-label="صفحه‌ها">${input.page > 1 && html`<a rel="prev" href="/newsroom/moderation/history?page=${input.page - 1}${input.moderatorsOnly ? '&who=people' : ''}">تازه‌تر</a>`} ${input.more && html`<a rel="next" href="/newsroom/moderation/history?page=${input.page + 1}${input.moderatorsOnly ? '&who=people' : ''}">قدیمی‌تر</a>`}</nav>`;
}

export function lexiconMain(viewer: Viewer, terms: TermView[]): SafeHtml {
  const words = terms.filter((t) => t.kind === 'term');
  const exceptions = terms.filter((t) => t.kind === 'exception');
  const row = (t: TermView) =>
    html`<tr><th scope="row" dir="auto">${t.term}</th><td>${t.label ? (LABEL_NAMES[t.label] ?? t.label) : '—'}</td><td>${t.severity === 'block' ? 'مسدود' : t.severity === 'review' ? 'بررسی' : 'پیش‌فرض'}</td><td><form method="post" action="/newsroom/moderation/lexicon/${t.id}/delete" class="inline">${csrfField(viewer)}<button type="submit">حذف<span class="visually-hidden"> ${t.term}</span></button></form></td></tr>`;
  return html`<h1>واژه‌نامه و استثناها</h1>
${deskTabs('lexicon', { lexicon: true })}
<p>واژه‌هایی که اینجا افزوده شوند، در کنار واژه‌نامهٔ داخلی موتور، در همهٔ نمونه‌های سایت به کار می‌روند. استثناها واژه‌های بی‌گناهی‌اند که نباید نشانه‌گذاری شوند.</p>
<section aria-labelledby="add-term-title"><h2 id="add-term-title">افزودن</h2>
<form method="post" action="/newsroom/moderation/lexicon" class="filters-form">${csrfField(viewer)}
<div class="field field--small"><label for="term-kind">نوع</label><select id="term-kind" name="kind"><option value="term">واژهٔ نامناسب</option><option value="exception">استثنا (واژهٔ بی‌گناه)</option></select></div>
<div class="field field--small"><label for="term-term">واژه</label><input id="term-term" name="term" type="text" required maxlength="100"></div>
<div class="field field--small"><label for="term-label">برچسب</label><select id="term-label" name="label">${Object.entries(LABEL_NAMES).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
<div class="field field--small"><label for="term-severity">شدت</label><select id="term-severity" name="severity"><option value="">پیش‌فرض</option><option value="review">بررسی</option><option value="block">مسدود</option></select></div>
<button type="submit">افزودن</button>
</form></section>
<section aria-labelledby="terms-title"><h2 id="terms-title">واژه‌های افزوده</h2>
${
  words.length === 0
    ? html`<p>واژه‌ای افزوده نشده است.</p>`
    : html`<table class="data"><thead><tr><th scope="col">واژه</th><th scope="col">برچسب</th><th scope="col">شدت</th><th scope="col">کار</th></tr></thead><tbody>${words.map(row)}</tbody></table>`
}
</section>
<section aria-labelledby="exceptions-title"><h2 id="exceptions-title">استثناها</h2>
${
  exceptions.length === 0
    ? html`<p>استثنایی افزوده نشده است.</p>`
    : html`<table class="data"><thead><tr><th scope="col">واژه</th><th scope="col">برچسب</th><th scope="col">شدت</th><th scope="col">کار</th></tr></thead><tbody>${exceptions.map(row)}</tbody></table>`
}
</section>`;
}

export function bansMain(viewer: Viewer, bans: BanView[], lexicon: boolean): SafeHtml {
  return html`<h1>مسدودها</h1>
${deskTabs('bans', { lexicon })}
<p>نظرهای تازه از ایمیل، نام یا رایانه‌ای که مسدود شده پذیرفته نمی‌شود. برای مسدود کردن، از دکمه‌های زیر هر نظر در صف استفاده کنید.</p>
${
  bans.length === 0
    ? html`<p>کسی مسدود نشده است.</p>`
    : html`<table class="data"><caption class="visually-hidden">مسدودها</caption><thead><tr><th scope="col">نوع</th><th scope="col">مقدار</th><th scope="col">دلیل</th><th scope="col">به دست</th><th scope="col">زمان</th><th scope="col">کار</th></tr></thead>
<tbody>${bans.map(
        (b) =>
          html`<tr><td>${BAN_KIND_NAMES[b.kind] ?? b.kind}</td><td dir="auto">${b.kind === 'client' ? `${b.value.slice(0, 8)}…` : b.value}</td><td>${b.reason || '—'}</td><td>${b.by ?? '—'}</td><td>${jalali(b.createdAt)}</td>
<td><form method="post" action="/newsroom/moderation/bans/${b.id}/delete" class="inline">${csrfField(viewer)}<button type="submit">برداشتن</button></form></td></tr>`,
      )}</tbody></table>`
}`;
}
