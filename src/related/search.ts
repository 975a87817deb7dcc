/**
 * Text search over the whole store ("Tesla loan Shanghai", "Sbarro"): the stored articles whose
 * title or excerpt carry the query's words, across all time, best matches first and newest first
 * among equally good ones, each with the words it matched.
 *
 * It reads the engine's term index ("term@week" postings, see postings.ts), never every article:
 * how common each query word is (one index count each), then the rarest word's postings newest
 * first (keys only), then only those rows, in small chunks, to check the other words on them.
 * Articles that match some but not all words come from the next-rarest words' newest postings.
 * Only an article's indexed terms (its first INDEXED_TERMS, title first) find it; the other
 * words are checked on all its terms.
 */
import type { ArticleStore, StoredArticle } from '../store';
import { toArticleView, type ArticleView } from '../store/view';
import { stem, terms, words } from './terms';
import type { RelatedItem } from './types';

export interface SearchOptions {
  /** At most this many hits (default 30). */
  limit?: number;
}

export interface SearchHit {
  article: ArticleView;
  /** The query's words this article carries, as the article writes them. */
  matched: string[];
  /** It carries every query word the store knows. */
  complete: boolean;
  /** Sum of the matched words' weights (rarer words weigh more); equal for equally good hits. */
  score: number;
}

export interface SearchResult {
  /** The query's words that were searched for (as typed, one per index term). */
  words: string[];
  /** Query words no stored article carries (ignored by the search, and said so). */
  missing: string[];
  hits: SearchHit[];
  /** False when older matches may exist beyond what was read (a very common first word). */
  exhaustive: boolean;
}

/** Query words searched (after stop words); more adds little and costs an index count each. */
export const MAX_QUERY_TERMS = 12;
/** Postings of the rarest word read at most (newest first): its newest this-many articles. */
export const DRIVER_CAP = 600;
/** Postings read for each other word, for articles that lack the rarest one. */
export const OTHER_CAP = 60;
/** Other words read that way (the rarest after the first). */
const OTHER_TERMS = 3;
/** Rows read per step while checking the rarest word's articles for the other words. */
const CHUNK = 50;
/** A partial match must carry at least this share of the query's weight. */
const PARTIAL_SHARE = 0.5;

interface QueryTerm {
  term: string;
  word: string;
}

/** The query's index terms (the same tokenizer as the index), each with the word as typed. */
export function queryTerms(text: string): QueryTerm[] {
  const surface = surfaceWords(text);
  return terms(text)
    .slice(0, MAX_QUERY_TERMS)
    .map((term) => ({ term, word: surface.get(term) ?? term }));
}

export async function searchStore(store: ArticleStore, text: string, options: SearchOptions = {}): Promise<SearchResult> {
  const limit = Math.max(1, options.limit ?? 30);
  const query = queryTerms(text);
  if (query.length === 0) return { words: [], missing: [], hits: [], exhaustive: true };
  // One read transaction: one consistent view of the index.
  return store.readIndex(async () => {
    const [total, counts] = await Promise.all([store.countArticles(), Promise.all(query.map((q) => store.countWithTerm(q.term)))]);
    const present = query
      .map((q, i) => ({ ...q, order: i, count: counts[i]!, weight: Math.log(1 + Math.max(1, total) / Math.max(1, counts[i]!)) }))
      .filter((q) => q.count > 0);
    const missing = query.filter((_, i) => counts[i] === 0).map((q) => q.word);
    const result: SearchResult = { words: query.map((q) => q.word), missing, hits: [], exhaustive: true };
    if (present.length === 0) return result;
    present.sort((a, b) => a.count - b.count);

    const fullWeight = present.reduce((sum, q) => sum + q.weight, 0);
    const hits = new Map<string, Scored>();
    const seen = new Set<string>();
    const check = async (ids: readonly string[]): Promise<void> => {
      const fresh = ids.filter((id) => !seen.has(id));
      for (const id of fresh) seen.add(id);
      for (const article of await store.getArticles(fresh)) {
        if (article === undefined) continue;
        const scored = scoreArticle(article, present, fullWeight);
        if (scored !== null) hits.set(article.id, scored);
      }
    };

    // Every article with all the words carries the rarest one. Few carry it: read them all.
    // Many: walk its weeks newest first, each week's articles in time order, until `limit`
    // complete matches are in hand, so that a common word costs a few chunks of rows.
    const driver = present[0]!.term;
    const newest = await store.newestWithTerm(driver, DRIVER_CAP);
    let complete = 0;
    let read = 0;
    const readChunks = async (ids: readonly string[]): Promise<void> => {
      for (let at = 0; at < ids.length && complete < limit && read < DRIVER_CAP; at += CHUNK) {
        const chunk = ids.slice(at, Math.min(at + CHUNK, at + DRIVER_CAP - read));
        read += chunk.length;
        await check(chunk);
        complete = 0;
        for (const hit of hits.values()) if (hit.complete) complete++;
      }
    };
    if (newest.length <= CHUNK) {
      await readChunks(newest);
    } else {
      let found = 0;
      for (const week of await store.weeksNewestFirst()) {
        if (found >= newest.length || complete >= limit || read >= DRIVER_CAP) break;
        const ids = await store.withTermInWeek(driver, week);
        if (ids.length === 0) continue;
        found += ids.length;
        // A week's postings are in id order: sort a large one by time (index keys, not rows).
        await readChunks(ids.length > CHUNK ? await store.newestFirstInWeek(ids, week) : ids);
      }
    }
    result.exhaustive = newest.length < DRIVER_CAP && read >= newest.length;

    // Too few complete matches: articles that lack the rarest word but carry most of the others.
    if (complete < limit && present.length > 1) {
      const others = await Promise.all(present.slice(1, 1 + OTHER_TERMS).map((q) => store.newestWithTerm(q.term, OTHER_CAP)));
      await check(others.flat());
    }

    result.hits = [...hits.values()]
      .sort((a, b) => b.score - a.score || b.time - a.time)
      .slice(0, limit)
      .map(({ article, matched, complete: all, score }) => {
        // The words as the article writes them ("Loans", not the index term "loan").
        const surface = surfaceWords(`${article.title} ${article.excerpt}`);
        return { article: toArticleView(article), matched: matched.map((term) => surface.get(term) ?? term), complete: all, score };
      });
    return result;
  });
}

interface Scored {
  article: StoredArticle;
  /** Matched index terms, in the query's order. */
  matched: string[];
  complete: boolean;
  score: number;
  time: number;
}

function scoreArticle(article: StoredArticle, query: readonly (QueryTerm & { weight: number; order: number })[], fullWeight: number): Scored | null {
  const own = new Set(article.terms);
  const matched = query.filter((q) => own.has(q.term));
  if (matched.length === 0) return null;
  const weight = matched.reduce((sum, q) => sum + q.weight, 0);
  const complete = matched.length === query.length;
  if (!complete && weight < fullWeight * PARTIAL_SHARE) return null;
  return {
    article,
    matched: matched.sort((a, b) => a.order - b.order).map((q) => q.term),
    complete,
    // Rounded so that hits with the same words tie exactly (and are then ordered by time).
    score: Math.round(weight * 1e6) / 1e6,
    time: article.publishedAt ?? article.addedAt,
  };
}

/** Index term → the first word in the text that stems to it, as written (case kept). */
function surfaceWords(text: string): Map<string, string> {
  const surface = new Map<string, string>();
  for (const [word] of text.matchAll(/[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*/gu)) {
    for (const folded of words(word)) {
      const term = stem(folded);
      // One word as written, without a possessive ("Riverton's" → "Riverton"); else the folded part.
      if (!surface.has(term)) surface.set(term, words(word).length === 1 ? word.replace(/['’]s$/i, '') : folded);
    }
  }
  return surface;
}

/** Search hits in the popup's item shape, so every surface shows them the same way. */
export function hitsAsItems(hits: readonly SearchHit[]): RelatedItem[] {
  return hits.map((hit) => ({ article: hit.article, reasons: [{ kind: 'mentions', words: hit.matched }], score: hit.score, alsoIn: [] }));
}
