import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermTable } from '../../../src/related/term-table';

describe('TermTable', () => {
  it('keeps what a Map keyed by the same 32-bit hashes keeps', () => {
    fc.assert(
      fc.property(
        // Hashes across the whole unsigned range (0, 2^32 - 1 and those above 2^31 included), repeated.
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(0, 1, 2 ** 31, 2 ** 32 - 1), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 40 })), fc.double({ noNaN: true })), { maxLength: 600 }),
        fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 50 }),
        (entries, probes) => {
          const table = new TermTable(4);
          const map = new Map<number, number>();
          for (const [term, value] of entries) {
            table.set(term, value);
            map.set(term, value);
          }
          expect(table.size).toBe(map.size);
          for (const [term, value] of map) expect(table.get(term)).toBe(value);
          for (const term of probes) expect(table.get(term)).toBe(map.get(term));
        },
      ),
      { numRuns: 200 },
    );
  });
});
