/**
 * The background as the browser runs it: createBackground + registerBackground over WXT's fake
 * browser (with stand-ins for what it lacks: context menus, the toolbar action, the omnibox),
 * driven by the browser's own events.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground, registerBackground, type Background } from '../../../src/background/create-background';
import { MENU_ITEMS } from '../../../src/background/context-menus';
import type { DetectedPage } from '../../../src/detect/page';
import { saveSettings } from '../../../src/settings/settings';
import { ArticleStore } from '../../../src/store';
import type { StoreChange } from '../../../src/store/events';
import { LEGACY_SCHEMAS, referenceSnapshots, writeLegacyStore } from '../../fixtures/legacy-stores';
import { newsRecord } from '../builders';

const EXTENSION_PAGE = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
const TAB = 21;
const page: DetectedPage = {
  url: 'https://metro.example/bike-lanes',
  urls: ['https://metro.example/bike-lanes'],
  title: 'Riverton council approves protected bike lanes on Main Street',
  description: 'Protected bike lanes are coming to Main Street after a council vote.',
  topics: [],
  signals: ['og:type=article'],
};
const coverage = [
  newsRecord({ title: 'Riverton votes for protected Main Street bike lanes', excerpt: 'The council approved protected bike lanes for Main Street.', webUrl: 'https://a.example/1', publishedAt: Date.now() - 3_600_000 }),
  newsRecord({ title: 'Council backs Main Street bike lanes in 7-2 vote', excerpt: 'Riverton council approved protected bike lanes on Main Street.', webUrl: 'https://b.example/2', publishedAt: Date.now() - 7_200_000 }),
];

let n = 0;
let store: ArticleStore;
let background: Background;
const badges = new Map<number, string>();
const menus: { id?: string | number | undefined }[] = [];
const sent: unknown[] = [];

beforeEach(async () => {
  badges.clear();
  menus.length = 0;
  sent.length = 0;
  const listeners = () => ({ addListener: () => undefined, removeListener: () => undefined, hasListener: () => false });
  Object.assign(fakeBrowser, {
    action: {
      setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => void badges.set(tabId, text),
      setBadgeBackgroundColor: async () => undefined,
      openPopup: async () => undefined,
    },
    contextMenus: { removeAll: async () => void (menus.length = 0), create: (item: { id?: string }) => void menus.push(item), update: async () => undefined, onClicked: listeners() },
    omnibox: { setDefaultSuggestion: async () => undefined, onInputChanged: listeners(), onInputEntered: listeners() },
  });
  // What the background tells the pages (no page is open here).
  fakeBrowser.runtime.sendMessage = (async (message: unknown) => void sent.push(message)) as typeof fakeBrowser.runtime.sendMessage;
  store = new ArticleStore({ name: `background-${++n}` });
  background = createBackground(fakeBrowser as unknown as WxtBrowser, { store, settleMs: 0 });
  await registerBackground(fakeBrowser as unknown as WxtBrowser, background);
});
afterEach(async () => {
  await background.reactions.idle();
  background.reactions.dispose();
  background.digest.dispose();
  store.close();
});

const report = () => background.onMessage({ type: 'page-report', url: page.url, page }, { id: fakeBrowser.runtime.id, url: page.url, frameId: 0, tab: { id: TAB } });

describe('the background', () => {
  it('creates the context menu on install', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(() => expect(menus.map((item) => item.id)).toEqual(MENU_ITEMS.map((item) => item.id)));
  });

  it('answers a page report and sets the tab badge to the related count', async () => {
    await store.upsertRecords(coverage, 'record');
    expect(await report()).toEqual({ ok: true });
    expect(badges.get(TAB)).toBe('2');
    // The read page was stored, and the pages were told so by the store itself.
    expect(await store.findByUrls([page.url])).toBeDefined();
    await vi.waitFor(() => expect(sent).toContainEqual(expect.objectContaining({ type: 'store-changed', change: expect.objectContaining({ why: 'page' }) })));
  });

  it('on a store event from a page (an import), applies retention, then rebuilds the digest, then refreshes every badge', async () => {
    await report();
    expect(badges.get(TAB)).toBe('');
    await background.reactions.idle();
    const order: string[] = [];
    const run = background.retention.run.bind(background.retention);
    vi.spyOn(background.retention, 'run').mockImplementation(async (reason) => (order.push(`retention:${reason}`), run(reason)));
    vi.spyOn(background.digest, 'scheduleRebuild').mockImplementation((delay) => void order.push(`digest:${delay}`));

    // The options page imports in its own context (another ArticleStore on the same database)…
    const optionsPage = new ArticleStore({ name: `background-${n}` });
    const changes: unknown[] = [];
    optionsPage.events.subscribe((change) => void changes.push(change));
    await optionsPage.upsertRecords(coverage, 'record');
    optionsPage.close();
    // …and its store's announcement arrives as a runtime message.
    expect(await background.onMessage({ type: 'store-changed', change: changes[0], from: 'options-page' }, EXTENSION_PAGE)).toEqual({ ok: true });
    await vi.waitFor(() => expect(badges.get(TAB)).toBe('2'));
    expect(order).toEqual(['retention:store', 'digest:2000']);
  });

  it('ignores store events from anything but our pages, and its own', async () => {
    await store.upsertRecords(coverage, 'record');
    await report();
    badges.delete(TAB);
    const change = { why: 'import', created: [], updated: [], deleted: ['a00000000001'], read: [], cleared: false, feeds: false };
    expect(background.onMessage({ type: 'store-changed', change }, { id: fakeBrowser.runtime.id, url: 'https://evil.example/', frameId: 0, tab: { id: 3 } })).toBeUndefined();
    const own = sent.find((message) => (message as { type?: string }).type === 'store-changed') as { from: string };
    await background.onMessage({ type: 'store-changed', change, from: own.from }, EXTENSION_PAGE);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(badges.has(TAB)).toBe(false);
  });

  it('prunes when the retention setting changes, and the deletions refresh every badge', async () => {
    const old = newsRecord({ title: 'Harbour festival draws record crowds', excerpt: 'Boats and music.', webUrl: 'https://c.example/3', publishedAt: Date.now() - 30 * 86_400_000 });
    await store.upsertRecords([...coverage, old], 'record');
    await report();
    expect(badges.get(TAB)).toBe('2');
    badges.delete(TAB);
    await saveSettings({ retentionMode: 'days', retentionDays: 7 });
    await vi.waitFor(() => expect(badges.get(TAB)).toBe('2'));
    expect(await store.countArticles()).toBe(3);
    expect(await store.findByUrls(['https://c.example/3'])).toBeUndefined();
  });

  it('at start finishes the upgrade an earlier version left: store-status is ready after, and the articles indexed again are store events the reactions follow', async () => {
    const reference = await referenceSnapshots(indexedDB, IDBKeyRange, `background-reference-${++n}`, 30);
    const legacy = LEGACY_SCHEMAS[0]!; // version 1: every article is indexed again
    const name = `background-legacy-${++n}`;
    await writeLegacyStore(indexedDB, name, legacy.nativeVersion, legacy.stores, legacy.rows(reference.records));
    const legacyStore = new ArticleStore({ name });
    const heard: StoreChange[] = [];
    legacyStore.events.subscribe((change) => void heard.push(change));
    // Between batches the upkeep calls an extension API to keep the worker awake (the fake lacks this one).
    fakeBrowser.runtime.getPlatformInfo = (async () => ({ os: 'linux', arch: 'x86-64', nacl_arch: 'x86-64' })) as typeof fakeBrowser.runtime.getPlatformInfo;
    const upgraded = createBackground(fakeBrowser as unknown as WxtBrowser, { store: legacyStore, settleMs: 0 });
    const rebuilds = vi.spyOn(upgraded.digest, 'scheduleRebuild').mockImplementation(() => undefined);
    // Resolves once the start's work is done: the data steps, then the work a stopped worker left.
    await registerBackground(fakeBrowser as unknown as WxtBrowser, upgraded);
    expect(await upgraded.onMessage({ type: 'store-status' }, EXTENSION_PAGE)).toEqual({ state: 'ready' });
    expect((await legacyStore.upgradeStatus()).pending).toEqual([]);
    const reindexed = heard.filter((change) => change.why === 'upgrade').flatMap((change) => change.updated);
    expect(reindexed).toHaveLength(30);
    await upgraded.reactions.idle();
    expect(rebuilds).toHaveBeenCalledWith(2_000);
    upgraded.reactions.dispose();
    upgraded.digest.dispose();
    legacyStore.close();
  });

  it("the new tab's digest does not wait for drop-row-terms (a store of the last release): it answers while the step runs, whose progress store-status shows", async () => {
    const reference = await referenceSnapshots(indexedDB, IDBKeyRange, `background-reference-${++n}`, 30);
    const legacy = LEGACY_SCHEMAS.find((schema) => schema.nativeVersion === 80)!;
    const name = `background-v8-${++n}`;
    await writeLegacyStore(indexedDB, name, legacy.nativeVersion, legacy.stores, legacy.rows(reference.feeds));
    const legacyStore = new ArticleStore({ name });
    // The worker held after the step's first batch (its keep-alive call does not return yet).
    let batched!: () => void;
    const firstBatch = new Promise<void>((resolve) => (batched = resolve));
    let goOn!: () => void;
    const held = new Promise<void>((resolve) => (goOn = resolve));
    fakeBrowser.runtime.getPlatformInfo = (async () => {
      batched();
      await held;
      return { os: 'linux', arch: 'x86-64', nacl_arch: 'x86-64' };
    }) as typeof fakeBrowser.runtime.getPlatformInfo;
    const upgraded = createBackground(fakeBrowser as unknown as WxtBrowser, { store: legacyStore, settleMs: 0 });
    const started = registerBackground(fakeBrowser as unknown as WxtBrowser, upgraded);
    const digest = upgraded.onMessage({ type: 'get-digest' }, EXTENSION_PAGE) as Promise<{ articles: number }>;
    await firstBatch;
    const answered = await Promise.race([digest, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000))]);
    expect(answered?.articles).toBe(30);
    expect(await upgraded.onMessage({ type: 'store-status' }, EXTENSION_PAGE)).toEqual({ state: 'updating', describe: 'Making the store smaller', done: 30, total: 30 });
    expect((await legacyStore.upgradeStatus()).pending.map((step) => step.id)).toEqual(['drop-row-terms']);
    goOn();
    await started;
    expect(await upgraded.onMessage({ type: 'store-status' }, EXTENSION_PAGE)).toEqual({ state: 'ready' });
    await upgraded.reactions.idle();
    upgraded.reactions.dispose();
    upgraded.digest.dispose();
    legacyStore.close();
  });
});
