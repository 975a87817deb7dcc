/**
 * The project's one date parser (pages, feeds, records), with dates as real pages and feeds write
 * them. Feed formats are covered in tests/unit/feeds/dates.test.ts and page formats in
 * tests/unit/detect/dates.test.ts; this file covers the languages and the shared rules.
 */
import { describe, expect, it } from 'vitest';
import { EARLIEST_DATE, FUTURE_SLACK_MS, inDateRange, monthNumber, parseDate } from '../../../src/shared/dates';

const NOW = Date.UTC(2026, 11, 2);
const iso = (text: string, dayFirst = false): string | undefined => {
  const time = parseDate(text, { now: NOW, dayFirst });
  return time === undefined ? undefined : new Date(time).toISOString();
};

describe('parseDate: month names in many languages (snippets from real pages)', () => {
  it.each([
    ['Dienstag, 28. April 2020', '2020-04-28T00:00:00.000Z'], // German blog (Blogger date header)
    ['Erstellt am Dienstag 6. Mai 2014 um 23:30', '2014-05-06T23:30:00.000Z'],
    ['07 Dezember, 2022', '2022-12-07T00:00:00.000Z'],
    ['Mittwoch, 01. November 2023', '2023-11-01T00:00:00.000Z'],
    ['Publié le 29 juin 2019', '2019-06-29T00:00:00.000Z'], // French
    ['le 07 Mai 2020', '2020-05-07T00:00:00.000Z'],
    ['jueves 2 de abril de 2020', '2020-04-02T00:00:00.000Z'], // Spanish
    ['20 septembrie 2020 16:20', '2020-09-20T16:20:00.000Z'], // Romanian
    ['9 oktober 2020 11:12', '2020-10-09T11:12:00.000Z'], // Dutch
    ['3 mars 2021', '2021-03-03T00:00:00.000Z'], // French / Swedish
    ['12 sierpnia 2021', '2021-08-12T00:00:00.000Z'], // Polish genitive
    ['5. května 2022', '2022-05-05T00:00:00.000Z'], // Czech
    ['2022. március 15.', '2022-03-15T00:00:00.000Z'], // Hungarian, year first
    ['14 Ekim 2021', '2021-10-14T00:00:00.000Z'], // Turkish
    ['17 Agustus 2021', '2021-08-17T00:00:00.000Z'], // Indonesian
    ['5 марта 2021', '2021-03-05T00:00:00.000Z'], // Russian
    ['25 de dezembro de 2019', '2019-12-25T00:00:00.000Z'], // Portuguese
    ['gio 12 mar 2024', '2024-03-12T00:00:00.000Z'], // Italian weekday "gio" is not June
    ['mar 12 nov 2024', '2024-11-12T00:00:00.000Z'], // Spanish weekday "mar" is not March
  ])('%s → %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('reads American dates with a 12-hour clock and a zone name', () => {
    expect(iso('PUBLISHED: November 8, 2023 at 11:30 p.m.')).toBe('2023-11-08T23:30:00.000Z');
    expect(iso('February 24, 2020 | 9:25pm')).toBe('2020-02-24T21:25:00.000Z');
    expect(iso('Thursday, November 9th 2023')).toBe('2023-11-09T00:00:00.000Z');
  });

  it('reads Chinese, Japanese and Korean dates', () => {
    expect(iso('2020年7月13日 01:10')).toBe('2020-07-13T01:10:00.000Z');
    expect(iso('2020년 7월 13일')).toBe('2020-07-13T00:00:00.000Z');
    expect(iso('2020/07/13 01:10')).toBe('2020-07-13T01:10:00.000Z');
  });

  it('knows month names and their abbreviations, not other words', () => {
    expect(monthNumber('Sept.')).toBe(9);
    expect(monthNumber('Dez')).toBe(12);
    expect(monthNumber('févr.')).toBe(2);
    expect(monthNumber('März')).toBe(3);
    expect(monthNumber('ma')).toBeUndefined();
    expect(monthNumber('gio')).toBeUndefined();
    expect(monthNumber('updated')).toBeUndefined();
  });
});

describe('parseDate: numbers', () => {
  it('reads slashed dates month first, or day first where the page is not American', () => {
    // eluniversal.com (Spanish) writes article:published_time as "10/05/2022 05:22 pm": 10 May.
    expect(iso('10/05/2022 05:22 pm', true)).toBe('2022-05-10T17:22:00.000Z');
    expect(iso('10/05/2022 05:22 pm')).toBe('2022-10-05T17:22:00.000Z');
    // A number above 12 decides whatever the page's language.
    expect(iso('08/28/2017', true)).toBe('2017-08-28T00:00:00.000Z');
    // Dots and dashes are always day first.
    expect(iso('03.02.2022 15:34')).toBe('2022-02-03T15:34:00.000Z');
    expect(iso('23.09.20')).toBe('2020-09-23T00:00:00.000Z');
    expect(iso('02.02.2022 10:16 Uhr')).toBe('2022-02-02T10:16:00.000Z');
  });

  it('reads Unix time in seconds and milliseconds, and 24:00 as the end of a day', () => {
    expect(iso('1715704200')).toBe('2024-05-14T16:30:00.000Z');
    expect(iso('1715704200000')).toBe('2024-05-14T16:30:00.000Z');
    expect(iso('2024-05-14T24:00:00Z')).toBe('2024-05-15T00:00:00.000Z');
    expect(iso('2024-05-14T24:30:00Z')).toBeUndefined();
  });

  it('holds pages, feeds and records to one range: from 1900 to two days ahead', () => {
    expect(parseDate('1899-12-31T00:00:00Z', { now: NOW })).toBeUndefined();
    expect(parseDate('1900-01-01T00:00:00Z', { now: NOW })).toBe(EARLIEST_DATE);
    expect(parseDate(new Date(NOW + FUTURE_SLACK_MS).toISOString(), { now: NOW })).toBe(NOW + FUTURE_SLACK_MS);
    expect(parseDate(new Date(NOW + FUTURE_SLACK_MS + 1000).toISOString(), { now: NOW })).toBeUndefined();
    expect(inDateRange(NOW, NOW)).toBe(true);
    expect(inDateRange(Number.NaN, NOW)).toBe(false);
  });

  it('reads only text', () => {
    expect(parseDate(1715704200)).toBeUndefined();
    expect(parseDate(null)).toBeUndefined();
    expect(parseDate('a'.repeat(81))).toBeUndefined();
  });
});
