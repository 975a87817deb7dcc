/**
 * The engine's index in memory, for a set of articles at hand: the digest's stories and the
 * matcher's training and evaluation. Same buckets, same window, same first pass and judgement as
 * the store's index (candidates.ts), so what is learned and measured here is what the store does.
 */
import { bucketOf, bucketsFor, newestWeeks, UNDATED_REACH } from '../index/buckets';
import { firstPass, judgeCandidates, statsOf, type JudgedCandidate, type WindowPostings } from './candidates';
import type { MatchDoc } from './matcher';

export { toMatchDoc } from './match-doc';

export class MemoryIndex {
  readonly docs: MatchDoc[] = [];
  private readonly buckets = new Map<number, { count: number; postings: Map<number, number[]> }>();

  /** Adds a document; returns its docno. */
  add(doc: MatchDoc): number {
    const docno = this.docs.length;
    this.docs.push(doc);
    const key = bucketOf(doc.publishedAt);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { count: 0, postings: new Map() };
      this.buckets.set(key, bucket);
    }
    bucket.count++;
    for (const hash of doc.terms) {
      const list = bucket.postings.get(hash);
      if (list === undefined) bucket.postings.set(hash, [docno]);
      else list.push(docno);
    }
    return docno;
  }

  private readonly windows = new Map<string, WindowPostings>();
  private windowsAt = 0;
  /** The dated weeks an undated query reads (as the store's engine picks them), until the index changes. */
  private newest: number[] | undefined;

  /** The window around a date; windows are shared between lookups until the index changes. */
  window(publishedAt: number | undefined): WindowPostings {
    if (this.windowsAt !== this.docs.length) {
      this.windows.clear();
      this.windowsAt = this.docs.length;
      this.newest = undefined;
    }
    const buckets = bucketsFor(publishedAt, publishedAt === undefined ? (this.newest ??= this.newestWeeks()) : []);
    const key = buckets.join(',');
    const known = this.windows.get(key);
    if (known !== undefined) return known;
    const window = this.readWindow(buckets);
    this.windows.set(key, window);
    return window;
  }

  private newestWeeks(): number[] {
    const dates = this.docs.flatMap((doc) => (doc.publishedAt === undefined ? [] : [doc.publishedAt])).sort((a, b) => b - a);
    const reach = dates.length >= UNDATED_REACH ? bucketOf(dates[UNDATED_REACH - 1]) : undefined;
    return newestWeeks([...this.buckets.keys()], reach);
  }

  private readWindow(buckets: number[]): WindowPostings {
    const parts = buckets.flatMap((b) => {
      const bucket = this.buckets.get(b);
      return bucket === undefined ? [] : [bucket];
    });
    const cache = new Map<number, number[]>();
    return {
      total: parts.reduce((sum, p) => sum + p.count, 0),
      docsWith(hash) {
        let list = cache.get(hash);
        if (list === undefined) {
          list = parts.length === 1 ? (parts[0]!.postings.get(hash) ?? []) : parts.flatMap((p) => p.postings.get(hash) ?? []);
          cache.set(hash, list);
        }
        return list;
      },
      countOf(hash) {
        let n = 0;
        for (const p of parts) n += p.postings.get(hash)?.length ?? 0;
        return n;
      },
    };
  }

  /** Judged candidates for a document (by docno, excluded from its own results) or a new query. */
  related(query: MatchDoc, self?: number): JudgedCandidate[] {
    const window = this.window(query.publishedAt);
    const stats = statsOf(window);
    const ranked = firstPass(query, window, stats.idfOf, new Set(self === undefined ? [] : [self]));
    const docs = new Map(ranked.map((docno) => [docno, this.docs[docno]!]));
    return judgeCandidates(query, ranked, docs, window);
  }
}
