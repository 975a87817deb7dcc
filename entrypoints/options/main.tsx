import { render } from 'preact';
import { browser } from 'wxt/browser';
import { loadCatalog, restoreDefaultCatalog, saveCatalog } from '../../src/feeds/catalog';
import { originPatterns } from '../../src/feeds/permissions';
import { exportStore } from '../../src/export/export-store';
import { importFiles } from '../../src/ingest/import-files';
import { sendRequest } from '../../src/messaging/client';
import { planPrune } from '../../src/retention/prune';
import { loadRetentionReport, watchRetentionReport } from '../../src/retention/report';
import { loadSettings, saveSettings } from '../../src/settings/settings';
import { ArticleStore } from '../../src/store';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import '../../src/ui/theme.css';
import '../../src/ui/options/options.css';
import '../../src/ui/options/feeds.css';

const store = new ArticleStore();

render(
  <OptionsApp
    runImport={async (files, onProgress) => {
      const report = await importFiles(store, files, { onProgress });
      await sendRequest({ type: 'store-changed' }).catch(() => undefined);
      return report;
    }}
    loadSummary={async () => ({ articles: await store.countArticles(), lastFilledAt: await store.lastFilledAt() })}
    loadSettings={loadSettings}
    saveSettings={saveSettings}
    feeds={{
      list: async () => (await sendRequest({ type: 'feeds-list' })).feeds,
      // Called synchronously from a click: the permission prompt needs the user's gesture.
      requestAccess: (urls) => browser.permissions.request({ origins: originPatterns(urls) }),
      subscribe: async (feeds, discover) => (await sendRequest({ type: 'feed-subscribe', feeds, discover })).results,
      update: async (id, change) => (await sendRequest({ type: 'feed-update', id, ...change })).ok,
      unsubscribe: (id, removeArticles) => sendRequest({ type: 'feed-unsubscribe', id, removeArticles }),
      refresh: async (ids) => (await sendRequest({ type: 'feed-refresh', ids })).results,
      loadCatalog,
      saveCatalog,
      restoreCatalog: restoreDefaultCatalog,
    }}
    store={{
      exportStore: (format, onProgress) => exportStore(store, { format, onProgress }),
      deleteAll: async () => {
        await store.clear();
        await sendRequest({ type: 'store-changed' }).catch(() => undefined);
      },
      previewRetention: async (policy) => {
        const plan = await planPrune(store, policy);
        return { deletes: plan.ids.length, keptRead: plan.keptRead };
      },
      loadRetentionReport,
      watchRetentionReport,
    }}
    upkeep={{
      storeStatus: () => sendRequest({ type: 'store-status' }),
      checkAndRepair: async () => {
        const report = await store.check({ repair: true });
        // Repairs change rows: the background counts badges and rebuilds the digest again.
        if (report.results.some((r) => r.fixed > 0)) await sendRequest({ type: 'store-changed' }).catch(() => undefined);
        return report;
      },
    }}
  />,
  document.getElementById('app')!,
);
