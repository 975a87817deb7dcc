/**
 * "Never check this site" in the background: reports from listed sites are dropped (the content
 * script already stays quiet there; this covers pages that reported before the site was listed,
 * and scripts of an older version), and a site newly listed loses what its tabs reported and
 * their badges.
 */
import { browser } from 'wxt/browser';
import { loadSettings, parseSettings, SETTINGS_KEY } from '../settings/settings';
import { isNeverChecked } from '../settings/never-check';
import { showRelatedCount } from './badge';
import type { TabStates } from './tab-states';

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** True (and the tab forgotten, its badge cleared) when `url` is on a listed site. */
export async function dropIfNeverChecked(tabs: TabStates, tabId: number, url: string): Promise<boolean> {
  if (!isNeverChecked(hostOf(url), (await loadSettings()).neverCheckSites)) return false;
  await tabs.remove(tabId);
  await showRelatedCount(tabId, 0);
  return true;
}

/** Forgets every tab showing a page of these sites, and clears their badges. */
export async function forgetSites(tabs: TabStates, sites: readonly string[]): Promise<number[]> {
  const forgotten: number[] = [];
  for (const tabId of await tabs.tabIds()) {
    const state = await tabs.get(tabId);
    if (state === undefined || !isNeverChecked(hostOf(state.url), sites)) continue;
    await tabs.remove(tabId);
    await showRelatedCount(tabId, 0);
    forgotten.push(tabId);
  }
  return forgotten;
}

/** Sites added to the list by any page (the options page, the context menu): forget their tabs. */
export function watchNeverCheckList(tabs: TabStates): void {
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[SETTINGS_KEY];
    if (area !== 'local' || change === undefined) return;
    const before = new Set(parseSettings(change.oldValue).neverCheckSites);
    const added = parseSettings(change.newValue).neverCheckSites.filter((site) => !before.has(site));
    if (added.length > 0) void forgetSites(tabs, added);
  });
}
