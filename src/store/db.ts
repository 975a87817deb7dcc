/**
 * The IndexedDB schema (Dexie). Only src/store talks to this; every other module uses the typed
 * API of ./store. Each schema change is a new version with an upgrade that migrates stored data.
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { MetaRow, StoredArticle, StoredFeed, StoredFeedItem, StoredLink } from './types';

export const DATABASE_NAME = 'rest-of-the-story';

export class NewsDatabase extends Dexie {
  articles!: EntityTable<StoredArticle, 'id'>;
  links!: Dexie.Table<StoredLink, [string, string]>;
  meta!: EntityTable<MetaRow, 'key'>;
  feeds!: EntityTable<StoredFeed, 'id'>;
  feedItems!: Dexie.Table<StoredFeedItem, [string, string]>;

  constructor(name: string = DATABASE_NAME, options?: DexieOptions) {
    super(name, options);
    // Version 1. articles: by id; any URL alias; time; outlet; topic; index term; read time.
    // links: [from+to] primary key (outgoing links are a key-range scan), `to` for incoming.
    this.version(1).stores({
      articles: 'id, *urls, publishedAt, domain, *topics, *terms, addedAt, readAt',
      links: '[from+to], to',
      meta: 'key',
    });
    // Version 3 (2 is another change's): feed subscriptions, and which feed carried which
    // article. New tables only: existing articles, links and meta are kept as they are.
    // feeds: by id, unique URL. feedItems: [feedId+articleId] (a feed's items are a key-range
    // scan), articleId for "which feeds carried this article".
    this.version(3).stores({
      feeds: 'id, &url',
      feedItems: '[feedId+articleId], articleId',
    });
  }
}
