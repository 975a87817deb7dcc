/**
 * The stores the real-browser tests build, built the same way in Node: the page the tab reads is
 * reported to the background first (and so stored as read, before anything is imported), the
 * record files are imported through the importer in the tests' order, a feed's entries arrive
 * through the feed parser. A Node test that asked the engine for a page the store did not hold
 * passed where the browser failed: the stored read page changes every count of a window of a
 * few articles (tests/e2e/first-slice.test.ts, tests/e2e/badge.test.ts; bench/RESULTS.md, issue 10).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlePageReport } from '../../../src/background/page-reports';
import { TabStates } from '../../../src/background/tab-states';
import { buildTabView } from '../../../src/background/tab-views';
import { detectArticle } from '../../../src/detect/detect';
import type { DetectedPage } from '../../../src/detect/page';
import { decodeFeedBytes } from '../../../src/feeds/decode';
import { parseFeed } from '../../../src/feeds/parse-feed';
import { feedItemsToRecords } from '../../../src/feeds/to-records';
import { importFiles, type ImportSource } from '../../../src/ingest/import-files';
import { ArticleStore } from '../../../src/store';
import { hasShared, sharedPath } from '../../shared-data';
import { expectBikeLanesCoverage } from './first-run-expectations';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const RECORDS = join(FIXTURES, 'records');
/** Where the e2e fixture server serves the pages (any port: only the canonical URL is stored). */
const SERVER = 'http://127.0.0.1:4000';

function detected(name: string): DetectedPage {
  const page = detectArticle(parseHTML(readFileSync(join(FIXTURES, 'pages', name), 'utf8')).document as unknown as Document, `${SERVER}/${name}`);
  if (page === null) throw new Error(`${name} is not detected as an article`);
  return page;
}

function fileSource(path: string): ImportSource {
  const text = readFileSync(path, 'utf8');
  return { name: path.slice(path.lastIndexOf('/') + 1), size: text.length, text: async () => text };
}

let store: ArticleStore;
let tabs: TabStates;
let n = 0;
beforeEach(() => {
  store = new ArticleStore({ name: `browser-store-${++n}` });
  tabs = new TabStates();
  // fakeBrowser has no action API (the badge): nothing to show it on here.
  (fakeBrowser as unknown as { action: unknown }).action = { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined };
});
afterEach(() => store.close());

/** A tab reads a page: the background stores it as read and answers for it. */
async function read(tabId: number, page: DetectedPage): Promise<void> {
  await handlePageReport({ store, tabs }, tabId, { type: 'page-report', url: page.url, page });
}

/** What the popup lists for a tab, by URL. */
async function shown(tabId: number): Promise<string[]> {
  const view = await buildTabView(store, tabs, tabId);
  if (view.status !== 'article') throw new Error(`tab ${tabId}: ${view.status}`);
  return view.items.map((item) => item.article.url);
}

describe('the stores of the real-browser tests', () => {
  it('first slice: the read page finds its story among the seed and the fixture records', async () => {
    // tests/e2e/first-slice.test.ts: the bike-lanes page is read while the store is empty, then
    // the seed and every fixture record are imported, then the seed article's page is read.
    const lanes = detected('bike-lanes.html');
    await read(1, lanes);
    await importFiles(store, [...(hasShared ? [fileSource(sharedPath('data/seed/000_b2c8d397f4e24ccf.txt'))] : []), ...readdirSync(RECORDS).map((file) => fileSource(join(RECORDS, file)))]);
    await read(2, detected('seed-article.html'));
    const urls = await shown(1);
    expectBikeLanesCoverage(urls);
  });

  it('badge: a feed refresh that brings more of the story keeps what was shown and adds to it', async () => {
    // tests/e2e/badge.test.ts: the page is read, two outlets' records imported, then the Valley
    // Voice feed is subscribed to (its whole feed: the story's entry and an unrelated one).
    const lanes = detected('bike-lanes.html');
    await read(1, lanes);
    await importFiles(store, ['riverton-gazette-bike-lanes.md', 'metro-cycling-bike-lanes.md'].map((file) => fileSource(join(RECORDS, file))));
    const before = await shown(1);
    expect(before).toEqual(expect.arrayContaining(['https://riverton-gazette.example/news/council-backs-main-street-bike-lanes', 'https://metro-cycling.example/riverton-main-street-protected-lanes']));
    const feedUrl = `${SERVER}/feeds/valley-voice.atom`;
    const feed = parseFeed(decodeFeedBytes(readFileSync(join(FIXTURES, 'feeds', 'valley-voice.atom')), 'application/atom+xml').text, feedUrl);
    await store.upsertRecords(feedItemsToRecords(feed, feedUrl).records, 'feed');
    const after = await shown(1);
    expect(after).toEqual(expect.arrayContaining([...before, 'https://valley-voice.example/stories/2024/riverton-bike-lanes']));
    expect(after.length).toBeGreaterThan(before.length);
  });
});
