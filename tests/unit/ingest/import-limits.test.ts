import { describe, expect, it } from 'vitest';
import { legacyRecords } from '../../fixtures/legacy-stores';
import { importFiles, type ImportSource } from '../../../src/ingest/import-files';
import type { NewsRecord } from '../../../src/record/record';
import { ArticleStore, FeedStore } from '../../../src/store';
import { explainAbort, isStorageFull, isStorageFullNow, STORAGE_FULL_MESSAGE, StorageFullError, TransactionAbortedError } from '../../../src/store/errors';

let n = 0;

/** Records as a JSON file of the import format. */
function recordFile(name: string, records: NewsRecord[]): ImportSource {
  const text = JSON.stringify(
    records.map((r) => ({ title: r.title, excerpt: r.excerpt, webUrl: r.webUrl, publishedDateTime: r.publishedAt === undefined ? undefined : new Date(r.publishedAt).toISOString(), provider: r.provider, topics: r.topics })),
  );
  return { name, size: text.length, text: async () => text };
}

/** IndexedDB refusing writes from the `allowed`+1-th new article on, as a full disk does. */
function fillUpAfter(store: ArticleStore, allowed: number): void {
  let created = 0;
  store.db.articles.hook('creating', () => {
    created++;
    if (created > allowed) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });
}

/**
 * IndexedDB aborting the write's transaction itself, with `reason` as its error, while the
 * `allowed`+1-th new article's put is in flight — as Chromium does when the disk fills mid-write:
 * the requests in flight fail with a bare AbortError, the reason is only on the transaction.
 * (fake-indexeddb's internal abort-with-error, the spec's "abort a transaction" steps.)
 */
function abortTransactionAfter(store: ArticleStore, allowed: number, reason: string): void {
  let created = 0;
  store.db.articles.hook('creating', (_key, _article, transaction) => {
    created++;
    if (created !== allowed + 1) return;
    const native = transaction.idbtrans as IDBTransaction & { _abort(errorName: string | null): void };
    queueMicrotask(() => native._abort(reason));
  });
}

/** Dexie's error for a bulk write whose requests failed with these errors. */
function bulkError(failures: unknown[]): { name: string; message: string; failures: unknown[] } {
  return { name: 'BulkError', message: `articles.bulkPut(): ${failures.length} of ${failures.length} operations failed`, failures };
}

/** Dexie's error for a request that failed with this native error (it wraps it as `inner`). */
function dexieError(inner: DOMException): { name: string; message: string; inner: DOMException } {
  return { name: inner.name, message: `${inner.message}\n ${inner.name}: ${inner.message}`, inner };
}

describe('storage full', () => {
  it('recognises the forms a full disk takes', () => {
    expect(isStorageFull(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isStorageFull({ name: 'AbortError', message: 'aborted', inner: new DOMException('x', 'QuotaExceededError') })).toBe(true);
    expect(isStorageFull(new DOMException('Disk is full or quota exceeded while committing', 'UnknownError'))).toBe(true);
    expect(isStorageFull(new StorageFullError(null))).toBe(true);
    expect(isStorageFull(new DOMException('Internal error opening backing store', 'UnknownError'))).toBe(false);
    expect(isStorageFull(new TypeError('x'))).toBe(false);
  });

  it('finds a full disk among the failures of a bulk write', async () => {
    const aborted = dexieError(new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError'));
    expect(isStorageFull(bulkError([aborted, dexieError(new DOMException('x', 'QuotaExceededError')), aborted]))).toBe(true);
    const backingStore = dexieError(new DOMException('Internal error: backing store error updating index keys.', 'UnknownError'));
    expect(await isStorageFullNow(bulkError([backingStore, aborted]), undefined)).toBe(true);
    expect(await isStorageFullNow(bulkError([aborted, aborted]), async () => ({ quota: 1, usage: 1 }))).toBe(false);
    expect(isStorageFull(bulkError([dexieError(new DOMException('x', 'ConstraintError'))]))).toBe(false);
  });

  it("a write cut off by its transaction's abort reports the transaction's reason, and only that is judged", async () => {
    const aborted = new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError');
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    // Alone, an AbortError says nothing of storage.
    expect(isStorageFull(aborted)).toBe(false);
    expect(isStorageFull(bulkError([dexieError(aborted)]))).toBe(false);
    for (const cutOff of [aborted, dexieError(aborted), bulkError([dexieError(aborted), dexieError(aborted)])]) {
      const explained = explainAbort(cutOff, quota);
      expect(explained).toBeInstanceOf(TransactionAbortedError);
      expect((explained as TransactionAbortedError).cause).toBe(quota);
      expect((explained as TransactionAbortedError).requestError).toBe(cutOff);
      expect(isStorageFull(explained)).toBe(true);
    }
    // Chromium's words for a full disk mid-write (tests/e2e/storage-full), known without asking for an estimate.
    const diskFull = new DOMException('Connection is closing because of: IO error: …/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)', 'UnknownError');
    expect(isStorageFull(explainAbort(bulkError([dexieError(aborted)]), diskFull))).toBe(true);
    expect(await isStorageFullNow(explainAbort(bulkError([dexieError(aborted)]), diskFull), undefined)).toBe(true);
    // Aborted for another reason, or by the write itself (no error on the transaction): not storage full.
    const constraint = explainAbort(bulkError([dexieError(aborted)]), new DOMException('Key already exists.', 'ConstraintError'));
    expect(constraint).toBeInstanceOf(TransactionAbortedError);
    expect(await isStorageFullNow(constraint, async () => ({ quota: 1, usage: 1 }))).toBe(false);
    expect(explainAbort(aborted, null)).toBe(aborted);
    // A failure that says its own reason keeps it, whatever the transaction says.
    const typeError = new TypeError('x');
    expect(explainAbort(typeError, quota)).toBe(typeError);
    const mixed = bulkError([dexieError(new DOMException('Key already exists.', 'ConstraintError')), dexieError(aborted)]);
    expect(explainAbort(mixed, quota)).toBe(mixed);
    const dexieAbortWithReason = { name: 'AbortError', message: 'ConstraintError Key already exists.', inner: new DOMException('Key already exists.', 'ConstraintError') };
    expect(explainAbort(dexieAbortWithReason, quota)).toBe(dexieAbortWithReason);
  });

  it('an import whose transaction the browser aborts for want of room says storage is full; another abort is a failed batch', async () => {
    const records = legacyRecords(500);
    const full = new ArticleStore({ name: `full-abort-${++n}` });
    await importFiles(full, [recordFile('earlier.json', records.slice(0, 100))], { batchSize: 100 });
    abortTransactionAfter(full, 150, 'QuotaExceededError');
    const report = await importFiles(full, [0, 1, 2].map((i) => recordFile(`part-${i}.json`, records.slice(100 + i * 100, 200 + i * 100))), { batchSize: 100 });
    expect(report.storageFull).toBe(STORAGE_FULL_MESSAGE);
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(100);
    expect(report.failed).toBe(100);
    expect(await full.countArticles()).toBe(200);
    expect(await full.db.articles.count()).toBe(200);
    full.close();

    const other = new ArticleStore({ name: `other-abort-${++n}` });
    abortTransactionAfter(other, 50, 'ConstraintError');
    const otherReport = await importFiles(other, [0, 1].map((i) => recordFile(`part-${i}.json`, records.slice(i * 100, 100 + i * 100))), { batchSize: 100 });
    expect(otherReport.storageFull).toBeUndefined();
    expect(otherReport.failed).toBe(100);
    expect(otherReport.imported).toBe(100);
    expect(otherReport.errors).toEqual([{ file: 'part-0.json', message: expect.stringMatching(/could not be stored: The transaction was aborted: ConstraintError/) as unknown }]);
    other.close();
  });

  it('an import storage stopped reports so even when the store cannot be opened again to count', async () => {
    const store = new ArticleStore({ name: `full-closed-${++n}` });
    const records = legacyRecords(300);
    fillUpAfter(store, 150);
    // As Chromium after a full disk: the database is closed, and opening it fails until there is room.
    const count = store.countArticles.bind(store);
    let counts = 0;
    store.countArticles = () => (++counts === 1 ? count() : Promise.reject(new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError')));
    const report = await importFiles(store, [0, 1, 2].map((i) => recordFile(`part-${i}.json`, records.slice(i * 100, 100 + i * 100))), { batchSize: 100 });
    expect(report.storageFull).toBe(STORAGE_FULL_MESSAGE);
    expect([report.imported, report.failed, report.relatedAdded]).toEqual([100, 100, 0]);
    // Without storage full, a store that cannot count fails the import as before.
    const other = new ArticleStore({ name: `closed-${++n}` });
    const otherCount = other.countArticles.bind(other);
    let otherCounts = 0;
    other.countArticles = () => (++otherCounts === 1 ? otherCount() : Promise.reject(new Error('closed')));
    await expect(importFiles(other, [recordFile('a.json', records.slice(0, 10))])).rejects.toThrow('closed');
    store.close();
    other.close();
  });

  it("takes Chromium's backing-store error, or an unknown error with little room left, as a full disk", async () => {
    const opening = { name: 'OpenFailedError', message: 'UnknownError Internal error opening backing store for indexedDB.open.', inner: new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError') };
    expect(await isStorageFullNow(opening, undefined)).toBe(true);
    const unexplained = new DOMException('Something odd', 'UnknownError');
    expect(await isStorageFullNow(unexplained, async () => ({ quota: 100 * 2 ** 20, usage: 99 * 2 ** 20 }))).toBe(true);
    expect(await isStorageFullNow(unexplained, async () => ({ quota: 10 * 2 ** 30, usage: 2 ** 20 }))).toBe(false);
    expect(await isStorageFullNow(new TypeError('x'), async () => ({ quota: 1, usage: 1 }))).toBe(false);
  });

  it('an import stops with one clear message; the batch in progress is rolled back whole and what was stored before is kept', async () => {
    const store = new ArticleStore({ name: `full-${++n}` });
    const records = legacyRecords(900);
    await importFiles(store, [recordFile('earlier.json', records.slice(0, 200))], { batchSize: 100 });
    expect(await store.countArticles()).toBe(200);
    fillUpAfter(store, 150);
    // Files of 100 records: each is one batch (one transaction).
    const files = [0, 1, 2, 3, 4, 5, 6].map((i) => recordFile(`part-${i}.json`, records.slice(200 + i * 100, 300 + i * 100)));
    const report = await importFiles(store, files, { batchSize: 100 });
    expect(report.storageFull).toBe(STORAGE_FULL_MESSAGE);
    expect(report.storageFull).toMatch(/How much to keep.*delete.*export/);
    // Said once, not once per batch or file; the raw exception is not shown.
    expect(report.errors).toEqual([]);
    expect(JSON.stringify(report)).not.toContain('QuotaExceededError');
    // The first file's batch stored whole (150 allowed), the second's rolled back whole, then stopped.
    expect(report.imported).toBe(100);
    expect(report.failed).toBe(100);
    expect(await store.db.articles.count()).toBe(300);
    expect(await store.countArticles()).toBe(300);
    const check = await store.check({ repair: false });
    expect(check.results.filter((r) => r.found > 0)).toEqual([]);
    store.close();
  });

  it('a feed refresh on a full disk stores nothing of the feed and keeps the store', async () => {
    const store = new ArticleStore({ name: `full-feed-${++n}` });
    const feeds = new FeedStore(store);
    const [added] = await feeds.addFeeds([{ url: 'https://north.example/rss' }]);
    await store.upsertRecords(legacyRecords(50), 'record');
    fillUpAfter(store, 0);
    await expect(feeds.storeFeedItems(added!.feed.id, legacyRecords(60).slice(50), { lastStatus: 'ok', lastSuccessAt: 1 })).rejects.toSatisfy(isStorageFull);
    expect(await store.db.articles.count()).toBe(50);
    expect(await store.db.feedItems.count()).toBe(0);
    expect((await feeds.getFeed(added!.feed.id))!.lastStatus).toBe('new');
    store.close();
  });
});

describe('imports at the same time', () => {
  /** Every article as stored, without the times that depend on when it ran. */
  async function contents(store: ArticleStore) {
    const articles = (await store.db.articles.orderBy('id').toArray()).map(({ addedAt: _a, updatedAt: _u, ...rest }) => rest);
    const links = await store.db.links.toArray();
    return { articles, links, count: await store.countArticles(), check: (await store.check({ repair: false })).results.filter((r) => r.found > 0) };
  }

  it('two imports at once (two options tabs) give the store the same imports one after the other give', async () => {
    const records = legacyRecords(900);
    // Overlapping files: the same articles arrive from both, in different batches.
    const a = () => [recordFile('a.json', records.slice(0, 600))];
    const b = () => [recordFile('b.json', records.slice(300, 900))];
    const sequential = new ArticleStore({ name: `seq-${++n}` });
    await importFiles(sequential, a(), { batchSize: 100 });
    await importFiles(sequential, b(), { batchSize: 100 });
    // Two connections, as two tabs have.
    const name = `par-${++n}`;
    const tabOne = new ArticleStore({ name });
    const tabTwo = new ArticleStore({ name });
    await Promise.all([importFiles(tabOne, a(), { batchSize: 100 }), importFiles(tabTwo, b(), { batchSize: 100 })]);
    expect(await contents(tabOne)).toEqual(await contents(sequential));
    expect((await contents(tabOne)).check).toEqual([]);
    for (const store of [sequential, tabOne, tabTwo]) store.close();
  });

  it('an import while feeds refresh gives the same store as one after the other', async () => {
    const records = legacyRecords(400);
    const run = async (store: ArticleStore, together: boolean) => {
      const feeds = new FeedStore(store);
      const [added] = await feeds.addFeeds([{ url: 'https://north.example/rss' }], 1);
      const refresh = () => feeds.storeFeedItems(added!.feed.id, records.slice(250, 350), { lastStatus: 'ok', lastSuccessAt: 2 }, [], 2);
      const importing = () => importFiles(store, [recordFile('a.json', records.slice(0, 300))], { batchSize: 100 });
      if (together) await Promise.all([importing(), refresh()]);
      else {
        await importing();
        await refresh();
      }
      return { ...(await contents(store)), items: (await store.db.feedItems.toArray()).map(({ feedId, articleId }) => [feedId, articleId]) };
    };
    const one = new ArticleStore({ name: `feeds-seq-${++n}` });
    const two = new ArticleStore({ name: `feeds-par-${++n}` });
    const sequential = await run(one, false);
    const together = await run(two, true);
    // Origins and merges may apply in another order; what is stored is the same.
    expect(together.items.sort()).toEqual(sequential.items.sort());
    expect(together.count).toBe(sequential.count);
    expect(together.articles.map((a) => a.id)).toEqual(sequential.articles.map((a) => a.id));
    expect(together.articles.map((a) => [a.id, a.title, a.urls, a.terms])).toEqual(sequential.articles.map((a) => [a.id, a.title, a.urls, a.terms]));
    expect(together.check).toEqual([]);
    one.close();
    two.close();
  });
});
