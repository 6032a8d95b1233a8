/**
 * The one error catalogue (STYLE.md 11). Each error has a stable code, an HTTP
 * status and a public message in Persian; private detail goes to logs only.
 * Code branches on `error.code`, never on message text.
 */
export const ERRORS = {
  bad_request: { status: 400, message: 'درخواست نامعتبر است.' },
  validation_failed: { status: 400, message: 'داده‌های فرستاده‌شده معتبر نیستند.' },
  nothing_to_change: { status: 400, message: 'هیچ فیلدی برای تغییر فرستاده نشده است؛ دست‌کم یک فیلد بفرستید.' },
  malformed_json: { status: 400, message: 'بدنه درخواست JSON معتبر نیست.' },
  unauthorized: { status: 401, message: 'برای این کار باید وارد شوید.' },
  invalid_credentials: { status: 401, message: 'ایمیل یا گذرواژه نادرست است.' },
  forbidden: { status: 403, message: 'اجازه این کار را ندارید.' },
  not_found: { status: 404, message: 'پیدا نشد.' },
  article_not_found: { status: 404, message: 'خبری با این کد پیدا نشد.' },
  comments_closed: { status: 403, message: 'ارسال نظر برای این خبر بسته است.' },
  banned: { status: 403, message: 'امکان ارسال نظر از سوی شما وجود ندارد.' },
  captcha_failed: { status: 400, message: 'پاسخ آزمون ضدربات درست نبود یا منقضی شده است؛ صفحه را دوباره بارگذاری کنید.' },
  duplicate_comment: { status: 409, message: 'این نظر را پیش‌تر فرستاده‌اید.' },
  channel_url_refused: { status: 400, message: 'نشانی پایهٔ کانال پذیرفته نیست: نشانی‌های محلی، خصوصی و درونی مجاز نیستند.' },
  comment_not_found: { status: 404, message: 'نظری با این شناسه پیدا نشد.' },
  code_taken: { status: 409, message: 'این کد خبر پیش‌تر به خبر دیگری داده شده است.' },
  news_codes_exhausted: { status: 409, message: 'کد خبر تازه‌ای باقی نمانده است؛ با مدیر سامانه تماس بگیرید.' },
  conflict: { status: 409, message: 'این کار با وضعیت کنونی ناسازگار است.' },
  payload_too_large: { status: 413, message: 'حجم درخواست بیش از اندازه مجاز است.' },
  unsupported_media_type: { status: 415, message: 'نوع محتوای درخواست پشتیبانی نمی‌شود.' },
  rate_limited: { status: 429, message: 'درخواست‌های شما بیش از حد مجاز است؛ کمی بعد دوباره تلاش کنید.' },
  comment_rate_limited: { status: 429, message: 'تعداد نظرهای شما در این مدت بیش از حد مجاز است؛ کمی بعد دوباره بفرستید.' },
  storage_unavailable: { status: 503, message: 'پایگاه داده در دسترس نیست؛ کمی بعد دوباره تلاش کنید.' },
  internal: { status: 500, message: 'خطای داخلی رخ داد.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  readonly publicMessage: string;
  constructor(
    readonly code: ErrorCode,
    options: { message?: string; detail?: string; fields?: Record<string, string>; retryAfter?: number } = {},
  ) {
    super(options.detail ?? code);
    this.status = ERRORS[code].status;
    this.publicMessage = options.message ?? ERRORS[code].message;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
  }
  /** Per-field problems, shown to API callers (`{"field": "why"}`). */
  readonly fields: Record<string, string> | undefined;
  /** Seconds to wait, for 429 answers. */
  readonly retryAfter: number | undefined;
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
