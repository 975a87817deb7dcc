import { describe, expect, it } from 'vitest';
import { toIsoUtc } from '../../../src/detect/dates';

// "now" for the future-date bound: 1 June 2026.
const NOW = Date.UTC(2026, 5, 1);

describe('toIsoUtc: dates as pages write them, in ISO 8601 UTC', () => {
  it.each([
    // ISO 8601 and its common variants (JSON-LD, article:published_time, <time datetime>)
    ['2024-05-14T18:30:00+02:00', '2024-05-14T16:30:00.000Z'],
    ['2024-05-14T18:30:00.000+0200', '2024-05-14T16:30:00.000Z'],
    ['2024-05-14T18:30:00Z', '2024-05-14T18:30:00.000Z'],
    ['2024-05-14T18:30:00-04:00', '2024-05-14T22:30:00.000Z'],
    ['2024-05-14T18:30+05', '2024-05-14T13:30:00.000Z'],
    ['2024-05-14 18:30:00', '2024-05-14T18:30:00.000Z'],
    ['2024-05-14', '2024-05-14T00:00:00.000Z'],
    ['20240514T183000Z', '2024-05-14T18:30:00.000Z'],
    ['2024/05/14 18:30', '2024-05-14T18:30:00.000Z'],
    // RFC 2822 (RSS, Last-Modified style meta)
    ['Tue, 14 May 2024 16:30:00 GMT', '2024-05-14T16:30:00.000Z'],
    ['Tue, 14 May 2024 12:30:00 -0400', '2024-05-14T16:30:00.000Z'],
    // Month names, US and British order, 12-hour clocks, zone names
    ['May 14, 2024 6:30 PM EDT', '2024-05-14T22:30:00.000Z'],
    ['Updated: May 14, 2024 6:30 p.m. ET', '2024-05-14T23:30:00.000Z'],
    ['Tuesday 14 May 2024 18.30 BST', '2024-05-14T17:30:00.000Z'],
    ['Sept. 3, 2019', '2019-09-03T00:00:00.000Z'],
    ['14. Mai 2024, 18:30 Uhr', '2024-05-14T18:30:00.000Z'],
    ['le 14 mai 2024 à 18h30', '2024-05-14T18:30:00.000Z'],
    ['14 de mayo de 2024', '2024-05-14T00:00:00.000Z'],
    // Numeric dates: dots and dashes are day-first, slashes month-first unless a number says otherwise
    ['14.05.2024 18:30', '2024-05-14T18:30:00.000Z'],
    ['05/14/2024', '2024-05-14T00:00:00.000Z'],
    ['14/05/2024', '2024-05-14T00:00:00.000Z'],
    // Unix time in seconds and milliseconds
    ['1715704200', '2024-05-14T16:30:00.000Z'],
    ['1715704200000', '2024-05-14T16:30:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(toIsoUtc(text, NOW)).toBe(iso);
  });

  it('rejects what is not a plausible publication date', () => {
    for (const bad of ['', 'garbage', 'yesterday', '2024-02-30', '2024-13-01', '0000-00-00', '1970-01-01', '2031-01-01', '24:61', 'May 2024', null, undefined, {}]) {
      expect(toIsoUtc(bad as string, NOW)).toBeUndefined();
    }
  });

  it('does not depend on the machine time zone (zone-less times are UTC)', () => {
    expect(toIsoUtc('May 14, 2024 10:00', NOW)).toBe('2024-05-14T10:00:00.000Z');
  });
});
