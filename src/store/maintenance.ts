/**
 * Whole-store work that reads or touches every article: export (a page of articles at a time,
 * with their links and feed memberships), the ages retention decides on, and feed memberships
 * restored from an imported export. Part of src/store: the only code that talks to IndexedDB.
 */
import Dexie from 'dexie';
import type { FeedMembership } from '../record/record';
import { articleTimes } from './dates';
import type { ArticleStore } from './store';
import type { StoredArticle, StoredFeedItem } from './types';

export interface ExportPage {
  /** Articles in id order. */
  articles: StoredArticle[];
  /** For each article of the page that links to others: the linked articles. */
  linked: Map<string, StoredArticle[]>;
  /** Ids of the page's articles that another article links to. */
  linkedTo: Set<string>;
  /** For each article of the page that feeds carried: those feeds. */
  feeds: Map<string, FeedMembership[]>;
  /** Pass as `afterId` for the next page; undefined when this was the last. */
  nextAfterId: string | undefined;
}

/**
 * One page of the store for export: up to `limit` articles with ids after `afterId`, read in one
 * transaction (each page is consistent; a store written to during an export may differ between
 * pages, as with any backup of a live store).
 */
export async function readExportPage(store: ArticleStore, afterId: string | undefined, limit: number): Promise<ExportPage> {
  const db = store.db;
  return db.transaction('r', [db.articles, db.links, db.feedItems, db.feeds], async () => {
    const articles = await (afterId === undefined ? db.articles.orderBy(':id') : db.articles.where(':id').above(afterId)).limit(limit).toArray();
    const page: ExportPage = { articles, linked: new Map(), linkedTo: new Set(), feeds: new Map(), nextAfterId: undefined };
    if (articles.length === 0) return page;
    const first = articles[0]!.id;
    const last = articles.at(-1)!.id;
    if (articles.length === limit) page.nextAfterId = last;
    const ids = articles.map((a) => a.id);

    // Links from the page's articles: one range of the [from+to] key (the page is a run of ids).
    const links = await db.links.where('[from+to]').between([first, Dexie.minKey], [last, Dexie.maxKey], true, true).toArray();
    const known = new Map(articles.map((a) => [a.id, a]));
    const missing = [...new Set(links.map((l) => l.to).filter((id) => !known.has(id)))];
    for (const article of await db.articles.bulkGet(missing)) if (article !== undefined) known.set(article.id, article);
    for (const link of links) {
      const target = known.get(link.to);
      if (target === undefined) continue;
      const list = page.linked.get(link.from);
      if (list === undefined) page.linked.set(link.from, [target]);
      else list.push(target);
    }
    for (const id of (await db.links.where('to').anyOf(ids).keys()) as string[]) page.linkedTo.add(id);

    const items = await db.feedItems.where('articleId').anyOf(ids).toArray();
    if (items.length > 0) {
      const feedUrls = new Map((await db.feeds.toArray()).map((feed) => [feed.id, feed.url]));
      for (const item of items) {
        const url = feedUrls.get(item.feedId);
        if (url === undefined) continue;
        const list = page.feeds.get(item.articleId) ?? [];
        list.push({ url, firstSeenAt: item.firstSeenAt, lastSeenAt: item.lastSeenAt });
        page.feeds.set(item.articleId, list);
      }
    }
    return page;
  });
}

/** What retention decides on, for one article. */
export interface ArticleAge {
  id: string;
  /** Publication time, else when it was stored (epoch ms). */
  time: number;
  /** The user read it. */
  read: boolean;
}

/** Every article's age and whether it was read: the times from the index's segments (./dates:
 * no date index on `articles` since version 8), the rows of what they lack, the read index. */
export async function readArticleAges(store: ArticleStore): Promise<ArticleAge[]> {
  const db = store.db;
  return db.transaction('r', db.articles, db.segments, db.meta, async () => {
    const [times, readIds] = await Promise.all([articleTimes(db), db.articles.orderBy('readAt').primaryKeys()]);
    const read = new Set(readIds);
    return [...times].map(([id, time]) => ({ id, time, read: read.has(id) }));
  });
}

export interface RestoredMembership extends FeedMembership {
  articleId: string;
}

/**
 * Feed memberships from an imported export: for feeds subscribed now (by URL), this feed carried
 * this article again. Feeds not subscribed are skipped. Returns how many rows were written.
 */
export async function restoreFeedMemberships(store: ArticleStore, rows: readonly RestoredMembership[]): Promise<number> {
  const db = store.db;
  if (rows.length === 0) return 0;
  return db.transaction('rw', [db.feeds, db.feedItems, db.articles], async () => {
    const feeds = await db.feeds.where('url').anyOf([...new Set(rows.map((row) => row.url))]).toArray();
    const feedIds = new Map(feeds.map((feed) => [feed.url, feed.id]));
    const present = new Set((await db.articles.bulkGet([...new Set(rows.map((row) => row.articleId))])).filter((a) => a !== undefined).map((a) => a.id));
    const merged = new Map<string, StoredFeedItem>();
    for (const row of rows) {
      const feedId = feedIds.get(row.url);
      if (feedId === undefined || !present.has(row.articleId)) continue;
      const key = feedId + ' ' + row.articleId;
      const previous = merged.get(key) ?? (await db.feedItems.get([feedId, row.articleId]));
      merged.set(key, {
        feedId,
        articleId: row.articleId,
        firstSeenAt: Math.min(row.firstSeenAt, previous?.firstSeenAt ?? Infinity),
        lastSeenAt: Math.max(row.lastSeenAt, previous?.lastSeenAt ?? 0),
      });
    }
    await db.feedItems.bulkPut([...merged.values()]);
    return merged.size;
  });
}
