/** The story pages: the list, the editor and the revisions with their diff. */
import type { Article } from '../../../articles/index.js';
import type { MediaItem } from '../../../media/index.js';
import { ACTION_LABELS, STATUS_LABELS, type DiffPart, type Revision, type StoryFields, type WorkflowAction } from '../../../newsroom/index.js';
import { JALALI_MONTH_NAMES, toJalali, toPersianDigits, type JalaliDateTime } from '../../../persian/index.js';
import type { ArticleStatus } from '../../../storage/index.js';
import { html, type SafeHtml } from '../../views/index.js';
import { csrfField, fa, jalali, type Viewer } from './layout.js';

const STATUSES: ArticleStatus[] = ['draft', 'review', 'scheduled', 'published', 'unpublished'];

export function storyListMain(input: { items: Article[]; status: ArticleStatus | undefined; mine: boolean; nextUrl?: string | undefined }): SafeHtml {
  return html`<h1>${input.mine ? 'خبرهای من' : 'خبرها'}</h1>
<nav class="filters" aria-label="وضعیت خبرها"><ul>
<li><a href="/newsroom/stories"${!input.status && html` aria-current="page"`}>همه</a></li>
${STATUSES.map((s) => html`<li><a href="/newsroom/stories?status=${s}"${input.status === s && html` aria-current="page"`}>${STATUS_LABELS[s]}</a></li>`)}
</ul></nav>
${
  input.items.length === 0
    ? html`<p>خبری نیست.</p>`
    : html`<table class="data"><caption class="visually-hidden">فهرست خبرها</caption>
<thead><tr><th scope="col">کد خبر</th><th scope="col">تیتر</th><th scope="col">وضعیت</th><th scope="col">نویسنده</th><th scope="col">زمان</th></tr></thead>
<tbody>${input.items.map(
        (a) =>
          html`<tr><td>${fa(a.code)}</td><th scope="row"><a href="/newsroom/stories/${a.code}">${a.title}</a></th><td><span class="status status--${a.status}">${STATUS_LABELS[a.status]}</span></td><td>${a.author?.name ?? '—'}</td><td>${jalali(a.publishedAt ?? a.updatedAt)}</td></tr>`,
      )}</tbody></table>`
}
${input.nextUrl && html`<p><a href="${input.nextUrl}" rel="next">خبرهای قدیمی‌تر</a></p>`}`;
}

export interface EditorModel {
  viewer: Viewer;
  /** Undefined for a story not yet saved. */
  article?: Article | undefined;
  fields: StoryFields;
  actions: WorkflowAction[];
  services: Array<{ slug: string; name: string }>;
  media: MediaItem[];
  /** When the schedule picker starts (the story's time, or the next hour). */
  scheduleAt: Date;
  error?: string | undefined;
  now: Date;
}

function select(id: string, name: string, label: string, options: Array<{ value: number; text: string }>, selected: number): SafeHtml {
  return html`<div class="field field--small"><label for="${id}">${label}</label><select id="${id}" name="${name}">${options.map((o) => html`<option value="${o.value}"${o.value === selected && html` selected`}>${o.text}</option>`)}</select></div>`;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const two = (n: number) => toPersianDigits(String(n).padStart(2, '0'));

/** The Jalali date-time picker: plain selects, converted on the server with fromJalali. */
function schedulePicker(at: JalaliDateTime, now: JalaliDateTime): SafeHtml {
  return html`<fieldset class="schedule" aria-describedby="schedule-note">
<legend>زمان انتشار (برای زمان‌بندی)</legend>
<div class="row">
${select(
  'publish-day',
  'publishDay',
  'روز',
  range(1, 31).map((d) => ({ value: d, text: toPersianDigits(d) })),
  at.day,
)}
${select(
  'publish-month',
  'publishMonth',
  'ماه',
  JALALI_MONTH_NAMES.map((m, i) => ({ value: i + 1, text: m })),
  at.month,
)}
${select(
  'publish-year',
  'publishYear',
  'سال',
  range(now.year, now.year + 2).map((y) => ({ value: y, text: toPersianDigits(y) })),
  at.year,
)}
${select(
  'publish-hour',
  'publishHour',
  'ساعت',
  range(0, 23).map((h) => ({ value: h, text: two(h) })),
  at.hour,
)}
${select(
  'publish-minute',
  'publishMinute',
  'دقیقه',
  range(0, 59).map((m) => ({ value: m, text: two(m) })),
  at.minute,
)}
</div>
<p id="schedule-note" class="field-note">به وقت تهران. دکمهٔ «زمان‌بندی انتشار» خبر را در این زمان منتشر می‌کند.</p>
</fieldset>`;
}

export function editorMain(m: EditorModel): SafeHtml {
  const a = m.article;
  const f = m.fields;
  const action = a ? `/newsroom/stories/${a.code}` : '/newsroom/stories';
  const autosave = a ? `/newsroom/stories/${a.code}/autosave` : '/newsroom/stories/autosave';
  const canSchedule = m.actions.includes('schedule');
  return html`<h1>${a ? 'ویرایش خبر' : 'خبر تازه'}</h1>
<p class="story-meta">${a ? html`<span class="news-code">کد خبر: ${fa(a.code)}</span> · وضعیت: <span class="status status--${a.status}">${STATUS_LABELS[a.status]}</span>${a.publishedAt && html` · زمان انتشار: ${jalali(a.publishedAt)}`}` : html`<span class="news-code">کد خبر پس از نخستین ذخیره داده می‌شود.</span>`}
${a && html` · <a href="/newsroom/stories/${a.code}/preview">پیش‌نمایش</a> · <a href="/newsroom/stories/${a.code}/revisions">نسخه‌ها</a>`}${a && a.status === 'published' && html` · <a href="/news/${a.code}">صفحهٔ خبر</a>`}</p>
${m.error && html`<p class="notice notice--error" role="alert">${m.error}</p>`}
<form id="story-form" class="story-form" method="post" action="${action}" data-autosave="${autosave}" data-csrf="${m.viewer.csrfToken}" data-code="${a ? String(a.code) : ''}">
${csrfField(m.viewer)}
<div class="field"><label for="story-kicker">روتیتر</label><input id="story-kicker" name="kicker" type="text" maxlength="200" value="${f.kicker}"></div>
<div class="field"><label for="story-title">تیتر</label><input id="story-title" name="title" type="text" maxlength="300" required value="${f.title}"></div>
<div class="field"><label for="story-lead">لید</label><textarea id="story-lead" name="lead" rows="3" maxlength="2000">${f.lead}</textarea></div>
<div class="field field--body">
<label for="story-body" id="story-body-label">متن</label>
<p id="editor-help" class="field-note">میانبرها: Ctrl+B پررنگ، Ctrl+I کج، Ctrl+K پیوند، Ctrl+Alt+2 و Ctrl+Alt+3 میان‌تیتر، Ctrl+S ذخیره. با Tab از متن بیرون بروید.</p>
<div id="editor-mount" class="editor-mount" data-label="متن خبر"></div>
<textarea id="story-body" name="body" rows="16" dir="rtl" class="body-source">${f.body}</textarea>
</div>
<div class="row">
<div class="field"><label for="story-source">منبع</label><input id="story-source" name="source" type="text" maxlength="300" value="${f.source}"></div>
<div class="field"><label for="story-service">سرویس</label><select id="story-service" name="service"><option value="">بدون سرویس</option>${m.services.map((s) => html`<option value="${s.slug}"${s.slug === f.service && html` selected`}>${s.name}</option>`)}</select></div>
</div>
<div class="field"><label for="story-tags">برچسب‌ها</label><input id="story-tags" name="tags" type="text" list="tag-suggestions" autocomplete="off" value="${f.tags.join('، ')}" aria-describedby="tags-note"><datalist id="tag-suggestions"></datalist><p id="tags-note" class="field-note">برچسب‌ها را با ویرگول (،) جدا کنید؛ هنگام نوشتن، برچسب‌های موجود پیشنهاد می‌شوند.</p></div>
${canSchedule && schedulePicker(toJalali(m.scheduleAt), toJalali(m.now))}
<div class="actions" role="group" aria-label="کارهای خبر">
${m.actions.map((act) => html`<button type="submit" name="action" value="${act}" class="${act === 'save' ? 'primary' : act === 'unpublish' ? 'danger' : ''}">${ACTION_LABELS[act]}</button>`)}
</div>
<p id="autosave-status" class="autosave-status" role="status" aria-live="polite"></p>
</form>
${mediaPicker(m.media)}
<dialog id="link-dialog" aria-labelledby="link-dialog-title">
<form method="dialog" class="stack">
<h2 id="link-dialog-title">پیوند</h2>
<div class="field"><label for="link-url">نشانی</label><input id="link-url" type="url" dir="ltr" placeholder="https://"></div>
<div class="actions"><button value="ok" class="primary">ثبت پیوند</button><button value="remove">برداشتن پیوند</button><button value="cancel">انصراف</button></div>
</form>
</dialog>`;
}

function mediaPicker(media: MediaItem[]): SafeHtml {
  return html`<dialog id="image-dialog" aria-labelledby="image-dialog-title">
<h2 id="image-dialog-title">افزودن تصویر از کتابخانه</h2>
${
  media.length === 0
    ? html`<p>کتابخانه خالی است. نخست در <a href="/newsroom/media">رسانه‌ها</a> تصویری بارگذاری کنید.</p>`
    : html`<ul class="media-grid media-grid--picker">${media.map(
        (item) =>
          html`<li><button type="button" class="media-pick" data-src="${item.url}" data-srcset="${item.srcset}" data-width="${item.width}" data-height="${item.height}" data-alt="${item.alt}">
<img src="${item.url}" srcset="${item.srcset}" sizes="10rem" width="${item.width}" height="${item.height}" alt="" loading="lazy">
<span>${item.alt || 'بدون متن جایگزین'}</span></button></li>`,
      )}</ul>`
}
<p><a href="/newsroom/media">کتابخانهٔ رسانه</a></p>
<form method="dialog"><button value="cancel">بستن</button></form>
</dialog>`;
}

function diffParts(parts: DiffPart[]): SafeHtml[] {
  return parts.map((p) => (p.kind === 'same' ? html`<span>${p.text}</span>` : p.kind === 'added' ? html`<ins>${p.text}</ins>` : html`<del>${p.text}</del>`));
}

const KIND_NAMES: Record<string, string> = { save: 'ذخیره', autosave: 'ذخیرهٔ خودکار', restore: 'بازگردانی' };

export function revisionsMain(input: {
  viewer: Viewer;
  article: Article;
  revisions: Revision[];
  selected?: Revision | undefined;
  diff?: Array<{ label: string; parts: DiffPart[] }> | undefined;
  canRestore: boolean;
}): SafeHtml {
  const a = input.article;
  return html`<h1>نسخه‌های خبر «${a.title}»</h1>
<p><a href="/newsroom/stories/${a.code}">بازگشت به ویرایشگر</a></p>
<div class="two-col two-col--wide">
<section aria-labelledby="rev-list-title"><h2 id="rev-list-title">نسخه‌ها</h2>
<ol class="revisions">${input.revisions.map(
    (r) =>
      html`<li><a href="/newsroom/stories/${a.code}/revisions/${r.id}"${input.selected?.id === r.id && html` aria-current="true"`}>${jalali(r.createdAt)}</a> — ${KIND_NAMES[r.kind] ?? r.kind}، ${r.user ?? 'ناشناس'}، ${STATUS_LABELS[r.status]}</li>`,
  )}</ol></section>
<section aria-labelledby="rev-diff-title"><h2 id="rev-diff-title">${input.selected ? html`تغییرهای نسخهٔ ${jalali(input.selected.createdAt)}` : 'نسخه‌ای را انتخاب کنید'}</h2>
${
  input.selected &&
  input.diff &&
  (input.diff.length === 0
    ? html`<p>این نسخه با نسخهٔ پیش از خود فرقی ندارد.</p>`
    : html`<p class="field-note">افزوده‌ها <ins>این‌گونه</ins> و حذف‌شده‌ها <del>این‌گونه</del> نشان داده شده‌اند.</p>${input.diff.map(
        (d) => html`<h3>${d.label}</h3><p class="diff">${diffParts(d.parts)}</p>`,
      )}`)
}
${input.selected && input.canRestore && html`<form method="post" action="/newsroom/stories/${a.code}/revisions/${input.selected.id}/restore">${csrfField(input.viewer)}<button type="submit">بازگرداندن این نسخه</button></form>`}
</section>
</div>`;
}
