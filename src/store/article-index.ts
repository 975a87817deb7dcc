/**
 * The store's same-story index, as upgrades and the consistency check see it: what an article's
 * index fields are, how a batch of stored articles is indexed again, and whether the index (the
 * `segments` of src/store/term-index.ts) posts every article exactly as its terms say. Replacing
 * the index changes this module, ./term-index and a schema step, nothing else.
 */
import { bucketOf } from '../index/buckets';
import { buildSegment, forwardDoc, forwardIndex, forwardShow, type ForwardDoc, type SegmentRow } from '../index/segments';
import { termHash } from '../index/terms';
import { indexFields, type IndexFields } from './merge';
import { storedRow, termFieldsOf } from './row-terms';
import type { StoreTables } from './tables';
import { indexedDoc, rebuildIndex, readBucket, rewriteBuckets, updateIndex, type IndexChange } from './term-index';
import type { StoredArticle } from './types';

/** What the index functions need of the database (NewsDatabase, or a step's transaction tables). */
export type IndexTables = Pick<StoreTables, 'articles' | 'segments' | 'meta'>;

/** The index fields of an article as the current tokenizer makes them. */
export function indexFieldsOf(article: Pick<StoredArticle, 'title' | 'excerpt' | 'lang'>): IndexFields {
  return indexFields(article.title, article.excerpt, article.lang);
}

function sameList(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return a !== undefined && a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The forward entries (as forwardKey text) of these articles, by docno, from their buckets'
 * segments: what the index holds of an article whose row keeps no terms. An article posted in a
 * segment without forward data, or in none, is absent. */
async function forwardKeysOf(db: IndexTables, articles: readonly StoredArticle[]): Promise<Map<number, string>> {
  const byBucket = new Map<number, Set<number>>();
  for (const article of articles) {
    const bucket = bucketOf(article.publishedAt);
    const set = byBucket.get(bucket) ?? new Set<number>();
    set.add(article.docno!);
    byBucket.set(bucket, set);
  }
  const out = new Map<number, string>();
  for (const [bucket, docnos] of byBucket) {
    for (const segment of await readBucket(db, bucket)) {
      for (const docno of docnos) {
        const i = forwardIndex(segment, docno);
        if (i !== -1) out.set(docno, forwardKey(forwardDoc(segment, i)));
      }
    }
  }
  return out;
}

/**
 * Indexes these stored articles again with the current tokenizer and index: new index fields
 * where the text gives others, a docno and postings where they have none (an article from an
 * earlier schema). What the article was indexed with: its row's terms where it still has them,
 * else its forward entry in the segments (the row keeps none since `drop-row-terms`). Runs inside
 * the caller's read-write transaction over `articles`, `segments` and `meta`. Returns the ids of
 * the articles whose index entries changed.
 */
export async function reindexArticles(db: IndexTables, articles: readonly StoredArticle[]): Promise<string[]> {
  const changes: IndexChange[] = [];
  const changed: StoredArticle[] = [];
  const indexed = await forwardKeysOf(
    db,
    articles.filter((article) => article.docno !== undefined && article.terms === undefined && !('postings' in article)),
  );
  for (const article of articles) {
    const fields = indexFieldsOf(article);
    const legacy = 'postings' in article;
    const same =
      !legacy &&
      article.docno !== undefined &&
      article.lang === fields.lang &&
      (article.terms !== undefined
        ? sameList(article.terms, fields.terms) && article.titleTermCount === fields.titleTermCount && sameList(article.anchors, fields.anchors)
        : (indexed.get(article.docno) ?? '') === expectedForward({ ...article, ...fields }).forward);
    if (same) continue;
    const after: StoredArticle = { ...article, ...fields };
    delete (after as StoredArticle & { postings?: unknown }).postings;
    // An article of an earlier schema has a docno of no index: it gets a new one.
    changes.push({ before: legacy ? undefined : article, after, again: true });
    changed.push(after);
  }
  if (changes.length > 0) {
    await updateIndex(db, changes);
    await db.articles.bulkPut(changed.map(storedRow));
  }
  return changed.map((a) => a.id);
}

/**
 * Gives segments written before version 7 their forward data: whole buckets rewritten from their
 * articles' rows, in bucket order after `after`, about `size` articles per call (see rewriteBuckets).
 */
export function addForwardData(db: IndexTables, after: number | null, size: number): Promise<{ last: number; articles: number } | null> {
  return rewriteBuckets(db, after, size);
}

/**
 * Gives segments written before the `show-data` step their show fields: the same rewrite of
 * whole buckets from their articles' rows (a bucket whose segments have them is only read).
 */
export function addShowFields(db: IndexTables, after: number | null, size: number): Promise<{ last: number; articles: number } | null> {
  return rewriteBuckets(db, after, size);
}

/** A forward entry as comparable text. */
function forwardKey(doc: ForwardDoc): string {
  return `${[...doc.terms].join(',')}|${[...doc.flags].join('')}|${doc.titleTermCount}|${doc.publishedAt ?? ''}|${doc.lang ?? ''}`;
}

/** A forward entry's show fields as comparable text ('' when its segment has none). */
function showKey(segment: SegmentRow, i: number): string {
  const show = forwardShow(segment, i);
  return show === undefined ? '' : `${show.urlHash.join(',')}|${show.titleHash.join(',')}|${show.outlet}`;
}

/** What an article's forward entry and show fields must be (as buildSegment makes them). */
function expectedForward(article: StoredArticle): { forward: string; show: string } {
  const segment = buildSegment(0, 0, [{ ...indexedDoc(article), docno: 1 }]);
  return segment.forward!.docnos.length === 0 ? { forward: '', show: '' } : { forward: forwardKey(forwardDoc(segment, 0)), show: showKey(segment, 0) };
}

export interface IndexFindings {
  /** Articles not posted as their terms say (or without a docno). */
  articles: string[];
  /** Buckets whose postings name articles no longer there, or whose article count is wrong. */
  buckets: number;
}

/** Compares the index with the articles, bucket by bucket (inside the caller's read transaction). */
export async function checkIndex(db: IndexTables): Promise<IndexFindings> {
  const byBucket = new Map<number, { id: string; docno: number | undefined; terms: string[]; forward: { forward: string; show: string } }[]>();
  await db.articles.each((article) => {
    const bucket = bucketOf(article.publishedAt);
    const list = byBucket.get(bucket) ?? [];
    // Derived from the row's text where it keeps no terms (row-terms.ts): the check runs after the
    // data steps, so the tokenizer's fields are the ones indexed; a mismatch is a wrong index.
    list.push({ id: article.id, docno: article.docno, terms: termFieldsOf(article).terms, forward: expectedForward(article) });
    byBucket.set(bucket, list);
  });
  const stored = (await db.segments.toCollection().primaryKeys()) as [number, number][];
  const buckets = new Set([...byBucket.keys(), ...stored.map(([bucket]) => bucket)]);
  const badArticles: string[] = [];
  let badBuckets = 0;
  for (const bucket of buckets) {
    const articles = byBucket.get(bucket) ?? [];
    const posted = new Map<number, Set<number>>();
    // Forward entries, where segments have them (a segment of version 6 has none until the upgrade's
    // step), and their show fields where those are (none before the `show-data` step).
    const forward = new Map<number, string>();
    const shows = new Map<number, string>();
    let count = 0;
    for (const segment of await readBucket(db, bucket)) {
      count += segment.count;
      const data = segment.forward;
      if (data !== undefined)
        data.docnos.forEach((docno, i) => {
          forward.set(docno, forwardKey(forwardDoc(segment, i)));
          const show = showKey(segment, i);
          if (show !== '') shows.set(docno, show);
        });
      segment.hashes.forEach((hash, i) => {
        for (let k = segment.offsets[i]!; k < segment.offsets[i + 1]!; k++) {
          const docno = segment.docnos[k]!;
          let set = posted.get(docno);
          if (set === undefined) posted.set(docno, (set = new Set()));
          set.add(hash);
        }
      });
    }
    const live = new Set<number>();
    for (const article of articles) {
      if (article.docno === undefined) {
        badArticles.push(article.id);
        continue;
      }
      live.add(article.docno);
      const want = new Set(article.terms.map(termHash));
      const have = posted.get(article.docno) ?? new Set<number>();
      const wrongForward = (forward.has(article.docno) && forward.get(article.docno) !== article.forward.forward) || (shows.has(article.docno) && shows.get(article.docno) !== article.forward.show);
      if (want.size !== have.size || [...want].some((hash) => !have.has(hash)) || wrongForward) badArticles.push(article.id);
    }
    const withTerms = articles.filter((a) => a.docno !== undefined && a.terms.length > 0).length;
    if ([...posted.keys(), ...forward.keys()].some((docno) => !live.has(docno)) || count !== withTerms) badBuckets++;
  }
  return { articles: badArticles, buckets: badBuckets };
}

/** The whole index made again from the articles (inside the caller's read-write transaction). */
export async function repairIndex(db: IndexTables): Promise<void> {
  await rebuildIndex(db);
}
