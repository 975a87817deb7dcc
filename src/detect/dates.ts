/**
 * Publication times as pages write them, normalised to ISO 8601 UTC. Deliberately not
 * `Date.parse` alone: it reads zone-less text in the machine's local zone and knows few zone names,
 * so the same page would give different times on different machines.
 */

const MONTHS: Record<string, number> = {};
// English, German, French, Spanish, Italian, Portuguese and Dutch month names (prefixes of 3+
// letters are accepted, so "Sept." and "Dez" work too).
for (const [index, names] of [
  ['january', 'januar', 'janvier', 'enero', 'gennaio', 'janeiro', 'januari', 'jänner'],
  ['february', 'februar', 'février', 'fevrier', 'febrero', 'febbraio', 'fevereiro', 'februari'],
  ['march', 'märz', 'maerz', 'mars', 'marzo', 'março', 'marco', 'maart'],
  ['april', 'avril', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'maio', 'mei'],
  ['june', 'juni', 'juin', 'junio', 'giugno', 'junho'],
  ['july', 'juli', 'juillet', 'julio', 'luglio', 'julho'],
  ['august', 'août', 'aout', 'agosto', 'augustus'],
  ['september', 'septembre', 'septiembre', 'settembre', 'setembro'],
  ['october', 'oktober', 'octobre', 'octubre', 'ottobre', 'outubro'],
  ['november', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dezember', 'décembre', 'decembre', 'diciembre', 'dicembre', 'dezembro'],
].entries() as IterableIterator<[number, string[]]>) {
  for (const name of names) MONTHS[name] = index + 1;
}

/** Zone abbreviations seen on news sites, in minutes east of UTC. "ET"/"PT" follow US usage. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, bst: 60, ist: 330, cet: 60, met: 60, cest: 120, mesz: 120, mez: 60,
  eet: 120, eest: 180, msk: 180, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570,
  aest: 600, aedt: 660, nzst: 720, nzdt: 780,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  et: -300, ct: -360, mt: -420, pt: -480,
};

/** The latest time accepted: a page's publication time cannot be far in the future. */
const FUTURE_SLACK_MS = 2 * 24 * 3600 * 1000;
const EARLIEST_MS = Date.UTC(1990, 0, 1);

/**
 * ISO 8601 UTC (`2024-05-14T16:30:00.000Z`) for a date as pages write it, or undefined when the
 * text is not a plausible date. Times without a zone are read as UTC (pages rarely say which zone
 * they mean, and a date is within a day of the truth either way). `now` bounds future dates.
 */
export function toIsoUtc(raw: unknown, now: number = Date.now()): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > 80) return undefined;
  const ms = parseTime(text);
  if (ms === undefined || !Number.isFinite(ms) || ms < EARLIEST_MS || ms > now + FUTURE_SLACK_MS) return undefined;
  return new Date(ms).toISOString();
}

function parseTime(text: string): number | undefined {
  // Unix time in seconds or milliseconds (some CMSs write it in meta tags).
  if (/^\d{10}(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (/^\d{13}$/.test(text)) return Number(text);
  return parseIsoLike(text) ?? parseNumericDate(text) ?? parseTextualDate(text);
}

/** 2024-05-14, 2024-05-14T18:30, 2024-05-14 18:30:00.123+02:00, 20240514T183000Z, 2024/05/14 … */
const ISO_LIKE =
  /^(\d{4})([-/.]?)(\d{1,2})\2(\d{1,2})(?:(?:T|\s+|,\s*)(\d{1,2})(?::?(\d{2}))(?::?(\d{2})(?:[.,]\d+)?)?\s*(am|pm|a\.m\.|p\.m\.)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|\(?[a-z]{1,5}\)?)?$/i;

function parseIsoLike(text: string): number | undefined {
  const m = ISO_LIKE.exec(text);
  if (m === null) return undefined;
  const [, year, , month, day, hour, minute, second, meridiem, zone] = m;
  return build(Number(year), Number(month), Number(day), hour, minute, second, meridiem, zone);
}

/** 14.05.2024 18:30 (day first, as in Europe), 05/14/2024 (month first when unambiguous US style). */
const NUMERIC_DATE =
  /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:(?:\s+|,\s*|\s*[-–|]\s*|\s+um\s+|\s+à\s+|\s+a las\s+)(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?:\s*uhr)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|\(?[a-z]{1,5}\)?)?$/i;

function parseNumericDate(text: string): number | undefined {
  const m = NUMERIC_DATE.exec(text);
  if (m === null) return undefined;
  const [, first, separator, second, year, hour, minute, sec, meridiem, zone] = m;
  let day = Number(first);
  let month = Number(second);
  // Slashes are month-first in the US; dots and dashes are day-first. A number above 12 decides.
  if ((separator === '/' && month <= 12 && day <= 12) || day > 31 || (month > 12 && day <= 12)) [day, month] = [month, day];
  return build(Number(year), month, day, hour, minute, sec, meridiem, zone);
}

/**
 * Dates with a month name: "May 14, 2024", "14 May 2024 18:30 BST", "Tue, 14 May 2024 16:30:00 GMT",
 * "Tuesday 14 May 2024, 6.30pm", "14. Mai 2024, 18:30 Uhr", "le 14 mai 2024 à 18h30",
 * "Updated: May 14, 2024 6:30 p.m. ET".
 */
function parseTextualDate(text: string): number | undefined {
  const lower = text.toLowerCase();
  const words = lower.match(/[a-zà-ÿ]+\.?|\d+(?:[:.h]\d{2}(?::\d{2})?)?|[+-]\d{2}:?\d{2}/g);
  if (words === null) return undefined;
  let month: number | undefined;
  let day: number | undefined;
  let year: number | undefined;
  let hour: string | undefined;
  let minute: string | undefined;
  let second: string | undefined;
  let meridiem: string | undefined;
  let zone: string | undefined;
  const numbers: number[] = [];
  for (const raw of words) {
    const word = raw.replace(/\.$/, '');
    const time = /^(\d{1,2})[:.h](\d{2})(?::(\d{2}))?$/.exec(word);
    if (time !== null && hour === undefined && (numbers.length > 0 || month !== undefined)) {
      [, hour, minute, second] = time;
      continue;
    }
    if (/^\d+$/.test(word)) {
      const n = Number(word);
      if (word.length === 4 && year === undefined) year = n;
      else if (n >= 1 && n <= 31 && day === undefined) numbers.push(n);
      continue;
    }
    if (/^[+-]\d{2}:?\d{2}$/.test(word)) {
      zone = word;
      continue;
    }
    if (word === 'am' || word === 'pm' || word === 'a.m' || word === 'p.m' || word === 'a' || word === 'p') {
      if (hour !== undefined && meridiem === undefined) meridiem = word;
      continue;
    }
    if (month === undefined && word.length >= 3) {
      const found = monthOf(word);
      if (found !== undefined) {
        month = found;
        continue;
      }
    }
    if (word in ZONES && zone === undefined && (hour !== undefined || year !== undefined)) zone = word;
  }
  if (month === undefined || year === undefined || numbers.length === 0) return undefined;
  day = numbers[0];
  // "May 14 2024 6 pm": a lone number after the day is an hour only with a meridiem; ignore it.
  return build(year, month, day!, hour, minute, second, meridiem, zone);
}

function monthOf(word: string): number | undefined {
  if (word in MONTHS) return MONTHS[word];
  if (word.length < 3) return undefined;
  for (const [name, number] of Object.entries(MONTHS)) if (name.startsWith(word)) return number;
  return undefined;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  meridiem: string | undefined,
  zone: string | undefined,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  let h = hour === undefined ? 0 : Number(hour);
  const min = minute === undefined ? 0 : Number(minute);
  const sec = second === undefined ? 0 : Number(second);
  if (meridiem !== undefined) {
    const pm = meridiem.toLowerCase().startsWith('p');
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  if (h > 23 || min > 59 || sec > 60) return undefined;
  const offset = zone === undefined ? 0 : zoneOffset(zone);
  const ms = Date.UTC(year, month - 1, day, h, min, sec) - offset * 60_000;
  // Date.UTC rolls 31 April over to 1 May: reject dates that do not exist.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  return ms;
}

function zoneOffset(zone: string): number {
  const z = zone.replace(/[()]/g, '').toLowerCase();
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (numeric !== null) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  // An unknown name (a typo, "Uhr", a zone we do not list) leaves the time as UTC: within a day.
  return ZONES[z] ?? 0;
}
