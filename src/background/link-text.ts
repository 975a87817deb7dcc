/**
 * Chrome's context-menu click says which link was clicked but not its text: read it from the
 * page, once, on the user's click (activeTab grants that tab for the moment; no content script
 * code on every page). The function runs in the page: it must be self-contained.
 */
import { browser } from 'wxt/browser';

export async function readLinkText(tabId: number, frameId: number, url: string): Promise<string | null> {
  const [result] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    func: linkTextInPage,
    args: [url],
  });
  return typeof result?.result === 'string' ? result.result : null;
}

/** In the page: the visible text of the first link to `href` (else its label or image text). */
function linkTextInPage(href: string): string | null {
  for (const link of Array.from(document.links)) {
    if (link.href !== href) continue;
    const image = link.querySelector('img[alt]');
    const text = (link.innerText || link.getAttribute('aria-label') || link.title || image?.getAttribute('alt') || '').trim();
    if (text !== '') return text.slice(0, 1000);
  }
  return null;
}
