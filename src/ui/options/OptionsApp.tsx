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
import { contentChanged, type StoreChange } from '../../store/events';
import { useAsync } from '../use-async';

export type { StoreApi, StoreSummary };

export interface OptionsProps {
  runImport: (files: File[], onProgress: (progress: ImportProgress) => void) => Promise<ImportReport>;
  loadSummary: () => Promise<StoreSummary>;
  /** Hears every store change, this page's and other contexts' (see src/store/events); returns the way to stop. */
  watchStore: (listener: (change: StoreChange) => void) => () => void;
  loadSettings: () => Promise<Settings>;
  saveSettings: (patch: Partial<Settings>) => Promise<Settings>;
  feeds: FeedsApi;
  store: StoreApi;
  upkeep: UpkeepApi;
}

/** The options page: one panel per concern. */
export function OptionsApp({ runImport, loadSummary, watchStore, loadSettings, saveSettings, feeds, store, upkeep }: OptionsProps) {
  const counted = useAsync(loadSummary, [loadSummary]);
  const summary = counted.state.phase === 'ready' ? counted.state.value : null;
  const countError = counted.state.phase === 'error' ? counted.state.message : null;
  const refresh = counted.reload;
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => void loadSettings().then(setSettings), [loadSettings]);

  // Whatever changed the articles — an import here, a feed refresh or pruning in the background,
  // a page read — the count follows.
  useEffect(() => watchStore((change) => contentChanged(change) && refresh()), [watchStore, refresh]);
  const deleteAll = useCallback(() => store.deleteAll(), [store]);

  return (
    <div class="options">
      <header class="options-header">
        <h1>Rest of the Story</h1>
        <p class="muted">Other coverage of what you read, from a store that stays on this computer.</p>
      </header>
      <main>
        <ImportPanel runImport={runImport} />
        <FeedsPanel api={feeds} watchStore={watchStore} />
        <StorePanel summary={summary} countError={countError} recount={refresh} deleteAll={deleteAll} />
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
