/**
 * The manifest keys that differ per browser and per build, used by wxt.config.ts. Everything
 * else in the manifest is shared: both browsers get the same MV3 manifest (docs/ARCHITECTURE.md,
 * "Browsers", says why Firefox gets MV3 too).
 */
import type { UserManifest } from 'wxt';

/** The add-on's identity in Firefox: signing, updates and a fixed extension origin follow it.
 * Never change it once published. */
export const GECKO_ID = 'rest-of-the-story@rots.addon';
/** The oldest Firefox the manifest and the APIs we call work in: 140 (the ESR before Debian's
 * 153) is the first with `data_collection_permissions`; everything else we use is older. */
export const FIREFOX_MIN_VERSION = '140.0';
/** The local test server's pages. Test builds only. */
export const TEST_ORIGIN = 'http://127.0.0.1/*';
/** Our pages a Firefox test build lets the test server's pages open: WebDriver BiDi may not
 * navigate to moz-extension:// itself, so a served page does it (tests/e2e/firefox/harness.ts). */
export const TEST_OPENABLE_PAGES = ['options.html', 'popup.html', 'newtab.html', 'results.html'];

/** The toolbar button's keys beyond its title. Firefox puts an MV3 add-on's button in the
 * Extensions menu unless told otherwise, where its badge — the count of related articles —
 * would not be seen: it goes on the toolbar (the user can move it). */
export function actionKeys(browser: string): { default_area?: 'navbar' } {
  return browser === 'firefox' ? { default_area: 'navbar' } : {};
}

export function browserManifest(browser: string, mode: string): UserManifest {
  const firefox = browser === 'firefox';
  const test = mode === 'e2e';
  return {
    ...(firefox
      ? {
          browser_specific_settings: {
            // Nothing is collected or sent anywhere: Firefox shows this at install.
            gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
    // Test-only allowances (the e2e build; a test checks that production builds have none):
    // - Chromium: host access to the test server, since headless tests cannot answer the feed
    //   permission prompt. Firefox needs none: the content script's access to all websites,
    //   granted at install, covers it, and its tests exercise the per-site prompt instead.
    // - Firefox: the pages above, openable from the test server's pages.
    ...(test && !firefox ? { host_permissions: [TEST_ORIGIN] } : {}),
    ...(test && firefox ? { web_accessible_resources: [{ resources: TEST_OPENABLE_PAGES, matches: [TEST_ORIGIN] }] } : {}),
  };
}
