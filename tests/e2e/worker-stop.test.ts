/**
 * The service worker stopped at the worst moment, as Chrome does after 30 s idle or during long
 * work: in the middle of a feed refresh, a retention prune, a digest rebuild and a page report.
 * Afterwards the store is consistent and the interrupted work finishes on its own at the worker's
 * next start, with nothing doubled or lost. The worker is stopped over CDP (ServiceWorker.stopWorker:
 * its globals are gone, as when Chrome stops it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyRecords } from '../fixtures/legacy-stores';
import type { ConsistencyReport } from '../../src/store/consistency';
import { FIXTURES_DIR, launchExtension, serviceWorker, startFixtureServer, waitFor, type ExtensionSession, type FixtureServer } from './harness';

interface TestHooks {
  rotsTest: {
    store: {
      upsertRecords(records: unknown[], origin: string): Promise<unknown>;
      countArticles(): Promise<number>;
      pendingWork(): Promise<Map<string, unknown>>;
      check(options: { repair: boolean }): Promise<ConsistencyReport>;
      generation(): Promise<string | undefined>;
      generations(): Promise<{ content: string | undefined; read: string | undefined }>;
      loadDerived(key: string): Promise<{ generation: string | undefined } | undefined>;
      findByUrls(urls: string[]): Promise<{ id: string } | undefined>;
      db: { articles: { count(): Promise<number> }; feedItems: { count(): Promise<number> } };
    };
    pauses: Record<string, number>;
    pausedAt: string[];
  };
}

let session: ExtensionSession;
let server: FixtureServer;
let control: Page;
const hits = new Map<string, number>();
let slowFeedHeld = true;

/** Stops every running version of the extension's worker and waits until it has stopped. */
async function stopWorker(): Promise<void> {
  const cdp = await session.context.newCDPSession(control);
  const versions = new Map<string, { versionId: string; scriptURL: string; runningStatus: string }>();
  cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
    for (const version of event.versions) versions.set(version.versionId, version);
  });
  await cdp.send('ServiceWorker.enable');
  const ours = () => [...versions.values()].filter((v) => v.scriptURL.startsWith(`chrome-extension://${session.extensionId}/`));
  await waitFor(async () => ours().filter((v) => v.runningStatus === 'running').length, (n) => n > 0, 10_000, 'the running worker');
  for (const version of ours().filter((v) => v.runningStatus === 'running')) await cdp.send('ServiceWorker.stopWorker', { versionId: version.versionId });
  await waitFor(async () => ours().every((v) => v.runningStatus === 'stopped'), (stopped) => stopped, 10_000, 'the worker to stop');
  await cdp.detach();
}

/** The worker as it is now (a message from an extension page wakes a stopped one). */
async function wakeWorker() {
  await control.evaluate(() => chrome.runtime.sendMessage({ type: 'store-status' }));
  return serviceWorker(session);
}

async function inWorker<T>(read: (hooks: TestHooks['rotsTest']) => Promise<T>): Promise<T> {
  const worker = await wakeWorker();
  return worker.evaluate(`(${read.toString()})(globalThis.rotsTest)`) as Promise<T>;
}

/** The work-in-progress marks as stored, read from a page without waking the worker. */
function storedMarks(): Promise<string[]> {
  return control.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open('rest-of-the-story');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const keys = db.transaction('meta').objectStore('meta').getAllKeys(IDBKeyRange.bound('work:', 'work:\uffff'));
          keys.onsuccess = () => {
            db.close();
            resolve((keys.result as string[]).map((key) => key.slice('work:'.length)));
          };
        };
      }),
  );
}

async function expectConsistent(): Promise<void> {
  const report = await inWorker((t) => t.store.check({ repair: false }));
  expect(report.results.filter((r) => r.found > 0)).toEqual([]);
}

beforeAll(async () => {
  server = await startFixtureServer([
    (request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (!path.startsWith('/stop-feeds/')) return false;
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const body = readFileSync(join(FIXTURES_DIR, 'feeds', path.endsWith('slow.xml') ? 'courier.xml' : 'harbour-herald.xml'));
      const answer = () => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.end(body);
      };
      // The slow feed answers only once the test lets it (the worker is stopped meanwhile).
      if (path.endsWith('slow.xml') && slowFeedHeld) {
        const timer = setInterval(() => {
          if (slowFeedHeld) return;
          clearInterval(timer);
          answer();
        }, 100);
        response.on('close', () => clearInterval(timer));
      } else answer();
      return true;
    },
  ]);
  session = await launchExtension();
  control = await session.context.newPage();
  await control.goto(session.extensionUrl('bench-blank.html'));
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('a worker stopped in the middle of work', () => {
  it('a digest rebuild: done at the next start', async () => {
    await inWorker(async (t) => void (await t.store.upsertRecords([], 'record')));
    const worker = await wakeWorker();
    await worker.evaluate((records) => (globalThis as unknown as TestHooks).rotsTest.store.upsertRecords(records, 'record'), legacyRecords(300) as unknown[]);
    // store-changed schedules the rebuild (2 s later): the worker is stopped before it runs.
    await control.evaluate(() => chrome.runtime.sendMessage({ type: 'store-changed' }));
    await stopWorker();
    // The mark survived the stop; the next start rebuilds and clears it.
    expect(await storedMarks()).toContain('digest-rebuild');
    await waitFor(() => inWorker(async (t) => [...(await t.store.pendingWork()).keys()]), (keys) => !keys.includes('digest-rebuild'), 20_000, 'the digest rebuild to finish');
    // The digest is kept with the store's content and reading generations (src/background/digest-manager).
    const [kept, generation] = await inWorker(async (t) => {
      const { content, read } = await t.store.generations();
      return [(await t.store.loadDerived('digest'))?.generation, `${content}:${read ?? ''}`];
    });
    expect(kept).toBe(generation);
    await expectConsistent();
  });

  it('a retention prune: finished at the next start', async () => {
    const worker = await wakeWorker();
    await worker.evaluate((records) => (globalThis as unknown as TestHooks).rotsTest.store.upsertRecords(records, 'record'), legacyRecords(1300) as unknown[]);
    const before = await inWorker((t) => t.store.countArticles());
    expect(before).toBe(1300);
    await (await wakeWorker()).evaluate(() => void ((globalThis as unknown as TestHooks).rotsTest.pauses['prune-batch'] = 5_000));
    await control.evaluate(() => chrome.storage.local.set({ settings: { retentionMode: 'count', retentionCount: 100 } }));
    const held = await waitFor(() => inWorker(async (t) => t.pausedAt.includes('prune-batch')), (yes) => yes, 15_000, 'the prune to be under way');
    expect(held).toBe(true);
    const midway = await inWorker((t) => t.store.db.articles.count());
    expect(midway).toBeLessThan(1300);
    expect(midway).toBeGreaterThan(100);
    await stopWorker();
    expect(await storedMarks()).toContain('retention');
    await waitFor(() => inWorker((t) => t.store.db.articles.count()), (n) => n === 100, 30_000, 'the prune to finish');
    await waitFor(() => inWorker(async (t) => [...(await t.store.pendingWork()).keys()]), (keys) => !keys.includes('retention'), 10_000, 'the prune mark to clear');
    expect(await inWorker((t) => t.store.countArticles())).toBe(100);
    await expectConsistent();
    await control.evaluate(() => chrome.storage.local.set({ settings: { retentionMode: 'off' } }));
  });

  it('a feed refresh: the feed cut short is refreshed at the next start, the finished one is not fetched again', async () => {
    const before = await inWorker((t) => t.store.db.articles.count());
    const fast = server.url('/stop-feeds/fast.xml');
    const slow = server.url('/stop-feeds/slow.xml');
    await control.evaluate((feeds) => chrome.runtime.sendMessage({ type: 'feed-subscribe', feeds, discover: false }), [{ url: fast }, { url: slow }]);
    await waitFor(async () => hits.get('/stop-feeds/slow.xml') ?? 0, (n) => n === 1, 15_000, 'the slow feed to be requested');
    await waitFor(() => inWorker((t) => t.store.db.feedItems.count()), (n) => n === 2, 15_000, 'the fast feed to be stored');
    await stopWorker();
    expect((await storedMarks()).filter((key) => key.startsWith('feed-refresh:'))).toHaveLength(1);
    slowFeedHeld = false;
    await waitFor(() => inWorker((t) => t.store.db.feedItems.count()), (n) => n === 4, 30_000, 'the cut-short refresh to finish');
    await waitFor(() => inWorker(async (t) => [...(await t.store.pendingWork()).keys()].filter((k) => k.startsWith('feed-refresh:'))), (keys) => keys.length === 0, 10_000, 'the refresh mark to clear');
    expect(hits.get('/stop-feeds/fast.xml')).toBe(1);
    expect(hits.get('/stop-feeds/slow.xml')).toBe(2);
    expect(await inWorker((t) => t.store.db.articles.count())).toBe(before + 4);
    await expectConsistent();
  });

  it('a page report: sent again by the page, stored once', async () => {
    const before = await inWorker((t) => t.store.db.articles.count());
    await (await wakeWorker()).evaluate(() => void ((globalThis as unknown as TestHooks).rotsTest.pauses['page-report'] = 10_000));
    const article = await session.context.newPage();
    await article.goto(server.url('/bike-lanes.html'));
    await waitFor(() => inWorker(async (t) => t.pausedAt.includes('page-report')), (yes) => yes, 15_000, 'the report to reach the worker');
    await stopWorker();
    await waitFor(() => inWorker((t) => t.store.db.articles.count()), (n) => n === before + 1, 20_000, 'the page to be stored after the retry');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await inWorker((t) => t.store.db.articles.count())).toBe(before + 1);
    await expectConsistent();
    await article.close();
  });
});
