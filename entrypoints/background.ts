import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createMessageListener } from '../src/background/messenger';
import { handlePageReport, handleTabUrlChange, refreshAllBadges, type BackgroundDeps } from '../src/background/page-reports';
import { buildTabView } from '../src/background/tab-views';
import { TabStates } from '../src/background/tab-states';
import { ArticleStore } from '../src/store';

export default defineBackground(() => {
  const deps: BackgroundDeps = { store: new ArticleStore(), tabs: new TabStates() };

  browser.runtime.onMessage.addListener(
    createMessageListener(
      {
        'page-report': async (report, sender) => {
          if (sender.tabId !== undefined) await handlePageReport(deps, sender.tabId, report);
          return { ok: true };
        },
        'get-tab-view': (request) => buildTabView(deps.store, deps.tabs, request.tabId),
        'store-changed': async () => {
          await refreshAllBadges(deps);
          return { ok: true };
        },
      },
      { extensionId: browser.runtime.id, extensionOrigin: new URL(browser.runtime.getURL('/popup.html')).origin + '/' },
    ),
  );

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined) void handleTabUrlChange(deps, tabId, change.url);
  });
  browser.tabs.onRemoved.addListener((tabId) => void deps.tabs.remove(tabId));
});
