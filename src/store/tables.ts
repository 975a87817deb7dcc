/**
 * The store's tables as types, apart from the schema (./db): the modules the schema itself uses
 * (./migrations, ./article-index) name the tables they work on without importing it back.
 */
import type Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type { SegmentRow } from '../index/segments';
import type { MetaRow, StoredArticle, StoredFeed, StoredFeedItem, StoredLink } from './types';

export interface StoreTables {
  articles: EntityTable<StoredArticle, 'id'>;
  links: Dexie.Table<StoredLink, [string, string]>;
  meta: EntityTable<MetaRow, 'key'>;
  segments: Dexie.Table<SegmentRow, [number, number]>;
  feeds: EntityTable<StoredFeed, 'id'>;
  feedItems: Dexie.Table<StoredFeedItem, [string, string]>;
}

/** A connection with those tables (NewsDatabase). */
export type StoreDatabase = Dexie & StoreTables;

/** Every table that writing or deleting articles touches (./upsert, ./delete): a caller that wraps
 * store writes in its own transaction (with tables of its own) must include these. feedItems:
 * absorbing or deleting an article re-points or drops the feeds that carried it. */
export function articleWriteTables(db: StoreTables): Dexie.Table[] {
  return [db.articles, db.links, db.meta, db.segments, db.feedItems];
}
