import { describe, expect, it } from 'vitest';
import { imgAttribute, imgTags, replaceImgTags } from './img.js';

describe('imgTags', () => {
  it('finds every image tag of a body in order, whatever the case of its name', () => {
    const body = '<p>متن</p><img src="/media/a.jpg"><figure><IMG SRC="/media/b.jpg" /></figure><imgx src="c">';
    expect(imgTags(body)).toEqual(['<img src="/media/a.jpg">', '<IMG SRC="/media/b.jpg" />']);
    expect(imgTags('<p>بی‌عکس</p>')).toEqual([]);
  });

  it('replaces each tag with what the callback makes of it and leaves the rest alone', () => {
    expect(replaceImgTags('<p>a</p><img src="x"><img src="y">', (tag) => (tag.includes('"x"') ? '<img src="z">' : tag))).toBe(
      '<p>a</p><img src="z"><img src="y">',
    );
  });
});

describe('imgAttribute', () => {
  it('reads double-quoted, single-quoted and bare values, their references decoded', () => {
    const tag = `<img src="/media/a.jpg?x=1&amp;y=2" alt='عکس &quot;خبر&quot; &#39;۱&#x27;' width=640>`;
    expect(imgAttribute(tag, 'src')).toBe('/media/a.jpg?x=1&y=2');
    expect(imgAttribute(tag, 'alt')).toBe(`عکس "خبر" '۱'`);
    expect(imgAttribute(tag, 'width')).toBe('640');
    expect(imgAttribute(tag, 'height')).toBeUndefined();
  });

  it('matches names in any case, takes the first of two and gives an empty value for a bare name', () => {
    expect(imgAttribute('<img SRC="/a.jpg" src="/b.jpg">', 'src')).toBe('/a.jpg');
    expect(imgAttribute('<img alt src="/a.jpg">', 'alt')).toBe('');
    expect(imgAttribute('<img/src="/a.jpg"/>', 'src')).toBe('/a.jpg');
    expect(imgAttribute('<img src = "/a.jpg">', 'src')).toBe('/a.jpg');
  });

  it('never takes text inside another value, or a longer name, for the attribute', () => {
    expect(imgAttribute('<img alt="نقشه src=/evil.jpg" src="/media/a.jpg">', 'src')).toBe('/media/a.jpg');
    expect(imgAttribute('<img data-src="/lazy.jpg">', 'src')).toBeUndefined();
    expect(imgAttribute(`<img title='x" src="/evil.jpg' src="/media/a.jpg">`, 'src')).toBe('/media/a.jpg');
  });
});
