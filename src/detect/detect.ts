/**
 * Is this page a news article, and what is it? `detectArticle` is the whole reading: the content
 * script runs its first two steps (`classifyPage`, then `readPage` for an article) and the
 * background the third (`finishPage`, when the report arrives); the eval (`npm run eval:pages`)
 * runs all three over saved pages in Node. Pure DOM reading, no browser APIs.
 */
import { safeHttpUrl } from '../shared';
import { classifyPage, type PageVerdict } from './classify';
import { readPage } from './extract';
import { finishPage } from './finish';
import type { JsonLdReading } from './jsonld';
import type { DetectedPage } from './page';

export { classifyPage, finishPage, readPage, type PageVerdict };
export { stripSiteName } from './title';

/** What the page is, read and finished: `finishPage(readPage(…))`. */
export function extractPage(doc: Document, pageUrl: string, ld: JsonLdReading, signals: string[], now?: number): DetectedPage {
  return finishPage(readPage(doc, pageUrl, ld, signals), now);
}

/** The article this page is, or null when it is not one (or not an http(s) page). */
export function detectArticle(doc: Document, pageUrl: string): DetectedPage | null {
  const url = safeHttpUrl(pageUrl);
  if (url === null) return null;
  const verdict = classifyPage(doc, url);
  if (!verdict.isArticle) return null;
  return extractPage(doc, url, verdict.ld, verdict.signals);
}
