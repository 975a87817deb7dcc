import { describe, expect, it } from 'vitest';
import { legacyRecords } from '../../fixtures/legacy-stores';
import { ArticleStore, FeedStore, type StoredArticle } from '../../../src/store';
import { describeReport, type ConsistencyReport, type Invariant } from '../../../src/store/consistency';
import type { StoreChange } from '../../../src/store/events';
import { findRelated } from '../../../src/related/find-related';

let n = 0;

function foundOf(report: ConsistencyReport): Record<string, number> {
  return Object.fromEntries(report.results.filter((r) => r.found > 0).map((r) => [r.invariant, r.found]));
}

async function filledStore(): Promise<ArticleStore> {
  const store = new ArticleStore({ name: `consistency-${++n}` });
  await store.upsertRecords(legacyRecords(120), 'record');
  const feeds = new FeedStore(store);
  const [added] = await feeds.addFeeds([{ url: 'https://north.example/rss' }]);
  await feeds.storeFeedItems(added!.feed.id, legacyRecords(10), { lastStatus: 'ok' });
  return store;
}

describe('check and repair the store', () => {
  it('finds nothing in a store written by the store API', async () => {
    const store = await filledStore();
    const report = await store.check({ repair: false });
    expect(report.articles).toBe(120);
    expect(foundOf(report)).toEqual({});
    expect(report.consistent).toBe(true);
    expect(describeReport(report)[0]).toMatch(/^No addresses/);
    store.close();
  });

  it('finds each broken invariant, repairs it, and keeps every article', async () => {
    const store = await filledStore();
    const db = store.db;
    const [a, b, c, d] = (await db.articles.orderBy('id').limit(4).toArray()) as [StoredArticle, StoredArticle, StoredArticle, StoredArticle];
    // One URL key in two articles; an article indexed under stale terms (a row as stores before
    // `drop-row-terms` kept it), another whose text is no longer what it was indexed from (a row
    // of today: no terms); a week counted wrong; a link and a feed membership to articles that
    // are gone; the kept count out of date.
    expect(d.terms).toBeUndefined();
    await db.articles.put({ ...b, urls: [...b.urls, a.urls[0]!] });
    await db.articles.put({ ...c, terms: ['stale'], titleTermCount: 1, anchors: [] });
    await db.articles.put({ ...d, title: 'Lighthouse keepers vote on a seasonal rota' });
    const segment = (await db.segments.toArray())[0]!;
    await db.segments.put({ ...segment, count: segment.count + 5 });
    await db.links.put({ from: a.id, to: 'gone', kind: 'related' });
    await db.feedItems.put({ feedId: 'fmissing', articleId: a.id, firstSeenAt: 1, lastSeenAt: 1 });
    await db.meta.put({ key: 'articleCount', value: 7 });

    const checked = await store.check({ repair: false });
    expect(foundOf(checked)).toEqual({ 'url-keys': 1, 'index-entries': 2, 'week-counts': 1, links: 1, 'feed-items': 1, 'article-count': 1 } satisfies Partial<Record<Invariant, number>>);
    expect(checked.consistent).toBe(false);
    // Checking alone changes nothing.
    expect((await store.check({ repair: false })).consistent).toBe(false);

    const repaired = await store.check({ repair: true });
    expect(repaired.results.every((r) => r.fixed === r.found)).toBe(true);
    expect(repaired.consistent).toBe(true);
    expect(describeReport(repaired).join(' ')).toContain('1 links to or from articles no longer stored: all fixed.');
    const after = await store.check({ repair: false });
    expect(foundOf(after)).toEqual({});
    expect(after.articles).toBe(120);
    expect(await store.countArticles()).toBe(120);
    // The key stays with the article stored first; c is findable by its terms again, d by its new
    // headline; neither row keeps terms.
    expect((await store.findByUrls([`https://${a.urls[0]}`]))?.id ?? (await db.articles.where('urls').equals(a.urls[0]!).primaryKeys())[0]).toBe(a.id);
    expect((await db.articles.get(c.id))!.terms).toBeUndefined();
    expect((await db.articles.get(d.id))!.terms).toBeUndefined();
    const found = await findRelated(store, { urls: ['https://elsewhere.invalid/rota'], title: 'Lighthouse keepers vote on a seasonal rota', excerpt: '' }, { withRanking: true, cache: false });
    expect(found.ranking!.map((r) => r.id)).toContain(d.id);
    store.close();
  });

  it('announces what a repair changed as one store event (why: upgrade), and nothing for a check alone', async () => {
    const store = await filledStore();
    const db = store.db;
    const [a, b, c] = (await db.articles.orderBy('id').limit(3).toArray()) as [StoredArticle, StoredArticle, StoredArticle];
    await db.articles.put({ ...b, urls: [...b.urls, a.urls[0]!] });
    await db.articles.put({ ...c, terms: ['stale'] });
    await db.links.put({ from: a.id, to: 'gone', kind: 'related' });
    await db.feedItems.put({ feedId: 'fmissing', articleId: a.id, firstSeenAt: 1, lastSeenAt: 1 });
    const heard: StoreChange[] = [];
    store.events.subscribe((change) => heard.push(change));

    await store.check({ repair: false });
    expect(heard).toEqual([]);
    await store.check({ repair: true });
    expect(heard).toHaveLength(1);
    const [change] = heard as [StoreChange];
    expect(change.why).toBe('upgrade');
    // b lost the key a keeps; c was indexed again; a lost its link to an article no longer stored.
    expect([...change.updated].sort()).toEqual([a.id, b.id, c.id].sort());
    expect(change.feeds).toBe(true);
    expect(change.created).toEqual([]);
    expect(change.deleted).toEqual([]);
    store.close();
  });
});
