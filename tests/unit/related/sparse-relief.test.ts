import { afterEach, describe, expect, it } from 'vitest';
import { indexTerms } from '../../../src/index/terms';
import { firstPass, judgeCandidates, statsOf } from '../../../src/related/candidates';
import { BARE_SPARSE_CROWD, BARE_SPARSE_RELIEF, CLOSER_POOL, CROWD_SIMILARITY, currentModel, FEATURES, MUTUAL_CROWD, MUTUAL_RELIEF, MUTUAL_SHARED, setContext, SPARSE_CROWD, SPARSE_RELIEF, thresholdFor, useModel, type TreeModel } from '../../../src/related/matcher';
import { MemoryIndex, toMatchDoc } from '../../../src/related/memory-index';
import { minThreshold } from '../../../src/related/score-bound';

const committed = currentModel();
afterEach(() => useModel(committed));

const at = (name: (typeof FEATURES)[number]): number => FEATURES.indexOf(name);

describe('the crowd of a query', () => {
  it('counts the candidates at least CROWD_SIMILARITY like the query, the same for each', () => {
    const candidate = (similarity: number) => {
      const e = { features: new Float64Array(FEATURES.length), shared: [1] };
      e.features[at('similarity')] = similarity;
      return e;
    };
    const all = [candidate(0.7), candidate(CROWD_SIMILARITY), candidate(0.3), candidate(CROWD_SIMILARITY - 0.01), candidate(0.05)];
    setContext(all);
    expect(all.map((e) => e.features[at('crowd')])).toEqual([3, 3, 3, 3, 3]);
  });
});

describe('the undated bar where the crowd is sparse', () => {
  const model: TreeModel = { features: FEATURES, depth: 1, bias: 0, trees: [{ f: [at('similarity')], t: [0.3], v: [-1, 2] }], threshold: 1, offsets: { times_known: -0.5 } };
  const x = (timesKnown: number, crowd: number): Float64Array => {
    const v = new Float64Array(FEATURES.length);
    v[at('times_known')] = timesKnown;
    v[at('crowd')] = crowd;
    return v;
  };

  it('is lower by SPARSE_RELIEF for an undated pair with 1 to SPARSE_CROWD candidates in the crowd, and only there', () => {
    for (let crowd = 1; crowd <= SPARSE_CROWD; crowd++) expect(thresholdFor(model, x(0, crowd))).toBe(1 - SPARSE_RELIEF);
    // A crowd of 0: not measured (evidence outside a lookup), or nothing near the query.
    expect(thresholdFor(model, x(0, 0))).toBe(1);
    expect(thresholdFor(model, x(0, SPARSE_CROWD + 1))).toBe(1);
    // Dated: the time apart tells stories apart; the bar is the model's.
    expect(thresholdFor(model, x(1, 1))).toBe(0.5);
  });

  const bare = (timesKnown: number, crowd: number): Float64Array => {
    const v = x(timesKnown, crowd);
    v[at('headline_only')] = 1;
    return v;
  };

  it('is lower by BARE_SPARSE_RELIEF more for an undated headline-only pair with 1 to BARE_SPARSE_CROWD in the crowd, and only there', () => {
    for (let crowd = 1; crowd <= BARE_SPARSE_CROWD; crowd++) expect(thresholdFor(model, bare(0, crowd))).toBe(1 - BARE_SPARSE_RELIEF - (crowd <= SPARSE_CROWD ? SPARSE_RELIEF : 0));
    expect(thresholdFor(model, bare(0, 0))).toBe(1);
    expect(thresholdFor(model, bare(0, BARE_SPARSE_CROWD + 1))).toBe(1);
    // Dated bare headlines keep the model's bar; text beside a headline keeps the narrower band.
    expect(thresholdFor(model, bare(1, 2))).toBe(0.5);
    expect(thresholdFor(model, x(0, SPARSE_CROWD + 1))).toBe(1);
  });

  it('is within the screen\'s threshold bound for bare pairs too, exact when measured', () => {
    for (const [timesKnown, crowd] of [[0, 1], [0, BARE_SPARSE_CROWD], [0, 0], [0, BARE_SPARSE_CROWD + 1], [1, 1]] as const) {
      const v = bare(timesKnown, crowd);
      expect(minThreshold(model, v, v)).toBe(thresholdFor(model, v));
    }
    // A range of crowds past the narrow band but within the bare one, headline-only possible.
    const lo = x(0, SPARSE_CROWD + 1);
    const hi = bare(1, 20);
    expect(minThreshold(model, lo, hi)).toBeLessThanOrEqual(thresholdFor(model, bare(0, BARE_SPARSE_CROWD)));
  });

  // A bare pair whose candidate is the query's nearest and has nothing nearer (both 0 in `bare`'s
  // zeroed features), sharing `shared` terms.
  const mutual = (crowd: number, shared = MUTUAL_SHARED): Float64Array => {
    const v = bare(0, crowd);
    v[at('shared_count')] = shared;
    return v;
  };

  it('is lower by MUTUAL_RELIEF more for a bare pair that stands out both ways in a crowd of 1 to MUTUAL_CROWD, and only there', () => {
    const others = (crowd: number): number => (crowd <= SPARSE_CROWD ? SPARSE_RELIEF : 0) + (crowd <= BARE_SPARSE_CROWD ? BARE_SPARSE_RELIEF : 0);
    for (let crowd = 1; crowd <= MUTUAL_CROWD; crowd++) expect(thresholdFor(model, mutual(crowd))).toBe(1 - (others(crowd) + MUTUAL_RELIEF));
    expect(thresholdFor(model, mutual(0))).toBe(1);
    expect(thresholdFor(model, mutual(MUTUAL_CROWD + 1))).toBe(1);
    // Each condition apart: too few shared terms, not the query's nearest, something nearer to
    // the candidate than the query, dated, text beside the headlines.
    expect(thresholdFor(model, mutual(MUTUAL_CROWD, MUTUAL_SHARED - 1))).toBe(1);
    const changed = (name: (typeof FEATURES)[number], value: number): Float64Array => {
      const v = mutual(MUTUAL_CROWD);
      v[at(name)] = value;
      return v;
    };
    expect(thresholdFor(model, changed('similarity_rank', 1))).toBe(1);
    expect(thresholdFor(model, changed('closer_candidates', 1))).toBe(1);
    expect(thresholdFor(model, changed('times_known', 1))).toBe(0.5);
    expect(thresholdFor(model, changed('headline_only', 0))).toBe(1);
  });

  it('is within the screen\'s threshold bound for the mutual relief, exact when measured', () => {
    for (const crowd of [1, BARE_SPARSE_CROWD, BARE_SPARSE_CROWD + 1, MUTUAL_CROWD, MUTUAL_CROWD + 1]) {
      for (const shared of [MUTUAL_SHARED - 1, MUTUAL_SHARED]) {
        const v = mutual(crowd, shared);
        expect(minThreshold(model, v, v)).toBe(thresholdFor(model, v));
      }
    }
    // closer_candidates still to be counted (the screen's range): the relief is possible.
    const lo = mutual(MUTUAL_CROWD);
    const hi = mutual(MUTUAL_CROWD);
    hi[at('closer_candidates')] = CLOSER_POOL - 1;
    expect(minThreshold(model, lo, hi)).toBe(thresholdFor(model, mutual(MUTUAL_CROWD)));
    // Measured past it: not.
    const far = mutual(MUTUAL_CROWD);
    far[at('closer_candidates')] = 2;
    expect(minThreshold(model, far, far)).toBe(1);
  });

  it('is within the screen\'s threshold bound, which is the threshold itself when measured', () => {
    for (const [timesKnown, crowd] of [[0, 1], [0, SPARSE_CROWD], [0, 0], [0, SPARSE_CROWD + 1], [1, 1]] as const) {
      const v = x(timesKnown, crowd);
      expect(minThreshold(model, v, v)).toBe(thresholdFor(model, v));
    }
    // Ranges that reach a relieved pair: the bound is at most its threshold.
    const lo = x(0, 0);
    const hi = x(1, 20);
    expect(minThreshold(model, lo, hi)).toBeLessThanOrEqual(thresholdFor(model, x(0, 2)));
  });
});

describe('a lookup in a sparse and in a crowded undated store', () => {
  // Scores 1.5 above similarity 0.25: under the bar of 2, over the relieved bar of 2 − 0.75.
  const scoring: TreeModel = { features: FEATURES, depth: 1, bias: 0, trees: [{ f: [at('similarity')], t: [0.25], v: [-5, 1.5] }], threshold: 2 };
  const doc = (title: string, publishedAt?: number) => toMatchDoc({ ...indexTerms(title, ''), publishedAt });
  const UNRELATED = ['Central bank holds interest rates steady', 'Local team wins championship after dramatic final', 'New museum exhibition celebrates modern sculpture', 'Teachers union announces strike over pay', 'Film festival opens with premiere of historical drama', 'Stock markets close higher on earnings optimism'];
  const NEIGHBOURS = ['Volcano erupts on remote island of Iceland', 'Volcano erupts on remote island of Java', 'Volcano erupts on remote island of Hawaii', 'Volcano erupts on remote island of Sicily', 'Volcano erupts on remote island of Vanuatu', 'Volcano erupts on remote island of Samoa', 'Volcano erupts on remote island of Bali', 'Volcano erupts on remote island of Crete', 'Volcano erupts on remote island of Tenerife'];

  function lookup(titles: string[], publishedAt?: number) {
    const index = new MemoryIndex();
    const query = index.add(doc('Volcano erupts on remote island of Tonga', publishedAt));
    const mate = index.add(doc('Tonga volcano erupts, remote island cut off', publishedAt));
    for (const title of titles) index.add(doc(title, publishedAt));
    const judged = index.related(index.docs[query]!, query);
    return { index, query, mate, judged, matched: judged.find((c) => c.docno === mate)! };
  }

  it('shows the undated mate under the bar where nothing else is near the query, not among its topic\'s other stories, not when dated', () => {
    useModel(scoring);
    const sparse = lookup(UNRELATED);
    expect(sparse.matched.score).toBe(1.5);
    expect(sparse.matched.evidence.features[at('crowd')]).toBeGreaterThanOrEqual(1);
    expect(sparse.matched.evidence.features[at('crowd')]).toBeLessThanOrEqual(SPARSE_CROWD);
    expect(sparse.matched.sameStory).toBe(true);

    // Bare headlines (no excerpts): a crowd past SPARSE_CROWD but within BARE_SPARSE_CROWD is still relieved…
    const some = lookup([...UNRELATED, ...NEIGHBOURS.slice(0, 4)]);
    expect(some.matched.evidence.features[at('headline_only')]).toBe(1);
    expect(some.matched.evidence.features[at('crowd')]).toBeGreaterThan(SPARSE_CROWD);
    expect(some.matched.evidence.features[at('crowd')]).toBeLessThanOrEqual(BARE_SPARSE_CROWD);
    expect(some.matched.sameStory).toBe(true);
    // …and past it only when the mate stands out both ways (the mutual relief): the query's
    // nearest, nothing nearer to it, while its look-alike neighbours, as like the query by the
    // trees, stay under the bar…
    const crowded = lookup([...UNRELATED, ...NEIGHBOURS]);
    expect(crowded.matched.score).toBe(1.5);
    expect(crowded.matched.evidence.features[at('crowd')]).toBeGreaterThan(BARE_SPARSE_CROWD);
    expect(crowded.matched.evidence.features[at('crowd')]).toBeLessThanOrEqual(MUTUAL_CROWD);
    expect(crowded.matched.evidence.features[at('similarity_rank')]).toBe(0);
    expect(crowded.matched.evidence.features[at('closer_candidates')]).toBe(0);
    expect(crowded.matched.sameStory).toBe(true);
    const neighbours = crowded.judged.filter((c) => c.docno !== crowded.mate && c.score === 1.5);
    expect(neighbours.length).toBe(NEIGHBOURS.length);
    expect(neighbours.every((c) => !c.sameStory)).toBe(true);
    // …and in a crowd past MUTUAL_CROWD not at all.
    const islands = Array.from({ length: MUTUAL_CROWD + 2 }, (_, i) => `Volcano erupts on remote island of ${String.fromCharCode(65 + i)}${'abcdefghijklmnopqrstuvwxyz'[i]!}ora`);
    const packed = lookup([...UNRELATED, ...islands]);
    expect(packed.matched.score).toBe(1.5);
    expect(packed.matched.evidence.features[at('crowd')]).toBeGreaterThan(MUTUAL_CROWD);
    expect(packed.matched.sameStory).toBe(false);

    const dated = lookup(UNRELATED, Date.parse('2022-09-19T12:00:00Z'));
    expect(dated.matched.score).toBe(1.5);
    expect(dated.matched.sameStory).toBe(false);
  });

  it('gives the same answer screened and judged in full', () => {
    useModel(scoring);
    // Sparse, and a crowd where only the mutual relief shows the mate (its closer count is still
    // to be made when the screen bounds it).
    for (const titles of [UNRELATED, [...UNRELATED, ...NEIGHBOURS]]) {
      const { index, query, mate } = lookup(titles);
      const window = index.window(undefined);
      const ranked = firstPass(index.docs[query]!, window, statsOf(window).idfOf, new Set([query]));
      const docs = new Map(ranked.map((docno) => [docno, index.docs[docno]!]));
      const full = judgeCandidates(index.docs[query]!, ranked, docs, window).filter((c) => c.sameStory);
      const screened = judgeCandidates(index.docs[query]!, ranked, docs, window, { sameStoryOnly: true, screen: true });
      expect(full.map((c) => c.docno)).toContain(mate);
      expect(screened).toEqual(full);
    }
  });
});
