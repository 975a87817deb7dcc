/**
 * The days of the week an article's text names ("President Trump on Monday slammed …"): time
 * evidence that survives where the date does not (an undated archive, a feed without dates).
 * Coverage of one event names the same day (85 % of same-story pairs that both name a day in
 * allsides-undated; 20 % of topic neighbours), so a day named on both sides, or two different
 * days, tells stories apart when dates cannot. The words themselves stay stop words (they say
 * nothing about which story it is); the days are kept as marker terms after an article's index
 * terms, which the matcher reads as a set of days (match-doc.ts) and never as words.
 */
import { termHash } from './term-hash';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A marker term per day: no word the tokenizer makes contains '@'. */
export const WEEKDAY_TERMS: readonly string[] = DAYS.map((day) => `@${day}`);

/** Marker hash → its bit (bit k: day k from Monday). */
const DAY_BITS = new Map(WEEKDAY_TERMS.map((term, i) => [termHash(term), 1 << i]));

/** The day bit of a term hash; 0 when the term is not a day marker. */
export function weekdayBit(hash: number): number {
  return DAY_BITS.get(hash) ?? 0;
}

/** English day names (plurals too: "on Mondays"); a named day of the calendar ("Black Friday",
 * "Super Tuesday") is an event, not when the article's news happened. */
const DAY_WORD = /\b(?:(black|cyber|super|bloody|good|easter|ash|palm|holy|giving)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b/gi;

/** The marker terms of the days a text names, in week order. */
export function weekdayTerms(text: string): string[] {
  let days = 0;
  for (const match of text.matchAll(DAY_WORD)) {
    if (match[1] !== undefined) continue;
    days |= 1 << DAYS.indexOf(match[2]!.toLowerCase() as (typeof DAYS)[number]);
  }
  return WEEKDAY_TERMS.filter((_, i) => (days & (1 << i)) !== 0);
}

/** Whether a text names a day of the week (its index terms carry markers). */
export function namesWeekday(text: string | undefined): boolean {
  return text !== undefined && weekdayTerms(text).length > 0;
}
