import { render } from 'preact';
import { browser } from 'wxt/browser';
import { loadCatalog, restoreDefaultCatalog, saveCatalog } from '../../src/feeds/catalog';
import { originPatterns } from '../../src/feeds/permissions';
import { exportStore } from '../../src/export/export-store';
import { importInWorker } from '../../src/import-worker/client';
import { importFiles } from '../../src/ingest/import-files';
import { sendRequest } from '../../src/messaging/client';
import { pageStoreChannel } from '../../src/messaging/store-channel';
import { planPrune } from '../../src/retention/prune';
import { loadRetentionReport, watchRetentionReport } from '../../src/retention/report';
import { loadSettings, saveSettings } from '../../src/settings/settings';
import { ArticleStore } from '../../src/store';
import { feedsApi } from '../../src/ui/options/feeds-api';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import '../../src/ui/theme.css';
import '../../src/ui/options/options.css';
import '../../src/ui/options/feeds.css';

const store = new ArticleStore();
// This page's writes (imports, delete all) reach the background and other pages; theirs (feed
// refreshes, pruning, pages read) reach this page.
store.events.connect(pageStoreChannel(browser.runtime, new URL(browser.runtime.getURL('/options.html')).origin + '/'));

render(
  <OptionsApp
    runImport={(files, onProgress) =>
      // Off the page's main thread (src/import-worker); on the page only if no worker can start.
      // The worker's writes are announced from here, as the page's own would be.
      importInWorker(files, onProgress, () => importFiles(store, files, { onProgress }), (change) => store.events.announce(change))
    }
    loadSummary={async () => ({ articles: await store.countArticles(), lastFilledAt: await store.lastFilledAt() })}
    watchStore={(listener) => store.events.subscribe(listener)}
    loadSettings={loadSettings}
    saveSettings={saveSettings}
    feeds={feedsApi({
      send: sendRequest,
      // Called synchronously from a click: the permission prompt needs the user's gesture.
      requestAccess: (urls) => browser.permissions.request({ origins: originPatterns(urls) }),
      catalog: { load: loadCatalog, save: saveCatalog, restore: restoreDefaultCatalog },
    })}
    store={{
      exportStore: (format, onProgress) => exportStore(store, { format, onProgress }),
      deleteAll: () => store.clear(),
      previewRetention: async (policy) => {
        const plan = await planPrune(store, policy);
        return { deletes: plan.ids.length, keptRead: plan.keptRead };
      },
      loadRetentionReport,
      watchRetentionReport,
    }}
    upkeep={{
      storeStatus: () => sendRequest({ type: 'store-status' }),
      // What a repair changes is a store event (`why: 'upgrade'`): the background rebuilds the
      // digest and counts badges again, as after any write.
      checkAndRepair: () => store.check({ repair: true }),
    }}
  />,
  document.getElementById('app')!,
);
