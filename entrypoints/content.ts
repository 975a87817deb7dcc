import { defineContentScript } from 'wxt/utils/define-content-script';
import { detectArticle } from '../src/detect/detect';
import { afterHeadSettles } from '../src/detect/settle';
import { sendRequest } from '../src/messaging/client';

// Runs on every web page once it is idle. Non-articles cost one selector query and no message.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    let reportedArticle = false;
    const check = (): void => {
      const page = detectArticle(document, location.href);
      // A non-article is only worth a message when it replaces an article we reported (SPA).
      if (page === null && !reportedArticle) return;
      reportedArticle = page !== null;
      sendRequest({ type: 'page-report', url: location.href, page }).catch(() => {
        // The extension was reloaded or updated: this script is orphaned and stays quiet.
      });
    };
    check();

    let cancel: (() => void) | undefined;
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      cancel?.();
      cancel = afterHeadSettles(document, check);
    });
    ctx.onInvalidated(() => cancel?.());
  },
});
