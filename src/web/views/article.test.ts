import { describe, expect, it } from 'vitest';
import { COMMENT_POLICY, renderArticlePage } from './article.js';
import type { ArticlePage } from './model.js';
import { sampleArticlePage, sampleCard } from './sample.js';

function render(change?: (page: ArticlePage) => void): string {
  const page = sampleArticlePage();
  change?.(page);
  return renderArticlePage(page);
}

/** The part of the page after `<main`, so the head's title and description don't count. */
function mainOf(doc: string): string {
  const start = doc.indexOf('<main');
  expect(start).toBeGreaterThan(0);
  return doc.slice(start, doc.indexOf('</main>'));
}

describe('article page anatomy', () => {
  it('shows kicker, title, code, date, lead, body, source, tags, share links and comments in that order', () => {
    const main = mainOf(render());
    const marks = [
      '<p class="kicker">معاون وزیر ارتباطات',
      '<h1 id="article-title">هیچ نامه تازه‌ای به پیام‌رسان خارجی ننوشتیم</h1>',
      'کد خبر: ۳۸۷۲۲۸',
      '<time datetime="2026-11-28T11:00:00.000Z">',
      '<p class="lead">معاون وزیر ارتباطات هرگونه',
      '<p>سخنگوی وزارتخانه',
      'منبع: خبرگزاری مهر',
      'href="/tag/telegram"',
      'https://t.me/share/url',
      '<section class="comments"',
    ];
    const positions = marks.map((m) => main.indexOf(m));
    for (const [i, p] of positions.entries()) expect(p, marks[i]).toBeGreaterThanOrEqual(0);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('writes the news code in Persian digits', () => {
    const doc = render();
    expect(doc).toContain('<span class="news-code">کد خبر: ۳۸۷۲۲۸</span>');
    expect(mainOf(doc)).not.toContain('387228<');
  });

  it('writes the publication date in the Jalali calendar, Tehran time and Persian digits', () => {
    const main = mainOf(render());
    const time = /<span class="article-date"><time datetime="([^"]+)">([^<]+)<\/time>/.exec(main);
    expect(time?.[1]).toBe('2026-11-28T11:00:00.000Z');
    expect(time?.[2]).toContain('۷ آذر ۱۴۰۵');
    expect(time?.[2]).toContain('۱۴:۳۰');
    expect(time?.[2]).not.toMatch(/[0-9]/);
  });

  it('shows the update time only when the story changed after publication', () => {
    expect(render()).not.toContain('article-updated');
    const doc = render((p) => (p.updatedAt = new Date('2026-11-28T12:00:00Z')));
    expect(doc).toContain('به‌روزرسانی: <time datetime="2026-11-28T12:00:00.000Z">');
  });

  it('inserts the sanitized body as markup', () => {
    expect(render()).toContain('<h2>هشدار درباره نسخه‌های غیررسمی</h2>');
  });

  it('leaves out kicker, lead and source when the story has none', () => {
    const doc = render((p) => {
      p.kicker = '';
      delete p.lead;
      delete p.source;
    });
    const main = doc.slice(doc.indexOf('<article class="article"'), doc.indexOf('</article>'));
    expect(main).not.toContain('class="kicker"');
    expect(main).not.toContain('class="lead"');
    expect(main).not.toContain('منبع:');
  });

  it('isolates Latin runs of title, kicker and lead in bdi elements', () => {
    const main = mainOf(
      render((p) => {
        p.title = 'عرضه iPhone در ایران';
        p.kicker = 'گزارش Reuters';
        p.lead = 'شرکت Apple اعلام کرد';
      }),
    );
    expect(main).toContain('<h1 id="article-title">عرضه <bdi dir="ltr">iPhone</bdi> در ایران</h1>');
    expect(main).toContain('<bdi dir="ltr">Reuters</bdi>');
    expect(main).toContain('<bdi dir="ltr">Apple</bdi>');
  });

  it('escapes markup in the title everywhere it appears', () => {
    const doc = render((p) => (p.title = '<script>alert(1)</script><img src=x onerror=alert(2)>'));
    expect(doc).not.toContain('<script>alert');
    expect(doc).not.toContain('<img src=x');
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('sharing', () => {
  it('links to Telegram, WhatsApp, X, Bale and Eitaa with the short link and title URL-encoded', () => {
    const doc = render();
    const url = encodeURIComponent('https://dabir.example/news/387228');
    const text = encodeURIComponent('هیچ نامه تازه‌ای به پیام‌رسان خارجی ننوشتیم');
    for (const href of [
      `https://t.me/share/url?url=${url}&amp;text=${text}`,
      `https://wa.me/?text=${text}%20${url}`,
      `https://x.com/intent/post?url=${url}&amp;text=${text}`,
      `https://ble.ir/share/url?url=${url}&amp;text=${text}`,
      `https://eitaa.com/share/url?url=${url}&amp;text=${text}`,
    ]) {
      expect(doc).toContain(`href="${href}" rel="noopener noreferrer" target="_blank"`);
    }
  });

  it('offers the short link in a read-only field with a copy button that script reveals', () => {
    const doc = render();
    expect(doc).toContain('<label for="short-link">');
    expect(doc).toMatch(/<input id="short-link"[^>]* readonly value="https:\/\/dabir\.example\/news\/387228">/);
    expect(doc).toMatch(/<button type="button" class="copy-button" data-copy="short-link"[^>]* hidden>/);
  });

  it('lists related stories before the comments', () => {
    const main = mainOf(render());
    expect(main.indexOf('خبرهای مرتبط')).toBeGreaterThan(main.indexOf('https://t.me/'));
    expect(main.indexOf('href="/news/387200"')).toBeLessThan(main.indexOf('id="comments"'));
  });
});

describe('comments', () => {
  it('shows the count in Persian digits and the policy word for word', () => {
    const doc = render((p) => (p.commentCount = 0));
    expect(doc).toContain('<p class="comment-count">۰ نظر</p>');
    expect(COMMENT_POLICY).toBe('نشانی ایمیل شما منتشر نخواهد شد. نظرات حاوی الفاظ و ادبیات نامناسب، تهمت و افترا منتشر نخواهد شد.');
    expect(doc).toContain(COMMENT_POLICY);
  });

  it('nests replies as the model shapes them (up to five levels), with no flattening of its own', () => {
    const main = mainOf(render());
    const depthOf = (id: string): number => {
      const at = main.indexOf(`id="comment-${id}"`);
      const before = main.slice(0, at);
      return (before.match(/<ol /g) ?? []).length - (before.match(/<\/ol>/g) ?? []).length;
    };
    expect([depthOf('c1'), depthOf('c2'), depthOf('c3'), depthOf('c4'), depthOf('c5')]).toEqual([1, 2, 3, 4, 1]);
  });

  it('gives every comment a reply link that works without script', () => {
    const doc = render();
    for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) {
      expect(doc).toContain(`<a class="reply-link" href="?replyTo=${id}#comment-form">پاسخ`);
    }
  });

  it('shows names and bodies as text, never as markup', () => {
    const doc = render((p) => {
      p.comments = [
        {
          id: '9',
          name: '<img src=x onerror=alert(1)>',
          body: '<script>alert("x")</script>\nسطر دوم',
          createdAt: new Date('2026-11-28T11:00:00Z'),
          children: [],
        },
      ];
    });
    expect(doc).not.toContain('<img src=x');
    expect(doc).not.toContain('<script>alert');
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(doc).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\nسطر دوم');
  });

  it('has a POST form with name, email (noted as unpublished), text, parentId, the honeypot and the submit button', () => {
    const doc = render();
    expect(doc).toContain('<form id="comment-form" class="comment-form" method="post" action="/news/387228/comments"');
    expect(doc).toMatch(/<label for="comment-name">نام<\/label>\s*<input id="comment-name" name="name"/);
    expect(doc).toMatch(/<label for="comment-email">ایمیل<\/label>\s*<input id="comment-email" name="email" type="email"/);
    expect(doc).toContain('aria-describedby="comment-email-note"');
    expect(doc).toContain('<p id="comment-email-note" class="field-note">نشانی ایمیل شما منتشر نمی‌شود.</p>');
    expect(doc).toMatch(/<label for="comment-body">متن نظر<\/label>\s*<textarea id="comment-body" name="body"/);
    expect(doc).toContain('<input type="hidden" name="parentId" value="">');
    expect(doc).toMatch(/<div class="hp" aria-hidden="true">[^]*?name="website"[^]*?<\/div>/);
    expect(doc).toContain('<button type="submit">ارسال نظر</button>');
    expect(doc).not.toContain('name="captcha"');
  });

  it('fills the form again after an error, escaped, and announces the error as an alert', () => {
    const doc = render((p) => {
      p.commentForm.message = { kind: 'error', text: 'متن نظر خالی است.' };
      p.commentForm.values = { name: '"><b>x', email: 'a@b.example', body: '</textarea><script>', parentId: 'c2' };
    });
    expect(doc).toContain('<p class="form-message form-message--error" role="alert">متن نظر خالی است.</p>');
    expect(doc).toContain('value="&quot;&gt;&lt;b&gt;x"');
    expect(doc).toContain('>&lt;/textarea&gt;&lt;script&gt;</textarea>');
    expect(doc).toContain('<input type="hidden" name="parentId" value="c2">');
    expect(doc).toContain('در پاسخ به <a href="#comment-c2"><bdi>علی</bdi></a>');
  });

  it('announces a successful submission politely', () => {
    const doc = render((p) => (p.commentForm.message = { kind: 'ok', text: 'نظر شما ثبت شد.' }));
    expect(doc).toContain('<p class="form-message form-message--ok" role="status">نظر شما ثبت شد.</p>');
  });

  it('carries the proof-of-work challenge in a hidden input for the script', () => {
    const doc = render((p) => (p.commentForm.captcha = { challengeJson: '{"salt":"a\\"b","challenge":"<x>"}' }));
    expect(doc).toContain(
      '<input type="hidden" name="captcha" value="" data-challenge="{&quot;salt&quot;:&quot;a\\&quot;b&quot;,&quot;challenge&quot;:&quot;&lt;x&gt;&quot;}">',
    );
  });

  it('says comments are closed instead of showing the form', () => {
    const doc = render((p) => (p.commentForm.open = false));
    expect(doc).toContain('ارسال نظر برای این خبر بسته است.');
    expect(doc).not.toContain('<form id="comment-form"');
    expect(doc).toContain(COMMENT_POLICY);
  });
});

describe('links from the model', () => {
  it('neutralises a javascript: URL and drops an image from another host', () => {
    const doc = render((p) => {
      p.related = [{ ...sampleCard(1), url: 'java\tscript:alert(1)', image: { src: 'https://evil.example/a.png', width: 1, height: 1, alt: '' } }];
    });
    expect(doc).not.toMatch(/href="java\s*script:/);
    expect(doc).not.toContain('evil.example');
  });
});
