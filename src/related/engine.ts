/**
 * The same-story engine over the store's index. A lookup reads, in one transaction: the segments
 * of each bucket of its window (one request a bucket: every posting of those weeks, see
 * src/index/segments.ts), then the first pass's candidates by docno (one walk of the docno index),
 * and judges them (matcher.ts). The work follows the news of the query's fortnight, not the size
 * of the store. A context that keeps answering keeps buckets and candidates in a bounded cache,
 * dropped when the store's content changes (lookup-cache.ts).
 */
import { bucketsFor, NEWEST_WEEKS } from '../index/buckets';
import type { ArticleStore, StoredArticle } from '../store';
import { BucketPostings } from '../index/postings';
import { firstPass, judgeCandidates, statsOf, windowOf, type JudgedCandidate } from './candidates';
import { cacheFor } from './lookup-cache';
import type { MatchDoc } from './matcher';

export interface RankedCandidate extends JudgedCandidate {
  article: StoredArticle;
}

export interface RankOptions {
  /** Use (and fill) the context's cache (default true). */
  cache?: boolean;
}

/** The fields of a stored article the matcher needs. */
export function matchDocOf(article: StoredArticle): MatchDoc {
  return { terms: article.terms, titleTermCount: article.titleTermCount, anchors: new Set(article.anchors ?? []), publishedAt: article.publishedAt, lang: article.lang };
}

export async function rankByContent(store: ArticleStore, query: MatchDoc, excludeDocno: number | undefined, options: RankOptions = {}): Promise<RankedCandidate[]> {
  if (query.terms.length === 0) return [];
  const cache = options.cache === false ? null : cacheFor(store);
  return store.readIndex(async () => {
    cache?.sync(await store.generation());
    const newest = query.publishedAt === undefined ? (cache?.newest ?? (await store.bucketsNewestFirst()).slice(0, NEWEST_WEEKS + 1)) : [];
    if (cache !== null && query.publishedAt === undefined) cache.newest = newest;
    const buckets = bucketsFor(query.publishedAt, newest);
    const postings = await Promise.all(
      buckets.map(async (bucket) => {
        const cached = cache?.buckets.get(bucket);
        if (cached !== undefined) return cached;
        const read = new BucketPostings(await store.segmentsOf(bucket));
        cache?.buckets.set(bucket, read);
        return read;
      }),
    );
    const window = cache?.window(buckets, postings) ?? windowOf(postings);
    const stats = statsOf(window);
    const ranked = firstPass(query, window, stats.idfOf, new Set(excludeDocno === undefined ? [] : [excludeDocno]));
    const docs = new Map<number, MatchDoc>();
    const rows = new Map<number, StoredArticle>();
    const missing: number[] = [];
    for (const docno of ranked) {
      const hit = cache?.candidates.get(docno);
      if (hit === undefined) missing.push(docno);
      else {
        docs.set(docno, hit.doc);
        rows.set(docno, hit.article);
      }
    }
    if (cache !== null) {
      cache.hits += ranked.length - missing.length;
      cache.misses += missing.length;
    }
    for (const article of await store.articlesByDocno(missing)) {
      const doc = matchDocOf(article);
      docs.set(article.docno!, doc);
      rows.set(article.docno!, article);
      cache?.candidates.set(article.docno!, { doc, article });
    }
    return judgeCandidates(query, ranked, docs, window).map((c) => ({ ...c, article: rows.get(c.docno)! }));
  });
}
