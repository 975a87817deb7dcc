/**
 * What a running context (the service worker, a page) may keep between lookups: the index's
 * buckets it read (up to BUCKET_BYTES of them, least recently used dropped first), the windows
 * built over them, candidates' documents (as the matcher sees them) and the rows lookups read
 * (what they showed), bounded, and thrown away whenever the store's write generation changes. A
 * context that just woke up has nothing here and answers from IndexedDB alone; one that keeps
 * answering reads only the weeks it has not read yet.
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

  delete(key: K): void {
    this.map.delete(key);
  }

  entries(): [K, V][] {
    return [...this.map];
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}

/** A least-recently-used map bounded by the bytes its values hold; told of each value it drops. */
export class SizedLru<K, V> {
  private readonly map = new Map<K, { value: V; bytes: number }>();
  private held = 0;
  constructor(
    readonly capacityBytes: number,
    private readonly bytesOf: (value: V) => number,
    private readonly onDrop: (key: K) => void = () => {},
  ) {}

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  /** Keeps the value unless it alone is larger than the capacity; drops the oldest to fit it. */
  set(key: K, value: V): void {
    this.delete(key);
    const bytes = this.bytesOf(value);
    if (bytes > this.capacityBytes) return;
    this.map.set(key, { value, bytes });
    this.held += bytes;
    for (const oldest of this.map.keys()) {
      if (this.held <= this.capacityBytes) break;
      this.delete(oldest);
    }
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  delete(key: K): void {
    const entry = this.map.get(key);
    if (entry === undefined) return;
    this.map.delete(key);
    this.held -= entry.bytes;
    this.onDrop(key);
  }

  clear(): void {
    this.map.clear();
    this.held = 0;
  }

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.held;
  }
}

/** Bytes of buckets kept at most: a year of a 50-feed reader's news. Segments and count tables
 * take ~140–190 bytes an article (typed arrays, outside the JavaScript heap): 14 MB for the bench's
 * 100,000 articles, 71 MB for all of its 500,000. At 16 MB a context answering lookups across
 * 500,000 articles held 70 % of the weeks they read and read the rest again and again (warm p95
 * 2.4× that at 100,000). Bounded by bytes, not weeks: a week of a busier store weighs more. */
export const BUCKET_BYTES = 96 * 1024 * 1024;

export class LookupCache {
  private generation: string | undefined = undefined;
  /** Bucket → its postings (segments, and counts once asked). A window built on a bucket goes
   * with it, so no dropped bucket stays in memory through a window. */
  readonly buckets: SizedLru<number, BucketPostings>;
  /** Window (its buckets) → its postings, with the term rarities computed on it. */
  private readonly windows = new Lru<string, { buckets: readonly number[]; window: WindowPostings }>(6);
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
  /** Same-story candidates whose show fields came from their rows (segments without them). */
  showRowReads = 0;
  /** Buckets found here, and read (for benchmarks). */
  bucketHits = 0;
  bucketReads = 0;

  constructor(bucketBytes = BUCKET_BYTES) {
    this.buckets = new SizedLru<number, BucketPostings>(bucketBytes, (postings) => postings.bytes, (bucket) => this.dropWindowsOf(bucket));
  }

  /** Windows kept (for tests). */
  get windowCount(): number {
    return this.windows.size;
  }

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
    const known = this.windows.get(key);
    if (known !== undefined) return known.window;
    const window = windowOf(postings);
    // Kept only over buckets the cache holds: a window must not keep a dropped bucket alive.
    if (buckets.every((bucket) => this.buckets.has(bucket))) this.windows.set(key, { buckets, window });
    return window;
  }

  private dropWindowsOf(bucket: number): void {
    for (const [key, { buckets }] of this.windows.entries()) if (buckets.includes(bucket)) this.windows.delete(key);
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
