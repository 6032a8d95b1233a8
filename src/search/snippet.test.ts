import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchTokens } from '../persian/index.js';
import { makeSnippet } from './index.js';

const tokensOf = (query: string) => new Set(searchTokens(query));

describe('makeSnippet', () => {
  it('marks the word as the story spells it, whatever letters the reader typed', () => {
    const html = makeSnippet(['سطح آب رودخانه کارون در اهواز پایین آمد.'], tokensOf('كارون'));
    expect(html).toBe('سطح آب رودخانه <mark>کارون</mark> در اهواز پایین آمد.');
    const arabic = makeSnippet(['قيمت مسكن در تهران بالا رفت.'], tokensOf('قیمت مسکن'));
    expect(arabic).toBe('<mark>قيمت</mark> <mark>مسكن</mark> در تهران بالا رفت.');
  });

  it('marks a compound whole, written with a space or a half-space', () => {
    expect(makeSnippet(['کاربران پیام رسان های داخلی'], tokensOf('پیامرسان'))).toBe('کاربران <mark>پیام رسان</mark> های داخلی');
    expect(makeSnippet(['کاربران پیام‌رسان‌های داخلی'], tokensOf('پیام رسان'))).toContain('<mark>پیام‌رسان</mark>');
  });

  it('marks digits of any system and names in the other script when the index made them one token', () => {
    expect(makeSnippet(['ارتفاع اورست ۸۸۴۸ متر است'], tokensOf('8848'))).toBe('ارتفاع اورست <mark>۸۸۴۸</mark> متر است');
    expect(makeSnippet(['کاربران واتساپ یا کاربران WhatsApp'], tokensOf('whatsapp'))).toBe('کاربران <mark>واتساپ</mark> یا کاربران <mark>WhatsApp</mark>');
  });

  it('escapes everything but the marks, «<script>» included', () => {
    const html = makeSnippet(['هشدار <script>alert("x")</script> & «کارون» \'تست\''], tokensOf('کارون'));
    expect(html).toBe('هشدار &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «<mark>کارون</mark>» &#39;تست&#39;');
    expect(makeSnippet(['<b>کارون</b>'], tokensOf('b'))).toBe('&lt;<mark>b</mark>&gt;کارون&lt;/<mark>b</mark>&gt;');
  });

  it('cuts a long text around the best matches at spaces, with ellipses', () => {
    const before = 'سخن '.repeat(80);
    const after = ' پایان'.repeat(80);
    const html = makeSnippet([`${before}سیل در روستاهای گلستان${after}`], tokensOf('سیل روستا'), { maxLength: 120 });
    expect(html.startsWith('… ')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
    expect(html).toContain('<mark>سیل</mark> در <mark>روستاهای</mark> گلستان');
    expect(html.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(130);
    expect(html).not.toMatch(/… ?\S*سخ(?!ن)/); // no word cut in half
  });

  it('takes the lead when it has a match, the body otherwise, and the lead when neither has', () => {
    let bodyRead = false;
    const body = () => {
      bodyRead = true;
      return 'متن خبر درباره برف اردبیل';
    };
    expect(makeSnippet(['لید درباره برف', body], tokensOf('برف'))).toBe('لید درباره <mark>برف</mark>');
    expect(bodyRead).toBe(false);
    expect(makeSnippet(['لید خبر', body], tokensOf('اردبیل'))).toBe('متن خبر درباره برف <mark>اردبیل</mark>');
    expect(makeSnippet(['لید خبر', 'متن'], tokensOf('تهران'))).toBe('لید خبر');
    expect(makeSnippet(['', 'متن'], tokensOf('تهران'))).toBe('متن');
  });

  it('starts reading near where the stored tokens say the match is, and still finds it when told wrong', () => {
    const paragraphs = Array.from({ length: 20 }, (_, i) => (i === 17 ? 'بند هفدهم از سیل گلستان می‌گوید' : `بند شماره ${i} درباره چیزهای دیگر`));
    const text = paragraphs.join('\n');
    for (const near of [0.85, 0.1, undefined]) {
      expect(makeSnippet([text], tokensOf('سیل'), { near }), String(near)).toContain('<mark>سیل</mark> گلستان');
    }
  });

  it('never lets markup through other than its own marks, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('کارون', 'b', 'script', 'ا'), (text, word) => {
        const html = makeSnippet([text], tokensOf(word));
        expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']/);
      }),
      { numRuns: 500 },
    );
  });
});
