import { describe, expect, it } from 'vitest';
import { isolateLatin } from './index.js';

const latinRuns = (text: string): string[] =>
  isolateLatin(text)
    .filter((r) => r.latin)
    .map((r) => r.text);

describe('isolateLatin', () => {
  it('isolates Latin runs with their inner punctuation and numbers', () => {
    expect(isolateLatin('نسخه iOS 17.2 منتشر شد')).toEqual([
      { text: 'نسخه ', latin: false },
      { text: 'iOS 17.2', latin: true },
      { text: ' منتشر شد', latin: false },
    ]);
    expect(latinRuns('مودم Wi-Fi 6 و Galaxy S24 Ultra')).toEqual(['Wi-Fi 6', 'Galaxy S24 Ultra']);
  });

  it('leaves surrounding punctuation outside, except a closing + or #', () => {
    expect(isolateLatin('سیگنال (Signal).')).toEqual([
      { text: 'سیگنال (', latin: false },
      { text: 'Signal', latin: true },
      { text: ').', latin: false },
    ]);
    expect(latinRuns('زبان C++ و C#، و 5G.')).toEqual(['C++', 'C#', '5G']);
  });

  it('does not isolate numbers on their own, in any digits', () => {
    expect(latinRuns('رتبه 150 و ۱۲ پله')).toEqual([]);
  });

  it('returns the whole text as one piece when there is no Latin, and nothing for empty text', () => {
    expect(isolateLatin('سلام دنیا')).toEqual([{ text: 'سلام دنیا', latin: false }]);
    expect(isolateLatin('')).toEqual([]);
    expect(isolateLatin('Hello')).toEqual([{ text: 'Hello', latin: true }]);
  });

  it('keeps «Wi‑Fi 7» whole when it is written with a non-breaking hyphen or another Unicode hyphen', () => {
    expect(isolateLatin('مودم Wi\u2011Fi 7 آمد')).toEqual([
      { text: 'مودم ', latin: false },
      { text: 'Wi\u2011Fi 7', latin: true },
      { text: ' آمد', latin: false },
    ]);
    for (const hyphen of ['\u2010', '\u2012', '\u2013', '\u00ad', '\ufe63', '\uff0d']) {
      expect(latinRuns(`استاندارد Wi${hyphen}Fi 7 و Wi-Fi 6`), `U+${hyphen.codePointAt(0)?.toString(16)}`).toEqual([`Wi${hyphen}Fi 7`, 'Wi-Fi 6']);
    }
  });

  it('leaves a Unicode hyphen at the end of a run outside it, like the ASCII one', () => {
    expect(latinRuns('نسخه Wi\u2011 و')).toEqual(['Wi']);
  });
});
