/**
 * When an article was first published, from what its page states (PageEvidence), the most
 * explicit statement first: the article's JSON-LD, publication meta tags, any JSON-LD date, date
 * markup (`itemprop`, `time[pubdate]`, `.published`); then a date in the article's address; then
 * the dates written next to the headline (a `<time>`, "Veröffentlicht am 3. März 2021",
 * "23.01.2022 –"), preferring one that says it is the publication over one that says it is an
 * update, and one that agrees with the address. Pure: no DOM.
 */
import type { DateOptions } from '../shared/dates';
import { cueOf, datesInText, pageTime, type DateCue } from './dates';
import type { PageEvidence } from './page';
import type { ZoneSide } from './site-zone';

const DAY_MS = 86_400_000;

export interface PublishedOptions extends DateOptions {
  /** Which side of UTC the site keeps its clocks on (src/detect/site-zone.ts). */
  zoneSide?: ZoneSide;
}

export function publishedFrom(evidence: PageEvidence, urls: readonly string[], image: string | undefined, options: PublishedOptions = {}): number | undefined {
  const stated = statedTime(evidence.published, options);
  if (stated !== undefined) return stated;

  const fromUrl = urlDate(urls);
  const agrees = (time: number): boolean => fromUrl === undefined || fitsUrlDate(time, fromUrl);
  let near = datesAroundHeadline(evidence, options);
  if (near.length === 0) near = evidence.dateTexts.flatMap((text, i) => datesInText(text, options).map((found) => ({ time: found.time, cue: found.cue, distance: i * 1000 + found.index })));
  const chosen = choose(near.filter((date) => agrees(date.time)));
  if (chosen !== undefined) return chosen;
  // Then machine-readable dates anywhere on the page (a date the address agrees with carries its
  // time of day), the address's own day, and a date in the lead image's address (CMSs file
  // uploads by day: /files/2016/05/04/…).
  for (const datetime of evidence.otherDates) {
    const time = pageTime(datetime, options);
    if (time !== undefined && agrees(time)) return time;
  }
  if (fromUrl?.day === true) return fromUrl.time;
  const fromImage = image === undefined ? undefined : urlDate([image]);
  if (fromImage?.day === true && agrees(fromImage.time)) return fromImage.time;
  // Last, a day the title names ("Wochenbericht 14. – 20. Januar 2022"): it can be an event's.
  for (const title of evidence.titles) {
    const found = datesInText(title, options).find((date) => agrees(date.time));
    if (found !== undefined) return found.time;
  }
  return undefined;
}

/** A time written as UTC ("Z", "+00:00", "GMT"). */
const MARKED_UTC = /(?:\dZ|[+-]00:?00|\b(?:GMT|UTC))$/i;

/**
 * The first statement that is a date, unless another statement is the same time in another zone:
 * a CMS that writes its local time with a "Z" after it states the same instant twice, a whole
 * number of hours apart (Courier Mail: JSON-LD `2020-04-25T07:25:06Z`, its meta tag
 * `2020-04-24T21:25:06+00:00`). A statement with a real offset beats the same clock time marked
 * UTC; of two marked UTC, the local one is the later east of UTC and the earlier west of it.
 */
function statedTime(statements: readonly string[], options: PublishedOptions): number | undefined {
  let first: { time: number; text: string } | undefined;
  for (const statement of statements) {
    const time = pageTime(statement, options);
    if (time === undefined) continue;
    const text = statement.trim();
    if (first === undefined) {
      first = { time, text };
      if (!MARKED_UTC.test(text)) return time;
      continue;
    }
    const apart = Math.abs(time - first.time);
    if (apart === 0 || apart > 14 * 3_600_000 || apart % 1_800_000 !== 0) continue;
    if (!MARKED_UTC.test(text)) {
      // The same clock time with its own offset: "04:11:00+05:30" against "04:11:00+00:00".
      if (/[+-](?:0[1-9]|1\d):?\d\d$/.test(text) && clock(text) === clock(first.text)) return time;
      continue;
    }
    if (options.zoneSide === 'east') return Math.min(time, first.time);
    if (options.zoneSide === 'west') return Math.max(time, first.time);
  }
  return first?.time;
}

/** The wall-clock time a statement writes ("07:25:06"). */
function clock(text: string): string | undefined {
  return /[T ](\d\d:\d\d(?::\d\d)?)/.exec(text)?.[1];
}

export function modifiedFrom(evidence: PageEvidence, options: DateOptions = {}): number | undefined {
  for (const statement of evidence.modified) {
    const time = pageTime(statement, options);
    if (time !== undefined) return time;
  }
  return undefined;
}

interface UrlDate {
  time: number;
  /** A whole date (`/2020/01/13/`), or only its month (`/2020/04/`). */
  day: boolean;
}

/** The date in an article's address: `/2020/01/13/`, `/2020-01-13-`, `_20200113_`, or a month
 * (`/2020/04/`). Only the path counts: hosts and query strings carry ids. */
export function urlDate(urls: readonly string[]): UrlDate | undefined {
  for (const href of urls) {
    let path: string;
    try {
      path = new URL(href).pathname;
    } catch {
      continue;
    }
    const full = /(?:^|[/_-])((?:19|20)\d{2})[/_-]([01]?\d)[/_-]([0-3]?\d)(?=$|[/_.-])/.exec(path) ?? /(?:^|[/_-])((?:19|20)\d{2})([01]\d)([0-3]\d)(?=$|[/_.-])/.exec(path);
    if (full !== null) {
      const time = pageTime(`${full[1]}-${full[2]!.padStart(2, '0')}-${full[3]!.padStart(2, '0')}`);
      if (time !== undefined) return { time, day: true };
    }
    const month = /\/((?:19|20)\d{2})\/([01]\d)\//.exec(path);
    if (month !== null) {
      const time = pageTime(`${month[1]}-${month[2]}-01`);
      if (time !== undefined) return { time, day: false };
    }
  }
  return undefined;
}

/** A date agrees with the address's when it falls on that day (a day either side for time
 * zones) or in that month. */
function fitsUrlDate(time: number, url: UrlDate): boolean {
  if (url.day) return time >= url.time - DAY_MS && time < url.time + 2 * DAY_MS;
  const start = new Date(url.time);
  const end = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  return time >= url.time - DAY_MS && time < end + DAY_MS;
}

interface NearDate {
  time: number;
  cue: DateCue;
  /** How far from the headline, in characters of text; dates before it count a little farther
   * (a kicker or a breadcrumb is less often the byline). */
  distance: number;
}

/** The dates in the text after the headline (from its start) and its `<time>` elements, and in
 * the text before it. */
function datesAroundHeadline(evidence: PageEvidence, options: DateOptions): NearDate[] {
  const dates: NearDate[] = [];
  for (const element of evidence.times) {
    const time = pageTime(element.datetime, options);
    if (time !== undefined) dates.push({ time, cue: timeCue(element.mark, evidence.after.slice(0, element.at)), distance: element.at });
  }
  for (const found of datesInText(evidence.after, options)) dates.push({ time: found.time, cue: found.cue, distance: found.index });
  // Above the headline, today's date is the site header's clock (the day the page is read), not
  // the article's: an article of today says so below its headline.
  const now = options.now ?? Date.now();
  for (const found of datesInText(evidence.before, options)) {
    if (Math.abs(found.time - now) >= DAY_MS) dates.push({ time: found.time, cue: found.cue, distance: (evidence.before.length - found.index) * 1.5 + 40 });
  }
  return dates;
}

function timeCue(mark: string, textBefore: string): DateCue {
  if (/updat|modif/i.test(mark)) return 'updated';
  if (/publi|pubdate|entry-date|created|posted/i.test(mark)) return 'published';
  return cueOf(textBefore.slice(-40));
}

/** The publication date among those near the headline: the nearest one said to be the
 * publication, else the nearest that is not said to be an update, else the nearest. */
function choose(dates: NearDate[]): number | undefined {
  const nearest = (list: NearDate[]): number | undefined => list.reduce<NearDate | undefined>((best, date) => (best === undefined || date.distance < best.distance ? date : best), undefined)?.time;
  return nearest(dates.filter((date) => date.cue === 'published')) ?? nearest(dates.filter((date) => date.cue === 'none')) ?? nearest(dates);
}
