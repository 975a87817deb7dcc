/**
 * Removing articles: some by id (retention, the user), with their links, feed memberships and
 * index entries, or the whole store at once (delete all). Apart from ./upsert because what a
 * deletion must take along (links both ways, feed items, the count, the generations) is its own
 * rule, and a mistake here loses data.
 */
import type { StoreChangeReason, StoreEvents } from './events';
import { generationRows } from './generations';
import { countArticlesInTransaction, META_ARTICLE_COUNT } from './meta';
import { finishedStepRows } from './migrations';
import { linksFrom, linksTo } from './reads';
import { articleWriteTables, type StoreDatabase } from './tables';
import { updateIndex } from './term-index';
import type { StoredArticle } from './types';

/** Deletes articles and every link to or from them (announced as `why`: pruning, unless said). */
export async function deleteArticles(db: StoreDatabase, events: StoreEvents, ids: readonly string[], why: StoreChangeReason = 'prune'): Promise<number> {
  return db.transaction('rw', articleWriteTables(db), async () => {
    const articles = (await db.articles.bulkGet([...ids])).filter((a): a is StoredArticle => a !== undefined);
    const present = articles.map((a) => a.id);
    if (present.length === 0) return 0;
    await updateIndex(db, articles.map((article) => ({ before: article, after: undefined })));
    const stale: [string, string][] = [];
    for (const id of present) {
      for (const link of await linksFrom(db, id)) stale.push([link.from, link.to]);
      for (const link of await linksTo(db, id)) stale.push([link.from, link.to]);
    }
    const count = await countArticlesInTransaction(db);
    await db.articles.bulkDelete(present);
    await db.links.bulkDelete(stale);
    await db.feedItems.where('articleId').anyOf(present).delete();
    await db.meta.bulkPut([{ key: META_ARTICLE_COUNT, value: Math.max(0, count - present.length) }, ...generationRows({ content: true, read: articles.some((a) => a.readAt !== undefined) })]);
    events.stage(why, { deleted: present });
    return present.length;
  });
}

/** Empties the store. Feed subscriptions stay, but forget their HTTP validators so that the
 * next refresh fetches their items again. */
export async function clearStore(db: StoreDatabase, events: StoreEvents): Promise<void> {
  await db.transaction('rw', [db.articles, db.links, db.meta, db.segments, db.feedItems, db.feeds], async () => {
    await Promise.all([db.articles.clear(), db.links.clear(), db.meta.clear(), db.segments.clear(), db.feedItems.clear()]);
    // An empty store needs no data step (an upgrade's re-indexing has nothing left to do).
    await db.meta.bulkPut([...generationRows({ content: true, read: true }), ...finishedStepRows()]);
    events.stage('delete', { cleared: true, feeds: true });
    await db.feeds.toCollection().modify((feed) => {
      delete feed.etag;
      delete feed.lastModified;
    });
  });
}
