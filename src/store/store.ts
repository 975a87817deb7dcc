/**
 * The store's typed API: the only way the rest of the extension reads or writes IndexedDB.
 * Writes are whole transactions, so a failure never leaves half an import behind.
 */
import Dexie, { type DexieOptions } from 'dexie';
import type { NewsRecord } from '../record/record';
import type { SegmentRow } from '../index/segments';
import { urlKeys } from '../shared';
import { checkStore, type ConsistencyReport } from './consistency';
import { NewsDatabase } from './db';
import { StoreEvents, type StoreChangeReason } from './events';
import { CONTENT_GENERATION, generationOf, generationRows, READ_GENERATION, type Generations } from './generations';
import { articleFromRecord, mergeArticles, recordUrlKeys, sameArticle } from './merge';
import { finishedStepRows, readMigrationStatus, runDataSteps, type MigrationStatus, type RunOptions } from './migrations';
import { articleIdFor } from '../record/id';
import { articlesByDocno, bucketsNewestFirst, readBucket, updateIndex } from './term-index';
import type { ArticleOrigin, StoredArticle, StoredFeedItem, StoredLink } from './types';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface UpsertResult {
  /** One outcome and id per input record, in input order. */
  outcomes: UpsertOutcome[];
  ids: string[];
  /** Articles created or changed from the records' `related` lists. */
  relatedCreated: number;
  relatedUpdated: number;
  /** Ids of the articles this call added to the store (records' and related entries'). */
  createdIds: string[];
  /** Ids of stored articles whose content this call changed, and of those whose reading time alone changed. */
  updatedIds: string[];
  readIds: string[];
}

export interface StoreOptions {
  name?: string;
  /** For tests and Node tools: an IndexedDB implementation such as fake-indexeddb. */
  indexedDB?: DexieOptions['indexedDB'];
  IDBKeyRange?: DexieOptions['IDBKeyRange'];
  /** Where committed writes are announced (default: this store's own, heard in this context only). */
  events?: StoreEvents;
}

const META_ARTICLE_COUNT = 'articleCount';
const META_LAST_FILLED = 'lastFilledAt';
/** Why a write of records happened, when the caller does not say: by the records' origin. */
const WHY_BY_ORIGIN: Record<ArticleOrigin, StoreChangeReason> = { record: 'import', feed: 'feed', page: 'page', related: 'import' };

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
    const db = this.db;
    return [db.articles, db.links, db.meta, db.segments, db.feedItems];
  }

  /**
   * Stores records (and the articles of their `related` lists, linked to them), merging each
   * with what is stored under any of its URLs. Idempotent: the same records twice change nothing.
   * `why` is what the change is announced as (default: by origin — record: import, feed, page).
   */
  async upsertRecords(records: readonly NewsRecord[], origin: ArticleOrigin, options: { now?: number; readAt?: number; why?: StoreChangeReason } = {}): Promise<UpsertResult> {
    const now = options.now ?? Date.now();
    const db = this.db;
    return db.transaction('rw', this.articleWriteTables(), async () => {
      const allKeys = new Set<string>();
      for (const record of records) {
        for (const key of recordUrlKeys(record)) allKeys.add(key);
        for (const related of record.related) for (const key of recordUrlKeys(related)) allKeys.add(key);
      }
      const working = new Map<string, StoredArticle>();
      const original = new Map<string, StoredArticle>();
      const byKey = new Map<string, string>();
      const existing = await this.articlesWithUrlKeys([...allKeys]);
      for (const article of existing) {
        working.set(article.id, article);
        original.set(article.id, article);
        for (const key of article.urls) if (!byKey.has(key)) byKey.set(key, article.id);
      }
      const merged = new Map<string, string>(); // absorbed id → surviving id
      const outcomes: UpsertOutcome[] = [];
      const mainIds = new Set<string>(); // ids of this batch's own records (not related entries)

      const put = (record: NewsRecord, recordOrigin: ArticleOrigin): string | null => {
        const keys = recordUrlKeys(record);
        if (keys.length === 0) return null;
        const ids = [...new Set(keys.map((key) => byKey.get(key)).filter((id): id is string => id !== undefined))];
        const id = ids[0] ?? articleIdFor(keys[0]!);
        const incoming = articleFromRecord(record, id, recordOrigin, now);
        if (options.readAt !== undefined && recordOrigin !== 'related') incoming.readAt = options.readAt;
        const before = working.get(id);
        let article = before === undefined ? incoming : mergeArticles(before, incoming);
        // One article stored under two ids (two URLs of it were stored apart): absorb the others.
        for (const other of ids.slice(1)) {
          const absorbed = working.get(other);
          if (absorbed === undefined) continue;
          article = mergeArticles(article, { ...absorbed, id });
          working.delete(other);
          merged.set(other, id);
        }
        for (const key of article.urls) byKey.set(key, id);
        working.set(id, article);
        if (recordOrigin !== 'related') {
          // New to the store, or known only as an entry of another record's related list (and now
          // more than that: an exported related-only entry, imported again, stays one).
          if (before === undefined || (before.origin === 'related' && article.origin !== 'related' && !mainIds.has(id))) outcomes.push('created');
          else outcomes.push(sameArticle(before, article) ? 'unchanged' : 'updated');
          mainIds.add(id);
        }
        return id;
      };

      const ids: string[] = [];
      const links: StoredLink[] = [];
      for (const record of records) {
        const id = put(record, origin)!;
        ids.push(id);
        for (const related of record.related) {
          const relatedId = put(related, 'related');
          if (relatedId !== null && relatedId !== id) links.push({ from: id, to: relatedId, kind: 'related' });
        }
      }

      let relatedCreated = 0;
      let relatedUpdated = 0;
      const changed: StoredArticle[] = [];
      for (const [id, article] of working) {
        const before = original.get(id);
        if (before !== undefined && sameArticle(before, article)) continue;
        changed.push(article);
        if (!mainIds.has(id)) {
          if (before === undefined) relatedCreated++;
          else relatedUpdated++;
        }
      }
      const absorbedStored = [...merged.keys()].filter((id) => original.has(id));
      const delta = changed.filter((a) => !original.has(a.id)).length - absorbedStored.length;
      const count = changed.length > 0 || absorbedStored.length > 0 ? await this.countArticlesInTransaction() : 0;
      // The index first: it gives new and changed articles their docno.
      await updateIndex(db, [
        ...changed.map((article) => ({ before: original.get(article.id), after: article })),
        ...absorbedStored.map((id) => ({ before: original.get(id), after: undefined })),
      ]);
      if (changed.length > 0) await db.articles.bulkPut(changed);
      const survivor = (id: string): string => {
        let current = id;
        for (let next = merged.get(current); next !== undefined; next = merged.get(current)) current = next;
        return current;
      };
      if (absorbedStored.length > 0) await this.absorbArticles(new Map(absorbedStored.map((id) => [id, survivor(id)])));
      const liveLinks = links
        .map((link) => ({ ...link, from: survivor(link.from), to: survivor(link.to) }))
        .filter((link) => link.from !== link.to);
      if (liveLinks.length > 0) await db.links.bulkPut(liveLinks);

      // What lookups and views see of an article is its content; a stored article whose reading
      // time (and the hashes of descriptions merged) alone changed got a reading mark. (Compared
      // only where the reading time changed: imports never pay for it.)
      const readMark = (a: StoredArticle): boolean => {
        const before = original.get(a.id);
        return before !== undefined && before.readAt !== a.readAt && sameArticle({ ...before, readAt: a.readAt, sourceHashes: a.sourceHashes }, a);
      };
      const readOnly = changed.filter(readMark).map((a) => a.id);
      const readOnlySet = new Set(readOnly);
      const contentIds = changed.filter((a) => !readOnlySet.has(a.id));
      if (changed.length > 0 || absorbedStored.length > 0) {
        const generations = generationRows({ content: contentIds.length > 0 || absorbedStored.length > 0, read: readOnly.length > 0 || contentIds.some((a) => a.readAt !== original.get(a.id)?.readAt) });
        await db.meta.bulkPut([{ key: META_ARTICLE_COUNT, value: count + delta }, ...generations]);
        this.events.stage(options.why ?? WHY_BY_ORIGIN[origin], {
          created: contentIds.filter((a) => !original.has(a.id)).map((a) => a.id),
          updated: contentIds.filter((a) => original.has(a.id)).map((a) => a.id),
          deleted: absorbedStored,
          read: readOnly,
        });
      }
      // "Filled" means news the user chose to store (imports, feeds), not pages they happened to read.
      if (origin === 'record' || origin === 'feed') await db.meta.put({ key: META_LAST_FILLED, value: now });
      const createdIds = changed.filter((a) => !original.has(a.id)).map((a) => a.id);
      const updatedIds = contentIds.filter((a) => original.has(a.id)).map((a) => a.id);
      return { outcomes, ids: ids.map(survivor), relatedCreated, relatedUpdated, createdIds, updatedIds, readIds: readOnly };
    });
  }

  /** Articles stored under any of these URL keys, each once: one walk of the URL index over the
   * sorted keys (far fewer round trips to IndexedDB than one lookup per key). */
  private async articlesWithUrlKeys(keys: readonly string[]): Promise<StoredArticle[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.articles.where('urls').anyOf([...keys]).toArray();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return [...byId.values()];
  }

  /** Deletes absorbed articles and points their links at the article that absorbed them. */
  private async absorbArticles(merged: Map<string, string>): Promise<void> {
    const db = this.db;
    const absorbedIds = [...merged.keys()];
    await db.articles.bulkDelete(absorbedIds);
    const rewritten: StoredLink[] = [];
    const stale: [string, string][] = [];
    for (const id of absorbedIds) {
      for (const link of await this.linksFromInTransaction(id)) {
        stale.push([link.from, link.to]);
        rewritten.push({ ...link, from: merged.get(id)! });
      }
      for (const link of await db.links.where('to').equals(id).toArray()) {
        stale.push([link.from, link.to]);
        rewritten.push({ ...link, to: merged.get(id)! });
      }
    }
    await db.links.bulkDelete(stale);
    await db.links.bulkPut(rewritten.filter((link) => link.from !== link.to));
    const carried = await db.feedItems.where('articleId').anyOf(absorbedIds).toArray();
    if (carried.length > 0) {
      await db.feedItems.bulkDelete(carried.map((row): [string, string] => [row.feedId, row.articleId]));
      const repointed = new Map<string, StoredFeedItem>();
      for (const row of carried) {
        const articleId = merged.get(row.articleId)!;
        const key = row.feedId + ' ' + articleId;
        const previous = repointed.get(key) ?? (await db.feedItems.get([row.feedId, articleId]));
        repointed.set(key, {
          feedId: row.feedId,
          articleId,
          firstSeenAt: Math.min(row.firstSeenAt, previous?.firstSeenAt ?? Infinity),
          lastSeenAt: Math.max(row.lastSeenAt, previous?.lastSeenAt ?? 0),
        });
      }
      await db.feedItems.bulkPut([...repointed.values()]);
    }
  }

  private linksFromInTransaction(id: string): Promise<StoredLink[]> {
    return this.db.links.where('[from+to]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray();
  }

  private async countArticlesInTransaction(): Promise<number> {
    const row = await this.db.meta.get(META_ARTICLE_COUNT);
    if (typeof row?.value === 'number') return row.value;
    return this.db.articles.count();
  }

  /** The stored article any of these URLs (raw, un-normalised) belongs to. */
  async findByUrls(urls: readonly unknown[]): Promise<StoredArticle | undefined> {
    const keys = urlKeys(urls);
    if (keys.length === 0) return undefined;
    const found = await this.articlesWithUrlKeys(keys);
    // Prefer the article matching the earliest (most authoritative) URL given.
    for (const key of keys) {
      const article = found.find((a) => a.urls.includes(key));
      if (article !== undefined) return article;
    }
    return undefined;
  }

  async getArticle(id: string): Promise<StoredArticle | undefined> {
    return this.db.articles.get(id);
  }

  async getArticles(ids: readonly string[]): Promise<(StoredArticle | undefined)[]> {
    return this.db.articles.bulkGet([...ids]);
  }

  /** Ids of the articles this article's record lists as related. */
  async linkedFrom(id: string): Promise<string[]> {
    return (await this.linksFromInTransaction(id)).map((link) => link.to);
  }

  /** Ids of the articles whose records list this article as related. */
  async linkingTo(id: string): Promise<string[]> {
    return (await this.db.links.where('to').equals(id).toArray()).map((link) => link.from);
  }

  /** Every segment of the index's bucket (one request; see src/store/term-index.ts). */
  segmentsOf(bucket: number): Promise<SegmentRow[]> {
    return readBucket(this.db, bucket);
  }

  /** The index's buckets that hold articles, newest week first, undated (0) last. */
  bucketsNewestFirst(): Promise<number[]> {
    return bucketsNewestFirst(this.db);
  }

  /** Articles by their index number (deleted ones are simply absent). */
  articlesByDocno(docnos: readonly number[]): Promise<StoredArticle[]> {
    return articlesByDocno(this.db, docnos);
  }


  /** The generation of the articles' content (see ./generations): unchanged by reading marks.
   * Undefined for a store never written. */
  async generation(): Promise<string | undefined> {
    return generationOf(await this.db.meta.get(CONTENT_GENERATION));
  }

  /** Both generations: content, and reading marks (for what shows what the user read). */
  async generations(): Promise<Generations> {
    const [content, read] = await this.db.meta.bulkGet([CONTENT_GENERATION, READ_GENERATION]);
    return { content: generationOf(content), read: generationOf(read) };
  }

  /** Runs `read` in one read-only transaction over the index, so a lookup sees one consistent
   * state and pays for one transaction. Store methods called inside join it. `read` must be an
   * `async` function (Dexie keeps the transaction open across its awaits only then). */
  readIndex<T>(read: () => Promise<T>): Promise<T> {
    const db = this.db;
    return db.transaction('r', db.articles, db.segments, db.meta, db.links, read);
  }

  /** Number of stored articles (kept in meta; counted once if missing). */
  async countArticles(): Promise<number> {
    return this.db.transaction('r', this.db.articles, this.db.meta, () => this.countArticlesInTransaction());
  }

  /** Whether records or feed items were ever stored (false again after `clear`). */
  async hasBeenFilled(): Promise<boolean> {
    return (await this.lastFilledAt()) !== undefined;
  }

  async lastFilledAt(): Promise<number | undefined> {
    const row = await this.db.meta.get(META_LAST_FILLED);
    return typeof row?.value === 'number' ? row.value : undefined;
  }

  /** The latest publication time of any stored article. */
  async newestPublishedAt(): Promise<number | undefined> {
    const article = await this.db.articles.orderBy('publishedAt').last();
    return article?.publishedAt;
  }

  /** Articles published in [from, to], newest first, at most `limit`. */
  async articlesPublishedBetween(from: number, to: number, limit: number): Promise<StoredArticle[]> {
    return this.db.articles.where('publishedAt').between(from, to, true, true).reverse().limit(limit).toArray();
  }

  /** The articles the user read most recently, newest first. */
  async recentlyRead(limit: number): Promise<StoredArticle[]> {
    return this.db.articles.orderBy('readAt').reverse().limit(limit).toArray();
  }

  /** Work in progress that must finish even if the worker stops (see src/background/pending-work). */
  async markWork(name: string, value: unknown): Promise<void> {
    await this.db.meta.put({ key: `work:${name}`, value });
  }

  async clearWork(name: string): Promise<void> {
    await this.db.meta.delete(`work:${name}`);
  }

  /** Every work-in-progress mark, by name. */
  async pendingWork(): Promise<Map<string, unknown>> {
    const rows = await this.db.meta.where('key').startsWith('work:').toArray();
    return new Map(rows.map((row) => [row.key.slice('work:'.length), row.value]));
  }

  /** A derived, cached value kept with the store (e.g. the digest), and the generation it was made for. */
  async loadDerived<T>(key: string): Promise<{ value: T; generation: string | undefined } | undefined> {
    const row = await this.db.meta.get(`derived:${key}`);
    if (row === undefined || row.value === null || typeof row.value !== 'object') return undefined;
    return row.value as { value: T; generation: string | undefined };
  }

  async saveDerived<T>(key: string, value: T, generation: string | undefined): Promise<void> {
    await this.db.meta.put({ key: `derived:${key}`, value: { value, generation } });
  }

  /** Deletes articles and every link to or from them (announced as `why`: pruning, unless said). */
  async deleteArticles(ids: readonly string[], why: StoreChangeReason = 'prune'): Promise<number> {
    const db = this.db;
    return db.transaction('rw', this.articleWriteTables(), async () => {
      const articles = (await db.articles.bulkGet([...ids])).filter((a): a is StoredArticle => a !== undefined);
      const present = articles.map((a) => a.id);
      if (present.length === 0) return 0;
      await updateIndex(db, articles.map((article) => ({ before: article, after: undefined })));
      const stale: [string, string][] = [];
      for (const id of present) {
        for (const link of await this.linksFromInTransaction(id)) stale.push([link.from, link.to]);
        for (const link of await db.links.where('to').equals(id).toArray()) stale.push([link.from, link.to]);
      }
      const count = await this.countArticlesInTransaction();
      await db.articles.bulkDelete(present);
      await db.links.bulkDelete(stale);
      await db.feedItems.where('articleId').anyOf(present).delete();
      await db.meta.bulkPut([{ key: META_ARTICLE_COUNT, value: Math.max(0, count - present.length) }, ...generationRows({ content: true, read: articles.some((a) => a.readAt !== undefined) })]);
      this.events.stage(why, { deleted: present });
      return present.length;
    });
  }

  /** Empties the store. Feed subscriptions stay, but forget their HTTP validators so that the
   * next refresh fetches their items again. */
  async clear(): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.articles, db.links, db.meta, db.segments, db.feedItems, db.feeds], async () => {
      await Promise.all([db.articles.clear(), db.links.clear(), db.meta.clear(), db.segments.clear(), db.feedItems.clear()]);
      // An empty store needs no data step (an upgrade's re-indexing has nothing left to do).
      await db.meta.bulkPut([...generationRows({ content: true, read: true }), ...finishedStepRows()]);
      this.events.stage('delete', { cleared: true, feeds: true });
      await db.feeds.toCollection().modify((feed) => {
        delete feed.etag;
        delete feed.lastModified;
      });
    });
  }
}
