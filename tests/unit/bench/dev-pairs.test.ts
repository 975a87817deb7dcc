/**
 * Pair files made from a cluster file (bench/dev-pairs.ts): labels right, every article in one
 * pair, the same pairs every run, look-alike negatives from the nearest others.
 */
import { describe, expect, it } from 'vitest';
import { devPairs } from '../../../bench/dev-pairs';
import { nearestByCosine, textOf, tfidfVectors } from '../../../bench/cosine-reference';
import type { EvalArticle } from '../../../bench/matcher-corpus';

// 12 stories of 4 articles; a story's headlines share its own place name, every headline a topic word.
const places = ['Lima', 'Oslo', 'Quito', 'Hanoi', 'Accra', 'Perth', 'Cusco', 'Davos', 'Genoa', 'Izmir', 'Kyoto', 'Malmo'];
const articles: EvalArticle[] = places.flatMap((place, s) =>
  Array.from({ length: 4 }, (_, i) => ({ id: `s${s}-${i}`, title: `${place} flood ${['rescue', 'warning', 'damage', 'relief'][i]} update`, cluster: `s${s}` })),
);

describe('dev pairs', () => {
  for (const negatives of ['random', 'near'] as const) {
    it(`makes same and different pairs with ${negatives} negatives, each article once, deterministically`, () => {
      const pairs = devPairs(articles, { perStory: 3, max: 100, negatives, seed: 7 });
      expect(devPairs(articles, { perStory: 3, max: 100, negatives, seed: 7 })).toEqual(pairs);
      const same = pairs.filter((p) => p.label === 'same');
      expect(same.length).toBeGreaterThan(0);
      expect(pairs.length).toBe(2 * same.length);
      for (const p of pairs) expect(p.label === 'same').toBe(p.a.cluster === p.b.cluster);
      const ids = [...new Set(pairs.flatMap((p) => [p.a.id, p.b.id]))];
      // Each same pair and its different pair share their first article; nothing else repeats.
      expect(ids.length).toBe(3 * same.length);
    });
  }

  it('takes near negatives from the first article’s ten nearest others by the reference cosine', () => {
    const near = nearestByCosine(tfidfVectors(articles.map(textOf)), 10);
    const at = new Map(articles.map((a, i) => [a.id, i]));
    for (const p of devPairs(articles, { perStory: 1, max: 100, negatives: 'near', seed: 3 }).filter((x) => x.label === 'different')) {
      expect(near[at.get(p.a.id)!]!.map((n) => articles[n.docno]!.id)).toContain(p.b.id);
    }
  });

  it('stops at the asked number of same pairs', () => {
    expect(devPairs(articles, { perStory: 3, max: 5, negatives: 'random', seed: 1 }).filter((p) => p.label === 'same')).toHaveLength(5);
  });
});
