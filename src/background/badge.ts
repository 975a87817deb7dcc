/** The toolbar badge: how many related articles the store holds for the tab's page. */
import { browser } from 'wxt/browser';

export async function showRelatedCount(tabId: number, count: number): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text: count > 0 ? (count > 99 ? '99+' : String(count)) : '' });
    if (count > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1f5fbf' });
  } catch (error) {
    // The tab closed while we were working: nothing to show. Anything else is a fault to see (a
    // missing API once left every Firefox badge blank without a word: the MV2 build had no `action`).
    if (await browser.tabs.get(tabId).then(() => true, () => false)) console.error('Could not set the toolbar badge:', error);
  }
}
