/**
 * What the Feeds panel asks of the extension, and how: typed requests to the background, the
 * browser's host-access prompt, the editable outlet list. Pure wiring over what it is given, so
 * the panel's tests drive it with plain functions.
 */
import type { CatalogEntry } from '../../feeds/catalog';
import type { FeedView, RefreshResult, Request, ResponseOf, SubscribeResult } from '../../messaging/protocol';

export interface FeedsApi {
  list(): Promise<FeedView[]>;
  /** Asks the browser for host access to these URLs' origins. Must be called first thing in a
   * click handler: the browser only shows its prompt during a user gesture. */
  requestAccess(urls: string[]): Promise<boolean>;
  subscribe(feeds: { url: string; title?: string }[], discover: boolean): Promise<SubscribeResult[]>;
  update(id: string, change: { paused?: boolean; intervalMinutes?: number }): Promise<boolean>;
  unsubscribe(id: string, removeArticles: boolean): Promise<{ removed: boolean; articlesDeleted: number }>;
  refresh(ids: string[] | null): Promise<RefreshResult[]>;
  loadCatalog(): Promise<CatalogEntry[]>;
  saveCatalog(entries: CatalogEntry[]): Promise<CatalogEntry[]>;
  restoreCatalog(): Promise<CatalogEntry[]>;
}

/** Sends one typed request to the background and resolves with its typed answer. */
export type SendRequest = <R extends Request>(request: R) => Promise<ResponseOf<R>>;

export interface FeedsApiParts {
  send: SendRequest;
  requestAccess: (urls: string[]) => Promise<boolean>;
  catalog: { load(): Promise<CatalogEntry[]>; save(entries: CatalogEntry[]): Promise<CatalogEntry[]>; restore(): Promise<CatalogEntry[]> };
}

export function feedsApi({ send, requestAccess, catalog }: FeedsApiParts): FeedsApi {
  return {
    list: async () => (await send({ type: 'feeds-list' })).feeds,
    requestAccess,
    subscribe: async (feeds, discover) => (await send({ type: 'feed-subscribe', feeds, discover })).results,
    update: async (id, change) => (await send({ type: 'feed-update', id, ...change })).ok,
    unsubscribe: (id, removeArticles) => send({ type: 'feed-unsubscribe', id, removeArticles }),
    refresh: async (ids) => (await send({ type: 'feed-refresh', ids })).results,
    loadCatalog: () => catalog.load(),
    saveCatalog: (entries) => catalog.save(entries),
    restoreCatalog: () => catalog.restore(),
  };
}
