import type { Settings } from '../../settings/settings';

interface Props {
  settings: Settings;
  saveSettings: (patch: Partial<Settings>) => Promise<Settings>;
  onSaved: (settings: Settings) => void;
}

/** The user's choices about what is stored and loaded. */
export function SettingsPanel({ settings, saveSettings, onSaved }: Props) {
  return (
    <section class="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <Toggle
        label="Remember the articles I read"
        hint="They are stored here like imported news, so they count as coverage and show in your digest."
        checked={settings.rememberReadArticles}
        onChange={(value) => void saveSettings({ rememberReadArticles: value }).then(onSaved)}
      />
      <Toggle
        label="Show thumbnails"
        hint="Loads each image from the publisher's server, which then sees a request from you. Off: letter tiles, no requests."
        checked={settings.showThumbnails}
        onChange={(value) => void saveSettings({ showThumbnails: value }).then(onSaved)}
      />
      <fieldset class="choices">
        <legend>New tab page</legend>
        <label class="choice">
          <input type="radio" name="digest-mode" value="full" checked={settings.digestMode === 'full'} onChange={() => void saveSettings({ digestMode: 'full' }).then(onSaved)} />
          <span>
            <span class="toggle-label">Digest of your stories</span>
            <span class="toggle-hint muted">Today's and this week's top stories from your store, grouped by topic, with a search box.</span>
          </span>
        </label>
        <label class="choice">
          <input type="radio" name="digest-mode" value="minimal" checked={settings.digestMode === 'minimal'} onChange={() => void saveSettings({ digestMode: 'minimal' }).then(onSaved)} />
          <span>
            <span class="toggle-label">A quiet page</span>
            <span class="toggle-hint muted">Only a search box over your store and a clock.</span>
          </span>
        </label>
      </fieldset>
    </section>
  );
}

export function Toggle({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange: (value: boolean) => void }) {
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
