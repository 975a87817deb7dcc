import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ImportProgress, ImportReport } from '../../ingest/import-files';
import type { Settings } from '../../settings/settings';
import { FeedsPanel, type FeedsApi } from './FeedsPanel';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { NeverCheckPanel } from './NeverCheckPanel';
import { PrivacyPanel } from './PrivacyPanel';
import { RetentionPanel } from './RetentionPanel';
import { SettingsPanel } from './SettingsPanel';
import { StorePanel, type StoreSummary } from './StorePanel';
import { UpkeepPanel, type UpkeepApi } from './UpkeepPanel';
import type { StoreApi } from './store-api';

export type { StoreApi, StoreSummary };

export interface OptionsProps {
  runImport: (files: File[], onProgress: (progress: ImportProgress) => void) => Promise<ImportReport>;
  loadSummary: () => Promise<StoreSummary>;
  loadSettings: () => Promise<Settings>;
  saveSettings: (patch: Partial<Settings>) => Promise<Settings>;
  feeds: FeedsApi;
  store: StoreApi;
  upkeep: UpkeepApi;
}

/** The options page: one panel per concern. */
export function OptionsApp({ runImport, loadSummary, loadSettings, saveSettings, feeds, store, upkeep }: OptionsProps) {
  const [summary, setSummary] = useState<StoreSummary | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const refresh = useCallback(() => void loadSummary().then(setSummary), [loadSummary]);
  useEffect(() => {
    refresh();
    void loadSettings().then(setSettings);
  }, [refresh, loadSettings]);

  const importAndRefresh = useCallback(
    async (files: File[], onProgress: (progress: ImportProgress) => void) => {
      try {
        return await runImport(files, onProgress);
      } finally {
        refresh();
      }
    },
    [runImport, refresh],
  );
  const deleteAll = useCallback(async () => {
    try {
      await store.deleteAll();
    } finally {
      refresh();
    }
  }, [store, refresh]);
  // Pruning runs in the background (after imports, feed refreshes, a new setting): recount after each.
  useEffect(() => store.watchRetentionReport(refresh), [store, refresh]);

  return (
    <div class="options">
      <header class="options-header">
        <h1>Rest of the Story</h1>
        <p class="muted">Other coverage of what you read, from a store that stays on this computer.</p>
      </header>
      <main>
        <ImportPanel runImport={importAndRefresh} />
        <FeedsPanel api={feeds} onStoreChanged={refresh} />
        <StorePanel summary={summary} deleteAll={deleteAll} />
        <ExportPanel api={store} />
        <UpkeepPanel api={upkeep} />
        {settings !== null && <RetentionPanel settings={settings} saveSettings={saveSettings} onSaved={setSettings} api={store} />}
        {settings !== null && <SettingsPanel settings={settings} saveSettings={saveSettings} onSaved={setSettings} />}
        {settings !== null && <NeverCheckPanel sites={settings.neverCheckSites} saveSettings={saveSettings} onSaved={setSettings} />}
        <PrivacyPanel />
      </main>
    </div>
  );
}
