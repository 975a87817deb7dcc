/**
 * Dates on pages: the project's one parser (src/shared/dates.ts) with what makes a date plausible
 * as a page's publication time, and a finder of dates in running text ("Veröffentlicht am
 * 3. März 2021", "23.01.2022 –", "PUBLISHED: November 8, 2023 at 11:30 p.m.").
 */
import { parseDate, type DateOptions } from '../shared/dates';

/** No web page was published before the web. */
const EARLIEST_PAGE_DATE = Date.UTC(1990, 0, 1);

/** Epoch ms of a date a page states, if it can be the page's publication or update time. */
export function pageTime(raw: unknown, options: DateOptions = {}): number | undefined {
  const time = parseDate(typeof raw === 'number' ? String(raw) : raw, options);
  return time !== undefined && time >= EARLIEST_PAGE_DATE ? time : undefined;
}

/** ISO 8601 UTC (`2024-05-14T16:30:00.000Z`) of such a date, or undefined. */
export function toIsoUtc(raw: unknown, now: number = Date.now(), dayFirst = false): string | undefined {
  const time = pageTime(raw, { now, dayFirst });
  return time === undefined ? undefined : new Date(time).toISOString();
}

const LETTER = 'a-zA-Z\\u00c0-\\u024f\\u0400-\\u04ff';
const MONTH_WORD = `[${LETTER}]{3,12}\\.?`;
const YEAR = '(?:19|20)\\d{2}';
/** An optional time after a date: "18:30", ", 6:30 p.m.", " um 18.30 Uhr", " à 18h30", " | 10:16". */
const TIME = `(?:\\s*(?:,|um|à|a las|às|alle|at|om|kl\\.?|-|–|—|\\||/)?\\s*[0-2]?\\d[:.h][0-5]\\d(?::[0-5]\\d)?(?!\\d)(?:\\s*[ap]\\.?\\s?m\\.?)?(?:\\s*uhr)?)?`;

/** Where a date may start in running text. Each match is then read by the parser, which checks it. */
const DATE_IN_TEXT = new RegExp(
  [
    // 2024-05-14, 2024-05-14T18:30:00, 2024/05/14 18:30, 2024.05.14
    `\\b${YEAR}(?:-[01]?\\d-[0-3]?\\d(?:[T ][0-2]\\d:[0-5]\\d(?::[0-5]\\d)?)?|([./])[01]?\\d\\1[0-3]?\\d\\b${TIME})`,
    // 14.05.2024, 14/05/2024 18:30, 23.09.20
    `\\b[0-3]?\\d([./-])[01]?\\d\\2${YEAR}\\b${TIME}`,
    // 23.09.20, and 8.5.12 after a byline (see SHORT_DATE)
    `\\b[0-3]?\\d\\.[01]?\\d\\.\\d{2}\\b(?![.,]\\d)${TIME}`,
    // 14. Mai 2024, 3rd of March 2021, 2 de abril de 2020, 07 Dezember, 2022
    `\\b[0-3]?\\d(?:\\.|st|nd|rd|th|er|º)?\\s*(?:de\\s+|of\\s+)?${MONTH_WORD},?\\s*(?:de\\s+|del\\s+)?${YEAR}\\b${TIME}`,
    // May 14, 2024; Thursday, November 9th 2023
    `(?<![${LETTER}])${MONTH_WORD}\\s+[0-3]?\\d(?:st|nd|rd|th)?,?\\s+${YEAR}\\b${TIME}`,
    // 2020年7月13日, 2020년 7월 13일
    `${YEAR}\\s*[年년]\\s*[01]?\\d\\s*[月월]\\s*[0-3]?\\d\\s*[日일]?`,
  ].join('|'),
  'gi',
);

/** Words just before a date that say it is the publication date, or an update. */
const PUBLISHED_CUE = /(?:publi\w*|veröffentlicht|erschienen|erstellt|created|posted|postado|geplaatst|gepubliceerd|pubblicato|publicado|publié|opublikowano|publikováno|yayınlan\w*|datum|date|fecha|data|written|issued|released)\b[^\d]{0,20}$/i;
const UPDATED_CUE = /(?:updated?|aktualisiert|aktualisierung|geändert|modifi\w*|mis à jour|mise à jour|actualizad\w*|atualizad\w*|aggiornat\w*|bijgewerkt|gewijzigd|zaktualizowano|güncellen\w*|edited|revised|oppdatert|uppdaterad|opdateret)\b[^\d]{0,20}$/i;
/** A date right after a copyright sign is the site's, not the article's. */
const COPYRIGHT_CUE = /(?:©|\(c\)|copyright)[^\d]{0,12}$/i;

/** "8.5.12": a one-digit day or month and a two-digit year is a date only where a date is
 * expected — after a byline's comma ("von Klaus-Peter Schöppner, 8.5.12", Carta), "am", or a
 * publication cue — and a version number ("1.2.12") elsewhere. */
const SHORT_DATE = /^(?:\d\.\d{1,2}|\d{2}\.\d)\.\d{2}(?!\d)/;

/** The first day of a range, just before a date that starts with its last day: "14. – ", "14 bis ". */
const RANGE_START = /(?<![\d.])([0-3]?\d)(\.?)\s*(?:[–—-]|bis)\s*$/;

export type DateCue = 'published' | 'updated' | 'none';

export interface DateInText {
  /** Where the date starts in the text. */
  index: number;
  time: number;
  cue: DateCue;
}

/** Every date in `text`, in order, with what the words before it say about it. */
export function datesInText(text: string, options: DateOptions = {}): DateInText[] {
  const found: DateInText[] = [];
  DATE_IN_TEXT.lastIndex = 0;
  for (let m = DATE_IN_TEXT.exec(text); m !== null && found.length < 20; m = DATE_IN_TEXT.exec(text)) {
    const written = m[0].replace(/[\s,|/–—-]+$/, '');
    const time = pageTime(written, options);
    if (time === undefined) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (COPYRIGHT_CUE.test(before)) continue;
    if (SHORT_DATE.test(written) && !/(?:,|\b(?:am|vom|den|le|el|il))\s*$/i.test(before) && cueOf(before) !== 'published') continue;
    // A range ("Wochenbericht 14. – 20. Januar 2022") is dated by its first day.
    const range = RANGE_START.exec(before);
    const end = /^[0-3]?\d/.exec(written);
    const first = range !== null && end !== null && Number(range[1]) < Number(end[0]) && range[2] === (written[end[0].length] === '.' ? '.' : '') ? pageTime(range[1] + written.slice(end[0].length), options) : undefined;
    if (first === undefined) found.push({ index: m.index, time, cue: cueOf(before) });
    else found.push({ index: m.index - range![0].length, time: first, cue: cueOf(before.slice(0, -range![0].length)) });
  }
  return found;
}

export function cueOf(before: string): DateCue {
  const updated = UPDATED_CUE.exec(before);
  const published = PUBLISHED_CUE.exec(before);
  if (updated !== null && (published === null || updated.index > published.index)) return 'updated';
  return published !== null ? 'published' : 'none';
}
