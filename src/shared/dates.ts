/**
 * The one date parser of the project: dates as pages, feeds and imported records write them, to
 * epoch milliseconds, the same on every machine. Deliberately not `Date.parse` alone: it reads
 * zone-less text in the machine's local zone and knows few formats and zone names, so the same
 * text would give different times on different machines.
 *
 * Reads ISO 8601 / RFC 3339 (and its loose variants: `2024/05/14 18:30`, `20240514T183000Z`),
 * RFC 822 / 2822 (two-digit years, `1500` for 15:00, military zones), numeric day-first and
 * month-first dates, month names in many languages in any order ("14. Mai 2024, 18:30 Uhr",
 * "le 14 mai 2024 à 18h30", "May 14, 2024 6:30 p.m. ET", "2 de abril de 2020"), CJK dates
 * (`2020年7月13日`) and Unix time. A time without a zone is read as UTC: sources rarely say which
 * zone they mean, and a day is right within a day either way.
 */

/** Month names by month, in English, German, French, Spanish, Italian, Portuguese, Dutch, the
 * Scandinavian languages, Indonesian/Malay, Romanian, Polish, Czech, Hungarian, Turkish and
 * Russian (nominative and genitive where they differ). Prefixes of 3+ letters count as well
 * ("Sept.", "Dez", "févr."). */
const MONTH_NAMES = [
  'january januar janvier enero gennaio janeiro januari jänner ianuarie styczeń stycznia leden ledna január ocak января январь',
  'february februar février fevrier febrero febbraio fevereiro februari feber februarie luty lutego únor února február şubat subat февраля февраль',
  'march märz maerz mars marzo março marco maart maret mac marts martie marzec marca březen března március mart марта март',
  'april avril abril aprile aprilie kwiecień kwietnia duben dubna április nisan апреля апрель',
  'may mai mayo maggio maio mei maj maja květen května május mayıs mayis мая май',
  'june juni juin junio giugno junho jun iunie czerwiec czerwca červen června június haziran июня июнь',
  'july juli juillet julio luglio julho julai iulie lipiec lipca červenec července július temmuz июля июль',
  'august août aout agosto augustus agustus ogos sierpień sierpnia srpen srpna augusztus ağustos agustos августа август',
  'september septembre septiembre settembre setembro septembrie wrzesień września září szeptember eylül eylul сентября сентябрь',
  'october oktober octobre octubre ottobre outubro oktober octombrie październik października říjen října október ekim октября октябрь',
  'november novembre noviembre novembro noiembrie listopad listopada listopadu kasım kasim ноября ноябрь',
  'december dezember décembre decembre diciembre dicembre dezembro desember disember decembrie grudzień grudnia prosinec prosince aralık aralik декабря декабрь',
];

const MONTHS = new Map<string, number>();
MONTH_NAMES.forEach((names, index) => {
  for (const name of names.split(' ')) if (!MONTHS.has(name)) MONTHS.set(name, index + 1);
});

/** Weekday abbreviations that begin a month name (Italian "gio" for giovedì). */
const NOT_MONTHS = new Set(['gio', 'mer', 'sab', 'dom']);

/** The month (1–12) a word names, or undefined: a full name, or a prefix of 3+ letters. */
export function monthNumber(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  const exact = MONTHS.get(lower);
  if (exact !== undefined) return exact;
  if (lower.length < 3 || NOT_MONTHS.has(lower)) return undefined;
  for (const [name, month] of MONTHS) if (name.startsWith(lower)) return month;
  return undefined;
}

/** Zone abbreviations in minutes east of UTC: RFC 822's, plus those news sources use. "ET"/"PT"
 * follow US usage; IST is India's. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, west: 60, bst: 60, ist: 330, cet: 60, met: 60, cest: 120, mest: 120, mesz: 120, mez: 60,
  eet: 120, eest: 180, msk: 180, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570, acdt: 630,
  aest: 600, aedt: 660, nzst: 720, nzdt: 780,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  et: -300, ct: -360, mt: -420, pt: -480,
};

export interface DateOptions {
  /** The time the latest accepted date is counted from (default: now). */
  now?: number;
  /** Read an ambiguous `05/04/2024` day first (4 May), as outside the US; default month first. */
  dayFirst?: boolean;
}

/** The range of dates this project accepts anywhere: nothing it reads predates 1900, and a date
 * more than two days ahead of now is a mistake (a wrong zone puts a fresh item hours ahead). */
export const EARLIEST_DATE = Date.UTC(1900, 0, 1);
export const FUTURE_SLACK_MS = 2 * 86_400_000;

/** Whether an instant is in the accepted range (see EARLIEST_DATE). */
export function inDateRange(time: number, now: number = Date.now()): boolean {
  return Number.isFinite(time) && time >= EARLIEST_DATE && time <= now + FUTURE_SLACK_MS;
}

/** Epoch milliseconds of a date written as text, or undefined when it is not one (or is outside
 * the accepted range). Never throws. */
export function parseDate(raw: unknown, options: DateOptions = {}): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > 80) return undefined;
  let time: number | undefined;
  // Unix time in seconds or milliseconds (some CMSs write it in meta tags).
  if (/^\d{10}(\.\d+)?$/.test(text)) time = Math.round(Number(text) * 1000);
  else if (/^\d{13}$/.test(text)) time = Number(text);
  else time = parseIso(text) ?? parseCjk(text) ?? parseRfc822(text) ?? parseNumeric(text, options.dayFirst === true) ?? parseWords(text);
  return time !== undefined && inDateRange(time, options.now) ? time : undefined;
}

const MERIDIEM = '(am|pm|a\\.m\\.?|p\\.m\\.?)';
const ZONE = '(Z|(?:GMT|UTC)?[+-]\\d{1,2}(?::?\\d{2})?|\\(?[a-z]{1,5}\\)?)';

/** 2024-05-14, 2024-05-14T18:30, 2024-05-14 18:30:00.123+02:00, 20240514T183000Z, 2024/05/14, 2023-12 */
const ISO = new RegExp(`^(\\d{4})([-/.]?)(\\d{1,2})(?:\\2(\\d{1,2}))?(?:(?:T|\\s+|,\\s*)(\\d{1,2})(?::?(\\d{2}))(?::?(\\d{2})(?:[.,](\\d+))?)?\\s*${MERIDIEM}?)?\\s*${ZONE}?$`, 'i');

function parseIso(text: string): number | undefined {
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const [, year, separator, month, day, hour, minute, second, fraction, meridiem, zone] = m;
  // Without separators the fields have fixed widths ("20240514"); "20245" is not a date.
  if (separator === '' && (month!.length !== 2 || (day !== undefined && day.length !== 2))) return undefined;
  const ms = fraction === undefined ? 0 : Math.floor(Number(('0.' + fraction).slice(0, 5)) * 1000);
  return build(Number(year), Number(month), Number(day ?? '1'), hour, minute, second, meridiem, zone, ms);
}

/** 2020年7月13日 01:10 (Chinese, Japanese), 2020년 7월 13일 (Korean). */
const CJK = /^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?(?:\D{0,6}?(\d{1,2})[:時시]\s*(\d{2}))?/;

function parseCjk(text: string): number | undefined {
  const m = CJK.exec(text);
  if (m === null) return undefined;
  return build(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], undefined, undefined, undefined);
}

/** RFC 822 as feeds write it: "Tue, 02 Mar 2021 23:39:15 +0100", "03 Apr 02 1500 GMT". */
const RFC822 = /^(?:[^\d\s,]+,?\s*)?(\d{1,2})(?:\.|\s|-)+([^\d\s.,-]+)\.?(?:\s|-|,)+(\d{4}|\d{2})(?:,?\s+(\d{1,2})(?::?(\d{2}))(?::(\d{2}))?(?:\.\d+)?)?\s*(.*)$/;

function parseRfc822(text: string): number | undefined {
  const m = RFC822.exec(text);
  if (m === null) return undefined;
  const [, day, monthName, year, hour, minute, second, rest] = m;
  const month = monthNumber(monthName!);
  // Anything after the time must be a zone; otherwise the general reader below decides.
  const zone = rest!.replace(/\s*\([^)]*\)$/, '').replace(/\s+/g, '');
  if (month === undefined || (zone !== '' && !/^(?:[a-z]{1,5}|(?:gmt|utc|ut)?[+-][\d:]{1,5})$/i.test(zone))) return undefined;
  return build(fullYear(year!), month, Number(day), hour, minute, second, undefined, zone === '' ? undefined : zone);
}

/** 14.05.2024 18:30 and 23.09.20 (day first, as in Europe), 05/14/2024 (month first where the
 * page is American: slashes are ambiguous, dots and dashes are day-first). */
const NUMERIC = new RegExp(`^(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?:(?:\\s+|,\\s*|\\s*[-–|/]\\s*|\\s+um\\s+|\\s+à\\s+|\\s+a las\\s+|\\s+at\\s+)(\\d{1,2})[:.h](\\d{2})(?::(\\d{2}))?\\s*${MERIDIEM}?(?:\\s*uhr|\\s*h)?)?\\s*${ZONE}?$`, 'i');

function parseNumeric(text: string, dayFirst: boolean): number | undefined {
  const m = NUMERIC.exec(text);
  if (m === null) return undefined;
  const [, first, separator, second, year, hour, minute, sec, meridiem, zone] = m;
  let day = Number(first);
  let month = Number(second);
  // A number above 12 decides; otherwise slashes are month-first unless the page is not American.
  if ((separator === '/' && !dayFirst && month <= 12 && day <= 12) || (month > 12 && day <= 12)) [day, month] = [month, day];
  return build(fullYear(year!), month, day, hour, minute, sec, meridiem, zone);
}

/**
 * Dates with a month name, in any order and language: "May 14, 2024", "14 May 2024 18:30 BST",
 * "Tuesday 14 May 2024, 6.30pm", "14. Mai 2024, 18:30 Uhr", "le 14 mai 2024 à 18h30",
 * "jueves 2 de abril de 2020", "Updated: May 14, 2024 6:30 p.m. ET".
 */
function parseWords(text: string): number | undefined {
  const words = text.toLowerCase().match(/[a-z\u00c0-\u024f\u0400-\u04ff]+\.?|\d+(?:[:.h]\d{2}(?::\d{2})?)?|[+-]\d{2}:?\d{2}/g);
  if (words === null) return undefined;
  let month: number | undefined;
  let day: number | undefined;
  let year: number | undefined;
  let hour: string | undefined;
  let minute: string | undefined;
  let second: string | undefined;
  let meridiem: string | undefined;
  let zone: string | undefined;
  for (const raw of words) {
    const word = raw.replace(/\.$/, '');
    const time = /^(\d{1,2})[:.h](\d{2})(?::(\d{2}))?$/.exec(word);
    if (time !== null && hour === undefined && (day !== undefined || month !== undefined)) {
      [, hour, minute, second] = time;
      continue;
    }
    if (/^\d+$/.test(word)) {
      const n = Number(word);
      if (word.length === 4 && year === undefined) year = n;
      else if (n >= 1 && n <= 31 && day === undefined) day = n;
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
    // The last month word wins: a leading weekday can look like a month ("mar" is Tuesday in
    // Spanish and Italian).
    const found = monthNumber(word);
    if (found !== undefined) month = found;
    else if (word in ZONES && zone === undefined && (hour !== undefined || year !== undefined)) zone = word;
  }
  if (month === undefined || year === undefined || day === undefined) return undefined;
  return build(year, month, day, hour, minute, second, meridiem, zone);
}

function fullYear(year: string): number {
  const value = Number(year);
  if (year.length > 2) return value;
  // RFC 2822: two-digit years 00–49 are 2000–2049, 50–99 are 1950–1999.
  return value < 50 ? 2000 + value : 1900 + value;
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
  ms = 0,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  let h = hour === undefined ? 0 : Number(hour);
  const min = minute === undefined ? 0 : Number(minute);
  const sec = second === undefined ? 0 : Number(second);
  if (meridiem !== undefined) {
    if (h > 12) return undefined;
    h = (h % 12) + (meridiem.toLowerCase().startsWith('p') ? 12 : 0);
  }
  // 24:00 is the end of the day; a leap second is read as :59.
  if (h > 24 || (h === 24 && min + sec > 0) || min > 59 || sec > 60) return undefined;
  const offset = zone === undefined ? 0 : zoneOffset(zone);
  if (offset === undefined) return undefined;
  // Date.UTC rolls 31 April over to 1 May: reject dates that do not exist.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  return Date.UTC(year, month - 1, day, h, min, Math.min(sec, 59), ms) - offset * 60_000;
}

/** Minutes east of UTC for "+0200", "-05:00", "GMT+2", "CEST", "(UTC)"; undefined for an
 * impossible numeric offset. An unknown name ("Uhr", a typo) is UTC: within a day either way. */
function zoneOffset(zone: string): number | undefined {
  const z = zone.replace(/[()]/g, '').toLowerCase();
  const numeric = /^(?:gmt|utc|ut)?([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (numeric !== null) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    if (hours > 14 || minutes > 59) return undefined;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  // Military single letters (RFC 822) had their signs specified backwards: RFC 2822 says UTC.
  return ZONES[z] ?? 0;
}
