/**
 * The same-story engine over the store's index. A lookup reads, in one transaction: the segments
 * of each bucket of its window (one request a bucket: every posting of those weeks, and the
 * forward data of their articles, see src/index/segments.ts), judges the first pass's candidates
 * from that forward data (matcher.ts), and gives the same-story ones' show fields from it too
 * (show-keys.ts): the caller decides what it shows and reads only those rows (find-related.ts).
 * A candidate whose segment has no forward data (written by version 6, before the upgrade's data
 * step reaches its bucket) is read by docno and judged from its row, as before; a same-story one
 * whose segment has no show fields (before the `show-data` step) is read to give them. The work follows
 * the news of the query's fortnight (an undated query's: its newest weeks, three or back to ~1,000
 * dated articles, 104 weeks at most),
 * not the size of the store. A context that keeps answering
 * keeps buckets and candidates' documents in a bounded cache, dropped when the store's content
 * changes (lookup-cache.ts).
 */
import { bucketsFor, newestWeeks, NEWEST_WEEKS, UNDATED_BUCKET, UNDATED_REACH, UNDATED_WEEKS_MAX } from '../index/buckets';
import type { ArticleStore, StoredArticle } from '../store';
import { BucketPostings } from '../index/postings';
import { forwardFields, forwardIndex, forwardShow, type SegmentRow } from '../index/segments';
import { showSourceOf, type ShowSource } from '../index/show-keys';
import { currentHopBars, firstPass, judgeCandidates, secondHop, statsOf, windowOf, type JudgedCandidate, type Via } from './candidates';
import { cacheFor, type LookupCache } from './lookup-cache';
import { toMatchDoc } from './match-doc';
import type { MatchDoc } from './matcher';
import { termFieldsOf } from '../store/row-terms';

export interface RankedCandidate extends JudgedCandidate {
  /** The article's row: there for every candidate with `rows: 'all'`, else only where it was read
   * to judge the candidate or to give its show fields (segments without them). */
  article?: StoredArticle;
  /** What the show decision asks of a same-story candidate (of every one with `rows: 'all'`):
   * from its segment, else from its row. */
  show?: ShowFields;
  /** Shown through a mate (the second hop, candidates.ts secondHop): same story by the mate's
   * judgement, not the query's own (its `score` stays the query's). */
  via?: Via;
}

/** A candidate's show fields and its headline's terms (hashes, in order). */
export interface ShowFields {
  source: ShowSource;
  titleTerms: readonly number[];
}

export interface RankOptions {
  /** Use (and fill) the context's cache (default true). */
  cache?: boolean;
  /** Whose rows to read: same-story candidates only (default) or all (evaluation rankings). */
  rows?: 'shown' | 'all';
  /** The store's content generation, when the caller already read it in this transaction (one
   * request fewer after the query's own URL lookup: see find-related.ts). */
  generation?: { value: string | undefined };
  /** Buckets' segments already asked for in this transaction (prefetchBuckets). */
  prefetched?: ReadonlyMap<number, Promise<SegmentRow[]>>;
  /** Told when each step ends (benchmarks). */
  trace?: LookupTrace;
}

/** Told the name of each step of a lookup as it ends (benchmarks time them). */
export type LookupTrace = (step: string) => void;

/**
 * Starts reading, in the caller's transaction, the buckets a query dated `publishedAt` will want
 * (undated: the undated bucket, which every window holds) that the context's cache does not hold
 * now — while the query's own URL is still being looked up, instead of after it. A stored query
 * dated otherwise than its page said wants other weeks: those are read then, and what was read
 * here for nothing is dropped (same transaction, so the same state either way).
 */
export function prefetchBuckets(store: ArticleStore, publishedAt: number | undefined, options: Pick<RankOptions, 'cache'> = {}): Map<number, Promise<SegmentRow[]>> {
  const cache = options.cache === false ? null : cacheFor(store);
  const out = new Map<number, Promise<SegmentRow[]>>();
  for (const bucket of publishedAt === undefined ? [UNDATED_BUCKET] : bucketsFor(publishedAt, [])) {
    if (cache?.buckets.has(bucket) === true) continue;
    const read = store.segmentsOf(bucket);
    // Not awaited when the query's stored date says other weeks: its failure is then no one's.
    read.catch(() => undefined);
    out.set(bucket, read);
  }
  return out;
}

/** The fields of a stored article the matcher needs, from its row: its index fields where the row
 * keeps them, else the tokenizer's (src/store/row-terms.ts). A lookup takes an indexed article's
 * own document from the segments instead (rankByContent with a stored query). */
export function matchDocOf(article: StoredArticle): MatchDoc {
  const fields = termFieldsOf(article);
  return toMatchDoc({ terms: fields.terms, titleTermCount: fields.titleTermCount, anchors: fields.anchors, publishedAt: article.publishedAt, lang: article.lang });
}

/** A lookup's query: a document (a page read, an article held in memory), or a stored article,
 * whose document is its forward entry in the segments of its own week, which its window holds. */
export type RankQuery = MatchDoc | { stored: StoredArticle };

/** What `read` takes from a docno's forward data in the window's segments, if one holds it. */
function fromForward<T>(postings: readonly BucketPostings[], docno: number, read: (segment: SegmentRow, index: number) => T): T | undefined {
  for (const bucket of postings) {
    for (const segment of bucket.segments) {
      const i = forwardIndex(segment, docno);
      if (i !== -1) return read(segment, i);
    }
  }
  return undefined;
}

const titleTermsOf = (doc: MatchDoc): readonly number[] => doc.terms.slice(0, doc.titleTermCount);

/** Rows by docno (in docno order; the missing left out), from the context's cache where it holds
 * them, the others read together (and kept in the cache). */
export async function rowsByDocno(store: ArticleStore, docnos: readonly number[], cache: LookupCache | null): Promise<StoredArticle[]> {
  const out: StoredArticle[] = [];
  const read: number[] = [];
  for (const docno of docnos) {
    const row = cache?.rows.get(docno);
    if (row === undefined) read.push(docno);
    else out.push(row);
  }
  for (const article of await store.articlesByDocno(read)) {
    cache?.rows.set(article.docno!, article);
    out.push(article);
  }
  return out;
}

/** The dated weeks an undated query reads, newest first, and the segments read to choose them
 * past the newest few (by bucket). */
export interface UndatedWeeks {
  weeks: number[];
  segments: Map<number, SegmentRow[]>;
}

/**
 * The dated weeks an undated query reads (newestWeeks): the NEWEST_WEEKS newest are read first
 * (`read`); when they hold fewer than UNDATED_REACH articles, the weeks before them are read
 * newest first, by one cursor, until they do (the week of the store's UNDATED_REACH-th newest
 * dated article, as newestWeeks takes it) or UNDATED_WEEKS_MAX weeks are read; weeks the context
 * holds (`held`) are counted, not read. A walk of the date index to that article first cost ~10 ms
 * of a cold lookup in Chromium (each entry checked against its row) and then the weeks had to be
 * read anyway (bench/RESULTS.md, sessions 29–30). A busy store's newest weeks hold that many.
 */
export async function undatedWeeks(
  store: ArticleStore,
  read: (bucket: number) => Promise<BucketPostings>,
  held: (bucket: number) => readonly SegmentRow[] | undefined = () => undefined,
): Promise<UndatedWeeks> {
  const newest = newestWeeks(await store.bucketsNewestFirst(), Number.POSITIVE_INFINITY);
  const countOf = (segments: readonly SegmentRow[]): number => segments.reduce((n, segment) => n + segment.count, 0);
  let count = (await Promise.all(newest.map(read))).reduce((sum, week) => sum + countOf(week.segments), 0);
  if (count >= UNDATED_REACH || newest.length < NEWEST_WEEKS) return { weeks: newest, segments: new Map() };
  const weeks = [...newest];
  const segments = await store.segmentsBackFrom(
    newest[newest.length - 1]!,
    (bucket) => held(bucket) !== undefined,
    (bucket, rows) => {
      weeks.push(bucket);
      count += countOf(rows ?? held(bucket) ?? []);
      return count < UNDATED_REACH && weeks.length < UNDATED_WEEKS_MAX;
    },
  );
  return { weeks, segments };
}

/**
 * An undated lookup in a sparse store reads many weeks: past the NEWEST_WEEKS + 1 requests a
 * lookup made before (dated ones still make at most that), the weeks neither held (cached, read or
 * prefetched) are read in one request over each run of them, by bucket — a range over the weeks
 * between runs would read the held ones again (a dated lookup's weeks in the middle of the undated
 * window). `buckets`: the window's, newest first. Undefined: a request a week.
 */
function readTogether(store: ArticleStore, buckets: readonly number[], held: (bucket: number) => boolean): Promise<Map<number, SegmentRow[]>> | undefined {
  const weeks = buckets.filter((b) => b !== UNDATED_BUCKET);
  if (weeks.filter((b) => !held(b)).length <= NEWEST_WEEKS + 1) return undefined;
  const runs: [number, number][] = [];
  let run: [number, number] | undefined;
  for (const b of weeks) {
    if (held(b)) run = undefined;
    else if (run === undefined) runs.push((run = [b, b]));
    else run[0] = b;
  }
  const read = Promise.all(runs.map(([first, last]) => store.segmentsBetween(first, last))).then((parts) => {
    const byBucket = new Map<number, SegmentRow[]>();
    for (const segment of parts.flat()) {
      const list = byBucket.get(segment.bucket);
      if (list === undefined) byBucket.set(segment.bucket, [segment]);
      else list.push(segment);
    }
    return byBucket;
  });
  read.catch(() => undefined);
  return read;
}

/**
 * What a window counts terms over: its buckets, or, for an undated query reading many weeks, the
 * undated bucket and one table of all those weeks. A window's term count is a sum over its parts,
 * asked of every term of every candidate: over ~80 sparse weeks a bucket each, that was most of
 * an undated lookup (ecbplus: p50 0.9 → 5 ms). The weeks' segments are counted as one bucket's,
 * merged into one table at the first count (as a bucket a context uses again is).
 */
function windowParts(buckets: readonly number[], postings: readonly BucketPostings[]): readonly BucketPostings[] {
  if (buckets.length <= NEWEST_WEEKS + 2) return postings;
  const weeks = new BucketPostings(postings.filter((_, i) => buckets[i] !== UNDATED_BUCKET).flatMap((p) => p.segments));
  weeks.reused();
  return [...postings.filter((_, i) => buckets[i] === UNDATED_BUCKET), weeks];
}

export async function rankByContent(store: ArticleStore, asked: RankQuery, excludeDocno: number | undefined, options: RankOptions = {}): Promise<RankedCandidate[]> {
  const stored = 'stored' in asked ? asked.stored : undefined;
  // A stored article's document is read with its week (below); one with no docno (not indexed yet:
  // an upgrade under way) has none there: its row's.
  const given = stored === undefined ? (asked as MatchDoc) : stored.docno === undefined ? matchDocOf(stored) : undefined;
  if (given !== undefined && given.terms.length === 0) return [];
  // The date chooses the window (a stored article's forward entry has its row's date).
  const publishedAt = stored !== undefined ? stored.publishedAt : given!.publishedAt;
  const cache = options.cache === false ? null : cacheFor(store);
  return store.readIndex(async () => {
    cache?.sync(options.generation !== undefined ? options.generation.value : await store.generation());
    // Each bucket read once a lookup (an undated query's newest weeks are read while its window is chosen).
    const reads = new Map<number, Promise<BucketPostings>>();
    // The weeks past the first few: read while an undated window is chosen (undatedWeeks), else in
    // one request a run once it is (readTogether).
    const together: { back?: Map<number, SegmentRow[]>; read?: Promise<Map<number, SegmentRow[]>> | undefined } = {};
    const readBucket = (bucket: number): Promise<BucketPostings> => {
      let read = reads.get(bucket);
      if (read === undefined) reads.set(bucket, (read = bucketPostings(bucket)));
      return read;
    };
    const bucketPostings = async (bucket: number): Promise<BucketPostings> => {
      const cached = cache?.buckets.get(bucket);
      if (cached !== undefined) {
        cache!.bucketHits++;
        cached.reused();
        return cached;
      }
      const read = new BucketPostings(await (options.prefetched?.get(bucket) ?? together.back?.get(bucket) ?? together.read?.then((byBucket) => byBucket.get(bucket) ?? []) ?? store.segmentsOf(bucket)));
      // (Benchmarks: a lookup that had to read a week, and when the last came in.)
      options.trace?.('week-read');
      if (cache !== null) {
        cache.bucketReads++;
        cache.buckets.set(bucket, read);
      }
      return read;
    };
    let newest: readonly number[] = [];
    if (publishedAt === undefined) {
      newest = cache?.newest ?? [];
      if (cache?.newest === undefined) {
        const chosen = await undatedWeeks(store, readBucket, (bucket) => cache?.buckets.get(bucket)?.segments);
        newest = chosen.weeks;
        together.back = chosen.segments;
        if (cache !== null) cache.newest = chosen.weeks;
      }
    }
    const buckets = bucketsFor(publishedAt, newest);
    together.read = readTogether(store, buckets, (bucket) => reads.has(bucket) || together.back?.has(bucket) === true || cache?.buckets.has(bucket) === true || options.prefetched?.has(bucket) === true);
    const postings = await Promise.all(buckets.map(readBucket));
    // The stored query's document: its forward entry (its week is in the window); its row's where
    // its segment has no forward data (before `forward-data-v7` reaches it) or it has no terms.
    const query = given ?? fromForward(postings, stored!.docno!, forwardFields) ?? matchDocOf(stored!);
    if (query.terms.length === 0) return [];
    options.trace?.('segments');
    const parts = windowParts(buckets, postings);
    const window = cache?.window(buckets, parts) ?? windowOf(parts);
    const stats = statsOf(window);
    const ranked = firstPass(query, window, stats.idfOf, new Set(excludeDocno === undefined ? [] : [excludeDocno]));
    options.trace?.('first-pass');
    const docs = new Map<number, MatchDoc>();
    const rows = new Map<number, StoredArticle>();
    const missing: number[] = [];
    let hits = 0;
    for (const docno of ranked) {
      const cached = cache?.docs.get(docno);
      if (cached !== undefined) hits++;
      const doc = cached ?? fromForward(postings, docno, forwardFields);
      if (doc === undefined) missing.push(docno);
      else {
        docs.set(docno, doc);
        if (cached === undefined) cache?.docs.set(docno, doc);
      }
    }
    if (cache !== null) {
      cache.hits += hits;
      cache.misses += ranked.length - hits;
      cache.rowReads += missing.length;
    }
    const readRows = (docnos: readonly number[]): Promise<StoredArticle[]> => rowsByDocno(store, docnos, cache);
    // Segments without forward data (an upgrade under way): those candidates' rows, as before.
    // (An evaluation's ranking wants every candidate's row: all in the same read.)
    const missed = new Set(missing);
    for (const article of await readRows(options.rows === 'all' ? ranked : missing)) {
      rows.set(article.docno!, article);
      if (!missed.has(article.docno!)) continue;
      const doc = matchDocOf(article);
      docs.set(article.docno!, doc);
      cache?.docs.set(article.docno!, doc);
    }
    options.trace?.('candidates');
    // What is shown needs only the same-story candidates (screened: candidates.ts); an
    // evaluation's ranking, every one.
    const alone = judgeCandidates(query, ranked, docs, window, { sameStoryOnly: options.rows !== 'all', near: currentHopBars().near });
    options.trace?.('alone');
    // The second hop, in the same window (no read: documents from the cache or the segments).
    const exclude = new Set(excludeDocno === undefined ? [] : [excludeDocno]);
    const docOf = (docno: number): MatchDoc | undefined => docs.get(docno) ?? cache?.docs.get(docno) ?? fromForward(postings, docno, forwardFields);
    const vias = secondHop(alone, window, docOf, exclude);
    // (The near pool's others are no matches: only an evaluation's ranking wants them.)
    const judged = alone.flatMap((c): (JudgedCandidate & { via?: Via })[] => {
      const via = vias.get(c.docno);
      if (via !== undefined) return [{ ...c, sameStory: true, via }];
      return c.sameStory || options.rows === 'all' ? [c] : [];
    });
    options.trace?.('judged');
    // Show fields of what may be shown from the segments; rows only where a segment has none
    // (before the `show-data` step) or every row is wanted (evaluation).
    const shows = new Map<number, ShowSource>();
    for (const c of judged) {
      if (!c.sameStory && options.rows !== 'all') continue;
      const show = fromForward(postings, c.docno, forwardShow);
      if (show !== undefined) shows.set(c.docno, show);
    }
    const wanted = judged.filter((c) => (options.rows === 'all' || (c.sameStory && !shows.has(c.docno))) && !rows.has(c.docno)).map((c) => c.docno);
    for (const article of await readRows(wanted)) rows.set(article.docno!, article);
    options.trace?.('engine');
    if (cache !== null) cache.showRowReads += judged.filter((c) => c.sameStory && !shows.has(c.docno)).length;
    return judged.map((c): RankedCandidate => {
      const article = rows.get(c.docno);
      const out: RankedCandidate = article === undefined ? c : { ...c, article };
      if (!c.sameStory && options.rows !== 'all') return out;
      const source = shows.get(c.docno) ?? (article === undefined ? undefined : showSourceOf(article));
      if (source !== undefined) out.show = { source, titleTerms: titleTermsOf(docs.get(c.docno)!) };
      return out;
    });
  });
}
