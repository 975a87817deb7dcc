import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, samePolicy, selectForPruning, type RetentionPolicy } from '../../../src/retention/select';
import type { ArticleAge } from '../../../src/store';

const now = Date.UTC(2024, 5, 1);
const age = (id: string, daysOld: number, read = false): ArticleAge => ({ id, time: now - daysOld * DAY_MS, read });
const days = (n: number): RetentionPolicy => ({ mode: 'days', days: n, count: 100 });
const newest = (n: number): RetentionPolicy => ({ mode: 'count', days: 1, count: n });

describe('selectForPruning', () => {
  const ages = [age('a', 0.5), age('b', 2), age('c', 40), age('d', 31, true), age('e', 29.9), age('f', 400)];

  it('keeps everything when retention is off', () => {
    expect(selectForPruning(ages, { mode: 'off', days: 1, count: 100 }, now)).toEqual({ ids: [], keptRead: 0 });
  });

  it('days: removes what is older than N days, oldest first, and keeps what the user read', () => {
    expect(selectForPruning(ages, days(30), now)).toEqual({ ids: ['f', 'c'], keptRead: 1 });
    expect(selectForPruning(ages, days(1), now)).toEqual({ ids: ['f', 'c', 'e', 'b'], keptRead: 1 });
    expect(selectForPruning(ages, days(1000), now)).toEqual({ ids: [], keptRead: 0 });
  });

  it('count: keeps the newest N (read ones count among them), removes the rest unless read', () => {
    expect(selectForPruning(ages, newest(6), now)).toEqual({ ids: [], keptRead: 0 });
    expect(selectForPruning(ages, newest(3), now)).toEqual({ ids: ['f', 'c'], keptRead: 1 });
    expect(selectForPruning(ages, newest(1), now)).toEqual({ ids: ['f', 'c', 'e', 'b'], keptRead: 1 });
  });

  it('count: ties in time are broken by id, so the answer does not depend on input order', () => {
    const tied = [age('x2', 3), age('x1', 3), age('x3', 3)];
    expect(selectForPruning(tied, newest(1), now).ids.sort()).toEqual(['x2', 'x3']);
    expect(selectForPruning([...tied].reverse(), newest(1), now).ids.sort()).toEqual(['x2', 'x3']);
  });

  it('removes exactly the unread articles beyond the policy, and counts the read ones it kept (property)', () => {
    const arbitraryAges = fc.uniqueArray(
      fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), daysOld: fc.double({ min: -2, max: 500, noNaN: true }), read: fc.boolean() }),
      { selector: (a) => a.id, maxLength: 60 },
    );
    fc.assert(
      fc.property(arbitraryAges, fc.integer({ min: 1, max: 80 }), fc.boolean(), (raw, n, byDays) => {
        const list = raw.map((a) => age(a.id, a.daysOld, a.read));
        const { ids, keptRead } = selectForPruning(list, byDays ? days(n) : newest(n), now);
        // "Beyond the policy": older than N days, or not among the N newest (ties by id).
        const newestFirst = [...list].sort((a, b) => b.time - a.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const beyond = byDays ? list.filter((a) => a.time < now - n * DAY_MS) : newestFirst.slice(n);
        expect(new Set(ids)).toEqual(new Set(beyond.filter((a) => !a.read).map((a) => a.id)));
        expect(ids).toHaveLength(new Set(ids).size);
        expect(keptRead).toBe(beyond.filter((a) => a.read).length);
        // Oldest first.
        const times = ids.map((id) => list.find((a) => a.id === id)!.time);
        expect(times).toEqual([...times].sort((x, y) => x - y));
      }),
    );
  });

  it('compares policies by what they keep', () => {
    expect(samePolicy(days(30), { mode: 'days', days: 30, count: 5 })).toBe(true);
    expect(samePolicy(days(30), days(31))).toBe(false);
    expect(samePolicy({ mode: 'off', days: 1, count: 1 }, { mode: 'off', days: 9, count: 9 })).toBe(true);
    expect(samePolicy(newest(100), days(100))).toBe(false);
  });
});
