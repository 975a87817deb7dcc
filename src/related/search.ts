/**
 * Text search over the whole store ("Tesla loan Shanghai", "Sbarro"): the stored articles whose
 * title or excerpt carry the query's words, across all time, best matches first and newest first
 * among equally good ones, each with the words it matched.
 *
 * It reads the engine's index (src/index/segments.ts), never every article: the buckets newest
 * week first, a few at a time, each bucket one request holding every posting of its week, so which
 * articles carry which query word is known without reading them. It stops once enough articles
 * carry every word; only the best hits' rows are read.
 */
import type { ArticleStore, StoredArticle } from '../store';
import { toArticleView, type ArticleView } from '../store/view';
import { terms, termHash, textLanguage } from '../index/terms';
import { regionOfTerm, regionTerm } from '../index/regions';
import { stem, words } from '../index/tokenize';
import { windowOver } from './candidates';
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

/** Query words searched (after stop words). */
export const MAX_QUERY_TERMS = 12;
/** Buckets (weeks) read per step, newest first. */
const BUCKETS_PER_STEP = 4;
/** A partial match must carry at least this share of the query's weight. */
const PARTIAL_SHARE = 0.5;

interface QueryTerm {
  term: string;
  word: string;
}

/** The query's index terms (the same tokenizer as the index), each with the word as typed. */
export function queryTerms(text: string): QueryTerm[] {
  const surface = surfaceWords(text, textLanguage(text));
  return terms(text)
    .slice(0, MAX_QUERY_TERMS)
    .map((term) => ({ term, word: surface.get(term) ?? term }));
}

export async function searchStore(store: ArticleStore, text: string, options: SearchOptions = {}): Promise<SearchResult> {
  const limit = Math.max(1, options.limit ?? 30);
  const query = queryTerms(text);
  if (query.length === 0) return { words: [], missing: [], hits: [], exhaustive: true };
  const hashes = query.map((q) => termHash(q.term));
  // One read transaction: one consistent view of the index.
  return store.readIndex(async () => {
    const buckets = await store.bucketsNewestFirst();
    const counts = query.map(() => 0);
    let total = 0;
    /** docno → bit set of the query words it carries, and the order it was found in (newest weeks first). */
    const carried = new Map<number, { mask: number; order: number }>();
    const all = (1 << query.length) - 1;
    let complete = 0;
    let at = 0;
    while (at < buckets.length && complete < limit) {
      const step = buckets.slice(at, at + BUCKETS_PER_STEP);
      at += step.length;
      const window = windowOver((await Promise.all(step.map((b) => store.segmentsOf(b)))).flat());
      total += window.total;
      hashes.forEach((hash, i) => {
        const list = window.docsWith(hash);
        counts[i] = counts[i]! + list.length;
        for (const docno of list) {
          const entry = carried.get(docno);
          if (entry === undefined) carried.set(docno, { mask: 1 << i, order: carried.size });
          else entry.mask |= 1 << i;
        }
      });
      complete = 0;
      for (const { mask } of carried.values()) if (mask === all) complete++;
    }
    const exhaustive = at >= buckets.length;
    // Words no article read carries: said to be missing only when every bucket was read.
    const present = query.map((q, i) => ({ ...q, order: i, weight: Math.log(1 + Math.max(1, total) / Math.max(1, counts[i]!)) })).filter((_, i) => counts[i]! > 0);
    const missing = exhaustive ? query.filter((_, i) => counts[i] === 0).map((q) => q.word) : [];
    const result: SearchResult = { words: query.map((q) => q.word), missing, hits: [], exhaustive };
    if (present.length === 0) return result;
    const presentMask = present.reduce((mask, q) => mask | (1 << q.order), 0);
    const fullWeight = present.reduce((sum, q) => sum + q.weight, 0);
    const scored: { docno: number; score: number; order: number; matched: string[]; complete: boolean }[] = [];
    for (const [docno, { mask, order }] of carried) {
      const matched = present.filter((q) => (mask & (1 << q.order)) !== 0);
      const weight = matched.reduce((sum, q) => sum + q.weight, 0);
      const isComplete = (mask & presentMask) === presentMask;
      if (!isComplete && weight < fullWeight * PARTIAL_SHARE) continue;
      // Rounded so that hits with the same words tie exactly (and are then ordered by time).
      scored.push({ docno, score: Math.round(weight * 1e6) / 1e6, order, matched: matched.map((q) => q.term), complete: isComplete });
    }
    scored.sort((a, b) => b.score - a.score || a.order - b.order);
    // Rows of the best hits, and of every hit tied with the last of them, to order ties by time.
    const cut = scored[Math.min(limit, scored.length) - 1]?.score ?? 0;
    const best = scored.filter((hit, i) => i < limit || hit.score === cut).slice(0, limit * 4);
    const rows = new Map((await store.articlesByDocno(best.map((h) => h.docno))).map((row) => [row.docno!, row]));
    const hits: Scored[] = [];
    for (const hit of best) {
      const article = rows.get(hit.docno);
      if (article !== undefined) hits.push({ article, matched: hit.matched, complete: hit.complete, score: hit.score, time: article.publishedAt ?? article.addedAt });
    }
    result.hits = hits
      .sort((a, b) => b.score - a.score || b.time - a.time)
      .slice(0, limit)
      .map(({ article, matched, complete: all, score }) => {
        // The words as the article writes them ("Loans", not the index term "loan").
        const text = `${article.title} ${article.excerpt}`;
        const surface = surfaceWords(text, textLanguage(text, article.lang));
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

/** Index term → the first word in the text that stems to it, as written (case kept). */
function surfaceWords(text: string, lang: string): Map<string, string> {
  const surface = new Map<string, string>();
  for (const [word] of text.matchAll(/[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*/gu)) {
    for (const folded of words(word)) {
      const term = stem(folded);
      // One word as written, without a possessive ("Riverton's" → "Riverton"); else the folded part.
      const written = words(word).length === 1 ? word.replace(/['’]s$/i, '') : folded;
      if (!surface.has(term)) surface.set(term, written);
      // A country's whole name is searched as its region marker (terms.ts): shown as typed.
      const region = regionOfTerm(term, lang);
      if (region !== undefined && !surface.has(regionTerm(region))) surface.set(regionTerm(region), written);
    }
  }
  return surface;
}

/** Search hits in the popup's item shape, so every surface shows them the same way. */
export function hitsAsItems(hits: readonly SearchHit[]): RelatedItem[] {
  return hits.map((hit) => ({ article: hit.article, reasons: [{ kind: 'mentions', words: hit.matched }], score: hit.score, alsoIn: [] }));
}
