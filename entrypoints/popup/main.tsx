import { render } from 'preact';
import { browser } from 'wxt/browser';
import { sendRequest } from '../../src/messaging/client';
import { pageStoreChannel } from '../../src/messaging/store-channel';
import { loadSettings } from '../../src/settings/settings';
import { PopupApp } from '../../src/ui/popup/PopupApp';
import type { WatchStore } from '../../src/ui/use-store-refresh';
import '../../src/ui/theme.css';
import '../../src/ui/components/related.css';
import '../../src/ui/popup/popup.css';

/** The tab the popup describes: `?tabId=N` (for tests and links), else the active tab. */
async function targetTabId(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const loadView = async () => {
  const tabId = await targetTabId();
  if (tabId === null) return { status: 'not-article' as const, url: null };
  return sendRequest({ type: 'get-tab-view', tabId });
};

// Writes made while the popup is open (a feed refresh, an import in the options page) reach it here.
const storeChanges = pageStoreChannel(browser.runtime, new URL(browser.runtime.getURL('/popup.html')).origin + '/');
const watchStore: WatchStore = (listener) => storeChanges.listen(listener);

render(
  <PopupApp loadView={loadView} loadSettings={loadSettings} openOptions={() => void browser.runtime.openOptionsPage()} watchStore={watchStore} />,
  document.getElementById('app')!,
);
