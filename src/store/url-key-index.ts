/**
 * Articles by URL key through the `urlKeys` table (src/index/url-key-rows.ts): the writes append
 * one row a shard per write, the readers (a write's merge check, a lookup's first request, the
 * consistency check) read the rows of the keys' shards, then the articles' rows by id, and keep
 * those whose `urls` hold the key. Inside a transaction the requests go straight to the native
 * tables, all in flight at once (see ./native-requests).
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import { buildUrlKeyRow, byShard, compactUrlKeyRows, idsUnderHash, MAX_URL_KEY_ROWS, pairsOf, shardOf, urlKeyChanges, urlKeyHash, type UrlKeyPair, type UrlKeyRow } from '../index/url-key-rows';
import { allRequests } from './native-requests';
import type { StoreTables } from './tables';
import type { StoredArticle } from './types';

export type UrlKeyTables = Pick<StoreTables, 'articles' | 'urlKeys'>;

/** An article's URL keys as a change sees them. */
export type UrlKeyHolder = Pick<StoredArticle, 'id' | 'urls'>;

/** The native store of a table inside the current transaction, when it covers it. */
function nativeStore(name: string): IDBObjectStore | undefined {
  const transaction = Dexie.currentTransaction?.idbtrans;
  return transaction === undefined || transaction === null || !transaction.objectStoreNames.contains(name) ? undefined : transaction.objectStore(name);
}

const shardRange = (first: number, last: number): IDBKeyRange => IDBKeyRange.bound([first, -Infinity], [last, Infinity]);

/** Every row of these shards, by shard (one request a shard, all in flight at once). */
async function rowsOfShards(db: Pick<StoreTables, 'urlKeys'>, shards: readonly number[]): Promise<Map<number, UrlKeyRow[]>> {
  const store = nativeStore('urlKeys');
  const lists =
    store === undefined
      ? await Promise.all(shards.map((shard) => db.urlKeys.where('[shard+seq]').between([shard, Dexie.minKey], [shard, Dexie.maxKey]).toArray()))
      : await allRequests<UrlKeyRow[]>(shards.length, (i) => store.getAll(shardRange(shards[i]!, shards[i]!)), 'URL key read');
  return new Map(shards.map((shard, i) => [shard, lists[i]!]));
}

/** Shards (ascending) as runs of consecutive shards, [first, last] each. */
function shardRuns(shards: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const shard of shards) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === shard - 1) last[1] = shard;
    else runs.push([shard, shard]);
  }
  return runs;
}

/**
 * Every row of these runs of shards, by shard: one request a run. A batch's compaction: an import
 * touches every shard each batch, so the shards fill together and one request reads them all
 * (32 requests, each an IPC of its own in Chromium, otherwise).
 */
async function rowsOfShardRuns(db: Pick<StoreTables, 'urlKeys'>, runs: readonly [number, number][]): Promise<Map<number, UrlKeyRow[]>> {
  const store = nativeStore('urlKeys');
  const lists =
    store === undefined
      ? await Promise.all(runs.map(([first, last]) => db.urlKeys.where('[shard+seq]').between([first, Dexie.minKey], [last, Dexie.maxKey]).toArray()))
      : await allRequests<UrlKeyRow[]>(runs.length, (i) => store.getAll(shardRange(...runs[i]!)), 'URL key read');
  const out = new Map<number, UrlKeyRow[]>();
  for (const row of lists.flat()) {
    const list = out.get(row.shard);
    if (list === undefined) out.set(row.shard, [row]);
    else list.push(row);
  }
  return out;
}

/**
 * Articles stored under any of these URL keys, each once: keys sorted (as IndexedDB sorts
 * strings), each key's articles in id order — the order the `*urls` index gave. Two round trips:
 * the keys' shards, then the rows of the ids found. Given `known` (a trusted writer's exact view
 * of the ids under a key's hash, see WrittenUrlKeys), no shard is read: only the rows of the ids
 * it names, kept by the same check and in the same order as the table's.
 */
export async function articlesWithUrlKeys(db: UrlKeyTables, keys: readonly string[], known?: (key: string) => readonly string[]): Promise<StoredArticle[]> {
  if (keys.length === 0) return [];
  const sorted = [...new Set(keys)].sort();
  let candidates: (readonly string[])[];
  if (known !== undefined) candidates = sorted.map(known);
  else {
    const hashes = sorted.map(urlKeyHash);
    const rows = await rowsOfShards(db, [...new Set(hashes.map(shardOf))]);
    candidates = hashes.map((hash) => idsUnderHash(rows.get(shardOf(hash))!, hash));
  }
  const ids = [...new Set(candidates.flat())];
  if (ids.length === 0) return [];
  const store = nativeStore('articles');
  const found = store === undefined ? await db.articles.bulkGet(ids) : await allRequests<StoredArticle | undefined>(ids.length, (i) => store.get(ids[i]!), 'article read');
  const byId = new Map<string, StoredArticle>();
  found.forEach((row, i) => {
    if (row !== undefined) byId.set(ids[i]!, row);
  });
  const seen = new Set<string>();
  const out: StoredArticle[] = [];
  sorted.forEach((key, k) => {
    for (const id of candidates[k]!) {
      const row = byId.get(id);
      // A pair is only a hint: the row holds the key, or the hash collided / the key left it.
      if (row === undefined || seen.has(id) || !row.urls.includes(key)) continue;
      seen.add(id);
      out.push(row);
    }
  });
  return out;
}

/**
 * Files what these changes did to articles' URL keys (see urlKeyChanges): a row for each shard
 * touched, appended, or the shard's rows merged into one when it has MAX_URL_KEY_ROWS. Inside
 * the caller's read-write transaction over `urlKeys`.
 */
export async function recordUrlKeys(db: Pick<StoreTables, 'urlKeys'>, changes: readonly { before: UrlKeyHolder | undefined; after: UrlKeyHolder | undefined }[]): Promise<void> {
  const added: UrlKeyPair[] = [];
  const gone: UrlKeyPair[] = [];
  for (const { before, after } of changes) {
    const change = urlKeyChanges(before, after);
    added.push(...change.added);
    gone.push(...change.gone);
  }
  if (added.length === 0 && gone.length === 0) return;
  const addedBy = byShard(added);
  const goneBy = byShard(gone);
  const shards = [...new Set([...addedBy.keys(), ...goneBy.keys()])].sort((a, b) => a - b);
  // The keys of every shard touched, in one request (a batch touches most shards; a page's write one or two).
  const store = nativeStore('urlKeys');
  const keys = (
    store === undefined
      ? await db.urlKeys.where('[shard+seq]').between([shards[0]!, Dexie.minKey], [shards[shards.length - 1]!, Dexie.maxKey]).primaryKeys()
      : (await allRequests<IDBValidKey[]>(1, () => store.getAllKeys(shardRange(shards[0]!, shards[shards.length - 1]!)), 'URL key read'))[0]!
  ) as [number, number][];
  const seqs = new Map<number, number[]>();
  for (const [shard, seq] of keys) {
    const list = seqs.get(shard);
    if (list === undefined) seqs.set(shard, [seq]);
    else list.push(seq);
  }
  const full = shards.filter((shard) => (seqs.get(shard)?.length ?? 0) + 1 >= MAX_URL_KEY_ROWS);
  const runs = shardRuns(full);
  const stored = full.length === 0 ? new Map<number, UrlKeyRow[]>() : await rowsOfShardRuns(db, runs);
  const puts: UrlKeyRow[] = [];
  for (const shard of shards) {
    const held = seqs.get(shard) ?? [];
    const next = held.length === 0 ? 0 : Math.max(...held) + 1;
    const row = buildUrlKeyRow(shard, next, addedBy.get(shard) ?? [], goneBy.get(shard) ?? []);
    const rows = stored.get(shard);
    if (rows === undefined) {
      puts.push(row);
      continue;
    }
    const merged = compactUrlKeyRows(shard, next, [...rows, row]);
    if (merged.hashes.length > 0) puts.push(merged);
  }
  // Merged shards' rows go in one range request a run of shards, not one a row.
  if (full.length > 0) {
    if (store === undefined) await Promise.all(runs.map(([first, last]) => db.urlKeys.where('[shard+seq]').between([first, Dexie.minKey], [last, Dexie.maxKey]).delete()));
    else await allRequests<undefined>(runs.length, (i) => store.delete(shardRange(...runs[i]!)), 'URL key delete');
  }
  await db.urlKeys.bulkPut(puts);
}

const FILL_BATCH = 2000;

/**
 * Every article's URL keys filed again from the rows, one row a shard (the upgrade to version 9,
 * the consistency check's repair): articles read in id batches (never all at once), the table
 * written at the end. Inside the caller's read-write transaction over both tables.
 */
export async function fillUrlKeys(articles: EntityTable<StoredArticle, 'id'>, urlKeys: Table<UrlKeyRow, [number, number]>): Promise<void> {
  const pairs: UrlKeyPair[] = [];
  for (let after: string | null = null; ; ) {
    const batch: StoredArticle[] = await (after === null ? articles.orderBy(':id') : articles.where(':id').above(after)).limit(FILL_BATCH).toArray();
    if (batch.length === 0) break;
    for (const article of batch) for (const key of article.urls ?? []) pairs.push({ hash: urlKeyHash(key), id: article.id });
    after = batch[batch.length - 1]!.id;
  }
  await urlKeys.clear();
  await urlKeys.bulkPut([...byShard(pairs)].map(([shard, list]) => buildUrlKeyRow(shard, 0, list)));
}

/** The pairs the table holds (gone pairs applied in seq order), as "hash id" strings. */
export async function liveUrlKeyPairs(db: Pick<StoreTables, 'urlKeys'>): Promise<Set<string>> {
  const byShardRows = new Map<number, UrlKeyRow[]>();
  for (const row of await db.urlKeys.toArray()) byShardRows.set(row.shard, [...(byShardRows.get(row.shard) ?? []), row]);
  const live = new Set<string>();
  for (const [shard, rows] of byShardRows) for (const pair of pairsOf(compactUrlKeyRows(shard, 0, rows))) live.add(`${pair.hash} ${pair.id}`);
  return live;
}

/** Articles (ids) with a URL key the table does not file under them: the check's finding. */
export function unfiledArticles(articles: readonly UrlKeyHolder[], live: ReadonlySet<string>): string[] {
  return articles.filter((article) => (article.urls ?? []).some((key) => !live.has(`${urlKeyHash(key)} ${article.id}`))).map((article) => article.id);
}
