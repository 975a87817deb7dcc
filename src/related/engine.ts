/**
 * The same-story engine over the store's persistent index. A lookup reads, in one transaction:
 * how many articles the weeks around the query's date hold (one small bulk read), a capped sample
 * of each query term's postings in those weeks (one index read each, in parallel; see
 * postings.ts), and the best candidates (one bulk read). Nothing needs to be in memory before a
 * lookup and nothing is counted at ingest beyond the week totals; the work follows the news of a
 * few days, not the size of the store. A context that keeps answering keeps samples and
 * candidates in a bounded cache, dropped whenever the store is written (lookup-cache.ts).
 */
import type { ArticleStore, StoredArticle } from '../store';
import { idPosition } from '../record/id';
import { cacheFor, type CandidateVector } from './lookup-cache';
import { estimateCount, INDEXED_TERMS, postingKey, weeksAround } from './postings';
import { idf, judgePair, selfScore, weightedTerms, type PairJudgement } from './scoring';
import { titleNames } from './terms';

export interface EngineQuery {
  terms: readonly string[];
  titleTermCount: number;
  /** The query's headline, for the names in it. */
  title: string;
  /** Epoch ms; without it the query is taken to be news of today. */
  publishedAt?: number | undefined;
  /** The query's own stored article, never returned. */
  excludeId?: string | undefined;
}

export interface RankedCandidate extends PairJudgement {
  id: string;
  vector: CandidateVector;
}

export interface Ranking {
  candidates: RankedCandidate[];
  /** Whole rows this lookup read anyway (callers need not read them again). */
  rows: Map<string, StoredArticle>;
}

/** Postings read per term and week: enough to estimate how common the term is, and a uniform
 * sample of candidates when it is common. Title terms find most same-story articles, so they
 * are read further than excerpt terms. */
export const TITLE_SAMPLE_CAP = 40;
export const EXCERPT_SAMPLE_CAP = 12;
/** How many candidates (by a first, cheap score) are scored in full. */
const CANDIDATES = 60;
/** Query terms read (title terms first), as many as an article has indexed. */
const MAX_QUERY_TERMS = INDEXED_TERMS;

export interface RankOptions {
  now?: number;
  /** Use (and fill) the context's cache (default true). */
  cache?: boolean;
}

export async function rankByContent(store: ArticleStore, query: EngineQuery, options: RankOptions = {}): Promise<Ranking> {
  const rows = new Map<string, StoredArticle>();
  const queryTerms = [...new Set(query.terms)].slice(0, MAX_QUERY_TERMS);
  if (queryTerms.length === 0) return { candidates: [], rows };
  const weeks = weeksAround(query.publishedAt ?? options.now ?? Date.now());
  const capOf = (i: number): number => (i < query.titleTermCount ? TITLE_SAMPLE_CAP : EXCERPT_SAMPLE_CAP);
  const cache = options.cache === false ? null : cacheFor(store);
  return store.readIndex(async () => {
    const [generation, windowTotal] = await Promise.all([store.generation(), store.articlesInWeeks(weeks)]);
    cache?.sync(generation);
    // Every sample not in the cache is read in one batch of index reads.
    const samples: string[][][] = queryTerms.map(() => []);
    const missing: { term: string; week: number; cap: number; at: [number, number]; key: string }[] = [];
    queryTerms.forEach((term, i) =>
      weeks.forEach((week, w) => {
        const key = `${postingKey(term, week)}#${capOf(i)}`;
        const cached = cache?.samples.get(key);
        if (cached !== undefined) samples[i]![w] = cached;
        else missing.push({ term, week, cap: capOf(i), at: [i, w], key });
      }),
    );
    const read = await store.postingsSamples(missing);
    missing.forEach(({ at: [i, w], key }, n) => {
      samples[i]![w] = read[n]!;
      cache?.samples.set(key, read[n]!);
    });
    const total = Math.max(1, windowTotal);

    // How common each term is in these weeks, estimated from its sample (see postings.ts).
    const df = new Map<string, number>();
    queryTerms.forEach((term, i) => {
      const count = samples[i]!.reduce((sum, ids) => sum + estimateCount(ids, capOf(i), idPosition), 0);
      const excluded = query.excludeId !== undefined && samples[i]!.some((ids) => ids.includes(query.excludeId!)) ? 1 : 0;
      df.set(term, Math.max(0, count - excluded));
    });
    const idfOf = (term: string): number => idf(df.get(term) ?? 0, total);
    const queryDoc = weightedTerms(queryTerms, Math.min(query.titleTermCount, queryTerms.length));

    // Candidates: articles in the samples, by shared weight × rarity.
    const firstScore = new Map<string, number>();
    queryTerms.forEach((term, i) => {
      const weight = queryDoc.weights.get(term)! * idfOf(term);
      for (const ids of samples[i]!) for (const id of ids) if (id !== query.excludeId) firstScore.set(id, (firstScore.get(id) ?? 0) + weight);
    });
    const candidateIds = [...firstScore].sort((a, b) => b[1] - a[1]).slice(0, CANDIDATES).map(([id]) => id);
    const vectors = new Map<string, CandidateVector>();
    const toRead: string[] = [];
    for (const id of candidateIds) {
      const cached = cache?.vectors.get(id);
      if (cached !== undefined) vectors.set(id, cached);
      else toRead.push(id);
    }
    if (cache !== null) {
      cache.hits += candidateIds.length - toRead.length;
      cache.misses += toRead.length;
    }
    for (const article of await store.getArticles(toRead)) {
      if (article === undefined) continue;
      rows.set(article.id, article);
      const vector: CandidateVector = { id: article.id, title: article.title, terms: article.terms, titleTermCount: article.titleTermCount, publishedAt: article.publishedAt };
      vectors.set(article.id, vector);
      cache?.vectors.set(article.id, vector);
    }

    // Full scores. A candidate's own terms that the query lacks were not sampled: they count at
    // the query's average rarity, which is what makes a candidate with much of its own less alike.
    const queryIdfs = queryTerms.map(idfOf);
    const averageIdf = queryIdfs.reduce((a, b) => a + b, 0) / queryIdfs.length;
    const candidateIdf = (term: string): number => (df.has(term) ? idfOf(term) : averageIdf);
    const querySelf = selfScore(queryDoc, idfOf);
    const queryNames = titleNames(query.title);
    const candidates: RankedCandidate[] = [];
    for (const id of candidateIds) {
      const vector = vectors.get(id);
      if (vector === undefined) continue;
      const doc = weightedTerms(vector.terms, vector.titleTermCount);
      const judgement = judgePair(
        { terms: queryDoc, names: queryNames, self: querySelf, publishedAt: query.publishedAt },
        { terms: doc, names: titleNames(vector.title), self: selfScore(doc, candidateIdf), publishedAt: vector.publishedAt },
        idfOf,
        (term) => df.get(term),
        total,
      );
      if (judgement.score > 0) candidates.push({ ...judgement, id, vector });
    }
    candidates.sort((a, b) => b.score - a.score || (b.vector.publishedAt ?? 0) - (a.vector.publishedAt ?? 0));
    return { candidates, rows };
  });
}
