import { render } from 'preact';
import { importFiles } from '../../src/ingest/import-files';
import { sendRequest } from '../../src/messaging/client';
import { loadSettings, saveSettings } from '../../src/settings/settings';
import { ArticleStore } from '../../src/store';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import '../../src/ui/theme.css';
import '../../src/ui/options/options.css';

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
  />,
  document.getElementById('app')!,
);
