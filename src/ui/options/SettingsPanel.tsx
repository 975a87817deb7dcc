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
