/**
 * What a lookup does once it holds the postings of its window, whatever holds them (the store's
 * index or an in-memory index): a cheap first pass over the postings of every query term picks
 * the candidates, then each is judged in full (matcher.ts). The store engine and the in-memory
 * index (digest stories, training) share this code, so they decide alike.
 */
import { BucketPostings } from '../index/postings';
import type { SegmentRow } from '../index/segments';
import { evidence, idf, judge, setContext, weigh, type Evidence, type Judgement, type MatchDoc, type TermStats, type Weighted } from './matcher';

/** The postings of a lookup's window: articles (by docno) carrying a term, and how many there are. */
export interface WindowPostings {
  total: number;
  /** Docnos carrying the term (by its hash) in the window; may hold deleted docnos. */
  docsWith(hash: number): ArrayLike<number> & Iterable<number>;
  /** How many postings `docsWith` would give, without building the list. */
  countOf(hash: number): number;
}

/** How many candidates (by the first pass) are judged in full. */
export const CANDIDATES = 80;
/** Names and numbers find coverage in other languages and outlets: they count more in the first pass. */
const ANCHOR_BOOST = 1.5;

export type WindowStats = TermStats & {
  /** Rarity of a term (by hash) in the window. */
  idfOf(term: number): number;
  /** A document's weighted terms in this window (kept while the window is). */
  weighted(doc: MatchDoc): Weighted;
};
const statsCache = new WeakMap<WindowPostings, WindowStats>();

/** Rarity of terms in a window, computed once per term and window. */
export function statsOf(window: WindowPostings): WindowStats {
  const known = statsCache.get(window);
  if (known !== undefined) return known;
  const cache = new Map<number, number>();
  const total = Math.max(0, window.total);
  const df = (term: number): number => window.countOf(term);
  const weightedDocs = new WeakMap<MatchDoc, Weighted>();
  const stats: WindowStats = {
    total,
    df,
    weighted(doc) {
      let w = weightedDocs.get(doc);
      if (w === undefined) {
        w = weigh(doc, stats.idfOf);
        weightedDocs.set(doc, w);
      }
      return w;
    },
    idfOf(term) {
      let value = cache.get(term);
      if (value === undefined) {
        value = idf(df(term), total);
        cache.set(term, value);
      }
      return value;
    },
  };
  statsCache.set(window, stats);
  return stats;
}

/** Candidates by the first pass, strongest first. */
export function firstPass(query: MatchDoc, window: WindowPostings, idfOf: (term: number) => number, exclude: ReadonlySet<number>): number[] {
  const scores = new Map<number, number>();
  query.terms.forEach((term, i) => {
    const weight = (i < query.titleTermCount ? 1 : 0.5) * idfOf(term) * (query.anchors.has(term) ? ANCHOR_BOOST : 1);
    for (const docno of window.docsWith(term)) {
      if (!exclude.has(docno)) scores.set(docno, (scores.get(docno) ?? 0) + weight);
    }
  });
  return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CANDIDATES).map(([docno]) => docno);
}

export interface JudgedCandidate extends Judgement {
  docno: number;
  evidence: Evidence;
}

/** Each candidate judged in full, best first. Candidates without a document (deleted) are skipped. */
export function judgeCandidates(query: MatchDoc, ranked: readonly number[], docs: ReadonlyMap<number, MatchDoc>, window: WindowPostings): JudgedCandidate[] {
  const stats = statsOf(window);
  const q = stats.weighted(query);
  const measured: { docno: number; e: Evidence }[] = [];
  let rank = 0;
  for (const docno of ranked) {
    const doc = docs.get(docno);
    if (doc === undefined) continue;
    measured.push({ docno, e: evidence(query, q, doc, stats.weighted(doc), stats, stats.idfOf, rank++) });
  }
  setContext(measured.map((m) => m.e));
  const out: JudgedCandidate[] = [];
  for (const { docno, e } of measured) {
    const judgement = judge(e);
    if (judgement.shared.length > 0) out.push({ ...judgement, docno, evidence: e });
  }
  return out.sort((a, b) => b.score - a.score || a.docno - b.docno);
}

/** A window over decoded segments: every posting of its buckets. */
export function windowOver(segments: readonly SegmentRow[]): WindowPostings {
  return windowOf([new BucketPostings(segments)]);
}

/** A window over buckets' postings (in the buckets' order). */
export function windowOf(buckets: readonly BucketPostings[]): WindowPostings {
  const lists = new Map<number, ArrayLike<number> & Iterable<number>>();
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  return {
    total,
    docsWith(hash) {
      let list = lists.get(hash);
      if (list === undefined) {
        const parts = buckets.map((b) => b.docsWith(hash)).filter((part) => part.length > 0);
        if (parts.length === 1) list = parts[0]!;
        else {
          const all: number[] = [];
          for (const part of parts) for (const docno of part) all.push(docno);
          list = all;
        }
        lists.set(hash, list);
      }
      return list;
    },
    countOf(hash) {
      let n = 0;
      for (const b of buckets) n += b.countOf(hash);
      return n;
    },
  };
}
