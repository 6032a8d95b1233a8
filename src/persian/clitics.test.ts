import { describe, expect, it } from 'vitest';
import { withoutClitic } from './index.js';

describe('withoutClitic', () => {
  it('reads a word without the possessive or object clitic that ends it, longest first', () => {
    expect(withoutClitic('کاربرانشان')).toEqual(['کاربران']);
    expect(withoutClitic('قیمتش')).toEqual(['قیمت']);
    expect(withoutClitic('خانه‌اش')).toEqual(['خانه', 'خانها']);
  });

  it('leaves short words and words without a clitic alone', () => {
    expect(withoutClitic('دانش')).toEqual(['دان']);
    expect(withoutClitic('سد')).toEqual([]);
    expect(withoutClitic('کتاب')).toEqual([]);
  });
});
