/**
 * Every way in besides the toolbar, in real Chromium: the context-menu items (menus cannot be
 * clicked headless, so each click is dispatched to the real handler in the service worker — the
 * e2e build exposes it), the results page they open (search box, items as in the popup, empty
 * states, light and dark, axe), "never check this site" from the menu to the options page and
 * back, the keyboard shortcut and the omnibox keyword.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURES_DIR,
  PROJECT_ROOT,
  badgeText,
  launchExtension,
  resultsPath,
  serviceWorker,
  startFixtureServer,
  tabIdOf,
  waitFor,
  type ExtensionSession,
  type FixtureServer,
} from './harness';

let session: ExtensionSession;
let server: FixtureServer;

beforeAll(async () => {
  session = await launchExtension();
  server = await startFixtureServer();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

type Outcome = { action: string; path?: string; site?: string; outcome?: string; title?: string };

/** Clicks a menu item, as Chrome would call the handler: with the click info and the tab. */
async function clickMenu(page: Page, info: Record<string, unknown>): Promise<Outcome> {
  const tabId = await tabIdOf(session, page);
  const worker = await serviceWorker(session);
  return worker.evaluate(
    async ({ info, tabId }) => {
      const tab = await chrome.tabs.get(tabId);
      const hooks = (globalThis as unknown as { rotsTest: { menuClick: (info: unknown, tab: unknown) => Promise<Outcome> } }).rotsTest;
      return hooks.menuClick({ frameId: 0, pageUrl: tab.url, ...info }, tab);
    },
    { info, tabId },
  );
}

/** Clicks an item that opens the results page, and returns that page once it shows something. */
async function clickToResults(page: Page, info: Record<string, unknown>): Promise<{ results: Page; outcome: Outcome }> {
  const opened = session.context.waitForEvent('page', { timeout: 15_000 });
  const outcome = await clickMenu(page, info);
  expect(outcome.action).toBe('results');
  const results = await opened;
  await results.locator('[data-testid=related-item], [data-testid^=results-empty], [data-testid=results-no-query]').first().waitFor({ timeout: 15_000 });
  return { results, outcome };
}

async function openFixture(path: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(server.url(path));
  await page.bringToFront();
  return page;
}

/** axe-core on a page: the serious and critical violations (ids and where). */
async function axeViolations(page: Page, context?: string): Promise<string[]> {
  // Evaluated rather than added as a <script>: our pages' CSP allows no inline scripts.
  await page.evaluate(readFileSync(join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (context?: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(selector ?? document);
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, context);
}

async function itemTexts(page: Page): Promise<string[]> {
  return page.locator('[data-testid=related-item]').allTextContents();
}

describe('first run', () => {
  it('the results page says the store is empty and leads to import; then the fixture records are imported', async () => {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('results.html?q=bike%20lanes'));
    await page.locator('[data-testid=results-empty-store]').waitFor();
    await page.screenshot({ path: resultsPath('results-empty-store-light.png') });
    expect(await axeViolations(page)).toEqual([]);
    const opened = session.context.waitForEvent('page');
    await page.getByRole('button', { name: 'Import news' }).click();
    const options = await opened;
    await options.waitForURL(/options\.html/);
    // The fixture records (the Riverton bike-lanes story and unrelated Riverton news).
    const dir = join(FIXTURES_DIR, 'records');
    await options.locator('[data-testid=import-input]').setInputFiles(readdirSync(dir).map((file) => join(dir, file)));
    expect(await options.locator('[data-testid=import-report]').textContent({ timeout: 60_000 })).toMatch(/\b5 imported\b.*\b0 failed\b/);
    await options.close();
    await page.close();
  });
});

describe('the items and the manifest', () => {
  it('creates the five context-menu items (and no others)', async () => {
    const worker = await serviceWorker(session);
    const states = await worker.evaluate(async () => {
      const exists = (id: string) =>
        chrome.contextMenus.update(id, {}).then(
          () => true,
          () => false,
        );
      return {
        known: await Promise.all(['rc-page', 'rc-link', 'rc-selection', 'rc-save', 'rc-never'].map(exists)),
        unknown: await exists('rc-nothing'),
      };
    });
    expect(states).toEqual({ known: [true, true, true, true, true], unknown: false });
  });

  it('registers the shortcut that opens the popup and the omnibox keyword', async () => {
    const worker = await serviceWorker(session);
    const { commands, manifest, permissions } = await worker.evaluate(async () => ({
      commands: await chrome.commands.getAll(),
      manifest: chrome.runtime.getManifest() as chrome.runtime.ManifestV3 & { omnibox?: { keyword: string } },
      permissions: (await chrome.permissions.getAll()).permissions ?? [],
    }));
    const action = commands.find((command) => command.name === '_execute_action');
    expect(action?.shortcut).toBe('Alt+Shift+S');
    expect(manifest.omnibox?.keyword).toBe('rc');
    expect(permissions).toEqual(expect.arrayContaining(['contextMenus', 'activeTab', 'scripting']));
  });

  it('answers omnibox input from the store with well-formed suggestions', async () => {
    const worker = await serviceWorker(session);
    const suggestions = await worker.evaluate(() => {
      const hooks = (globalThis as unknown as { rotsTest: { omnibox: { suggest: (text: string) => Promise<{ content: string; description: string }[] | null> } } }).rotsTest;
      return hooks.omnibox.suggest('bakery');
    });
    expect(suggestions).toEqual([
      { content: 'https://riverton-gazette.example/life/main-street-bakery-award', description: expect.stringMatching(/^Main Street <match>bakery<\/match> wins regional bread award <dim>— Riverton Gazette, .+<\/dim>$/) },
    ]);
  });
});

describe('finding related coverage from the context menu', () => {
  it('rc-page opens the real popup for a recognised article, with its related items', async () => {
    const viewer = await session.context.newPage();
    await viewer.goto(session.extensionUrl('options.html'));
    const article = await openFixture('/bike-lanes.html');
    const tabId = await tabIdOf(session, article);
    await waitFor(() => badgeText(session, tabId), (text) => text !== '', 15_000, 'a badge');
    expect(await clickMenu(article, { menuItemId: 'rc-page' })).toEqual({ action: 'popup' });
    const popup = await waitFor(
      () =>
        viewer.evaluate(() => {
          const doc = chrome.extension.getViews({ type: 'popup' })[0]?.document;
          const items = doc?.querySelectorAll('[data-testid=related-item]');
          return items === undefined || items.length === 0 ? null : { title: doc!.querySelector('[data-testid=detected-title]')?.textContent, items: items.length };
        }),
      (value) => value !== null,
      15_000,
      'the popup to list related items',
    );
    expect(popup!.title).toBe('Riverton council approves protected bike lanes on Main Street');
    expect(String(popup!.items)).toBe(await badgeText(session, tabId));
    await article.close();
    await viewer.close();
  });

  it('rc-page on a page that is not an article opens the results page next to it', async () => {
    const front = await openFixture('/links.html');
    const { results, outcome } = await clickToResults(front, { menuItemId: 'rc-page' });
    expect(outcome.path).toMatch(/^\/results\.html\?url=/);
    const [frontTab, resultsTab] = await Promise.all([tabIdOf(session, front), tabIdOf(session, results)]);
    const worker = await serviceWorker(session);
    const [a, b] = await worker.evaluate(async (ids) => Promise.all(ids.map((id) => chrome.tabs.get(id))), [frontTab, resultsTab]);
    expect(b!.index).toBe(a!.index + 1);
    expect(b!.windowId).toBe(a!.windowId);
    await results.close();
    await front.close();
  });

  it('rc-link on a stored article shows its coverage: linked and same-story items, explained', async () => {
    const front = await openFixture('/links.html');
    const { results } = await clickToResults(front, { menuItemId: 'rc-link', linkUrl: 'https://riverton-gazette.example/news/council-backs-main-street-bike-lanes' });
    expect(await results.locator('[data-testid=results-subject]').textContent()).toBe('Council backs Main Street bike lanes in 7-2 vote');
    const texts = await itemTexts(results);
    const hrefs = await results.locator('[data-testid=related-item] a.related-title').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('https://valley-radio.example/2024/05/15/riverton-bike-lanes-drivers');
    expect(hrefs).toContain('https://metro-cycling.example/riverton-main-street-protected-lanes');
    expect(hrefs).not.toContain('https://riverton-gazette.example/life/main-street-bakery-award');
    expect(texts.every((text) => /Same story|Listed as related|lists this article/.test(text))).toBe(true);
    await results.close();
    await front.close();
  });

  it('rc-link on an article not in the store looks it up by the link text read from the page', async () => {
    const front = await openFixture('/links.html');
    // The address has no words: the text can only come from the page's link.
    const { results, outcome } = await clickToResults(front, { menuItemId: 'rc-link', linkUrl: 'https://wire.example/story/7c1e9a44b2' });
    expect(decodeURIComponent(outcome.path!.replace(/\+/g, ' '))).toContain("text=Protected bike lanes coming to Riverton's Main Street");
    expect(await results.locator('[data-testid=results-subject]').textContent()).toBe("Protected bike lanes coming to Riverton's Main Street");
    const hrefs = await results.locator('[data-testid=related-item] a.related-title').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['https://metro-cycling.example/riverton-main-street-protected-lanes', 'https://river-valley-news.example/riverton-bike-lanes-approved']));
    await results.screenshot({ path: resultsPath('results-link-light.png'), fullPage: true });
    await results.close();
    await front.close();
  });

  it('rc-selection searches the store for the selected words', async () => {
    const article = await openFixture('/bike-lanes.html');
    const { results, outcome } = await clickToResults(article, { menuItemId: 'rc-selection', selectionText: 'Main Street bakery' });
    expect(outcome.path).toBe('/results.html?q=Main+Street+bakery');
    const texts = await itemTexts(results);
    expect(texts[0]).toMatch(/Main Street bakery wins regional bread award/);
    expect(texts[0]).toMatch(/Mentions Main, Street, bakery/);
    await results.close();
    await article.close();
  });
});

describe('the results page', () => {
  let page: Page;
  beforeAll(async () => {
    page = await session.context.newPage();
    await page.setViewportSize({ width: 900, height: 900 });
  });
  afterAll(async () => page?.close());

  it('searches from its box, keeps the address (the new-tab digest links here), and says when nothing matches', async () => {
    await page.goto(session.extensionUrl('results.html?q=riverton%20bike%20lanes'));
    await page.locator('[data-testid=related-item]').first().waitFor();
    expect(await page.locator('[data-testid=results-search]').inputValue()).toBe('riverton bike lanes');
    expect((await itemTexts(page)).length).toBeGreaterThanOrEqual(4);
    expect(await page.title()).toBe('“riverton bike lanes” — Rest of the Story');

    await page.locator('[data-testid=results-search]').fill('school budget');
    await page.keyboard.press('Enter');
    await page.waitForURL(/results\.html\?q=school\+budget$/);
    await waitFor(() => itemTexts(page), (texts) => texts.length === 1 && texts[0]!.includes('Riverton school board delays budget vote'), 10_000, 'the school-board result');

    await page.locator('[data-testid=results-search]').fill('zeppelin');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=results-empty]').waitFor();
    expect(await page.locator('[data-testid=results-empty]').textContent()).toContain('Nothing in your store mentions “zeppelin”');
    await page.goBack();
    await waitFor(() => itemTexts(page), (texts) => texts.length === 1 && texts[0]!.includes('school board'), 10_000, 'Back to return to the previous search');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical accessibility violations, ${scheme}`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [query, name] of [
        ['results.html?q=riverton%20bike%20lanes', 'search'],
        ['results.html?q=zeppelin', 'empty'],
        ['results.html', 'no-query'],
      ] as const) {
        await page.goto(session.extensionUrl(query));
        await page.locator('[data-testid=related-item], [data-testid^=results-empty], [data-testid=results-no-query]').first().waitFor();
        await page.screenshot({ path: resultsPath(`results-${name}-${scheme}.png`), fullPage: true });
        expect(await axeViolations(page), `${query} (${scheme})`).toEqual([]);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    });
  }
});

describe('saving and never checking', () => {
  it('rc-save stores the page, and a link, so that they can be found', async () => {
    const article = await openFixture('/unrelated-article.html');
    const tabId = await tabIdOf(session, article);
    // Wait for the page to be recognised (its report), so the save uses the detected article.
    const worker = await serviceWorker(session);
    await waitFor(() => worker.evaluate((id) => chrome.storage.session.get(`tab:${id}`), tabId), (value) => Object.keys(value).length > 0, 15_000, 'the page report');
    expect(await clickMenu(article, { menuItemId: 'rc-save' })).toMatchObject({ action: 'saved', title: 'Harbour town library adds Sunday opening hours' });
    const front = await openFixture('/links.html');
    expect(await clickMenu(front, { menuItemId: 'rc-save', linkUrl: 'https://coastal-courier.example/news/2024/03/ferry-timetable-changes' })).toMatchObject({
      action: 'saved',
      outcome: 'created',
      title: 'Ferry timetable changes for the summer season',
    });

    const search = await session.context.newPage();
    await search.goto(session.extensionUrl('results.html?q=harbour%20library'));
    await search.locator('[data-testid=related-item]').first().waitFor();
    expect((await itemTexts(search))[0]).toMatch(/Harbour town library adds Sunday opening hours.*The Coastal Courier/);
    await search.goto(session.extensionUrl('results.html?q=ferry%20timetable'));
    await search.locator('[data-testid=related-item]').first().waitFor();
    expect((await itemTexts(search))[0]).toMatch(/Ferry timetable changes for the summer season/);
    for (const page of [search, front, article]) await page.close();
  });

  it('rc-never stops checking the site (badge gone, no report) and Remove in the options page restores it', async () => {
    const article = await openFixture('/bike-lanes.html');
    const tabId = await tabIdOf(session, article);
    const badge = await waitFor(() => badgeText(session, tabId), (text) => text !== '', 15_000, 'a badge');
    expect(await clickMenu(article, { menuItemId: 'rc-never' })).toEqual({ action: 'never-check', site: '127.0.0.1' });
    expect(await badgeText(session, tabId)).toBe('');

    // Reloaded, the page is recognised as an article but neither analysed nor reported.
    await article.reload();
    await article.waitForFunction(() => document.documentElement.hasAttribute('data-rots-never-checked'), null, { timeout: 10_000 });
    const worker = await serviceWorker(session);
    expect(await worker.evaluate((id) => chrome.storage.session.get(`tab:${id}`), tabId)).toEqual({});
    expect(await article.evaluate(() => document.documentElement.hasAttribute('data-rots-detect'))).toBe(false);
    expect(await badgeText(session, tabId)).toBe('');

    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    const panel = options.locator('[data-testid=never-check-panel]');
    expect(await panel.locator('[data-testid=never-check-site]').allTextContents()).toEqual(['127.0.0.1Remove']);
    for (const scheme of ['dark', 'light'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      await panel.screenshot({ path: resultsPath(`options-never-check-${scheme}.png`) });
      expect(await axeViolations(options, '[data-testid=never-check-panel]'), scheme).toEqual([]);
    }
    await panel.getByRole('button', { name: 'Remove 127.0.0.1: check it again' }).click();
    await panel.locator('[data-testid=never-check-empty]').waitFor();
    expect(await panel.locator('[data-testid=never-check-message]').textContent()).toBe('127.0.0.1 will be checked again.');

    await article.bringToFront();
    await article.reload();
    expect(await waitFor(() => badgeText(session, tabId), (text) => text !== '', 15_000, 'the badge back')).toBe(badge);
    expect(await article.evaluate(() => document.documentElement.hasAttribute('data-rots-never-checked'))).toBe(false);
    await options.close();
    await article.close();
  });
});
