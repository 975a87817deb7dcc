import { describe, expect, it } from 'vitest';
import { articleIdFor, hash53, hash64 } from '../../../src/record/id';

// Stored ids are these hashes: a change to the mixing would orphan every stored article's id.
describe('article ids', () => {
  it('keeps the cyrb53 values ids were given with', () => {
    expect(hash53('')).toBe(3338908027751811); // cyrb53's published value for the empty string
    expect(hash53('example.com/news/mayor-resigns')).toBe(1211738299438165);
    expect(articleIdFor('example.com/news/mayor-resigns')).toBe('a0bxiww1bvbp');
  });

  it('takes the 53-bit hash from the 64-bit one the show keys use', () => {
    for (const text of ['', 'mayor resigns', 'Bürgermeister tritt zurück', '市长辞职', 'x'.repeat(1000)]) {
      const [low, high] = hash64(text);
      expect(hash53(text)).toBe(4294967296 * (high & 0x1fffff) + low);
      expect(low).toBeGreaterThanOrEqual(0);
      expect(high).toBeLessThan(2 ** 32);
    }
  });
});
