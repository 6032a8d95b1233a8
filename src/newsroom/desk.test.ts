import { describe, expect, it } from 'vitest';
import type { Reason } from '../moderation/index.js';
import { highlightSegments } from './desk.js';

const reason = (start: number, end: number, match: string, message = 'ناسزا'): Reason => ({
  code: 'x',
  label: 'insult',
  message,
  field: 'text',
  span: { start, end, match },
  score: 0.8,
});

describe('highlighting the engine’s matches in a comment', () => {
  it('cuts the text at the spans, in UTF-16 offsets into the text as typed', () => {
    const text = 'تو احمق هستی 😀 و ابله';
    const a = text.indexOf('احمق');
    const b = text.indexOf('ابله');
    expect(highlightSegments(text, [reason(b, b + 4, 'ابله'), reason(a, a + 4, 'احمق')])).toEqual([
      { text: 'تو ' },
      { text: 'احمق', reasons: ['ناسزا'], label: 'insult' },
      { text: ' هستی 😀 و ' },
      { text: 'ابله', reasons: ['ناسزا'], label: 'insult' },
    ]);
  });

  it('merges overlapping spans and keeps every reason', () => {
    expect(highlightSegments('abcdef', [reason(1, 4, 'bcd', 'یک'), reason(2, 5, 'cde', 'دو')])).toEqual([
      { text: 'a' },
      { text: 'bcde', reasons: ['یک', 'دو'], label: 'insult' },
      { text: 'f' },
    ]);
  });

  it('ignores a span that does not fit the text or names another match', () => {
    expect(highlightSegments('abc', [reason(1, 9, 'bc'), reason(0, 1, 'z'), { ...reason(0, 1, 'a'), field: 'name' }])).toEqual([{ text: 'abc' }]);
  });
});
