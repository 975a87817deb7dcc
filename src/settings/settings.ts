/** User settings: typed, with defaults, kept in extension storage (never synced off the machine). */
import { browser } from 'wxt/browser';
import { isSiteName } from './never-check';

export type RetentionMode = 'off' | 'days' | 'count';
export type DigestMode = 'full' | 'minimal';

export interface Settings {
  /** Store the articles the user reads, so they count as coverage and show in the digest. */
  rememberReadArticles: boolean;
  /** Load thumbnails from publishers' servers (a network request per image: off by default). */
  showThumbnails: boolean;
  /** Sites (host names, e.g. "example.com", covering their subdomains) the content script leaves alone. */
  neverCheckSites: string[];
  /** The new tab: the digest of stories, or a quiet page with search and clock. */
  digestMode: DigestMode;
  /** What the store keeps: everything, the last `retentionDays` days, or the newest `retentionCount` articles. */
  retentionMode: RetentionMode;
  retentionDays: number;
  retentionCount: number;
}

export const DEFAULT_SETTINGS: Settings = {
  rememberReadArticles: true,
  showThumbnails: false,
  neverCheckSites: [],
  digestMode: 'full',
  retentionMode: 'off',
  retentionDays: 90,
  retentionCount: 100_000,
};

const KEY = 'settings';

/** Reads stored settings, keeping only values of the right type and range (defaults otherwise). */
export function parseSettings(value: unknown): Settings {
  const raw = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const bool = (key: 'rememberReadArticles' | 'showThumbnails'): boolean => (typeof raw[key] === 'boolean' ? (raw[key] as boolean) : DEFAULT_SETTINGS[key]);
  const int = (key: 'retentionDays' | 'retentionCount', min: number, max: number): number => {
    const v = raw[key];
    return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : DEFAULT_SETTINGS[key];
  };
  return {
    rememberReadArticles: bool('rememberReadArticles'),
    showThumbnails: bool('showThumbnails'),
    neverCheckSites: Array.isArray(raw.neverCheckSites)
      ? [...new Set(raw.neverCheckSites.filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase()).filter(isSiteName))].slice(0, 1000)
      : [],
    digestMode: raw.digestMode === 'minimal' ? 'minimal' : 'full',
    retentionMode: raw.retentionMode === 'days' || raw.retentionMode === 'count' ? raw.retentionMode : 'off',
    retentionDays: int('retentionDays', 1, 36_500),
    retentionCount: int('retentionCount', 100, 10_000_000),
  };
}

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return parseSettings(stored[KEY]);
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = parseSettings({ ...(await loadSettings()), ...patch });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

/** The storage key, for listeners that react to changes (storage.onChanged). */
export const SETTINGS_KEY = KEY;
