/**
 * The URL-key table's rows (schema 9: `urlKeys`, keyed `[shard+seq]`), pure: which articles are
 * stored under a URL key, without a multi-entry index on the articles. An index entry an URL key
 * on every article written was ~10 % of an import (bench/RESULTS.md, sessions 29 and 32); here a
 * write batch adds one row a shard it touches, holding its pairs of (53-bit hash of the URL key,
 * article id) sorted, and a shard's rows are merged into one once it has MAX_URL_KEY_ROWS (as the
 * index's segments are).
 *
 * A pair says only "this article may be stored under a key with this hash": readers get the rows
 * of the ids found and keep those whose `urls` hold the key (hash collisions, pairs left by an
 * article that since lost the key). Hence a pair needs removing only to keep the table small: an
 * article deleted or absorbed leaves its pairs as `gone` in the row of that write, and compaction
 * drops them from the older rows. Ids, not docnos: an article keeps its id for life, while a
 * docno changes on every re-index and a store upgraded from before version 5 has none until its
 * data step reaches it (its articles must still be found by URL meanwhile).
 */
import { hash53, ID_DIGITS } from '../record/id';

/** 32, not 256: a write batch writes one row a shard it touches, each an IndexedDB request of its
 * own, and a merge rewrites whole shards; 256 shards cost as much as the index entries they replace
 * (bench/RESULTS.md, session 32). A lookup reads 1/32 of the table (~75 KB at 100,000 articles). */
export const URL_KEY_SHARDS = 32;
/** Rows a shard may hold before they are merged into one. */
export const MAX_URL_KEY_ROWS = 8;

export interface UrlKeyRow {
  shard: number;
  seq: number;
  /** Hashes of URL keys, ascending; `ids[i]` (see idCode) is stored under `hashes[i]` (pairs sorted by hash, then id). */
  hashes: Float64Array;
  ids: Float64Array;
  /** Pairs that left with this row's write (deleted or absorbed articles): dropped from the older rows at compaction. */
  goneHashes?: Float64Array;
  goneIds?: Float64Array;
  /** Ids of no number (see idCode), by their code's place: −1 − NAMED − i is `named[i]`. */
  named?: string[];
}

/** Codes below this are places in a row's `named` list (unpadded ids are above it: 36^10 < 2^52). */
const NAMED = 2 ** 52;
const CANONICAL = new RegExp(`^a[0-9a-z]{${ID_DIGITS}}$`);
const UNPADDED = new RegExp(`^a[0-9a-z]{1,${ID_DIGITS - 1}}$`);

/**
 * An article id as a number: a row's ids are a typed array, which costs one copy to store and to
 * read, where a list of strings costs a string each (~5× the time to read a shard, measured).
 * 'a' + 11 base-36 digits (every id since c8a3cf3) is its 53-bit hash; 'a' + fewer digits (the
 * first release's unpadded ids) is −1 − the hash; any other id has none (undefined).
 */
export function idCode(id: string): number | undefined {
  if (CANONICAL.test(id)) {
    const value = parseInt(id.slice(1), 36);
    return Number.isSafeInteger(value) ? value : undefined;
  }
  if (UNPADDED.test(id)) return -1 - parseInt(id.slice(1), 36);
  return undefined;
}

/** The id a code stands for (`named`: the row's list, for codes of ids without a number). */
export function idOfCode(code: number, named?: readonly string[]): string {
  if (code >= 0) return 'a' + code.toString(36).padStart(ID_DIGITS, '0');
  if (code > -1 - NAMED) return 'a' + (-1 - code).toString(36);
  return named![-1 - NAMED - code]!;
}

/** Pairs as a row's typed arrays (ids coded; those of no code named in the row). */
function encode(pairs: readonly UrlKeyPair[], named: string[]): { hashes: Float64Array; ids: Float64Array } {
  const hashes = new Float64Array(pairs.length);
  const ids = new Float64Array(pairs.length);
  pairs.forEach((pair, i) => {
    hashes[i] = pair.hash;
    let code = idCode(pair.id);
    if (code === undefined) {
      const at = named.indexOf(pair.id);
      code = -1 - NAMED - (at === -1 ? named.push(pair.id) - 1 : at);
    }
    ids[i] = code;
  });
  return { hashes, ids };
}

/** One (hash, id) pair. */
export interface UrlKeyPair {
  hash: number;
  id: string;
}

/** The hash a URL key is filed under (53 bits: the shard is its top 5). */
export function urlKeyHash(key: string): number {
  return hash53(key);
}

export function shardOf(hash: number): number {
  return Math.floor(hash / 2 ** 48);
}

function comparePairs(a: UrlKeyPair, b: UrlKeyPair): number {
  return a.hash - b.hash || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function sortedUnique(pairs: readonly UrlKeyPair[]): UrlKeyPair[] {
  const sorted = [...pairs].sort(comparePairs);
  return sorted.filter((pair, i) => i === 0 || comparePairs(sorted[i - 1]!, pair) !== 0);
}

/** A shard's row of one write: the pairs it added and those that left. */
export function buildUrlKeyRow(shard: number, seq: number, added: readonly UrlKeyPair[], gone: readonly UrlKeyPair[] = []): UrlKeyRow {
  const named: string[] = [];
  const row: UrlKeyRow = { shard, seq, ...encode(sortedUnique(added), named) };
  if (gone.length > 0) {
    const left = encode(sortedUnique(gone), named);
    row.goneHashes = left.hashes;
    row.goneIds = left.ids;
  }
  if (named.length > 0) row.named = named;
  return row;
}

/** The pairs a row adds. */
export function pairsOf(row: UrlKeyRow): UrlKeyPair[] {
  return Array.from(row.hashes, (hash, i) => ({ hash, id: idOfCode(row.ids[i]!, row.named) }));
}

/** The pairs a row's write removed. */
export function gonePairsOf(row: UrlKeyRow): UrlKeyPair[] {
  return row.goneHashes === undefined ? [] : Array.from(row.goneHashes, (hash, i) => ({ hash, id: idOfCode(row.goneIds![i]!, row.named) }));
}

/**
 * Every row of a shard merged into one (`seq`): the rows applied in seq order, each first
 * removing its gone pairs from what the older rows hold, then adding its own (an id deleted and
 * stored again later keeps its newer pair).
 */
export function compactUrlKeyRows(shard: number, seq: number, rows: readonly UrlKeyRow[]): UrlKeyRow {
  // Ids by hash (numbers compared, ids decoded only for what is kept).
  const live = new Map<number, Map<string, UrlKeyPair>>();
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    for (const pair of gonePairsOf(row)) live.get(pair.hash)?.delete(pair.id);
    for (const pair of pairsOf(row)) {
      let ids = live.get(pair.hash);
      if (ids === undefined) live.set(pair.hash, (ids = new Map()));
      ids.set(pair.id, pair);
    }
  }
  return buildUrlKeyRow(shard, seq, [...live.values()].flatMap((ids) => [...ids.values()]));
}

/** Ids of the pairs under `hash` in these rows (each once, ascending). */
export function idsUnderHash(rows: readonly UrlKeyRow[], hash: number): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    const { hashes } = row;
    let lo = 0;
    let hi = hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hashes[mid]! < hash) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < hashes.length && hashes[i] === hash; i++) ids.add(idOfCode(row.ids[i]!, row.named));
  }
  return [...ids].sort();
}

/**
 * The pairs a change of an article's URL keys adds and removes: keys it gained are added; an
 * article that leaves (deleted, absorbed into another) removes all of its own. Keys an article
 * loses while it stays are left (readers check the row).
 */
export function urlKeyChanges(before: { id: string; urls: readonly string[] } | undefined, after: { id: string; urls: readonly string[] } | undefined): { added: UrlKeyPair[]; gone: UrlKeyPair[] } {
  if (after === undefined) return { added: [], gone: before === undefined ? [] : before.urls.map((key) => ({ hash: urlKeyHash(key), id: before.id })) };
  const had = before !== undefined && before.id === after.id ? new Set(before.urls) : new Set<string>();
  return { added: after.urls.filter((key) => !had.has(key)).map((key) => ({ hash: urlKeyHash(key), id: after.id })), gone: [] };
}

/** Pairs grouped by shard. */
export function byShard(pairs: readonly UrlKeyPair[]): Map<number, UrlKeyPair[]> {
  const out = new Map<number, UrlKeyPair[]>();
  for (const pair of pairs) {
    const shard = shardOf(pair.hash);
    const list = out.get(shard);
    if (list === undefined) out.set(shard, [pair]);
    else list.push(pair);
  }
  return out;
}
