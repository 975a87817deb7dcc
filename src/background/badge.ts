/** The toolbar badge: how many related articles the store holds for the tab's page. */
import { browser } from 'wxt/browser';

export async function showRelatedCount(tabId: number, count: number): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text: count > 0 ? (count > 99 ? '99+' : String(count)) : '' });
    if (count > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1f5fbf' });
  } catch {
    // The tab closed while we were working: nothing to show.
  }
}
