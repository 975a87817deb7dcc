import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { DIGEST_WORK, DigestManager } from '../src/background/digest-manager';
import { createMenus, handleMenuClick, type MenuClick, type MenuDeps, type MenuTab } from '../src/background/context-menus';
import { FEED_ALARM, scheduleFeedAlarm } from '../src/background/feed-alarm';
import { FEED_REFRESH_WORK, FeedRefresher } from '../src/background/feed-refresher';
import { createMessageListener } from '../src/background/messenger';
import { readLinkText } from '../src/background/link-text';
import { forgetSites, watchNeverCheckList } from '../src/background/never-check';
import { defaultSuggestion, OmniboxSearch, type Disposition } from '../src/background/omnibox';
import { handlePageReport, handleTabShown, handleTabUrlChange, refreshAllBadges, refreshBadge, type BackgroundDeps } from '../src/background/page-reports';
import { ensureRetentionAlarm, RETENTION_ALARM, RETENTION_WORK, RetentionManager, retentionChanged } from '../src/background/retention';
import { StoreUpkeep, UPKEEP_ALARM } from '../src/background/store-upkeep';
import { buildTabView } from '../src/background/tab-views';
import { TabViewMemo } from '../src/background/tab-view-memo';
import { TabStates } from '../src/background/tab-states';
import { originPattern } from '../src/feeds/permissions';
import { currentBrowser } from '../src/platform/browser';
import type { RetentionReason } from '../src/retention/report';
import { saveRetentionReport } from '../src/retention/report';
import { loadSettings, SETTINGS_KEY } from '../src/settings/settings';
import { ArticleStore, FeedStore } from '../src/store';

/** e2e build only: tests hold the worker at a named point (to stop it there); zero elsewhere. */
const testPauses: Record<string, number> = {};
/** The points where this worker was held (tests stop it only once it is). */
const testPausedAt: string[] = [];
async function testPause(point: string): Promise<void> {
  if (import.meta.env.MODE !== 'e2e') return;
  const ms = testPauses[point] ?? 0;
  if (ms <= 0) return;
  testPausedAt.push(point);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export default defineBackground(() => {
  const deps: BackgroundDeps = { store: new ArticleStore(), tabs: new TabStates(), views: new TabViewMemo() };
  const digest = new DigestManager(deps.store);
  const retention = new RetentionManager({
    store: deps.store,
    loadSettings,
    saveReport: saveRetentionReport,
    // Any extension API call resets the worker's idle timer: a long prune is not cut short.
    betweenBatches: async () => {
      await testPause('prune-batch');
      await browser.runtime.getPlatformInfo();
    },
  });
  /** The store gained or lost articles: apply retention, then every badge is counted again. */
  const afterStoreChange = async (reason: RetentionReason): Promise<void> => {
    await retention.run(reason).catch(() => null);
    digest.scheduleRebuild();
    await refreshAllBadges(deps);
  };
  const prune = async (reason: RetentionReason): Promise<void> => {
    const report = await retention.run(reason).catch(() => null);
    if (report === null || report.deleted === 0) return;
    digest.scheduleRebuild();
    await refreshAllBadges(deps);
  };
  // The store first: an upgrade's data steps (resumed where a stopped worker left them), then the
  // work a stopped worker left unfinished (a prune, a digest rebuild).
  const upkeep = new StoreUpkeep({
    store: deps.store,
    // A batch is one transaction: big enough to be fast, small enough that a stop loses little.
    batchSize: 2_000,
    keepAlive: async () => {
      await testPause('upgrade-batch');
      await browser.runtime.getPlatformInfo();
    },
    setAlarm: async (on) => {
      if (on) await browser.alarms.create(UPKEEP_ALARM, { periodInMinutes: 1 });
      else await browser.alarms.clear(UPKEEP_ALARM);
    },
    onFinished: async () => {
      digest.scheduleRebuild(0);
      await refreshAllBadges(deps);
    },
  });
  const resumeWork = async (): Promise<void> => {
    const work = await deps.store.pendingWork();
    if (work.has(RETENTION_WORK)) await prune('resumed');
    if (work.has(DIGEST_WORK)) await digest.rebuild();
    for (const [key, ids] of work) {
      if (key.startsWith(FEED_REFRESH_WORK) && Array.isArray(ids)) await feeds.resumeInterrupted(key, ids.filter((id): id is string => typeof id === 'string'));
    }
  };
  void upkeep.run().then(() => resumeWork()).catch(() => undefined);
  const feeds = new FeedRefresher({
    feeds: new FeedStore(deps.store),
    hasPermission: async (url) => {
      const origin = originPattern(url);
      return origin !== undefined && browser.permissions.contains({ origins: [origin] });
    },
    schedule: (when) => scheduleFeedAlarm(when),
    onArticlesChanged: () => afterStoreChange('feeds'),
    work: { mark: (key, ids) => deps.store.markWork(key, ids), clear: (key) => deps.store.clearWork(key) },
  });

  browser.runtime.onMessage.addListener(
    createMessageListener(
      {
        'page-report': async (report, sender) => {
          await testPause('page-report');
          if (sender.tabId !== undefined) await handlePageReport(deps, sender.tabId, report);
          // A read article can change "stories you read": rebuild, but not on every page.
          if (report.page !== null) digest.scheduleRebuild(15_000);
          return { ok: true };
        },
        'get-tab-view': (request) => buildTabView(deps.store, deps.tabs, request.tabId, deps.views),
        'store-changed': async () => {
          await afterStoreChange('store');
          return { ok: true };
        },
        'feeds-list': async () => ({ feeds: await feeds.list() }),
        'feed-subscribe': async (request) => ({ results: await feeds.subscribe(request.feeds, request.discover) }),
        'feed-update': async (request) => ({ ok: await feeds.update(request.id, request) }),
        'feed-unsubscribe': (request) => feeds.unsubscribe(request.id, request.removeArticles),
        'feed-refresh': async (request) => ({ results: await feeds.refreshNow(request.ids) }),
        // During an upgrade the digest waits for it (the page shows 'store-status' meanwhile).
        'get-digest': async () => {
          await upkeep.whenReady();
          return digest.current();
        },
        'store-status': async () => upkeep.status(),
      },
      { extensionId: browser.runtime.id, extensionOrigin: new URL(browser.runtime.getURL('/popup.html')).origin + '/' },
    ),
  );

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url !== undefined) void handleTabUrlChange(deps, tabId, change.url);
    if (change.status === 'complete') void handleTabShown(deps, tabId, tab.url);
  });
  browser.tabs.onActivated.addListener(({ tabId }) => void handleTabShown(deps, tabId, undefined));
  browser.tabs.onRemoved.addListener((tabId) => {
    deps.views?.forget(tabId);
    void deps.tabs.remove(tabId);
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FEED_ALARM) void feeds.refreshDue();
    if (alarm.name === RETENTION_ALARM) void prune('daily');
    if (alarm.name === UPKEEP_ALARM) void upkeep.run().then(() => resumeWork());
  });
  browser.storage.onChanged.addListener((changes, area) => {
    const settings = changes[SETTINGS_KEY];
    if (area === 'local' && settings !== undefined && retentionChanged(settings.oldValue, settings.newValue)) void prune('settings');
  });
  void ensureRetentionAlarm();
  // Each start of the worker: feeds left due (a refresh cut short, a lost alarm) get their turn.
  void feeds.reschedule();

  // Context menu: items persist, so they are made on install and browser start only.
  const menus: MenuDeps = {
    store: deps.store,
    tabs: deps.tabs,
    openPopup: (windowId) => browser.action.openPopup({ windowId }),
    openPage: async (path, tab) => {
      const nextTo = tab === undefined ? {} : { index: tab.index + 1, windowId: tab.windowId, ...(tab.id === undefined ? {} : { openerTabId: tab.id }) };
      await browser.tabs.create({ url: browser.runtime.getURL(path), ...nextTo });
    },
    readLinkText,
    refreshTab: (tabId) => refreshBadge(deps, tabId),
    forgetSite: async (site) => void (await forgetSites(deps.tabs, [site])),
  };
  browser.runtime.onInstalled.addListener(() => void createMenus(browser.contextMenus));
  browser.runtime.onStartup.addListener(() => void createMenus(browser.contextMenus));
  const onMenuClick = (info: MenuClick, tab: MenuTab | undefined) => handleMenuClick(menus, info, tab);
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));
  watchNeverCheckList(deps.tabs);

  // Omnibox keyword "rc" (manifest): suggestions from the store as the user types.
  const omnibox = new OmniboxSearch({
    store: deps.store,
    pageUrl: (path) => browser.runtime.getURL(path),
    open: async (url: string, disposition: Disposition) => {
      if (disposition === 'currentTab') await browser.tabs.update({ url });
      else await browser.tabs.create({ url, active: disposition === 'newForegroundTab' });
    },
    markup: currentBrowser.omniboxMarkup,
  });
  void browser.omnibox.setDefaultSuggestion({ description: defaultSuggestion(currentBrowser.omniboxMarkup) });
  browser.omnibox.onInputChanged.addListener((text, suggest) => {
    void omnibox.suggest(text).then((suggestions) => suggestions !== null && suggest(suggestions));
  });
  browser.omnibox.onInputEntered.addListener((text, disposition) => void omnibox.enter(text, disposition));

  // e2e build only: menus cannot be clicked headless, so the tests dispatch clicks here.
  if (import.meta.env.MODE === 'e2e') Object.assign(globalThis, { rotsTest: { menuClick: onMenuClick, omnibox, store: deps.store, upkeep, pauses: testPauses, pausedAt: testPausedAt } });
});
