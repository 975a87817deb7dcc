import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate as parseFeedDate } from '../../../src/shared/dates';

const iso = (text: string): string | undefined => {
  const time = parseFeedDate(text);
  return time === undefined ? undefined : new Date(time).toISOString();
};

describe('parseFeedDate', () => {
  it('reads RFC 822 / 2822 dates with numeric and named zones', () => {
    expect(iso('Wed, 02 Oct 2002 13:00:00 GMT')).toBe('2002-10-02T13:00:00.000Z');
    expect(iso('Tue, 02 Mar 2021 23:39:15 +0100')).toBe('2021-03-02T22:39:15.000Z');
    expect(iso('Fri, 31 May 2019 12:17:58 -0700')).toBe('2019-05-31T19:17:58.000Z');
    expect(iso('Mon, 15 Jan 2024 08:00:00 EST')).toBe('2024-01-15T13:00:00.000Z');
    expect(iso('Mon, 15 Jul 2024 08:00:00 PDT')).toBe('2024-07-15T15:00:00.000Z');
    expect(iso('Mon, 15 Jul 2024 08:00:00 CEST')).toBe('2024-07-15T06:00:00.000Z');
    expect(iso('Mon, 15 Jul 2024 08:00:00 UT')).toBe('2024-07-15T08:00:00.000Z');
    expect(iso('Tue, 10 Nov 2020 10:00:00 Z')).toBe('2020-11-10T10:00:00.000Z');
    expect(iso('Sat, 21 Mar 2020 06:29:51 -0400')).toBe('2020-03-21T10:29:51.000Z');
  });

  it('copes with what RSS feeds really write', () => {
    // two-digit year, HHMM without a colon (rss-parser's heraldsun fixture)
    expect(iso('03 Apr 02 1500 GMT')).toBe('2002-04-03T15:00:00.000Z');
    // no day name, no seconds, full month and day names
    expect(iso('5 March 2021 09:30 +0000')).toBe('2021-03-05T09:30:00.000Z');
    expect(iso('Thursday, 04 February 2021 10:00:00 GMT')).toBe('2021-02-04T10:00:00.000Z');
    // no zone: UTC, the same on every machine
    expect(iso('Wed, 02 Oct 2002 13:00:00')).toBe('2002-10-02T13:00:00.000Z');
    // Portuguese and French day and month names
    expect(iso('Seg, 24 Set 2018 19:42:40 -0300')).toBe('2018-09-24T22:42:40.000Z');
    expect(iso('mer, 15 nov 2023 10:00:00 +0100')).toBe('2023-11-15T09:00:00.000Z');
    expect(iso('Di, 12 Mär 2024 08:00:00 +0100')).toBe('2024-03-12T07:00:00.000Z');
    // zone with a comment, and "GMT+2"
    expect(iso('Tue, 1 Jun 2021 10:00:00 +0000 (UTC)')).toBe('2021-06-01T10:00:00.000Z');
    expect(iso('Tue, 1 Jun 2021 10:00:00 GMT+2')).toBe('2021-06-01T08:00:00.000Z');
    // month first
    expect(iso('June 1, 2021 10:00 PM EDT')).toBe('2021-06-02T02:00:00.000Z');
    expect(iso('2021/06/01 10:00:00')).toBe('2021-06-01T10:00:00.000Z');
  });

  it('reads ISO 8601 / RFC 3339 dates', () => {
    expect(iso('2022-04-21T00:00:00+00:00')).toBe('2022-04-21T00:00:00.000Z');
    expect(iso('2016-02-01T17:22:00+01:00')).toBe('2016-02-01T16:22:00.000Z');
    expect(iso('2017-06-27T00:54:17Z')).toBe('2017-06-27T00:54:17.000Z');
    expect(iso('2017-06-27T00:54:17.123456-04:00')).toBe('2017-06-27T04:54:17.123Z');
    expect(iso('2023-12-16')).toBe('2023-12-16T00:00:00.000Z');
    expect(iso('2023-12-16 08:05')).toBe('2023-12-16T08:05:00.000Z');
    expect(iso('20231216T080500Z')).toBe('2023-12-16T08:05:00.000Z');
  });

  it('says "no date" for what is not one, rather than guessing', () => {
    for (const text of ['', 'yesterday', 'Wed, 31 Feb 2021 10:00:00 GMT', '2021-13-01', 'Mon, 15 Foo 2024 08:00:00 GMT', '2021-06-01T10:00:00 +9999', '3000-01-01T00:00:00Z', '1800-01-01T00:00:00Z']) {
      expect(parseFeedDate(text), text).toBeUndefined();
    }
    expect(parseFeedDate(undefined)).toBeUndefined();
    expect(parseFeedDate(12345)).toBeUndefined();
  });
});

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** Seconds-precision instants from 1900 to now (later than a year ahead is rejected as a typo). */
const instant = fc.integer({ min: -2_208_988_800 + 86_400, max: Math.floor(Date.now() / 1000) }).map((s) => s * 1000);
/** Zone offsets in minutes as real zones have them (quarter hours from −12:00 to +14:00). */
const offset = fc.integer({ min: -48, max: 56 }).map((q) => q * 15);

/** Wall-clock fields of an instant seen from a zone offset. */
function wall(time: number, offsetMinutes: number): Date {
  return new Date(time + offsetMinutes * 60_000);
}

describe('parseFeedDate (properties)', () => {
  it('reads back any instant written as RFC 822 with a numeric zone', () => {
    fc.assert(
      fc.property(instant, offset, (time, minutes) => {
        const d = wall(time, minutes);
        const zone = (minutes < 0 ? '-' : '+') + pad(Math.trunc(Math.abs(minutes) / 60)) + pad(Math.abs(minutes) % 60);
        const text = `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zone}`;
        expect(parseFeedDate(text), text).toBe(time);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back any instant written as ISO 8601 with an offset or Z, with or without fractions', () => {
    fc.assert(
      fc.property(instant, offset, fc.integer({ min: 0, max: 999 }), fc.boolean(), (time, minutes, ms, withMs) => {
        const at = time + (withMs ? ms : 0);
        const d = wall(at, minutes);
        const zone = minutes === 0 ? 'Z' : (minutes < 0 ? '-' : '+') + pad(Math.trunc(Math.abs(minutes) / 60)) + ':' + pad(Math.abs(minutes) % 60);
        const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${withMs ? '.' + pad(ms, 3) : ''}${zone}`;
        expect(parseFeedDate(text), text).toBe(at);
      }),
      { numRuns: 500 },
    );
  });

  it('reads named US and European zones as their offsets', () => {
    const zones: [string, number][] = [['GMT', 0], ['UT', 0], ['EST', -300], ['EDT', -240], ['CST', -360], ['CDT', -300], ['MST', -420], ['MDT', -360], ['PST', -480], ['PDT', -420], ['CET', 60], ['CEST', 120], ['BST', 60]];
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (time, [name, minutes]) => {
        const d = wall(time, minutes);
        const text = `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${name}`;
        expect(parseFeedDate(text), text).toBe(time);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, and returns a whole instant or nothing, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const time = parseFeedDate(text);
        expect(time === undefined || Number.isInteger(time)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
