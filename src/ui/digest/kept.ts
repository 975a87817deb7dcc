/**
 * What the new-tab page keeps for itself between openings (in the extension's localStorage,
 * which extension pages can read synchronously): the last digest and the page settings, so the
 * next new tab paints at once. Only ever a copy: the store and settings are the truth.
 */
import type { Digest } from '../../digest/digest';
import type { DigestMode } from '../../settings/settings';

const DIGEST_KEY = 'rots:digest';
const SETTINGS_KEY = 'rots:newtab-settings';

export interface PageSettings {
  digestMode: DigestMode;
  showThumbnails: boolean;
}

export function readKeptDigest(): Digest | null {
  try {
    const value = JSON.parse(localStorage.getItem(DIGEST_KEY) ?? 'null') as unknown;
    return isDigest(value) ? value : null;
  } catch {
    return null;
  }
}

export function keepDigest(digest: Digest): void {
  try {
    localStorage.setItem(DIGEST_KEY, JSON.stringify(digest));
  } catch {
    // Storage full or unavailable: the next tab reads the store instead.
  }
}

export function readKeptPageSettings(): PageSettings {
  try {
    const value = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null') as Partial<PageSettings> | null;
    return { digestMode: value?.digestMode === 'minimal' ? 'minimal' : 'full', showThumbnails: value?.showThumbnails === true };
  } catch {
    return { digestMode: 'full', showThumbnails: false };
  }
}

export function keepPageSettings(settings: PageSettings): void {
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // As above.
  }
}

function isDigest(value: unknown): value is Digest {
  if (value === null || typeof value !== 'object') return false;
  const d = value as Partial<Digest>;
  return d.version === 1 && typeof d.articles === 'number' && Array.isArray(d.today) && Array.isArray(d.week) && Array.isArray(d.readUpdates);
}
