/**
 * The store's tables as types, apart from the schema (./db): the modules the schema itself uses
 * (./migrations, ./article-index) name the tables they work on without importing it back.
 */
import type Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type { MetaRow, StoredArticle, StoredFeed, StoredFeedItem, StoredLink, WeekCount } from './types';

export interface StoreTables {
  articles: EntityTable<StoredArticle, 'id'>;
  links: Dexie.Table<StoredLink, [string, string]>;
  meta: EntityTable<MetaRow, 'key'>;
  weekCounts: EntityTable<WeekCount, 'week'>;
  feeds: EntityTable<StoredFeed, 'id'>;
  feedItems: Dexie.Table<StoredFeedItem, [string, string]>;
}

/** A connection with those tables (NewsDatabase). */
export type StoreDatabase = Dexie & StoreTables;
