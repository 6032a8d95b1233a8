/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The newsroom end to end, in Debian's Chromium: a reporter writes a story with a subheading
 * and a library image and submits it; an editor schedules it and the scheduler publishes it;
 * a moderator clears two comments with the keyboard; a reporter cannot publish. Screenshots
 * go to test-artifacts/screenshots/ (README, "The newsroom"); axe-core, injected from
 * node_modules, checks every newsroom page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createArticle, findArticleByCode } from '../src/articles/index.js';
import { createUser, type User } from '../src/auth/index.js';
import { loadConfig } from '../src/config.js';
import { toJalali } from '../src/persian/index.js';
import { startServer, type RunningServer } from '../src/server.js';
import { CHROMIUM_SKIP_NOTE, HAVE_CHROMIUM, launchBrowser } from './support/browser.js';
import { freePort } from './support/process.js';
import { tempDir } from './support/storage.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOTS = `${ROOT}test-artifacts/screenshots`;
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'newsroom-password-1';

describe.skipIf(!HAVE_CHROMIUM)(`the newsroom in Chromium${HAVE_CHROMIUM ? '' : ` (${CHROMIUM_SKIP_NOTE})`}`, () => {
  const dir = tempDir();
  let server: RunningServer;
  let browser: Browser;
  /** The server's clock runs this far ahead of the real one (the scheduler test moves it). */
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  let admin: User;
  let storyCode = 0;
  const foreign: string[] = [];

  beforeAll(async () => {
    // The editor's bundle is built by `npm run build`; a bare checkout builds it here.
    if (!existsSync(`${ROOT}src/web/static/newsroom-editor.js`)) execFileSync(process.execPath, ['scripts/bundle-editor.mjs'], { cwd: ROOT });
    mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    const config = loadConfig({
      PORT: String(port),
      DABIR_DATA: dir.path,
      DABIR_DEMO: '0',
      DABIR_CAPTCHA: 'off',
      DABIR_ADMIN_EMAIL: 'admin@example.com',
      DABIR_ADMIN_PASSWORD: PASSWORD,
    });
    server = await startServer({ config, now, say: () => {}, schedulerIntervalMs: 300 });
    const db = server.storage.db;
    admin = await db.selectFrom('users').select(['id', 'email', 'name', 'role']).where('email', '=', 'admin@example.com').executeTakeFirstOrThrow();
    await createUser(db, { email: 'reporter@example.com', name: 'مریم خبرنگار', role: 'reporter', password: PASSWORD, now: now() });
    await createUser(db, { email: 'editor@example.com', name: 'علی دبیر', role: 'editor', password: PASSWORD, now: now() });
    await createUser(db, { email: 'moderator@example.com', name: 'سارا ناظر', role: 'moderator', password: PASSWORD, now: now() });
    // A published story with two comments waiting, and a few weeks of views for the dashboard.
    const articles = { db, bus: server.bus, now };
    const published = await createArticle(
      articles,
      {
        title: 'بودجهٔ سال آینده در مجلس بررسی شد',
        lead: 'نمایندگان کلیات لایحه را بررسی کردند.',
        body: '<p>متن خبر بودجه.</p>',
        service: 'politics',
        tags: ['بودجه', 'مجلس'],
        status: 'published',
        publishedAt: new Date(now().getTime() - 3600_000),
      },
      admin,
    );
    for (const body of ['نویسندهٔ این خبر احمق است و هیچ نمی‌فهمد', 'گزارش دقیقی بود، از خبرنگارتان ممنونم.']) {
      const res = await fetch(`${server.url}/api/v1/articles/${published.code}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'خواننده', email: `reader${body.length}@example.com`, body }),
      });
      expect(res.status).toBe(202);
    }
    const today = Math.floor((now().getTime() + 12_600_000) / 86_400_000);
    for (let i = 0; i < 28; i++) {
      await db
        .insertInto('daily_views')
        .values({ article_id: published.id, day: today - i, views: 40 + ((i * 37) % 90) })
        .execute();
    }
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dir.remove();
  });

  async function signedIn(email: string, options: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fa-IR', ...options });
    const page = await context.newPage();
    const own = new URL(server.url).host;
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.protocol.startsWith('http') && url.host !== own) foreign.push(r.url());
    });
    await page.goto(`${server.url}/newsroom`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/newsroom/login');
    await page.fill('#login-email', email);
    await page.fill('#login-password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${server.url}/newsroom`);
    return { context, page };
  }

  it('lets a reporter write a draft with a subheading and a library image, and submit it for review', async () => {
    const { context, page } = await signedIn('reporter@example.com');
    // The media library: a PNG made here, with its text alternative.
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 30, g: 90, b: 160 } } })
      .composite([{ input: Buffer.from('<svg width="600" height="400"><circle cx="300" cy="200" r="180" fill="#f4a261"/></svg>'), top: 200, left: 300 }])
      .png()
      .toBuffer();
    await page.goto(`${server.url}/newsroom/media`);
    await page.fill('#media-alt', 'نمای ساختمان مجلس در روز بررسی بودجه');
    await page.setInputFiles('#media-file', { name: 'majles.png', mimeType: 'image/png', buffer: png });
    await page.click('form[enctype="multipart/form-data"] button[type="submit"]');
    await expect.poll(() => page.locator('.notice--ok').textContent()).toContain('تصویر بارگذاری شد');
    expect(
      await page
        .locator('.media-item img')
        .first()
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).toBe(true);

    await page.goto(`${server.url}/newsroom/stories/new`);
    // The reporter is offered no way to publish or schedule.
    expect(await page.locator('button[name="action"][value="publish"]').count()).toBe(0);
    expect(await page.locator('button[name="action"][value="schedule"]').count()).toBe(0);
    expect(await page.locator('#publish-year').count()).toBe(0);
    await page.fill('#story-kicker', 'گزارش ویژه');
    await page.fill('#story-title', 'نمایندگان دربارهٔ بودجهٔ عمرانی گفت‌وگو کردند');
    await page.fill('#story-lead', 'جلسهٔ علنی امروز به بودجهٔ طرح‌های عمرانی گذشت.');
    const body = page.locator('.editor-area .ProseMirror');
    await body.click();
    await page.keyboard.type('جلسهٔ امروز با گزارش کمیسیون برنامه و بودجه آغاز شد.');
    await page.keyboard.press('Enter');
    await page.click('.editor-toolbar button[aria-label^="میان‌تیتر ("]');
    // The button hands the focus back to the editor on its own; on a busy machine typing
    // must wait for that, or the first letters land outside the new subheading.
    await expect.poll(() => body.locator('h2').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror') ?? false)).toBe(true);
    await page.keyboard.type('طرح‌های نیمه‌تمام');
    await page.keyboard.press('Enter');
    await page.keyboard.type('بیش از نیمی از طرح‌ها هنوز نیمه‌تمام مانده‌اند.');
    await page.click('.editor-toolbar button[aria-label="افزودن تصویر از کتابخانه"]');
    await page.locator('#image-dialog .media-pick').first().click();
    await expect.poll(() => body.locator('img').count()).toBe(1);
    await page.fill('#story-source', 'خبرگزاری دبیر');
    await page.fill('#story-tags', 'بودجه، ');
    // Tag completion offers the tag that exists.
    await page.locator('#story-tags').pressSequentially('مج');
    await expect
      .poll(() => page.locator('#tag-suggestions option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
      .toContain('بودجه، مجلس');
    await page.fill('#story-tags', 'بودجه، مجلس');
    // Autosave gives the new story its news code without leaving the page.
    await expect.poll(() => page.locator('#autosave-status').textContent(), { timeout: 15_000 }).toContain('ذخیره شد');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/newsroom\/stories\/\d+$/);
    storyCode = Number(new URL(page.url()).pathname.split('/').pop());
    await page.screenshot({ path: `${SHOTS}/editor.png`, fullPage: true });

    // A forged publish (with a valid session and CSRF token) is refused by the server.
    const forged = await page.evaluate(async () => {
      const form = document.getElementById('story-form') as HTMLFormElement;
      const data = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
      data.set('action', 'publish');
      const res = await fetch(form.getAttribute('action')!, { method: 'POST', body: data, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      return res.status;
    });
    expect(forged).toBe(403);

    await page.click('button[name="action"][value="submit"]');
    await expect.poll(() => page.locator('.notice--ok').textContent()).toContain('برای بررسی فرستاده شد');
    const stored = await findArticleByCode(server.storage.db, storyCode);
    expect(stored?.status).toBe('review');
    expect(stored?.body).toContain('<h2>طرح‌های نیمه‌تمام</h2>');
    expect(stored?.body).toMatch(
      /<img src="\/media\/[a-f0-9]+-1200\.png" srcset="\/media\/[a-f0-9]+-480\.webp 480w, [^"]*960w, [^"]*1200w" sizes="[^"]+" width="1200" height="800" alt="نمای ساختمان مجلس/,
    );
    expect(stored?.tags.map((t) => t.name)).toEqual(['بودجه', 'مجلس']);
    await context.close();
  });

  it('lets an editor schedule the story, and the scheduler publishes it on the public page', async () => {
    expect(storyCode).toBeGreaterThan(0);
    const { context, page } = await signedIn('editor@example.com');
    await page.goto(`${server.url}/newsroom/stories/${storyCode}`);
    expect(await page.locator('.status').first().textContent()).toBe('در انتظار بررسی');
    // The preview is the reader's page.
    const preview = await context.newPage();
    await preview.goto(`${server.url}/newsroom/stories/${storyCode}/preview`);
    expect(await preview.locator('h1').textContent()).toContain('نمایندگان دربارهٔ بودجهٔ عمرانی');
    expect(await preview.locator('.article-body h2').textContent()).toBe('طرح‌های نیمه‌تمام');
    await preview.close();

    const at = toJalali(new Date(now().getTime() + 10 * 60_000));
    await page.selectOption('#publish-year', String(at.year));
    await page.selectOption('#publish-month', String(at.month));
    await page.selectOption('#publish-day', String(at.day));
    await page.selectOption('#publish-hour', String(at.hour));
    await page.selectOption('#publish-minute', String(at.minute));
    await page.click('button[name="action"][value="schedule"]');
    await expect.poll(() => page.locator('.notice--ok').textContent()).toContain('زمان‌بندی شد');
    expect(await page.locator('.status').first().textContent()).toBe('زمان‌بندی‌شده');
    expect((await fetch(`${server.url}/news/${storyCode}`)).status).toBe(404);

    // Eleven minutes later, as the server sees it: the scheduler's next tick publishes it.
    offsetMs += 11 * 60_000;
    const reader = await context.newPage();
    await expect.poll(async () => (await fetch(`${server.url}/news/${storyCode}`, { redirect: 'manual' })).status, { timeout: 10_000 }).not.toBe(404);
    await reader.goto(`${server.url}/news/${storyCode}`);
    expect(await reader.locator('h1').textContent()).toContain('نمایندگان دربارهٔ بودجهٔ عمرانی');
    expect(await reader.locator('.article-body h2').textContent()).toBe('طرح‌های نیمه‌تمام');
    const image = reader.locator('.article-body img');
    expect(await image.getAttribute('srcset')).toMatch(/\/media\/[a-f0-9]+-480\.webp 480w/);
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await context.close();
  });

  it('lets a moderator approve one comment and reject another with the keyboard', async () => {
    const { context, page } = await signedIn('moderator@example.com');
    await page.goto(`${server.url}/newsroom/moderation`);
    const items = page.locator('.queue-item');
    await expect.poll(() => items.count()).toBe(2);
    // The insult comes first (verdict, then score), its match highlighted.
    const first = items.nth(0);
    expect(await first.locator('mark').first().textContent()).toBe('احمق');
    await page.screenshot({ path: `${SHOTS}/moderation-desk.png`, fullPage: true });
    const [insultId, kindId] = await items.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
    await page.locator('body').press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(String(insultId));
    await page.keyboard.press('r');
    await expect.poll(() => items.count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(String(kindId));
    await page.keyboard.press('a');
    await expect.poll(() => items.count()).toBe(0);
    const statuses = await server.storage.db.selectFrom('comments').select(['id', 'status']).orderBy('id').execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [insultId!]: 'rejected', [kindId!]: 'published' });
    // The decisions are in the history, by this moderator.
    await page.goto(`${server.url}/newsroom/moderation/history?who=people`);
    expect(await page.locator('table.data tbody tr').count()).toBe(2);
    await context.close();
  });

  it('shows the dashboard with views and comments per day as SVG charts', async () => {
    const { context, page } = await signedIn('admin@example.com');
    expect(await page.locator('figure.chart svg rect.bar').count()).toBe(56);
    // The two comments sent today are counted on today's bar.
    expect(await page.locator('#comments-chart-title').textContent()).toContain('۲ نظر در ۲۸ روز');
    expect(await page.locator('h1').textContent()).toBe('پیشخوان');
    await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });
    await context.close();
  });

  it('passes axe-core with no serious or critical violation on the newsroom pages', async () => {
    const pages: Array<[string, string[]]> = [
      [
        'admin@example.com',
        [
          '/newsroom',
          '/newsroom/stories',
          `/newsroom/stories/${storyCode}`,
          `/newsroom/stories/${storyCode}/revisions`,
          '/newsroom/stories/new',
          '/newsroom/media',
          '/newsroom/users',
          '/newsroom/account',
          '/newsroom/moderation',
          '/newsroom/moderation/history',
          '/newsroom/moderation/lexicon',
          '/newsroom/moderation/bans',
        ],
      ],
    ];
    const revision = await server.storage.db.selectFrom('revisions').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    pages[0]![1].push(`/newsroom/stories/${storyCode}/revisions/${revision.id}`);
    const problems: string[] = [];
    const check = async (page: Page, path: string) => {
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      await page.evaluate(AXE_SOURCE);
      const result = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> };
          }
        ).axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
      });
      for (const v of result) if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${path}: ${v.id} (${v.impact}) ${v.targets.join(' ')}`);
    };
    const anonymous = await browser.newContext({ bypassCSP: true });
    await check(await anonymous.newPage(), '/newsroom/login');
    await anonymous.close();
    for (const [email, paths] of pages) {
      const { context, page } = await signedIn(email, { bypassCSP: true });
      for (const path of paths) await check(page, path);
      await context.close();
    }
    expect(problems).toEqual([]);
    // Nothing on any newsroom page asked another host for anything.
    expect(foreign).toEqual([]);
  }, 120_000);
});
