import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dropIfNeverChecked, forgetSites, watchNeverCheckList } from '../../../src/background/never-check';
import { handlePageReport } from '../../../src/background/page-reports';
import { TabStates } from '../../../src/background/tab-states';
import type { DetectedPage } from '../../../src/detect/page';
import { isNeverChecked, siteOf, withoutSite, withSite } from '../../../src/settings/never-check';
import { loadSettings, saveSettings } from '../../../src/settings/settings';
import { ArticleStore } from '../../../src/store';
import { notASiteMessage, siteFromInput } from '../../../src/ui/options/NeverCheckPanel';

describe('never-check matching', () => {
  it("names a page's site by its host, lower-case, without www.", () => {
    expect(siteOf('https://WWW.Example.COM./news/a?b=1')).toBe('example.com');
    expect(siteOf('http://news.example.co.uk:8080/x')).toBe('news.example.co.uk');
    expect(siteOf('http://127.0.0.1:3000/page')).toBe('127.0.0.1');
    for (const url of ['file:///tmp/a.html', 'chrome://settings', 'javascript:alert(1)', 'not a url', 'http://[::1]/']) expect(siteOf(url)).toBeNull();
  });

  it('covers the site and its subdomains, nothing else', () => {
    const sites = ['example.com', '127.0.0.1'];
    expect(isNeverChecked('example.com', sites)).toBe(true);
    expect(isNeverChecked('www.example.com', sites)).toBe(true);
    expect(isNeverChecked('News.Example.com.', sites)).toBe(true);
    expect(isNeverChecked('127.0.0.1', sites)).toBe(true);
    expect(isNeverChecked('badexample.com', sites)).toBe(false);
    expect(isNeverChecked('example.com.evil.test', sites)).toBe(false);
    expect(isNeverChecked('example.org', sites)).toBe(false);
    // Whatever storage holds, only strings count.
    expect(isNeverChecked('example.org', [null, 3, '', { site: 'example.org' }])).toBe(false);
  });

  it('adds once and removes', () => {
    expect(withSite(['a.example'], 'b.example')).toEqual(['a.example', 'b.example']);
    expect(withSite(['a.example'], 'a.example')).toEqual(['a.example']);
    expect(withoutSite(['a.example', 'b.example'], 'a.example')).toEqual(['b.example']);
  });

  it('reads a site typed in the options page from a host name or an address', () => {
    expect(siteFromInput(' Example.com ')).toBe('example.com');
    expect(siteFromInput('www.example.com')).toBe('example.com');
    expect(siteFromInput('https://news.example.com/a/b')).toBe('news.example.com');
    expect(siteFromInput('news.example.com/path')).toBe('news.example.com');
    expect(siteFromInput('')).toBeNull();
    expect(siteFromInput('not a site!')).toBeNull();
    expect(siteFromInput('javascript:alert(1)')).toBeNull();
  });

  it('says why a typed value is not a site, without quoting nothing', () => {
    expect(notASiteMessage('   ')).toBe('Type a site name, like example.com.');
    expect(notASiteMessage(' not a site! ')).toBe('“not a site!” is not a site name: type one like example.com.');
  });
});

describe('never-check in the background', () => {
  const page: DetectedPage = {
    url: 'https://news.listed.example/story',
    urls: ['https://news.listed.example/story'],
    title: 'A story on a listed site',
    description: '',
    topics: [],
    signals: ['og:type=article'],
  };
  let store: ArticleStore;
  let n = 0;
  const badges = new Map<number, string>();
  beforeEach(() => {
    store = new ArticleStore({ name: `never-${++n}` });
    badges.clear();
    (fakeBrowser as unknown as { action: unknown }).action = {
      setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => void badges.set(tabId, text),
      setBadgeBackgroundColor: async () => undefined,
    };
  });
  afterEach(() => store.close());

  it('drops reports from listed sites: nothing stored, tab forgotten, badge cleared', async () => {
    await store.upsertRecords([{ title: 'Something', excerpt: '', webUrl: 'https://x.example/a', topics: [], tags: [], images: [], related: [] }], 'record');
    await saveSettings({ neverCheckSites: ['listed.example'] });
    const tabs = new TabStates();
    await tabs.set(3, { url: 'https://news.listed.example/old', page: null });
    badges.set(3, '4');
    await handlePageReport({ store, tabs }, 3, { type: 'page-report', url: page.url, page });
    expect(await store.findByUrls([page.url])).toBeUndefined();
    expect(await tabs.get(3)).toBeUndefined();
    expect(badges.get(3)).toBe('');
    // Other sites are still reported and stored.
    await handlePageReport({ store, tabs }, 4, { type: 'page-report', url: 'https://ok.example/s', page: { ...page, url: 'https://ok.example/s', urls: ['https://ok.example/s'] } });
    expect(await store.findByUrls(['https://ok.example/s'])).toBeDefined();
    expect(await tabs.get(4)).toBeDefined();
  });

  it('forgets the tabs of a site as soon as any page lists it (the options page too)', async () => {
    const tabs = new TabStates();
    await tabs.set(1, { url: 'https://listed.example/a', page });
    await tabs.set(2, { url: 'https://kept.example/b', page });
    watchNeverCheckList(tabs);
    await saveSettings({ neverCheckSites: ['kept.example'] });
    await new Promise((r) => setTimeout(r, 20));
    expect(await tabs.get(2)).toBeUndefined();
    await tabs.set(2, { url: 'https://kept.example/b', page });
    // Only sites newly added count: kept.example was listed before, so its new report stays.
    await saveSettings({ neverCheckSites: ['kept.example', 'listed.example'] });
    await new Promise((r) => setTimeout(r, 20));
    expect(await tabs.get(1)).toBeUndefined();
    expect(await tabs.get(2)).toBeDefined();
    expect(badges.get(1)).toBe('');
  });

  it('forgets the tabs of a newly listed site only', async () => {
    const tabs = new TabStates();
    await tabs.set(1, { url: 'https://www.listed.example/a', page });
    await tabs.set(2, { url: 'https://other.example/b', page: null });
    expect(await forgetSites(tabs, ['listed.example'])).toEqual([1]);
    expect(await tabs.get(1)).toBeUndefined();
    expect(await tabs.get(2)).toBeDefined();
    expect(badges.get(1)).toBe('');
    expect(await dropIfNeverChecked(tabs, 2, 'https://other.example/b')).toBe(false);
    expect((await loadSettings()).neverCheckSites).toEqual([]);
  });
});
