import { describe, expect, it } from 'vitest';
import { methodUrl } from './kinds.js';
import { composeMessage, MESSAGE_LIMIT, readAnswer, retryDelayMs } from './policy.js';

describe('the outbox policy', () => {
  it('writes title, lead and short link as plain text, cutting a long lead at a word', () => {
    expect(composeMessage({ title: ' تیتر ', lead: 'لید', link: 'https://x.example/news/1' })).toBe('تیتر\n\nلید\n\nhttps://x.example/news/1');
    expect(composeMessage({ title: 'تیتر', lead: '', link: 'https://x.example/news/1' })).toBe('تیتر\n\nhttps://x.example/news/1');
    const long = composeMessage({ title: 'تیتر', lead: 'واژه '.repeat(1000), link: 'https://x.example/news/1' });
    expect(Array.from(long).length).toBeLessThan(MESSAGE_LIMIT);
    expect(long).toContain('…\n\nhttps://x.example/news/1');
  });

  it('waits twice as long after each failure, at most an hour, and longer when asked to', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30)).toBe(3600_000);
    expect(retryDelayMs(1, 90)).toBe(90_000);
    expect(retryDelayMs(1, 10)).toBe(30_000);
  });

  it('tells a post accepted, a failure worth retrying and a refusal apart', () => {
    expect(readAnswer(200, { ok: true, result: { message_id: 42 } })).toEqual({ ok: true, messageId: '42' });
    expect(readAnswer(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } })).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterSeconds: 7,
    });
    expect(readAnswer(502, undefined)).toMatchObject({ ok: false, retryable: true, error: 'HTTP 502' });
    expect(readAnswer(200, { ok: true })).toMatchObject({ ok: false, retryable: true });
    expect(readAnswer(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' })).toMatchObject({
      ok: false,
      retryable: false,
      error: 'HTTP 400',
    });
    // Nothing of the answer's text is kept: a base URL may point anywhere.
    expect(readAnswer(502, { ok: false, error_code: 502, description: 'SSH-2.0-OpenSSH_9.6' })).toEqual({ ok: false, retryable: true, error: 'HTTP 502' });
    expect(readAnswer(403, { ok: false, error_code: 403, description: 'Forbidden: bot is not a member' })).toMatchObject({ retryable: false });
  });

  it('builds the method address of each kind, Telegram-style or Eitaa-style', () => {
    expect(methodUrl({ kind: 'telegram', base_url: null, token: '1:A' }, 'sendMessage')).toBe('https://api.telegram.org/bot1:A/sendMessage');
    expect(methodUrl({ kind: 'bale', base_url: null, token: '1:A' }, 'sendMessage')).toBe('https://tapi.bale.ai/bot1:A/sendMessage');
    expect(methodUrl({ kind: 'eitaa', base_url: null, token: 'T' }, 'sendMessage')).toBe('https://eitaayar.ir/api/T/sendMessage');
    expect(methodUrl({ kind: 'telegram', base_url: 'http://127.0.0.1:9/tg/', token: '1:A' }, 'sendMessage')).toBe('http://127.0.0.1:9/tg/bot1:A/sendMessage');
  });
});
