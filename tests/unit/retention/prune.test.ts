import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planPrune, pruneStore } from '../../../src/retention/prune';
import { DAY_MS } from '../../../src/retention/select';
import { ArticleStore, FeedStore, readArticleAges } from '../../../src/store';
import { newsRecord } from '../builders';

const record = newsRecord;

const now = Date.UTC(2024, 5, 1, 12);
const daysAgo = (n: number): number => now - n * DAY_MS;

let store: ArticleStore;
let counter = 0;
beforeEach(() => {
  store = new ArticleStore({ name: `prune-${++counter}` });
});
afterEach(() => store.close());

async function fill(): Promise<void> {
  await store.upsertRecords(
    [
      record({
        title: 'Fresh story with an old related entry',
        webUrl: 'https://a.example/fresh',
        publishedAt: daysAgo(1),
        related: [record({ title: 'Old related entry', webUrl: 'https://b.example/old', publishedAt: daysAgo(50) })],
      }),
      record({ title: 'Old story', webUrl: 'https://a.example/old', publishedAt: daysAgo(60), related: [record({ title: 'Fresh related', webUrl: 'https://c.example/new', publishedAt: daysAgo(2) })] }),
      record({ title: 'Old story the user read', webUrl: 'https://a.example/read', publishedAt: daysAgo(90) }),
    ],
    'record',
    { now: daysAgo(0.5) },
  );
  // Undated: its stored time counts.
  await store.upsertRecords([record({ title: 'Undated, stored long ago', webUrl: 'https://d.example/undated' })], 'record', { now: daysAgo(45) });
  await store.upsertRecords([record({ title: 'Undated, stored today', webUrl: 'https://d.example/today' })], 'record', { now: daysAgo(0.1) });
  await store.upsertRecords([record({ title: 'Old story the user read', webUrl: 'https://a.example/read', publishedAt: daysAgo(90) })], 'page', { now: daysAgo(0.2), readAt: daysAgo(0.2) });
}

async function titles(): Promise<string[]> {
  return (await store.db.articles.toArray()).map((a) => a.title).sort();
}

describe('readArticleAges', () => {
  it('reads every article: publication time, else stored time, and whether it was read', async () => {
    await fill();
    const ages = await readArticleAges(store);
    expect(ages).toHaveLength(7);
    const byTitle = new Map((await store.db.articles.toArray()).map((a) => [a.id, a.title]));
    const named = Object.fromEntries(ages.map((a) => [byTitle.get(a.id), a]));
    expect(named['Undated, stored long ago']).toMatchObject({ time: daysAgo(45), read: false });
    expect(named['Old story the user read']).toMatchObject({ time: daysAgo(90), read: true });
    expect(named['Old related entry']).toMatchObject({ time: daysAgo(50), read: false });
  });
});

describe('pruneStore', () => {
  it('keeps the last N days (by publication, else stored time) and what the user read; links stay true', async () => {
    await fill();
    const plan = await planPrune(store, { mode: 'days', days: 30, count: 100 }, now);
    expect(plan.ids).toHaveLength(3);
    const result = await pruneStore(store, { mode: 'days', days: 30, count: 100 }, { now, batchSize: 2 });
    expect(result).toEqual({ deleted: 3, keptRead: 1, remaining: 4 });
    expect(await titles()).toEqual(['Fresh related', 'Fresh story with an old related entry', 'Old story the user read', 'Undated, stored today']);
    // No link points at or from a deleted article; the week counts add up to the articles.
    const ids = new Set((await store.db.articles.toArray()).map((a) => a.id));
    for (const link of await store.db.links.toArray()) expect(ids.has(link.from) && ids.has(link.to)).toBe(true);
    expect(await store.db.links.count()).toBe(0);
    const segments = await store.db.segments.toArray();
    expect(segments.reduce((sum, s) => sum + s.count, 0)).toBe(4);
    expect(await store.countArticles()).toBe(4);
  });

  it('keeps the newest N articles plus the ones the user read', async () => {
    await fill();
    const result = await pruneStore(store, { mode: 'count', days: 1, count: 3 }, { now });
    expect(result).toEqual({ deleted: 3, keptRead: 1, remaining: 4 });
    expect(await titles()).toEqual(['Fresh related', 'Fresh story with an old related entry', 'Old story the user read', 'Undated, stored today']);
  });

  it('drops the feed memberships of pruned articles, and does nothing when off or when all is recent', async () => {
    const feeds = new FeedStore(store);
    const [row] = await feeds.addFeeds([{ url: 'https://a.example/rss' }], daysAgo(100));
    await feeds.storeFeedItems(row!.feed.id, [record({ title: 'Old feed item', originalUrl: 'https://a.example/f1', publishedAt: daysAgo(20) }), record({ title: 'New feed item', originalUrl: 'https://a.example/f2', publishedAt: daysAgo(1) })], {}, [], daysAgo(1));
    expect(await pruneStore(store, { mode: 'off', days: 1, count: 100 }, { now })).toMatchObject({ deleted: 0 });
    expect(await pruneStore(store, { mode: 'days', days: 30, count: 100 }, { now })).toMatchObject({ deleted: 0, remaining: 2 });
    expect(await pruneStore(store, { mode: 'days', days: 7, count: 100 }, { now })).toMatchObject({ deleted: 1, remaining: 1 });
    expect((await feeds.listFeeds())[0]!.itemCount).toBe(1);
  });
});
