import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ImportProgress, ImportReport } from '../../ingest/import-files';
import type { Settings } from '../../settings/settings';
import { formatCount, fullDate } from '../format';
import { ImportPanel } from './ImportPanel';

export interface StoreSummary {
  articles: number;
  lastFilledAt?: number | undefined;
}

export interface OptionsProps {
  runImport: (files: File[], onProgress: (progress: ImportProgress) => void) => Promise<ImportReport>;
  loadSummary: () => Promise<StoreSummary>;
  loadSettings: () => Promise<Settings>;
  saveSettings: (patch: Partial<Settings>) => Promise<Settings>;
}

export function OptionsApp({ runImport, loadSummary, loadSettings, saveSettings }: OptionsProps) {
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

  return (
    <div class="options">
      <header class="options-header">
        <h1>Rest of the Story</h1>
        <p class="muted">Other coverage of what you read, from a store that stays on this computer.</p>
      </header>
      <main>
        <ImportPanel runImport={importAndRefresh} />
        <section class="card" aria-labelledby="store-heading">
          <h2 id="store-heading">Your store</h2>
          {summary === null ? (
            <p class="muted">Counting…</p>
          ) : (
            <p data-testid="store-summary">
              <strong>{formatCount(summary.articles)}</strong> articles stored
              {summary.lastFilledAt !== undefined && <span class="muted"> · last filled {fullDate(summary.lastFilledAt)}</span>}
            </p>
          )}
        </section>
        {settings !== null && (
          <section class="card" aria-labelledby="settings-heading">
            <h2 id="settings-heading">Settings</h2>
            <Toggle
              label="Remember the articles I read"
              hint="They are stored here like imported news, so they count as coverage and show in your digest."
              checked={settings.rememberReadArticles}
              onChange={(value) => void saveSettings({ rememberReadArticles: value }).then(setSettings)}
            />
            <Toggle
              label="Show thumbnails"
              hint="Loads each image from the publisher's server, which then sees a request from you. Off: letter tiles, no requests."
              checked={settings.showThumbnails}
              onChange={(value) => void saveSettings({ showThumbnails: value }).then(setSettings)}
            />
          </section>
        )}
        <section class="card" aria-labelledby="privacy-heading">
          <h2 id="privacy-heading">What is stored, and where</h2>
          <p>
            Articles you import, feed items you subscribe to and — if you allow it above — the articles you read are kept in this browser's local database.
            Looking up related coverage happens entirely on this computer: no server of ours exists, and what you read never leaves your machine. The only
            network requests the extension makes are the feed refreshes you ask for (and thumbnails, if you turn them on).
          </p>
        </section>
      </main>
    </div>
  );
}

function Toggle({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label class="toggle">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />
      <span>
        <span class="toggle-label">{label}</span>
        <span class="toggle-hint muted">{hint}</span>
      </span>
    </label>
  );
}
