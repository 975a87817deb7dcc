/**
 * The IndexedDB schema (Dexie). Only src/store talks to this; every other module uses the typed
 * API of ./store. Each schema change is a new version with an upgrade that migrates stored data.
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import { postingKeys, weekOf } from '../related/postings';
import { indexTerms } from '../related/terms';
import type { MetaRow, StoredArticle, StoredFeed, StoredFeedItem, StoredLink, WeekCount } from './types';

export const DATABASE_NAME = 'rest-of-the-story';

export class NewsDatabase extends Dexie {
  articles!: EntityTable<StoredArticle, 'id'>;
  links!: Dexie.Table<StoredLink, [string, string]>;
  meta!: EntityTable<MetaRow, 'key'>;
  weekCounts!: EntityTable<WeekCount, 'week'>;
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
    // Version 2: the same-story engine's index. Postings are keyed by term and publication week
    // (`*postings` replaces `*terms`; see src/related/postings.ts), and `weekCounts` says how
    // many articles each week holds. Upgrade: recompute every article's terms with the current
    // tokenizer, key them by week and count the weeks, so existing stores answer at once.
    this.version(2)
      .stores({ articles: 'id, *urls, publishedAt, domain, *topics, *postings, addedAt, readAt', weekCounts: 'week' })
      .upgrade(async (tx) => {
        const counts = new Map<number, number>();
        await tx
          .table<StoredArticle, string>('articles')
          .toCollection()
          .modify((article) => {
            const { terms, titleTermCount } = indexTerms(article.title, article.excerpt);
            const time = article.publishedAt ?? article.addedAt;
            article.terms = terms;
            article.titleTermCount = titleTermCount;
            article.postings = postingKeys(terms, time);
            counts.set(weekOf(time), (counts.get(weekOf(time)) ?? 0) + 1);
          });
        await tx.table<WeekCount, number>('weekCounts').bulkPut([...counts].map(([week, count]) => ({ week, count })));
      });
    // Version 3: feed subscriptions, and which feed carried which
    // article. New tables only: existing articles, links and meta are kept as they are.
    // feeds: by id, unique URL. feedItems: [feedId+articleId] (a feed's items are a key-range
    // scan), articleId for "which feeds carried this article".
    this.version(3).stores({
      feeds: 'id, &url',
      feedItems: '[feedId+articleId], articleId',
    });
  }
}
