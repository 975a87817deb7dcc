/**
 * The IndexedDB schema (Dexie). Only src/store talks to this; every other module uses the typed
 * API of ./store. Each schema change is a new version with an upgrade that migrates stored data.
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { SegmentRow } from '../index/segments';
import { indexFields } from './merge';
import { rebuildIndex } from './term-index';
import type { MetaRow, StoredArticle, StoredFeed, StoredFeedItem, StoredLink } from './types';

export const DATABASE_NAME = 'rest-of-the-story';

export class NewsDatabase extends Dexie {
  articles!: EntityTable<StoredArticle, 'id'>;
  links!: Dexie.Table<StoredLink, [string, string]>;
  meta!: EntityTable<MetaRow, 'key'>;
  feeds!: EntityTable<StoredFeed, 'id'>;
  feedItems!: Dexie.Table<StoredFeedItem, [string, string]>;
  segments!: Dexie.Table<SegmentRow, [number, number]>;

  constructor(name: string = DATABASE_NAME, options?: DexieOptions) {
    super(name, options);
    // Version 1. articles: by id; any URL alias; time; outlet; topic; index term; read time.
    // links: [from+to] primary key (outgoing links are a key-range scan), `to` for incoming.
    this.version(1).stores({
      articles: 'id, *urls, publishedAt, domain, *topics, *terms, addedAt, readAt',
      links: '[from+to], to',
      meta: 'key',
    });
    // Version 2: the first same-story index: `*postings` ("term@week" keys) replaced `*terms`,
    // and `weekCounts` counted articles per week. Its data is rebuilt by version 4, so an upgrade
    // passing through version 2 only changes the declared indexes here.
    this.version(2).stores({ articles: 'id, *urls, publishedAt, domain, *topics, *postings, addedAt, readAt', weekCounts: 'week' });
    // Version 3: feed subscriptions, and which feed carried which
    // article. New tables only: existing articles, links and meta are kept as they are.
    // feeds: by id, unique URL. feedItems: [feedId+articleId] (a feed's items are a key-range
    // scan), articleId for "which feeds carried this article".
    this.version(3).stores({
      feeds: 'id, &url',
      feedItems: '[feedId+articleId], articleId',
    });
    // Version 4: the multilingual same-story index. Each article gets a docno (`&docno`) and its
    // terms (all of them, up to 64, with anchors and language) are posted in packed segment rows
    // per week or in the undated bucket (`segments`, see src/index/segments.ts); the `*postings`
    // multi-entry index and the week counts go (segments count their articles). Upgrade: every
    // article's terms recomputed and indexed again.
    this.version(4)
      .stores({ articles: 'id, *urls, publishedAt, domain, *topics, addedAt, readAt, &docno', segments: '[bucket+seq]', weekCounts: null })
      .upgrade(async (tx) => {
        await tx
          .table<StoredArticle, string>('articles')
          .toCollection()
          .modify((article) => {
            delete (article as StoredArticle & { postings?: string[] }).postings;
            Object.assign(article, indexFields(article.title, article.excerpt, article.lang));
          });
        await rebuildIndex({ articles: tx.table('articles'), segments: tx.table('segments'), meta: tx.table('meta') });
      });
  }
}
