/**
 * `npm run eval`: its metrics (../shared/README.md), variants and summary, on tiny inputs whose
 * right answers are known.
 */
import { describe, expect, it } from 'vitest';
import { clusterMetrics, summarise, type QueryOutcome } from '../../../bench/eval';
import { applyVariant, lowerCasedHalf, metricsOf, smallStoreCandidates, smallStores, type EvalArticle, type QueryCandidates } from '../../../bench/matcher-corpus';
import type { JudgedCandidate } from '../../../src/related/candidates';

const articles: EvalArticle[] = [
  { id: 'a', title: 'Quake Hits Mexico', excerpt: 'A STRONG quake.', publishedDateTime: '2022-09-19', cluster: 's1' },
  { id: 'b', title: 'Mexico quake', excerpt: 'Two dead.', publishedDateTime: '2022-09-19', cluster: 's1' },
  { id: 'c', title: 'Gempa di Mexico', excerpt: '', publishedDateTime: '2022-09-20', cluster: 's1' },
  { id: 'd', title: 'Unrelated', excerpt: '', publishedDateTime: '2022-09-19', cluster: null },
];

describe('eval metrics', () => {
  it('computes P@5, MRR, shown precision and recall, and singleton false positives', () => {
    const outcomes = new Map<string, QueryOutcome>([
      ['a', { ranked: ['b', 'd', 'c'], shown: ['b', 'd'], ms: 1 }],
      ['b', { ranked: ['a', 'c'], shown: ['a', 'c'], ms: 2 }],
      ['c', { ranked: ['d', 'a'], shown: [], ms: 3 }],
      ['d', { ranked: ['a'], shown: ['a'], ms: 4 }],
    ]);
    const m = clusterMetrics(articles, outcomes);
    expect(m.p_at_5).toBeCloseTo((2 / 2 + 2 / 2 + 1 / 2) / 3, 4);
    expect(m.mrr).toBeCloseTo((1 + 1 + 1 / 2) / 3, 4);
    expect(m.shown_precision).toBeCloseTo(3 / 4, 4);
    expect(m.shown_recall).toBeCloseTo((1 / 2 + 2 / 2 + 0) / 3, 4);
    expect(m.singleton_false_positive_rate).toBe(1);
  });

  it('counts nothing shown as shown precision 0 in the training harness too, as the eval does', () => {
    const candidate = (docno: number): JudgedCandidate => ({ docno, score: 1, sameStory: false, margin: -1, shared: [1], evidence: { features: new Float64Array(1), shared: [1] } });
    const queries: QueryCandidates[] = [{ id: 'a', cluster: 's1', mates: 1, candidates: [{ id: 'b', same: true, c: candidate(1) }] }];
    expect(metricsOf(queries, (c) => c.score, () => false).shown_precision).toBe(0);
    expect(metricsOf(queries, (c) => c.score, () => true).shown_precision).toBe(1);
    const none = new Map<string, QueryOutcome>(articles.map((a) => [a.id, { ranked: [], shown: [], ms: 1 }]));
    expect(clusterMetrics(articles, none).shown_precision).toBe(0);
  });

  it('builds the robustness variants without touching the labels', () => {
    expect(applyVariant(articles, 'lowercase')[0]).toMatchObject({ title: 'quake hits mexico', excerpt: 'a strong quake.', cluster: 's1' });
    expect(applyVariant(articles, 'no-excerpt').every((a) => a.excerpt === null)).toBe(true);
    expect(applyVariant(articles, 'no-date').every((a) => a.publishedDateTime === null)).toBe(true);
    expect(applyVariant(articles, 'original')).toBe(articles);
  });

  it('builds headline-only as no-excerpt and no-date at once, headlines and labels as written', () => {
    const bare = applyVariant(articles, 'headline-only');
    expect(bare).toHaveLength(articles.length);
    for (const [i, a] of bare.entries()) {
      expect(a).toEqual({ ...articles[i]!, excerpt: null, publishedDateTime: null });
      expect(a).toEqual(applyVariant(applyVariant([articles[i]!], 'no-excerpt'), 'no-date')[0]);
    }
    // The originals untouched.
    expect(articles[0]!.excerpt).toBe('A STRONG quake.');
    expect(articles[0]!.publishedDateTime).toBe('2022-09-19');
  });

  it('lower-cases half of the articles, the same ones every run, beside cased ones', () => {
    const many: EvalArticle[] = Array.from({ length: 400 }, (_, i) => ({ id: `id-${i}`, title: `Quake Hits Mexico ${i}`, excerpt: 'A STRONG quake.', cluster: `s${i % 7}` }));
    const half = applyVariant(many, 'lowercase-half');
    expect(applyVariant(many, 'lowercase-half')).toEqual(half);
    const lowered = half.filter((a) => a.title === a.title.toLowerCase());
    expect(lowered.length).toBeGreaterThan(160);
    expect(lowered.length).toBeLessThan(240);
    for (const [i, a] of half.entries()) {
      expect(a.cluster).toBe(many[i]!.cluster);
      expect(a.id).toBe(many[i]!.id);
      // Each article whole: headline and excerpt lower-cased together, or both as written.
      expect(lowerCasedHalf(a.id) ? a.excerpt === 'a strong quake.' && a.title === many[i]!.title.toLowerCase() : a === many[i]).toBe(true);
    }
  });

  it('summarises several files by the macro average of each metric', () => {
    const summary = summarise([
      { file: 'x', p_at_5: 0.9, shown_precision: 1, shown_recall: 0.5, singleton_false_positive_rate: null, ms_per_query: { p95: 3 } },
      { file: 'y', p_at_5: 0.7, shown_precision: 0.8, shown_recall: 0.7, singleton_false_positive_rate: 0.1, ms_per_query: { p95: 9 } },
    ]);
    expect(summary).toMatchObject({ summary: 'macro', files: 2, p_at_5: 0.8, shown_precision: 0.9, shown_recall: 0.6, singleton_false_positive_rate: 0.1, shown_precision_min: 0.8, ms_per_query_p95_max: 9 });
  });
});

describe('small stores made from a file', () => {
  // 60 stories of 2–6 articles and 200 articles of no story, over a year.
  const file: EvalArticle[] = [];
  for (let s = 0; s < 60; s++) for (let i = 0; i < 2 + (s % 5); i++) file.push({ id: `s${s}-${i}`, title: `Story ${s} headline ${i}`, cluster: `s${s}`, publishedDateTime: new Date(Date.UTC(2022, 0, 1 + s * 6)).toISOString() });
  for (let i = 0; i < 200; i++) file.push({ id: `o${i}`, title: `Other news ${i}`, cluster: null, publishedDateTime: new Date(Date.UTC(2022, 0, 1 + i)).toISOString() });

  it("are the same for the same file and seed, and of a new user's size", () => {
    const stores = smallStores(file, 'seed');
    expect(smallStores(file, 'seed')).toEqual(stores);
    expect(smallStores(file, 'other seed')).not.toEqual(stores);
    for (const { stored, pages } of stores) {
      expect(stored.length).toBeGreaterThanOrEqual(20);
      expect(stored.length).toBeLessThanOrEqual(80);
      // Ids and stories are the store's own; a page is not stored, and has mates that are.
      expect(new Set(stored.map((a) => a.id)).size).toBe(stored.length);
      for (const page of pages) {
        expect(stored.some((a) => a.id === page.id)).toBe(false);
        expect(stored.filter((a) => a.cluster === page.cluster).length).toBeGreaterThanOrEqual(2);
      }
      // A few stories: 2–6 clusters with more than one stored article.
      const counts = new Map<string, number>();
      for (const a of stored) if (a.cluster) counts.set(a.cluster, (counts.get(a.cluster) ?? 0) + 1);
      const stories = [...counts.values()].filter((n) => n >= 2).length;
      expect(stories).toBeGreaterThanOrEqual(1);
      expect(stories).toBeLessThanOrEqual(6);
    }
  });

  it("ask every stored article and every page, with the store's mates", () => {
    const stores = smallStores(file, 'seed', 2);
    const asked = smallStoreCandidates(stores);
    expect(asked.length).toBe(stores.reduce((n, s) => n + s.stored.length + s.pages.length, 0));
    const page = stores[0]!.pages[0];
    if (page !== undefined) expect(asked.find((q) => q.id === page.id)!.mates).toBe(stores[0]!.stored.filter((a) => a.cluster === page.cluster).length);
  });
});
