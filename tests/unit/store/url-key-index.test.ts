import { describe, expect, it } from 'vitest';
import { legacyRecords, logicalUrlKeys } from '../../fixtures/legacy-stores';
import { MAX_URL_KEY_ROWS, urlKeyHash, shardOf, buildUrlKeyRow } from '../../../src/index/url-key-rows';
import { ArticleStore, type StoredArticle } from '../../../src/store';
import type { NewsRecord } from '../../../src/record/record';
import { articlesWithUrlKeys } from '../../../src/store/url-key-index';

let n = 0;

/** The pairs the store's articles call for: each URL key of each article, under its id. */
async function pairsOfRows(store: ArticleStore): Promise<string[]> {
  const articles = await store.db.articles.toArray();
  return articles.flatMap((a) => a.urls.map((key) => `${urlKeyHash(key)} ${a.id}`)).sort();
}

async function tablePairs(store: ArticleStore): Promise<string[]> {
  return logicalUrlKeys({ version: 0, stores: [], tables: { urlKeys: await store.db.urlKeys.toArray() } });
}

/** Every article found by each of its URL keys. */
async function expectFoundByEveryKey(store: ArticleStore): Promise<void> {
  for (const article of await store.db.articles.toArray()) {
    for (const key of article.urls) expect((await store.findByUrls([`https://${key}`]))?.id, key).toBe(article.id);
  }
}

describe('the URL-key table', () => {
  it('files every key of every article through many small writes, deletes and merges, within MAX_URL_KEY_ROWS rows a shard', async () => {
    const store = new ArticleStore({ name: `url-keys-${++n}` });
    const records = legacyRecords(240);
    // Small writes: each shard gets a row a write, so every shard compacts several times.
    for (let i = 0; i < records.length; i += 8) await store.upsertRecords(records.slice(i, i + 8), 'record');
    const rows = await store.db.urlKeys.toArray();
    const perShard = new Map<number, number>();
    for (const row of rows) perShard.set(row.shard, (perShard.get(row.shard) ?? 0) + 1);
    expect(Math.max(...perShard.values())).toBeLessThan(MAX_URL_KEY_ROWS);
    expect(await tablePairs(store)).toEqual(await pairsOfRows(store));
    await expectFoundByEveryKey(store);

    // Deleted articles leave; their keys find nothing.
    const gone = (await store.db.articles.orderBy('id').limit(30).toArray()) as StoredArticle[];
    expect(await store.deleteArticles(gone.map((a) => a.id))).toBe(30);
    for (const article of gone) for (const key of article.urls) expect(await store.findByUrls([`https://${key}`])).toBeUndefined();
    // More writes compact the shards: the gone pairs are dropped, not only shadowed.
    for (let i = 0; i < 80; i += 4) await store.upsertRecords(records.slice(i, i + 4).map((r) => ({ ...r, title: `${r.title} again` })), 'record');
    expect(await tablePairs(store)).toEqual(await pairsOfRows(store));
    await expectFoundByEveryKey(store);

    // Two stored articles one record names both of (its own URL and an earlier one as its
    // original): merged into one, found by every key, the absorbed one's pairs gone.
    const [x, y] = (await store.db.articles.orderBy('id').offset(40).limit(2).toArray()) as [StoredArticle, StoredArticle];
    const bridge: NewsRecord = { ...records[0]!, webUrl: `https://${x.urls[0]}`, originalUrl: `https://${y.urls[0]}`, related: [] };
    const before = await store.countArticles();
    await store.upsertRecords([bridge], 'record');
    expect(await store.countArticles()).toBe(before - 1);
    const merged = (await store.findByUrls([`https://${y.urls[0]}`]))!;
    expect((await store.findByUrls([`https://${x.urls[0]}`]))!.id).toBe(merged.id);
    for (let i = 0; i < MAX_URL_KEY_ROWS; i++) await store.upsertRecords([{ ...records[i]!, title: `${records[i]!.title} once more`, related: [] }], 'record');
    expect(await tablePairs(store)).toEqual(await pairsOfRows(store));
    await expectFoundByEveryKey(store);
    expect((await store.check({ repair: false })).consistent).toBe(true);
    store.close();
  });

  it('checks the row: a pair whose hash collides, or whose article lost the key, finds nothing', async () => {
    const store = new ArticleStore({ name: `url-keys-${++n}` });
    await store.upsertRecords(legacyRecords(20), 'record');
    const [a, b] = (await store.db.articles.orderBy('id').limit(2).toArray()) as [StoredArticle, StoredArticle];
    const stranger = 'unrelated.example/never-stored';
    // b filed under the stranger's hash (as a collision would), and under a's key.
    await store.db.urlKeys.put(buildUrlKeyRow(shardOf(urlKeyHash(stranger)), 1000, [{ hash: urlKeyHash(stranger), id: b.id }]));
    await store.db.urlKeys.put(buildUrlKeyRow(shardOf(urlKeyHash(a.urls[0]!)), 1001, [{ hash: urlKeyHash(a.urls[0]!), id: b.id }]));
    expect(await store.findByUrls([`https://${stranger}`])).toBeUndefined();
    expect((await articlesWithUrlKeys(store.db, [stranger, a.urls[0]!])).map((article) => article.id)).toEqual([a.id]);
    expect((await store.findByUrls([`https://${a.urls[0]}`]))?.id).toBe(a.id);
    // A write's merge check does not merge b into a record of the stranger's URL either.
    const before = await store.countArticles();
    await store.upsertRecords([{ ...legacyRecords(21)[20]!, webUrl: `https://${stranger}`, related: [] }], 'record');
    expect(await store.countArticles()).toBe(before + 1);
    expect((await store.getArticle(b.id))!.urls).toEqual(b.urls);
    store.close();
  });
});
