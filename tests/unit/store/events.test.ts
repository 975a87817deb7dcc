import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleStore, FeedStore } from '../../../src/store';
import type { StoreChange } from '../../../src/store/events';
import { newsRecord } from '../builders';

let store: ArticleStore;
let heard: StoreChange[];
let n = 0;
beforeEach(() => {
  store = new ArticleStore({ name: `events-${++n}` });
  heard = [];
  store.events.subscribe((change) => void heard.push(change));
});
afterEach(() => store.close());

const story = (i: number) => newsRecord({ title: `Harbour bridge reopens after repairs ${i}`, excerpt: 'The bridge reopened on Monday.', webUrl: `https://news${i}.example/bridge`, publishedAt: Date.parse('2024-05-01T10:00:00Z') });

describe('store events', () => {
  it('announces each committed write once, with what changed and why', async () => {
    const result = await store.upsertRecords([story(1), story(2)], 'record');
    expect(heard).toEqual([{ why: 'import', created: result.ids, updated: [], deleted: [], read: [], cleared: false, feeds: false }]);
    // The same records again change nothing: nothing is announced.
    await store.upsertRecords([story(1), story(2)], 'record');
    expect(heard).toHaveLength(1);
  });

  it('tells a reading mark from new content, and only content changes the lookup generation', async () => {
    const [id] = (await store.upsertRecords([story(1)], 'record')).ids;
    const before = await store.generations();
    heard = [];
    await store.upsertRecords([story(1)], 'page', { readAt: Date.now() });
    expect(heard).toEqual([{ why: 'page', created: [], updated: [], deleted: [], read: [id], cleared: false, feeds: false }]);
    const after = await store.generations();
    expect(after.content).toBe(before.content);
    expect(after.read).not.toBe(before.read);
    expect(await store.generation()).toBe(before.content);
    // New content changes the content generation.
    await store.upsertRecords([story(3)], 'page', { readAt: Date.now(), why: 'save' });
    expect(heard[1]!.why).toBe('save');
    expect(heard[1]!.created).toHaveLength(1);
    expect((await store.generations()).content).not.toBe(before.content);
  });

  it('announces a feed refresh stored in one transaction as one change, after it commits', async () => {
    const feeds = new FeedStore(store);
    const [added] = await feeds.addFeeds([{ url: 'https://news.example/feed.xml' }]);
    expect(heard).toEqual([{ why: 'feed', created: [], updated: [], deleted: [], read: [], cleared: false, feeds: true }]);
    heard = [];
    const stored = await feeds.storeFeedItems(added!.feed.id, [story(1), story(2)], { lastStatus: 'ok' });
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ why: 'feed', feeds: true, created: stored!.ids });
  });

  it('announces nothing for a write that was rolled back', async () => {
    const feeds = new FeedStore(store);
    const failing = store.db.transaction('rw', [store.db.feeds, ...store.articleWriteTables()], async () => {
      await store.upsertRecords([story(1)], 'feed');
      throw new Error('refresh cut short');
    });
    await expect(failing).rejects.toThrow('refresh cut short');
    expect(heard).toEqual([]);
    expect(await store.countArticles()).toBe(0);
    expect(await feeds.listFeeds()).toEqual([]);
  });

  it('announces deletions as pruning unless told otherwise, and delete-all as cleared', async () => {
    const { ids } = await store.upsertRecords([story(1), story(2)], 'record');
    heard = [];
    await store.deleteArticles([ids[0]!]);
    await store.deleteArticles([ids[1]!], 'feed');
    await store.clear();
    expect(heard.map((change) => [change.why, change.deleted, change.cleared])).toEqual([
      ['prune', [ids[0]], false],
      ['feed', [ids[1]], false],
      ['delete', [], true],
    ]);
  });

  it('reaches another context through a channel, and a listener that throws does not stop the others', async () => {
    const posted: StoreChange[] = [];
    let fromOthers: ((change: StoreChange) => void) | undefined;
    store.events.connect({ post: (change) => void posted.push(change), listen: (listener) => ((fromOthers = listener), () => undefined) });
    store.events.subscribe(() => {
      throw new Error('a broken listener');
    });
    const late: StoreChange[] = [];
    store.events.subscribe((change) => void late.push(change));
    const { ids } = await store.upsertRecords([story(1)], 'record');
    expect(posted).toHaveLength(1);
    expect(late).toHaveLength(1);
    // What another context announced is heard here, and not sent back.
    fromOthers!({ why: 'prune', created: [], updated: [], deleted: ids, read: [], cleared: false, feeds: false });
    expect(late[1]!.why).toBe('prune');
    expect(posted).toHaveLength(1);
  });
});
