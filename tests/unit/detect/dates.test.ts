import { describe, expect, it } from 'vitest';
import { datesInText, toIsoUtc } from '../../../src/detect/dates';

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

describe('datesInText: dates in the text around a headline (snippets from real pages)', () => {
  const found = (text: string, dayFirst = false): [string, string][] =>
    datesInText(text, { now: NOW, dayFirst }).map((date) => [new Date(date.time).toISOString(), date.cue]);

  it.each([
    // dtb.de: the date right after the headline, no words around it
    ['Erste Maßnahmen umgesetzt und Kulturwandel angestoßen 03.02.2022 15:34 Kultur- und Strukturwandel im DTB', [['2022-02-03T15:34:00.000Z', 'none']]],
    // taucher.net
    ['Boot Tulln 2022 abgesagt Teile: 24.01.2022 11:38 Kategorie: News', [['2022-01-24T11:38:00.000Z', 'none']]],
    // a WordPress theme in German
    ['Alles hat seine Zeit… Veröffentlicht am 5. April 2017', [['2017-04-05T00:00:00.000Z', 'published']]],
    // gay.ch (Plone byline)
    ['erstellt von Dominique — veröffentlicht 28.01.2022 06:00', [['2022-01-28T06:00:00.000Z', 'published']]],
    // autohaus.de, bfs.de
    ['1,0 bei 2 Bewertungen Datum: 03.11.2021 Autor: Peter Maahn/SP-X', [['2021-11-03T00:00:00.000Z', 'published']]],
    // paris-luttes.info, cicero.de, la-prensa.com.mx, yam.md
    ['Publié le 29 juin 2019', [['2019-06-29T00:00:00.000Z', 'published']]],
    ['VON MORITZ GATHMANN am 21. April 2020', [['2020-04-21T00:00:00.000Z', 'none']]],
    ['/ jueves 2 de abril de 2020', [['2020-04-02T00:00:00.000Z', 'none']]],
    ['Unica.md, 20 septembrie 2020 16:20', [['2020-09-20T16:20:00.000Z', 'none']]],
    // oshiete.goo.ne.jp
    ['質問日時：2020/07/13 01:10', [['2020-07-13T01:10:00.000Z', 'none']]],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('says which date is the publication and which an update', () => {
    // correiobraziliense.com.br
    expect(found('postado em 04/05/2022 05:49 / atualizado em 04/05/2022 05:50', true)).toEqual([
      ['2022-05-04T05:49:00.000Z', 'published'],
      ['2022-05-04T05:50:00.000Z', 'updated'],
    ]);
    // twincities.com
    expect(found('PUBLISHED: November 8, 2023 at 11:30 p.m. | UPDATED: November 9, 2023 at 12:21 a.m.')).toEqual([
      ['2023-11-08T23:30:00.000Z', 'published'],
      ['2023-11-09T00:21:00.000Z', 'updated'],
    ]);
    // pythonspeed.com
    expect(found('by Itamar Turner-Trauring Last updated 04 Jun 2020, originally created 17 Jun 2019')).toEqual([
      ['2020-06-04T00:00:00.000Z', 'updated'],
      ['2019-06-17T00:00:00.000Z', 'published'],
    ]);
    expect(found('Letzte Aktualisierung: 18.01.2018')).toEqual([['2018-01-18T00:00:00.000Z', 'updated']]);
  });

  it('dates a range by its first day (slf.ch: "Wochenbericht 14. - 20. Januar 2022")', () => {
    expect(found('Wochenbericht 14. - 20. Januar 2022')).toEqual([['2022-01-14T00:00:00.000Z', 'none']]);
    expect(found('Messe vom 10. bis 14.05.2024')).toEqual([['2024-05-10T00:00:00.000Z', 'none']]);
    expect(found('Week of 14 – 20 January 2022')).toEqual([['2022-01-14T00:00:00.000Z', 'none']]);
    // Not a range: a number before a date written with a dot, the last day first, a month before.
    expect(found('Seite 1 - 20. Januar 2022')).toEqual([['2022-01-20T00:00:00.000Z', 'none']]);
    expect(found('Heft 24 – 20. Januar 2022')).toEqual([['2022-01-20T00:00:00.000Z', 'none']]);
    expect(found('14.01. - 20.01.2022')).toEqual([['2022-01-20T00:00:00.000Z', 'none']]);
  });

  it('reads a one-digit day and month with a two-digit year after a byline (carta.info: "…, 8.5.12")', () => {
    expect(found('Der neue Trend: Muss- statt Wunschkoalition von Klaus-Peter Schöppner , 8.5.12 Die Landtagswahl zwischen Nord- und Ostsee')).toEqual([['2012-05-08T00:00:00.000Z', 'none']]);
    expect(found('Veröffentlicht 8.5.12')).toEqual([['2012-05-08T00:00:00.000Z', 'published']]);
    expect(found('Kapitel 8.5.12 und Abschnitt 3.1.20')).toEqual([]);
  });

  it("skips a copyright's date and what only looks like a date", () => {
    // qualisys.eu's footer
    expect(found('Copyright © 19.12.2019 - 12:14 h by Qualisys GmbH')).toEqual([]);
    expect(found('Version 1.2.12, 4,5 Sterne, 12.000 Besucher, Jagdjahr 2020/2021')).toEqual([]);
    expect(found('[06月24日 11時30分]')).toEqual([]); // no year: nothing to anchor it
  });
});
