import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground, registerBackground } from '../src/background/create-background';

// Every start of the worker (or Firefox's event page): build the managers, register their listeners.
export default defineBackground(() => {
  const background = createBackground(browser);
  void registerBackground(browser, background);

  // e2e build only: menus cannot be clicked headless, so the tests dispatch clicks here.
  if (import.meta.env.MODE === 'e2e') Object.assign(globalThis, { rotsTest: { menuClick: background.onMenuClick, omnibox: background.omnibox } });
});
