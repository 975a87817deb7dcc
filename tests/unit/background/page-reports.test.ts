import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlePageReport, handleTabShown, handleTabUrlChange, refreshAllBadges, samePage } from '../../../src/background/page-reports';
import { buildTabView } from '../../../src/background/tab-views';
import { TabStates } from '../../../src/background/tab-states';
import { TabViewMemo } from '../../../src/background/tab-view-memo';
import type { DetectedPage } from '../../../src/detect/page';
import { saveSettings } from '../../../src/settings/settings';
import { ArticleStore } from '../../../src/store';
import { newsRecord } from '../builders';

const record = newsRecord;

const page: DetectedPage = {
  url: 'http://127.0.0.1:9/seed.html',
  canonicalUrl: 'https://www.digitimes.com/news/a1/chips.html',
  urls: ['https://www.digitimes.com/news/a1/chips.html', 'http://127.0.0.1:9/seed.html'],
  title: 'China AI chips despite US ban',
  description: 'Chip makers press on.',
  topics: [],
  signals: ['og:type=article'],
};

let store: ArticleStore;
let n = 0;
const badges = new Map<number, string>();
beforeEach(() => {
  store = new ArticleStore({ name: `bg-${++n}` });
  badges.clear();
  // fakeBrowser has no action API: record what the badge would show.
  (fakeBrowser as unknown as { action: unknown }).action = {
    setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => void badges.set(tabId, text),
    setBadgeBackgroundColor: async () => undefined,
  };
});
afterEach(() => store.close());

describe('page reports', () => {
  it('shows the first-run state until something is imported', async () => {
    const deps = { store, tabs: new TabStates() };
    await handlePageReport(deps, 1, { type: 'page-report', url: page.url, page });
    expect(await buildTabView(store, deps.tabs, 1)).toEqual({ status: 'empty-store', page });
    expect(badges.get(1)).toBe('');
  });

  it("gives the headline's language: the page's, or the text's when it surely says otherwise", async () => {
    const tabs = new TabStates();
    const chinese: DetectedPage = { ...page, title: '新加坡科学家开发出血液检测试剂盒', description: '', lang: 'zh-CN' };
    await handlePageReport({ store, tabs }, 7, { type: 'page-report', url: page.url, page: chinese });
    expect(await buildTabView(store, tabs, 7)).toMatchObject({ status: 'empty-store', titleLang: 'zh-CN' });
    // A site that says "en-US" of every page.
    await handlePageReport({ store, tabs }, 8, { type: 'page-report', url: page.url, page: { ...chinese, lang: 'en-US' } });
    expect(await buildTabView(store, tabs, 8)).toMatchObject({ status: 'empty-store', titleLang: 'zh' });
  });

  it('resolves the page to its stored record, badges its related count, and remembers the read', async () => {
    await store.upsertRecords(
      [
        record({
          title: 'China homegrown AI chip development proceeding despite US ban',
          originalUrl: 'https://www.digitimes.com/news/a1/chips.html',
          related: [record({ title: 'Rel one', webUrl: 'https://one.example/a' }), record({ title: 'Rel two', webUrl: 'https://two.example/b' })],
        }),
      ],
      'record',
    );
    const deps = { store, tabs: new TabStates() };
    await handlePageReport(deps, 4, { type: 'page-report', url: page.url, page });
    expect(badges.get(4)).toBe('2');
    const view = await buildTabView(store, deps.tabs, 4);
    expect(view.status).toBe('article');
    if (view.status !== 'article') return;
    expect(view.stored?.title).toBe('China homegrown AI chip development proceeding despite US ban');
    expect(view.items.map((item) => item.article.title).sort()).toEqual(['Rel one', 'Rel two']);
    expect(view.items.every((item) => item.reasons.some((r) => r.kind === 'linked'))).toBe(true);
    const stored = await store.findByUrls([page.url]);
    expect(stored?.readAt).toBeGreaterThan(0);
  });

  it('does not store the page when the user turned that off', async () => {
    await store.upsertRecords([record({ title: 'Something else', webUrl: 'https://else.example/a' })], 'record');
    await saveSettings({ rememberReadArticles: false });
    await handlePageReport({ store, tabs: new TabStates() }, 2, { type: 'page-report', url: page.url, page });
    expect(await store.findByUrls([page.url])).toBeUndefined();
  });

  it('survives a service-worker restart (state comes back from session storage)', async () => {
    await store.upsertRecords([record({ title: 'x', webUrl: 'https://x.example/x' })], 'record');
    await handlePageReport({ store, tabs: new TabStates() }, 5, { type: 'page-report', url: page.url, page: null });
    const fresh = new TabStates();
    expect(await buildTabView(store, fresh, 5)).toEqual({ status: 'not-article', url: page.url });
  });

  it('forgets a tab that navigated away, and clears its badge', async () => {
    await store.upsertRecords([record({ title: 'x', webUrl: 'https://x.example/x' })], 'record');
    const deps = { store, tabs: new TabStates() };
    await handlePageReport(deps, 6, { type: 'page-report', url: page.url, page });
    await handleTabUrlChange(deps, 6, page.url);
    expect(await deps.tabs.get(6)).toBeDefined();
    await handleTabUrlChange(deps, 6, 'https://elsewhere.example/');
    expect(await deps.tabs.get(6)).toBeUndefined();
    expect(badges.get(6)).toBe('');
  });

  it('keeps the page across a jump within it (#fragment), forgets it on a real navigation', async () => {
    await store.upsertRecords([record({ title: 'x', webUrl: 'https://x.example/x' })], 'record');
    const deps = { store, tabs: new TabStates() };
    await handlePageReport(deps, 7, { type: 'page-report', url: page.url, page });
    await handleTabUrlChange(deps, 7, page.url + '#comments');
    expect(await deps.tabs.get(7)).toBeDefined();
    await handleTabUrlChange(deps, 7, page.url + '?page=2');
    expect(await deps.tabs.get(7)).toBeUndefined();
    expect(samePage('https://a.example/p#x', 'https://a.example/p')).toBe(true);
    expect(samePage('https://a.example/p', 'https://a.example/q')).toBe(false);
  });
});

describe('badges stay true', () => {
  const bikeLanes: DetectedPage = {
    url: 'https://metro.example/bike-lanes',
    urls: ['https://metro.example/bike-lanes'],
    title: 'Riverton council approves protected bike lanes on Main Street',
    description: 'Protected bike lanes are coming to Main Street after a council vote.',
    topics: [],
    signals: ['og:type=article'],
  };
  const laneRecords = [
    record({ title: 'Riverton votes for protected Main Street bike lanes', excerpt: 'The council approved protected bike lanes for Main Street.', webUrl: 'https://a.example/1', publishedAt: Date.now() - 3_600_000 }),
    record({ title: 'Council backs Main Street bike lanes in 7-2 vote', excerpt: 'Riverton council approved protected bike lanes on Main Street.', webUrl: 'https://b.example/2', publishedAt: Date.now() - 7_200_000 }),
  ];

  it('a tab reading a new article updates the other tabs whose coverage it is', async () => {
    await store.upsertRecords(laneRecords, 'record');
    const deps = { store, tabs: new TabStates() };
    await handlePageReport(deps, 10, { type: 'page-report', url: bikeLanes.url, page: bikeLanes });
    const before = Number(badges.get(10));
    expect(before).toBeGreaterThanOrEqual(2);
    // Another tab reads another outlet's take on the same story: tab 10 gains an item.
    const other: DetectedPage = { ...bikeLanes, url: 'https://c.example/lanes', urls: ['https://c.example/lanes'], title: 'Cyclists celebrate Riverton bike lanes decision', description: 'Riders say the protected Main Street lanes the council approved will make the commute safer.' };
    badges.delete(10);
    await handlePageReport(deps, 11, { type: 'page-report', url: other.url, page: other });
    expect(Number(badges.get(10))).toBe(before + 1);
    // …and the badge says what the popup lists.
    const view = await buildTabView(store, deps.tabs, 10);
    expect(view.status === 'article' && view.items.length).toBe(before + 1);
    // Reading it again changes no other tab.
    badges.delete(10);
    await handlePageReport(deps, 11, { type: 'page-report', url: other.url, page: other });
    expect(badges.get(10)).toBeUndefined();
  });

  it('shows the badge again when the tab finishes loading or is switched to (Chrome clears it on a new document)', async () => {
    await store.upsertRecords(laneRecords, 'record');
    const deps = { store, tabs: new TabStates() };
    await handlePageReport(deps, 12, { type: 'page-report', url: bikeLanes.url, page: bikeLanes });
    const shown = badges.get(12);
    badges.set(12, '');
    await handleTabShown(deps, 12, bikeLanes.url);
    expect(badges.get(12)).toBe(shown);
    badges.set(12, '');
    await handleTabShown(deps, 12, undefined);
    expect(badges.get(12)).toBe(shown);
    // Not for another page in that tab (its own report will come), nor for tabs we know nothing of.
    badges.set(12, '');
    await handleTabShown(deps, 12, 'https://elsewhere.example/');
    await handleTabShown(deps, 13, 'https://elsewhere.example/');
    expect(badges.get(12)).toBe('');
    expect(badges.has(13)).toBe(false);
  });

  it('after delete-all every badge goes blank; after an import it counts again', async () => {
    await store.upsertRecords(laneRecords, 'record');
    const deps = { store, tabs: new TabStates() };
    await handlePageReport(deps, 14, { type: 'page-report', url: bikeLanes.url, page: bikeLanes });
    expect(badges.get(14)).not.toBe('');
    await store.clear();
    await refreshAllBadges(deps);
    expect(badges.get(14)).toBe('');
    await store.upsertRecords(laneRecords, 'record');
    await refreshAllBadges(deps);
    expect(Number(badges.get(14))).toBeGreaterThanOrEqual(2);
  });

  it('hands the popup the view the badge built, until the store or the page changes', async () => {
    await store.upsertRecords([record({ title: 'China AI chips despite US ban, makers say', originalUrl: 'https://www.digitimes.com/news/a1/chips.html', related: [record({ title: 'Rel one', webUrl: 'https://one.example/a' })] })], 'record');
    const deps = { store, tabs: new TabStates(), views: new TabViewMemo() };
    await handlePageReport(deps, 7, { type: 'page-report', url: page.url, page });
    expect(badges.get(7)).toBe('1');
    const first = await buildTabView(store, deps.tabs, 7, deps.views);
    // The very object the badge's lookup produced: no second lookup ran.
    expect(await buildTabView(store, deps.tabs, 7, deps.views)).toBe(first);
    expect(first.status === 'article' && first.items.length).toBe(1);

    // A write to the store (new coverage) makes the next view fresh.
    await store.upsertRecords([record({ title: 'Rel two', webUrl: 'https://two.example/b', related: [record({ title: 'China AI chips despite US ban, makers say', originalUrl: 'https://www.digitimes.com/news/a1/chips.html' })] })], 'record');
    const second = await buildTabView(store, deps.tabs, 7, deps.views);
    expect(second).not.toBe(first);
    expect(second.status === 'article' && second.items.length).toBe(2);

    // Another page in the same tab is never answered with the old page's view.
    const other: DetectedPage = { ...page, url: 'http://127.0.0.1:9/other.html', canonicalUrl: undefined, urls: ['http://127.0.0.1:9/other.html'], title: 'Completely unrelated harvest festival' };
    await deps.tabs.set(7, { url: other.url, page: other });
    const third = await buildTabView(store, deps.tabs, 7, deps.views);
    expect(third.status === 'article' && third.page.title).toBe('Completely unrelated harvest festival');
    expect(third.status === 'article' && third.items.length).toBe(0);
  });
});
