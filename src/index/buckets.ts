/**
 * Time buckets of the index: each article is indexed in the week of its publication date, or in
 * the undated bucket when it states no date (never in "this week": an undated archive would then
 * compete with today's news). A lookup reads the weeks within a week of the query's date plus the
 * undated bucket; an undated query reads the undated bucket and the newest weeks.
 */
export const WEEK_MS = 7 * 86_400_000;
/** Keeps week numbers positive (dates from 1900 on). */
const WEEK_OFFSET = 100_000;
export const UNDATED_BUCKET = 0;
/** Coverage of one story, follow-ups included, falls within this distance of its date. */
export const WINDOW_MS = 7 * 86_400_000;
/** What an undated query reads besides the undated bucket. */
export const NEWEST_WEEKS = 3;

export function bucketOf(publishedAt: number | undefined): number {
  return publishedAt === undefined ? UNDATED_BUCKET : Math.floor(publishedAt / WEEK_MS) + WEEK_OFFSET;
}

/** The buckets a lookup reads; `newest` lists the store's newest dated buckets (any order). */
export function bucketsFor(publishedAt: number | undefined, newest: readonly number[]): number[] {
  if (publishedAt === undefined) return [UNDATED_BUCKET, ...[...newest].filter((b) => b !== UNDATED_BUCKET).sort((a, b) => b - a).slice(0, NEWEST_WEEKS)];
  const buckets = [UNDATED_BUCKET];
  for (let b = bucketOf(publishedAt - WINDOW_MS); b <= bucketOf(publishedAt + WINDOW_MS); b++) buckets.push(b);
  return buckets;
}
