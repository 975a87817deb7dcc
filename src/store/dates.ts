/**
 * Articles by publication time, read from the same-story index instead of a date index on
 * `articles` (dropped in version 8: an entry an article on every write, for three readers — the
 * digest's newest article and week, and retention). The segments' forward data keep each indexed
 * article's date by docno, per week bucket (src/index/segments.ts): a week is one range read.
 *
 * What the index does not hold is read from the rows: articles of segments written without
 * forward data (until the `forward-data-v7` step reaches their bucket), and, for retention, every
 * article not posted at all (no index terms, or no docno before version 5's step). The digest's
 * readers see indexed articles only — an article without terms cannot share a story.
 */
import { bucketOf, UNDATED_BUCKET } from '../index/buckets';
import { forwardFields, forwardIndex, type ForwardFields, type SegmentRow } from '../index/segments';
import type { StoreDatabase, StoreTables } from './tables';
import { articlesByDocno, bucketsNewestFirst, readBucket, readBuckets, type IndexTables } from './term-index';
import type { StoredArticle } from './types';

/** An indexed article's docno and date (NaN: undated). */
interface Dated {
  docno: number;
  time: number;
}

/** The forward entries of these segments, and the docnos their postings hold without one (a
 * segment written before forward data, or merged with one). */
function forwardTimes(segments: readonly SegmentRow[]): { dated: Dated[]; unknown: number[] } {
  const dated: Dated[] = [];
  const unknown = new Set<number>();
  for (const segment of segments) {
    const forward = segment.forward;
    const known = new Set<number>();
    if (forward !== undefined) {
      for (let i = 0; i < forward.docnos.length; i++) {
        dated.push({ docno: forward.docnos[i]!, time: forward.publishedAt[i]! });
        known.add(forward.docnos[i]!);
      }
    }
    if (known.size === segment.count) continue;
    for (const docno of segment.docnos) if (!known.has(docno)) unknown.add(docno);
  }
  return { dated, unknown: [...unknown] };
}

/** Dates of the articles these segments post: forward entries, else their rows. Inside the
 * caller's transaction over `articles` and `segments`. */
async function datesOf(db: IndexTables, segments: readonly SegmentRow[]): Promise<Dated[]> {
  const { dated, unknown } = forwardTimes(segments);
  for (const row of await articlesByDocno(db, unknown)) dated.push({ docno: row.docno!, time: row.publishedAt ?? NaN });
  return dated;
}

/** The latest publication time of any indexed article: the newest dated week's segments. */
export async function newestPublishedAt(db: StoreDatabase): Promise<number | undefined> {
  return db.transaction('r', db.articles, db.segments, async () => {
    for (const bucket of await bucketsNewestFirst(db)) {
      if (bucket === UNDATED_BUCKET) continue;
      let newest = -Infinity;
      for (const { time } of await datesOf(db, await readBucket(db, bucket))) if (time > newest) newest = time;
      if (newest > -Infinity) return newest;
    }
    return undefined;
  });
}

/** Indexed articles published in [from, to], newest first (ties: larger id first, the order a
 * date index gave), at most `limit`: the weeks' segments, then the rows of the chosen ones. */
export async function articlesPublishedBetween(db: StoreDatabase, from: number, to: number, limit: number): Promise<StoredArticle[]> {
  return (await publishedBetween(db, from, to, limit, false)).map(({ article }) => article);
}

/** An article and its document as the index holds it (its forward entry; undefined where its
 * segment has none: before `forward-data-v7` reaches its week). */
export interface IndexedArticle {
  article: StoredArticle;
  doc: ForwardFields | undefined;
}

/** articlesPublishedBetween with each article's forward entry from the segments it read (the
 * digest's stories: rows keep no index terms since `drop-row-terms`). */
export function indexedArticlesPublishedBetween(db: StoreDatabase, from: number, to: number, limit: number): Promise<IndexedArticle[]> {
  return publishedBetween(db, from, to, limit, true);
}

async function publishedBetween(db: StoreDatabase, from: number, to: number, limit: number, withDocs: boolean): Promise<IndexedArticle[]> {
  if (limit <= 0 || from > to) return [];
  return db.transaction('r', db.articles, db.segments, async () => {
    const segments = await readBuckets(db, bucketOf(from), bucketOf(to));
    const dated = (await datesOf(db, segments)).filter(({ time }) => time >= from && time <= to);
    dated.sort((a, b) => b.time - a.time);
    // Every article dated as the limit-th too: the ids order them, and only the rows have the ids.
    const last = dated.length > limit ? dated[limit - 1]!.time : -Infinity;
    const rows = await articlesByDocno(
      db,
      dated.filter(({ time }) => time >= last).map(({ docno }) => docno),
    );
    const chosen = rows
      .filter((row) => row.publishedAt !== undefined && row.publishedAt >= from && row.publishedAt <= to)
      .sort((a, b) => b.publishedAt! - a.publishedAt! || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, limit);
    return chosen.map((article) => ({ article, doc: withDocs ? forwardOf(segments, article.docno!) : undefined }));
  });
}

/** A docno's forward entry in these segments, if one holds it. */
function forwardOf(segments: readonly SegmentRow[], docno: number): ForwardFields | undefined {
  for (const segment of segments) {
    const i = forwardIndex(segment, docno);
    if (i !== -1) return forwardFields(segment, i);
  }
  return undefined;
}

/** Every article's id with its publication time, else when it was stored: the index's dates by
 * docno (one bucket's segments at a time), the rows of the rest. Inside the caller's transaction
 * over `articles` and `segments`. */
export async function articleTimes(db: Pick<StoreTables, 'articles' | 'segments' | 'meta'>): Promise<Map<string, number>> {
  // Docnos with their ids in one walk of the docno index (a key cursor: IndexedDB has no batch read
  // of an index's keys with their primary keys, and each walk of 100,000 entries takes seconds).
  const idOf = new Map<number, string>();
  const [ids] = await Promise.all([db.articles.toCollection().primaryKeys(), db.articles.orderBy('docno').eachKey((docno, cursor) => void idOf.set(docno as number, cursor.primaryKey))]);
  const times = new Map<string, number>();
  for (const bucket of await bucketsNewestFirst(db)) {
    // Undated articles' time is when they were stored: their rows.
    if (bucket === UNDATED_BUCKET) continue;
    // (Articles of a segment without forward data are read below with the others.)
    for (const { docno, time } of forwardTimes(await readBucket(db, bucket)).dated) {
      const id = idOf.get(docno);
      if (id !== undefined && !Number.isNaN(time)) times.set(id, time);
    }
  }
  const rest = ids.filter((id) => !times.has(id));
  for (let i = 0; i < rest.length; i += ROW_BATCH) {
    for (const row of await db.articles.bulkGet(rest.slice(i, i + ROW_BATCH))) if (row !== undefined) times.set(row.id, row.publishedAt ?? row.addedAt);
  }
  return times;
}
/** Rows read per request (bounds what one request holds in memory). */
const ROW_BATCH = 2_000;
