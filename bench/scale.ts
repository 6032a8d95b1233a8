/**
 * How Dabir's pages hold up as the archive grows, and what one instance costs
 * in memory (issue 7):
 *
 * - fills a fresh SQLite database with N stories (bulk inserts, bounded), two
 *   tags each from 500, plus one long story tagged with a common and a rare tag
 *   (the rare one shared with three of the oldest stories);
 * - cache misses in-process (light-my-request, no sockets): each page's cache
 *   entries are dropped through the change bus before every request, and the
 *   same request is then timed as a hit; "render" is the page's own report of
 *   its render (the time /metrics gives as dabir_page_render_seconds: its
 *   queries, model and template), "miss − hit" what a miss adds to a request
 *   (the render, the cache entry, the awaits). Story, seed story (where
 *   ../shared exists), front, service (first page and page 50), common tag and
 *   rare tag pages;
 * - the template alone;
 * - over HTTP from a separate server process started as `npm start` would:
 *   5,000 distinct story pages and 500 distinct tag pages (all misses), then
 *   cached pages under 32 connections;
 * - the server's resident memory after start, after the visits, after the load.
 *
 *   npm run build && node --import tsx bench/scale.ts --stories 100000
 *   npm run build && node --import tsx bench/scale.ts --stories 1000000
 *
 * `--keep 1` leaves the filled database behind (its folder is printed).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { createLocalBus } from '../src/events/index.js';
import { openStorage } from '../src/storage/index.js';
import { buildApp } from '../src/web/app.js';
import { buildServices } from '../src/boot.js';
import { renderArticlePage } from '../src/web/views/index.js';
import { HAVE_SHARED, seedArticle } from '../test/support/fixtures.js';
import { storyBody } from './story-text.js';
import { benchArgs } from './support.js';

const args = benchArgs();
const N = Number(args.get('stories') ?? 100_000);
const SECONDS = Number(args.get('seconds') ?? 5);

const WORDS =
  'دولت مجلس بازار ارز بورس تورم مسکن اجاره خودرو واردات صادرات نفت گاز برق آب باران سیل زلزله مدرسه دانشگاه کنکور بیمارستان دارو بیمه یارانه حقوق کارگران بازنشستگان اینترنت پیام‌رسان فیلترینگ اپراتور همراه ماهواره فوتبال لیگ والیبال کشتی المپیک کتاب سینما تئاتر موسیقی جشنواره موزه شهرداری مترو اتوبوس ترافیک آلودگی هوا جنگل کشاورزی گندم برنج'.split(
    ' ',
  );
function pick(i: number, k: number): string {
  let out = '';
  for (let j = 0; j < k; j++) out += (j ? ' ' : '') + WORDS[(i * 7919 + j * 104729) % WORDS.length];
  return out;
}

/** The fill's first news code: above the seed story's (387228), so that one can be added too. */
const FIRST_CODE = 400_000;

function fill(file: string, n: number): { longCode: number } {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const services = ['politics', 'economy', 'society', 'ict', 'sport', 'culture'];
  const names = ['سیاسی', 'اقتصادی', 'اجتماعی', 'فناوری اطلاعات', 'ورزشی', 'فرهنگی'];
  const insService = db.prepare('insert or ignore into services (slug, name, position) values (?, ?, ?)');
  services.forEach((s, i) => insService.run(s, names[i], i));
  const serviceIds = services.map((s) => (db.prepare('select id from services where slug = ?').get(s) as { id: number }).id);
  const tagIns = db.prepare('insert or ignore into tags (slug, name) values (?, ?)');
  for (let t = 0; t < 500; t++) tagIns.run(`tag-${t}`, `برچسب ${t}`);
  const ins = db.prepare(
    'insert into articles (code, slug, kicker, title, lead, body, source, service_id, author_id, status, published_at, created_at, updated_at, views, comments_open) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, 1)',
  );
  const tagLink = db.prepare('insert or ignore into article_tags (article_id, tag_id, position) values (?, ?, ?)');
  const shortBody = '<p>' + pick(1, 60) + '</p><h2>' + pick(2, 5) + '</h2><p>' + pick(3, 80) + '</p>';
  const now = Date.now();
  const started = Date.now();
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const code = FIRST_CODE + i;
      const title = `${pick(i, 6)} ${i}`;
      const published = now - (n - i) * 60_000;
      const r = ins.run(
        code,
        title.replace(/ /g, '-'),
        pick(i + 1, 4),
        title,
        pick(i + 2, 25),
        shortBody,
        'به گزارش دبیر',
        serviceIds[i % serviceIds.length],
        'published',
        published,
        published,
        published,
        i % 997,
      );
      const id = Number(r.lastInsertRowid);
      tagLink.run(id, 1 + (i % 500), 0);
      tagLink.run(id, 1 + ((i * 31) % 500), 1);
    }
  });
  const step = 20_000;
  for (let from = 0; from < n; from += step) batch(from, Math.min(n, from + step));
  // One long story, the way a real one reads, to render.
  const longCode = FIRST_CODE - 1;
  const long = ins.run(
    longCode,
    'خبر-بلند',
    'معاون وزیر ارتباطات',
    'هیچ مکاتبه تازه‌ای با پیام‌رسان خارجی نداشتیم',
    pick(5, 30),
    storyBody(),
    'به گزارش دبیر',
    serviceIds[3],
    'published',
    now - 1000,
    now - 1000,
    now - 1000,
    0,
  );
  // A common tag and a rare one, the rare one shared only with three of the oldest stories.
  tagIns.run('tag-rare', 'برچسب کمیاب');
  const rare = (db.prepare("select id from tags where slug = 'tag-rare'").get() as { id: number }).id;
  tagLink.run(Number(long.lastInsertRowid), 8, 0);
  tagLink.run(Number(long.lastInsertRowid), rare, 1);
  // The seed story itself (../shared/fixtures, where it exists), with the same two tags.
  if (HAVE_SHARED) {
    const seed = seedArticle();
    const row = ins.run(
      seed.code,
      'خبر-نمونه',
      '',
      seed.title,
      seed.lead,
      seed.body,
      seed.source,
      serviceIds[3],
      'published',
      now - 2000,
      now - 2000,
      now - 2000,
      0,
    );
    tagLink.run(Number(row.lastInsertRowid), 8, 0);
    tagLink.run(Number(row.lastInsertRowid), rare, 1);
  }
  for (let id = 1; id <= 3; id++) tagLink.run(id, rare, 0);
  db.prepare("update counters set value = ? where name = 'news_code'").run(FIRST_CODE + n);
  db.close();
  console.log(`filled ${n.toLocaleString('en')} stories in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { longCode };
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

const dir = mkdtempSync(join(tmpdir(), 'dabir-scale-'));
const children: ReturnType<typeof spawn>[] = [];
try {
  // Migrate an empty database, then fill it directly.
  const config = loadConfig({ DABIR_DATA: dir, DABIR_DEMO: '0', DABIR_CAPTCHA: 'off', DABIR_PUBLIC_URL: 'http://127.0.0.1:43201' });
  const storage0 = await openStorage({ dataDir: dir });
  await storage0.db
    .insertInto('users')
    .values({ email: 'bench@example.com', name: 'bench', role: 'admin', password_hash: null, created_at: Date.now() })
    .execute();
  await storage0.close();
  const { longCode } = fill(join(dir, 'dabir.sqlite'), N);

  // Cache misses in-process.
  const storage = await openStorage({ dataDir: dir });
  const bus = createLocalBus();
  // Every render on a miss, as the pages report it to /metrics: the page's queries, model and template.
  let renders: number[] = [];
  const app = await buildApp(await buildServices({ config, storage, bus }), { renders: { observe: (_page, seconds) => renders.push(seconds * 1000) } });
  await app.ready();
  const first = await app.inject({ method: 'GET', url: `/news/${longCode}` });
  const storyPath = first.headers.location as string;
  const ROUNDS = 500;
  // Page 50 of a service (offset 980), or its last page in a small archive.
  const deepPage = Math.max(1, Math.min(50, Math.floor(N / 6 / 20)));
  const missAndHit = async (url: string, keys: string[]) => {
    const miss: number[] = [];
    const hit: number[] = [];
    renders = [];
    for (let i = 0; i < ROUNDS; i++) {
      await bus.publish(keys);
      // Let the bus's other listeners (the channel outbox) finish: their work is not the page's.
      await new Promise((r) => setTimeout(r, 1));
      let t0 = performance.now();
      const res = await app.inject({ method: 'GET', url });
      miss.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
      t0 = performance.now();
      await app.inject({ method: 'GET', url });
      hit.push(performance.now() - t0);
    }
    const [m, h] = [quantile(miss, 0.5), quantile(hit, 0.5)];
    return `render ${quantile(renders, 0.5).toFixed(3)} ms (p95 ${quantile(renders, 0.95).toFixed(3)}); whole request: miss ${m.toFixed(3)} ms (p95 ${quantile(miss, 0.95).toFixed(3)}), hit ${h.toFixed(3)} ms, miss − hit ${(m - h).toFixed(3)} ms`;
  };
  const inProcess: Array<[string, string]> = [['story (long, two tags, one rare)', await missAndHit(storyPath, [`article:${longCode}`])]];
  if (HAVE_SHARED) {
    const code = seedArticle().code;
    const seedPath = (await app.inject({ method: 'GET', url: `/news/${code}` })).headers.location as string;
    inProcess.push([`the seed story (${code}, ../shared/fixtures)`, await missAndHit(seedPath, [`article:${code}`])]);
  } else console.log('the seed story is left out: ../shared/fixtures is absent');
  inProcess.push(
    ['front page', await missAndHit('/', ['front'])],
    ['service page 1', await missAndHit('/service/economy', ['service:economy'])],
    [`service page ${deepPage}`, await missAndHit(`/service/economy?page=${deepPage}`, ['service:economy'])],
    ['tag page (common)', await missAndHit('/tag/tag-7', ['tag:tag-7'])],
    ['tag page (rare, old stories)', await missAndHit('/tag/tag-rare', ['tag:tag-rare'])],
  );
  // The template alone, with the model the route built.
  const html = (await app.inject({ method: 'GET', url: storyPath })).body;
  const model = {
    site: { name: 'دبیر', baseUrl: 'http://127.0.0.1', description: '', services: [] },
    code: longCode,
    slug: 'خبر-بلند',
    title: 'هیچ مکاتبه تازه‌ای با پیام‌رسان خارجی نداشتیم',
    kicker: 'معاون وزیر ارتباطات',
    lead: pick(5, 30),
    bodyHtml: storyBody(),
    source: 'به گزارش دبیر',
    tags: [],
    publishedAt: new Date(),
    shortUrl: 'http://127.0.0.1/news/1',
    canonicalUrl: 'http://127.0.0.1/news/1',
    related: [],
    commentCount: 0,
    comments: [],
    commentForm: { open: true, action: '/news/1/comments' },
  };
  for (let i = 0; i < 200; i++) renderArticlePage(model);
  const tpl: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    renderArticlePage(model);
    tpl.push(performance.now() - t0);
  }
  await app.close();
  await storage.close();
  console.log(`story page ${html.length} bytes; in-process medians over ${ROUNDS} requests each:`);
  for (const [name, line] of inProcess) console.log(`  ${name}: ${line}`);
  console.log(`  story template alone: median ${quantile(tpl, 0.5).toFixed(3)} ms, p95 ${quantile(tpl, 0.95).toFixed(3)} ms`);

  // The search index is built once, as `dabir reindex` does (a first start would do it too,
  // and its memory would then count against the server's).
  const env = { ...process.env, DABIR_DATA: dir, DABIR_DEMO: '0', DABIR_CAPTCHA: 'off', DABIR_LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' };
  const reindexStarted = Date.now();
  const reindex = spawnSync(process.execPath, ['bin/dabir.js', 'reindex'], { env, stdio: ['ignore', 'ignore', 'inherit'], timeout: 1_800_000 });
  if (reindex.status !== 0) throw new Error(`dabir reindex failed (${reindex.status})`);
  console.log(`search index built by dabir reindex in ${((Date.now() - reindexStarted) / 1000).toFixed(0)} s`);

  // Over HTTP from a separate server process, started with the node flags `npm start` uses.
  const startScript = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const nodeArgs = /&& node (.+)$/.exec(startScript)![1]!.split(' ');
  const port = 43201;
  const server = spawn(process.execPath, nodeArgs, { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'inherit' });
  children.push(server);
  const base = `http://127.0.0.1:${port}`;
  // The first start over a filled database builds its search index: wait for it (bounded).
  const ready = Date.now() + 1_800_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // starting
    }
    if (Date.now() > ready) throw new Error('the server did not start within 30 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const rssStart = rss();
  // Visit up to 5,000 different stories (cache misses that fill the cache), bounded in time.
  const visits: number[] = [];
  const deadline = Date.now() + 120_000;
  for (let i = 0; i < Math.min(5000, N) && Date.now() < deadline; i++) {
    const code = FIRST_CODE + Math.floor((i * 7919) % N);
    const t0 = performance.now();
    const res = await fetch(`${base}/news/${code}`, { redirect: 'follow' });
    await res.arrayBuffer();
    visits.push(performance.now() - t0);
  }
  const tagVisits: number[] = [];
  for (let t = 0; t < 500 && Date.now() < deadline + 60_000; t++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/tag/tag-${t}`);
    await res.arrayBuffer();
    tagVisits.push(performance.now() - t0);
  }
  const rssAfter = rss();
  const metricsText = await (await fetch(`${base}/metrics`)).text();
  const serverRender = (page: string, q: string) =>
    Number(new RegExp(`^dabir_page_render_seconds\\{quantile="${q}",page="${page}"\\} ([0-9.e-]+)`, 'm').exec(metricsText)?.[1] ?? NaN) * 1000;
  const run = async (url: string) => {
    const r = await autocannon({ url, connections: 32, duration: SECONDS });
    return `${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`;
  };
  console.log(
    `${visits.length} distinct story pages (misses, one at a time over HTTP): median ${quantile(visits, 0.5).toFixed(2)} ms, p95 ${quantile(visits, 0.95).toFixed(2)} ms`,
  );
  console.log(
    `the server's own render times (dabir_page_render_seconds): story median ${serverRender('story', '0.5').toFixed(3)} ms, p99 ${serverRender('story', '0.99').toFixed(3)} ms; tag median ${serverRender('tag', '0.5').toFixed(3)} ms, p99 ${serverRender('tag', '0.99').toFixed(3)} ms`,
  );
  console.log(
    `${tagVisits.length} distinct tag pages (misses, one at a time over HTTP): median ${quantile(tagVisits, 0.5).toFixed(2)} ms, p95 ${quantile(tagVisits, 0.95).toFixed(2)} ms`,
  );
  console.log(`story page, cached, 32 connections: ${await run(base + storyPath)}`);
  console.log(`front page, cached, 32 connections: ${await run(`${base}/`)}`);
  console.log(`service page 1, cached, 32 connections: ${await run(`${base}/service/economy`)}`);
  console.log(`service page ${deepPage}, cached: ${await run(`${base}/service/economy?page=${deepPage}`)}`);
  const rssLoaded = rss();
  await new Promise((r) => setTimeout(r, 15_000));
  console.log(`server started as: node ${nodeArgs.join(' ')}`);
  console.log(
    `resident memory: ${rssStart.toFixed(0)} MB after start, ${rssAfter.toFixed(0)} MB after the visits, ${rssLoaded.toFixed(0)} MB after the load, ${rss().toFixed(0)} MB 15 s later`,
  );
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  if (args.has('keep')) console.log(`kept the database in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
