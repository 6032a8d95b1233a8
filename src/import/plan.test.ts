import { describe, expect, it } from 'vitest';
import { parseGmt, parseLocal, wpDate } from './dates.js';
import { chooseService, commentStatus, legacyRedirectKeys, queryKey, redirectKey, siteAddress, storyPaths, storyStatus } from './plan.js';
import type { WxrItem } from './wxr.js';

const item = (fields: Partial<WxrItem>): WxrItem => ({
  line: 1,
  title: '',
  link: '',
  pubDate: '',
  creator: '',
  guid: '',
  content: '',
  excerpt: '',
  postId: '7',
  postDate: '2024-05-12 09:00:00',
  postDateGmt: '2024-05-12 05:30:00',
  postModified: '',
  postModifiedGmt: '',
  commentStatus: 'open',
  postName: '',
  status: 'publish',
  postParent: '0',
  menuOrder: '0',
  postType: 'post',
  postPassword: '',
  attachmentUrl: '',
  terms: [],
  meta: {},
  ...fields,
});

describe('WordPress dates', () => {
  it('reads the UTC date, and the zero date as none', () => {
    expect(parseGmt('2018-06-27 06:00:00')?.toISOString()).toBe('2018-06-27T06:00:00.000Z');
    expect(parseGmt('0000-00-00 00:00:00')).toBeNull();
    expect(parseGmt('فردا')).toBeNull();
  });

  it('reads a local date in Tehran with the summer time Iran kept until 2022', () => {
    // +04:30 in the summer of 2018, +03:30 in the winter, +03:30 all year since 2023.
    expect(parseLocal('2018-06-27 10:30:00', 'Asia/Tehran')?.toISOString()).toBe('2018-06-27T06:00:00.000Z');
    expect(parseLocal('2018-01-10 10:30:00', 'Asia/Tehran')?.toISOString()).toBe('2018-01-10T07:00:00.000Z');
    expect(parseLocal('2024-05-20 09:30:00', 'Asia/Tehran')?.toISOString()).toBe('2024-05-20T06:00:00.000Z');
  });

  it('uses the local date only when the UTC one is the zero date (a draft)', () => {
    expect(wpDate('0000-00-00 00:00:00', '2024-05-20 09:30:00', 'Asia/Tehran')?.toISOString()).toBe('2024-05-20T06:00:00.000Z');
    expect(wpDate('2024-05-20 06:00:00', 'nonsense', 'Asia/Tehran')?.toISOString()).toBe('2024-05-20T06:00:00.000Z');
  });
});

describe('what a WordPress item becomes', () => {
  it('keeps drafts, scheduled and held posts as they were, and never publishes a private, protected or trashed one', () => {
    expect(storyStatus(item({ status: 'publish' }))).toBe('published');
    expect(storyStatus(item({ status: 'future' }))).toBe('scheduled');
    expect(storyStatus(item({ status: 'draft' }))).toBe('draft');
    expect(storyStatus(item({ status: 'pending' }))).toBe('review');
    expect(storyStatus(item({ status: 'private' }))).toBe('unpublished');
    expect(storyStatus(item({ status: 'publish', postPassword: 'x' }))).toBe('unpublished');
    expect(storyStatus(item({ status: 'trash' }))).toBe('unpublished');
    expect(storyStatus(item({ status: 'auto-draft' }))).toBeUndefined();
  });

  it('files a story under its deepest category and keeps an unrelated second category as a tag', () => {
    const parents = new Map([['telecom', 'technology']]);
    const terms = [
      { domain: 'category', nicename: 'technology', name: 'فناوری' },
      { domain: 'category', nicename: 'telecom', name: 'ارتباطات' },
      { domain: 'category', nicename: 'uncategorized', name: 'Uncategorized' },
      { domain: 'category', nicename: '%d8%a7%d9%82%d8%aa%d8%b5%d8%a7%d8%af', name: 'اقتصاد' },
    ];
    expect(chooseService(terms, (s) => parents.get(s))).toEqual({
      service: { slug: 'telecom', name: 'ارتباطات' },
      extra: [{ slug: 'اقتصاد', name: 'اقتصاد' }],
    });
    expect(chooseService([terms[2]!], () => undefined).service?.slug).toBe('uncategorized');
  });

  it('maps comment statuses: approved, held, spam; trash is left out', () => {
    expect(['1', '0', 'hold', 'spam', 'trash', 'post-trashed'].map(commentStatus)).toEqual(['published', 'pending', 'pending', 'spam', undefined, undefined]);
  });
});

describe('old addresses', () => {
  const site = siteAddress(['https://site.example']);

  it('lists ?p=, the permalink, the dated path and the bare slug of a post, decoded and without a trailing slash', () => {
    const paths = storyPaths(
      item({ postId: '387228', postName: '%d9%87%db%8c%da%86', link: 'https://site.example/news/387228/%d9%87%db%8c%da%86/', postDate: '2018-06-27 10:30:00' }),
      'post',
      site,
    );
    expect(paths).toEqual(['/?p=387228', '/news/387228/هیچ', '/2018/06/27/هیچ', '/هیچ']);
  });

  it('lists ?page_id= and the full path of a child page', () => {
    const paths = storyPaths(
      item({ postId: '9', postType: 'page', postName: 'contact', postParent: '8', link: 'https://site.example/about/contact/' }),
      'page',
      site,
    );
    expect(paths).toEqual(['/?p=9', '/?page_id=9', '/about/contact']);
  });

  it('keeps a site that lived in a folder in its folder', () => {
    const blog = siteAddress(['https://site.example/blog/']);
    expect(queryKey(blog.basePath, 'p', '5')).toBe('/blog/?p=5');
    expect(legacyRedirectKeys('/blog?p=5')[0]).toBe('/blog/?p=5');
  });

  it('looks a request up the way the importer stored it', () => {
    expect(legacyRedirectKeys('/?p=387228&utm_source=x')).toEqual(['/?p=387228', '/']);
    expect(legacyRedirectKeys('/2018/06/27/%D9%87%DB%8C%DA%86/')).toEqual(['/2018/06/27/هیچ/', '/2018/06/27/هیچ']);
    expect(legacyRedirectKeys('/category/politics')).toEqual(['/category/politics', '/category/politics/']);
    expect(legacyRedirectKeys('/%E0%A4%A')).toEqual(['/%E0%A4%A', '/%E0%A4%A/']);
    expect(redirectKey('/category//politics///')).toBe('/category/politics');
    expect(redirectKey('/')).toBeUndefined();
  });
});
