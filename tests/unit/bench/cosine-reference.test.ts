/**
 * The README's plain TF-IDF cosine reference (bench/cosine-reference.ts), on tiny inputs whose
 * cosines are worked out by hand; its figures come from the eval's own metric code.
 */
import { describe, expect, it } from 'vitest';
import { clusterMetrics } from '../../../bench/eval';
import { clusterFigures, cosineTerms, nearestByCosine, outcomesAt, pairFigures, recallAtPrecision, tfidfVectors } from '../../../bench/cosine-reference';
import type { EvalArticle } from '../../../bench/matcher-corpus';

describe('the cosine reference', () => {
  it('reads words as a default vectoriser does: two or more word characters, lower-cased', () => {
    expect(cosineTerms("Obama's U.S. visit, 2014: Zürich a 7")).toEqual(['obama', 'visit', '2014', 'zürich']);
  });

  it('weighs terms by smoothed or plain IDF over the given texts and normalises each vector', () => {
    // "aa" in two of three texts, "bb" and "cc" in one each: cos(1, 2) = idf(aa)² / (idf(aa)² + idf(bb)²).
    const texts = ['aa bb', 'aa cc', 'dd'];
    const smoothAa = Math.log(4 / 3) + 1, smoothBb = Math.log(4 / 2) + 1;
    const plainAa = Math.log(3 / 2), plainBb = Math.log(3);
    const smooth = nearestByCosine(tfidfVectors(texts, 'smooth'));
    expect(smooth[0]![0]!.docno).toBe(1);
    expect(smooth[0]![0]!.cosine).toBeCloseTo(smoothAa ** 2 / (smoothAa ** 2 + smoothBb ** 2), 10);
    expect(nearestByCosine(tfidfVectors(texts, 'plain'))[0]![0]!.cosine).toBeCloseTo(plainAa ** 2 / (plainAa ** 2 + plainBb ** 2), 10);
    // Nothing shared, no neighbour; an article is never its own.
    expect(smooth[2]).toEqual([]);
    const same = nearestByCosine(tfidfVectors(['xx yy', 'xx yy', 'zz']));
    expect(same[0]).toHaveLength(1);
    expect(same[0]![0]!.cosine).toBeCloseTo(1, 10);
  });

  it('ranks the nearest first, ties in file order, at most as many as asked', () => {
    const texts = ['aa', 'aa bb', 'aa cc', 'aa', 'aa dd'];
    const near = nearestByCosine(tfidfVectors(texts), 3)[0]!;
    expect(near.map((n) => n.docno)).toEqual([3, 1, 2]);
    expect(near[1]!.cosine).toBeCloseTo(near[2]!.cosine, 12);
    expect(nearestByCosine(tfidfVectors(texts), 20)[0]!.map((n) => n.docno)).toEqual([3, 1, 2, 4]);
  });

  it("shows the ranked ones at or above the threshold, measured by the eval's metrics", () => {
    const articles: EvalArticle[] = [
      { id: 'a', title: 'Volcano erupts in Iceland', excerpt: null, cluster: 's' },
      { id: 'b', title: 'Iceland volcano erupts again', excerpt: null, cluster: 's' },
      { id: 'c', title: 'Volcano ash over Iceland flights', excerpt: 'Flights cancelled.', cluster: 's' },
      { id: 'd', title: 'Election results from Peru', excerpt: null, cluster: null },
    ];
    const near = nearestByCosine(tfidfVectors(articles.map((a) => `${a.title} ${a.excerpt ?? ''}`)));
    const low = outcomesAt(articles, near, 0.01);
    expect(low.get('a')!.shown.sort()).toEqual(['b', 'c']);
    expect(low.get('d')!.shown).toEqual([]);
    const high = outcomesAt(articles, near, 0.99);
    expect([...high.values()].every((o) => o.shown.length === 0)).toBe(true);
    // The figures are the eval's: everything shown is a mate at a low bar, nothing at a bar of 1.
    const [lowFigures, highFigures] = clusterFigures(articles, [0.01, 0.99]);
    expect(lowFigures!.metrics).toEqual(clusterMetrics(articles, low));
    expect(lowFigures!.metrics).toMatchObject({ shown_precision: 1, shown_recall: 1, singleton_false_positive_rate: 0 });
    expect(highFigures!.metrics).toMatchObject({ shown_precision: 0, shown_recall: 0 });
  });

  it('measures pair files as the eval does: b shown for a', () => {
    const a = { id: 'a', title: 'Volcano erupts in Iceland' }, b = { id: 'b', title: 'Iceland volcano erupts again' }, c = { id: 'c', title: 'Election results from Peru' };
    const [figures] = pairFigures([{ a, b, label: 'same' }, { a, b: c, label: 'different' }, { a: c, b, label: 'same' }], [0.1]);
    expect(figures!.metrics).toMatchObject({ precision: 1, recall: 0.5, pairs: 3 });
  });

  it("finds the cosine's best recall at a precision at least the engine's, on a curve that is not monotone", () => {
    const curve = [
      { threshold: 0.2, precision: 0.8, recall: 0.6 },
      { threshold: 0.3, precision: 0.92, recall: 0.3 },
      { threshold: 0.4, precision: 0.9, recall: 0.35 },
      { threshold: 0.5, precision: 0.95, recall: 0.1 },
    ];
    expect(recallAtPrecision(curve, 0.9)).toEqual(curve[2]);
    expect(recallAtPrecision(curve, 0.91)).toEqual(curve[1]);
    expect(recallAtPrecision(curve, 0.96)).toBeNull();
  });
});
