/**
 * The same-story engine over the store's persistent index. A lookup reads, in one transaction:
 * the document frequencies of the query's terms (one bulk read), the postings of its specific
 * terms (one index read each, in parallel), the best candidates (one bulk read), and the document
 * frequencies of their terms (one bulk read). Nothing is held in memory between lookups, and the
 * work grows with the postings of a few rare terms, not with the store.
 */
import type { ArticleStore, StoredArticle } from '../store';
import { idf, isSameStory, NAME_CONFLICT_FACTOR, namesConflict, selfScore, storyScore, weightedTerms, type StoryScore } from './scoring';
import { titleNames } from './terms';

export interface EngineQuery {
  terms: readonly string[];
  titleTermCount: number;
  /** Epoch ms. */
  publishedAt?: number | undefined;
  /** The query's headline, for the names in it. */
  title: string;
  /** The query's own stored article, never returned. */
  excludeId?: string | undefined;
}

export interface RankedCandidate extends StoryScore {
  article: StoredArticle;
  /** The two headlines name different subjects (the score was lowered for it). */
  namesConflict: boolean;
  /** Passes the same-story decision (enough shared terms, score above threshold). */
  sameStory: boolean;
}

/** A term in more articles than this says little about one story: it still counts in scores,
 * but its postings are not read to find candidates. */
export function postingsCap(total: number): number {
  return Math.max(500, Math.round(total * 0.02));
}

/** How many candidates (by a first, cheap score) are read and scored in full. */
const CANDIDATES = 120;
const MAX_QUERY_TERMS = 32;

export async function rankByContent(store: ArticleStore, query: EngineQuery): Promise<RankedCandidate[]> {
  const queryTerms = query.terms.slice(0, MAX_QUERY_TERMS);
  if (queryTerms.length === 0) return [];
  return store.readIndex(async () => {
    const total = Math.max(1, await store.countArticles());
    const df = await store.documentFrequencies(queryTerms);
    const idfOf = (term: string): number => idf(df.get(term) ?? 0, total);
    const queryDoc = weightedTerms(queryTerms, query.titleTermCount);

    // 1. Candidates: articles sharing the query's specific terms, by shared weight × rarity.
    const cap = postingsCap(total);
    const specific = [...queryDoc.weights.keys()].filter((term) => {
      const count = df.get(term) ?? 0;
      return count > 0 && count <= cap;
    });
    const postings = await Promise.all(specific.map((term) => store.idsWithTerm(term)));
    const firstScore = new Map<string, number>();
    specific.forEach((term, i) => {
      const weight = queryDoc.weights.get(term)! * idfOf(term);
      for (const id of postings[i]!) if (id !== query.excludeId) firstScore.set(id, (firstScore.get(id) ?? 0) + weight);
    });
    const candidateIds = [...firstScore].sort((a, b) => b[1] - a[1]).slice(0, CANDIDATES).map(([id]) => id);
    if (candidateIds.length === 0) return [];
    const articles = (await store.getArticles(candidateIds)).filter((a): a is StoredArticle => a !== undefined);

    // 2. Full scores, which need the frequencies of the candidates' own terms too.
    const queryNames = titleNames(query.title);
    const candidateNames = new Map(articles.map((article) => [article.id, titleNames(article.title)]));
    const missing = new Set<string>();
    for (const article of articles) for (const term of [...article.terms, ...candidateNames.get(article.id)!]) if (!df.has(term)) missing.add(term);
    for (const term of queryNames) if (!df.has(term)) missing.add(term);
    if (missing.size > 0) for (const [term, count] of await store.documentFrequencies([...missing])) df.set(term, count);
    const querySelf = selfScore(queryDoc, idfOf);
    const ranked: RankedCandidate[] = [];
    for (const article of articles) {
      const doc = weightedTerms(article.terms, article.titleTermCount);
      const result = storyScore(queryDoc, doc, idfOf, { query: querySelf, candidate: selfScore(doc, idfOf) }, { query: query.publishedAt, candidate: article.publishedAt });
      const conflict = namesConflict({ names: queryNames, terms: queryDoc }, { names: candidateNames.get(article.id)!, terms: doc }, (term) => df.get(term) ?? 0, total);
      if (conflict) result.score *= NAME_CONFLICT_FACTOR;
      if (result.score > 0) ranked.push({ ...result, article, namesConflict: conflict, sameStory: isSameStory(result) });
    }
    return ranked.sort((a, b) => b.score - a.score || (b.article.publishedAt ?? 0) - (a.article.publishedAt ?? 0));
  });
}
