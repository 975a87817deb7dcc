/**
 * The same-story engine over the store's index. A lookup reads, in one transaction: the segments
 * of each bucket of its window (one request a bucket: every posting of those weeks, and the
 * forward data of their articles, see src/index/segments.ts), judges the first pass's candidates
 * from that forward data (matcher.ts), then reads by docno the rows of what it will show. A
 * candidate whose segment has no forward data (written by version 6, before the upgrade's data
 * step reaches its bucket) is read by docno and judged from its row, as before. The work follows
 * the news of the query's fortnight, not the size of the store. A context that keeps answering
 * keeps buckets and candidates' documents in a bounded cache, dropped when the store's content
 * changes (lookup-cache.ts).
 */
import { bucketsFor, NEWEST_WEEKS, UNDATED_BUCKET } from '../index/buckets';
import type { ArticleStore, StoredArticle } from '../store';
import { BucketPostings } from '../index/postings';
import { forwardFields, forwardIndex, type SegmentRow } from '../index/segments';
import { firstPass, judgeCandidates, statsOf, windowOf, type JudgedCandidate } from './candidates';
import { cacheFor } from './lookup-cache';
import { toMatchDoc } from './match-doc';
import type { MatchDoc } from './matcher';

export interface RankedCandidate extends JudgedCandidate {
  /** The article's row: there for same-story candidates (what may be shown), or for every
   * candidate with `rows: 'all'`. */
  article?: StoredArticle;
}

export interface RankOptions {
  /** Use (and fill) the context's cache (default true). */
  cache?: boolean;
  /** Whose rows to read: same-story candidates only (default) or all (evaluation rankings). */
  rows?: 'shown' | 'all';
  /** The store's content generation, when the caller already read it in this transaction (one
   * request fewer after the query's own URL lookup: see find-related.ts). */
  generation?: { value: string | undefined };
  /** Buckets' segments already asked for in this transaction (prefetchBuckets). */
  prefetched?: ReadonlyMap<number, Promise<SegmentRow[]>>;
}

/**
 * Starts reading, in the caller's transaction, the buckets a query dated `publishedAt` will want
 * (undated: the undated bucket, which every window holds) that the context's cache does not hold
 * now — while the query's own URL is still being looked up, instead of after it. A stored query
 * dated otherwise than its page said wants other weeks: those are read then, and what was read
 * here for nothing is dropped (same transaction, so the same state either way).
 */
export function prefetchBuckets(store: ArticleStore, publishedAt: number | undefined, options: Pick<RankOptions, 'cache'> = {}): Map<number, Promise<SegmentRow[]>> {
  const cache = options.cache === false ? null : cacheFor(store);
  const out = new Map<number, Promise<SegmentRow[]>>();
  for (const bucket of publishedAt === undefined ? [UNDATED_BUCKET] : bucketsFor(publishedAt, [])) {
    if (cache?.buckets.has(bucket) === true) continue;
    const read = store.segmentsOf(bucket);
    // Not awaited when the query's stored date says other weeks: its failure is then no one's.
    read.catch(() => undefined);
    out.set(bucket, read);
  }
  return out;
}

/** The fields of a stored article the matcher needs. */
export function matchDocOf(article: StoredArticle): MatchDoc {
  return toMatchDoc(article);
}

/** A docno's document from the forward data of the window's segments, if one holds it. */
function forwardMatchDoc(postings: readonly BucketPostings[], docno: number): MatchDoc | undefined {
  for (const bucket of postings) {
    for (const segment of bucket.segments) {
      const i = forwardIndex(segment, docno);
      if (i !== -1) return forwardFields(segment, i);
    }
  }
  return undefined;
}

export async function rankByContent(store: ArticleStore, query: MatchDoc, excludeDocno: number | undefined, options: RankOptions = {}): Promise<RankedCandidate[]> {
  if (query.terms.length === 0) return [];
  const cache = options.cache === false ? null : cacheFor(store);
  return store.readIndex(async () => {
    cache?.sync(options.generation !== undefined ? options.generation.value : await store.generation());
    const newest = query.publishedAt === undefined ? (cache?.newest ?? (await store.bucketsNewestFirst()).slice(0, NEWEST_WEEKS + 1)) : [];
    if (cache !== null && query.publishedAt === undefined) cache.newest = newest;
    const buckets = bucketsFor(query.publishedAt, newest);
    const postings = await Promise.all(
      buckets.map(async (bucket) => {
        const cached = cache?.buckets.get(bucket);
        if (cached !== undefined) {
          cache!.bucketHits++;
          return cached;
        }
        const read = new BucketPostings(await (options.prefetched?.get(bucket) ?? store.segmentsOf(bucket)));
        if (cache !== null) {
          cache.bucketReads++;
          cache.buckets.set(bucket, read);
        }
        return read;
      }),
    );
    const window = cache?.window(buckets, postings) ?? windowOf(postings);
    const stats = statsOf(window);
    const ranked = firstPass(query, window, stats.idfOf, new Set(excludeDocno === undefined ? [] : [excludeDocno]));
    const docs = new Map<number, MatchDoc>();
    const rows = new Map<number, StoredArticle>();
    const missing: number[] = [];
    let hits = 0;
    for (const docno of ranked) {
      const cached = cache?.docs.get(docno);
      if (cached !== undefined) hits++;
      const doc = cached ?? forwardMatchDoc(postings, docno);
      if (doc === undefined) missing.push(docno);
      else {
        docs.set(docno, doc);
        if (cached === undefined) cache?.docs.set(docno, doc);
      }
    }
    if (cache !== null) {
      cache.hits += hits;
      cache.misses += ranked.length - hits;
      cache.rowReads += missing.length;
    }
    /** Rows by docno, from the cache or read together (and kept in the cache). */
    const readRows = async (docnos: readonly number[]): Promise<StoredArticle[]> => {
      const out: StoredArticle[] = [];
      const read: number[] = [];
      for (const docno of docnos) {
        const row = cache?.rows.get(docno);
        if (row === undefined) read.push(docno);
        else out.push(row);
      }
      for (const article of await store.articlesByDocno(read)) {
        cache?.rows.set(article.docno!, article);
        out.push(article);
      }
      return out;
    };
    // Segments without forward data (an upgrade under way): those candidates' rows, as before.
    // (An evaluation's ranking wants every candidate's row: all in the same read.)
    const missed = new Set(missing);
    for (const article of await readRows(options.rows === 'all' ? ranked : missing)) {
      rows.set(article.docno!, article);
      if (!missed.has(article.docno!)) continue;
      const doc = matchDocOf(article);
      docs.set(article.docno!, doc);
      cache?.docs.set(article.docno!, doc);
    }
    const judged = judgeCandidates(query, ranked, docs, window);
    const wanted = judged.filter((c) => (options.rows === 'all' || c.sameStory) && !rows.has(c.docno)).map((c) => c.docno);
    for (const article of await readRows(wanted)) rows.set(article.docno!, article);
    return judged.map((c): RankedCandidate => {
      const article = rows.get(c.docno);
      return article === undefined ? c : { ...c, article };
    });
  });
}
