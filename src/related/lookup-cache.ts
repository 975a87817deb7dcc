/**
 * What a running context (the service worker, a page) may keep between lookups: the index's
 * buckets it read, the windows built over them, candidates' documents (as the matcher sees them)
 * and the rows lookups read (what they showed), bounded, and thrown away
 * whenever the store's write generation changes. A context that just woke up has nothing here and
 * answers from IndexedDB alone; one that keeps answering reads less.
 */
import type { BucketPostings } from '../index/postings';
import type { StoredArticle } from '../store';
import { windowOf, type WindowPostings } from './candidates';
import type { MatchDoc } from './matcher';

/** A least-recently-used map with a fixed number of entries. */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}

export class LookupCache {
  private generation: string | undefined = undefined;
  /** Bucket → its postings (segments, and counts once asked). A week of a busy store is a few
   * hundred KB of typed arrays. */
  readonly buckets = new Lru<number, BucketPostings>(12);
  /** Window (its buckets) → its postings, with the term rarities computed on it. */
  private readonly windows = new Lru<string, WindowPostings>(6);
  /** Candidate documents by docno (the same object again keeps its weighted terms: candidates.ts). */
  readonly docs = new Lru<number, MatchDoc>(4_000);
  /** Rows a lookup read (what it showed: a story's articles are shown again for its other articles). */
  readonly rows = new Lru<number, StoredArticle>(4_000);
  /** The newest buckets (what an undated lookup reads). */
  newest: number[] | undefined = undefined;
  /** Candidates found here, and not (for benchmarks); of those, read as rows (no forward data). */
  hits = 0;
  misses = 0;
  rowReads = 0;

  /** Keeps the cache only if the store has not been written since it was filled. */
  sync(generation: string | undefined): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.buckets.clear();
    this.windows.clear();
    this.docs.clear();
    this.rows.clear();
    this.newest = undefined;
  }

  window(buckets: readonly number[], postings: readonly BucketPostings[]): WindowPostings {
    const key = buckets.join(',');
    let window = this.windows.get(key);
    if (window === undefined) {
      window = windowOf(postings);
      this.windows.set(key, window);
    }
    return window;
  }
}

const caches = new WeakMap<object, LookupCache>();

/** The cache that lookups on one store instance share. */
export function cacheFor(store: object): LookupCache {
  let cache = caches.get(store);
  if (cache === undefined) {
    cache = new LookupCache();
    caches.set(store, cache);
  }
  return cache;
}
