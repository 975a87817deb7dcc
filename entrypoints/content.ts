import { defineContentScript } from 'wxt/utils/define-content-script';
import { detectArticle } from '../src/detect/detect';
import { afterHeadSettles } from '../src/detect/settle';
import type { PageReport } from '../src/messaging/protocol';

// Runs on every web page once it is idle. Non-articles cost a few selector queries and no message.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    let reportedArticle = false;
    const check = (): void => {
      const started = import.meta.env.MODE === 'e2e' ? performance.now() : 0;
      const page = detectArticle(document, location.href);
      // A non-article is only worth a message when it replaces an article we reported (SPA).
      if (page !== null || reportedArticle) {
        reportedArticle = page !== null;
        const report: PageReport = { type: 'page-report', url: location.href, page };
        // chrome.* directly rather than the webextension-polyfill: in Chrome MV3 sendMessage
        // already returns a promise, and the polyfill would be most of this script's bytes on
        // every page (the build leaves it out of this entry point, see wxt.config.ts).
        chrome.runtime.sendMessage(report).catch(() => {
          // The extension was reloaded or updated: this script is orphaned and stays quiet.
        });
      }
      if (import.meta.env.MODE === 'e2e') recordForBenchmark(performance.now() - started, page !== null);
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

/** e2e build only (dropped from the production bundle): the main-thread time of each detection,
 * where the content-script benchmark (bench/content-script.ts) can read it. */
function recordForBenchmark(ms: number, article: boolean): void {
  document.documentElement.setAttribute('data-rots-detect', JSON.stringify({ ms, article, isolated: globalThis.crossOriginIsolated === true }));
}
