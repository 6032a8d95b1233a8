import { describe, expect, it } from 'vitest';
import { Moderator } from './moderator.js';

describe('the instance moderator', () => {
  it('learns from decisions to flag what the rules miss, and never blocks on that alone', () => {
    const m = new Moderator({ classifierThreshold: 0.8 });
    const pitch = (i: number) => `دوستان عزیز برای دریافت جایزه ویژه همین حالا به کانال ما بپیوندید شماره ${i} فرصت محدود است`;
    const fair = (i: number) => `به نظرم گزارش درباره بودجه استان‌ها دقیق بود و آمار شماره ${i} هم روشن توضیح داده شد`;
    const probe = 'دوستان عزیز برای دریافت جایزه همین حالا بپیوندید فرصت محدود';
    expect(m.moderate({ text: probe }).verdict).toBe('allow');
    for (let i = 0; i < 30; i++) {
      m.learn(i * 2, pitch(i), true);
      m.learn(i * 2 + 1, fair(i), false);
    }
    const after = m.moderate({ text: probe });
    expect(after.verdict).toBe('review');
    expect(after.reasons.some((r) => r.code.startsWith('classifier.'))).toBe(true);
    expect(m.moderate({ text: 'گزارش درباره بودجه استان‌ها دقیق بود' }).verdict).toBe('allow');
  });

  it('learns a decision once even when it hears of it twice', () => {
    const m = new Moderator();
    m.learn(7, 'متن', true);
    m.learn(7, 'متن', true);
    expect((m as unknown as { learned: Set<number> }).learned.size).toBe(1);
  });
});
