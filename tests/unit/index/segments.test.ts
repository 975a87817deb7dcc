import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, bucketsFor, newestWeeks, NEWEST_WEEKS, UNDATED_BUCKET, UNDATED_WEEKS_MAX, WEEK_MS } from '../../../src/index/buckets';
import { buildSegment, compact, forwardDoc, forwardFields, forwardIndex, forwardShow, hasShowFields, postingsOf, type IndexedDoc, type SegmentRow } from '../../../src/index/segments';
import { hash64, showSourceOf, type ShowSource } from '../../../src/index/show-keys';
import { indexTerms, termHash } from '../../../src/index/terms';
import { fromForward, toMatchDoc } from '../../../src/related/match-doc';

/** A document with only terms (all title terms, no anchors, undated). */
const plain = (docno: number, terms: string[]): IndexedDoc => ({ docno, terms, titleTermCount: terms.length, anchors: [] });

/** The forward entry of a docno as the matcher sees it, or undefined. */
function forwardOf(segment: SegmentRow, docno: number) {
  const i = forwardIndex(segment, docno);
  return i === -1 ? undefined : fromForward(forwardDoc(segment, i));
}

/** A segment as version 6 wrote it: postings only. */
function withoutForward(segment: SegmentRow): SegmentRow {
  const { forward: _forward, ...rest } = segment;
  return rest;
}

describe('segments', () => {
  it('post each term\'s docnos, sorted, and find nothing for an absent term', () => {
    const segment = buildSegment(7, 0, [
      plain(3, ['mexico', 'quak']),
      plain(1, ['mexico', 'kill', 'mexico']),
      plain(2, []),
    ]);
    expect([...postingsOf(segment, termHash('mexico'))]).toEqual([1, 3]);
    expect([...postingsOf(segment, termHash('kill'))]).toEqual([1]);
    expect([...postingsOf(segment, termHash('absent'))]).toEqual([]);
    // Articles without terms are not counted: they can never be found.
    expect(segment.count).toBe(2);
  });

  it('compact into one segment holding exactly the postings of all, minus the removed', () => {
    const docs = fc.array(
      fc.record({ docno: fc.integer({ min: 1, max: 400 }), terms: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', '7'), { maxLength: 4 }) }).map((d) => ({ ...d, titleTermCount: Math.min(2, d.terms.length), anchors: d.terms.filter((t) => t < 'c') })),
      { maxLength: 40 },
    );
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
        // Forward data: every kept article with terms as it was, nothing of the removed.
        for (const d of [...a, ...b]) {
          if (removed.has(d.docno) || d.terms.length === 0) expect(forwardOf(merged, d.docno)).toBeUndefined();
          else expect(forwardOf(merged, d.docno)).toEqual(toMatchDoc(d));
        }
        expect([...merged.forward!.docnos]).toEqual([...a, ...b].filter((d) => d.terms.length > 0 && !removed.has(d.docno)).map((d) => d.docno).sort((x, y) => x - y));
      }),
    );
  });

  it('compact into exactly the segment buildSegment makes of the kept articles (array types included)', () => {
    const words = ['a', 'b', 'c', 'd', 'e', '7', '12', 'x9', 'zz'];
    const doc = fc.record({
      docno: fc.integer({ min: 1, max: 600 }),
      terms: fc.array(fc.constantFrom(...words), { maxLength: 7 }),
      title: fc.nat({ max: 7 }),
      anchorMask: fc.nat({ max: 511 }),
      publishedAt: fc.option(fc.integer({ min: 0, max: 2e12 }), { nil: undefined }),
      lang: fc.option(fc.constantFrom('en', 'es', 'de', 'zh'), { nil: undefined }),
      // Show fields (absent in one case of ten: a segment from before the show-data step).
      show: fc.option(fc.record({ url: fc.string({ maxLength: 6 }), title: fc.string({ maxLength: 6 }), outlet: fc.constantFrom('a.example', 'b.example', 'c.example', '') }), { nil: undefined, freq: 10 }),
    }).map((d): IndexedDoc => ({
      docno: d.docno,
      terms: d.terms,
      titleTermCount: Math.min(d.title, d.terms.length),
      anchors: words.filter((_, i) => (d.anchorMask & (1 << i)) !== 0 && d.terms.includes(words[i]!)),
      publishedAt: d.publishedAt,
      lang: d.lang,
      show: d.show === undefined ? undefined : { urlHash: hash64(d.show.url), titleHash: hash64(d.show.title), outlet: d.show.outlet },
    }));
    const shape = (segment: SegmentRow) => JSON.stringify(segment, (_key, value: unknown) => (ArrayBuffer.isView(value) ? [value.constructor.name, ...Array.from(value as unknown as ArrayLike<number>)].map((v) => (Number.isNaN(v) ? 'NaN' : v)) : value));
    fc.assert(
      fc.property(fc.array(fc.array(doc, { maxLength: 30 }), { minLength: 1, maxLength: 4 }), fc.array(fc.integer({ min: 1, max: 600 }), { maxLength: 20 }), (groups, removedList) => {
        const seen = new Set<number>();
        const unique = groups.map((list) => list.filter((d) => !seen.has(d.docno) && seen.add(d.docno)));
        const removed = new Set(removedList);
        const segments = unique.map((list, i) => buildSegment(4, i, list));
        const merged = compact(4, 9, segments, removed);
        const kept = unique.flat().filter((d) => !removed.has(d.docno));
        // Show fields kept when every kept article's segment had them; gone (all of them) otherwise.
        const withShow = unique.every((list, i) => hasShowFields(segments[i]!.forward!) || list.every((d) => removed.has(d.docno) || d.terms.length === 0));
        expect(shape(merged)).toBe(shape(buildSegment(4, 9, withShow ? kept : kept.map((d) => ({ ...d, show: undefined })))));
        if (withShow)
          for (const d of kept) {
            const i = forwardIndex(merged, d.docno);
            if (d.terms.length > 0) expect(forwardShow(merged, i)).toEqual(d.show);
          }
      }),
      { numRuns: 300 },
    );
    // Many distinct terms: places and counts two bytes wide; a segment's hash absent after removal.
    const many = Array.from({ length: 300 }, (_, i) => `t${i}`);
    const first = buildSegment(1, 0, [plain(5, many), plain(6, ['t1', 'only'])]);
    const second = buildSegment(1, 1, [plain(2, ['t7', 't299'])]);
    expect(shape(compact(1, 2, [first, second], new Set([6])))).toBe(shape(buildSegment(1, 2, [plain(5, many), plain(2, ['t7', 't299'])])));
  });

  it('keep each article\'s matcher fields: terms in order as hashes, anchors, numbers, title count, date, language', () => {
    const quake = { ...indexTerms('Major quake kills 2 in Mexico City', 'Rescuers in Mexico searched the rubble on Tuesday.', 'es'), publishedAt: Date.parse('2024-09-19T12:00:00Z') };
    const vote = indexTerms('Senate vote on 2024 budget delayed', 'Lawmakers in Washington put off the vote.');
    const undated = indexTerms('Storm warning for the coast', '');
    const segment = buildSegment(3, 0, [
      { docno: 9, ...quake },
      { docno: 4, ...vote, lang: undefined },
      { docno: 6, ...undated },
    ]);
    expect(forwardOf(segment, 9)).toEqual(toMatchDoc(quake));
    expect(forwardOf(segment, 4)).toEqual(toMatchDoc({ ...vote, lang: undefined }));
    expect(forwardOf(segment, 6)).toEqual(toMatchDoc(undated));
    const doc = forwardOf(segment, 9)!;
    // The day the excerpt names is the document's day, not one of its terms.
    expect(quake.terms.at(-1)).toBe('@tuesday');
    expect(doc.terms).toEqual(quake.terms.slice(0, -1).map(termHash));
    expect(doc.weekdays).toBe(1 << 1);
    expect(forwardOf(segment, 4)!.weekdays).toBe(0);
    expect([...doc.anchors]).toEqual(quake.anchors.map(termHash));
    expect([...doc.numbers]).toEqual([termHash('2')]);
    expect(doc.titleTermCount).toBe(quake.titleTermCount);
    expect(doc.publishedAt).toBe(quake.publishedAt);
    expect(doc.lang).toBe('es');
    expect(forwardOf(segment, 4)!.publishedAt).toBeUndefined();
    expect(forwardOf(segment, 4)!.lang).toBeUndefined();
    expect(forwardOf(segment, 5)).toBeUndefined();
    // Each language once per segment, articles pointing at it.
    expect([...segment.forward!.languages].sort()).toEqual([...new Set(['es', undated.lang].filter((l) => l !== undefined))].sort());
  });

  it('pack terms as places in the segment\'s hashes, in the smallest array that holds them', () => {
    const small = buildSegment(1, 0, [plain(1, ['a', 'b'])]);
    expect(small.forward!.terms).toBeInstanceOf(Uint8Array);
    // 300 distinct terms in a segment, one article with 300 terms (legacy rows had no limit).
    const many = Array.from({ length: 300 }, (_, i) => `t${i}`);
    const big = buildSegment(1, 0, [plain(7, many), { docno: 8, terms: ['t3', '12'], titleTermCount: 1, anchors: ['12'] }]);
    expect(big.forward!.terms).toBeInstanceOf(Uint16Array);
    expect(big.forward!.termCounts).toBeInstanceOf(Uint16Array);
    expect(forwardOf(big, 7)).toEqual(toMatchDoc(plain(7, many)));
    expect(forwardOf(big, 8)).toEqual(toMatchDoc({ terms: ['t3', '12'], titleTermCount: 1, anchors: ['12'] }));
    // Terms are two bytes each here, anchors one bit each.
    expect(big.forward!.terms.byteLength).toBe(2 * 302);
    expect(big.forward!.anchors.byteLength).toBe(Math.ceil(302 / 8));
  });

  it('keep each article\'s show fields: URL-key and headline hashes, outlet', () => {
    const article = (id: string, url: string, domain: string, title: string): ShowSource => showSourceOf({ id, url, domain, title });
    const a = article('a1', 'https://www.one.example/story?utm_source=x', 'one.example', 'Mayor  Resigns');
    const b = article('b1', 'not a url', 'two.example', 'Other');
    const segment = buildSegment(1, 0, [
      { ...plain(3, ['mayor', 'resign']), show: a },
      { ...plain(8, ['other']), show: b },
    ]);
    expect(forwardShow(segment, forwardIndex(segment, 3))).toEqual(a);
    expect(forwardShow(segment, forwardIndex(segment, 8))).toEqual(b);
    expect(segment.forward!.outlets).toEqual(['one.example', 'two.example']);
    // A URL without a key: the id stands for it; a headline compared without case and runs of spaces.
    expect(b.urlHash).toEqual(hash64('b1'));
    expect(a.titleHash).toEqual(hash64('mayor resigns'));
    // One article without them: the segment has none.
    const without = buildSegment(1, 1, [{ ...plain(3, ['mayor']), show: a }, plain(4, ['x'])]);
    expect(hasShowFields(without.forward!)).toBe(false);
    expect(forwardShow(without, 0)).toBeUndefined();
    // Compacted with every article of such a segment removed, the kept ones have them again (and
    // so does an empty result, as buildSegment of nothing). Found by the property above, about once in 25,000 draws.
    const later = buildSegment(1, 2, [{ ...plain(5, ['mayor']), show: a }, plain(6, ['x'])]);
    const kept = compact(1, 3, [segment, later], new Set([5, 6]));
    expect(forwardShow(kept, forwardIndex(kept, 8))).toEqual(b);
    expect(hasShowFields(compact(1, 4, [later], new Set([5, 6])).forward!)).toBe(true);
    // An article of `later` kept: its show fields were never stored, so the merged segment has none.
    expect(hasShowFields(compact(1, 5, [segment, later], new Set([6])).forward!)).toBe(false);
  });

  it('compact a bucket of version 6 segments and new ones: forward data where there was some', () => {
    const old = withoutForward(buildSegment(2, 0, [plain(1, ['a', 'b']), plain(2, ['b'])]));
    const fresh = buildSegment(2, 1, [plain(3, ['b', 'c']), plain(4, ['c'])]);
    expect(forwardIndex(old, 1)).toBe(-1);
    const merged = compact(2, 2, [old, fresh], new Set([4]));
    expect([...postingsOf(merged, termHash('b'))]).toEqual([1, 2, 3]);
    expect(forwardOf(merged, 1)).toBeUndefined();
    expect(forwardOf(merged, 3)).toEqual(toMatchDoc(plain(3, ['b', 'c'])));
    expect(forwardOf(merged, 4)).toBeUndefined();
    // Only old segments: still none (the upgrade's data step writes it).
    expect(compact(2, 3, [old], new Set()).forward).toBeUndefined();
  });
});

describe('buckets', () => {
  it('give the matcher the same fields straight from an entry as through its decoded copy', () => {
    const docs = fc.array(
      fc.record({ terms: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', '7', '12', 'zeta', '@monday', '@friday'), { maxLength: 12 }), titleTermCount: fc.integer({ min: 0, max: 6 }), dated: fc.boolean(), lang: fc.constantFrom(undefined, 'en', 'fr') }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(docs, (list) => {
        const indexed: IndexedDoc[] = list.map((d, i) => ({
          docno: 1 + 3 * i,
          terms: d.terms,
          titleTermCount: Math.min(d.titleTermCount, d.terms.length),
          // Anchors in another order than the terms: both must give them in term order.
          anchors: [...new Set(d.terms.filter((t) => t !== 'a' && t !== 'e'))].reverse(),
          ...(d.dated ? { publishedAt: 1_700_000_000_000 + i } : {}),
          ...(d.lang === undefined ? {} : { lang: d.lang }),
        }));
        const segment = buildSegment(3, 0, indexed);
        for (let i = 0; i < (segment.forward?.docnos.length ?? 0); i++) {
          const direct = forwardFields(segment, i);
          const decoded = fromForward(forwardDoc(segment, i));
          expect(direct).toEqual(decoded);
          expect([...direct.anchors]).toEqual([...decoded.anchors]);
          expect([...direct.numbers]).toEqual([...decoded.numbers]);
        }
      }),
    );
  });

  it('files undated articles apart, and reads a fortnight around a date plus the undated bucket', () => {
    const t = Date.parse('2024-10-15T12:00:00Z');
    expect(bucketOf(undefined)).toBe(UNDATED_BUCKET);
    expect(bucketOf(t)).toBeGreaterThan(UNDATED_BUCKET);
    const window = bucketsFor(t, []);
    expect(window).toContain(UNDATED_BUCKET);
    expect(window).toContain(bucketOf(t - 6 * 86_400_000));
    expect(window).toContain(bucketOf(t + 6 * 86_400_000));
    expect(window).not.toContain(bucketOf(t + 3 * WEEK_MS));
    // An undated query: the undated bucket and the dated weeks it was given, newest first.
    expect(bucketsFor(undefined, [100_950, 100_952, 100_951])).toEqual([0, 100_952, 100_951, 100_950]);
  });

  it('an undated query reads the newest weeks back to the week of the store\'s UNDATED_REACH-th newest article, at least three', () => {
    const store = [5, 100_900, 100_950, 100_951, 100_952, 0];
    // A busy store (the reach in the newest week): the three newest weeks, as before.
    expect(newestWeeks(store, 100_952)).toEqual([100_952, 100_951, 100_950]);
    expect(NEWEST_WEEKS).toBe(3);
    // Back to the reach's week, whatever lies between.
    expect(newestWeeks(store, 100_900)).toEqual([100_952, 100_951, 100_950, 100_900]);
    // A store holding fewer articles than the reach: every dated week (never the undated bucket).
    expect(newestWeeks(store, undefined)).toEqual([100_952, 100_951, 100_950, 100_900, 5]);
    expect(newestWeeks([0], undefined)).toEqual([]);
  });

  it('an undated query reads UNDATED_WEEKS_MAX dated weeks at most, the newest', () => {
    const store = [0, ...Array.from({ length: UNDATED_WEEKS_MAX + 50 }, (_, i) => 100_000 + 3 * i)];
    const newest = Array.from({ length: UNDATED_WEEKS_MAX }, (_, i) => 100_000 + 3 * (UNDATED_WEEKS_MAX + 49 - i));
    expect(newestWeeks(store, undefined)).toEqual(newest);
    expect(newestWeeks(store, 100_000)).toEqual(newest);
    // A reach within the bound is as before.
    expect(newestWeeks(store, newest[9])).toEqual(newest.slice(0, 10));
    expect(UNDATED_WEEKS_MAX).toBeGreaterThan(NEWEST_WEEKS);
  });
});
