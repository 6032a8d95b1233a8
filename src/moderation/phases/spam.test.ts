// Behaviour of the spam phase (fixtures README, «spam»): a domain written in disguise is still
// a domain, and a card number is a seller's only when something is on sale. The sentences are
// written for these tests.
import { describe, expect, it } from 'vitest';
import { moderate } from '../index.js';

describe('domains written in disguise are found', () => {
  it('blocks a domain spelt letter by letter with an offer', () => {
    const r = moderate({ text: 'خرید اکانت پریمیوم فقط از ما: a c c s h o p . i r' });
    expect(r.verdict).toBe('block');
    expect(r.reasons[0]?.code).toBe('spam.domain');
  });

  it('blocks a domain whose dot and top-level domain are spelt in Persian', () => {
    const r = moderate({ text: 'فیلترشکن پرسرعت ارزان: vpnbaz نقطه کام' });
    expect(r.verdict).toBe('block');
    expect(r.reasons[0]?.span?.match).toBe('vpnbaz نقطه کام');
  });

  it('does not join ordinary single letters into a domain', () => {
    expect(moderate({ text: 'گزینه‌های a b c d همه درستن' }).verdict).toBe('allow');
  });
});

describe('card numbers', () => {
  it('holds a card number in a complaint about a transfer as personal data, not spam', () => {
    const r = moderate({ text: 'پول رو اشتباهی کارت به کارت کردم به ۶۰۳۷۹۹۱۸۴۵۲۷۳۰۶۳ بانک جواب نمیده' });
    expect(r.verdict).toBe('review');
    expect(r.labels).toEqual(['pii']);
  });
});
