import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS, countToken, rankDocuments, type Field, type RankDoc, type RankQuery, type RankTerm } from './index.js';

const NOW = Date.UTC(2026, 10, 28);
const DAY = 86_400_000;

function doc(id: number, fields: Partial<Record<Field, string>>, ageDays = 0): RankDoc {
  const all = { title: '', kicker: '', lead: '', tags: '', body: '', ...fields };
  const lengths = {} as Record<Field, number>;
  for (const f of FIELDS) lengths[f] = all[f] === '' ? 0 : all[f].split(' ').length;
  return { id, publishedAt: NOW - ageDays * DAY, fields: all, lengths };
}

const term = (...tokens: string[]): RankTerm => ({ alternatives: [{ tokens, factor: 1 }], weight: 1 });

function query(docs: RankDoc[], terms: RankTerm[], extra: Partial<RankQuery> = {}): RankQuery {
  const df = new Map<string, number>();
  const lengths = {} as Record<Field, number>;
  for (const f of FIELDS) lengths[f] = 0;
  for (const d of docs) {
    for (const f of FIELDS) lengths[f] += d.lengths[f];
    const seen = new Set(FIELDS.flatMap((f) => (d.fields[f] === '' ? [] : d.fields[f].split(' '))));
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return { terms, df: (t) => df.get(t) ?? 0, stats: { docs: docs.length, lengths }, now: NOW, ...extra };
}

const filler = 'گزارش نشست برنامه مردم شهر کشور سال روز بخش حوزه';
const ids = (docs: RankDoc[], q: RankQuery) => rankDocuments(docs, q).map((r) => r.id);

describe('countToken', () => {
  it('counts whole tokens only', () => {
    expect(countToken('اب ابان اب', 'اب')).toBe(2);
    expect(countToken('ابان', 'اب')).toBe(0);
    expect(countToken('', 'اب')).toBe(0);
  });
});

describe('rankDocuments', () => {
  it('puts a story with the word in its title above one with it in the body', () => {
    const docs = [doc(1, { title: filler, body: `${filler} کارون ${filler}` }), doc(2, { title: `کارون ${filler}`, body: filler })];
    expect(ids(docs, query(docs, [term('کارون')]))).toEqual([2, 1]);
  });

  it('weighs the lead above the body and the kicker above nothing', () => {
    const docs = [doc(1, { body: `کارون ${filler}` }), doc(2, { lead: `کارون ${filler}` }), doc(3, { kicker: 'کارون', body: filler })];
    expect(ids(docs, query(docs, [term('کارون')]))[0]).toBe(2);
  });

  it('prefers more occurrences, with diminishing returns, and a rare word over a common one', () => {
    const docs = [doc(1, { body: `کارون ${filler}` }), doc(2, { body: `کارون کارون کارون ${filler}` })];
    expect(ids(docs, query(docs, [term('کارون')]))).toEqual([2, 1]);
    const more = [doc(1, { body: `اب اب ${filler}` }), doc(2, { body: `کارون ${filler}` }), doc(3, { body: 'اب' }), doc(4, { body: 'اب' })];
    expect(
      ids(
        more,
        query(more, [
          {
            alternatives: [
              { tokens: ['اب'], factor: 1 },
              { tokens: ['کارون'], factor: 1 },
            ],
            weight: 1,
          },
        ]),
      )[0],
    ).toBe(2);
  });

  it('boosts recency gently: the newer of two equal stories leads, a much better old one still wins', () => {
    const equal = [doc(1, { title: 'کارون' }, 200), doc(2, { title: 'کارون' }, 1)];
    expect(ids(equal, query(equal, [term('کارون')]))).toEqual([2, 1]);
    const better = [doc(1, { title: 'کارون سیل', lead: 'کارون' }, 400), doc(2, { body: `${filler} کارون ${filler} ${filler}` }, 0)];
    expect(ids(better, query(better, [term('کارون')]))).toEqual([1, 2]);
  });

  it('counts a guess (a name in the other script) for less than the typed word', () => {
    const docs = [doc(1, { title: 'aparat' }), doc(2, { title: 'اپارات' })];
    const t: RankTerm = {
      alternatives: [
        { tokens: ['aparat'], factor: 1 },
        { tokens: ['اپارات'], factor: 0.6 },
      ],
      weight: 1,
    };
    expect(ids(docs, query(docs, [t]))).toEqual([1, 2]);
  });

  it('keeps only stories with the quoted phrase, its words side by side in one field (one token between at most)', () => {
    const docs = [
      doc(1, { title: 'اینترنت همراه گران', body: filler }),
      doc(2, { title: 'همراه اینترنت', body: filler }),
      doc(3, { title: 'اینترنت', body: `همراه ${filler}` }),
      doc(4, { body: `${filler} اینترنت پرسرعت همراه` }),
      doc(5, { body: `${filler} اینترنت پرسرعت ارزان همراه` }),
    ];
    const q = query(docs, [term('اینترنت'), term('همراه')], { phrases: [[0, 1]] });
    expect(ids(docs, q)).toEqual([1, 4]);
  });

  it('lets the parts of a compound stand for it in a phrase («پیامرسان پیام رسان» reads as one word)', () => {
    const docs = [doc(1, { title: 'پیامرسان پیام رسان داخل' })];
    const compound: RankTerm = {
      alternatives: [
        { tokens: ['پیامرسان'], factor: 1 },
        { tokens: ['پیام', 'رسان'], factor: 1 },
      ],
      weight: 1,
    };
    expect(ids(docs, query(docs, [compound, term('داخل')], { phrases: [[0, 1]] }))).toEqual([1]);
  });

  it('rewards query words found side by side over the same words apart', () => {
    const docs = [doc(1, { body: `اینترنت ${filler} همراه ${filler}` }), doc(2, { body: `${filler} اینترنت همراه ${filler}` })];
    expect(ids(docs, query(docs, [term('اینترنت'), term('همراه')]))).toEqual([2, 1]);
  });

  it('gives a total order that does not depend on the order of the candidates', () => {
    const token = fc.constantFrom('الف', 'ب', 'پ', 'ت', 'ث', 'ج');
    const text = fc.array(token, { maxLength: 12 }).map((t) => t.join(' '));
    const story = fc.record({ title: text, lead: text, body: text, age: fc.integer({ min: 0, max: 2000 }) });
    fc.assert(
      fc.property(fc.array(story, { minLength: 1, maxLength: 12 }), fc.array(token, { minLength: 1, maxLength: 3 }), (stories, words) => {
        const docs = stories.map((s, i) => doc(i + 1, { title: s.title, lead: s.lead, body: s.body }, s.age));
        const q = query(
          docs,
          words.map((w) => term(w)),
        );
        const forward = rankDocuments(docs, q);
        const backward = rankDocuments([...docs].reverse(), q);
        expect(backward).toEqual(forward);
        for (const r of forward) expect(Number.isFinite(r.score) && r.score >= 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
