import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWxr, WxrError, WxrParser, type WxrRecord } from './wxr.js';

const HEAD = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel>
<title>خبرگزاری</title>
<link>https://site.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://site.example</wp:base_site_url>
<wp:base_blog_url>https://site.example</wp:base_blog_url>
`;
const TAIL = '</channel>\n</rss>\n';

async function records(text: string, chunk = 7, metaKeys: string[] = []): Promise<WxrRecord[]> {
  async function* chunks() {
    const bytes = Buffer.from(text, 'utf8');
    // Split in the middle of characters too: the decoder must put them back together.
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const out: WxrRecord[] = [];
  for await (const r of readWxr(chunks(), { metaKeys })) out.push(r);
  return out;
}

describe('the WXR reader', () => {
  it('reads the channel, authors, terms, items and their comments, by chunks split anywhere', async () => {
    const xml = `${HEAD}<wp:author><wp:author_login><![CDATA[dabir]]></wp:author_login><wp:author_display_name><![CDATA[دبیر]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename><![CDATA[%d8%b3%db%8c%d8%a7%d8%b3%db%8c]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[سیاسی]]></wp:cat_name></wp:category>
<wp:term><wp:term_id>4</wp:term_id><wp:term_taxonomy><![CDATA[category]]></wp:term_taxonomy><wp:term_slug><![CDATA[%d8%b3%db%8c%d8%a7%d8%b3%db%8c]]></wp:term_slug><wp:term_name><![CDATA[سیاسی]]></wp:term_name></wp:term>
<item>
<title><![CDATA[تیتر خبر]]></title>
<dc:creator><![CDATA[dabir]]></dc:creator>
<content:encoded><![CDATA[بند یکم

بند دوم با ]]]]><![CDATA[> در میان]]></content:encoded>
<wp:post_id>12</wp:post_id>
<wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="%d8%b3%db%8c%d8%a7%d8%b3%db%8c"><![CDATA[سیاسی]]></category>
<wp:postmeta><wp:meta_key><![CDATA[kod]]></wp:meta_key><wp:meta_value><![CDATA[۱۲۳]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key><![CDATA[_other]]></wp:meta_key><wp:meta_value><![CDATA[x]]></wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_content><![CDATA[نظر]]></wp:comment_content><wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_parent>0</wp:comment_parent><wp:commentmeta><wp:meta_key>k</wp:meta_key></wp:commentmeta></wp:comment>
</item>
${TAIL}`;
    const out = await records(xml, 7, ['kod']);
    expect(out.map((r) => r.type)).toEqual(['channel', 'author', 'term', 'term', 'comment', 'item']);
    const channel = out[0] as Extract<WxrRecord, { type: 'channel' }>;
    expect(channel.channel).toMatchObject({ title: 'خبرگزاری', wxrVersion: '1.2', baseBlogUrl: 'https://site.example' });
    const [category, generic] = out.filter((r): r is Extract<WxrRecord, { type: 'term' }> => r.type === 'term');
    expect(category!.term).toMatchObject({ taxonomy: 'category', name: 'سیاسی', generic: false });
    expect(generic!.term).toMatchObject({ taxonomy: 'category', generic: true });
    const comment = out[4] as Extract<WxrRecord, { type: 'comment' }>;
    expect(comment).toMatchObject({ item: 1, comment: { id: '5', content: 'نظر', approved: '1' } });
    const item = (out[5] as Extract<WxrRecord, { type: 'item' }>).item;
    expect(item.content).toBe('بند یکم\n\nبند دوم با ]]> در میان');
    expect(item.meta).toEqual({ kod: '۱۲۳' });
    expect(item.terms).toEqual([{ domain: 'category', nicename: '%d8%b3%db%8c%d8%a7%d8%b3%db%8c', name: 'سیاسی' }]);
    expect(item.line).toBe(12);
  });

  it('names the line and column of a file that is not well-formed', async () => {
    const xml = `${HEAD}<item>\n<title>بی‌پایان</titel>\n</item>${TAIL}`;
    const error = await records(xml).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxrError);
    expect(error).toMatchObject({ reason: 'xml', line: 10 });
    expect((error as WxrError).message).toMatch(/close tag/);
  });

  it('says so when the file is not XML, is another XML, or is an RSS feed without WordPress fields', async () => {
    await expect(records('# README\n\nنه XML')).rejects.toMatchObject({ reason: 'not-wxr', line: 1 });
    await expect(records('<?xml version="1.0"?><html><body/></html>')).rejects.toMatchObject({ reason: 'not-wxr', message: /root element is <html>/ });
    await expect(records('<rss><channel><title>t</title><item><title>x</title></item></channel></rss>')).rejects.toMatchObject({
      reason: 'not-wxr',
      message: /wxr_version/,
    });
    await expect(records('')).rejects.toMatchObject({ reason: 'not-wxr' });
    await expect(records(`${HEAD}<item>`)).rejects.toMatchObject({ reason: 'xml' });
  });

  it('drops the control characters XML forbids, which WordPress writes as they are', async () => {
    const parser = new WxrParser();
    const out = [
      ...parser.write(`${HEAD}<item><title><![CDATA[تیتر\u0008 با نویسهٔ کنترلی\u000b]]></title><wp:post_id>1</wp:post_id></item>${TAIL}`),
      ...parser.end(),
    ];
    const item = out.find((r): r is Extract<WxrRecord, { type: 'item' }> => r.type === 'item');
    expect(item?.item.title).toBe('تیتر با نویسهٔ کنترلی');
    expect(parser.controlCharacters).toBe(2);
  });

  it('refuses an element larger than its bound instead of holding it', () => {
    const parser = new WxrParser({ maxField: 1000 });
    expect(() => parser.write(`${HEAD}<item><content:encoded>${'آ'.repeat(2000)}</content:encoded></item>`)).toThrow(/more than 1000/);
  });

  it('on any input, either reads records or fails with a WxrError, and yields no more records than the input has characters', async () => {
    const pieces = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        HEAD,
        TAIL,
        '<item>',
        '</item>',
        '<wp:comment>',
        '</wp:comment>',
        '<wp:postmeta>',
        '<wp:meta_key>k</wp:meta_key>',
        '<category domain="post_tag" nicename="x">',
        '</category>',
      ),
      fc.constantFrom(
        '<![CDATA[',
        ']]>',
        '<!--',
        '-->',
        '&amp;',
        '&nbsp;',
        '<wp:author>',
        '</wp:author>',
        '<wp:term>',
        '</wp:term>',
        '<',
        '>',
        '\u0000',
        'متن',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')),
        fc.integer({ min: 1, max: 64 }),
        async (text, chunk) => {
          try {
            const out = await records(text, chunk);
            expect(out.length).toBeLessThanOrEqual(text.length + 1);
          } catch (error) {
            expect(error).toBeInstanceOf(WxrError);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
