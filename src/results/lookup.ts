/**
 * What the results page shows for its query: stored articles that mention a text (search.ts), or
 * the coverage of a linked article — by its URL when the store holds it (findRelated), else by
 * its text: the same story by its headline (around the date the opener gave, else undated: the
 * store's newest weeks, as for a page without a date), else the stored articles that mention its
 * words. Runs in the page, over the store's typed API.
 */
import { findRelated } from '../related/find-related';
import { hitsAsItems, searchStore, type SearchResult } from '../related/search';
import type { RelatedItem } from '../related/types';
import { wordsFromUrl } from '../shared/slug';
import type { ArticleStore } from '../store';
import type { ArticleView } from '../store/view';
import type { ResultsQuery } from './query';

export type ResultsView =
  /** Nothing stored yet: point to import and feeds. */
  | { status: 'empty-store' }
  /** Opened without a query: the search box only. */
  | { status: 'no-query' }
  | { status: 'search'; text: string; search: SearchResult; items: RelatedItem[] }
  | {
      status: 'link';
      url: string;
      /** The text the link was looked up by (its text, else words from its address). */
      text: string;
      /** The stored article the link resolved to, if any. */
      article: ArticleView | null;
      /** How the items were found: related coverage of the article or of its headline, or a
       * search for its words. */
      method: 'related' | 'search';
      search?: SearchResult;
      items: RelatedItem[];
    };

export interface LookupOptions {
  /** At most this many items (default 30). */
  limit?: number;
}

export async function lookUp(store: ArticleStore, query: ResultsQuery, options: LookupOptions = {}): Promise<ResultsView> {
  const limit = options.limit ?? 30;
  if ((await store.countArticles()) === 0) return { status: 'empty-store' };
  if (query.kind === 'none') return { status: 'no-query' };
  if (query.kind === 'text') {
    const search = await searchStore(store, query.text, { limit });
    return { status: 'search', text: query.text, search, items: hitsAsItems(search.hits) };
  }
  const text = query.text !== '' ? query.text : wordsFromUrl(query.url);
  const stored = await store.findByUrls([query.url]);
  if (stored !== undefined) {
    const related = await findRelated(store, { urls: [query.url], title: stored.title, excerpt: stored.excerpt }, { limit });
    return { status: 'link', url: query.url, text, article: related.article, method: 'related', items: related.items };
  }
  if (text !== '') {
    // Not stored: the same story by its headline. Its date is unknown unless the opener gave it (a
    // link may be years old): undated, the engine reads the newest weeks back to its reach…
    const page = { urls: [query.url], title: text, excerpt: '' };
    const related = await findRelated(store, query.publishedAt === undefined ? page : { ...page, publishedAt: query.publishedAt }, { limit });
    if (related.items.length > 0) return { status: 'link', url: query.url, text, article: null, method: 'related', items: related.items };
  }
  // …else, at any time, the stored articles that mention its words.
  const search = await searchStore(store, text, { limit });
  return { status: 'link', url: query.url, text, article: null, method: 'search', search, items: hitsAsItems(search.hits) };
}
