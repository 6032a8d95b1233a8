/**
 * The search development set (../shared/fixtures/search) through the API: nDCG@10 with the
 * scorer's formula (score-search.mjs: gain 2^grade − 1, log2 discount, grades 3, 2, 1 unless
 * given), and the same result lists on SQLite and PostgreSQL for every query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app.js';
import { HAVE_SHARED, SHARED_SKIP_NOTE, readShared } from './support/fixtures.js';
import { PG_SKIP_NOTE, PG_URL } from './support/storage.js';

interface Doc {
  id: string;
  title: string;
  kicker?: string;
  lead?: string;
  body: string;
  service?: string;
  tags?: string[];
}
interface Query {
  q: string;
  relevant: string[];
  grades?: number[];
  note?: string;
}

const readJsonl = <T>(path: string): T[] =>
  readShared(path)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

const NOW = () => new Date('2026-11-28T09:00:00Z');

/** Creates the corpus through the API, in file order; returns news code → fixture id. */
async function load(t: TestApp, docs: Doc[]): Promise<Map<number, string>> {
  const idOf = new Map<number, string>();
  for (const doc of docs) {
    const { id, ...fields } = doc;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/articles',
      headers: { authorization: `Bearer ${t.token}` },
      payload: { ...fields, status: 'published' },
    });
    expect(res.statusCode, id).toBe(201);
    idOf.set(res.json().code, id);
  }
  return idOf;
}

async function search(t: TestApp, q: string, limit = 10): Promise<{ total: number; codes: number[]; snippets: string[] }> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}&limit=${limit}` });
  expect(res.statusCode, q).toBe(200);
  const body = res.json() as { total: number; results: Array<{ code: number; snippet: string }> };
  return { total: body.total, codes: body.results.map((r) => r.code), snippets: body.results.map((r) => r.snippet) };
}

/** nDCG@k exactly as score-search.mjs computes it. */
function ndcgAt(ranked: string[], query: Query, k = 10): number {
  const grades = new Map<string, number>();
  query.relevant.forEach((id, i) => grades.set(id, query.grades?.[i] ?? Math.max(1, 3 - i)));
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => (dcg += (2 ** (grades.get(id) ?? 0) - 1) / Math.log2(i + 2)));
  let idcg = 0;
  [...grades.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .forEach((g, i) => (idcg += (2 ** g - 1) / Math.log2(i + 2)));
  return idcg ? dcg / idcg : 0;
}

describe.skipIf(!HAVE_SHARED)(`search relevance on the development set${HAVE_SHARED ? '' : ` (${SHARED_SKIP_NOTE})`}`, () => {
  let t: TestApp;
  let idOf: Map<number, string>;
  let queries: Query[];
  beforeAll(async () => {
    t = await testApp({ now: NOW });
    idOf = await load(t, readJsonl<Doc>('search/corpus.jsonl'));
    queries = readJsonl<Query>('search/queries.jsonl');
  });
  afterAll(async () => t?.cleanup());

  it('reaches a mean nDCG@10 of at least 0.93, with the best answer first', async () => {
    const scores: Array<{ q: string; ndcg: number; top: string[] }> = [];
    for (const query of queries) {
      const { codes } = await search(t, query.q);
      const top = codes.map((c) => idOf.get(c) ?? `?${c}`);
      scores.push({ q: query.q, ndcg: ndcgAt(top, query), top });
    }
    const mean = scores.reduce((s, x) => s + x.ndcg, 0) / scores.length;
    const weak = scores.filter((s) => s.ndcg < 1).map((s) => `${s.ndcg.toFixed(2)} «${s.q}» → ${s.top.join(' ')}`);
    console.info(`search dev set: mean nDCG@10 ${mean.toFixed(3)} over ${scores.length} queries${weak.length ? `\n  ${weak.join('\n  ')}` : ''}`);
    expect(mean).toBeGreaterThanOrEqual(0.93);
    for (const query of queries) {
      // the first result is one of the best graded (two may share the top grade)
      const grade = (id: string | undefined) => query.grades?.[query.relevant.indexOf(id ?? '')] ?? (id === query.relevant[0] ? 3 : 0);
      expect(grade(scores.find((s) => s.q === query.q)?.top[0]), query.q).toBe(grade(query.relevant[0]));
    }
  });
});

const BOTH = HAVE_SHARED && PG_URL !== undefined;
const SKIP_NOTE = !HAVE_SHARED ? SHARED_SKIP_NOTE : PG_SKIP_NOTE;

describe.skipIf(!BOTH)(`search gives the same lists on SQLite and PostgreSQL${BOTH ? '' : ` (${SKIP_NOTE})`}`, () => {
  let sqlite: TestApp;
  let postgres: TestApp;
  let queries: string[];
  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([testApp({ now: NOW }), testApp({ engine: 'postgres', now: NOW })]);
    const docs = readJsonl<Doc>('search/corpus.jsonl');
    await load(sqlite, docs);
    await load(postgres, docs);
    const dev = readJsonl<Query>('search/queries.jsonl').map((q) => q.q);
    // the dev queries, and shapes of them that take other paths: phrases, relaxed queries, filters
    queries = [...dev, ...dev.map((q) => `«${q}»`), ...dev.map((q) => `${q} زیردریایی`), ...dev.map((q) => `${q} service:ict`), 'اینترنت', 'ایران', 'کاربران'];
  }, 120_000);
  afterAll(async () => {
    await sqlite?.cleanup();
    await postgres?.cleanup();
  });

  it('for every development query and its variants: the same stories, in the same order, with the same totals and snippets', async () => {
    for (const q of queries) {
      const [a, b] = await Promise.all([search(sqlite, q, 50), search(postgres, q, 50)]);
      expect(b, q).toEqual(a);
    }
  });

  it('keeps the same term statistics on both engines', async () => {
    const read = async (t: TestApp) => ({
      terms: await t.storage.db.selectFrom('search_terms').select(['term', 'df', 'skeleton']).orderBy('term').execute(),
      stats: await t.storage.db.selectFrom('search_stats').selectAll().execute(),
    });
    expect(await read(postgres)).toEqual(await read(sqlite));
  });
});
