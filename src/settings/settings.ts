/** User settings: typed, with defaults, kept in extension storage (never synced off the machine). */
import { browser } from 'wxt/browser';

export interface Settings {
  /** Store the articles the user reads, so they count as coverage and show in the digest. */
  rememberReadArticles: boolean;
  /** Load thumbnails from publishers' servers (a network request per image: off by default). */
  showThumbnails: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  rememberReadArticles: true,
  showThumbnails: false,
};

const KEY = 'settings';

export function parseSettings(value: unknown): Settings {
  const raw = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (typeof raw[key] === typeof DEFAULT_SETTINGS[key]) (settings as unknown as Record<string, unknown>)[key] = raw[key];
  }
  return settings;
}

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return parseSettings(stored[KEY]);
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings()), ...patch };
  await browser.storage.local.set({ [KEY]: next });
  return next;
}
