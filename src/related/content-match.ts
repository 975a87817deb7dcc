/**
 * Same-story matching by content over the store's term index: terms shared with the query,
 * weighted by rarity in the store (IDF) and by field (title over excerpt). A candidate must
 * share at least two informative terms and cover enough of the query's weight.
 */
import type { ArticleStore } from '../store';
import { indexTerms } from './terms';

export interface ContentQuery {
  title: string;
  excerpt: string;
  excludeId?: string | undefined;
}

export interface ContentMatch {
  id: string;
  score: number;
  sharedTerms: string[];
}

/** Terms found in more than this many articles say little about a story; they are skipped. */
const POSTINGS_CAP = 1000;
const TITLE_WEIGHT = 2;
const MIN_SHARED = 2;
const MIN_COVERAGE = 0.3;
const MAX_QUERY_TERMS = 32;

export async function matchByContent(store: ArticleStore, query: ContentQuery): Promise<ContentMatch[]> {
  const { terms, titleTermCount } = indexTerms(query.title, query.excerpt);
  const queryTerms = terms.slice(0, MAX_QUERY_TERMS);
  if (queryTerms.length === 0) return [];
  const total = Math.max(1, await store.countArticles());
  const postings = await Promise.all(queryTerms.map((term) => store.idsWithTerm(term, POSTINGS_CAP)));

  let queryWeight = 0;
  const candidates = new Map<string, { score: number; shared: { term: string; weight: number }[] }>();
  queryTerms.forEach((term, i) => {
    const ids = postings[i]!.filter((id) => id !== query.excludeId);
    if (ids.length >= POSTINGS_CAP) return;
    const idf = Math.log(1 + total / Math.max(1, ids.length));
    const weight = (i < titleTermCount ? TITLE_WEIGHT : 1) * idf;
    queryWeight += weight;
    for (const id of ids) {
      const candidate = candidates.get(id) ?? { score: 0, shared: [] };
      candidate.score += weight;
      candidate.shared.push({ term, weight });
      candidates.set(id, candidate);
    }
  });
  if (queryWeight === 0) return [];
  const matches: ContentMatch[] = [];
  for (const [id, candidate] of candidates) {
    const coverage = candidate.score / queryWeight;
    if (candidate.shared.length < MIN_SHARED || coverage < MIN_COVERAGE) continue;
    const sharedTerms = candidate.shared.sort((a, b) => b.weight - a.weight).slice(0, 5).map((s) => s.term);
    matches.push({ id, score: coverage, sharedTerms });
  }
  return matches.sort((a, b) => b.score - a.score).slice(0, 50);
}
