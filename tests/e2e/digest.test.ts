/**
 * The new-tab digest in real Chromium: empty (first run), filled from an imported corpus (story
 * cards with outlets and timelines, no layout jump), "stories you read" after reading an article
 * that later gets coverage, the search box, the minimal mode, axe, and screenshots in both themes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../shared-data';
import { FIXTURES_DIR, launchExtension, readTitles, resultsPath, seriousAxeViolations, serviceWorker, startFixtureServer, waitFor, type ExtensionSession, type FixtureServer } from './harness';

let session: ExtensionSession;
let server: FixtureServer;
let tab: Page;

/** The headline of tests/fixtures/pages/bike-lanes.html, the article the user reads. */
const BIKE_LANES_TITLE = 'Riverton council approves protected bike lanes on Main Street';

beforeAll(async () => {
  session = await launchExtension();
  server = await startFixtureServer();
  tab = await session.context.newPage();
  await tab.setViewportSize({ width: 1280, height: 900 });
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function importFiles(files: string[]): Promise<void> {
  const options = await session.context.newPage();
  await options.goto(session.extensionUrl('options.html'));
  await options.locator('[data-testid=import-input]').setInputFiles(files);
  await options.locator('[data-testid=import-report]').waitFor({ timeout: 120_000 });
  await options.close();
}

/** Opens the new tab and waits for the store's answer: the copy kept from the last opening is
 * painted first and may be older than the store. */
async function openDigest(what = '[data-testid=digest-story], [data-testid=digest-first-run]'): Promise<void> {
  await tab.goto('chrome://newtab/');
  await tab.locator('.digest[data-state=fresh]').waitFor({ timeout: 60_000 });
  await tab.locator(what).first().waitFor({ timeout: 60_000 });
}

async function screenshotsInBothThemes(name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await tab.emulateMedia({ colorScheme: scheme });
    await tab.screenshot({ path: resultsPath(`${name}-${scheme}.png`), fullPage: true });
    expect(await seriousAxeViolations(tab), `axe on ${name} (${scheme})`).toEqual([]);
  }
  await tab.emulateMedia({ colorScheme: 'light' });
}

describe('the new-tab digest', () => {
  it('replaces the new tab with a first-run view that leads to import and feeds when the store is empty', async () => {
    await openDigest();
    const firstRun = tab.locator('[data-testid=digest-first-run]');
    expect(await firstRun.count()).toBe(1);
    const links = await firstRun.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.some((href) => href.endsWith('options.html#import'))).toBe(true);
    expect(links.some((href) => href.endsWith('options.html#feeds'))).toBe(true);
    expect(await tab.locator('[data-testid=digest-search]').count()).toBe(1);
    await screenshotsInBothThemes('digest-empty');
  });

  it.skipIf(!hasShared)('shows the latest week of an imported corpus as story cards with outlets and timelines, without moving', async () => {
    const dir = sharedPath('data/smartable/coronavirus');
    await importFiles(readdirSync(dir).slice(0, 1500).map((file) => join(dir, file)));
    await openDigest('[data-testid=digest-story]');
    // The page keeps the digest: a second opening paints it at once.
    await openDigest('[data-testid=digest-story]');
    const cards = tab.locator('[data-testid=digest-story]');
    expect(await cards.count()).toBeGreaterThanOrEqual(6);
    const first = cards.first();
    expect(Number((await first.locator('.story-count').textContent())?.match(/\d+/)?.[0])).toBeGreaterThanOrEqual(2);
    expect(await first.locator('svg.timeline rect').count()).toBeGreaterThanOrEqual(1);
    expect(await first.locator('a').first().getAttribute('href')).toMatch(/^https?:\/\//);
    expect(await tab.locator('#today-heading').textContent()).toMatch(/Latest in your store: May \d+, 2020/);
    expect(await tab.locator('[data-testid=digest-stats]').textContent()).toMatch(/[\d,]+ articles stored/);
    const shift = await tab.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);
    expect(shift).toBeLessThan(0.1);
    await screenshotsInBothThemes('digest-corpus');
  });

  it('lists a story the user read when new coverage of it arrives', async () => {
    const article = await session.context.newPage();
    await article.goto(server.url('/bike-lanes.html'));
    // Open until the background has stored it as read: the content script reports the page a
    // moment after it loads, and a tab closed before that is never read.
    await waitFor(() => readTitles(session), (titles) => titles.includes(BIKE_LANES_TITLE), 15_000, 'the page stored as read');
    await article.close();
    const recordsDir = join(FIXTURES_DIR, 'records');
    await importFiles(readdirSync(recordsDir).map((file) => join(recordsDir, file)));
    await waitFor(
      async () => {
        await openDigest();
        return tab.locator('[data-testid=digest-read-update]').count();
      },
      (count) => count > 0,
      30_000,
      'a read story with new coverage',
    );
    const update = tab.locator('[data-testid=digest-read-update]').first();
    expect(await update.textContent()).toContain(BIKE_LANES_TITLE);
    expect(await update.textContent()).toMatch(/[2-9] new articles/);
    // The bike-lanes story is now the newest: today's first card, several outlets.
    expect(await tab.locator('[data-testid=digest-story]').first().textContent()).toMatch(/bike lanes/i);
    await screenshotsInBothThemes('digest-read-updates');
  });

  it('sends a search to the results page', async () => {
    await openDigest();
    await tab.locator('[data-testid=digest-search]').fill('bike lanes');
    await tab.locator('[data-testid=digest-search]').press('Enter');
    // The address is the results page's contract (resultsPath): a space is written "+" there.
    await tab.waitForURL(/results\.html\?q=bike\+lanes$/);
  });

  it('becomes a quiet page with search box and clock in minimal mode', async () => {
    const worker = await serviceWorker(session);
    await worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings ?? {}), digestMode: 'minimal' } });
    });
    await tab.goto('chrome://newtab/');
    await tab.locator('.clock').waitFor();
    await tab.goto('chrome://newtab/');
    await tab.locator('.clock').waitFor();
    expect(await tab.locator('[data-testid=digest-story]').count()).toBe(0);
    expect(await tab.locator('[data-testid=digest-search]').count()).toBe(1);
    expect(await tab.locator('.clock-time').textContent()).toMatch(/\d{1,2}:\d{2}/);
    await screenshotsInBothThemes('digest-minimal');
  });
});
