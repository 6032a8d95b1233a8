/**
 * Search benchmark on SQLite: generates realistic Persian stories (bench/search-corpus.ts),
 * indexes them the way `dabir reindex` does, and measures indexing rate, index size and the
 * latency of one-, two- and three-word queries through `searchArticles` (the whole use case:
 * candidates, ranking, the first page of 10 with snippets).
 *
 *   node --import tsx bench/search.ts                      # 100,000 and 1,000,000 stories
 *   node --import tsx bench/search.ts --sizes 100000       # one size
 *   node --import tsx bench/search.ts --reuse              # keep databases built before
 *
 * Options: --sizes N,N  --dir PATH (default /tmp/dabir-bench-search)  --queries N (per kind,
 * default 300)  --seconds S (per kind, default 60)  --reuse  --json FILE.
 * Every loop is bounded in count and in time. Before timing queries the database file is
 * read once, so that the OS page cache holds it as it would on a server that has been
 * running. Results go to stdout; docs/benchmarks.md ("Search") keeps the figures of a run.
 */
import { closeSync, mkdirSync, openSync, readSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { createSynonyms, searchTokens } from '../src/persian/index.js';
import { indexStories, rebuildSearchIndex, searchArticles } from '../src/search/index.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { SERVICES, Vocabulary, storyMaker } from './search-corpus.js';
import { rng } from './support.js';

interface Options {
  sizes: number[];
  dir: string;
  queries: number;
  seconds: number;
  reuse: boolean;
  json: string | undefined;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { sizes: [100_000, 1_000_000], dir: '/tmp/dabir-bench-search', queries: 300, seconds: 60, reuse: false, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--sizes') options.sizes = value().split(',').map(Number);
    else if (flag === '--dir') options.dir = value();
    else if (flag === '--queries') options.queries = Number(value());
    else if (flag === '--seconds') options.seconds = Number(value());
    else if (flag === '--reuse') options.reuse = true;
    else if (flag === '--json') options.json = value();
    else throw new Error(`unknown option ${flag}`);
  }
  if (options.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes takes whole numbers');
  return options;
}

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Writes `count` generated stories straight into the articles tables (a bulk load, not the API). */
function generate(file: string, count: number, seed: number): void {
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const random = rng(seed);
  const vocabulary = new Vocabulary(random);
  const make = storyMaker(vocabulary, random, NOW);
  const serviceIds = new Map<string, number>();
  SERVICES.forEach((slug, position) => {
    raw.prepare('insert or ignore into services (slug, name, position) values (?, ?, ?)').run(slug, slug, position);
    serviceIds.set(slug, (raw.prepare('select id from services where slug = ?').get(slug) as { id: number }).id);
  });
  const tagIds = new Map<string, number>();
  const insertTag = raw.prepare('insert or ignore into tags (slug, name) values (?, ?)');
  const tagId = raw.prepare('select id from tags where slug = ?');
  const insertArticle = raw.prepare(
    `insert into articles (code, slug, kicker, title, lead, body, source, service_id, status, published_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, '', ?, 'published', ?, ?, ?)`,
  );
  const insertArticleTag = raw.prepare('insert or ignore into article_tags (article_id, tag_id, position) values (?, ?, ?)');
  const started = Date.now();
  const batch = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const story = make();
      const { lastInsertRowid } = insertArticle.run(
        100_000 + i,
        `story-${i}`,
        story.kicker,
        story.title,
        story.lead,
        story.body,
        serviceIds.get(story.service) ?? null,
        story.publishedAt,
        story.publishedAt,
        story.publishedAt,
      );
      story.tags.forEach((name, position) => {
        let id = tagIds.get(name);
        if (id === undefined) {
          insertTag.run(name, name);
          id = (tagId.get(name) as { id: number }).id;
          tagIds.set(name, id);
        }
        insertArticleTag.run(Number(lastInsertRowid), id, position);
      });
    }
  });
  for (let from = 0; from < count; from += 10_000) {
    batch(from, Math.min(count, from + 10_000));
    if ((from / 10_000) % 10 === 9) log(`  generated ${from + 10_000} stories (${((Date.now() - started) / 1000).toFixed(0)}s)`);
  }
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
}

function fileBytes(dir: string): number {
  return readdirSync(dir)
    .filter((f) => f.startsWith('dabir.sqlite'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

function warmPageCache(dir: string): void {
  const buffer = Buffer.alloc(8 << 20);
  for (const f of readdirSync(dir).filter((name) => name.startsWith('dabir.sqlite'))) {
    const fd = openSync(join(dir, f), 'r');
    try {
      while (readSync(fd, buffer, 0, buffer.length, null) > 0);
    } finally {
      closeSync(fd);
    }
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

interface KindResult {
  kind: string;
  queries: number;
  /** Wall-clock latency, ms. */
  p50: number;
  p95: number;
  max: number;
  /** CPU time of this process per query (user + system), ms: what the query costs whatever else runs. */
  cpuP50: number;
  cpuP95: number;
  meanTotal: number;
}

interface SizeResult {
  size: number;
  generateSeconds: number | null;
  indexSeconds: number | null;
  indexRate: number | null;
  hookMsPerStory: number | null;
  indexBytes: number;
  fileBytes: number;
  kinds: KindResult[];
}

/** Query sets: one word drawn by Zipf's law from the content words; two and three words from a random story's title. */
async function querySets(storage: Storage, size: number, count: number): Promise<Record<string, string[]>> {
  const random = rng(99);
  const vocabulary = new Vocabulary(rng(1));
  const one: string[] = [];
  while (one.length < count) one.push(vocabulary.draw(random, vocabulary.contentStart));
  const fromTitles = async (n: number): Promise<string[]> => {
    const out: string[] = [];
    for (let attempts = 0; out.length < count && attempts < count * 20; attempts++) {
      const id = 1 + Math.floor(random() * size);
      const row = await storage.db.selectFrom('articles').select('title').where('id', '=', id).executeTakeFirst();
      const titleWords = (row?.title ?? '').split(' ').filter((w) => searchTokens(w).length > 0);
      if (titleWords.length < n) continue;
      const at = Math.floor(random() * (titleWords.length - n + 1));
      out.push(titleWords.slice(at, at + n).join(' '));
    }
    return out;
  };
  return { 'one word': one, 'two words': await fromTitles(2), 'three words': await fromTitles(3) };
}

async function measure(storage: Storage, queries: string[], seconds: number): Promise<KindResult> {
  const synonyms = createSynonyms();
  const times: number[] = [];
  const cpu: number[] = [];
  let totals = 0;
  const deadline = Date.now() + seconds * 1000;
  for (const q of queries) {
    if (Date.now() > deadline) break;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const outcome = await searchArticles(storage.db, storage.engine, { q, now: new Date(NOW), limit: 10, synonyms });
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    totals += outcome.total;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const cpuSorted = [...cpu].sort((a, b) => a - b);
  return {
    kind: '',
    queries: times.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1] ?? NaN,
    cpuP50: percentile(cpuSorted, 50),
    cpuP95: percentile(cpuSorted, 95),
    meanTotal: totals / Math.max(1, times.length),
  };
}

async function runSize(size: number, options: Options): Promise<SizeResult> {
  const dir = join(options.dir, String(size));
  const file = join(dir, 'dabir.sqlite');
  const fresh = () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  };
  if (!options.reuse) fresh();
  mkdirSync(dir, { recursive: true });
  let storage = await openStorage({ dataDir: dir });
  const result: SizeResult = { size, generateSeconds: null, indexSeconds: null, indexRate: null, hookMsPerStory: null, indexBytes: 0, fileBytes: 0, kinds: [] };
  const have = Number(
    (
      await storage.db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  let indexed = Number((await storage.db.selectFrom('search_stats').select('docs').executeTakeFirst())?.docs ?? 0);
  if (have !== size) {
    await storage.close();
    fresh();
    await (await openStorage({ dataDir: dir })).close(); // the schema, migrated
    log(`${size}: generating stories`);
    const t0 = Date.now();
    generate(file, size, 7);
    result.generateSeconds = (Date.now() - t0) / 1000;
    storage = await openStorage({ dataDir: dir });
    indexed = 0;
  }
  if (indexed !== size) {
    log(`${size}: indexing`);
    const t0 = Date.now();
    let last = 0;
    await rebuildSearchIndex(storage.db, storage.engine, {
      now: NOW,
      synonyms: createSynonyms(),
      onProgress: ({ done, total }) => {
        if (done - last >= 50_000 || done === total) {
          last = done;
          log(`  indexed ${done}/${total} (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
        }
      },
    });
    result.indexSeconds = (Date.now() - t0) / 1000;
    result.indexRate = size / result.indexSeconds;
  }
  {
    // The publishing path: one story per transaction, as the onArticleWritten hook does it,
    // on the newest 300 stories (the ones a newsroom edits), with a warm synonym table.
    const ids = Array.from({ length: 300 }, (_, i) => size - i);
    const synonyms = createSynonyms();
    await storage.db.transaction().execute((trx) => indexStories(trx, storage.engine, ids.slice(0, 50), { now: NOW, synonyms }));
    const t0 = performance.now();
    for (const id of ids) await storage.db.transaction().execute((trx) => indexStories(trx, storage.engine, [id], { now: NOW, synonyms }));
    result.hookMsPerStory = (performance.now() - t0) / ids.length;
  }
  result.indexBytes = await storage.engine.search.indexBytes(storage.db);
  result.fileBytes = fileBytes(dir);
  // A server that has been running holds its database in the OS page cache (the machine has
  // more memory than the file): read the file once so that queries do not time the disk.
  warmPageCache(dir);
  const sets = await querySets(storage, size, options.queries);
  // warm the page cache and the tokenizer before timing
  await measure(storage, [...(sets['one word'] ?? []).slice(0, 30), ...(sets['two words'] ?? []).slice(0, 30)], 30);
  for (const [kind, queries] of Object.entries(sets)) {
    const r = { ...(await measure(storage, queries, options.seconds)), kind };
    result.kinds.push(r);
    log(
      `${size}: ${kind}: p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, max ${r.max.toFixed(1)} ms (CPU p50 ${r.cpuP50.toFixed(2)}, p95 ${r.cpuP95.toFixed(2)}) over ${r.queries} queries`,
    );
  }
  await storage.close();
  return result;
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const results: SizeResult[] = [];
  for (const size of options.sizes) results.push(await runSize(size, options));
  console.log('\n| stories | generate | index (rate) | hook, ms/story | search index | database file |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.size.toLocaleString('en')} | ${r.generateSeconds === null ? '(reused)' : `${r.generateSeconds.toFixed(0)} s`} | ${r.indexSeconds === null ? '(reused)' : `${r.indexSeconds.toFixed(0)} s (${r.indexRate?.toFixed(0)}/s)`} | ${r.hookMsPerStory?.toFixed(2) ?? '–'} | ${mb(r.indexBytes)} | ${mb(r.fileBytes)} |`,
    );
  }
  console.log('\n| stories | query | queries | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms | mean total |');
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    for (const k of r.kinds) {
      console.log(
        `| ${r.size.toLocaleString('en')} | ${k.kind} | ${k.queries} | ${k.p50.toFixed(2)} | ${k.p95.toFixed(2)} | ${k.max.toFixed(1)} | ${k.cpuP50.toFixed(2)} | ${k.cpuP95.toFixed(2)} | ${k.meanTotal.toFixed(0)} |`,
      );
    }
  }
  if (results.length > 1) {
    const [small, large] = [results[0] as SizeResult, results[results.length - 1] as SizeResult];
    console.log(`\ngrowth from ${small.size.toLocaleString('en')} to ${large.size.toLocaleString('en')} stories (p95 ratio):`);
    for (const k of large.kinds) {
      const before = small.kinds.find((s) => s.kind === k.kind);
      if (before)
        console.log(
          `  ${k.kind}: p95 ${(k.p95 / before.p95).toFixed(2)}×, p50 ${(k.p50 / before.p50).toFixed(2)}×, CPU p95 ${(k.cpuP95 / before.cpuP95).toFixed(2)}×`,
        );
    }
  }
  if (options.json) writeFileSync(options.json, JSON.stringify(results, null, 1));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/search: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
