/**
 * What a running context (the service worker, a page) may keep between lookups: posting samples
 * and the scoring fields of candidates, bounded, and thrown away whenever the store's write
 * generation changes. A context that just woke up has nothing here and answers from IndexedDB
 * alone; one that keeps answering reads less.
 */

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

/** The fields of an article that scoring needs. */
export interface CandidateVector {
  id: string;
  title: string;
  terms: readonly string[];
  titleTermCount: number;
  publishedAt?: number | undefined;
}

export class LookupCache {
  private generation: string | undefined = undefined;
  /** "term@week#cap" → the first `cap` ids. */
  readonly samples = new Lru<string, string[]>(6_000);
  readonly vectors = new Lru<string, CandidateVector>(8_000);
  hits = 0;
  misses = 0;

  /** Keeps the cache only if the store has not been written since it was filled. */
  sync(generation: string | undefined): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.samples.clear();
    this.vectors.clear();
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
