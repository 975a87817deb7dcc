import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { FEED_ALARM, scheduleFeedAlarm } from '../src/background/feed-alarm';
import { FeedRefresher } from '../src/background/feed-refresher';
import { createMessageListener } from '../src/background/messenger';
import { handlePageReport, handleTabShown, handleTabUrlChange, refreshAllBadges, type BackgroundDeps } from '../src/background/page-reports';
import { ensureRetentionAlarm, RETENTION_ALARM, RetentionManager, retentionChanged } from '../src/background/retention';
import { buildTabView } from '../src/background/tab-views';
import { TabStates } from '../src/background/tab-states';
import { originPattern } from '../src/feeds/permissions';
import type { RetentionReason } from '../src/retention/report';
import { saveRetentionReport } from '../src/retention/report';
import { loadSettings, SETTINGS_KEY } from '../src/settings/settings';
import { ArticleStore, FeedStore } from '../src/store';

export default defineBackground(() => {
  const deps: BackgroundDeps = { store: new ArticleStore(), tabs: new TabStates() };
  const retention = new RetentionManager({
    store: deps.store,
    loadSettings,
    saveReport: saveRetentionReport,
    // Any extension API call resets the worker's idle timer: a long prune is not cut short.
    betweenBatches: async () => void (await browser.runtime.getPlatformInfo()),
  });
  /** The store gained or lost articles: apply retention, then every badge is counted again. */
  const afterStoreChange = async (reason: RetentionReason): Promise<void> => {
    await retention.run(reason).catch(() => null);
    await refreshAllBadges(deps);
  };
  const prune = async (reason: RetentionReason): Promise<void> => {
    const report = await retention.run(reason).catch(() => null);
    if (report !== null && report.deleted > 0) await refreshAllBadges(deps);
  };
  const feeds = new FeedRefresher({
    feeds: new FeedStore(deps.store),
    hasPermission: async (url) => {
      const origin = originPattern(url);
      return origin !== undefined && browser.permissions.contains({ origins: [origin] });
    },
    schedule: (when) => scheduleFeedAlarm(when),
    onArticlesChanged: () => afterStoreChange('feeds'),
  });

  browser.runtime.onMessage.addListener(
    createMessageListener(
      {
        'page-report': async (report, sender) => {
          if (sender.tabId !== undefined) await handlePageReport(deps, sender.tabId, report);
          return { ok: true };
        },
        'get-tab-view': (request) => buildTabView(deps.store, deps.tabs, request.tabId),
        'store-changed': async () => {
          await afterStoreChange('store');
          return { ok: true };
        },
        'feeds-list': async () => ({ feeds: await feeds.list() }),
        'feed-subscribe': async (request) => ({ results: await feeds.subscribe(request.feeds, request.discover) }),
        'feed-update': async (request) => ({ ok: await feeds.update(request.id, request) }),
        'feed-unsubscribe': (request) => feeds.unsubscribe(request.id, request.removeArticles),
        'feed-refresh': async (request) => ({ results: await feeds.refreshNow(request.ids) }),
      },
      { extensionId: browser.runtime.id, extensionOrigin: new URL(browser.runtime.getURL('/popup.html')).origin + '/' },
    ),
  );

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url !== undefined) void handleTabUrlChange(deps, tabId, change.url);
    if (change.status === 'complete') void handleTabShown(deps, tabId, tab.url);
  });
  browser.tabs.onActivated.addListener(({ tabId }) => void handleTabShown(deps, tabId, undefined));
  browser.tabs.onRemoved.addListener((tabId) => void deps.tabs.remove(tabId));

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FEED_ALARM) void feeds.refreshDue();
    if (alarm.name === RETENTION_ALARM) void prune('daily');
  });
  browser.storage.onChanged.addListener((changes, area) => {
    const settings = changes[SETTINGS_KEY];
    if (area === 'local' && settings !== undefined && retentionChanged(settings.oldValue, settings.newValue)) void prune('settings');
  });
  void ensureRetentionAlarm();
  // Each start of the worker: feeds left due (a refresh cut short, a lost alarm) get their turn.
  void feeds.reschedule();
});
