/**
 * The store's derived values and bookkeeping, kept in `meta` next to the articles: the
 * generations readers cache by, the article count, when the store was last filled, values
 * derived from it (the digest), work marks, and the recently read articles. Apart from the
 * writes so that callers that only ask "how much, how new, changed since?" read one small module.
 */
import { CONTENT_GENERATION, generationOf, READ_GENERATION, type Generations } from './generations';
import type { StoreDatabase, StoreTables } from './tables';
import type { StoredArticle } from './types';

/** The kept number of articles (written with every write that adds or removes articles). */
export const META_ARTICLE_COUNT = 'articleCount';
/** When records or feed items were last stored. */
export const META_LAST_FILLED = 'lastFilledAt';

/** The kept article count, counted once if missing. Runs in the caller's transaction (over
 * `articles` and `meta`). */
export async function countArticlesInTransaction(db: Pick<StoreTables, 'articles' | 'meta'>): Promise<number> {
  const row = await db.meta.get(META_ARTICLE_COUNT);
  if (typeof row?.value === 'number') return row.value;
  return db.articles.count();
}

/** Number of stored articles (kept in meta; counted once if missing). */
export async function countArticles(db: StoreDatabase): Promise<number> {
  return db.transaction('r', db.articles, db.meta, () => countArticlesInTransaction(db));
}

/** The generation of the articles' content (see ./generations): unchanged by reading marks.
 * Undefined for a store never written. */
export async function generation(db: Pick<StoreTables, 'meta'>): Promise<string | undefined> {
  return generationOf(await db.meta.get(CONTENT_GENERATION));
}

/** Both generations: content, and reading marks (for what shows what the user read). */
export async function generations(db: Pick<StoreTables, 'meta'>): Promise<Generations> {
  const [content, read] = await db.meta.bulkGet([CONTENT_GENERATION, READ_GENERATION]);
  return { content: generationOf(content), read: generationOf(read) };
}

export async function lastFilledAt(db: Pick<StoreTables, 'meta'>): Promise<number | undefined> {
  const row = await db.meta.get(META_LAST_FILLED);
  return typeof row?.value === 'number' ? row.value : undefined;
}

/** Whether records or feed items were ever stored (false again after `clear`). */
export async function hasBeenFilled(db: Pick<StoreTables, 'meta'>): Promise<boolean> {
  return (await lastFilledAt(db)) !== undefined;
}

/** The articles the user read most recently, newest first. */
export async function recentlyRead(db: Pick<StoreTables, 'articles'>, limit: number): Promise<StoredArticle[]> {
  return db.articles.orderBy('readAt').reverse().limit(limit).toArray();
}

/** Work in progress that must finish even if the worker stops (see src/background/pending-work). */
export async function markWork(db: Pick<StoreTables, 'meta'>, name: string, value: unknown): Promise<void> {
  await db.meta.put({ key: `work:${name}`, value });
}

export async function clearWork(db: Pick<StoreTables, 'meta'>, name: string): Promise<void> {
  await db.meta.delete(`work:${name}`);
}

/** Every work-in-progress mark, by name. */
export async function pendingWork(db: Pick<StoreTables, 'meta'>): Promise<Map<string, unknown>> {
  const rows = await db.meta.where('key').startsWith('work:').toArray();
  return new Map(rows.map((row) => [row.key.slice('work:'.length), row.value]));
}

/** A derived, cached value kept with the store (e.g. the digest), and the generation it was made for. */
export async function loadDerived<T>(db: Pick<StoreTables, 'meta'>, key: string): Promise<{ value: T; generation: string | undefined } | undefined> {
  const row = await db.meta.get(`derived:${key}`);
  if (row === undefined || row.value === null || typeof row.value !== 'object') return undefined;
  return row.value as { value: T; generation: string | undefined };
}

export async function saveDerived<T>(db: Pick<StoreTables, 'meta'>, key: string, value: T, generation: string | undefined): Promise<void> {
  await db.meta.put({ key: `derived:${key}`, value: { value, generation } });
}
