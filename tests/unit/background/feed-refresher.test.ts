import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FeedRefresher, type FeedRefresherDeps } from '../../../src/background/feed-refresher';
import { ArticleStore, FeedStore } from '../../../src/store';
import { rss, startServer, type TestServer } from '../feeds/feed-server';

let server: TestServer;
let version = 1;

const bikeItems = [
  { title: 'Council backs Main Street bike lanes', link: 'https://gazette.example/bike-lanes', description: '<p>The council voted <b>5–2</b>.</p>', pubDate: 'Tue, 02 Mar 2021 10:00:00 GMT' },
  { title: 'Bakery wins award', link: 'https://gazette.example/bakery' },
];

beforeAll(async () => {
  server = await startServer({
    '/gazette.xml': (request, response) => {
      const etag = `"v${version}"`;
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304);
        response.end();
        return;
      }
      const items = version === 1 ? bikeItems : [...bikeItems, { title: 'School budget delayed', link: 'https://gazette.example/school' }];
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag });
      response.end(rss('Riverton Gazette', items, 'https://gazette.example/'));
    },
    '/other.xml': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(rss('Metro Cycling', [{ title: 'Protected lanes for Riverton', link: 'https://metro-cycling.example/riverton' }], 'https://metro-cycling.example/'));
    },
    '/broken.xml': (_request, response) => {
      response.writeHead(500);
      response.end('oops');
    },
    '/truncated.xml': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(rss('Cut', bikeItems).slice(0, 300));
    },
    '/site.html': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><html><head><title>Gazette</title><link rel="alternate" type="application/rss+xml" title="Gazette news" href="/gazette.xml"></head><body>Hi</body></html>');
    },
    '/two-feeds.html': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><head><link rel="alternate" type="application/rss+xml" href="/gazette.xml"><link rel="alternate" type="application/atom+xml" href="/other.xml"></head></html>');
    },
    '/no-feeds.html': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><head><title>x</title></head></html>');
    },
    '/not-a-feed.xml': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end('<?xml version="1.0"?><sitemap/>');
    },
  });
});
afterAll(() => server.close());

let store: ArticleStore;
let feeds: FeedStore;
let now: number;
let scheduled: (number | undefined)[];
let changes: number;
let allowed: (url: string) => boolean;
let counter = 0;

function refresher(overrides: Partial<FeedRefresherDeps> = {}): FeedRefresher {
  return new FeedRefresher({
    feeds,
    hasPermission: async (url) => allowed(url),
    schedule: async (when) => void scheduled.push(when),
    onArticlesChanged: async () => void changes++,
    now: () => now,
    ...overrides,
  });
}

beforeEach(() => {
  store = new ArticleStore({ name: `refresher-${++counter}` });
  feeds = new FeedStore(store);
  now = Date.parse('2024-05-01T10:00:00Z');
  scheduled = [];
  changes = 0;
  allowed = (url) => url.startsWith('http://127.0.0.1');
  version = 1;
});
afterEach(() => store.close());

describe('subscribing by address', () => {
  it('subscribes to a feed address and stores its items at once, with the outlet as provider', async () => {
    const [result] = await refresher().subscribe([{ url: server.url('/gazette.xml') }], true);
    expect(result).toMatchObject({ status: 'subscribed', feed: { title: 'Riverton Gazette', itemCount: 2, lastStatus: 'ok', siteUrl: 'https://gazette.example/' } });
    const article = await store.findByUrls(['https://gazette.example/bike-lanes']);
    expect(article).toMatchObject({ origin: 'feed', title: 'Council backs Main Street bike lanes', excerpt: 'The council voted 5–2.', provider: { name: 'Riverton Gazette', domain: 'gazette.example' }, publishedAt: Date.parse('2021-03-02T10:00:00Z') });
    expect(changes).toBe(1);
    expect(scheduled.at(-1)).toBe(now + 30 * 60_000);
    const [again] = await refresher().subscribe([{ url: server.url('/gazette.xml') }], true);
    expect(again!.status).toBe('already');
  });

  it('follows a page to the one feed it links, and offers a choice when it links several', async () => {
    const [followed] = await refresher().subscribe([{ url: server.url('/site.html') }], true);
    expect(followed).toMatchObject({ status: 'subscribed', url: server.url('/gazette.xml'), feed: { url: server.url('/gazette.xml'), itemCount: 2 } });
    const [choice] = await refresher().subscribe([{ url: server.url('/two-feeds.html') }], true);
    expect(choice).toEqual({
      url: server.url('/two-feeds.html'),
      status: 'choose',
      candidates: [
        { url: server.url('/gazette.xml'), title: '', type: 'application/rss+xml' },
        { url: server.url('/other.xml'), title: '', type: 'application/atom+xml' },
      ],
    });
  });

  it('subscribes to nothing that is not a feed, and says why', async () => {
    const r = refresher();
    expect((await r.subscribe([{ url: server.url('/no-feeds.html') }], true))[0]).toMatchObject({ status: 'error', error: expect.stringMatching(/no feed found/) });
    expect((await r.subscribe([{ url: server.url('/not-a-feed.xml') }], true))[0]).toMatchObject({ status: 'error', error: expect.stringMatching(/root element is <sitemap>/) });
    expect((await r.subscribe([{ url: server.url('/broken.xml') }], true))[0]).toMatchObject({ status: 'error', error: expect.stringMatching(/HTTP 500/) });
    expect((await r.subscribe([{ url: 'https://elsewhere.example/feed' }], true))[0]).toMatchObject({ status: 'error', error: 'no permission to read https://elsewhere.example' });
    expect(await feeds.listFeeds()).toEqual([]);
  });

  it('adds OPML-style lists without fetching first, then refreshes them in the background', async () => {
    const r = refresher();
    const results = await r.subscribe([{ url: server.url('/gazette.xml'), title: 'From OPML' }, { url: server.url('/other.xml') }], false);
    expect(results.map((x) => x.status)).toEqual(['subscribed', 'subscribed']);
    let listed = await feeds.listFeeds();
    for (let waited = 0; listed.some((f) => f.lastStatus === 'new') && waited < 5000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      listed = await feeds.listFeeds();
    }
    expect(listed.map((f) => [f.title, f.itemCount])).toEqual([
      ['Riverton Gazette', 2],
      ['Metro Cycling', 1],
    ]);
  });
});

describe('refreshing', () => {
  it('uses conditional requests: a 304 keeps everything and clears nothing but the due time', async () => {
    const r = refresher();
    await r.subscribe([{ url: server.url('/gazette.xml') }], true);
    now += 31 * 60_000;
    const [result] = await r.refreshDue();
    expect(result).toMatchObject({ status: 'not-modified', newItems: 0 });
    expect(server.requests.filter((q) => q.path === '/gazette.xml').at(-1)!.ifNoneMatch).toBe('"v1"');
    expect((await feeds.listFeeds())[0]).toMatchObject({ lastStatus: 'not-modified', itemCount: 2, nextRefreshAt: now + 30 * 60_000 });

    version = 2;
    now += 31 * 60_000;
    expect((await r.refreshDue())[0]).toMatchObject({ status: 'ok' });
    expect((await feeds.listFeeds())[0]).toMatchObject({ itemCount: 3, lastNewItems: 1, etag: '"v2"' });
    expect(await store.countArticles()).toBe(3);
  });

  it('refreshes only feeds that are due and not paused', async () => {
    const r = refresher();
    await r.subscribe([{ url: server.url('/gazette.xml') }, { url: server.url('/other.xml') }], true);
    const [gazette, other] = await feeds.listFeeds();
    await r.update(other!.id, { paused: true });
    expect(await r.refreshDue()).toEqual([]);
    now += 31 * 60_000;
    expect((await r.refreshDue()).map((x) => x.feedId)).toEqual([gazette!.id]);
    expect(scheduled.at(-1)).toBe(now + 30 * 60_000);
    await r.update(gazette!.id, { intervalMinutes: 120 });
    expect((await feeds.getFeed(gazette!.id))!.nextRefreshAt).toBe(now + 120 * 60_000);
  });

  it('reports each broken feed on its row, backs off exponentially, and refreshes the others', async () => {
    const r = refresher();
    await r.subscribe([{ url: server.url('/gazette.xml') }], true);
    await feeds.addFeeds([{ url: server.url('/broken.xml') }, { url: server.url('/truncated.xml') }], now);
    version = 2;
    const results = await r.refreshNow(null);
    expect(results.map((x) => x.status).sort()).toEqual(['error', 'error', 'ok']);
    const byUrl = new Map((await feeds.listFeeds()).map((f) => [f.url, f]));
    expect(byUrl.get(server.url('/gazette.xml'))).toMatchObject({ itemCount: 3, lastStatus: 'ok' });
    expect(byUrl.get(server.url('/broken.xml'))).toMatchObject({ lastStatus: 'error', lastError: 'the server answered HTTP 500 Internal Server Error', failures: 1, nextRefreshAt: now + 30 * 60_000 });
    expect(byUrl.get(server.url('/truncated.xml'))!.lastError).toMatch(/^not well-formed XML/);

    const broken = byUrl.get(server.url('/broken.xml'))!;
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      now = (await feeds.getFeed(broken.id))!.nextRefreshAt;
      await r.refreshDue();
      const feed = (await feeds.getFeed(broken.id))!;
      delays.push((feed.nextRefreshAt - now) / 60_000);
    }
    // Back-off doubles from 5 minutes (failures 2–5: 10, 20, 40, 80), never sooner than the 30-minute interval.
    expect(delays).toEqual([30, 30, 40, 80]);
    expect((await feeds.getFeed(broken.id))!.failures).toBe(5);

    // Recovery: the feed answers again, errors are forgotten.
    const okServer = await startServer({ '/broken.xml': (_q, s) => void s.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Back', [{ title: 'Back again', link: 'https://back.example/1' }])) });
    try {
      const moved = refresher({ fetchImpl: (input, init) => fetch(String(input).replace(server.url(''), okServer.url('')), init) });
      expect((await moved.refreshNow([broken.id]))[0]).toMatchObject({ status: 'ok' });
      const healed = (await feeds.getFeed(broken.id))!;
      expect(healed).toMatchObject({ failures: 0, lastStatus: 'ok' });
      expect(healed.lastError).toBeUndefined();
    } finally {
      await okServer.close();
    }
    // Nothing stored was lost on the way.
    expect(await store.countArticles()).toBe(4);
  });

  it('records a missing permission as the feed error', async () => {
    const r = refresher();
    await r.subscribe([{ url: server.url('/gazette.xml') }], true);
    allowed = () => false;
    const [result] = await r.refreshNow(null);
    expect(result).toMatchObject({ status: 'error', error: expect.stringMatching(/^no permission to read http:\/\/127\.0\.0\.1/) });
  });

  it('resumes cleanly after a worker stopped mid-refresh: nothing lost, nothing doubled', async () => {
    await feeds.addFeeds([{ url: server.url('/gazette.xml') }], now);
    // The first worker's request never completes (the worker is stopped while waiting).
    const stopped = refresher({ fetchImpl: () => new Promise<Response>(() => undefined) });
    void stopped.refreshDue();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.countArticles()).toBe(0);
    // A new worker starts: the feed is still due, and is refreshed once.
    now += 60_000;
    const next = refresher();
    const [result] = await next.refreshDue();
    expect(result).toMatchObject({ status: 'ok', newItems: 2 });
    await next.refreshNow(null);
    expect(await store.countArticles()).toBe(2);
    expect((await feeds.listFeeds())[0]!.itemCount).toBe(2);
  });

  it('joins a refresh already running for the same feed instead of starting another', async () => {
    const r = refresher();
    await feeds.addFeeds([{ url: server.url('/gazette.xml') }], now);
    const before = server.requests.length;
    const [a, b] = await Promise.all([r.refreshNow(null), r.refreshNow(null)]);
    expect(a).toEqual(b);
    expect(server.requests.length - before).toBe(1);
  });

  it('unsubscribes, optionally removing its articles, and reschedules', async () => {
    const r = refresher();
    await r.subscribe([{ url: server.url('/gazette.xml') }], true);
    const [feed] = await feeds.listFeeds();
    expect(await r.unsubscribe(feed!.id, true)).toEqual({ removed: true, articlesDeleted: 2 });
    expect(await store.countArticles()).toBe(0);
    expect(scheduled.at(-1)).toBeUndefined();
  });
});
