import { describe, expect, it } from 'vitest';
import { isolateLatin } from './index.js';

const latinRuns = (text: string): string[] => isolateLatin(text).filter((r) => r.latin).map((r) => r.text);

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
});
