/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';
import { CHROMIUM_SKIP_NOTE, HAVE_CHROMIUM, launchBrowser } from './support/browser.js';
import { freePort } from './support/process.js';
import { tempDir } from './support/storage.js';

describe.skipIf(!HAVE_CHROMIUM)(`the demo site in Chromium${HAVE_CHROMIUM ? '' : ` (${CHROMIUM_SKIP_NOTE})`}`, () => {
  let server: RunningServer;
  let browser: Browser;
  const dir = tempDir();

  beforeAll(async () => {
    const port = await freePort();
    const config = loadConfig({ PORT: String(port), DABIR_DATA: dir.path, DABIR_DEMO: '1', DABIR_ADMIN_PASSWORD: 'admin-password-1' });
    server = await startServer({ config, say: () => {} });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    dir.remove();
  });

  it('loads every script, style, font and image of the front, story, service and tag pages from its own host', async () => {
    const own = new URL(server.url).host;
    const page = await browser.newPage();
    const foreign: string[] = [];
    const failed: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.protocol.startsWith('http') && url.host !== own) foreign.push(r.url());
    });
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(server.url, { waitUntil: 'networkidle' });
    const storyHref = await page.locator('main a[href^="/news/"]').first().getAttribute('href');
    const serviceHref = await page.locator('a[href^="/service/"]').first().getAttribute('href');
    expect(storyHref).toBeTruthy();
    await page.goto(server.url + storyHref!, { waitUntil: 'networkidle' });
    const tagHref = await page.locator('a[href^="/tag/"]').first().getAttribute('href');
    await page.goto(server.url + serviceHref!, { waitUntil: 'networkidle' });
    await page.goto(server.url + tagHref!, { waitUntil: 'networkidle' });
    await page.goto(`${server.url}/news/1`, { waitUntil: 'networkidle' });
    expect(foreign).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('renders the story page right to left in Vazirmatn, readable with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: 'networkidle' });
    const storyHref = await page.locator('main a[href^="/news/"]').first().getAttribute('href');
    await page.goto(server.url + storyHref!, { waitUntil: 'networkidle' });
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('fa');
    const h1 = page.locator('h1');
    await expect.poll(() => h1.count()).toBe(1);
    expect((await h1.textContent())?.trim().length).toBeGreaterThan(5);
    const fontFamily = await h1.evaluate((el) => getComputedStyle(el).fontFamily);
    expect(fontFamily).toContain('Vazirmatn');
    const fontsLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
    });
    expect(fontsLoaded.join(',')).toContain('Vazirmatn');
    // Nothing wider than the phone's screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
