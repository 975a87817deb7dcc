import { describe, expect, it } from 'vitest';
import { CORROBORATING, corroborate, NEAR_COPY } from '../../../src/related/corroborate';

/** Candidates by name; cosines from a table of near pairs (others 0). */
function world(near: [string, string][]) {
  const pairs = new Set(near.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
  return (a: string, b: string): number => (pairs.has(`${a}|${b}`) ? NEAR_COPY : NEAR_COPY / 2);
}

describe('coverage shown vouches for its near copies', () => {
  it('shows a candidate that two shown ones are near copies of, not one that only one is', () => {
    expect(CORROBORATING).toBe(2);
    const cosine = world([
      ['c', 's1'],
      ['c', 's2'],
      ['d', 's1'],
    ]);
    expect(corroborate(['s1', 's2', 'c', 'd'], new Set(['s1', 's2']), () => true, cosine, () => true)).toEqual(['c']);
  });

  it('needs two shown: one shown item may be a topic neighbour, and its copies would follow it', () => {
    const cosine = world([
      ['c', 's1'],
      ['c', 'x'],
    ]);
    expect(corroborate(['s1', 'x', 'c'], new Set(['s1']), () => true, cosine, () => true)).toEqual([]);
  });

  it('lets what it shows vouch in turn, and finds the same set in any order of the pool', () => {
    // c is vouched for by s1 and s2; d only by s1 and c; e by d and c.
    const cosine = world([
      ['c', 's1'],
      ['c', 's2'],
      ['d', 's1'],
      ['d', 'c'],
      ['e', 'd'],
      ['e', 'c'],
      ['f', 'e'],
    ]);
    const pool = ['e', 'f', 'd', 's1', 'c', 's2'];
    const orders = [pool, [...pool].reverse(), ['f', 's2', 'e', 'c', 'd', 's1']];
    for (const order of orders) expect(new Set(corroborate(order, new Set(['s1', 's2']), () => true, cosine, () => true))).toEqual(new Set(['c', 'd', 'e']));
  });

  it('shows nothing the caller refuses, and what it refuses vouches for nothing; asks each once', () => {
    const cosine = world([
      ['c', 's1'],
      ['c', 's2'],
      ['d', 's1'],
      ['d', 'c'],
      ['n', 's1'],
      ['n', 's2'],
    ]);
    const asked: string[] = [];
    const shown = corroborate(['s1', 's2', 'c', 'd', 'n'], new Set(['s1', 's2']), (m) => m !== 'n', cosine, (m) => {
      asked.push(m);
      return m !== 'c';
    });
    expect(shown).toEqual([]);
    expect(asked).toEqual(['c']);
  });
});
