/**
 * Is this page a news article, and what is it? The one entry point the content script calls, and
 * the eval (`npm run eval:pages`) runs the same functions over saved pages in Node. Pure DOM
 * reading, no browser APIs.
 */
import { safeHttpUrl } from '../shared';
import { classifyPage, type PageVerdict } from './classify';
import { extractPage } from './extract';
import type { DetectedPage } from './page';

export { classifyPage, extractPage, type PageVerdict };
export { stripSiteName } from './title';

/** The article this page is, or null when it is not one (or not an http(s) page). */
export function detectArticle(doc: Document, pageUrl: string): DetectedPage | null {
  const url = safeHttpUrl(pageUrl);
  if (url === null) return null;
  const verdict = classifyPage(doc, url);
  if (!verdict.isArticle) return null;
  return extractPage(doc, url, verdict.ld, verdict.signals);
}
