/**
 * Writes of records: each record (and each entry of its `related` list) is merged with what is
 * stored under any of its URLs, articles found to be one are absorbed into one (their links and
 * feed memberships re-pointed), and the index, count and generations follow, all in one
 * transaction over the article tables. The largest job of the store, kept apart from reads and
 * deletions so its rules can be read in one place.
 */
import type { NewsRecord } from '../record/record';
import type { StoreChangeReason, StoreEvents } from './events';
import { CONTENT_GENERATION, generationRows } from './generations';
import { mergeArticles, prepareRecord, sameArticle, type PreparedEntry, type PreparedRecord } from './merge';
import { countArticlesInTransaction, generation, META_ARTICLE_COUNT, META_LAST_FILLED } from './meta';
import { articlesWithUrlKeys, linksFrom, linksTo } from './reads';
import { storedRow } from './row-terms';
import { articleWriteTables, type StoreDatabase, type StoreTables } from './tables';
import { updateIndex } from './term-index';
import { writeTransaction } from './write-transaction';
import type { WrittenUrlKeys } from './written-url-keys';
import type { ArticleOrigin, MetaRow, StoredArticle, StoredFeedItem, StoredLink } from './types';

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

export interface UpsertOptions {
  /** The time the write is stored as (default: now). */
  now?: number;
  /** Marks the records' own articles (not related entries) as read at this time. */
  readAt?: number;
  /** What the change is announced as (default: by origin — record: import, feed, page). */
  why?: StoreChangeReason;
}

export interface PreparedUpsertOptions extends Omit<UpsertOptions, 'now'> {
  /** A writer's batches in turn (an import's): what it wrote so far, so that keys it never wrote
   * are not read while no one else writes (see WrittenUrlKeys). Learns each committed batch. */
  writtenKeys?: WrittenUrlKeys;
}

/** Why a write of records happened, when the caller does not say: by the records' origin. */
const WHY_BY_ORIGIN: Record<ArticleOrigin, StoreChangeReason> = { record: 'import', feed: 'feed', page: 'page', related: 'import' };

/** Records worked out ahead of their write (see prepareRecord), with the time they are stored as. */
export interface PreparedBatch {
  origin: ArticleOrigin;
  now: number;
  records: readonly PreparedRecord[];
}

/** Prepares records for upsertPrepared, all at once (see prepareRecord to do it a record at a time). */
export function prepareBatch(records: readonly NewsRecord[], origin: ArticleOrigin, now: number = Date.now()): PreparedBatch {
  return { origin, now, records: records.map((record) => prepareRecord(record, origin, now)) };
}

/**
 * Stores records (and the articles of their `related` lists, linked to them), merging each
 * with what is stored under any of its URLs. Idempotent: the same records twice change nothing.
 */
export async function upsertRecords(db: StoreDatabase, events: StoreEvents, records: readonly NewsRecord[], origin: ArticleOrigin, options: UpsertOptions = {}): Promise<UpsertResult> {
  return upsertPrepared(db, events, prepareBatch(records, origin, options.now), options);
}

/** upsertRecords for records already prepared: only reads, merges and writes run in the transaction. */
export async function upsertPrepared(db: StoreDatabase, events: StoreEvents, batch: PreparedBatch, options: PreparedUpsertOptions = {}): Promise<UpsertResult> {
  const { origin, now } = batch;
  const written = options.writtenKeys;
  /** What the writer learns of this batch, once its transaction has committed. */
  let learned: Parameters<WrittenUrlKeys['learn']> | undefined;
  const writing = writeTransaction(db, articleWriteTables(db), async () => {
    const allKeys = new Set<string>();
    for (const prepared of batch.records) {
      for (const entry of [prepared.own, ...prepared.related]) for (const key of entry.keys) allKeys.add(key);
    }
    const working = new Map<string, StoredArticle>();
    const original = new Map<string, StoredArticle>();
    const byKey = new Map<string, string>();
    const keys = [...allKeys];
    const trusted = written === undefined ? null : written.trustedGeneration;
    // The count (and, for a writer that keeps its keys, the generation) is read with the URL keys:
    // one round trip (nothing is written yet). Keys the writer never wrote are read only if
    // someone else wrote since its last batch (the generation moved): rows in the same order.
    const [firstRead, count, generationBefore] = await Promise.all([
      articlesWithUrlKeys(db, trusted === null ? keys : keys.filter((key) => written!.mightBeStored(key))),
      countArticlesInTransaction(db),
      written === undefined ? undefined : generation(db),
    ]);
    let existing = firstRead;
    if (trusted !== null && generationBefore !== trusted) {
      written!.forget();
      existing = await articlesWithUrlKeys(db, keys);
    }
    // Empty by the kept count is checked on the rows (a wrong count must not hide stored keys);
    // only then, so a large store is never counted.
    const wasEmpty = written !== undefined && trusted === null && count === 0 && (await db.articles.count()) === 0;
    for (const article of existing) {
      working.set(article.id, article);
      original.set(article.id, article);
      for (const key of article.urls) if (!byKey.has(key)) byKey.set(key, article.id);
    }
    const merged = new Map<string, string>(); // absorbed id → surviving id
    const outcomes: UpsertOutcome[] = [];
    const mainIds = new Set<string>(); // ids of this batch's own records (not related entries)

    const put = (entry: PreparedEntry, recordOrigin: ArticleOrigin): string | null => {
      if (entry.article === undefined) return null;
      const ids = [...new Set(entry.keys.map((key) => byKey.get(key)).filter((id): id is string => id !== undefined))];
      // A copy: the prepared article is the batch's, and the write sets fields on what it stores.
      const incoming: StoredArticle = { ...entry.article, id: ids[0] ?? entry.article.id };
      const id = incoming.id;
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
    for (const prepared of batch.records) {
      const id = put(prepared.own, origin)!;
      ids.push(id);
      for (const related of prepared.related) {
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
    // The index first: it gives new and changed articles their docno. The batch's entries know the
    // URL key of the URL their article opens: not parsed again for the show fields.
    const openKeys = new Map<string, string | null>();
    for (const prepared of batch.records) {
      for (const entry of [prepared.own, ...prepared.related]) if (entry.article !== undefined) openKeys.set(entry.article.url, entry.openKey);
    }
    await updateIndex(db, [
      ...changed.map((article) => ({ before: original.get(article.id), after: article })),
      ...absorbedStored.map((id) => ({ before: original.get(id), after: undefined })),
    ], openKeys);
    // Writes that nothing later in the transaction reads are issued together, not one round trip
    // each (IndexedDB runs a transaction's requests in order anyway).
    const writes: Promise<unknown>[] = [];
    // Rows without index fields: the segments just written hold them (row-terms.ts).
    if (changed.length > 0) writes.push(db.articles.bulkPut(changed.map(storedRow)));
    const survivor = (id: string): string => {
      let current = id;
      for (let next = merged.get(current); next !== undefined; next = merged.get(current)) current = next;
      return current;
    };
    if (absorbedStored.length > 0) {
      await Promise.all(writes.splice(0));
      await absorbArticles(db, new Map(absorbedStored.map((id) => [id, survivor(id)])));
    }
    const liveLinks = links
      .map((link) => ({ ...link, from: survivor(link.from), to: survivor(link.to) }))
      .filter((link) => link.from !== link.to);
    if (liveLinks.length > 0) writes.push(db.links.bulkPut(liveLinks));

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
    const metaRows: MetaRow[] = [];
    if (changed.length > 0 || absorbedStored.length > 0) {
      const generations = generationRows({ content: contentIds.length > 0 || absorbedStored.length > 0, read: readOnly.length > 0 || contentIds.some((a) => a.readAt !== original.get(a.id)?.readAt) });
      metaRows.push({ key: META_ARTICLE_COUNT, value: count + delta }, ...generations);
      events.stage(options.why ?? WHY_BY_ORIGIN[origin], {
        created: contentIds.filter((a) => !original.has(a.id)).map((a) => a.id),
        updated: contentIds.filter((a) => original.has(a.id)).map((a) => a.id),
        deleted: absorbedStored,
        read: readOnly,
      });
    }
    // "Filled" means news the user chose to store (imports, feeds), not pages they happened to read.
    if (origin === 'record' || origin === 'feed') metaRows.push({ key: META_LAST_FILLED, value: now });
    if (metaRows.length > 0) writes.push(db.meta.bulkPut(metaRows));
    await Promise.all(writes);
    if (written !== undefined) {
      const after = metaRows.find((row) => row.key === CONTENT_GENERATION);
      learned = [{ generation: generationBefore, wasEmpty }, changed.flatMap((a) => a.urls), after === undefined ? generationBefore : (after.value as string)];
    }
    const createdIds = changed.filter((a) => !original.has(a.id)).map((a) => a.id);
    const updatedIds = contentIds.filter((a) => original.has(a.id)).map((a) => a.id);
    return { outcomes, ids: ids.map(survivor), relatedCreated, relatedUpdated, createdIds, updatedIds, readIds: readOnly };
  });
  // Dexie's `then`, not an await: inside a caller's transaction (a feed refresh's) a native await
  // would let it commit early (see writeTransaction).
  return writing.then((result) => {
    if (learned !== undefined) written!.learn(...learned);
    return result;
  });
}

/** Deletes absorbed articles and points their links at the article that absorbed them. */
async function absorbArticles(db: StoreTables, merged: Map<string, string>): Promise<void> {
  const absorbedIds = [...merged.keys()];
  await db.articles.bulkDelete(absorbedIds);
  const rewritten: StoredLink[] = [];
  const stale: [string, string][] = [];
  for (const id of absorbedIds) {
    for (const link of await linksFrom(db, id)) {
      stale.push([link.from, link.to]);
      rewritten.push({ ...link, from: merged.get(id)! });
    }
    for (const link of await linksTo(db, id)) {
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
