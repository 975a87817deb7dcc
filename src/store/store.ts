/**
 * The store's typed API: the only way the rest of the extension reads or writes IndexedDB.
 * Writes are whole transactions, so a failure never leaves half an import behind.
 * A thin facade over one module a job: writes of records (./upsert), deletions (./delete),
 * reads of articles, links and the index (./reads), counts, generations and other values kept in
 * `meta` (./meta), upgrades and checks (./migrations, ./consistency).
 */
import type Dexie from 'dexie';
import type { DexieOptions } from 'dexie';
import type { NewsRecord } from '../record/record';
import type { SegmentRow } from '../index/segments';
import { checkStore, type ConsistencyReport } from './consistency';
import * as dates from './dates';
import { NewsDatabase } from './db';
import { clearStore, deleteArticles } from './delete';
import { StoreEvents, type StoreChangeReason } from './events';
import type { Generations } from './generations';
import * as meta from './meta';
import { readMigrationStatus, runDataSteps, type MigrationStatus, type RunOptions } from './migrations';
import * as reads from './reads';
import { articleWriteTables } from './tables';
import type { ArticleOrigin, StoredArticle } from './types';
import { upsertPrepared, upsertRecords, type PreparedBatch, type PreparedUpsertOptions, type UpsertResult } from './upsert';

export type { PreparedBatch, UpsertOutcome, UpsertResult } from './upsert';
export { assembleRecord, prepareRecord, recordFacts, type PreparedRecord, type RecordFacts } from './merge';
export { WrittenUrlKeys } from './written-url-keys';

export interface StoreOptions {
  name?: string;
  /** For tests and Node tools: an IndexedDB implementation such as fake-indexeddb. */
  indexedDB?: DexieOptions['indexedDB'];
  IDBKeyRange?: DexieOptions['IDBKeyRange'];
  /** Where committed writes are announced (default: this store's own, heard in this context only). */
  events?: StoreEvents;
}

export class ArticleStore {
  readonly db: NewsDatabase;
  /** Every committed write is announced here (see ./events). */
  readonly events: StoreEvents;

  constructor(options: StoreOptions = {}) {
    this.events = options.events ?? new StoreEvents();
    const dexieOptions: DexieOptions = {};
    if (options.indexedDB) dexieOptions.indexedDB = options.indexedDB;
    if (options.IDBKeyRange) dexieOptions.IDBKeyRange = options.IDBKeyRange;
    this.db = new NewsDatabase(options.name, dexieOptions);
  }

  close(): void {
    this.db.close();
  }

  /** Runs the data steps an upgrade left (see ./migrations) to the end; resumes where a stopped
   * run left off. True when none is left.
   * Articles a batch changes are announced (`why: 'upgrade'`) when it commits. */
  finishUpgrade(options?: Omit<RunOptions, 'onArticlesChanged'>): Promise<boolean> {
    return runDataSteps(this.db, { ...options, onArticlesChanged: (ids) => this.events.stage('upgrade', { updated: ids }) });
  }

  /** Checks the store's invariants (see ./consistency) and, with `repair`, fixes what is wrong;
   * what a repair changes is announced (`why: 'upgrade'`) when it commits. */
  check(options: { repair: boolean }): Promise<ConsistencyReport> {
    return checkStore(this.db, { ...options, changed: (part) => this.events.stage('upgrade', part) });
  }

  /** The data steps still to run, with their progress (pages say "Updating the store: n of m"). */
  upgradeStatus(): Promise<MigrationStatus> {
    return readMigrationStatus(this.db);
  }

  /** Every table that writing or deleting articles touches: a caller that wraps store writes in
   * its own transaction (with tables of its own) must include these. feedItems: absorbing or
   * deleting an article re-points or drops the feeds that carried it. */
  articleWriteTables(): Dexie.Table[] {
    return articleWriteTables(this.db);
  }

  /**
   * Stores records (and the articles of their `related` lists, linked to them), merging each
   * with what is stored under any of its URLs. Idempotent: the same records twice change nothing.
   * `why` is what the change is announced as (default: by origin — record: import, feed, page).
   */
  upsertRecords(records: readonly NewsRecord[], origin: ArticleOrigin, options: { now?: number; readAt?: number; why?: StoreChangeReason } = {}): Promise<UpsertResult> {
    return upsertRecords(this.db, this.events, records, origin, options);
  }

  /** Stores records prepared ahead (see prepareBatch, prepareRecord): the same as upsertRecords,
   * with only the reads, merges and writes left to do in the transaction (a writer prepares the
   * next batch while this one's transaction runs: src/ingest/batch-writer.ts). */
  upsertPrepared(batch: PreparedBatch, options: PreparedUpsertOptions = {}): Promise<UpsertResult> {
    return upsertPrepared(this.db, this.events, batch, options);
  }

  /** The stored article any of these URLs (raw, un-normalised) belongs to. */
  findByUrls(urls: readonly unknown[]): Promise<StoredArticle | undefined> {
    return reads.findByUrls(this.db, urls);
  }

  getArticle(id: string): Promise<StoredArticle | undefined> {
    return reads.getArticle(this.db, id);
  }

  getArticles(ids: readonly string[]): Promise<(StoredArticle | undefined)[]> {
    return reads.getArticles(this.db, ids);
  }

  /** Ids of the articles this article's record lists as related. */
  linkedFrom(id: string): Promise<string[]> {
    return reads.linkedFrom(this.db, id);
  }

  /** Ids of the articles whose records list this article as related. */
  linkingTo(id: string): Promise<string[]> {
    return reads.linkingTo(this.db, id);
  }

  /** Every segment of the index's bucket (one request; see src/store/term-index.ts). */
  segmentsOf(bucket: number): Promise<SegmentRow[]> {
    return reads.segmentsOf(this.db, bucket);
  }

  /** Every segment of the buckets from `first` to `last`, inclusive (one request). */
  segmentsBetween(first: number, last: number): Promise<SegmentRow[]> {
    return reads.segmentsBetween(this.db, first, last);
  }

  /** The segments of the dated buckets older than `before`, newest first, until `more` says stop
   * (one cursor, in a read of the index; see src/store/term-index.ts). */
  segmentsBackFrom(before: number, held: (bucket: number) => boolean, more: (bucket: number, segments: SegmentRow[] | undefined) => boolean): Promise<Map<number, SegmentRow[]>> {
    return this.readIndex(async () => reads.segmentsBackFrom(before, held, more));
  }

  /** The publication time of the `n`-th newest dated article (1: the newest); undefined when fewer are stored.
   * (The week an undated lookup reads back to by its segments' counts, by the rows: tests check one by the other.) */
  publishedAtOfNewest(n: number): Promise<number | undefined> {
    return reads.publishedAtOfNewest(this.db, n);
  }

  /** The index's buckets that hold articles, newest week first, undated (0) last. */
  bucketsNewestFirst(): Promise<number[]> {
    return reads.bucketsNewestFirst(this.db);
  }

  /** Articles by their index number (deleted ones are simply absent). */
  articlesByDocno(docnos: readonly number[]): Promise<StoredArticle[]> {
    return reads.articlesByDocno(this.db, docnos);
  }

  /** The generation of the articles' content (see ./generations): unchanged by reading marks.
   * Undefined for a store never written. */
  generation(): Promise<string | undefined> {
    return meta.generation(this.db);
  }

  /** Both generations: content, and reading marks (for what shows what the user read). */
  generations(): Promise<Generations> {
    return meta.generations(this.db);
  }

  /** Runs `read` in one read-only transaction over the index, so a lookup sees one consistent
   * state and pays for one transaction. Store methods called inside join it. `read` must be an
   * `async` function (Dexie keeps the transaction open across its awaits only then). */
  readIndex<T>(read: () => Promise<T>): Promise<T> {
    return reads.readIndex(this.db, read);
  }

  /** As readIndex, but gives `read`'s answer as soon as it has it, not once the transaction has
   * committed (see reads.ts). */
  readIndexAnswer<T>(read: () => Promise<T>): Promise<T> {
    return reads.readIndexAnswer(this.db, read);
  }

  /** Number of stored articles (kept in meta; counted once if missing). */
  countArticles(): Promise<number> {
    return meta.countArticles(this.db);
  }

  /** Whether records or feed items were ever stored (false again after `clear`). */
  hasBeenFilled(): Promise<boolean> {
    return meta.hasBeenFilled(this.db);
  }

  lastFilledAt(): Promise<number | undefined> {
    return meta.lastFilledAt(this.db);
  }

  /** The latest publication time of any indexed article (see ./dates). */
  newestPublishedAt(): Promise<number | undefined> {
    return dates.newestPublishedAt(this.db);
  }

  /** Indexed articles published in [from, to], newest first, at most `limit` (see ./dates). */
  articlesPublishedBetween(from: number, to: number, limit: number): Promise<StoredArticle[]> {
    return dates.articlesPublishedBetween(this.db, from, to, limit);
  }

  /** articlesPublishedBetween, each article with its forward entry (the digest's stories). */
  indexedArticlesPublishedBetween(from: number, to: number, limit: number): Promise<dates.IndexedArticle[]> {
    return dates.indexedArticlesPublishedBetween(this.db, from, to, limit);
  }

  /** The articles the user read most recently, newest first. */
  recentlyRead(limit: number): Promise<StoredArticle[]> {
    return meta.recentlyRead(this.db, limit);
  }

  /** Work in progress that must finish even if the worker stops (see src/background/pending-work). */
  markWork(name: string, value: unknown): Promise<void> {
    return meta.markWork(this.db, name, value);
  }

  clearWork(name: string): Promise<void> {
    return meta.clearWork(this.db, name);
  }

  /** Every work-in-progress mark, by name. */
  pendingWork(): Promise<Map<string, unknown>> {
    return meta.pendingWork(this.db);
  }

  /** A derived, cached value kept with the store (e.g. the digest), and the generation it was made for. */
  loadDerived<T>(key: string): Promise<{ value: T; generation: string | undefined } | undefined> {
    return meta.loadDerived<T>(this.db, key);
  }

  saveDerived<T>(key: string, value: T, generation: string | undefined): Promise<void> {
    return meta.saveDerived(this.db, key, value, generation);
  }

  /** Deletes articles and every link to or from them (announced as `why`: pruning, unless said). */
  deleteArticles(ids: readonly string[], why: StoreChangeReason = 'prune'): Promise<number> {
    return deleteArticles(this.db, this.events, ids, why);
  }

  /** Empties the store. Feed subscriptions stay, but forget their HTTP validators so that the
   * next refresh fetches their items again. */
  clear(): Promise<void> {
    return clearStore(this.db, this.events);
  }
}
