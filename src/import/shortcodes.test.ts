import { describe, expect, it } from 'vitest';
import { doShortcodes, parseAttributes, unautopShortcodes, type AttachmentRef } from './shortcodes.js';

const photo: AttachmentRef = { url: '/media/2024/05/a.jpg', title: 'میدان آزادی', caption: 'میدان آزادی در شب' };
const ctx = {
  attachment: (id: number) => (id === 7 ? photo : undefined),
  postAttachments: () => [photo],
};

describe('WordPress shortcodes at import', () => {
  it('turns [caption] with the caption after the image into a figure with a figcaption', () => {
    expect(doShortcodes('[caption id="attachment_7" align="alignnone" width="300"]<img src="/media/a.jpg" alt="x" /> شرح عکس[/caption]')).toBe(
      '<figure><img src="/media/a.jpg" alt="x" /><figcaption>شرح عکس</figcaption></figure>',
    );
  });

  it('reads the caption from the attribute of older WordPress, and keeps a linked image linked', () => {
    expect(doShortcodes('[caption caption="شرح قدیمی"]<a href="/x"><img src="/media/a.jpg" /></a>[/caption]')).toBe(
      '<figure><a href="/x"><img src="/media/a.jpg" /></a><figcaption>شرح قدیمی</figcaption></figure>',
    );
  });

  it('leaves only the image when a caption is empty', () => {
    expect(doShortcodes('[caption width="300"]<img src="/media/a.jpg" />[/caption]')).toBe('<img src="/media/a.jpg" />');
  });

  it('makes a figure of each image of a gallery, by ids or the post’s own attachments', () => {
    expect(doShortcodes('[gallery ids="7,8"]', ctx)).toBe(
      '<figure><img src="/media/2024/05/a.jpg" alt="میدان آزادی" /><figcaption>میدان آزادی در شب</figcaption></figure>',
    );
    expect(doShortcodes('[gallery]', ctx)).toContain('<figure>');
    expect(doShortcodes('[gallery ids="99"]', ctx)).toBe('');
  });

  it('turns [embed], [video] and [audio] into links, and drops [playlist]', () => {
    expect(doShortcodes('[embed]https://www.aparat.com/v/abc[/embed]')).toBe('<p><a href="https://www.aparat.com/v/abc">https://www.aparat.com/v/abc</a></p>');
    expect(doShortcodes('[video mp4="https://a.example/v.mp4" width="640"][/video]')).toBe('<p><a href="https://a.example/v.mp4">ویدئو</a></p>');
    expect(doShortcodes('[audio src="https://a.example/s.mp3"]')).toBe('<p><a href="https://a.example/s.mp3">فایل صوتی</a></p>');
    expect(doShortcodes('پیش [playlist ids="1,2"] پس')).toBe('پیش  پس');
    expect(doShortcodes('[video]')).toBe('');
  });

  it('never runs an address that is not http(s)', () => {
    expect(doShortcodes('[embed]javascript:alert(1)[/embed]')).toBe('');
  });

  it('shows an escaped shortcode as written and leaves unknown brackets alone', () => {
    expect(doShortcodes('بنویسید [[caption]] و [[gallery ids="1"]]')).toBe('بنویسید [caption] و [gallery ids="1"]');
    expect(doShortcodes('[ویرایش] [contact-form-7 id="5"] [1]')).toBe('[ویرایش] [contact-form-7 id="5"] [1]');
  });

  it('unwraps a paragraph that holds only a shortcode', () => {
    expect(unautopShortcodes('<p>[gallery ids="1"]</p>\n<p>متن [embed]x[/embed]</p>')).toBe('[gallery ids="1"]\n<p>متن [embed]x[/embed]</p>');
  });

  it('reads attributes quoted, unquoted and bare', () => {
    expect(parseAttributes(` id="a b" align='left' width=300 https://x.example "bare"`)).toEqual({
      attrs: { id: 'a b', align: 'left', width: '300' },
      positional: ['https://x.example', 'bare'],
    });
  });
});
