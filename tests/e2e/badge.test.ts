/**
 * The toolbar badge in real Chromium: it follows imports, feed refreshes and deletes while tabs
 * are open, keeps each tab's own count when switching tabs, and survives navigation — a jump
 * within the page, leaving and coming back (also from the back/forward cache), a reload.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, badgeText, launchExtension, serviceWorker, startFixtureServer, tabIdOf, waitFor, type ExtensionSession, type FixtureServer } from './harness';

let session: ExtensionSession;
let server: FixtureServer;

beforeAll(async () => {
  session = await launchExtension({ backForwardCache: true });
  server = await startFixtureServer([
    (request, response) => {
      if (request.url !== '/feeds/valley-voice.atom') return false;
      response.writeHead(200, { 'content-type': 'application/atom+xml' });
      response.end(readFileSync(join(FIXTURES_DIR, 'feeds', 'valley-voice.atom')));
      return true;
    },
  ]);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const recordsDir = join(FIXTURES_DIR, 'records');

async function importRecords(files: string[]): Promise<void> {
  const options = await session.context.newPage();
  await options.goto(session.extensionUrl('options.html'));
  await options.locator('[data-testid=import-input]').setInputFiles(files);
  await options.locator('[data-testid=import-report]').waitFor({ timeout: 60_000 });
  await options.close();
}

/** Sends a message to the background from an extension page, as the options page would. */
async function fromOptionsPage<T>(message: unknown): Promise<T> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('options.html'));
  const answer = await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  await page.close();
  return answer as T;
}

async function open(path: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await page.goto(server.url(path));
  return { page, tabId: await tabIdOf(session, page) };
}

const badge = (tabId: number, accept: (text: string) => boolean, what: string) => waitFor(() => badgeText(session, tabId), accept, 15_000, what);

describe('the toolbar badge', () => {
  let lanes: { page: Page; tabId: number };
  let lanesCount = '';

  it('appears on an open tab when an import brings its coverage, without reloading', async () => {
    lanes = await open('/bike-lanes.html');
    // Reported, but the store is empty: no badge.
    await waitFor(() => fromOptionsPage<{ status: string }>({ type: 'get-tab-view', tabId: lanes.tabId }), (view) => view.status === 'empty-store', 15_000, 'the page report');
    expect(await badgeText(session, lanes.tabId)).toBe('');
    await importRecords([join(recordsDir, 'riverton-gazette-bike-lanes.md'), join(recordsDir, 'metro-cycling-bike-lanes.md')]);
    lanesCount = await badge(lanes.tabId, (text) => text !== '', 'a badge after the import');
    expect(Number(lanesCount)).toBeGreaterThanOrEqual(2);
  });

  it('grows when a feed refresh brings more of the same story', async () => {
    const before = Number(lanesCount);
    const [result] = (await fromOptionsPage<{ results: { status: string }[] }>({ type: 'feed-subscribe', feeds: [{ url: server.url('/feeds/valley-voice.atom') }], discover: true })).results;
    expect(result?.status).toBe('subscribed');
    lanesCount = await badge(lanes.tabId, (text) => Number(text) > before, 'a bigger badge after the feed refresh');
  });

  it('keeps each tab its own count when switching tabs', async () => {
    const lonely = await open('/unrelated-article.html');
    await waitFor(() => fromOptionsPage<{ status: string }>({ type: 'get-tab-view', tabId: lonely.tabId }), (view) => view.status === 'article', 15_000, 'the page report');
    for (const [tab, expected] of [
      [lanes, lanesCount],
      [lonely, ''],
      [lanes, lanesCount],
    ] as const) {
      await tab.page.bringToFront();
      const worker = await serviceWorker(session);
      await waitFor(() => worker.evaluate(() => chrome.tabs.query({ active: true, currentWindow: true }).then(([t]) => t?.id)), (id) => id === tab.tabId, 5_000, 'the tab to be active');
      expect(await badgeText(session, tab.tabId)).toBe(expected);
    }
    expect(await badgeText(session, lonely.tabId)).toBe('');
    await lonely.page.close();
  });

  it('stays through a jump within the page, and comes back after a reload', async () => {
    await lanes.page.evaluate(() => (location.hash = '#comments'));
    // Never blank meanwhile (not even until the page is detected again).
    const seen = new Set<string>();
    for (const end = Date.now() + 2000; Date.now() < end; ) seen.add(await badgeText(session, lanes.tabId));
    expect([...seen]).toEqual([lanesCount]);
    await lanes.page.reload();
    expect(await badge(lanes.tabId, (text) => text === lanesCount, 'the badge after a reload')).toBe(lanesCount);
  });

  it('clears when the tab leaves the article, and returns with Back, also from the back/forward cache', async () => {
    await lanes.page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await lanes.page.goto(server.url('/not-article.html'));
    expect(await badge(lanes.tabId, (text) => text === '', 'no badge on the sign-in page')).toBe('');
    // A page restored from the back/forward cache fires no load event: wait for the commit.
    await lanes.page.goBack({ waitUntil: 'commit' });
    // The same document came back (it was kept in the back/forward cache, not loaded again).
    expect(await lanes.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere === true)).toBe(true);
    expect(await badge(lanes.tabId, (text) => text === lanesCount, 'the badge after Back')).toBe(lanesCount);
    await lanes.page.goForward({ waitUntil: 'commit' });
    expect(await badge(lanes.tabId, (text) => text === '', 'no badge after Forward')).toBe('');
    await lanes.page.goBack({ waitUntil: 'commit' });
    expect(await badge(lanes.tabId, (text) => text === lanesCount, 'the badge after Back again')).toBe(lanesCount);
  });

  it('clears on every open tab when the store is emptied', async () => {
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    await options.locator('[data-testid=delete-all]').click();
    await options.locator('[data-testid=delete-confirm]').click();
    await options.locator('[data-testid=delete-report]').waitFor();
    expect(await badge(lanes.tabId, (text) => text === '', 'no badge after delete-all')).toBe('');
    await options.close();
    await lanes.page.close();
  });
});
