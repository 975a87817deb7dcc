import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameArticle, sameJson, stableJson } from '../../../src/store/merge';
import type { StoredArticle } from '../../../src/store/types';

/** Values JSON treats in every way it has: left-out values, NaN, -0, ±∞, holes, nesting. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom<unknown>(undefined, null, NaN, Infinity, -Infinity, 0, -0, 1, true, false, '', 'a', '0', () => 1, Symbol('s'), new Date(0), '1970-01-01T00:00:00.000Z'),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 4 }),
  ),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c', '1', '10', '2', '__proto__', 'toString'), tie('node'), { maxKeys: 5 }),
})).node;

/** A copy with keys in another order, and maybe one change deep inside (often one JSON cannot see). */
function variant(input: unknown, change: number, replacement: unknown): unknown {
  let left = change;
  const walk = (v: unknown): unknown => {
    if (left-- === 0) return replacement;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).reverse();
      const out: Record<string, unknown> = {};
      for (const [key, item] of entries) Object.defineProperty(out, key, { value: walk(item), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return v;
  };
  return walk(input);
}

describe('sameJson', () => {
  it('says equal exactly when stableJson gives the same text', () => {
    fc.assert(
      fc.property(value, fc.nat(12), value, (input, change, replacement) => {
        const other = variant(input, change, replacement);
        expect(sameJson(input, other)).toBe(stableJson(input) === stableJson(other));
      }),
      { numRuns: 3000 },
    );
  });

  it('treats what JSON leaves out or writes as null the way JSON does', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: () => 2 }, { a: 1 })).toBe(true);
    expect(sameJson([undefined, NaN, Infinity], [null, null, null])).toBe(true);
    expect(sameJson({ a: NaN }, { a: null })).toBe(true);
    expect(sameJson({ a: -0 }, { a: 0 })).toBe(true);
    expect(sameJson({ a: null }, {})).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    const date = new Date(5);
    expect(sameJson({ d: date }, { d: date.toISOString() })).toBe(true);
  });

  it('compares articles as before: content, not bookkeeping times', () => {
    const article = {
      id: 'a00000000001', url: 'https://x.example/a', urls: ['x.example/a'], title: 'T', excerpt: 'E', domain: 'x.example', topics: ['t'], images: [], origin: 'record',
      record: { webUrl: 'https://x.example/a' }, terms: ['t'], titleTermCount: 1, anchors: [], sourceHashes: ['r1'], addedAt: 1, updatedAt: 2,
    } as unknown as StoredArticle;
    expect(sameArticle(article, { ...article, addedAt: 5, updatedAt: 9 })).toBe(true);
    expect(sameArticle(article, { ...article, topics: ['t', 'u'] })).toBe(false);
    expect(sameArticle(article, { ...article, readAt: 3 })).toBe(false);
    expect(sameArticle(article, { ...article, record: { webUrl: 'https://x.example/a', secured: undefined } } as StoredArticle)).toBe(true);
  });
});
