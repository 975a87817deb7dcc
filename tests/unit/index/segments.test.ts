import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, bucketsFor, UNDATED_BUCKET, WEEK_MS } from '../../../src/index/buckets';
import { buildSegment, compact, postingsOf } from '../../../src/index/segments';
import { termHash } from '../../../src/index/terms';

describe('segments', () => {
  it('post each term\'s docnos, sorted, and find nothing for an absent term', () => {
    const segment = buildSegment(7, 0, [
      { docno: 3, terms: ['mexico', 'quak'] },
      { docno: 1, terms: ['mexico', 'kill', 'mexico'] },
      { docno: 2, terms: [] },
    ]);
    expect([...postingsOf(segment, termHash('mexico'))]).toEqual([1, 3]);
    expect([...postingsOf(segment, termHash('kill'))]).toEqual([1]);
    expect([...postingsOf(segment, termHash('absent'))]).toEqual([]);
    // Articles without terms are not counted: they can never be found.
    expect(segment.count).toBe(2);
  });

  it('compact into one segment holding exactly the postings of all, minus the removed', () => {
    const docs = fc.array(fc.record({ docno: fc.integer({ min: 1, max: 400 }), terms: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 4 }) }), { maxLength: 40 });
    fc.assert(
      fc.property(docs, docs, fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 10 }), (first, second, removedList) => {
        // docnos are unique across the store
        const seen = new Set<number>();
        const unique = (list: typeof first) => list.filter((d) => !seen.has(d.docno) && seen.add(d.docno));
        const a = unique(first);
        const b = unique(second);
        const removed = new Set(removedList);
        const merged = compact(1, 5, [buildSegment(1, 0, a), buildSegment(1, 1, b)], removed);
        for (const term of ['a', 'b', 'c', 'd', 'e']) {
          const expected = [...a, ...b].filter((d) => (d.terms as readonly string[]).includes(term) && !removed.has(d.docno)).map((d) => d.docno).sort((x, y) => x - y);
          expect([...postingsOf(merged, termHash(term))]).toEqual(expected);
        }
        expect(merged.count).toBe([...a, ...b].filter((d) => d.terms.length > 0 && !removed.has(d.docno)).length);
      }),
    );
  });
});

describe('buckets', () => {
  it('files undated articles apart, and reads a fortnight around a date plus the undated bucket', () => {
    const t = Date.parse('2024-10-15T12:00:00Z');
    expect(bucketOf(undefined)).toBe(UNDATED_BUCKET);
    expect(bucketOf(t)).toBeGreaterThan(UNDATED_BUCKET);
    const window = bucketsFor(t, []);
    expect(window).toContain(UNDATED_BUCKET);
    expect(window).toContain(bucketOf(t - 6 * 86_400_000));
    expect(window).toContain(bucketOf(t + 6 * 86_400_000));
    expect(window).not.toContain(bucketOf(t + 3 * WEEK_MS));
    // An undated query: the undated bucket and the newest weeks.
    expect(bucketsFor(undefined, [5, 100_900, 100_950, 100_951, 100_952, 0])).toEqual([0, 100_952, 100_951, 100_950]);
  });
});
