/**
 * The outbox's rules as pure functions: what a post says, when a failed post is
 * tried again, and which failures are worth trying again at all.
 */

/** Telegram's limit on a message's text, in characters after entity parsing. */
export const MESSAGE_LIMIT = 4096;
/** How much of the lead a post carries; the story itself is one tap away. */
const LEAD_LIMIT = 900;

/** Attempts before a delivery is given up as failed. */
export const MAX_ATTEMPTS = 8;
/** The first retry waits this long; each later one twice as long as the one before. */
export const BASE_DELAY_MS = 30_000;
/** No wait is longer than this. */
export const MAX_DELAY_MS = 60 * 60_000;
/** How long a claimed delivery is held by the instance sending it before another may take it. */
export const CLAIM_MS = 2 * 60_000;

function clip(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  const cut = points.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * The post: title, lead and the short link, as plain text (no parse mode, so nothing in a
 * title can be read as markup by any of the messengers).
 */
export function composeMessage(story: { title: string; lead: string; link: string }): string {
  const parts = [story.title.trim(), clip(story.lead.trim(), LEAD_LIMIT), story.link].filter(Boolean);
  return clip(parts.join('\n\n'), MESSAGE_LIMIT);
}

/**
 * How long to wait after the `attempts`-th failed attempt: exponential backoff
 * (30 s, 1 min, 2 min, …, at most an hour), or longer when the messenger asked for it.
 */
export function retryDelayMs(attempts: number, retryAfterSeconds?: number): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  const asked = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1000 : 0;
  return Math.max(exponential, Math.min(asked, MAX_DELAY_MS));
}

/** What came of one attempt. */
export type SendOutcome = { ok: true; messageId: string } | { ok: false; retryable: boolean; error: string; retryAfterSeconds?: number };

/**
 * Reads a bot API answer (https://core.telegram.org/bots/api#making-requests): `ok` with
 * `result.message_id`, or `error_code`, `description` and maybe `parameters.retry_after`.
 * Too many requests, server errors and unreadable answers are worth another try; other
 * refusals (a wrong token, an unknown chat, a bot removed from the channel) are not.
 */
export function readAnswer(status: number, body: unknown): SendOutcome {
  const answer = (body && typeof body === 'object' ? body : {}) as {
    ok?: unknown;
    result?: { message_id?: unknown };
    error_code?: unknown;
    description?: unknown;
    parameters?: { retry_after?: unknown };
  };
  const messageId = answer.result?.message_id;
  if (status >= 200 && status < 300 && answer.ok === true && (typeof messageId === 'number' || typeof messageId === 'string')) {
    return { ok: true, messageId: String(messageId) };
  }
  const code = typeof answer.error_code === 'number' ? answer.error_code : status;
  // The status only: the answer's `description` (or any other text of the body) is never
  // kept, since an administrator can point a channel anywhere and read lastError back.
  const error = `HTTP ${status}`;
  const retryAfter = answer.parameters?.retry_after;
  const retryable = code === 429 || code === 408 || code >= 500 || status >= 500 || (status >= 200 && status < 300);
  return { ok: false, retryable, error, ...(typeof retryAfter === 'number' && { retryAfterSeconds: retryAfter }) };
}
