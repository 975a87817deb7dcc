/**
 * Feed subscriptions in the store: the `feeds` and `feedItems` tables (schema version 3). Feed
 * items themselves become articles through ArticleStore.upsertRecords, in the same transaction
 * as the feed's new refresh state, so a refresh is stored whole or not at all.
 */
import Dexie from 'dexie';
import type { NewsRecord } from '../record/record';
import { hash53 } from '../record/id';
import type { ArticleStore, UpsertOutcome } from './store';
import type { StoredArticle, StoredFeed, StoredFeedItem } from './types';

export interface FeedWithCount extends StoredFeed {
  /** Articles in the store that this feed carried. */
  itemCount: number;
}

/** What a subscription starts with; the rest takes defaults. */
export interface NewFeed {
  url: string;
  title?: string;
  intervalMinutes?: number;
  timeoutMs?: number;
  maxBytes?: number;
}

export const FEED_DEFAULTS = { intervalMinutes: 30, timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024 } as const;

/** Refresh-state fields a refresh or the user may change. */
export type FeedPatch = Partial<Omit<StoredFeed, 'id' | 'url' | 'addedAt'>>;

export interface StoredItemsResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Article ids of the items, in input order. */
  ids: string[];
}

export function feedIdFor(url: string): string {
  return 'f' + hash53(url).toString(36);
}

export class FeedStore {
  constructor(private readonly store: ArticleStore) {}

  private get db() {
    return this.store.db;
  }

  /** Subscribes to feeds not yet subscribed (by exact URL); returns each input's row. */
  async addFeeds(feeds: readonly NewFeed[], now: number = Date.now()): Promise<{ feed: StoredFeed; added: boolean }[]> {
    const db = this.db;
    return db.transaction('rw', db.feeds, async () => {
      const out: { feed: StoredFeed; added: boolean }[] = [];
      for (const input of feeds) {
        const existing = await db.feeds.where('url').equals(input.url).first();
        if (existing !== undefined) {
          out.push({ feed: existing, added: false });
          continue;
        }
        const feed: StoredFeed = {
          id: feedIdFor(input.url),
          url: input.url,
          title: input.title ?? '',
          addedAt: now,
          paused: false,
          intervalMinutes: input.intervalMinutes ?? FEED_DEFAULTS.intervalMinutes,
          timeoutMs: input.timeoutMs ?? FEED_DEFAULTS.timeoutMs,
          maxBytes: input.maxBytes ?? FEED_DEFAULTS.maxBytes,
          lastStatus: 'new',
          failures: 0,
          nextRefreshAt: now,
        };
        await db.feeds.add(feed);
        this.store.events.stage('feed', { feeds: true });
        out.push({ feed, added: true });
      }
      return out;
    });
  }

  async getFeed(id: string): Promise<StoredFeed | undefined> {
    return this.db.feeds.get(id);
  }

  /** Every subscription with its item count, oldest subscription first. */
  async listFeeds(): Promise<FeedWithCount[]> {
    const db = this.db;
    return db.transaction('r', db.feeds, db.feedItems, async () => {
      const feeds = await db.feeds.orderBy('id').toArray();
      const counts = await Promise.all(feeds.map((feed) => this.itemRange(feed.id).count()));
      return feeds.map((feed, i) => ({ ...feed, itemCount: counts[i]! })).sort((a, b) => a.addedAt - b.addedAt || a.url.localeCompare(b.url));
    });
  }

  /** Changes a feed's state; false if it no longer exists. Unlisted fields stay as they are. */
  async updateFeed(id: string, patch: FeedPatch, remove: readonly (keyof FeedPatch)[] = []): Promise<boolean> {
    const db = this.db;
    return db.transaction('rw', db.feeds, async () => {
      const feed = await db.feeds.get(id);
      if (feed === undefined) return false;
      const next: StoredFeed = { ...feed, ...patch };
      for (const field of remove) delete next[field];
      await db.feeds.put(next);
      this.store.events.stage('feed', { feeds: true });
      return true;
    });
  }

  /**
   * Stores one refresh of a feed: its items as articles (origin "feed"), which feed carried them,
   * and the feed's new state, in one transaction. If the feed was removed meanwhile, nothing is
   * stored (null).
   */
  async storeFeedItems(feedId: string, records: readonly NewsRecord[], patch: FeedPatch, remove: readonly (keyof FeedPatch)[] = [], now: number = Date.now()): Promise<StoredItemsResult | null> {
    const db = this.db;
    return db.transaction('rw', [db.feeds, ...this.store.articleWriteTables()], async () => {
      const feed = await db.feeds.get(feedId);
      if (feed === undefined) return null;
      this.store.events.stage('feed', { feeds: true });
      const result = records.length === 0 ? { outcomes: [] as UpsertOutcome[], ids: [] as string[] } : await this.store.upsertRecords(records, 'feed', { now });
      const ids = [...new Set(result.ids)];
      const known = await db.feedItems.bulkGet(ids.map((articleId): [string, string] => [feedId, articleId]));
      await db.feedItems.bulkPut(ids.map((articleId, i) => ({ feedId, articleId, firstSeenAt: known[i]?.firstSeenAt ?? now, lastSeenAt: now })));
      const count = (outcome: UpsertOutcome): number => result.outcomes.filter((o) => o === outcome).length;
      const next: StoredFeed = { ...feed, ...patch, lastNewItems: count('created') };
      for (const field of remove) delete next[field];
      await db.feeds.put(next);
      return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), ids: result.ids };
    });
  }

  /** Ids of the feeds that carried an article. */
  async feedsOfArticle(articleId: string): Promise<string[]> {
    return (await this.db.feedItems.where('articleId').equals(articleId).toArray()).map((row) => row.feedId);
  }

  /** Article ids a feed carried. */
  async articleIdsOfFeed(feedId: string): Promise<string[]> {
    return (await this.itemRange(feedId).toArray()).map((row) => row.articleId);
  }

  /**
   * Unsubscribes. With `removeArticles`, also deletes the articles only this feed brought: not
   * carried by another feed, not read by the user, not imported as a record, not linked from or
   * to another article. Returns how many articles were deleted.
   */
  async removeFeed(feedId: string, options: { removeArticles: boolean }): Promise<{ removed: boolean; articlesDeleted: number }> {
    const db = this.db;
    return db.transaction('rw', [db.feeds, ...this.store.articleWriteTables()], async () => {
      if ((await db.feeds.get(feedId)) === undefined) return { removed: false, articlesDeleted: 0 };
      const rows = await this.itemRange(feedId).toArray();
      await this.itemRange(feedId).delete();
      await db.feeds.delete(feedId);
      this.store.events.stage('feed', { feeds: true });
      if (!options.removeArticles || rows.length === 0) return { removed: true, articlesDeleted: 0 };
      const ids = rows.map((row) => row.articleId);
      const elsewhere = new Set((await db.feedItems.where('articleId').anyOf(ids).toArray()).map((row) => row.articleId));
      const articles = (await db.articles.bulkGet(ids)).filter((a): a is StoredArticle => a !== undefined);
      const onlyThisFeed: string[] = [];
      for (const article of articles) {
        if (elsewhere.has(article.id) || article.origin !== 'feed' || article.readAt !== undefined) continue;
        const linked =
          (await db.links.where('to').equals(article.id).count()) +
          (await db.links.where('[from+to]').between([article.id, Dexie.minKey], [article.id, Dexie.maxKey]).count());
        if (linked === 0) onlyThisFeed.push(article.id);
      }
      const articlesDeleted = onlyThisFeed.length === 0 ? 0 : await this.store.deleteArticles(onlyThisFeed, 'feed');
      return { removed: true, articlesDeleted };
    });
  }

  private itemRange(feedId: string) {
    return this.db.feedItems.where('[feedId+articleId]').between([feedId, Dexie.minKey], [feedId, Dexie.maxKey]);
  }
}

export type { StoredFeed, StoredFeedItem };
