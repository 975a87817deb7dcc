import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMenus, handleMenuClick, MENU_ITEMS, type MenuDeps, type MenuItem, type MenuTab } from '../../../src/background/context-menus';
import { TabStates } from '../../../src/background/tab-states';
import type { DetectedPage } from '../../../src/detect/page';
import { parseResultsQuery } from '../../../src/results/query';
import { loadSettings, saveSettings } from '../../../src/settings/settings';
import { ArticleStore } from '../../../src/store';

const page: DetectedPage = {
  url: 'https://www.riverton-daily.example/news/bike-lanes?utm_source=x',
  canonicalUrl: 'https://www.riverton-daily.example/news/bike-lanes',
  urls: ['https://www.riverton-daily.example/news/bike-lanes', 'https://www.riverton-daily.example/news/bike-lanes?utm_source=x'],
  title: 'Riverton council approves protected bike lanes',
  description: 'The vote was 5 to 2.',
  siteName: 'Riverton Daily',
  topics: ['transport'],
  signals: ['og:type=article'],
};

const tab: MenuTab = { id: 7, index: 2, windowId: 1, url: page.url, title: 'Riverton council approves protected bike lanes | Riverton Daily' };

interface Recorded {
  popups: number[];
  pages: { path: string; tab: MenuTab | undefined }[];
  refreshed: number[];
  forgotten: string[];
  linkReads: { tabId: number; frameId: number; url: string }[];
}

let store: ArticleStore;
let tabs: TabStates;
let n = 0;
let recorded: Recorded;
let popupFails: boolean;
let linkTextInPage: string | null;

function deps(): MenuDeps {
  return {
    store,
    tabs,
    openPopup: async (windowId) => {
      if (popupFails) throw new Error('Could not find an active browser window.');
      recorded.popups.push(windowId);
    },
    openPage: async (path, at) => void recorded.pages.push({ path, tab: at }),
    readLinkText: async (tabId, frameId, url) => {
      recorded.linkReads.push({ tabId, frameId, url });
      return linkTextInPage;
    },
    refreshTab: async (tabId) => void recorded.refreshed.push(tabId),
    forgetSite: async (site) => void recorded.forgotten.push(site),
  };
}

beforeEach(() => {
  store = new ArticleStore({ name: `menus-${++n}` });
  tabs = new TabStates();
  recorded = { popups: [], pages: [], refreshed: [], forgotten: [], linkReads: [] };
  popupFails = false;
  linkTextInPage = null;
});
afterEach(() => store.close());

function queryOf(path: string) {
  expect(path.startsWith('/results.html?')).toBe(true);
  return parseResultsQuery(path.slice(path.indexOf('?')));
}

describe('menu items', () => {
  it('removes all items, then creates the five with stable ids, on web pages only', async () => {
    const calls: string[] = [];
    const created: MenuItem[] = [];
    await createMenus({
      removeAll: async () => void calls.push('removeAll'),
      create: (item) => {
        calls.push(`create ${item.id}`);
        created.push(item);
      },
    });
    expect(calls).toEqual(['removeAll', 'create rc-page', 'create rc-link', 'create rc-selection', 'create rc-save', 'create rc-never']);
    expect(Object.fromEntries(created.map((item) => [item.id, item.contexts]))).toEqual({
      'rc-page': ['page'],
      'rc-link': ['link'],
      'rc-selection': ['selection'],
      'rc-save': ['page', 'link'],
      'rc-never': ['page'],
    });
    expect(created.find((item) => item.id === 'rc-selection')!.title).toBe('Find coverage of “%s”');
    expect(created.every((item) => item.documentUrlPatterns.join() === 'http://*/*,https://*/*')).toBe(true);
    // The definitions are not shared with what was handed to the browser.
    created[0]!.contexts.push('link');
    expect(MENU_ITEMS[0]!.contexts).toEqual(['page']);
  });
});

describe('rc-page: related coverage of the page', () => {
  it('opens the popup of the window when the page was recognised as an article', async () => {
    await tabs.set(7, { url: page.url, page });
    expect(await handleMenuClick(deps(), { menuItemId: 'rc-page', pageUrl: page.url, frameId: 0 }, tab)).toEqual({ action: 'popup' });
    expect(recorded.popups).toEqual([1]);
    expect(recorded.pages).toEqual([]);
  });

  it('falls back to the results page for the page when the popup cannot open', async () => {
    await tabs.set(7, { url: page.url, page });
    popupFails = true;
    const outcome = await handleMenuClick(deps(), { menuItemId: 'rc-page', pageUrl: page.url }, tab);
    expect(outcome.action).toBe('results');
    expect(recorded.pages).toHaveLength(1);
    expect(recorded.pages[0]!.tab).toBe(tab);
    expect(queryOf(recorded.pages[0]!.path)).toEqual({ kind: 'link', url: page.url, text: page.title });
  });

  it('gives the results page the recognised page\'s date, so that it is looked up around it (undated without one)', async () => {
    await tabs.set(7, { url: page.url, page: { ...page, publishedTime: '2024-10-15T08:30:00Z' } });
    popupFails = true;
    await handleMenuClick(deps(), { menuItemId: 'rc-page', pageUrl: page.url }, tab);
    expect(queryOf(recorded.pages[0]!.path)).toEqual({ kind: 'link', url: page.url, text: page.title, publishedAt: Date.parse('2024-10-15T08:30:00Z') });
  });

  it('looks a page that was not recognised up by its address and tab title', async () => {
    const outcome = await handleMenuClick(deps(), { menuItemId: 'rc-page', pageUrl: 'https://blog.example/p/42' }, { ...tab, url: 'https://blog.example/p/42', title: 'Sbarro  closes\nstores' });
    expect(recorded.popups).toEqual([]);
    expect(outcome.action).toBe('results');
    expect(queryOf(recorded.pages[0]!.path)).toEqual({ kind: 'link', url: 'https://blog.example/p/42', text: 'Sbarro closes stores' });
  });

  it('ignores pages that are not http(s)', async () => {
    expect((await handleMenuClick(deps(), { menuItemId: 'rc-page', pageUrl: 'chrome://settings/' }, { ...tab, url: 'chrome://settings/' })).action).toBe('ignored');
    expect(recorded.pages).toEqual([]);
  });
});

describe('rc-link: coverage of a linked article', () => {
  it('reads the link text from the page (Chrome does not give it) and opens the results page next to the tab', async () => {
    linkTextInPage = '  Tesla secures   $565 million loan for Shanghai factory ';
    const link = 'https://www.reuters.com/article/tesla-loan-idUSKBN1ZQ0';
    await handleMenuClick(deps(), { menuItemId: 'rc-link', pageUrl: page.url, linkUrl: link, frameId: 3 }, tab);
    expect(recorded.linkReads).toEqual([{ tabId: 7, frameId: 3, url: link }]);
    expect(queryOf(recorded.pages[0]!.path)).toEqual({ kind: 'link', url: link, text: 'Tesla secures $565 million loan for Shanghai factory' });
  });

  it("uses the browser's link text when given, else the words of the address", async () => {
    await handleMenuClick(deps(), { menuItemId: 'rc-link', linkUrl: 'https://a.example/x', linkText: 'Given text' }, tab);
    expect(recorded.linkReads).toEqual([]);
    expect(queryOf(recorded.pages[0]!.path)).toMatchObject({ text: 'Given text' });
    // The page cannot be read (or the link shows only its address): words from the path.
    linkTextInPage = 'https://riverton.example/news/council-backs-main-street-bike-lanes-20241015';
    await handleMenuClick(deps(), { menuItemId: 'rc-link', linkUrl: 'https://riverton.example/news/council-backs-main-street-bike-lanes-20241015' }, tab);
    expect(queryOf(recorded.pages[1]!.path)).toMatchObject({ text: 'council backs main street bike lanes' });
  });

  it('refuses links that are not http(s)', async () => {
    expect(await handleMenuClick(deps(), { menuItemId: 'rc-link', linkUrl: 'javascript:alert(1)' }, tab)).toMatchObject({ action: 'ignored' });
    expect(recorded.pages).toEqual([]);
  });
});

describe('rc-selection: a search for the selected text', () => {
  it('opens the results page for the selection, cleaned and bounded', async () => {
    await handleMenuClick(deps(), { menuItemId: 'rc-selection', selectionText: 'Tesla\u0000 loan\n\nShanghai' }, tab);
    expect(queryOf(recorded.pages[0]!.path)).toEqual({ kind: 'text', text: 'Tesla loan Shanghai' });
    await handleMenuClick(deps(), { menuItemId: 'rc-selection', selectionText: 'word '.repeat(400) }, tab);
    const long = queryOf(recorded.pages[1]!.path);
    expect(long.kind === 'text' && long.text.length).toBeLessThanOrEqual(500);
    expect((await handleMenuClick(deps(), { menuItemId: 'rc-selection', selectionText: '   ' }, tab)).action).toBe('ignored');
  });
});

describe('rc-save: save an article to the store', () => {
  it('stores the recognised article as read, with its metadata, and refreshes the badge', async () => {
    await tabs.set(7, { url: page.url, page });
    const outcome = await handleMenuClick(deps(), { menuItemId: 'rc-save', pageUrl: page.url }, tab);
    expect(outcome).toMatchObject({ action: 'saved', outcome: 'created', title: page.title });
    const stored = await store.findByUrls([page.url]);
    expect(stored?.title).toBe(page.title);
    expect(stored?.provider?.name).toBe('Riverton Daily');
    expect(stored?.readAt).toBeGreaterThan(0);
    expect(stored?.origin).toBe('page');
    expect(recorded.refreshed).toEqual([7]);
    // Saving again adds nothing (it only renews when it was read).
    expect(await handleMenuClick(deps(), { menuItemId: 'rc-save', pageUrl: page.url }, tab)).toMatchObject({ action: 'saved', articleId: stored!.id });
    expect(await store.countArticles()).toBe(1);
  });

  it('stores an unrecognised page by its tab title and address', async () => {
    const url = 'https://blog.example/2020/05/why-sbarro-matters';
    await handleMenuClick(deps(), { menuItemId: 'rc-save', pageUrl: url }, { ...tab, url, title: 'Why Sbarro matters' });
    const stored = await store.findByUrls([url]);
    expect(stored).toMatchObject({ title: 'Why Sbarro matters', domain: 'blog.example', url });
  });

  it('stores a link (not as read), by its text, without touching a richer stored record', async () => {
    const link = 'https://www.reuters.com/article/tesla-loan';
    await store.upsertRecords([{ title: 'Tesla secures loan', excerpt: 'Full excerpt from the record.', webUrl: link, topics: [], tags: [], images: [], related: [] }], 'record');
    linkTextInPage = 'Tesla loan (link text)';
    const before = await store.findByUrls([link]);
    expect(await handleMenuClick(deps(), { menuItemId: 'rc-save', pageUrl: page.url, linkUrl: link }, tab)).toMatchObject({ action: 'saved', articleId: before!.id });
    expect(await store.countArticles()).toBe(1);
    const stored = await store.findByUrls([link]);
    expect(stored).toMatchObject({ title: 'Tesla secures loan', excerpt: 'Full excerpt from the record.', origin: 'record' });
    expect(stored?.readAt).toBeUndefined();

    const other = 'https://apnews.com/article/virus-outbreak-shanghai';
    linkTextInPage = null;
    expect(await handleMenuClick(deps(), { menuItemId: 'rc-save', linkUrl: other }, tab)).toMatchObject({ action: 'saved', outcome: 'created', title: 'virus outbreak shanghai' });
  });

  it('refuses what it cannot store', async () => {
    expect((await handleMenuClick(deps(), { menuItemId: 'rc-save', linkUrl: 'mailto:x@y.example' }, tab)).action).toBe('ignored');
    // No title anywhere and no words in the address.
    expect((await handleMenuClick(deps(), { menuItemId: 'rc-save', pageUrl: 'https://x.example/' }, { ...tab, url: 'https://x.example/', title: '' })).action).toBe('ignored');
    expect(await store.countArticles()).toBe(0);
  });
});

describe('rc-never: never check this site', () => {
  it("adds the page's site (without www.) to the list once, and forgets its tabs", async () => {
    expect(await handleMenuClick(deps(), { menuItemId: 'rc-never', pageUrl: page.url }, tab)).toEqual({ action: 'never-check', site: 'riverton-daily.example' });
    await handleMenuClick(deps(), { menuItemId: 'rc-never', pageUrl: 'https://news.other.example/a' }, tab);
    await handleMenuClick(deps(), { menuItemId: 'rc-never', pageUrl: 'https://riverton-daily.example/b' }, tab);
    expect((await loadSettings()).neverCheckSites).toEqual(['riverton-daily.example', 'news.other.example']);
    expect(recorded.forgotten).toEqual(['riverton-daily.example', 'news.other.example', 'riverton-daily.example']);
  });

  it('keeps the rest of the settings', async () => {
    await saveSettings({ showThumbnails: true, neverCheckSites: ['a.example'] });
    await handleMenuClick(deps(), { menuItemId: 'rc-never', pageUrl: 'http://127.0.0.1:8080/x' }, tab);
    expect(await loadSettings()).toMatchObject({ showThumbnails: true, neverCheckSites: ['a.example', '127.0.0.1'] });
    expect(await fakeBrowser.storage.local.get(null)).toHaveProperty('settings');
  });

  it('ignores pages without a host name, and unknown items', async () => {
    expect((await handleMenuClick(deps(), { menuItemId: 'rc-never', pageUrl: 'file:///home/me/a.html' }, tab)).action).toBe('ignored');
    expect((await handleMenuClick(deps(), { menuItemId: 'rc-other' }, tab)).action).toBe('ignored');
    expect((await loadSettings()).neverCheckSites).toEqual([]);
  });
});
