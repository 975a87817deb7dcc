/**
 * Dates as feeds write them, to epoch milliseconds, the same on every machine (never the local
 * time zone): ISO 8601 / RFC 3339 (Atom, JSON Feed, Dublin Core), RFC 822 / RFC 2822 (RSS) with
 * named or numeric zones, two-digit years, missing seconds or commas, English and common
 * European month names, and a few other shapes seen in the wild.
 */

/** Zone names in RFC 822 plus the ones feeds commonly use; hours from UTC. */
const NAMED_ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
  AKST: -9, AKDT: -8, HST: -10, AST: -4, ADT: -3, NST: -3.5, NDT: -2.5,
  BST: 1, IST: 5.5, CET: 1, CEST: 2, MET: 1, MEST: 2, WEST: 1, EET: 2, EEST: 3, MSK: 3,
  JST: 9, KST: 9, HKT: 8, SGT: 8, AWST: 8, ACST: 9.5, ACDT: 10.5, AEST: 10, AEDT: 11, NZST: 12, NZDT: 13,
};

/** Month name prefixes (English, German, French, Spanish, Portuguese, Italian, Dutch). */
const MONTH_PREFIXES: [string, number][] = [
  ['jan', 0], ['ene', 0], ['gen', 0], ['janv', 0], ['jän', 0],
  ['feb', 1], ['fev', 1], ['fév', 1], ['févr', 1],
  ['mar', 2], ['mär', 2], ['mrt', 2], ['mars', 2],
  ['apr', 3], ['abr', 3], ['avr', 3],
  ['may', 4], ['mai', 4], ['mag', 4], ['mei', 4],
  ['jun', 5], ['juin', 5], ['giu', 5],
  ['jul', 6], ['juil', 6], ['lug', 6],
  ['aug', 7], ['ago', 7], ['aoû', 7], ['aou', 7],
  ['sep', 8], ['set', 8],
  ['oct', 9], ['okt', 9], ['out', 9], ['ott', 9],
  ['nov', 10],
  ['dec', 11], ['dic', 11], ['dez', 11], ['déc', 11],
];

function monthIndex(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower === 'ma') return undefined;
  // Longest prefix first, so "mars" (French March) is not read as "mar" then something else.
  let best: [string, number] | undefined;
  for (const entry of MONTH_PREFIXES) {
    if (lower.startsWith(entry[0]) && (best === undefined || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}

/** Offset in minutes east of UTC for a zone string ("+0200", "-05:00", "GMT", "EST", "A"…). */
function zoneOffsetMinutes(zone: string): number | undefined {
  const numeric = /^(?:(?:GMT|UTC|UT)\s*)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(zone);
  if (numeric !== null) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? '0');
    if (hours > 14 || minutes > 59) return undefined;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const upper = zone.toUpperCase().replace(/[()]/g, '');
  const named = NAMED_ZONES[upper];
  if (named !== undefined) return named * 60;
  // Military single letters (RFC 822): their sign was specified backwards and is unreliable;
  // RFC 2822 says to treat them as UTC.
  if (/^[A-IK-Z]$/.test(upper)) return 0;
  return undefined;
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMinutes: number): number | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const time = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), ms);
  // Reject day overflow (31 April) instead of rolling into the next month.
  if (new Date(Date.UTC(year, month, day)).getUTCMonth() !== month) return undefined;
  return time - offsetMinutes * 60_000;
}

function fullYear(year: string): number {
  const value = Number(year);
  if (year.length > 2) return value;
  // RFC 2822: two-digit years 00–49 are 2000–2049, 50–99 are 1950–1999.
  return value < 50 ? 2000 + value : 1900 + value;
}

const ISO = /^(\d{4})-?(\d{2})(?:-?(\d{2}))?(?:[T\s]+(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?$/;
const RFC822 = /^(?:[^\d\s,]+,?\s*)?(\d{1,2})(?:\.|\s|-)+([^\d\s.,-]+)\.?(?:\s|-|,)+(\d{2,4})(?:,?\s+(\d{1,2})(?::?(\d{2}))(?::(\d{2}))?(?:\.\d+)?)?\s*(.*)$/;
/** "Jan 2, 2006 15:04:05 MST" and "Monday, January 2, 2006". */
const MONTH_FIRST = /^(?:[^\d\s,]+,?\s+)?([^\d\s.,]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?\s*(.*)$/i;
/** "2006/01/02 15:04:05" and "2006.01.02". */
const SLASHED = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/;

/** Epoch ms of a feed date, or undefined when it is not one. A time without zone is UTC. */
export function parseFeedDate(raw: unknown): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > 80) return undefined;
  return sane(parseIso(text) ?? parseRfc822(text) ?? parseMonthFirst(text) ?? parseSlashed(text));
}

function sane(time: number | undefined): number | undefined {
  if (time === undefined || !Number.isFinite(time)) return undefined;
  // Nothing in a news feed predates 1900; a date a year ahead is a typo, not news.
  if (time < -2_208_988_800_000 || time > Date.now() + 366 * 86_400_000) return undefined;
  return time;
}

function parseIso(text: string): number | undefined {
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = m;
  const offset = zone === undefined ? 0 : zoneOffsetMinutes(zone);
  if (offset === undefined) return undefined;
  const ms = fraction === undefined ? 0 : Math.floor(Number(('0.' + fraction).slice(0, 5)) * 1000);
  return utc(Number(year), Number(month) - 1, Number(day ?? '1'), Number(hour ?? '0'), Number(minute ?? '0'), Number(second ?? '0'), ms, offset);
}

function parseRfc822(text: string): number | undefined {
  const m = RFC822.exec(text);
  if (m === null) return undefined;
  const [, day, monthName, year, hour, minute, second, rest] = m;
  const month = monthIndex(monthName!);
  if (month === undefined) return undefined;
  const offset = zoneOf(rest!);
  if (offset === undefined) return undefined;
  // "1500" (hours and minutes without a colon) is read as 15:00.
  return utc(fullYear(year!), month, Number(day), Number(hour ?? '0'), Number(minute ?? '0'), Number(second ?? '0'), 0, offset);
}

function parseMonthFirst(text: string): number | undefined {
  const m = MONTH_FIRST.exec(text);
  if (m === null) return undefined;
  const [, monthName, day, year, hour, minute, second, meridiem, rest] = m;
  const month = monthIndex(monthName!);
  if (month === undefined) return undefined;
  const offset = zoneOf(rest!);
  if (offset === undefined) return undefined;
  let h = Number(hour ?? '0');
  if (meridiem !== undefined) {
    if (h > 12) return undefined;
    h = (h % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  return utc(Number(year), month, Number(day), h, Number(minute ?? '0'), Number(second ?? '0'), 0, offset);
}

function parseSlashed(text: string): number | undefined {
  const m = SLASHED.exec(text);
  if (m === null) return undefined;
  const [, year, month, day, hour, minute, second, rest] = m;
  const offset = zoneOf(rest!);
  if (offset === undefined) return undefined;
  return utc(Number(year), Number(month) - 1, Number(day), Number(hour ?? '0'), Number(minute ?? '0'), Number(second ?? '0'), 0, offset);
}

/** The zone at the end of a date: empty is UTC; "+0000 (UTC)" and "GMT+2" are understood. */
function zoneOf(rest: string): number | undefined {
  const zone = rest.trim().replace(/\s*\([^)]*\)$/, '');
  if (zone === '') return 0;
  return zoneOffsetMinutes(zone.replace(/\s+/g, ''));
}
