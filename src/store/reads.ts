/**
 * Reads of articles and their links: by URL, by id, by link, and the index the engine and search
 * walk (one bucket of segments per request, articles by docno), in one read transaction when a
 * lookup asks for it. Apart from the writes so that what a lookup may touch is plain to see; the
 * writes (./upsert, ./delete) use the same URL and link reads inside their transactions.
 */
import Dexie from 'dexie';
import { urlKeys } from '../shared';
import { allRequests } from './native-requests';
import type { StoreDatabase, StoreTables } from './tables';
import type { StoredArticle, StoredLink } from './types';

export { articlesByDocno, bucketsNewestFirst, readBucket as segmentsOf, readBuckets as segmentsBetween, segmentsBackFrom } from './term-index';

/** The publication time of the store's `n`-th newest dated article (1: the newest), undefined when
 * it holds fewer: every row read (no date index since version 8). The engine does not use it (its
 * undated window counts segments); kept as the independent reference, from the rows rather than the
 * index, that the engine's choice of weeks is tested against. */
export async function publishedAtOfNewest(db: Pick<StoreTables, 'articles'>, n: number): Promise<number | undefined> {
  const times: number[] = [];
  await db.articles.each((article) => {
    if (article.publishedAt !== undefined) times.push(article.publishedAt);
  });
  return times.sort((a, b) => b - a)[Math.max(0, n - 1)];
}

/** Runs `read` in one read-only transaction over the index, so a lookup sees one consistent
 * state and pays for one transaction. Store calls made inside join it. `read` must be an
 * `async` function (Dexie keeps the transaction open across its awaits only then). */
export function readIndex<T>(db: StoreDatabase, read: () => Promise<T>): Promise<T> {
  // Already inside one that covers these tables (a lookup's engine inside findRelated's): run in
  // it as it is. A nested Dexie transaction would use the same native one anyway, after its own
  // scope and bookkeeping.
  const current = Dexie.currentTransaction;
  if (current !== null && current !== undefined && current.db === db && current.active && INDEX_TABLES.every((table) => current.storeNames.includes(table))) return read();
  return db.transaction('r', db.articles, db.segments, db.meta, db.links, read);
}
const INDEX_TABLES = ['articles', 'segments', 'meta', 'links'];

/** As readIndex, but resolves with `read`'s answer as soon as it has it: Dexie's promise waits
 * for the transaction to commit, which for a read-only one changes nothing and costs one more
 * round trip to IndexedDB (a lookup's last wait). The answer is given outside the transaction's
 * zone: what the caller does next is not part of a read-only transaction. */
export function readIndexAnswer<T>(db: StoreDatabase, read: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    readIndex(db, async () => {
      const answer = await read();
      Dexie.ignoreTransaction(() => resolve(answer));
    }).catch(reject);
  });
}

/** Articles stored under any of these URL keys, each once: one request per key, all in flight at
 * once, then one batch read of the rows, in the index's order (keys sorted as IndexedDB sorts strings). (A single `anyOf` walk of the URL index jumps its cursor
 * from key to key: one round trip a key anyway, one after another, and in fake-indexeddb each jump
 * re-walks the tree — a re-import of 6,000 files spent 90 % of its time there.) */
export async function articlesWithUrlKeys(db: Pick<StoreTables, 'articles'>, keys: readonly string[]): Promise<StoredArticle[]> {
  if (keys.length === 0) return [];
  const sorted = [...keys].sort();
  const transaction = Dexie.currentTransaction?.idbtrans;
  const found =
    transaction === undefined || transaction === null || !transaction.objectStoreNames.contains('articles')
      ? await Promise.all(sorted.map((key) => db.articles.where('urls').equals(key).primaryKeys()))
      : await idsUnderKeys(transaction.objectStore('articles').index('urls'), sorted);
  const ids = new Set(found.flat());
  if (ids.size === 0) return [];
  const rows = await db.articles.bulkGet([...ids]);
  return rows.filter((row): row is StoredArticle => row !== undefined);
}

/** Inside a transaction (every write's), the keys' requests go straight to the native index, one
 * promise for all: through Dexie, each was a query and a promise of its own — a write batch has
 * thousands of keys, and that bookkeeping was a good part of an import's JavaScript. */
function idsUnderKeys(index: IDBIndex, keys: readonly string[]): Promise<string[][]> {
  return allRequests<string[]>(keys.length, (i) => index.getAllKeys(keys[i]!), 'URL key read');
}

/**
 * Inside a transaction (a lookup's), the rows under each URL key in one request a key, all in
 * flight at once: one round trip to IndexedDB, not two (keys, then rows) — the query's own URL
 * is the first thing a lookup waits for. The same rows in the same order as articlesWithUrlKeys:
 * keys sorted, each key's rows in primary-key order, each article once.
 */
async function rowsUnderKeys(index: IDBIndex, keys: readonly string[]): Promise<StoredArticle[]> {
  const sorted = [...keys].sort();
  const perKey = await allRequests<StoredArticle[]>(sorted.length, (i) => index.getAll(sorted[i]!), 'URL key read');
  const seen = new Set<string>();
  const rows: StoredArticle[] = [];
  for (const list of perKey) {
    for (const row of list) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      rows.push(row);
    }
  }
  return rows;
}

/** The links from this article (its record's related list). */
export function linksFrom(db: Pick<StoreTables, 'links'>, id: string): Promise<StoredLink[]> {
  return db.links.where('[from+to]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray();
}

/** The links to this article (records that list it as related). */
export function linksTo(db: Pick<StoreTables, 'links'>, id: string): Promise<StoredLink[]> {
  return db.links.where('to').equals(id).toArray();
}

/** The stored article any of these URLs (raw, un-normalised) belongs to. */
export async function findByUrls(db: Pick<StoreTables, 'articles'>, urls: readonly unknown[]): Promise<StoredArticle | undefined> {
  const keys = urlKeys(urls);
  if (keys.length === 0) return undefined;
  const transaction = Dexie.currentTransaction?.idbtrans;
  const found =
    transaction === undefined || transaction === null || !transaction.objectStoreNames.contains('articles')
      ? await articlesWithUrlKeys(db, keys)
      : await rowsUnderKeys(transaction.objectStore('articles').index('urls'), keys);
  // Prefer the article matching the earliest (most authoritative) URL given.
  for (const key of keys) {
    const article = found.find((a) => a.urls.includes(key));
    if (article !== undefined) return article;
  }
  return undefined;
}

export async function getArticle(db: Pick<StoreTables, 'articles'>, id: string): Promise<StoredArticle | undefined> {
  return db.articles.get(id);
}

export async function getArticles(db: Pick<StoreTables, 'articles'>, ids: readonly string[]): Promise<(StoredArticle | undefined)[]> {
  return db.articles.bulkGet([...ids]);
}

/** Ids of the articles this article's record lists as related. */
export async function linkedFrom(db: Pick<StoreTables, 'links'>, id: string): Promise<string[]> {
  const links = nativeLinks();
  const rows = links === undefined ? await linksFrom(db, id) : await oneRequest<StoredLink[]>(() => links.getAll(IDBKeyRange.bound([id, Dexie.minKey], [id, Dexie.maxKey])));
  return rows.map((link) => link.to);
}

/** Ids of the articles whose records list this article as related. */
export async function linkingTo(db: Pick<StoreTables, 'links'>, id: string): Promise<string[]> {
  const links = nativeLinks();
  const rows = links === undefined ? await linksTo(db, id) : await oneRequest<StoredLink[]>(() => links.index('to').getAll(id));
  return rows.map((link) => link.from);
}

/** Inside a transaction over `links` (a lookup's), the native table: the same rows in the same
 * order as the Dexie queries above, without a Dexie query's bookkeeping (two a lookup of a
 * stored article: a good part of a warm lookup's JavaScript). */
function nativeLinks(): IDBObjectStore | undefined {
  const transaction = Dexie.currentTransaction?.idbtrans;
  return transaction === undefined || transaction === null || !transaction.objectStoreNames.contains('links') ? undefined : transaction.objectStore('links');
}

async function oneRequest<T>(request: () => IDBRequest): Promise<T> {
  return (await allRequests<T>(1, request, 'link read'))[0]!;
}
