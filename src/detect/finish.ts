/**
 * The last step of reading a page, done outside the content script (in the background when a
 * report arrives; in Node for the eval and tests): the page's raw statements (PageEvidence) become
 * its headline and times, with the project's one entity decoder and date parser — code the
 * content script would otherwise carry onto every page. Pure: no DOM, no browser APIs.
 */
import { cleanLine, displayDomain } from '../shared';
import { plainText } from '../shared/entities';
import { modifiedFrom, publishedFrom } from './published';
import { PAGE_LIMITS, type DetectedPage } from './page';
import { siteZoneSide } from './site-zone';
import { chooseTitle } from './title';

/** The page with its evidence interpreted and dropped; a page without evidence is returned as is. */
export function finishPage(page: DetectedPage, now: number = Date.now()): DetectedPage {
  const { evidence, ...finished } = page;
  if (evidence === undefined) return page;
  const text = (value: string | undefined, max: number): string => cleanLine(plainText(value ?? ''), max);

  const siteName = text(page.siteName, PAGE_LIMITS.siteName);
  if (siteName !== '') finished.siteName = siteName;
  else delete finished.siteName;
  const host = displayDomain(page.canonicalUrl ?? page.url) ?? '';
  const titles = evidence.titles.map((title) => text(title, PAGE_LIMITS.title));
  const headings = evidence.headings.map((heading) => text(heading, PAGE_LIMITS.title));
  const names = evidence.names.map((name) => text(name, PAGE_LIMITS.title));
  finished.title = chooseTitle(titles, headings, siteName, host, names) || chooseTitle(headings, [], siteName, host) || page.title;
  finished.description = text(page.description, PAGE_LIMITS.description);
  const author = text(page.author, PAGE_LIMITS.author);
  if (author !== '') finished.author = author;
  else delete finished.author;

  const options = { now, dayFirst: readsDayFirst(page.lang), zoneSide: siteZoneSide(host, page.lang) };
  const modified = modifiedFrom(evidence, options);
  if (modified !== undefined) finished.modifiedTime = new Date(modified).toISOString();
  const published = publishedFrom(evidence, page.canonicalUrl === undefined ? page.urls : [page.canonicalUrl, ...page.urls], page.image, options);
  if (published !== undefined) finished.publishedTime = new Date(published).toISOString();
  return finished;
}

/** Whether `05/04/2024` on this page is 5 April: everywhere but in American English. */
export function readsDayFirst(lang: string | undefined): boolean {
  if (lang === undefined) return false;
  const tag = lang.toLowerCase();
  return !(tag === 'en' || tag.startsWith('en-us'));
}
