/**
 * Time buckets of the index: each article is indexed in the week of its publication date, or in
 * the undated bucket when it states no date (never in "this week": an undated archive would then
 * compete with today's news). A lookup reads the weeks within a week of the query's date plus the
 * undated bucket; an undated query reads the undated bucket and the newest weeks (newestWeeks).
 */
export const WEEK_MS = 7 * 86_400_000;
/** Keeps week numbers positive (dates from 1900 on). */
const WEEK_OFFSET = 100_000;
export const UNDATED_BUCKET = 0;
/** Coverage of one story, follow-ups included, falls within this distance of its date. */
export const WINDOW_MS = 7 * 86_400_000;
/** What an undated query reads besides the undated bucket, at least. */
export const NEWEST_WEEKS = 3;
/**
 * An undated query has no date to go by: it reads the newest weeks back until they hold this many
 * dated articles (at least NEWEST_WEEKS of them). A busy store's newest weeks hold that many: the
 * same three weeks as before. A sparse archive (a few articles a week over years) is read whole:
 * its three newest weeks held a few dozen articles, and an undated article's dated coverage was
 * out of reach (ecbplus: undated queries P@5 0.40, bench/RESULTS.md, session 29). The postings an
 * undated lookup reads stay about what a dated lookup's fortnight holds in a store of a few dozen
 * feeds (~300 a week); 2,000 gave the same answers on every dev file, and the weeks read back to
 * it cost in proportion (engine.ts undatedWeeks; RESULTS, sessions 29–30).
 */
export const UNDATED_REACH = 1_000;
/**
 * And at most this many dated weeks (the newest, counting only weeks that hold articles): the reach
 * bounds the articles read, this the weeks — an archive of one article a week over decades would
 * otherwise be read whole, a request's rows and a count table's part a week (1,900 such weeks:
 * ~120–160 ms a cold lookup in Node; RESULTS, session 30). Two years of weeks: ecbplus, the
 * sparsest dev file, spreads its 424 dated articles over 83.
 */
export const UNDATED_WEEKS_MAX = 104;

export function bucketOf(publishedAt: number | undefined): number {
  return publishedAt === undefined ? UNDATED_BUCKET : Math.floor(publishedAt / WEEK_MS) + WEEK_OFFSET;
}

/**
 * The dated weeks an undated query reads, newest first: of `buckets` (the store's, any order, the
 * undated one ignored), the NEWEST_WEEKS newest, and any newer than `reach` besides — the week of
 * the store's UNDATED_REACH-th newest dated article; undefined when it holds fewer (every week) —,
 * UNDATED_WEEKS_MAX at most.
 */
export function newestWeeks(buckets: readonly number[], reach: number | undefined): number[] {
  const dated = [...new Set(buckets)].filter((b) => b !== UNDATED_BUCKET).sort((a, b) => b - a);
  let count = 0;
  while (count < dated.length && count < UNDATED_WEEKS_MAX && (count < NEWEST_WEEKS || reach === undefined || dated[count]! >= reach)) count++;
  return dated.slice(0, count);
}

/** The buckets a lookup reads; for an undated query, `newest` are the dated weeks it reads
 * (newestWeeks; any order). */
export function bucketsFor(publishedAt: number | undefined, newest: readonly number[]): number[] {
  if (publishedAt === undefined) return [UNDATED_BUCKET, ...[...new Set(newest)].filter((b) => b !== UNDATED_BUCKET).sort((a, b) => b - a)];
  const buckets = [UNDATED_BUCKET];
  for (let b = bucketOf(publishedAt - WINDOW_MS); b <= bucketOf(publishedAt + WINDOW_MS); b++) buckets.push(b);
  return buckets;
}
