/**
 * The user path in real Firefox (Debian's ESR, over WebDriver BiDi), as the Chromium suites walk
 * it: the add-on installs with its Gecko id and registers its menus, shortcut and omnibox
 * keyword; the first-run popup; import through the options page; a served article recognised and
 * badged; the real toolbar popup listing its coverage with working links; the empty states; a
 * single-page site; the new-tab digest and its search; every context-menu handler, the results
 * page and "never check" from the menu to the options page and back; omnibox suggestions.
 * Screenshots go to test-results/firefox-*.png, next to Chromium's.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../../shared-data';
import { FIXTURES_DIR, resultsPath, startFixtureServer, waitFor, type FixtureServer } from '../harness';
import {
  badgeText,
  clickMenu,
  goToExtensionPage,
  launchFirefox,
  locationOf,
  openExtensionPage,
  openWebPage,
  readRealPopup,
  seriousAxeViolations,
  setViewport,
  waitForPage,
  type FirefoxSession,
} from './harness';

let session: FirefoxSession;
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchFirefox();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const shot = (name: string) => resultsPath(`firefox-${name}.png`);
const RESULTS_READY = '[data-testid=related-item], [data-testid^=results-empty], [data-testid=results-no-query]';

/** popup.html?tabId=N in a tab of popup size (the toolbar popup's own page, for screenshots and clicks). */
async function popupPageFor(tabId: number, name: string): Promise<Page> {
  const page = await session.browser.newPage();
  await setViewport(page, { width: 420, height: 600 });
  await goToExtensionPage(session, page, `popup.html?tabId=${tabId}`, '[data-testid=detected-title], [data-testid^=empty-]');
  await page.screenshot({ path: shot(name), fullPage: true });
  return page;
}

async function importThroughOptions(files: string[]): Promise<string> {
  const options = await openExtensionPage(session, 'options.html', '[data-testid=import-input]');
  const input = await options.$('input[data-testid=import-input]');
  await input!.uploadFile(...files);
  const report = await options.waitForSelector('[data-testid=import-report]', { timeout: 120_000 });
  const text = (await report!.evaluate((element) => element.textContent)) ?? '';
  await options.screenshot({ path: shot('options-after-import'), fullPage: true });
  await options.close();
  return text;
}

async function itemTexts(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid=related-item]', (items) => items.map((item) => item.textContent ?? ''));
}

async function itemHrefs(page: Page): Promise<(string | null)[]> {
  return page.$$eval('[data-testid=related-item] a.related-title', (links) => links.map((a) => a.getAttribute('href')));
}

describe('the add-on in Firefox', () => {
  it('installs under its Gecko id as an MV3 add-on with its menus, shortcut and omnibox keyword', async () => {
    expect(session.addonId).toBe('rest-of-the-story@rots.addon');
    const state = await session.control.evaluate(async () => {
      const exists = (id: string) =>
        chrome.contextMenus.update(id, {}).then(
          () => true,
          () => false,
        );
      const manifest = chrome.runtime.getManifest() as chrome.runtime.ManifestV3 & { omnibox?: { keyword: string } };
      return {
        version: manifest.manifest_version,
        omnibox: manifest.omnibox?.keyword,
        menus: await Promise.all(['rc-page', 'rc-link', 'rc-selection', 'rc-save', 'rc-never'].map(exists)),
        unknownMenu: await exists('rc-nothing'),
        commands: (await chrome.commands.getAll()).map((command) => ({ name: command.name, shortcut: command.shortcut })),
        permissions: (await chrome.permissions.getAll()).permissions ?? [],
        // Where the badge can be seen (Firefox would otherwise keep the button in its Extensions menu).
        onToolbar: (await (chrome.action as unknown as { getUserSettings(): Promise<{ isOnToolbar: boolean }> }).getUserSettings()).isOnToolbar,
      };
    });
    expect(state).toMatchObject({ version: 3, omnibox: 'rc', menus: [true, true, true, true, true], unknownMenu: false, onToolbar: true });
    expect(state.commands).toContainEqual({ name: '_execute_action', shortcut: 'Alt+Shift+S' });
    expect(state.permissions).toEqual(expect.arrayContaining(['contextMenus', 'activeTab', 'scripting', 'storage', 'tabs', 'alarms']));
  });

  it('shows the first-run state that points to import when the store is empty', async () => {
    const { page, tabId } = await openWebPage(session, server.url('/bike-lanes.html'));
    const popup = await popupPageFor(tabId, 'popup-first-run');
    expect(await popup.$$eval('[data-testid=empty-first-run]', (found) => found.length)).toBe(1);
    expect(await popup.$eval('[data-testid=detected-title]', (title) => title.textContent)).toBe('Riverton council approves protected bike lanes on Main Street');
    await popup.close();
    await page.close();
  });
});

describe.skipIf(!hasShared)('import, detect, look up, show', () => {
  it('imports the seed record and the fixture records through the options page', async () => {
    const recordsDir = join(FIXTURES_DIR, 'records');
    const text = await importThroughOptions([sharedPath('data/seed/000_b2c8d397f4e24ccf.txt'), ...readdirSync(recordsDir).map((file) => join(recordsDir, file))]);
    expect(text).toMatch(/\b6 imported\b/);
    expect(text).toMatch(/\b0 failed\b/);
  });

  it('badges the seed article with its two related articles and lists them in the real popup, links working', async () => {
    const { page: article, tabId } = await openWebPage(session, server.url('/seed-article.html'));
    expect(await waitFor(() => badgeText(session, tabId), (text) => text === '2', 15_000, 'badge "2"')).toBe('2');

    await session.control.evaluate(() => chrome.action.openPopup());
    const popup = await readRealPopup(session);
    expect(popup.title).toBe('China homegrown AI chip development proceeding despite US ban');
    expect(popup.items.map((item) => item.href).sort()).toEqual([
      'https://www.businesswireindia.com/fpt-announces-strategic-partnership-with-landing-ai-advancing-artificial-intelligence-development-and-education-87135.html',
      'https://www.caledonianrecord.com/news/national/chloe-wang-of-yang-cheng-fund-optimistic-about-us-ban-on-ai-chip-exports/video_a0685493-1b95-5a6d-be05-0d4b2067230a.html',
    ]);
    for (const item of popup.items) expect(item.text).toMatch(/Listed as related in this article's record/);

    // A link opens its article in a new tab (the harness's proxy refuses the request itself).
    const tabPopup = await popupPageFor(tabId, 'popup-seed-article');
    const link = await tabPopup.waitForSelector('[data-testid=related-item] a.related-title[href*="caledonianrecord"]');
    expect(await link!.evaluate((a) => a.getAttribute('target'))).toBe('_blank');
    await link!.click();
    const opened = await waitFor(
      () => session.control.evaluate(async () => (await chrome.tabs.query({})).map((tab) => tab.url ?? '')),
      (urls) => urls.some((url) => url.startsWith('https://www.caledonianrecord.com/news/national/chloe-wang')),
      10_000,
      'the related article to open in a new tab',
    );
    expect(opened.filter((url) => url.includes('caledonianrecord.com'))).toHaveLength(1);
    expect(session.refusedHosts).toContain('www.caledonianrecord.com:443');
    await tabPopup.close();
    await article.close();
  });

  it('finds the same story by content for a page that is not in the store', async () => {
    const { page: article, tabId } = await openWebPage(session, server.url('/bike-lanes.html'));
    await waitFor(() => badgeText(session, tabId), (text) => text !== '', 15_000, 'a badge');
    const popup = await popupPageFor(tabId, 'popup-same-story');
    const hrefs = await itemHrefs(popup);
    expect(hrefs).toContain('https://riverton-gazette.example/news/council-backs-main-street-bike-lanes');
    expect(hrefs).toContain('https://metro-cycling.example/riverton-main-street-protected-lanes');
    expect(hrefs).toContain('https://river-valley-news.example/riverton-bike-lanes-approved');
    expect(hrefs).not.toContain('https://riverton-gazette.example/life/main-street-bakery-award');
    const items = await itemTexts(popup);
    expect(items.every((text) => /Same story|Listed as related|lists this article/.test(text))).toBe(true);
    expect(await badgeText(session, tabId)).toBe(String(items.length));
    expect(await seriousAxeViolations(popup)).toEqual([]);
    await popup.close();
    await article.close();
  });

  it('shows "no related coverage" for an article with none, and "not an article" for other pages', async () => {
    const lonely = await openWebPage(session, server.url('/unrelated-article.html'));
    const popup1 = await popupPageFor(lonely.tabId, 'popup-no-related');
    await popup1.waitForSelector('[data-testid=empty-no-related]');
    expect(await popup1.$eval('[data-testid=detected-title]', (title) => title.textContent)).toBe('Harbour town library adds Sunday opening hours');
    expect(await badgeText(session, lonely.tabId)).toBe('');

    const signIn = await openWebPage(session, server.url('/not-article.html'));
    const popup2 = await popupPageFor(signIn.tabId, 'popup-not-article');
    await popup2.waitForSelector('[data-testid=empty-not-article]');
    expect(await popup2.$$eval('[data-testid=related-item]', (items) => items.length)).toBe(0);
    expect(await badgeText(session, signIn.tabId)).toBe('');
    for (const page of [popup1, popup2, lonely.page, signIn.page]) await page.close();
  });

  it('re-detects a single-page site that changes its address without a reload', async () => {
    const { page: spa, tabId } = await openWebPage(session, server.url('/spa/home'));
    expect(await badgeText(session, tabId)).toBe('');
    await spa.click('#to-story');
    const badge = await waitFor(() => badgeText(session, tabId), (text) => text !== '', 15_000, 'a badge after SPA navigation');
    expect(Number(badge)).toBeGreaterThanOrEqual(3);
    await spa.close();
  });
});

describe.skipIf(!hasShared)('the new tab', () => {
  it('replaces the new tab with the digest of the store, whose search opens the results page', async () => {
    await session.control.evaluate(() => chrome.tabs.create({}));
    const tab = await waitForPage(session, (href) => href.endsWith('/newtab.html'), 'the new tab');
    await waitFor(() => tab.$$eval('[data-testid=digest-story]', (cards) => cards.length), (count) => count > 0, 30_000, 'digest stories');
    const first = await tab.$eval('[data-testid=digest-story]', (card) => card.textContent ?? '');
    expect(first).toMatch(/bike lanes/i);
    expect(await tab.$eval('[data-testid=digest-stats]', (stats) => stats.textContent)).toMatch(/\d+ articles stored/);
    await tab.screenshot({ path: shot('digest'), fullPage: true });
    expect(await seriousAxeViolations(tab)).toEqual([]);

    await tab.type('[data-testid=digest-search]', 'bike lanes');
    await tab.keyboard.press('Enter');
    await waitFor(() => locationOf(tab), (href) => /\/results\.html\?q=bike(\+|%20)lanes$/.test(href), 10_000, 'the results page');
    await tab.waitForSelector('[data-testid=related-item]');
    expect((await itemTexts(tab)).length).toBeGreaterThanOrEqual(3);
    await tab.close();
  });
});

describe.skipIf(!hasShared)('the context menu, the results page, the omnibox', () => {
  /** Clicks an item that opens the results page; returns that page once it shows something. */
  async function clickToResults(tabId: number, info: Record<string, unknown>): Promise<{ results: Page; path: string }> {
    const outcome = await clickMenu(session, tabId, info);
    expect(outcome.action).toBe('results');
    const results = await waitForPage(session, (href) => href === session.extensionUrl(outcome.path!), `the results page ${outcome.path}`);
    await results.waitForSelector(RESULTS_READY, { timeout: 15_000 });
    return { results, path: outcome.path! };
  }

  it('rc-page opens the real popup for a recognised article', async () => {
    // The popup from an earlier test may still be open: close it first.
    await session.control.evaluate(() => chrome.extension.getViews({ type: 'popup' }).forEach((view) => view.close()));
    const { page: article, tabId } = await openWebPage(session, server.url('/bike-lanes.html'));
    const badge = await waitFor(() => badgeText(session, tabId), (text) => text !== '', 15_000, 'a badge');
    expect(await clickMenu(session, tabId, { menuItemId: 'rc-page' })).toEqual({ action: 'popup' });
    const popup = await readRealPopup(session);
    expect(popup.title).toBe('Riverton council approves protected bike lanes on Main Street');
    expect(String(popup.items.length)).toBe(badge);
    await article.close();
  });

  it('rc-page on a page that is not an article opens the results page next to it', async () => {
    const front = await openWebPage(session, server.url('/links.html'));
    const { results, path } = await clickToResults(front.tabId, { menuItemId: 'rc-page' });
    expect(path).toMatch(/^\/results\.html\?url=/);
    const [a, b] = await session.control.evaluate(
      async (frontId, url) => {
        const tabs = await chrome.tabs.query({});
        return [tabs.find((tab) => tab.id === frontId)!, tabs.find((tab) => tab.url === url)!].map((tab) => ({ index: tab.index, windowId: tab.windowId, opener: tab.openerTabId }));
      },
      front.tabId,
      session.extensionUrl(path),
    );
    expect(b).toEqual({ index: a!.index + 1, windowId: a!.windowId, opener: front.tabId });
    await results.close();
    await front.page.close();
  });

  it('rc-link on a stored article shows its coverage, explained', async () => {
    const front = await openWebPage(session, server.url('/links.html'));
    const { results } = await clickToResults(front.tabId, {
      menuItemId: 'rc-link',
      linkUrl: 'https://riverton-gazette.example/news/council-backs-main-street-bike-lanes',
      linkText: 'Council backs Main Street bike lanes in 7-2 vote',
    });
    expect(await results.$eval('[data-testid=results-subject]', (subject) => subject.textContent)).toBe('Council backs Main Street bike lanes in 7-2 vote');
    const hrefs = await itemHrefs(results);
    expect(hrefs).toContain('https://metro-cycling.example/riverton-main-street-protected-lanes');
    expect(hrefs).not.toContain('https://riverton-gazette.example/life/main-street-bakery-award');
    expect((await itemTexts(results)).every((text) => /Same story|Listed as related|lists this article/.test(text))).toBe(true);
    await results.close();
    await front.page.close();
  });

  it('rc-link on an unstored article uses the link text Firefox gives, else reads it from the page', async () => {
    const front = await openWebPage(session, server.url('/links.html'));
    const linkUrl = 'https://wire.example/story/7c1e9a44b2';
    // Firefox's click data carries the link's text.
    const given = await clickToResults(front.tabId, { menuItemId: 'rc-link', linkUrl, linkText: "Protected bike lanes coming to Riverton's Main Street" });
    expect(await given.results.$eval('[data-testid=results-subject]', (subject) => subject.textContent)).toBe("Protected bike lanes coming to Riverton's Main Street");
    expect(await itemHrefs(given.results)).toEqual(expect.arrayContaining(['https://metro-cycling.example/riverton-main-street-protected-lanes']));
    await given.results.screenshot({ path: shot('results-link'), fullPage: true });
    await given.results.close();
    // Without it (as in Chrome), the text is read from the page with scripting.executeScript.
    const read = await clickToResults(front.tabId, { menuItemId: 'rc-link', linkUrl });
    expect(decodeURIComponent(read.path.replace(/\+/g, ' '))).toContain("text=Protected bike lanes coming to Riverton's Main Street");
    await read.results.close();
    await front.page.close();
  });

  it('rc-selection searches the store for the selected words', async () => {
    const article = await openWebPage(session, server.url('/bike-lanes.html'));
    const { results, path } = await clickToResults(article.tabId, { menuItemId: 'rc-selection', selectionText: 'Main Street bakery' });
    expect(path).toBe('/results.html?q=Main+Street+bakery');
    const texts = await itemTexts(results);
    expect(texts[0]).toMatch(/Main Street bakery wins regional bread award/);
    expect(texts[0]).toMatch(/Mentions Main, Street, bakery/);
    await results.close();
    await article.page.close();
  });

  it('the results page searches from its box and says when nothing matches', async () => {
    const page = await openExtensionPage(session, 'results.html?q=riverton%20bike%20lanes', '[data-testid=related-item]');
    expect(await page.$eval('[data-testid=results-search]', (input) => (input as HTMLInputElement).value)).toBe('riverton bike lanes');
    expect((await itemTexts(page)).length).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: shot('results-search'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.$eval('[data-testid=results-search]', (input) => ((input as HTMLInputElement).value = ''));
    await page.type('[data-testid=results-search]', 'zeppelin');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=results-empty]');
    expect(await page.$eval('[data-testid=results-empty]', (empty) => empty.textContent)).toContain('Nothing in your store mentions “zeppelin”');
    await page.screenshot({ path: shot('results-empty'), fullPage: true });
    await page.close();
  });

  it('rc-save stores the page, and a link, so that they can be found', async () => {
    const article = await openWebPage(session, server.url('/unrelated-article.html'));
    await waitFor(() => session.control.evaluate((id) => chrome.storage.session.get(`tab:${id}`), article.tabId), (value) => Object.keys(value).length > 0, 15_000, 'the page report');
    expect(await clickMenu(session, article.tabId, { menuItemId: 'rc-save' })).toMatchObject({ action: 'saved', title: 'Harbour town library adds Sunday opening hours' });
    const front = await openWebPage(session, server.url('/links.html'));
    expect(await clickMenu(session, front.tabId, { menuItemId: 'rc-save', linkUrl: 'https://coastal-courier.example/news/2024/03/ferry-timetable-changes', linkText: 'Ferry timetable changes for the summer season' })).toMatchObject({
      action: 'saved',
      outcome: 'created',
      title: 'Ferry timetable changes for the summer season',
    });
    const search = await openExtensionPage(session, 'results.html?q=ferry%20timetable', '[data-testid=related-item]');
    expect((await itemTexts(search))[0]).toMatch(/Ferry timetable changes for the summer season/);
    for (const page of [search, front.page, article.page]) await page.close();
  });

  it('rc-never stops checking the site, and Remove in the options page restores it', async () => {
    const article = await openWebPage(session, server.url('/bike-lanes.html'));
    const badge = await waitFor(() => badgeText(session, article.tabId), (text) => text !== '', 15_000, 'a badge');
    expect(await clickMenu(session, article.tabId, { menuItemId: 'rc-never' })).toEqual({ action: 'never-check', site: '127.0.0.1' });
    expect(await badgeText(session, article.tabId)).toBe('');
    await article.page.reload();
    await article.page.waitForFunction(() => document.documentElement.hasAttribute('data-rots-never-checked'), { timeout: 10_000 });
    expect(await session.control.evaluate((id) => chrome.storage.session.get(`tab:${id}`), article.tabId)).toEqual({});
    expect(await badgeText(session, article.tabId)).toBe('');

    const options = await openExtensionPage(session, 'options.html', '[data-testid=never-check-panel]');
    expect(await options.$$eval('[data-testid=never-check-site]', (sites) => sites.map((site) => site.textContent))).toEqual(['127.0.0.1Remove']);
    const panel = await options.$('[data-testid=never-check-panel]');
    await panel!.screenshot({ path: shot('options-never-check') });
    await options.click('[data-testid=never-check-panel] button[aria-label="Remove 127.0.0.1: check it again"]');
    await options.waitForSelector('[data-testid=never-check-empty]');
    expect(await options.$eval('[data-testid=never-check-message]', (message) => message.textContent)).toBe('127.0.0.1 will be checked again.');

    await article.page.bringToFront();
    await article.page.reload();
    expect(await waitFor(() => badgeText(session, article.tabId), (text) => text !== '', 15_000, 'the badge back')).toBe(badge);
    await options.close();
    await article.page.close();
  });

  it('answers omnibox input from the store in plain text (Firefox shows no markup), and Enter opens the results', async () => {
    const { suggestions, opened } = await session.control.evaluate(async () => {
      const background = (await chrome.runtime.getBackgroundPage()) as unknown as {
        rotsTest: { omnibox: { suggest(text: string): Promise<{ content: string; description: string }[] | null>; enter(text: string, disposition: string): Promise<string> } };
      };
      const suggestions = JSON.parse(JSON.stringify(await background.rotsTest.omnibox.suggest('bakery'))) as { content: string; description: string }[];
      const opened = await background.rotsTest.omnibox.enter('bike lanes', 'newForegroundTab');
      return { suggestions, opened };
    });
    expect(suggestions).toEqual([
      { content: 'https://riverton-gazette.example/life/main-street-bakery-award', description: expect.stringMatching(/^Main Street bakery wins regional bread award — Riverton Gazette, .+$/) },
    ]);
    expect(opened).toBe(session.extensionUrl('results.html?q=bike+lanes'));
    const results = await waitForPage(session, (href) => href === opened, 'the results page from the omnibox');
    await results.waitForSelector('[data-testid=related-item]');
    await results.close();
  });
});
