/**
 * The background's managers, built and wired together over one browser API object: the real
 * `browser` in the extension, WXT's fake browser in unit tests. `registerBackground` adds the
 * listeners; `entrypoints/background.ts` calls the two and nothing else. Adding a manager: build
 * it in `createBackground` (one line), and add what it listens to in `registerBackground`.
 */
import type { WxtBrowser } from 'wxt/browser';
import { originPattern } from '../feeds/permissions';
import { runtimeStoreChannel } from '../messaging/store-channel';
import { currentBrowser } from '../platform/browser';
import { saveRetentionReport } from '../retention/report';
import { loadSettings, SETTINGS_KEY } from '../settings/settings';
import { ArticleStore, FeedStore } from '../store';
import { createMenus, handleMenuClick, type MenuClick, type MenuDeps, type MenuTab } from './context-menus';
import { DIGEST_WORK, DigestManager } from './digest-manager';
import { FEED_ALARM, scheduleFeedAlarm } from './feed-alarm';
import { FEED_REFRESH_WORK, FeedRefresher } from './feed-refresher';
import { readLinkText } from './link-text';
import { createMessageListener } from './messenger';
import { forgetSites, watchNeverCheckList } from './never-check';
import { defaultSuggestion, OmniboxSearch, type Disposition } from './omnibox';
import { handlePageReport, handleTabShown, handleTabUrlChange, refreshAllBadges, refreshBadge, type BackgroundDeps } from './page-reports';
import { ensureRetentionAlarm, RETENTION_ALARM, RETENTION_WORK, RetentionManager, retentionChanged } from './retention';
import { StoreUpkeep, UPKEEP_ALARM } from './store-upkeep';
import { StoreReactions } from './store-reactions';
import { buildTabView } from './tab-views';
import { TabStates } from './tab-states';
import { TabViewMemo } from './tab-view-memo';

export interface BackgroundOptions {
  /** The store (tests: one over fake-indexeddb with its own name). */
  store?: ArticleStore;
  /** How long store events of a burst are folded before the background reacts (ms). */
  settleMs?: number;
  /** e2e build only: holds the worker at a named point ('prune-batch', 'upgrade-batch',
   * 'page-report') so a test can stop it there. */
  pause?: (point: string) => Promise<void>;
}

export function createBackground(api: WxtBrowser, options: BackgroundOptions = {}) {
  const store = options.store ?? new ArticleStore();
  const deps: BackgroundDeps = { store, tabs: new TabStates(), views: new TabViewMemo() };
  const pause = options.pause ?? (async () => undefined);

  // Managers.
  const digest = new DigestManager(store);
  const retention = new RetentionManager({
    store,
    loadSettings,
    saveReport: saveRetentionReport,
    // Any extension API call resets the worker's idle timer: a long prune is not cut short.
    betweenBatches: async () => {
      await pause('prune-batch');
      await api.runtime.getPlatformInfo();
    },
  });
  const reactions = new StoreReactions({ retention, digest, refreshAllBadges: () => refreshAllBadges(deps), ...(options.settleMs === undefined ? {} : { settleMs: options.settleMs }) });
  const feeds = new FeedRefresher({
    feeds: new FeedStore(store),
    hasPermission: async (url) => {
      const origin = originPattern(url);
      return origin !== undefined && api.permissions.contains({ origins: [origin] });
    },
    schedule: (when) => scheduleFeedAlarm(when),
    work: { mark: (key, ids) => store.markWork(key, ids), clear: (key) => store.clearWork(key) },
  });
  // The store first: an upgrade's data steps (resumed where a stopped worker left them). Articles
  // they index again are store events (`why: 'upgrade'`): the digest and badges follow from those.
  const upkeep = new StoreUpkeep({
    store,
    // A batch is one transaction: big enough to be fast, small enough that a stop loses little.
    batchSize: 2_000,
    keepAlive: async () => {
      await pause('upgrade-batch');
      await api.runtime.getPlatformInfo();
    },
    setAlarm: async (on) => {
      if (on) await api.alarms.create(UPKEEP_ALARM, { periodInMinutes: 1 });
      else await api.alarms.clear(UPKEEP_ALARM);
    },
  });
  /** Then the work a stopped worker left unfinished (a prune, a digest rebuild, a feed refresh). */
  const resumeWork = async (): Promise<void> => {
    const work = await store.pendingWork();
    // Its deletions are store events, as in any prune.
    if (work.has(RETENTION_WORK)) await retention.run('resumed').catch(() => null);
    if (work.has(DIGEST_WORK)) await digest.rebuild();
    for (const [key, ids] of work) {
      if (key.startsWith(FEED_REFRESH_WORK) && Array.isArray(ids)) await feeds.resumeInterrupted(key, ids.filter((id): id is string => typeof id === 'string'));
    }
  };
  const upkeepThenResume = (): Promise<void> =>
    upkeep
      .run()
      .then(() => resumeWork())
      .catch((error: unknown) => console.error('store upkeep failed', error));
  const menus: MenuDeps = {
    store,
    tabs: deps.tabs,
    openPopup: (windowId) => api.action.openPopup({ windowId }),
    openPage: async (path, tab) => {
      const nextTo = tab === undefined ? {} : { index: tab.index + 1, windowId: tab.windowId, ...(tab.id === undefined ? {} : { openerTabId: tab.id }) };
      await api.tabs.create({ url: api.runtime.getURL(path), ...nextTo });
    },
    readLinkText,
    refreshTab: (tabId) => refreshBadge(deps, tabId),
    forgetSite: async (site) => void (await forgetSites(deps.tabs, [site])),
  };
  const omnibox = new OmniboxSearch({
    store,
    pageUrl: (path) => api.runtime.getURL(path),
    open: async (url: string, disposition: Disposition) => {
      if (disposition === 'currentTab') await api.tabs.update({ url });
      else await api.tabs.create({ url, active: disposition === 'newForegroundTab' });
    },
    markup: currentBrowser.omniboxMarkup,
  });

  // Store events: this context's writes at once, the pages' over runtime messages (below).
  const storeChannel = runtimeStoreChannel(api.runtime);
  store.events.connect(storeChannel);
  store.events.subscribe((change) => void reactions.handle(change));

  const onMessage = createMessageListener(
    {
      'page-report': async (report, sender) => {
        await pause('page-report');
        if (sender.tabId !== undefined) await handlePageReport(deps, sender.tabId, report);
        return { ok: true };
      },
      'get-tab-view': (request) => buildTabView(store, deps.tabs, request.tabId, deps.views),
      'store-changed': async (request) => {
        if (request.change !== undefined) storeChannel.receive(request.change, request.from);
        return { ok: true };
      },
      'feeds-list': async () => ({ feeds: await feeds.list() }),
      'feed-subscribe': async (request) => ({ results: await feeds.subscribe(request.feeds, request.discover) }),
      'feed-update': async (request) => ({ ok: await feeds.update(request.id, request) }),
      'feed-unsubscribe': (request) => feeds.unsubscribe(request.id, request.removeArticles),
      'feed-refresh': async (request) => ({ results: await feeds.refreshNow(request.ids) }),
      // During an upgrade the digest waits for it (the page shows 'store-status' meanwhile), but not
      // for steps whose readers see the same answers during them (drop-row-terms: a 100,000-article
      // store's rows rewritten one by one).
      'get-digest': async () => {
        await upkeep.whenReadable();
        return digest.current();
      },
      'store-status': async () => upkeep.status(),
    },
    { extensionId: api.runtime.id, extensionOrigin: api.runtime.getURL('/') },
  );

  const onMenuClick = (info: MenuClick, tab: MenuTab | undefined) => handleMenuClick(menus, info, tab);

  return {
    store,
    deps,
    digest,
    retention,
    reactions,
    feeds,
    upkeep,
    omnibox,
    onMessage,
    onMenuClick,
    /** Context-menu items persist: made on install and browser start only. */
    createMenus: () => createMenus(api.contextMenus),
    onTabUpdated: (tabId: number, change: { url?: string | undefined; status?: string | undefined }, tab: { url?: string | undefined }): void => {
      if (change.url !== undefined) void handleTabUrlChange(deps, tabId, change.url);
      if (change.status === 'complete') void handleTabShown(deps, tabId, tab.url);
    },
    onTabActivated: ({ tabId }: { tabId: number }): void => void handleTabShown(deps, tabId, undefined),
    onTabRemoved: (tabId: number): void => {
      deps.views?.forget(tabId);
      void deps.tabs.remove(tabId);
    },
    onAlarm: async (alarm: { name: string }): Promise<void> => {
      if (alarm.name === FEED_ALARM) await feeds.refreshDue();
      // Its deletions are store events: the digest and badges follow from those.
      if (alarm.name === RETENTION_ALARM) await retention.run('daily').catch(() => null);
      if (alarm.name === UPKEEP_ALARM) await upkeepThenResume();
    },
    onStorageChanged: async (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string): Promise<void> => {
      const settings = changes[SETTINGS_KEY];
      if (area === 'local' && settings !== undefined && retentionChanged(settings.oldValue, settings.newValue)) await retention.run('settings').catch(() => null);
    },
    onOmniboxInput: (text: string, suggest: (suggestions: { content: string; description: string }[]) => void): void => {
      void omnibox.suggest(text).then((suggestions) => suggestions !== null && suggest(suggestions));
    },
    onOmniboxEnter: (text: string, disposition: Disposition): void => void omnibox.enter(text, disposition),
    /** What each start of the worker does once its listeners are registered; resolves when done. */
    start: async (): Promise<void> => {
      watchNeverCheckList(deps.tabs);
      await Promise.allSettled([
        upkeepThenResume(),
        ensureRetentionAlarm(),
        // Feeds left due (a refresh cut short, a lost alarm) get their turn.
        feeds.reschedule(),
        api.omnibox.setDefaultSuggestion({ description: defaultSuggestion(currentBrowser.omniboxMarkup) }),
      ]);
    },
  };
}

export type Background = ReturnType<typeof createBackground>;

/** Registers every listener (synchronously: the browser wakes the worker for the event that is
 * waiting, and only listeners added in the first turn receive it), then starts the managers. */
export function registerBackground(api: WxtBrowser, background: Background): Promise<void> {
  api.runtime.onMessage.addListener(background.onMessage);
  api.tabs.onUpdated.addListener(background.onTabUpdated);
  api.tabs.onActivated.addListener(background.onTabActivated);
  api.tabs.onRemoved.addListener(background.onTabRemoved);
  api.alarms.onAlarm.addListener((alarm) => void background.onAlarm(alarm));
  api.storage.onChanged.addListener((changes, area) => void background.onStorageChanged(changes, area));
  api.runtime.onInstalled.addListener(() => void background.createMenus());
  api.runtime.onStartup.addListener(() => void background.createMenus());
  api.contextMenus.onClicked.addListener((info, tab) => void background.onMenuClick(info, tab));
  api.omnibox.onInputChanged.addListener(background.onOmniboxInput);
  api.omnibox.onInputEntered.addListener(background.onOmniboxEnter);
  return background.start();
}
