/**
 * The options page in real Firefox, in the dark theme: feeds with Firefox's per-site host
 * permission (for a user who limited the add-on's access to websites), the feed items as related
 * coverage in the popup and in the new-tab digest, export to a downloaded file that imports back
 * after "Delete all", retention, and dark screenshots of every surface.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, resultsPath, startFixtureServer, waitFor, type FixtureServer } from '../harness';
import { badgeText, goToExtensionPage, launchFirefox, openExtensionPage, openWebPage, seriousAxeViolations, setViewport, waitForPage, type FirefoxSession } from './harness';

const FEEDS: Record<string, { file: string; type: string }> = {
  '/outlets/harbour-herald.html': { file: 'harbour-herald.html', type: 'text/html; charset=utf-8' },
  '/feeds/harbour-herald.xml': { file: 'harbour-herald.xml', type: 'application/rss+xml' },
  '/feeds/county-wire.json': { file: 'county-wire.json', type: 'application/feed+json' },
};

let session: FirefoxSession;
let server: FixtureServer;
let options: Page;

beforeAll(async () => {
  server = await startFixtureServer([
    (request, response) => {
      const feed = FEEDS[new URL(request.url ?? '/', 'http://127.0.0.1').pathname];
      if (feed === undefined) return false;
      response.writeHead(200, { 'content-type': feed.type });
      response.end(readFileSync(join(FIXTURES_DIR, 'feeds', feed.file)));
      return true;
    },
  ]);
  session = await launchFirefox({ colorScheme: 'dark' });
  options = await openExtensionPage(session, 'options.html', '[data-testid=feeds-empty]');
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const shot = (name: string) => resultsPath(`firefox-${name}-dark.png`);

async function text(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => element.textContent ?? '');
}

/** Types into a field as a user does, over what it held. */
async function replaceText(selector: string, value: string): Promise<void> {
  await options.focus(selector);
  await options.keyboard.down('Control');
  await options.keyboard.press('KeyA');
  await options.keyboard.up('Control');
  await options.keyboard.type(value);
}

async function storedArticles(): Promise<number> {
  return Number(/([\d,]+)\s+articles? stored/.exec(await text(options, '[data-testid=store-summary]'))?.[1]?.replace(/,/g, '') ?? NaN);
}

async function subscribeThroughUi(address: string): Promise<string> {
  await options.$eval('[data-testid=feed-url-input]', (input) => ((input as HTMLInputElement).value = ''));
  await options.type('[data-testid=feed-url-input]', address);
  // A real click: Firefox grants host permissions only during a user's input.
  await options.click('[data-testid=feed-subscribe]');
  return waitFor(
    () => text(options, '[data-testid=feed-notice]').catch(() => ''),
    (notice) => notice !== '' && !/^Subscribing/.test(notice),
    15_000,
    'the subscribe notice',
  );
}

function grantedOrigins(): Promise<string[]> {
  return session.control.evaluate(async () => (await chrome.permissions.getAll()).origins ?? []);
}

describe('feeds in Firefox', () => {
  it('asks for the one feed site when the add-on may not read all websites, then subscribes', async () => {
    // At install Firefox grants the content script's access to all websites, which also covers
    // feeds. A user can take it back in about:addons: then the Feeds panel asks per site.
    expect(await grantedOrigins()).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    expect(await session.control.evaluate(() => chrome.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }))).toBe(true);
    expect(await grantedOrigins()).toEqual([]);

    expect(await subscribeThroughUi(server.url('/outlets/harbour-herald.html'))).toMatch(/Subscribed to Harbour Herald: 2 items stored/);
    // Exactly the feed's site was granted (the harness's Firefox grants without a prompt).
    expect(await grantedOrigins()).toEqual(['http://127.0.0.1/*']);
    expect(await subscribeThroughUi(server.url('/feeds/county-wire.json'))).toMatch(/Subscribed to County Wire: 2 items stored/);

    const rows = await waitFor(
      () => options.$$eval('[data-testid=feed-row]', (elements) => elements.map((row) => `${row.querySelector('[data-testid=feed-title]')?.textContent}: ${row.querySelector('[data-testid=feed-count]')?.textContent}`)),
      (list) => list.length === 2,
      10_000,
      'two feed rows',
    );
    expect(rows.sort()).toEqual(['County Wire: 2 items', 'Harbour Herald: 2 items']);
    expect(await storedArticles()).toBe(4);
    expect(await seriousAxeViolations(options)).toEqual([]);
    await options.screenshot({ path: shot('options-feeds'), fullPage: true });
  });

  it('lists the feed items of the same story in the popup of an article', async () => {
    // The content script runs on the site granted above.
    const { page: article, tabId } = await openWebPage(session, server.url('/bike-lanes.html'));
    await waitFor(() => badgeText(session, tabId), (badge) => badge !== '', 15_000, 'a badge');
    const popup = await session.browser.newPage();
    await setViewport(popup, { width: 420, height: 600 });
    await goToExtensionPage(session, popup, `popup.html?tabId=${tabId}`, '[data-testid=related-item]');
    const hrefs = await popup.$$eval('[data-testid=related-item] a.related-title', (links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['https://harbour-herald.example/news/riverton-main-street-bike-lanes', 'https://county-wire.example/riverton/main-street-bike-lanes-approved']));
    expect(hrefs).not.toContain('https://harbour-herald.example/news/ferry-summer-timetable');
    await popup.screenshot({ path: shot('popup-feed-items'), fullPage: true });
    expect(await seriousAxeViolations(popup)).toEqual([]);
    await popup.close();
    await article.close();
  });

  it('shows the feed items in the new-tab digest', async () => {
    await session.control.evaluate(() => chrome.tabs.create({}));
    const tab = await waitForPage(session, (href) => href.endsWith('/newtab.html'), 'the new tab');
    const titles = await waitFor(
      () => tab.$$eval('[data-testid=digest-story] .story-title', (cards) => cards.map((card) => card.textContent?.trim() ?? '')),
      (list) => list.length > 0,
      30_000,
      'digest stories',
    );
    expect(titles).toEqual(expect.arrayContaining([expect.stringMatching(/bike lanes/i)]));
    await tab.screenshot({ path: shot('digest-feeds'), fullPage: true });
    expect(await seriousAxeViolations(tab)).toEqual([]);
    await tab.close();
  });
});

describe('the store in Firefox', () => {
  let exportedPath = '';
  let exportedLines = 0;

  it('imports records through the options page', async () => {
    const dir = join(FIXTURES_DIR, 'records');
    // Which workers the page starts, and whether each answers (the import worker, not the page's fallback).
    await options.evaluate(() => {
      const log: { url: string; messages: number; errors: string[] }[] = [];
      (window as unknown as { workerLog: typeof log }).workerLog = log;
      const Original = window.Worker;
      window.Worker = class extends Original {
        constructor(url: string | URL, init?: WorkerOptions) {
          super(url, init);
          const entry = { url: String(url), messages: 0, errors: [] as string[] };
          log.push(entry);
          this.addEventListener('message', () => entry.messages++);
          this.addEventListener('error', (event) => entry.errors.push(event.message));
        }
      };
    });
    const input = await options.$('input[data-testid=import-input]');
    await input!.uploadFile(...readdirSync(dir).map((file) => join(dir, file)));
    await options.waitForSelector('[data-testid=import-report]', { timeout: 60_000 });
    expect(await text(options, '[data-testid=import-report]')).toMatch(/\b0 failed\b/);
    await waitFor(storedArticles, (n) => n > 4, 10_000, 'more stored articles');
    const workers = await options.evaluate(() => (window as unknown as { workerLog: { url: string; messages: number; errors: string[] }[] }).workerLog);
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatchObject({ url: expect.stringMatching(/^moz-extension:\/\/.*\/assets\/worker-.*\.js$/), errors: [] });
    expect(workers[0]!.messages).toBeGreaterThanOrEqual(2);
  });

  it('exports the whole store to a downloaded NDJSON file', async () => {
    const stored = await storedArticles();
    await options.click('[data-testid=export-button]');
    await waitFor(() => text(options, '[data-testid=export-report]').catch(() => ''), (report) => /^Exported/.test(report), 30_000, 'the export report');
    expect(await text(options, '[data-testid=export-report]')).toMatch(new RegExp(`Exported ${stored} articles as \\d+ records`));
    const file = await waitFor(
      async () => readdirSync(session.downloadDir).find((name) => /^rest-of-the-story-\d{4}-\d{2}-\d{2}\.ndjson$/.test(name)) ?? null,
      (name) => name !== null,
      15_000,
      'the downloaded file',
    );
    exportedPath = join(session.downloadDir, file!);
    const lines = await waitFor(
      async () => readFileSync(exportedPath, 'utf8').trimEnd().split('\n'),
      (found) => found.length > 0 && found.every((line) => line.startsWith('{') && line.endsWith('}')),
      10_000,
      'the whole file',
    );
    exportedLines = lines.length;
    const records = lines.map((line) => JSON.parse(line) as { title: string; restOfTheStory: { origin: string } });
    expect(records.some((record) => record.restOfTheStory.origin === 'feed')).toBe(true);
    expect(records.some((record) => /bike lanes/i.test(record.title))).toBe(true);
  });

  it('deletes all after confirmation, and the export imports back into the same number of articles', async () => {
    const stored = await storedArticles();
    await options.click('[data-testid=delete-all]');
    await options.waitForSelector('[data-testid=delete-dialog]', { visible: true });
    await options.screenshot({ path: shot('options-delete-confirm') });
    await options.click('[data-testid=delete-confirm]');
    await options.waitForSelector('[data-testid=delete-report]');
    await waitFor(storedArticles, (n) => n === 0, 10_000, 'an empty store');

    const input = await options.$('input[data-testid=import-input]');
    await input!.uploadFile(exportedPath);
    await waitFor(() => text(options, '[data-testid=import-report]').catch(() => ''), (report) => new RegExp(`\\b${exportedLines} imported\\b`).test(report), 60_000, 'the re-import report');
    expect(await text(options, '[data-testid=import-report]')).toMatch(/\b0 failed\b/);
    expect(await waitFor(storedArticles, (n) => n === stored, 10_000, 'the same store')).toBe(stored);
  });

  it('applies a retention setting and reports what it pruned', async () => {
    const stored = await storedArticles();
    await replaceText('#keep-days-n', '1');
    expect(await options.$eval('#keep-days', (radio) => (radio as HTMLInputElement).checked)).toBe(true);
    const preview = await waitFor(() => text(options, '[data-testid=retention-preview]').catch(() => ''), (found) => /Applying deletes/.test(found), 10_000, 'the preview');
    const toDelete = Number(/Applying deletes (\d+) articles/.exec(preview)?.[1]);
    expect(toDelete).toBeGreaterThan(0);
    await options.click('[data-testid=retention-apply]');
    const report = await waitFor(() => text(options, '[data-testid=retention-report]').catch(() => ''), (found) => /^Pruned/.test(found), 30_000, 'the prune report');
    expect(report).toMatch(new RegExp(`^Pruned ${toDelete} articles older than 1 day`));
    expect(await waitFor(storedArticles, (n) => n === stored - toDelete, 10_000, 'the summary to update')).toBe(stored - toDelete);
    await options.screenshot({ path: shot('options-retention'), fullPage: true });
  });

  it('shows the results page in the dark theme', async () => {
    const results = await openExtensionPage(session, 'results.html?q=riverton', '[data-testid=related-item], [data-testid^=results-empty]');
    await results.screenshot({ path: shot('results-search'), fullPage: true });
    expect(await seriousAxeViolations(results)).toEqual([]);
    await results.close();
  });
});
