/**
 * Keys of the term index, and what a lookup reads of it. Each article is indexed under
 * "term@week" for the week of its publication (or, without a date, of when it was stored).
 * A lookup reads, for each query term, only the weeks within a few days of the query's date:
 * coverage of one story falls within days, so the cost of a lookup follows the news of those
 * days, not the size of the store.
 *
 * Within one key the index orders articles by id, and ids are fixed-width hashes: the first n
 * ids of a term's week are a uniform sample of all its articles that week. So a read capped at n
 * keys still tells how common the term is (by where the n-th id falls in the id space) without
 * counting — and without keeping any counter up to date at ingest.
 */

import { SHOWABLE_DISTANCE_MS } from './scoring';

export const WEEK_MS = 7 * 86_400_000;
/** Keeps week numbers positive (dates from 1900 on) and fixed-width, so keys sort by time. */
const WEEK_OFFSET = 100_000;
/** A lookup reads the weeks within this distance of the query's date (one or two weeks): far
 * enough that nothing beyond it could be shown (see SHOWABLE_DISTANCE_MS). */
export const WINDOW_MS = SHOWABLE_DISTANCE_MS;

export function weekOf(time: number): number {
  return Math.floor(time / WEEK_MS) + WEEK_OFFSET;
}

export function postingKey(term: string, week: number): string {
  return `${term}@${String(week).padStart(6, '0')}`;
}

/** How many of an article's terms are indexed (title terms first): enough to find it from any
 * other headline of its story, few enough that storing an article stays cheap. Scores still use
 * all its terms. */
export const INDEXED_TERMS = 16;

export function postingKeys(terms: readonly string[], time: number): string[] {
  const week = weekOf(time);
  return terms.slice(0, INDEXED_TERMS).map((term) => postingKey(term, week));
}

/** The weeks a lookup around `time` reads: the week of `time`, and the neighbour within reach. */
export function weeksAround(time: number): number[] {
  const first = weekOf(time - WINDOW_MS);
  const last = weekOf(time + WINDOW_MS);
  const weeks: number[] = [];
  for (let week = first; week <= last; week++) weeks.push(week);
  return weeks;
}

/**
 * How many articles carry a term in one week, from the first `cap` ids of its postings (sorted).
 * Fewer than `cap`: that is the exact count. Otherwise the cap-th id's position `u` in the id
 * space estimates it as (cap − 1) / u (the order statistic of a uniform sample).
 */
export function estimateCount(ids: readonly string[], cap: number, position: (id: string) => number): number {
  if (ids.length < cap) return ids.length;
  const u = position(ids[cap - 1]!);
  return u <= 0 ? cap : Math.max(cap, Math.round((cap - 1) / u));
}
