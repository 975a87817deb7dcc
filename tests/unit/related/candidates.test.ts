import { describe, expect, it } from 'vitest';
import { CANDIDATES, firstPass, statsOf, type WindowPostings } from '../../../src/related/candidates';
import type { MatchDoc } from '../../../src/related/matcher';

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
