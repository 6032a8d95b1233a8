import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffWords, tokenize } from './diff.js';

const rebuild = (parts: ReturnType<typeof diffWords>, side: 'before' | 'after') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === (side === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');

describe('the word diff of revisions', () => {
  it('marks a changed Persian word as removed and added, keeping the rest', () => {
    expect(diffWords('وزیر اقتصاد امروز گفت که تورم کم می‌شود', 'وزیر اقتصاد دیروز گفت تورم زیاد می‌شود')).toEqual([
      { kind: 'same', text: 'وزیر اقتصاد ' },
      { kind: 'removed', text: 'امروز' },
      { kind: 'added', text: 'دیروز' },
      { kind: 'same', text: ' گفت ' },
      { kind: 'removed', text: 'که ' },
      { kind: 'same', text: 'تورم ' },
      { kind: 'removed', text: 'کم' },
      { kind: 'added', text: 'زیاد' },
      { kind: 'same', text: ' می‌شود' },
    ]);
  });

  it('keeps a word with a zero-width non-joiner whole', () => {
    expect(tokenize('می‌شود نمی‌دانم')).toEqual(['می‌شود', ' ', 'نمی‌دانم']);
  });

  it('answers one unchanged part for equal texts, and everything added for a new text', () => {
    expect(diffWords('یک دو سه', 'یک دو سه')).toEqual([{ kind: 'same', text: 'یک دو سه' }]);
    expect(diffWords('', 'متن تازه')).toEqual([{ kind: 'added', text: 'متن تازه' }]);
    expect(diffWords('متن کهنه', '')).toEqual([{ kind: 'removed', text: 'متن کهنه' }]);
  });

  it('gives back both texts exactly, whatever they are', () => {
    const words = fc.constantFrom('خبر', 'تازه', 'مجلس', 'a', 'b', 'می‌شود', '۱۴۰۵', ' ', '  ', '\n');
    const text = fc.array(words, { maxLength: 40 }).map((w) => w.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = diffWords(a, b);
        expect(rebuild(parts, 'before')).toBe(a);
        expect(rebuild(parts, 'after')).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a minimal script: one word inserted in a long text is one added part', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `واژه${i}`).join(' ');
    const after = before.replace('واژه1500 ', 'واژه1500 تازه ');
    const parts = diffWords(before, after);
    expect(parts.filter((p) => p.kind !== 'same')).toEqual([{ kind: 'added', text: 'تازه ' }]);
  });
});
