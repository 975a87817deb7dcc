import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleStore, FeedStore, type StoredFeed } from '../../../src/store';
import { newsRecord } from '../builders';
import { SCHEMA_VERSION } from '../../../src/store/migrations';

const record = newsRecord;

const outlet = { name: 'Riverton Gazette', domain: 'riverton-gazette.example' };
const itemA = record({ title: 'Council backs bike lanes', originalUrl: 'https://riverton-gazette.example/a', provider: outlet });
const itemB = record({ title: 'Bakery wins award', originalUrl: 'https://riverton-gazette.example/b', provider: outlet });

let store: ArticleStore;
let feeds: FeedStore;
let counter = 0;
beforeEach(() => {
  store = new ArticleStore({ name: `feed-store-${++counter}` });
  feeds = new FeedStore(store);
});
afterEach(() => store.close());

/** Subscribes to these URLs; their rows in order. */
async function subscribe(...urls: string[]): Promise<StoredFeed[]> {
  return (await feeds.addFeeds(urls.map((url) => ({ url })))).map((row) => row.feed);
}

describe('FeedStore', () => {
  it('subscribes once per URL, with defaults, due at once', async () => {
    const [first] = await feeds.addFeeds([{ url: 'https://riverton-gazette.example/rss', title: 'Gazette' }], 1000);
    expect(first).toMatchObject({ added: true, feed: { title: 'Gazette', paused: false, intervalMinutes: 30, lastStatus: 'new', failures: 0, nextRefreshAt: 1000 } });
    const [again] = await feeds.addFeeds([{ url: 'https://riverton-gazette.example/rss' }], 2000);
    expect(again).toMatchObject({ added: false, feed: { id: first!.feed.id } });
    expect(await feeds.listFeeds()).toHaveLength(1);
  });

  it('stores a refresh whole: items as feed articles, their feed, the new state; again changes nothing', async () => {
    const [feed] = (await subscribe('https://riverton-gazette.example/rss')) as [StoredFeed];
    const first = await feeds.storeFeedItems(feed.id, [itemA, itemB], { lastStatus: 'ok', etag: '"1"' }, [], 5000);
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const [listed] = await feeds.listFeeds();
    expect(listed).toMatchObject({ itemCount: 2, lastStatus: 'ok', etag: '"1"', lastNewItems: 2 });
    expect(await store.countArticles()).toBe(2);
    const article = await store.getArticle(first!.ids[0]!);
    expect(article).toMatchObject({ origin: 'feed', provider: outlet, title: 'Council backs bike lanes' });
    expect(await feeds.feedsOfArticle(article!.id)).toEqual([feed.id]);

    const again = await feeds.storeFeedItems(feed.id, [itemA, itemB], { lastStatus: 'ok' }, ['etag'], 6000);
    expect(again).toMatchObject({ created: 0, unchanged: 2 });
    expect(await store.countArticles()).toBe(2);
    const [after] = await feeds.listFeeds();
    expect(after).toMatchObject({ itemCount: 2, lastNewItems: 0 });
    expect(after!.etag).toBeUndefined();
  });

  it('stores nothing for a feed removed meanwhile', async () => {
    expect(await feeds.storeFeedItems('fgone', [itemA], { lastStatus: 'ok' })).toBeNull();
    expect(await store.countArticles()).toBe(0);
  });

  it('leaves the store as it was when a refresh transaction fails halfway', async () => {
    const [feed] = (await subscribe('https://riverton-gazette.example/rss')) as [StoredFeed];
    await feeds.storeFeedItems(feed.id, [itemA], { lastStatus: 'ok', etag: '"1"' });
    // A patch IndexedDB cannot store (a function) fails the transaction after the articles were written.
    const broken = { lastStatus: 'ok', etag: '"2"', title: (() => 'x') as unknown as string } as const;
    await expect(feeds.storeFeedItems(feed.id, [itemB], broken)).rejects.toThrow();
    expect(await store.countArticles()).toBe(1);
    expect((await feeds.listFeeds())[0]).toMatchObject({ itemCount: 1, etag: '"1"' });
  });

  it('unsubscribes keeping articles, or removing only those the feed alone brought', async () => {
    const [one, two] = (await subscribe('https://a.example/rss', 'https://b.example/rss')) as [StoredFeed, StoredFeed];
    const onlyOne = record({ title: 'Only in one', originalUrl: 'https://a.example/1' });
    const inBoth = record({ title: 'In both', originalUrl: 'https://a.example/2' });
    const read = record({ title: 'Read by the user', originalUrl: 'https://a.example/3' });
    const imported = record({ title: 'Also imported', originalUrl: 'https://a.example/4' });
    await store.upsertRecords([imported], 'record');
    await feeds.storeFeedItems(one.id, [onlyOne, inBoth, read, imported], { lastStatus: 'ok' });
    await feeds.storeFeedItems(two.id, [inBoth], { lastStatus: 'ok' });
    await store.upsertRecords([read], 'page', { readAt: 123 });
    expect(await store.countArticles()).toBe(4);

    expect(await feeds.removeFeed(one.id, { removeArticles: true })).toEqual({ removed: true, articlesDeleted: 1 });
    expect(await store.findByUrls(['https://a.example/1'])).toBeUndefined();
    for (const url of ['https://a.example/2', 'https://a.example/3', 'https://a.example/4']) expect(await store.findByUrls([url]), url).toBeDefined();
    expect((await feeds.listFeeds()).map((f) => f.id)).toEqual([two.id]);

    expect(await feeds.removeFeed(two.id, { removeArticles: false })).toEqual({ removed: true, articlesDeleted: 0 });
    expect(await store.countArticles()).toBe(3);
    expect(await feeds.removeFeed(two.id, { removeArticles: true })).toEqual({ removed: false, articlesDeleted: 0 });
  });

  it('keeps feed membership when two stored articles turn out to be one', async () => {
    const [feed] = (await subscribe('https://a.example/rss')) as [StoredFeed];
    const a = await feeds.storeFeedItems(feed.id, [record({ title: 'Story', originalUrl: 'https://a.example/story' })], { lastStatus: 'ok' });
    const other = await store.upsertRecords([record({ title: 'Story (amp)', originalUrl: 'https://a.example/story-alias' })], 'page');
    // A record naming both URLs merges the two articles.
    const merged = await store.upsertRecords([record({ title: 'Story', originalUrl: 'https://a.example/story-alias', webUrl: 'https://a.example/story' })], 'record');
    const survivor = merged.ids[0]!;
    expect([a!.ids[0], other.ids[0]]).toContain(survivor);
    expect(await store.countArticles()).toBe(1);
    expect(await feeds.articleIdsOfFeed(feed.id)).toEqual([survivor]);
    expect((await feeds.listFeeds())[0]!.itemCount).toBe(1);
  });

  it('deleting articles and clearing the store drop their feed membership; clearing forgets validators', async () => {
    const [feed] = (await subscribe('https://a.example/rss')) as [StoredFeed];
    const stored = await feeds.storeFeedItems(feed.id, [itemA, itemB], { lastStatus: 'ok', etag: '"1"', lastModified: 'x' });
    await store.deleteArticles([stored!.ids[0]!]);
    expect((await feeds.listFeeds())[0]!.itemCount).toBe(1);
    await store.clear();
    const [after] = await feeds.listFeeds();
    expect(after).toMatchObject({ id: feed.id, itemCount: 0 });
    expect(after!.etag).toBeUndefined();
    expect(after!.lastModified).toBeUndefined();
  });
});

describe('schema version 3 (feeds) and after', () => {
  it('opens a version-1 database with its articles intact and adds the feed tables', async () => {
    const name = `migrate-${++counter}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ articles: 'id, *urls, publishedAt, domain, *topics, *terms, addedAt, readAt', links: '[from+to], to', meta: 'key' });
    await v1.table('articles').put({ id: 'a1', url: 'https://x.example/1', urls: ['x.example/1'], title: 'Old', excerpt: '', domain: 'x.example', topics: [], images: [], origin: 'record', record: {}, terms: ['old'], titleTermCount: 1, sourceHashes: ['r1'], addedAt: 1, updatedAt: 1 });
    await v1.table('meta').put({ key: 'articleCount', value: 1 });
    v1.close();

    const upgraded = new ArticleStore({ name });
    expect(await upgraded.findByUrls(['https://x.example/1'])).toMatchObject({ id: 'a1', title: 'Old' });
    expect(upgraded.db.verno).toBe(SCHEMA_VERSION);
    const feedStore = new FeedStore(upgraded);
    await feedStore.addFeeds([{ url: 'https://x.example/rss' }]);
    expect(await feedStore.listFeeds()).toHaveLength(1);
    upgraded.close();
  });
});
