import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentToHtml } from './content.js';
import { wpautop } from './wpautop.js';

describe('wpautop, as WordPress formats a classic post when it shows it', () => {
  it('makes a paragraph of each run of lines separated by a blank line', () => {
    expect(wpautop('بند نخست خبر.\n\nبند دوم خبر.')).toBe('<p>بند نخست خبر.</p>\n<p>بند دوم خبر.</p>\n');
  });

  it('turns a single line break into <br />, and several blank lines into one paragraph break', () => {
    expect(wpautop('سطر یکم\nسطر دوم\n\n\n\nبند بعد')).toBe('<p>سطر یکم<br />\nسطر دوم</p>\n<p>بند بعد</p>\n');
  });

  it('reads \\r\\n and \\r as line breaks', () => {
    expect(wpautop('یک\r\nدو\r\n\r\nسه')).toBe('<p>یک<br />\nدو</p>\n<p>سه</p>\n');
  });

  it('never wraps block elements in a paragraph nor breaks lines between them', () => {
    const html = 'فهرست:\n<ul>\n<li>مورد یکم</li>\n<li>مورد دوم</li>\n</ul>\nپس از فهرست';
    expect(wpautop(html)).toBe('<p>فهرست:</p>\n<ul>\n<li>مورد یکم</li>\n<li>مورد دوم</li>\n</ul>\n<p>پس از فهرست</p>\n');
    expect(wpautop('<h2>میان‌تیتر</h2>\nمتن زیر آن')).toBe('<h2>میان‌تیتر</h2>\n<p>متن زیر آن</p>\n');
    expect(wpautop('<table><tr><td>خانه</td></tr></table>')).toBe('<table>\n<tr>\n<td>خانه</td>\n</tr>\n</table>\n');
  });

  it('puts the paragraph inside a blockquote rather than around it', () => {
    expect(wpautop('<blockquote>سخن نقل‌شده</blockquote>')).toBe('<blockquote><p>سخن نقل‌شده</p></blockquote>\n');
  });

  it('leaves <pre> exactly as written', () => {
    expect(wpautop('پیش از کد\n\n<pre>سطر ۱\n\nسطر ۳</pre>\n\nپس از کد').trim()).toBe('<p>پیش از کد</p>\n<pre>سطر ۱\n\nسطر ۳</pre>\n<p>پس از کد</p>');
  });

  it('adds no <br /> after one that is there, and makes two <br> a paragraph break', () => {
    expect(wpautop('یک<br>\nدو<br />\nسه').trim()).toBe('<p>یک<br />\nدو<br />\nسه</p>');
    expect(wpautop('یک<br><br/>دو').trim()).toBe('<p>یک</p>\n<p>دو</p>');
  });

  it('keeps line breaks inside a tag, a comment, a script or an svg', () => {
    expect(wpautop('پیوند <a\nhref="/x">اینجا</a>')).toBe('<p>پیوند <a\nhref="/x">اینجا</a></p>\n');
    expect(wpautop('<script>\nvar a = 1;\n</script>').trim()).toBe('<p><script>\nvar a = 1;\n</script></p>');
  });

  it('keeps a figure with its caption whole', () => {
    expect(wpautop('<figure>\n<img src="/media/a.jpg" />\n<figcaption>شرح عکس</figcaption>\n</figure>').trim()).toBe(
      '<figure>\n<img src="/media/a.jpg" /><figcaption>شرح عکس</figcaption></figure>',
    );
  });

  it('answers nothing for white space only', () => {
    expect(wpautop(' \n\t\n ')).toBe('');
  });
});

describe('a post body as WordPress shows it', () => {
  it('formats a classic post but leaves a block-editor post as it is', () => {
    expect(contentToHtml('یک\n\nدو')).toBe('<p>یک</p>\n<p>دو</p>');
    const blocks = '<!-- wp:paragraph -->\n<p>بند بلوکی</p>\n<!-- /wp:paragraph -->';
    expect(contentToHtml(blocks)).toBe(blocks);
  });

  it('turns a [caption] into a figure with its figcaption, without a paragraph around it', () => {
    const html = contentToHtml(
      'پیش از عکس\n\n[caption id="attachment_7" align="aligncenter" width="640"]<img src="/media/a.jpg" alt="عکس" width="640" /> شرح عکس خبر[/caption]\n\nپس از عکس',
    );
    expect(html).toBe(
      '<p>پیش از عکس</p>\n<figure><img src="/media/a.jpg" alt="عکس" width="640" /><figcaption>شرح عکس خبر</figcaption></figure>\n<p>پس از عکس</p>',
    );
  });

  it('drops the read-more mark and joins the pages of a paged post', () => {
    expect(contentToHtml('بالا\n<!--more-->\nپایین<!--nextpage-->صفحه دوم')).toBe('<p>بالا</p>\n<p>پایین</p>\n<p>صفحه دوم</p>');
  });

  it('turns a line holding only an address (an embed in WordPress) into a link', () => {
    expect(contentToHtml('ویدئو:\n\nhttps://www.aparat.com/v/abc')).toBe(
      '<p>ویدئو:</p>\n<p><a href="https://www.aparat.com/v/abc">https://www.aparat.com/v/abc</a></p>',
    );
  });

  it('turns an iframe into a link to what it showed', () => {
    expect(contentToHtml('<iframe src="https://www.aparat.com/embed/x" width="640"></iframe>')).toContain('<a href="https://www.aparat.com/embed/x">');
  });

  it('points uploaded files at the address the import gives them', () => {
    const html = contentToHtml('<img src="https://old.example/wp-content/uploads/2024/05/a.jpg" />', {
      rewriteUrl: (url) => (url.endsWith('/a.jpg') ? '/media/2024/05/a.jpg' : undefined),
    });
    expect(html).toBe('<p><img src="/media/2024/05/a.jpg" /></p>');
  });
});

describe('wpautop and the content pipeline on any input', () => {
  const markup = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '\n',
      '\n\n',
      '\r\n',
      '<p>',
      '</p>',
      '<pre>',
      '</pre>',
      '<br>',
      '<br />',
      '<ul>',
      '<li>',
      '</li>',
      '</ul>',
      '<blockquote>',
      '</blockquote>',
    ),
    fc.constantFrom(
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '<script>',
      '</script>',
      '<svg>',
      '<option',
      '</object>',
      '<source>',
      '<figcaption>',
      '<hr>',
      '[caption]',
      '[/caption]',
    ),
    fc.constantFrom(
      '[gallery ids="1,2"]',
      '[embed]',
      '[/embed]',
      '[[caption]]',
      '[video src="https://a.example/v.mp4"]',
      '<!--more-->',
      '<iframe src="https://a.example/">',
      '<!-- wp:paragraph -->',
      'https://a.example/x',
      'متن فارسی',
      ' ',
      '\t',
    ),
  );
  const documents = fc.array(markup, { maxLength: 80 }).map((parts) => parts.join(''));

  it('never throws, and the output stays within a small multiple of the input', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const out = wpautop(text);
        expect(out.length).toBeLessThanOrEqual(12 * text.length + 16);
        const html = contentToHtml(text);
        expect(html.length).toBeLessThanOrEqual(40 * text.length + 64);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every character of plain text (it only adds markup)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }).filter((s) => !/[<>\r[\]]/.test(s)),
        (text) => {
          const letters = (s: string) => s.replace(/<br \/>|<\/?p>|\s/g, '');
          expect(letters(wpautop(text))).toBe(letters(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes linear time on hostile input: long runs of white space, unclosed tags, unclosed shortcodes', () => {
    const hostile = [
      ' '.repeat(200_000) + 'x',
      '<option' + ' '.repeat(100_000) + 'x',
      '<svg'.repeat(40_000),
      '<p><li'.repeat(30_000),
      '[caption'.repeat(30_000),
      '[caption]'.repeat(30_000),
      '<!--'.repeat(50_000),
      '\n \n'.repeat(50_000),
      `${'</object> '.repeat(20_000)}<param>`,
    ];
    for (const text of hostile) {
      const started = performance.now();
      contentToHtml(text);
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(1500);
    }
  });
});
