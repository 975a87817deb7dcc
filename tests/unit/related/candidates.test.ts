import { describe, expect, it } from 'vitest';
import { CANDIDATES, firstPass, judgeCandidates, statsOf, type WindowPostings } from '../../../src/related/candidates';
import { closerCounts, currentModel, FEATURES, laterRanges, measureFirst, measureRest, setContext, useModel, type MatchDoc, type TreeModel } from '../../../src/related/matcher';

/** A deterministic pseudo-random sequence (the tests must not change from run to run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function windowOfLists(lists: Map<number, number[]>, total: number): WindowPostings {
  return { total, docsWith: (hash) => lists.get(hash) ?? [], countOf: (hash) => lists.get(hash)?.length ?? 0 };
}

/** The first pass as it was written before: a Map of every scored docno, sorted whole. */
function reference(query: MatchDoc, window: WindowPostings, idfOf: (term: number) => number, exclude: ReadonlySet<number>): number[] {
  const scores = new Map<number, number>();
  query.terms.forEach((term, i) => {
    const weight = (i < query.titleTermCount ? 1 : 0.5) * idfOf(term) * (query.anchors.has(term) ? 1.5 : 1);
    for (const docno of window.docsWith(term)) if (!exclude.has(docno)) scores.set(docno, (scores.get(docno) ?? 0) + weight);
  });
  return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CANDIDATES).map(([docno]) => docno);
}

function queryOf(terms: number[], titleTermCount: number, anchors: number[]): MatchDoc {
  return { terms: Uint32Array.from(terms), titleTermCount, anchors: new Set(anchors) } as unknown as MatchDoc;
}

describe('the first pass', () => {
  it('picks the same candidates, in the same order, as summing in a Map and sorting all', () => {
    const next = random(7);
    for (let round = 0; round < 40; round++) {
      // Small windows (fewer candidates than CANDIDATES) up to thousands of docnos (the table grows),
      // docnos from 0, repeated terms in the query and repeated docnos in a list (the in-memory
      // index posts a term once per occurrence), equal weights (ties broken by docno).
      const docs = [5, 60, 300, 3_000, 20_000][round % 5]!;
      const base = round % 2 === 0 ? 0 : 1_000_000;
      const lists = new Map<number, number[]>();
      // (Three terms of the window carry every docno: long lists, many equal scores.)
      for (let hash = 1; hash <= 30; hash++) {
        const list: number[] = [];
        const share = hash <= 3 ? 1 : next() * 0.3;
        for (let d = 0; d < docs; d++) if (next() < share) list.push(base + d);
        if (next() < 0.2 && list.length > 0) list.push(list[0]!);
        lists.set(hash, list);
      }
      const terms = Array.from({ length: 12 }, () => 1 + Math.floor(next() * 32));
      const query = queryOf(terms, 4, [terms[0]!, terms[5]!]);
      const window = windowOfLists(lists, docs);
      const idfOf = (term: number): number => (round % 3 === 0 ? 1 : 1 + (term % 4) * 0.37);
      const exclude = new Set([base + 1, base + 2]);
      expect(firstPass(query, window, idfOf, exclude)).toEqual(reference(query, window, idfOf, exclude));
    }
  });

  it('gives nothing when no term is posted, and never the excluded docno', () => {
    const lists = new Map([[1, [3, 4]]]);
    expect(firstPass(queryOf([9], 1, []), windowOfLists(lists, 2), () => 1, new Set())).toEqual([]);
    expect(firstPass(queryOf([1], 1, []), windowOfLists(lists, 2), () => 1, new Set([3]))).toEqual([4]);
  });
});

describe('articles carrying two terms together', () => {
  /** A window of buckets whose docnos are sorted within a bucket, not across (as the store's). */
  function windowOfLists(lists: Map<number, number[]>): WindowPostings {
    return { total: 10_000, docsWith: (hash) => lists.get(hash) ?? [], countOf: (hash) => lists.get(hash)?.length ?? 0 };
  }
  /** A deterministic pseudo-random sequence (mulberry32). */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('counts what both lists hold, as a pass over both would', () => {
    const next = random(7);
    for (let round = 0; round < 200; round++) {
      // Three buckets: each term's docnos sorted per bucket, the buckets one after the other.
      const lists = new Map<number, number[]>();
      for (const term of [1, 2, 3]) {
        const list: number[] = [];
        for (let bucket = 0; bucket < 3; bucket++) {
          const docnos = new Set<number>();
          const n = Math.floor(next() * (term === 1 ? 40 : 400));
          for (let k = 0; k < n; k++) docnos.add(bucket * 1000 + Math.floor(next() * 1000));
          list.push(...[...docnos].sort((a, b) => a - b));
        }
        lists.set(term, list);
      }
      const stats = statsOf(windowOfLists(lists));
      for (const [a, b] of [[1, 2], [2, 1], [1, 3], [2, 3]] as const) {
        const [rare, common] = lists.get(a)!.length <= lists.get(b)!.length ? [a, b] : [b, a];
        const rareList = lists.get(rare)!;
        const expected = rareList.length > 256 ? rareList.length : rareList.filter((docno) => lists.get(common)!.includes(docno)).length;
        expect(stats.together!(a, b)).toBe(expected);
      }
    }
  });
});

describe('the screen (judging only the same-story candidates)', () => {
  /** A window of documents over a small vocabulary: the query's near copies, rewordings with some
   * of its terms, and unrelated articles; dated near, dated far and undated; a hash twice in one
   * document now and then (two terms of one hash). */
  function corpus(seed: number, undatedQuery: boolean) {
    const next = random(seed);
    const pick = (n: number): number => Math.floor(next() * n);
    const vocabulary = Array.from({ length: 400 }, (_, i) => (i * 2_654_435_761) >>> 0);
    const day = 86_400_000;
    const make = (terms: number[], titleTermCount: number, publishedAt: number | undefined): MatchDoc => {
      const anchors = new Set(terms.filter((t) => t % 5 === 0));
      const numbers = new Set(terms.filter((t) => t % 7 === 0));
      return { terms, titleTermCount: Math.min(titleTermCount, terms.length), anchors, numbers, publishedAt, lang: next() < 0.05 ? 'de' : 'en', weekdays: pick(4) === 0 ? 1 << pick(7) : 0 };
    };
    const distinct = (terms: number[]): number[] => [...new Set(terms)];
    const queryTerms = distinct(Array.from({ length: 8 + pick(20) }, () => vocabulary[pick(vocabulary.length)]!));
    const when = (): number | undefined => (next() < 0.25 ? undefined : 1_700_000_000_000 + pick(next() < 0.5 ? 2 : 40) * day);
    const query = make(queryTerms, 4 + pick(6), undatedQuery ? undefined : 1_700_000_000_000);
    const docs = new Map<number, MatchDoc>();
    for (let docno = 1; docno <= 160; docno++) {
      const kind = pick(3);
      let terms: number[];
      if (kind === 0) terms = queryTerms.filter(() => next() < 0.85).concat(Array.from({ length: pick(5) }, () => vocabulary[pick(vocabulary.length)]!));
      else if (kind === 1) terms = queryTerms.filter(() => next() < 0.35).concat(Array.from({ length: 5 + pick(15) }, () => vocabulary[pick(vocabulary.length)]!));
      else terms = Array.from({ length: 5 + pick(25) }, () => vocabulary[pick(vocabulary.length)]!);
      terms = distinct(terms);
      if (next() < 0.05 && terms.length > 2) terms.push(terms[1]!);
      docs.set(docno, make(terms, 3 + pick(8), when()));
    }
    const lists = new Map<number, number[]>();
    for (const [docno, doc] of docs) for (const term of doc.terms) lists.set(term, [...(lists.get(term) ?? []), docno]);
    return { query, docs, window: windowOfLists(lists, docs.size) };
  }

  it('gives the same-story candidates of judging every one in full, screened or not: same order, scores, evidence', () => {
    const committed = currentModel();
    let shown = 0;
    let judged = 0;
    try {
      for (let seed = 1; seed <= 16; seed++) {
        const undated = seed % 3 === 0;
        const { query, docs, window } = corpus(seed, undated);
        const ranked = firstPass(query, window, statsOf(window).idfOf, new Set());
        // The committed model, and thresholds (no offsets) at candidates' own scores: the
        // candidates right at the decision, where a bound a hair too low would show.
        useModel(committed);
        const scores = judgeCandidates(query, ranked, docs, window).map((c) => c.score);
        const models = [committed, ...[0.1, 0.3, 0.5, 0.8].map((q): TreeModel => ({ ...committed, offsets: {}, threshold: scores[Math.floor(q * scores.length)]! }))];
        for (const model of models) {
          useModel(model);
          const sameStory = judgeCandidates(query, ranked, docs, window).filter((c) => c.sameStory);
          // A fresh window (so fresh caches): nothing carried over from the full run.
          const again = corpus(seed, undated);
          const screened = judgeCandidates(again.query, firstPass(again.query, again.window, statsOf(again.window).idfOf, new Set()), again.docs, again.window, { sameStoryOnly: true, screen: true });
          expect(screened).toEqual(sameStory);
          // Unscreened (a fresh page's first lookups): every candidate measured, the same-story ones given.
          const third = corpus(seed, undated);
          const unscreened = judgeCandidates(third.query, firstPass(third.query, third.window, statsOf(third.window).idfOf, new Set()), third.docs, third.window, { sameStoryOnly: true, screen: false });
          expect(unscreened).toEqual(sameStory);
          shown += sameStory.length;
          judged += scores.length;
        }
      }
    } finally {
      useModel(committed);
    }
    // Not a vacuous check: both kinds of candidates are there.
    expect(shown).toBeGreaterThan(500);
    expect(judged - shown).toBeGreaterThan(2_000);
  });

  it('bounds each feature measured later within the ranges it gives, and leaves the measured ones as they are', () => {
    let open = 0;
    for (let seed = 1; seed <= 16; seed++) {
      const { query, docs, window } = corpus(seed, seed % 2 === 0);
      const stats = statsOf(window);
      const q = stats.weighted(query);
      const ranked = firstPass(query, window, stats.idfOf, new Set());
      const measured = ranked.map((docno, rank) => {
        const doc = docs.get(docno)!;
        const w = stats.weighted(doc);
        return { doc, w, e: measureFirst(query, q, doc, w, stats, stats.idfOf, rank) };
      });
      setContext(measured.map((m) => m.e));
      const closer = closerCounts(measured);
      for (const m of measured) {
        const lo = new Float64Array(FEATURES.length);
        const hi = new Float64Array(FEATURES.length);
        laterRanges(m.e, stats, closer.pending(m), lo, hi);
        measureRest(m.e, query, q, m.doc, m.w, stats, stats.idfOf);
        closer.fill(m);
        const x = m.e.features;
        for (let k = 0; k < FEATURES.length; k++) {
          if (lo[k] !== hi[k]) open++;
          expect(lo[k]! <= x[k]! && x[k]! <= hi[k]!, `${FEATURES[k]}: ${x[k]} in [${lo[k]}, ${hi[k]}]`).toBe(true);
        }
      }
    }
    expect(open).toBeGreaterThan(1_000);
  });
});

