import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlePageReport, handleTabUrlChange } from '../../../src/background/page-reports';
import { buildTabView } from '../../../src/background/tab-views';
import { TabStates } from '../../../src/background/tab-states';
import type { DetectedPage } from '../../../src/detect/page';
import type { NewsRecord } from '../../../src/ingest/record';
import { saveSettings } from '../../../src/settings/settings';
import { ArticleStore } from '../../../src/store';

function record(fields: Partial<NewsRecord> & { title: string }): NewsRecord {
  return { excerpt: '', topics: [], tags: [], images: [], related: [], ...fields };
}

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
});
