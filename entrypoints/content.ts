import { defineContentScript } from 'wxt/utils/define-content-script';
import { classifyPage } from '../src/detect/classify';
import { readPage } from '../src/detect/extract';
import { afterHeadSettles } from '../src/detect/settle';
import type { DetectedPage } from '../src/detect/page';
import type { PageReport } from '../src/messaging/protocol';
import { isNeverChecked } from '../src/settings/never-check';
import { SETTINGS_KEY } from '../src/settings/settings';
import { safeHttpUrl } from '../src/shared';

// Runs on every web page once it is idle. Non-articles cost a few selector queries and no message.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    let reportedArticle = false;
    /** Counts detections: a later one (SPA navigation) makes an unfinished earlier one moot. */
    let detection = 0;
    const report = (page: DetectedPage | null): void => {
      // A non-article is only worth a message when it replaces an article we reported (SPA).
      if (page === null && !reportedArticle) return;
      reportedArticle = page !== null;
      const message: PageReport = { type: 'page-report', url: location.href, page };
      // chrome.* directly rather than the webextension-polyfill: in Chrome MV3 sendMessage
      // already returns a promise, and the polyfill would be most of this script's bytes on
      // every page (the build leaves it out of this entry point, see wxt.config.ts).
      // Sent again once when it fails: the worker may have stopped while handling it (storing the
      // same page twice changes nothing). Orphaned by an update, both fail and the script stays quiet.
      const send = (): Promise<unknown> => chrome.runtime.sendMessage(message);
      send().catch(() => setTimeout(() => send().catch(() => undefined), 1_000));
    };
    const check = (): void => {
      const current = ++detection;
      const started = import.meta.env.MODE === 'e2e' ? performance.now() : 0;
      const url = safeHttpUrl(location.href);
      const verdict = url === null ? null : classifyPage(document, url);
      if (url === null || verdict === null || !verdict.isArticle) {
        report(null);
        if (import.meta.env.MODE === 'e2e') recordForBenchmark(performance.now() - started, false);
        return;
      }
      const classified = import.meta.env.MODE === 'e2e' ? performance.now() - started : 0;
      // An article: only now is the user's "never check" list read (one storage read, which
      // non-article pages never pay). A listed site is not analysed further or reported.
      void neverChecked(location.hostname).then((listed) => {
        if (current !== detection) return;
        if (listed) {
          reportedArticle = false;
          // e2e build only: positive evidence for the tests that the list was respected.
          if (import.meta.env.MODE === 'e2e') document.documentElement.setAttribute('data-rots-never-checked', '');
          return;
        }
        const extract = (): void => {
          const extracting = import.meta.env.MODE === 'e2e' ? performance.now() : 0;
          report(readPage(document, url, verdict.ld, verdict.signals));
          if (import.meta.env.MODE === 'e2e') recordForBenchmark(classified + performance.now() - extracting, true);
        };
        // The e2e build runs the extraction as a task of its own as well, so the benchmark reads
        // its CPU time from Chrome's trace too (it follows the storage read); same work.
        if (import.meta.env.MODE === 'e2e') setTimeout(extract, 0);
        else extract();
      });
    };
    // The e2e build runs the first detection as a task of its own, so the benchmark can read its
    // main-thread CPU time from Chrome's trace apart from the script's compilation; same work.
    if (import.meta.env.MODE === 'e2e') setTimeout(check, 0);
    else check();

    // A page restored from the back/forward cache runs no script again, but the background
    // forgot it when the tab left: report it again.
    ctx.addEventListener(window, 'pageshow', (event) => {
      if (event.persisted) check();
    });

    let cancel: (() => void) | undefined;
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      cancel?.();
      cancel = afterHeadSettles(document, check);
    });
    ctx.onInvalidated(() => cancel?.());
  },
});

/** Whether the user listed this site under "Never check this site" (settings in storage.local). */
async function neverChecked(host: string): Promise<boolean> {
  try {
    const stored = (await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { neverCheckSites?: unknown } | undefined;
    return Array.isArray(stored?.neverCheckSites) && isNeverChecked(host, stored.neverCheckSites);
  } catch {
    return false;
  }
}

/** e2e build only (dropped from the production bundle): the main-thread time of each detection
 * (classification, and for an article its extraction; not the wait for the storage read in
 * between), where the content-script benchmark (bench/content-script.ts) can read it. */
function recordForBenchmark(ms: number, article: boolean): void {
  document.documentElement.setAttribute('data-rots-detect', JSON.stringify({ ms, article, isolated: globalThis.crossOriginIsolated === true }));
}
