/**
 * The writer's exact view of its URL keys (WrittenUrlKeys) against the `urlKeys` table: the same
 * batches written with the view and with plain upserts (which read the table) give the same store,
 * and after every batch the view names exactly the articles the rows hold each key under — with
 * merges across batches (an entry naming two stored articles absorbs one), related entries stored
 * before their own record, deletes and another writer's writes between batches, and articles
 * stored before the import.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NewsRecord } from '../../../src/record/record';
import { urlKey } from '../../../src/shared/url';
import { ArticleStore, WrittenUrlKeys } from '../../../src/store';
import { prepareBatch } from '../../../src/store/upsert';

const NOW = Date.parse('2026-12-01T10:00:00Z');
/** A small pool of addresses, so records of different batches share them. */
const POOL = Array.from({ length: 12 }, (_, k) => `https://site${k % 3}.example/story-${k}`);
const WORDS = ['storm', 'council', 'budget', 'election', 'vaccine', 'market', 'strike', 'court', 'rocket', 'flood', 'summit', 'tariffs'];

interface Entry {
  url: number;
  alias: number | null;
  word: number;
}
interface Spec {
  own: Entry;
  related: Entry[];
}

const entry = fc.record({ url: fc.nat(POOL.length - 1), alias: fc.option(fc.nat(POOL.length - 1), { nil: null }), word: fc.nat(WORDS.length - 1) });
const spec = fc.record({ own: entry, related: fc.array(entry, { maxLength: 2 }) });
/** Batches of records; after each, maybe a delete (an index into the stored ids) and a feed's write from elsewhere. */
const plan = fc.record({
  before: fc.oneof({ arbitrary: fc.constant<Entry[]>([]), weight: 3 }, { arbitrary: fc.array(entry, { minLength: 1, maxLength: 3 }), weight: 1 }),
  batches: fc.array(
    fc.record({
      records: fc.array(spec, { minLength: 1, maxLength: 5 }),
      remove: fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: fc.nat(50), weight: 1 }),
      feed: fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: entry, weight: 1 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

const record = (e: Entry, related: NewsRecord[] = []): NewsRecord => ({
  title: `${WORDS[e.word]} news from ${POOL[e.url]!.slice(8)}`,
  excerpt: `${WORDS[(e.word + 3) % WORDS.length]} and ${WORDS[(e.word + 5) % WORDS.length]} reported`,
  webUrl: POOL[e.url]!,
  ...(e.alias !== null && e.alias !== e.url ? { originalUrl: POOL[e.alias]! } : {}),
  topics: [],
  tags: [],
  images: [],
  related,
});
const recordOf = (s: Spec): NewsRecord => record(s.own, s.related.map((r) => record(r)));

/** What two stores must agree on (generations are random: only whether present). */
const contents = async (store: ArticleStore) => ({
  articles: await store.db.articles.toArray(),
  links: await store.db.links.toArray(),
  meta: (await store.db.meta.toArray()).map((row) => (row.key === 'generation' || row.key === 'readGeneration' ? { key: row.key, value: typeof row.value } : row)),
  segments: (await store.db.segments.toArray()).map((row) => ({ ...row, hashes: [...row.hashes], offsets: [...row.offsets], docnos: [...row.docnos] })),
  urlKeys: (await store.db.urlKeys.toArray()).map((row) => ({ ...row, hashes: [...row.hashes], ids: [...row.ids], goneHashes: row.goneHashes && [...row.goneHashes], goneIds: row.goneIds && [...row.goneIds] })),
});

describe("the writer's exact view of its URL keys", () => {
  const stores: ArticleStore[] = [];
  let n = 0;
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    vi.restoreAllMocks();
  });
  const open = (): ArticleStore => {
    const store = new ArticleStore({ name: `exact-view-${++n}` });
    stores.push(store);
    return store;
  };

  /** Every pool key's holders by the view, against the stored rows that hold it. */
  const viewMatchesRows = async (view: WrittenUrlKeys, store: ArticleStore): Promise<void> => {
    const rows = await store.db.articles.toArray();
    for (const url of POOL) {
      const key = urlKey(url)!;
      const held = rows.filter((row) => row.urls.includes(key)).map((row) => row.id);
      expect([...view.holders(key)!]).toEqual(held.sort());
    }
  };

  it('gives the same store as reading the table, and names exactly the rows holding each key', async () => {
    let trustedChecks = 0;
    await fc.assert(
      fc.asyncProperty(plan, async ({ before, batches }) => {
        const plain = open();
        const viewed = open();
        const view = new WrittenUrlKeys();
        // Articles stored before the import (a feed): the writer must then read the table.
        if (before.length > 0) {
          for (const store of [plain, viewed]) await store.upsertRecords(before.map((e) => record(e)), 'feed', { now: NOW });
        }
        for (const [i, batch] of batches.entries()) {
          const records = batch.records.map(recordOf);
          const now = NOW + i;
          await plain.upsertRecords(records, 'record', { now });
          await viewed.upsertPrepared(prepareBatch(records, 'record', now), { writtenKeys: view });
          if (view.trustedGeneration !== null) {
            await viewMatchesRows(view, viewed);
            trustedChecks++;
          }
          if (batch.remove !== null) {
            // A delete from elsewhere during the import (the writer then reads the table).
            const ids = (await plain.db.articles.toCollection().primaryKeys()).sort();
            const id = ids[batch.remove % ids.length]!;
            await plain.deleteArticles([id]);
            await viewed.deleteArticles([id]);
          }
          // Another writer during the import (a feed refresh): the writer must then read the table.
          if (batch.feed !== null) for (const store of [plain, viewed]) await store.upsertRecords([record(batch.feed)], 'feed', { now: now + 0.5 });
        }
        expect(await contents(viewed)).toEqual(await contents(plain));
        if (before.length > 0) expect(view.trustedGeneration).toBeNull();
      }),
      { numRuns: 100, seed: 33 },
    );
    // The view was checked, not only skipped.
    expect(trustedChecks).toBeGreaterThan(100);
  }, 120_000);

  it('reads no URL-key shard for a trusted batch, finds a key stored batches earlier, and absorbs across batches', async () => {
    const store = open();
    const view = new WrittenUrlKeys();
    const write = (records: NewsRecord[], i: number) => store.upsertPrepared(prepareBatch(records, 'record', NOW + i), { writtenKeys: view });
    // Batch 0: two articles apart (empty store: the table is read once, and found empty).
    await write([record({ url: 0, alias: null, word: 0 }), record({ url: 1, alias: null, word: 1 })], 0);
    expect(view.trustedGeneration).not.toBeNull();
    const read = vi.spyOn(globalThis.IDBObjectStore.prototype, 'getAll');
    // Batch 1: one record under both addresses: the two stored articles become one.
    const result = await write([record({ url: 0, alias: 1, word: 2 })], 1);
    expect(read.mock.contexts.filter((s) => (s as IDBObjectStore).name === 'urlKeys')).toEqual([]);
    const rows = await store.db.articles.toArray();
    expect(rows).toHaveLength(1);
    expect(result.ids).toEqual([rows[0]!.id]);
    expect(view.holders(urlKey(POOL[0])!)).toEqual([rows[0]!.id]);
    expect(view.holders(urlKey(POOL[1])!)).toEqual([rows[0]!.id]);
    // Batch 2: the second address alone is the same article (found by the view, not the table).
    await write([record({ url: 1, alias: null, word: 3 })], 2);
    expect(read.mock.contexts.filter((s) => (s as IDBObjectStore).name === 'urlKeys')).toEqual([]);
    expect(await store.db.articles.count()).toBe(1);
    expect((await store.findByUrls([POOL[1]]))?.id).toBe(rows[0]!.id);
  });
});
