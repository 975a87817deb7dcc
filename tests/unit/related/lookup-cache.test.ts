import { describe, expect, it } from 'vitest';
import { BucketPostings } from '../../../src/index/postings';
import { buildSegment } from '../../../src/index/segments';
import { LookupCache, SizedLru } from '../../../src/related/lookup-cache';

describe('a cache bounded by bytes', () => {
  it('drops the least recently used values to stay within its bytes, and says which', () => {
    const dropped: string[] = [];
    const lru = new SizedLru<string, number>(10, (value) => value, (key) => dropped.push(key));
    lru.set('a', 4);
    lru.set('b', 4);
    expect(lru.get('a')).toBe(4); // a is now the most recent
    lru.set('c', 4);
    expect(dropped).toEqual(['b']);
    expect(lru.has('b')).toBe(false);
    expect(lru.bytes).toBe(8);
    lru.set('a', 6); // replaced: its old bytes no longer count
    expect(lru.bytes).toBe(10);
    expect(lru.size).toBe(2);
    // A value larger than the whole capacity is not kept (and drops nothing).
    lru.set('huge', 11);
    expect(lru.has('huge')).toBe(false);
    expect(lru.bytes).toBe(10);
  });
});

describe('the lookup cache', () => {
  const bucket = (n: number, docs: number): BucketPostings =>
    new BucketPostings([buildSegment(n, 0, Array.from({ length: docs }, (_, i) => ({ docno: n * 1_000 + i, terms: [`t${i % 7}`, `w${n}`, `x${i}`], titleTermCount: 1, anchors: [] })))]);

  it('counts a bucket by the bytes of its typed arrays', () => {
    const small = bucket(1, 10);
    const large = bucket(2, 100);
    expect(small.bytes).toBeGreaterThan(0);
    expect(large.bytes).toBeGreaterThan(5 * small.bytes);
  });

  it('keeps no window over a bucket it dropped', () => {
    const a = bucket(1, 50);
    const b = bucket(2, 50);
    const cache = new LookupCache(Math.floor(a.bytes * 1.5));
    cache.buckets.set(1, a);
    cache.window([1], [a]);
    expect(cache.windowCount).toBe(1);
    cache.buckets.set(2, b); // only one fits: bucket 1 goes, and the window over it
    expect(cache.buckets.has(1)).toBe(false);
    expect(cache.windowCount).toBe(0);
    // A window over a bucket the cache does not hold is built, but not kept.
    const window = cache.window([1, 2], [a, b]);
    expect(window.total).toBe(100);
    expect(cache.windowCount).toBe(0);
  });

  it('throws everything away when the store was written', () => {
    const cache = new LookupCache();
    cache.sync('g1');
    cache.buckets.set(1, bucket(1, 5));
    cache.sync('g1');
    expect(cache.buckets.size).toBe(1);
    cache.sync('g2');
    expect(cache.buckets.size).toBe(0);
    expect(cache.buckets.bytes).toBe(0);
  });
});
