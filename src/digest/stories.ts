/**
 * Stories out of a set of articles: articles of one story are joined when the same-story score
 * (the engine's, see ../related/scoring.ts) says so, with frequencies counted in the set itself.
 * Pure: the digest builder feeds it the articles of the digest's window.
 */
import { idf, judgePair, selfScore, weightedTerms, type PairSide } from '../related/scoring';
import { titleNames } from '../related/terms';
import { INDEXED_TERMS } from '../related/postings';

export interface StoryArticle {
  id: string;
  title: string;
  url: string;
  domain: string;
  providerName: string;
  terms: readonly string[];
  titleTermCount: number;
  publishedAt: number;
  topics: readonly string[];
  quality?: number | undefined;
  heat?: number | undefined;
  image?: string | undefined;
}

/** Terms in more than this share of the set (and more than MIN_COMMON articles) do not propose
 * pairs; they still count in scores. */
const COMMON_SHARE = 0.05;
const MIN_COMMON = 20;
/** Articles proposed to each other through one term at most this many times. */
const PAIRS_PER_TERM = 200;

/**
 * Groups articles into stories (each a list of article indexes, the story's central article
 * first; biggest stories first). Star clustering: the article with the most same-story
 * neighbours founds a story with those neighbours, then the next unassigned one, and so on. Every
 * member is the same story as the story's centre, so stories never chain into topics.
 */
export function groupStories(articles: readonly StoryArticle[]): number[][] {
  const n = articles.length;
  const docs = articles.map((a) => weightedTerms(a.terms, a.titleTermCount));
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.weights.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const idfOf = (term: string): number => idf(df.get(term) ?? 0, n);
  const sides: PairSide[] = articles.map((a, i) => ({ terms: docs[i]!, names: titleNames(a.title), self: selfScore(docs[i]!, idfOf), publishedAt: a.publishedAt }));

  // Candidate pairs: articles sharing an indexed term that is not common in the set.
  const postings = new Map<string, number[]>();
  articles.forEach((article, i) => {
    for (const term of article.terms.slice(0, INDEXED_TERMS)) {
      if ((df.get(term) ?? 0) > Math.max(MIN_COMMON, COMMON_SHARE * n)) continue;
      const list = postings.get(term);
      if (list === undefined) postings.set(term, [i]);
      else if (list.length < PAIRS_PER_TERM) list.push(i);
    }
  });
  const neighbours: number[][] = articles.map(() => []);
  const shared = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    shared.clear();
    for (const term of articles[i]!.terms.slice(0, INDEXED_TERMS)) {
      for (const j of postings.get(term) ?? []) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    for (const [j, count] of shared) {
      if (count < 2) continue;
      if (!judgePair(sides[i]!, sides[j]!, idfOf, (term) => df.get(term) ?? 0, n).sameStory) continue;
      neighbours[i]!.push(j);
      neighbours[j]!.push(i);
    }
  }
  const order = articles.map((_, i) => i).sort((a, b) => neighbours[b]!.length - neighbours[a]!.length || a - b);
  const assigned = new Array<boolean>(n).fill(false);
  const stories: number[][] = [];
  for (const centre of order) {
    if (assigned[centre]) continue;
    assigned[centre] = true;
    const story = [centre];
    for (const j of neighbours[centre]!) {
      if (assigned[j]) continue;
      assigned[j] = true;
      story.push(j);
    }
    stories.push(story);
  }
  return stories.sort((a, b) => b.length - a.length);
}
