/** The newsroom's simpler pages: sign-in, dashboard, account, users. */
import { PASSWORD_MIN, ROLES, type Scope, type TokenInfo } from '../../../auth/index.js';
import { ROLE_NAMES, type Account, type Dashboard } from '../../../newsroom/index.js';
import { html, type SafeHtml } from '../../views/index.js';
import { barChart } from './chart.js';
import { csrfField, fa, jalali, type Viewer } from './layout.js';

export function loginMain(input: { formToken: string; email: string; next: string; error?: string | undefined }): SafeHtml {
  return html`<div class="login-box">
<h1>ورود به اتاق خبر</h1>
${input.error && html`<p class="notice notice--error" role="alert" id="login-error">${input.error}</p>`}
<form method="post" action="/newsroom/login" class="stack">
<input type="hidden" name="_csrf" value="${input.formToken}">
<input type="hidden" name="next" value="${input.next}">
<div class="field"><label for="login-email">ایمیل</label>
<input id="login-email" name="email" type="email" dir="ltr" autocomplete="username" required value="${input.email}"${input.error && html` aria-describedby="login-error"`}></div>
<div class="field"><label for="login-password">گذرواژه</label>
<input id="login-password" name="password" type="password" dir="ltr" autocomplete="current-password" required></div>
<button type="submit">ورود</button>
</form>
</div>`;
}

export function dashboardMain(d: Dashboard, opts: { canModerate: boolean; storyLinks: boolean }): SafeHtml {
  const href = (code: number) => (opts.storyLinks ? `/newsroom/stories/${code}` : `/news/${code}`);
  return html`<h1>پیشخوان</h1>
<div class="cards-row">
<section class="stat" aria-labelledby="stat-waiting"><h2 id="stat-waiting">نظرهای در انتظار</h2><p class="stat-number">${fa(d.waiting)}</p>${opts.canModerate && html`<a href="/newsroom/moderation">رفتن به صف نظرها</a>`}</section>
<section class="stat" aria-labelledby="stat-scheduled"><h2 id="stat-scheduled">خبرهای زمان‌بندی‌شده</h2><p class="stat-number">${fa(d.scheduled.length)}</p></section>
</div>
${barChart({ id: 'views-chart', title: 'بازدید روزانه در چهار هفتهٔ اخیر', unit: 'بازدید', series: d.views })}
${barChart({ id: 'comments-chart', title: 'نظرهای روزانه در چهار هفتهٔ اخیر', unit: 'نظر', series: d.comments })}
<div class="two-col">
<section aria-labelledby="most-viewed-title"><h2 id="most-viewed-title">پربازدیدترین خبرهای چهار هفتهٔ اخیر</h2>
${
  d.mostViewed.length === 0
    ? html`<p>هنوز بازدیدی ثبت نشده است.</p>`
    : html`<ol class="ranked">${d.mostViewed.map((s) => html`<li><a href="${href(s.code)}">${s.title}</a> <span class="muted">(${fa(s.views)} بازدید)</span></li>`)}</ol>`
}
</section>
<section aria-labelledby="scheduled-title"><h2 id="scheduled-title">خبرهای زمان‌بندی‌شده</h2>
${
  d.scheduled.length === 0
    ? html`<p>خبری زمان‌بندی نشده است.</p>`
    : html`<ul class="plain">${d.scheduled.map((s) => html`<li><a href="${href(s.code)}">${s.title}</a> — ${jalali(s.publishedAt)}</li>`)}</ul>`
}
</section>
</div>`;
}

/** What each token scope lets a token do, for the account page. */
const SCOPE_NAMES: Record<Scope, string> = {
  read: 'خواندن خبرهای منتشرنشده',
  'articles:write': 'نوشتن و انتشار خبر',
  'comments:moderate': 'بررسی نظرها',
  admin: 'مدیریت',
};

export interface AccountModel {
  sessions: number;
  tokens: TokenInfo[];
  /** Scopes the viewer's role may give a token. */
  scopes: Scope[];
  /** A token just made: shown this once, never again. */
  newToken?: string | undefined;
}

function tokensSection(viewer: Viewer, m: AccountModel): SafeHtml {
  const live = m.tokens.filter((t) => t.revokedAt === null);
  return html`<section aria-labelledby="tokens-title"><h2 id="tokens-title">توکن‌های API</h2>
${
  m.newToken &&
  html`<div class="notice notice--ok" role="status"><p>توکن تازه ساخته شد. آن را همین حالا جایی امن نگه دارید؛ دیگر نشان داده نمی‌شود:</p>
<p><code dir="ltr" class="token-secret">${m.newToken}</code></p></div>`
}
${
  live.length === 0
    ? html`<p>توکن فعالی ندارید.</p>`
    : html`<ul class="plain tokens">${live.map(
        (t) =>
          html`<li><bdi>${t.label ?? 'بی‌نام'}</bdi> — ${t.scopes.map((s) => SCOPE_NAMES[s]).join('، ')} — ساخته‌شده ${jalali(t.createdAt)}${t.lastUsedAt && html`، آخرین استفاده ${jalali(t.lastUsedAt)}`}
<form method="post" action="/newsroom/account/tokens/${t.id}/revoke" class="inline">${csrfField(viewer)}<button type="submit">باطل کردن<span class="visually-hidden"> ${t.label ?? ''}</span></button></form></li>`,
      )}</ul>`
}
<form method="post" action="/newsroom/account/tokens" class="stack">${csrfField(viewer)}
<div class="field"><label for="token-label">نام توکن</label><input id="token-label" name="label" maxlength="100" aria-describedby="token-note"><p id="token-note" class="field-note">مثلاً نام برنامه‌ای که با آن خبر می‌فرستد.</p></div>
<fieldset><legend>دسترسی‌ها</legend>${m.scopes.map((s) => html`<label><input type="checkbox" name="scopes" value="${s}" checked> ${SCOPE_NAMES[s]}</label> `)}</fieldset>
<button type="submit">ساختن توکن</button>
</form></section>`;
}

export function accountMain(viewer: Viewer, m: AccountModel): SafeHtml {
  const u = viewer.user;
  return html`<h1>حساب من</h1>
<dl class="facts"><dt>نام</dt><dd><bdi>${u.name}</bdi></dd><dt>ایمیل</dt><dd dir="ltr">${u.email}</dd><dt>نقش</dt><dd>${ROLE_NAMES[u.role]}</dd><dt>نشست‌های باز</dt><dd>${fa(m.sessions)}</dd></dl>
<section aria-labelledby="password-title"><h2 id="password-title">تغییر گذرواژه</h2>
<form method="post" action="/newsroom/account/password" class="stack">${csrfField(viewer)}
<div class="field"><label for="pw-current">گذرواژهٔ کنونی</label><input id="pw-current" name="current" type="password" dir="ltr" autocomplete="current-password" required></div>
<div class="field"><label for="pw-next">گذرواژهٔ تازه</label><input id="pw-next" name="next" type="password" dir="ltr" autocomplete="new-password" minlength="${PASSWORD_MIN}" required aria-describedby="pw-note"><p id="pw-note" class="field-note">دست‌کم ${fa(PASSWORD_MIN)} نویسه. نشست‌های دیگر شما و همهٔ توکن‌های API شما باطل می‌شوند.</p></div>
<button type="submit">تغییر گذرواژه</button>
</form></section>
${tokensSection(viewer, m)}
<section aria-labelledby="everywhere-title"><h2 id="everywhere-title">خروج از همه‌جا</h2>
<p>همهٔ نشست‌های شما، از جمله همین یکی، بسته می‌شوند و همهٔ توکن‌های API شما باطل می‌شوند.</p>
<form method="post" action="/newsroom/logout-everywhere">${csrfField(viewer)}<button type="submit">خروج از همهٔ دستگاه‌ها</button></form>
</section>`;
}

function roleOptions(selected: string): SafeHtml[] {
  return ROLES.map((r) => html`<option value="${r}"${r === selected && html` selected`}>${ROLE_NAMES[r]}</option>`);
}

export function usersMain(viewer: Viewer, accounts: Account[]): SafeHtml {
  return html`<h1>کاربران</h1>
<table class="data">
<caption>کاربران اتاق خبر</caption>
<thead><tr><th scope="col">نام</th><th scope="col">ایمیل</th><th scope="col">نقش</th><th scope="col">وضعیت</th><th scope="col">کارها</th></tr></thead>
<tbody>
${accounts.map(
  (a) =>
    html`<tr>
<th scope="row"><bdi>${a.name}</bdi></th><td dir="ltr">${a.email}</td>
<td><form method="post" action="/newsroom/users/${a.id}/role" class="inline">${csrfField(viewer)}<label class="visually-hidden" for="role-${a.id}">نقش ${a.name}</label><select id="role-${a.id}" name="role">${roleOptions(a.role)}</select> <button type="submit">ثبت نقش</button></form></td>
<td>${a.disabled ? 'غیرفعال' : 'فعال'}</td>
<td>${
      a.disabled
        ? html`<form method="post" action="/newsroom/users/${a.id}/enable" class="inline">${csrfField(viewer)}<label for="enable-${a.id}">گذرواژهٔ تازه</label> <input id="enable-${a.id}" name="password" type="password" dir="ltr" minlength="${PASSWORD_MIN}" required autocomplete="new-password"> <button type="submit">فعال کردن</button></form>`
        : a.id === viewer.user.id
          ? html`<span class="muted">حساب شما</span>`
          : html`<form method="post" action="/newsroom/users/${a.id}/disable" class="inline">${csrfField(viewer)}<button type="submit">غیرفعال کردن<span class="visually-hidden"> ${a.name}</span></button></form>`
    }</td>
</tr>`,
)}
</tbody></table>
<section aria-labelledby="add-user-title"><h2 id="add-user-title">افزودن کاربر</h2>
<form method="post" action="/newsroom/users" class="stack">${csrfField(viewer)}
<div class="field"><label for="new-email">ایمیل</label><input id="new-email" name="email" type="email" dir="ltr" required autocomplete="off"></div>
<div class="field"><label for="new-name">نام</label><input id="new-name" name="name" type="text" autocomplete="off"></div>
<div class="field"><label for="new-role">نقش</label><select id="new-role" name="role">${roleOptions('reporter')}</select></div>
<div class="field"><label for="new-password">گذرواژه</label><input id="new-password" name="password" type="password" dir="ltr" minlength="${PASSWORD_MIN}" required autocomplete="new-password"></div>
<button type="submit">افزودن</button>
</form></section>`;
}
