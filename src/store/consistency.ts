/**
 * The store's invariants, checked and (on request) repaired:
 * - every URL key belongs to one article;
 * - each article is posted in the index exactly under its terms (src/store/article-index);
 * - the index's buckets hold no article that left them, and count their articles right;
 * - links join stored articles; feed memberships join stored feeds and articles;
 * - the kept article count is the number of articles.
 * Reading goes in batches (one read transaction each); repairs re-read what they change inside
 * their own write transaction, so a write between the two is never undone.
 */
import { checkIndex, reindexArticles, repairIndex } from './article-index';
import type { NewsDatabase } from './db';
import type { StoreChange } from './events';
import { generationRows } from './generations';
import type { StoredArticle } from './types';

export type Invariant = 'url-keys' | 'index-entries' | 'week-counts' | 'links' | 'feed-items' | 'article-count';

export const INVARIANT_LABELS: Record<Invariant, string> = {
  'url-keys': 'addresses that belong to more than one article',
  'index-entries': 'articles whose index entries are not their terms',
  'week-counts': 'weeks of the index with articles no longer there or a wrong count',
  links: 'links to or from articles no longer stored',
  'feed-items': 'feed memberships of feeds or articles no longer stored',
  'article-count': 'article count kept out of date',
};

export interface InvariantResult {
  invariant: Invariant;
  found: number;
  fixed: number;
}

export interface ConsistencyReport {
  articles: number;
  results: InvariantResult[];
  /** True when nothing was found (or everything found was fixed). */
  consistent: boolean;
}

const BATCH = 1000;

interface Findings {
  articleIds: Set<string>;
  duplicateKeys: Map<string, string[]>;
  badIndex: string[];
  badWeeks: number;
  danglingLinks: [string, string][];
  danglingItems: [string, string][];
  countWrong: boolean;
}

async function find(db: NewsDatabase): Promise<Findings> {
  const articleIds = new Set<string>();
  const owner = new Map<string, string>();
  const duplicateKeys = new Map<string, string[]>();
  const badIndex: string[] = [];
  let after: string | null = null;
  for (;;) {
    const from = after;
    const batch: StoredArticle[] = await db.transaction('r', db.articles, async () =>
      (from === null ? db.articles.orderBy('id') : db.articles.where('id').above(from)).limit(BATCH).toArray(),
    );
    if (batch.length === 0) break;
    for (const article of batch) {
      articleIds.add(article.id);
      for (const key of article.urls ?? []) {
        const first = owner.get(key);
        if (first === undefined) owner.set(key, article.id);
        else if (first !== article.id) duplicateKeys.set(key, [...(duplicateKeys.get(key) ?? [first]), article.id]);
      }
    }
    after = batch[batch.length - 1]!.id;
  }
  return db.transaction('r', [db.articles, db.segments, db.links, db.feeds, db.feedItems, db.meta], async () => {
    const index = await checkIndex(db);
    badIndex.push(...index.articles);
    const badWeeks = index.buckets;
    const linkKeys = (await db.links.toCollection().primaryKeys()) as [string, string][];
    const danglingLinks = linkKeys.filter(([from, to]) => !articleIds.has(from) || !articleIds.has(to));
    const feedIds = new Set((await db.feeds.toCollection().primaryKeys()) as string[]);
    const itemKeys = (await db.feedItems.toCollection().primaryKeys()) as [string, string][];
    const danglingItems = itemKeys.filter(([feedId, articleId]) => !feedIds.has(feedId) || !articleIds.has(articleId));
    const countRow = await db.meta.get('articleCount');
    const countWrong = countRow !== undefined && countRow.value !== articleIds.size;
    return { articleIds, duplicateKeys, badIndex, badWeeks, danglingLinks, danglingItems, countWrong };
  });
}

/** Which article keeps a URL key held by several: the one stored first (then by id). */
function keeper(articles: StoredArticle[]): StoredArticle {
  return [...articles].sort((a, b) => a.addedAt - b.addedAt || (a.id < b.id ? -1 : 1))[0]!;
}

/** What a repair changed, told inside its transaction (the store announces it when it commits). */
export type RepairChanged = (part: Pick<StoreChange, 'updated' | 'feeds'>) => void;

async function repair(db: NewsDatabase, findings: Findings, changed: RepairChanged | undefined): Promise<Map<Invariant, number>> {
  const fixed = new Map<Invariant, number>();
  await db.transaction('rw', [db.articles, db.segments, db.links, db.feeds, db.feedItems, db.meta], async () => {
    // Articles whose rows or links changed, and whether feed memberships did.
    const updated: string[] = [];
    let feedsChanged = false;
    if (findings.duplicateKeys.size > 0) {
      let count = 0;
      for (const [key, ids] of findings.duplicateKeys) {
        const articles = (await db.articles.bulkGet(ids)).filter((a): a is StoredArticle => a !== undefined && a.urls.includes(key));
        if (articles.length < 2) continue;
        const keep = keeper(articles);
        const changed = articles.filter((a) => a.id !== keep.id).map((a) => ({ ...a, urls: a.urls.filter((u) => u !== key) }));
        await db.articles.bulkPut(changed);
        updated.push(...changed.map((a) => a.id));
        count++;
      }
      fixed.set('url-keys', count);
    }
    // Index fields out of date are made again; then the postings are rebuilt from every article
    // (a wrong posting may belong to any of them).
    for (let i = 0; i < findings.badIndex.length; i += BATCH) {
      const articles = (await db.articles.bulkGet(findings.badIndex.slice(i, i + BATCH))).filter((a): a is StoredArticle => a !== undefined);
      updated.push(...(await reindexArticles(db, articles)));
    }
    if (findings.danglingLinks.length > 0) {
      const live = new Set((await db.articles.toCollection().primaryKeys()) as string[]);
      const stale = findings.danglingLinks.filter(([from, to]) => !live.has(from) || !live.has(to));
      await db.links.bulkDelete(stale);
      // The stored end of a dangling link shows one link fewer.
      updated.push(...stale.flat().filter((id) => live.has(id)));
      fixed.set('links', stale.length);
    }
    if (findings.danglingItems.length > 0) {
      const live = new Set((await db.articles.toCollection().primaryKeys()) as string[]);
      const feeds = new Set((await db.feeds.toCollection().primaryKeys()) as string[]);
      const stale = findings.danglingItems.filter(([feedId, articleId]) => !feeds.has(feedId) || !live.has(articleId));
      await db.feedItems.bulkDelete(stale);
      feedsChanged ||= stale.length > 0;
      fixed.set('feed-items', stale.length);
    }
    if (findings.badWeeks > 0 || findings.badIndex.length > 0) {
      await repairIndex(db);
      fixed.set('index-entries', findings.badIndex.length);
      fixed.set('week-counts', findings.badWeeks);
    }
    if (findings.countWrong) {
      await db.meta.put({ key: 'articleCount', value: await db.articles.count() });
      fixed.set('article-count', 1);
    }
    if ([...fixed.values()].some((n) => n > 0)) {
      // Readers that keep copies (the lookup cache, the digest) must see a new content generation.
      await db.meta.bulkPut(generationRows({ content: true, read: false }));
      changed?.({ updated: [...new Set(updated)], feeds: feedsChanged });
    }
  });
  return fixed;
}

/** Checks every invariant; with `repair`, fixes what it found. */
export async function checkStore(db: NewsDatabase, options: { repair: boolean; changed?: RepairChanged }): Promise<ConsistencyReport> {
  const findings = await find(db);
  const found: Record<Invariant, number> = {
    'url-keys': findings.duplicateKeys.size,
    'index-entries': findings.badIndex.length,
    'week-counts': findings.badWeeks,
    links: findings.danglingLinks.length,
    'feed-items': findings.danglingItems.length,
    'article-count': findings.countWrong ? 1 : 0,
  };
  const fixed = options.repair && Object.values(found).some((n) => n > 0) ? await repair(db, findings, options.changed) : new Map<Invariant, number>();
  const results = (Object.keys(found) as Invariant[]).map((invariant) => ({ invariant, found: found[invariant], fixed: fixed.get(invariant) ?? 0 }));
  return { articles: findings.articleIds.size, results, consistent: results.every((r) => r.found === r.fixed) };
}

/** One line per invariant, for the options page and test logs. */
export function describeReport(report: ConsistencyReport): string[] {
  return report.results.map(({ invariant, found, fixed }) =>
    found === 0 ? `No ${INVARIANT_LABELS[invariant]}.` : `${found} ${INVARIANT_LABELS[invariant]}: ${fixed === found ? 'all fixed' : `${fixed} fixed`}.`,
  );
}

