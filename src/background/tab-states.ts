/**
 * What each tab's content script last reported. Kept in session storage as well as memory,
 * because the service worker is stopped when idle and must still answer the popup afterwards.
 */
import { browser } from 'wxt/browser';
import { parseDetectedPage } from '../messaging/protocol';
import type { DetectedPage } from '../detect/page';

export interface TabState {
  url: string;
  page: DetectedPage | null;
}

const KEY_PREFIX = 'tab:';

export class TabStates {
  private readonly cache = new Map<number, TabState>();

  async get(tabId: number): Promise<TabState | undefined> {
    const cached = this.cache.get(tabId);
    if (cached !== undefined) return cached;
    const key = KEY_PREFIX + tabId;
    const stored = (await browser.storage.session.get(key))[key] as { url?: unknown; page?: unknown } | undefined;
    if (stored === undefined || typeof stored.url !== 'string') return undefined;
    const state: TabState = { url: stored.url, page: stored.page === null ? null : parseDetectedPage(stored.page) };
    this.cache.set(tabId, state);
    return state;
  }

  async set(tabId: number, state: TabState): Promise<void> {
    this.cache.set(tabId, state);
    await browser.storage.session.set({ [KEY_PREFIX + tabId]: state });
  }

  async remove(tabId: number): Promise<void> {
    this.cache.delete(tabId);
    await browser.storage.session.remove(KEY_PREFIX + tabId);
  }

  /** Tab ids with a known state (from memory and session storage). */
  async tabIds(): Promise<number[]> {
    const all = await browser.storage.session.get(null);
    const ids = new Set(this.cache.keys());
    for (const key of Object.keys(all)) if (key.startsWith(KEY_PREFIX)) ids.add(Number(key.slice(KEY_PREFIX.length)));
    return [...ids].filter(Number.isSafeInteger);
  }
}
