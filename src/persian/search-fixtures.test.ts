// The judged queries of the shared search relevance set, when it is present, against the
// tokens of their best document: every query token should be found in the document.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haveShared, SHARED_FIXTURES, SHARED_SKIP_NOTE } from '../../test/support/fixtures.js';
import { searchTerms, searchTokens } from './index.js';

const fixtures = `${SHARED_FIXTURES}search/`;
const present = haveShared('search/corpus.jsonl') && haveShared('search/queries.jsonl');

interface Doc {
  id: string;
  title: string;
  kicker?: string;
  lead?: string;
  body: string;
  tags?: string[];
}
interface Query {
  q: string;
  relevant: string[];
  note: string;
}

const readJsonl = <T>(name: string): T[] =>
  readFileSync(`${fixtures}${name}`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

describe('search tokens on the relevance set', () => {
  if (!present) {
    it.skip(`search/corpus.jsonl and queries.jsonl: ${SHARED_SKIP_NOTE}`, () => {});
    return;
  }
  const docs = new Map<string, Set<string>>();
  for (const doc of readJsonl<Doc>('corpus.jsonl')) {
    const body = doc.body.replace(/<[^>]*>/g, ' ');
    docs.set(doc.id, new Set(searchTokens([doc.title, doc.kicker, doc.lead, body, ...(doc.tags ?? [])].join('\n'))));
  }
  const queries = readJsonl<Query>('queries.jsonl');

  const check = (query: Query): { tokens: boolean; terms: boolean; missing: string[] } => {
    const best = docs.get(query.relevant[0] ?? '') ?? new Set<string>();
    const missing = searchTokens(query.q).filter((token) => !best.has(token));
    const terms = searchTerms(query.q).every((term) => term.alternatives.some((alt) => alt.every((t) => best.has(t))));
    return { tokens: missing.length === 0, terms, missing };
  };

  it('finds every token of nearly every judged query in its best document, and every term of all', () => {
    const results = queries.map((query) => ({ query, ...check(query) }));
    const byTokens = results.filter((r) => r.tokens).length;
    const byTerms = results.filter((r) => r.terms).length;
    const misses = results.filter((r) => !r.tokens).map((r) => `«${r.query.q}» lacks ${r.missing.join(', ')} (${r.query.note})`);
    console.info(
      `relevance set: ${byTokens}/${queries.length} queries share all their searchTokens with their best document, ` +
        `${byTerms}/${queries.length} all their searchTerms` +
        (misses.length ? `\n  ${misses.join('\n  ')}` : ''),
    );
    expect(byTerms).toBe(queries.length);
    expect(byTokens).toBeGreaterThanOrEqual(Math.ceil(queries.length * 0.95));
  });

  it('does not make every query match most of the corpus', () => {
    for (const query of queries) {
      const tokens = searchTokens(query.q);
      const matching = [...docs.values()].filter((tokensOfDoc) => tokens.every((t) => tokensOfDoc.has(t))).length;
      expect(matching, query.q).toBeLessThanOrEqual(Math.max(3, query.relevant.length + 1));
    }
  });
});
