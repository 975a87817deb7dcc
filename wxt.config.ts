import { defineConfig } from 'wxt';
import { inlinePageCss } from './scripts/inline-page-css';
import { actionKeys, browserManifest } from './src/platform/manifest';

/**
 * Two builds of one extension, for Chrome and for Firefox (`-b firefox`), both Manifest V3:
 * - production (`wxt build` → .output/chrome-mv3, .output/firefox-mv3): what users install.
 * - e2e (`wxt build --mode e2e` → .output/<browser>-mv3-e2e): the same code, plus the test-only
 *   allowances of src/platform/manifest.ts and the benchmark pages.
 */
export default defineConfig({
  // Firefox too (WXT's default for Firefox is MV2): docs/ARCHITECTURE.md, "Browsers".
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  // The new tab and the popup must paint at once: their styles come inline (see scripts/inline-page-css.ts).
  vite: () => ({ plugins: [inlinePageCss(['newtab', 'popup'])] }),
  // Explicit imports everywhere: a reader can see where every name comes from.
  imports: false,
  // `wxt zip -b firefox` also writes the sources zip add-on review asks for: the project as in
  // git, without the local outputs .gitignore lists.
  zip: { excludeSources: ['test-results/**', 'bench/results/**', 'demo-output/**', '*.log'] },
  manifest: ({ mode, browser }) => ({
    name: 'Rest of the Story',
    description: 'See other coverage of the article you are reading, from a private store on your own machine.',
    // contextMenus: the page menu. activeTab + scripting: read a right-clicked link's text from
    // that one tab, on that click (Chrome's menu event does not carry it).
    permissions: ['storage', 'tabs', 'alarms', 'contextMenus', 'activeTab', 'scripting'],
    // Feeds: host access is asked for one feed origin at a time, when the user subscribes.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Rest of the Story', ...actionKeys(browser) },
    // Alt+Shift+S (S for story) opens the popup; "rc" in the address bar searches the store.
    // (Alt+Shift+R is taken by Chromium itself: the browser leaves such a suggestion unassigned.)
    commands: { _execute_action: { suggested_key: { default: 'Alt+Shift+S' }, description: 'Show related coverage' } },
    omnibox: { keyword: 'rc' },
    // Gecko id and data collection (Firefox); the e2e build's test-only allowances.
    ...browserManifest(browser, mode),
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      // The content script runs on every page: it calls chrome.* directly, and WXT's own context
      // needs only `browser.runtime.id`, so its build resolves `wxt/browser` to plain `chrome`
      // instead of the webextension-polyfill (~10 KB of a ~20 KB script).
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      const alias = viteConfig.resolve?.alias;
      if (Array.isArray(alias)) {
        viteConfig.resolve!.alias = alias.filter((entry: { find: string | RegExp }) => entry.find !== 'wxt/browser');
      } else if (alias !== undefined && typeof alias === 'object') {
        delete (alias as Record<string, string>)['wxt/browser'];
      }
    },
    'entrypoints:resolved': (wxt, entrypoints) => {
      // Benchmark pages exist only in the e2e build.
      if (wxt.config.mode !== 'e2e') {
        for (let i = entrypoints.length - 1; i >= 0; i--) if (entrypoints[i]!.name.startsWith('bench')) entrypoints.splice(i, 1);
      }
    },
  },
});
