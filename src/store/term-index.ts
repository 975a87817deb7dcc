/**
 * The same-story index in IndexedDB: articles get a docno (a small number, in the `&docno` index
 * of `articles`) and their terms are posted in segment rows per time bucket (see
 * src/index/segments.ts). Called inside the store's write transactions with what changed, so the
 * index always matches the articles; read by the engine one bucket per request.
 */
import Dexie from 'dexie';
import { bucketOf, UNDATED_BUCKET } from '../index/buckets';
import { buildSegment, compact, hasShowFields, MAX_SEGMENTS, type IndexedDoc, type SegmentRow } from '../index/segments';
import { showSourceOf } from '../index/show-keys';
import { allRequests } from './native-requests';
import { storedRow, termFieldsOf } from './row-terms';
import type { StoreTables } from './tables';
import type { StoredArticle } from './types';

/** The tables the index lives in: the database's, or a data step's. */
export type IndexTables = Pick<StoreTables, 'articles' | 'segments' | 'meta'>;

const META_NEXT_DOCNO = 'nextDocno';

/** One article's index-relevant change: before (stored) and after (to be stored; absent when deleted). */
export interface IndexChange {
  before: StoredArticle | undefined;
  after: StoredArticle | undefined;
  /** Posted again even with the same text (the tokenizer changed: reindexArticles). */
  again?: boolean;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).length === (b ?? []).length && (a ?? []).every((t, i) => t === b![i]);
}

/** The same postings and forward data (segments.ts): what the matcher and the show decision
 * (URL, outlet, headline: show-keys.ts) read of an article. Its terms are the tokenizer's of title,
 * excerpt and language (row-terms.ts), so those are compared; and the terms too where both sides
 * still have them (a row stored before `drop-row-terms`, indexed by an earlier tokenizer). */
function sameIndexEntry(a: StoredArticle, b: StoredArticle): boolean {
  const termsKnown = a.terms !== undefined && b.terms !== undefined;
  return (
    a.publishedAt === b.publishedAt &&
    a.lang === b.lang &&
    a.title === b.title &&
    a.excerpt === b.excerpt &&
    (!termsKnown || (a.titleTermCount === b.titleTermCount && sameList(a.terms, b.terms) && sameList(a.anchors, b.anchors))) &&
    a.url === b.url &&
    a.id === b.id &&
    a.domain === b.domain
  );
}

/** URL keys a writer has already worked out, by the URL they are the key of (see showSourceOf). */
export type KnownUrlKeys = ReadonlyMap<string, string | null>;

/**
 * Brings the index in line with these changes. Must run inside a rw transaction over `articles`,
 * `segments` and `meta`, before the `after` rows are written: it sets their `docno`. `known`: URL
 * keys the caller has (the rest are parsed).
 */
export async function updateIndex(db: IndexTables, changes: readonly IndexChange[], known?: KnownUrlKeys): Promise<void> {
  const added = new Map<number, IndexedDoc[]>();
  const removed = new Map<number, Set<number>>();
  const needDocno: StoredArticle[] = [];
  for (const { before, after, again } of changes) {
    const keep = again !== true && before !== undefined && after !== undefined && before.docno !== undefined && sameIndexEntry(before, after);
    if (keep) {
      after.docno = before.docno;
      continue;
    }
    if (before?.docno !== undefined) addTo(removed, bucketOf(before.publishedAt), before.docno);
    if (after !== undefined) needDocno.push(after);
  }
  if (needDocno.length > 0) {
    const row = await db.meta.get(META_NEXT_DOCNO);
    let next = typeof row?.value === 'number' ? row.value : 1;
    for (const article of needDocno) {
      article.docno = next++;
      const bucket = bucketOf(article.publishedAt);
      const list = added.get(bucket);
      const doc = indexedDoc(article, known);
      if (list === undefined) added.set(bucket, [doc]);
      else list.push(doc);
    }
    await db.meta.put({ key: META_NEXT_DOCNO, value: next });
  }
  const buckets = new Set([...added.keys(), ...removed.keys()]);
  await Promise.all([...buckets].map((bucket) => writeBucket(db, bucket, added.get(bucket) ?? [], removed.get(bucket) ?? new Set())));
}

function addTo(map: Map<number, Set<number>>, key: number, value: number): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

async function writeBucket(db: IndexTables, bucket: number, docs: readonly IndexedDoc[], removed: ReadonlySet<number>): Promise<void> {
  const keys = (await db.segments.where('[bucket+seq]').between([bucket, Dexie.minKey], [bucket, Dexie.maxKey]).primaryKeys()) as [number, number][];
  const nextSeq = keys.length === 0 ? 0 : keys[keys.length - 1]![1] + 1;
  if (removed.size === 0 && keys.length < MAX_SEGMENTS) {
    if (docs.length > 0) await db.segments.put(buildSegment(bucket, nextSeq, docs));
    return;
  }
  // Articles left the bucket, or it holds too many segments: one segment for all of it.
  const segments = await readBucket(db, bucket);
  const merged = compact(bucket, nextSeq, docs.length > 0 ? [...segments, buildSegment(bucket, -1, docs)] : segments, removed);
  await db.segments.bulkDelete(keys);
  if (merged.hashes.length > 0 || merged.count > 0) await db.segments.put(merged);
}

/** Every segment of a bucket, in one request. */
export function readBucket(db: IndexTables, bucket: number): Promise<SegmentRow[]> {
  return db.segments.where('[bucket+seq]').between([bucket, Dexie.minKey], [bucket, Dexie.maxKey]).toArray();
}

/** Every segment of the buckets from `first` to `last` (inclusive), in one request: an undated
 * lookup's many sparse weeks (engine.ts) without a request a week. */
export function readBuckets(db: IndexTables, first: number, last: number): Promise<SegmentRow[]> {
  return db.segments.where('[bucket+seq]').between([first, Dexie.minKey], [last, Dexie.maxKey], true, true).toArray();
}

/**
 * The segments of the dated buckets older than `before`, newest bucket first, in one walk of a
 * cursor that stops where `more` says: asked after each bucket with its segments (undefined for a
 * bucket `held` says the caller has: skipped, not read), it answers whether to go on. An undated
 * lookup reads back this way to its reach (engine.ts undatedWeeks) instead of walking the date
 * index to find how far and then reading the range: the rows it reads are its window's own. Steps
 * by `advance(1)`: a plain `continue()` lets Chromium prefetch rows ahead, which past the stop
 * would be older weeks read for nothing (a busy week's segments are large). Needs the caller's
 * transaction (a lookup's `readIndex`).
 */
export function segmentsBackFrom(before: number, held: (bucket: number) => boolean, more: (bucket: number, segments: SegmentRow[] | undefined) => boolean): Promise<Map<number, SegmentRow[]>> {
  const transaction = Dexie.currentTransaction?.idbtrans;
  if (transaction === undefined || transaction === null || !transaction.objectStoreNames.contains('segments')) return Dexie.Promise.reject(new Error('segmentsBackFrom needs a transaction over segments'));
  return new Dexie.Promise<Map<number, SegmentRow[]>>((resolve, reject) => {
    const out = new Map<number, SegmentRow[]>();
    const request = transaction.objectStore('segments').openCursor(IDBKeyRange.bound([UNDATED_BUCKET + 1, -Infinity], [before, -Infinity], false, true), 'prev');
    let current: number | undefined;
    let rows: SegmentRow[] = [];
    request.onerror = () => reject(request.error ?? new Error('segment read failed'));
    request.onsuccess = () => {
      try {
        step();
      } catch (error) {
        // (A throw in an event handler would leave the promise pending.)
        reject(error);
      }
    };
    const step = (): void => {
      const cursor = request.result;
      const row = cursor === null ? undefined : (cursor.value as SegmentRow);
      if (current !== undefined && row?.bucket !== current) {
        out.set(current, rows);
        const go = more(current, rows);
        current = undefined;
        if (!go) return resolve(out);
      }
      if (cursor === null || row === undefined) return resolve(out);
      if (current === undefined) {
        if (held(row.bucket)) {
          if (!more(row.bucket, undefined)) return resolve(out);
          // Past the bucket's rows: the next is the newest of an older bucket.
          return cursor.continue([row.bucket, -Infinity]);
        }
        current = row.bucket;
        rows = [];
      }
      rows.push(row);
      cursor.advance(1);
    };
  });
}

/** The buckets that hold articles, newest first (the undated bucket, 0, last). */
export async function bucketsNewestFirst(db: IndexTables): Promise<number[]> {
  const keys = (await db.segments.orderBy(':id').reverse().primaryKeys()) as unknown as [number, number][];
  const out: number[] = [];
  for (const [bucket] of keys) if (out[out.length - 1] !== bucket) out.push(bucket);
  return out;
}

/**
 * Articles by docno (in docno order). Inside a transaction (a lookup's `readIndex`) the gets are
 * issued together on the native transaction: a walk of the docno index (Dexie's `anyOf`) waits
 * for JavaScript between its steps, one round trip to the browser's IndexedDB per candidate —
 * most of a lookup's time in Chromium (80 candidates: ~50 ms against ~5 ms issued together).
 * One promise for all of them, settled by the last request (a promise a get, through Dexie's
 * zone bookkeeping, was a visible part of a warm lookup's JavaScript).
 */
export async function articlesByDocno(db: IndexTables, docnos: readonly number[]): Promise<StoredArticle[]> {
  if (docnos.length === 0) return [];
  const wanted = [...new Set(docnos)].sort((a, b) => a - b);
  const transaction = Dexie.currentTransaction?.idbtrans;
  if (transaction === undefined || transaction === null || !transaction.objectStoreNames.contains('articles')) return db.articles.where('docno').anyOf(wanted).toArray();
  const index = transaction.objectStore('articles').index('docno');
  const rows = await allRequests<StoredArticle | undefined>(wanted.length, (i) => index.get(wanted[i]!), 'article read');
  return rows.filter((row): row is StoredArticle => row !== undefined);
}

/** What the index posts of an article: its index fields (the writer's, else the tokenizer's from
 * its row: row-terms.ts — a rewrite indexes the current truth), date, language and show fields. */
export function indexedDoc(article: StoredArticle, known?: KnownUrlKeys): IndexedDoc {
  const fields = termFieldsOf(article);
  return { docno: article.docno!, terms: fields.terms, titleTermCount: fields.titleTermCount, anchors: fields.anchors, publishedAt: article.publishedAt, lang: article.lang, show: showSourceOf(article, known?.get(article.url)) };
}

/**
 * Rewrites whole buckets in bucket order, after `after` (null: from the first), until about `size`
 * articles are done: each bucket's segments become one, postings and forward data made from the
 * rows of the articles they post (docnos kept, so nothing moves under a reader). What the upgrade
 * to version 7 does to segments written without forward data, and the `show-data` step to those
 * without show fields (a bucket that has both for every article is left as it is). Runs inside
 * the caller's read-write transaction. Returns the last bucket done and how many articles, or null when none was left.
 */
export async function rewriteBuckets(db: IndexTables, after: number | null, size: number): Promise<{ last: number; articles: number } | null> {
  let articles = 0;
  let last: number | null = null;
  while (articles < size) {
    const from = last ?? after;
    const collection = from === null ? db.segments.orderBy(':id') : db.segments.where('[bucket+seq]').above([from, Dexie.maxKey]);
    const next = (await collection.limit(1).primaryKeys()) as unknown as [number, number][];
    if (next.length === 0) break;
    last = next[0]![0];
    articles += await rewriteBucket(db, last);
  }
  return last === null ? null : { last, articles };
}

async function rewriteBucket(db: IndexTables, bucket: number): Promise<number> {
  const keys = (await db.segments.where('[bucket+seq]').between([bucket, Dexie.minKey], [bucket, Dexie.maxKey]).primaryKeys()) as [number, number][];
  const segments = await readBucket(db, bucket);
  // Written with forward data and show fields for every article already (e.g. by version 5's
  // re-index step, or since the `show-data` step): as it is.
  if (segments.every((segment) => segment.forward !== undefined && segment.forward.docnos.length === segment.count && hasShowFields(segment.forward))) return segments.reduce((n, segment) => n + segment.count, 0);
  const docnos = new Set<number>();
  for (const segment of segments) for (const docno of segment.docnos) docnos.add(docno);
  const rows = await articlesByDocno(db, [...docnos]);
  await db.segments.bulkDelete(keys);
  const docs = rows.filter((article) => article.docno !== undefined).map((article) => indexedDoc(article));
  if (docs.length > 0) await db.segments.put(buildSegment(bucket, keys[keys.length - 1]![1] + 1, docs));
  return docs.length;
}

/** Index entries of every article again, from scratch (upgrades, repair). */
export async function rebuildIndex(db: IndexTables): Promise<void> {
  await db.segments.clear();
  // New docnos continue after the old ones: articles keep theirs until rewritten, and the docno
  // index is unique.
  const changes: IndexChange[] = [];
  await db.articles.each((article) => {
    delete article.docno;
    changes.push({ before: undefined, after: article });
  });
  for (let i = 0; i < changes.length; i += 2000) {
    const batch = changes.slice(i, i + 2000);
    await updateIndex(db, batch);
    await db.articles.bulkPut(batch.map((c) => storedRow(c.after!)));
  }
}
