import { describe, expect, it } from 'vitest';
import { classifierFromJSON, createClassifier } from './classifier.js';

const BAD = ['خفه شو بی‌مصرف', 'برو گم شو از اینجا', 'حرف مفت نزن نادون', 'عجب آدم بی‌مصرفی هستی', 'برو پی کارت بی‌مصرف', 'حرف مفت زیاد میزنی'];
const GOOD = [
  'خبر خوبی بود ممنون',
  'لطفا جدول لیگ رو به‌روز کنید',
  'گزارش دقیقی بود، ممنون از خبرنگار',
  'قیمت‌ها کی درست میشه؟',
  'امیدوارم مسئولان توجه کنن',
  'ممنون از گزارش خوبتون',
];

function trained(minExamples = 3): ReturnType<typeof createClassifier> {
  const c = createClassifier({ minExamples });
  for (let round = 0; round < 3; round++) {
    for (const t of BAD) c.learn(t, true);
    for (const t of GOOD) c.learn(t, false);
  }
  return c;
}

describe('classifier', () => {
  it('has no opinion (0.5) until it has seen enough examples of both kinds', () => {
    const c = createClassifier({ minExamples: 10 });
    expect(c.score('خفه شو بی‌مصرف')).toBe(0.5);
    for (const t of BAD) c.learn(t, true);
    expect(c.score('خفه شو بی‌مصرف')).toBe(0.5);
    expect(c.examples()).toEqual({ bad: BAD.length, good: 0 });
  });

  it('learns to tell rejected comments from accepted ones', () => {
    const c = trained();
    expect(c.score('تو یه آدم بی‌مصرفی، خفه شو')).toBeGreaterThan(0.9);
    expect(c.score('ممنون، گزارش خوبی بود')).toBeLessThan(0.1);
  });

  it('scores raw and normalized text the same (it normalizes itself)', () => {
    const c = trained();
    expect(c.score('بي‌مصرف')).toBeCloseTo(c.score('بی‌مصرف'), 10);
  });

  it('survives a round trip through JSON', () => {
    const c = trained();
    const copy = classifierFromJSON(JSON.stringify(c));
    for (const t of ['خفه شو', 'خبر خوبی بود', 'یک متن دیگر']) expect(copy.score(t)).toBeCloseTo(c.score(t), 12);
    expect(copy.examples()).toEqual(c.examples());
  });

  it('keeps learning after being restored', () => {
    const copy = classifierFromJSON(trained().toJSON());
    const before = copy.score('کلمه‌ی تازه‌ی زشت');
    for (let i = 0; i < 10; i++) copy.learn('کلمه‌ی تازه‌ی زشت', true);
    expect(copy.score('کلمه‌ی تازه‌ی زشت')).toBeGreaterThan(before);
  });

  it('returns a probability for any text, however long or strange', () => {
    const c = trained();
    for (const t of ['', ' ', 'x'.repeat(100_000), '😂'.repeat(10_000), '\u200c'.repeat(500)]) {
      const p = c.score(t);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
});
