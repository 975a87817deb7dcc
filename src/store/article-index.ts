/**
 * The store's term index, in one place: what an article is indexed under, how a batch of stored
 * articles is indexed again (after an upgrade, or by "Check and repair"), and what index entries an
 * article should have (the consistency check). Replacing the index (a postings table instead of the
 * `*postings` multi-entry index) changes this module and a schema step, nothing else.
 */
import type { StoreTables } from './tables';
import { postingKeys, weekOf } from '../related/postings';
import { indexTerms } from '../related/terms';
import type { StoredArticle } from './types';

/** What the index functions need of the database (NewsDatabase, or the upgrade's transaction tables). */
export type IndexTables = Pick<StoreTables, 'articles' | 'weekCounts'>;

type IndexFields = Pick<StoredArticle, 'terms' | 'titleTermCount' | 'postings'>;

/** The index fields of an article as the current tokenizer makes them. */
export function indexFieldsOf(article: Pick<StoredArticle, 'title' | 'excerpt' | 'publishedAt' | 'addedAt'>): IndexFields {
  const { terms, titleTermCount } = indexTerms(article.title, article.excerpt);
  return { terms, titleTermCount, postings: postingKeys(terms, article.publishedAt ?? article.addedAt) };
}

/** The index entries an article should have (the consistency check compares them with the stored ones). */
export function expectedIndexEntries(article: StoredArticle): string[] {
  return indexFieldsOf(article).postings;
}

/** The index entries stored for these articles, by id. */
export async function storedIndexEntries(_db: IndexTables, articles: readonly StoredArticle[]): Promise<Map<string, string[]>> {
  return new Map(articles.map((article) => [article.id, Array.isArray(article.postings) ? article.postings : []]));
}

function sameList(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return a !== undefined && a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * Indexes these stored articles again with the current tokenizer, writing only those whose index
 * differs. Runs inside the caller's read-write transaction over `articles` (and the index's
 * tables). Returns the ids of the articles that changed (the caller announces them).
 */
export async function reindexArticles(db: IndexTables, articles: readonly StoredArticle[]): Promise<string[]> {
  const changed: StoredArticle[] = [];
  for (const article of articles) {
    const fields = indexFieldsOf(article);
    if (sameList(article.terms, fields.terms) && article.titleTermCount === fields.titleTermCount && sameList(article.postings, fields.postings)) continue;
    changed.push({ ...article, ...fields });
  }
  if (changed.length > 0) await db.articles.bulkPut(changed);
  return changed.map((article) => article.id);
}

/** The week an article is indexed under. */
export function indexWeekOf(article: Pick<StoredArticle, 'publishedAt' | 'addedAt'>): number {
  return weekOf(article.publishedAt ?? article.addedAt);
}

/**
 * How many articles each week holds, counted from the time indexes (keys only, no rows): every
 * article with a publication time by that, the rest by when they were stored.
 */
export async function countWeeks(db: IndexTables): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  const dated = new Set<string>();
  await db.articles.orderBy('publishedAt').eachKey((time, cursor) => {
    dated.add(String(cursor.primaryKey));
    const week = weekOf(Number(time));
    counts.set(week, (counts.get(week) ?? 0) + 1);
  });
  await db.articles.orderBy('addedAt').eachKey((time, cursor) => {
    if (dated.has(String(cursor.primaryKey))) return;
    const week = weekOf(Number(time));
    counts.set(week, (counts.get(week) ?? 0) + 1);
  });
  return counts;
}

/** Replaces the week counts with `counts` (inside the caller's read-write transaction). */
export async function writeWeekCounts(db: IndexTables, counts: ReadonlyMap<number, number>): Promise<void> {
  await db.weekCounts.clear();
  await db.weekCounts.bulkPut([...counts].map(([week, count]) => ({ week, count })));
}
