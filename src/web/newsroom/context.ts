/**
 * What every section of /newsroom shares: the plugin's deps, reading form fields, who is
 * asking, and answering with a page. A section (routes/*.ts) is a route table that reads
 * the request, asks `requireCan`, calls a use case and renders; none of it queries the
 * database itself.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleDeps } from '../../articles/index.js';
import type { Action, Lockout } from '../../auth/index.js';
import type { CommentDeps } from '../../comments/index.js';
import { AppError } from '../../errors/index.js';
import type { ChangeBus } from '../../events/index.js';
import { toLatinDigits } from '../../persian/index.js';
import type { Db } from '../../storage/index.js';
import { requireCan } from '../access.js';
import { renderNewsroom, type AssetVersions, type NewsroomDocument, type Section, type Viewer } from './views/layout.js';

export interface NewsroomDeps {
  db: Db;
  /** The app's article deps (search indexing and the bus included). */
  articles: ArticleDeps;
  comments: CommentDeps;
  /** The one sign-in lockout, shared with the API's token exchange (and every instance). */
  lockout: Lockout;
  bus: ChangeBus;
  now: () => Date;
  baseUrl: string;
  /** Where uploads go: DABIR_DATA/media. */
  mediaDir: string;
  /** Versions of the newsroom's static files (`newsroomAssets`). */
  assets: AssetVersions;
  siteName?: string;
}

/** How a route's POST proves it comes from our own form. */
export type CsrfMode = 'session' | 'login' | 'in-handler';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `session` (the default for staff POSTs): the session's token in `_csrf` or `x-csrf-token`. */
    csrf?: CsrfMode;
  }
}

export const HTML = 'text/html; charset=utf-8';
export const CSRF_MESSAGE = 'فرم نامعتبر یا کهنه است (نشانهٔ امنیتی CSRF همراهش نبود)؛ صفحه را دوباره بارگذاری کنید و دوباره بفرستید.';

/** Messages after an action, chosen by a fixed key in `?ok=` (nothing from the request is shown). */
const NOTICES: Record<string, string> = {
  saved: 'خبر ذخیره شد.',
  submitted: 'خبر برای بررسی فرستاده شد.',
  withdrawn: 'خبر به پیش‌نویس برگشت.',
  published: 'خبر منتشر شد.',
  scheduled: 'خبر زمان‌بندی شد.',
  unpublished: 'خبر از انتشار خارج شد.',
  restored: 'نسخهٔ انتخاب‌شده بازگردانده شد.',
  uploaded: 'تصویر بارگذاری شد.',
  alt: 'متن جایگزین ثبت شد.',
  decided: 'تصمیم ثبت شد.',
  banned: 'مسدود شد.',
  unbanned: 'مسدودیت برداشته شد.',
  term: 'واژه‌نامه به‌روز شد.',
  password: 'گذرواژه تغییر کرد؛ نشست‌های دیگر شما بسته و توکن‌های API شما باطل شدند.',
  token: 'توکن باطل شد.',
  user: 'کاربر ذخیره شد.',
};

export type Body = Record<string, unknown>;

/** One text field of a form (the first, when sent twice); '' when absent. */
export function field(body: unknown, name: string): string {
  const v = (body as Body | undefined)?.[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return '';
}

/** Every value of a repeated form field. */
export function list(body: unknown, name: string): string[] {
  const v = (body as Body | undefined)?.[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** An id from a path or a form, in Latin or Persian digits; undefined unless 1 … 2³¹−1. */
export function positiveInt(text: string | undefined): number | undefined {
  const t = toLatinDigits(String(text ?? ''));
  if (!/^[0-9]{1,10}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 && n <= 2_147_483_647 ? n : undefined;
}

/** Whether the caller is the editor's script (JSON) rather than a form (a page). */
export function wantsJson(request: FastifyRequest): boolean {
  const accept = String(request.headers.accept ?? '');
  return accept.includes('application/json') || String(request.headers['content-type'] ?? '').startsWith('application/json');
}

/** The signed-in member, as the pages show them. */
export function viewerOf(request: FastifyRequest): Viewer {
  const staff = request.staff;
  if (!staff) throw new AppError('unauthorized');
  return { user: staff.user, csrfToken: staff.csrfToken };
}

/** The signed-in member, when their role may do `action` (the app's one `requireCan`); 403 otherwise. */
export function viewerCan(request: FastifyRequest, action: Action): Viewer {
  requireCan(request, action);
  return viewerOf(request);
}

/** What a section is handed: the deps, and the ways to answer with a page. */
export interface Newsroom {
  deps: NewsroomDeps;
  /** Answers with a newsroom page. */
  page: (reply: FastifyReply, doc: Omit<NewsroomDocument, 'assets'>, status?: number) => FastifyReply;
  /** The message chosen by `?ok=`, if any. */
  noticeOf: (request: FastifyRequest) => NewsroomDocument['notice'];
  /** A staff page's viewer, section and notice. */
  staffPage: (section: Section | undefined, request: FastifyRequest) => { viewer: Viewer; section?: Section; notice: NewsroomDocument['notice'] };
}

export function newsroomContext(deps: NewsroomDeps): Newsroom {
  const noticeOf = (request: FastifyRequest): NewsroomDocument['notice'] => {
    const ok = (request.query as { ok?: string } | undefined)?.ok;
    return ok && NOTICES[ok] ? { kind: 'ok', text: NOTICES[ok] } : undefined;
  };
  return {
    deps,
    page: (reply, doc, status = 200) =>
      reply
        .code(status)
        .type(HTML)
        .send(renderNewsroom({ ...doc, assets: deps.assets })),
    noticeOf,
    staffPage: (section, request) => ({ viewer: viewerOf(request), ...(section && { section }), notice: noticeOf(request) }),
  };
}
