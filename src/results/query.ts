/**
 * The results page's address: what it is asked to show. A stable contract — the context menu,
 * the omnibox and the new-tab digest's search box all open it:
 *   results.html?q=<text>                 stored articles that mention the text
 *   results.html?url=<link>&text=<text>   coverage of a linked article (by its URL in the store,
 *                                         else by its text)
 *   …&date=<ISO 8601>                     the linked article's date, where the opener knows it (a
 *                                         recognised page's); without it an unstored link is undated
 */
import { cleanLine, safeHttpUrl } from '../shared';
import { parseDate } from '../shared/dates';

export type ResultsQuery =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  /** `publishedAt`: the article's date, when the opener knew it (epoch ms). */
  | { kind: 'link'; url: string; text: string; publishedAt?: number };

export const RESULTS_PAGE = '/results.html';
export type ResultsPath = `${typeof RESULTS_PAGE}${string}`;
/** Longest query text kept (a selection can be a whole paragraph). */
export const QUERY_TEXT_MAX = 500;

/** The page's path and query string, e.g. "/results.html?q=tesla" (pass to runtime.getURL). */
export function resultsPath(query: ResultsQuery): ResultsPath {
  const params = new URLSearchParams();
  if (query.kind === 'text') params.set('q', query.text);
  if (query.kind === 'link') {
    params.set('url', query.url);
    if (query.text !== '') params.set('text', query.text);
    if (query.publishedAt !== undefined) params.set('date', new Date(query.publishedAt).toISOString());
  }
  const search = params.toString();
  return search === '' ? RESULTS_PAGE : `${RESULTS_PAGE}?${search}`;
}

/** Reads the page's query string (untrusted: anyone can open the page with any address). */
export function parseResultsQuery(search: string): ResultsQuery {
  const params = new URLSearchParams(search);
  const url = safeHttpUrl(params.get('url'));
  if (url !== null) {
    const text = cleanLine(params.get('text'), QUERY_TEXT_MAX);
    // A date that is not one, or out of the accepted range, is no date.
    const publishedAt = parseDate(params.get('date'));
    return publishedAt === undefined ? { kind: 'link', url, text } : { kind: 'link', url, text, publishedAt };
  }
  const text = cleanLine(params.get('q'), QUERY_TEXT_MAX);
  return text === '' ? { kind: 'none' } : { kind: 'text', text };
}
