import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketPostings, MERGE_AFTER } from '../../../src/index/postings';
import { buildSegment, postingsOf, type SegmentRow } from '../../../src/index/segments';
import { termHash } from '../../../src/index/terms';
import { windowOf } from '../../../src/related/candidates';

const VOCABULARY = ['mexico', 'quake', 'kill', 'rescue', 'storm', 'vote', 'senate', 'modi', '2024', 'anwar'];

/** Segments as writes append them: each batch of documents one segment, docnos growing. */
function segmentsOf(batches: string[][][]): SegmentRow[] {
  let docno = 1;
  return batches.map((batch, seq) => buildSegment(5, seq, batch.map((terms) => ({ docno: docno++, terms, titleTermCount: terms.length, anchors: [] }))));
}

const batchesArb = fc.array(fc.array(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 6 }), { maxLength: 8 }), { maxLength: 9 });

/** A term's postings in a bucket, counted segment by segment. */
function naiveCount(segments: readonly SegmentRow[], term: string): number {
  return segments.reduce((n, s) => n + postingsOf(s, termHash(term)).length, 0);
}

describe('bucket postings', () => {
  it('count and list exactly what the segments post, in segment order', () => {
    fc.assert(
      fc.property(batchesArb, (batches) => {
        const segments = segmentsOf(batches);
        const bucket = new BucketPostings(segments);
        expect(bucket.count).toBe(segments.reduce((sum, s) => sum + s.count, 0));
        for (const term of [...VOCABULARY, 'absent']) {
          const hash = termHash(term);
          const naive = segments.flatMap((s) => [...postingsOf(s, hash)]);
          expect(bucket.countOf(hash)).toBe(naive.length);
          expect([...bucket.docsWith(hash)]).toEqual(naive);
        }
      }),
    );
  });

  it('count the same before and after a bucket of several segments merges them', () => {
    fc.assert(
      fc.property(batchesArb, (batches) => {
        const segments = segmentsOf(batches);
        const bucket = new BucketPostings(segments);
        for (const term of VOCABULARY) expect(bucket.countOf(termHash(term))).toBe(naiveCount(segments, term));
        // Past the counts a bucket answers segment by segment.
        for (let i = 0; i < MERGE_AFTER; i++) bucket.countOf(termHash('absent'));
        for (const term of [...VOCABULARY, 'absent']) expect(bucket.countOf(termHash(term))).toBe(naiveCount(segments, term));
      }),
      { numRuns: 30 },
    );
  });

  it('merge at the first count once a later lookup uses the bucket, counting the same', () => {
    fc.assert(
      fc.property(batchesArb, (batches) => {
        const segments = segmentsOf(batches);
        const bucket = new BucketPostings(segments);
        // The lookup that read it: segment by segment (a fresh page's lookup never merges).
        for (const term of VOCABULARY) expect(bucket.countOf(termHash(term))).toBe(naiveCount(segments, term));
        expect(bucket.merged).toBe(false);
        bucket.reused();
        // The first count after it merges (one segment counts from its own offsets, with no
        // table; none: an empty table).
        expect(bucket.countOf(termHash('absent'))).toBe(naiveCount(segments, 'absent'));
        expect(bucket.merged).toBe(segments.length !== 1);
        for (const term of VOCABULARY) expect(bucket.countOf(termHash(term))).toBe(naiveCount(segments, term));
      }),
      { numRuns: 100 },
    );
  });

  it('give a window the sum of its buckets, lists in bucket order', () => {
    const a = new BucketPostings(segmentsOf([[['quake', 'mexico'], ['quake']], [['quake', 'rescue']]]));
    const b = new BucketPostings([buildSegment(6, 0, [{ docno: 10, terms: ['quake'], titleTermCount: 1, anchors: [] }, { docno: 11, terms: ['vote'], titleTermCount: 1, anchors: [] }])]);
    const window = windowOf([a, b]);
    expect(window.total).toBe(5);
    expect(window.countOf(termHash('quake'))).toBe(4);
    expect([...window.docsWith(termHash('quake'))]).toEqual([1, 2, 3, 10]);
    expect(window.countOf(termHash('absent'))).toBe(0);
    expect([...window.docsWith(termHash('absent'))]).toEqual([]);
  });

  it('hold nothing for a bucket without segments', () => {
    const bucket = new BucketPostings([]);
    expect(bucket.count).toBe(0);
    expect(bucket.countOf(termHash('quake'))).toBe(0);
    expect([...bucket.docsWith(termHash('quake'))]).toEqual([]);
  });
});
