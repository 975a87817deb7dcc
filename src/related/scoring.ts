/**
 * How alike two articles are, as a story: pure functions, no storage. The engine feeds them
 * document frequencies from the store's index; the eval and unit tests call them directly.
 *
 * The model: BM25 weights over index terms (title terms weigh 1, excerpt terms 0.5), each
 * weighted by rarity in the store (IDF). Similarity is measured both ways — how much of the
 * query's weight the candidate covers, and how much of the candidate's weight the query covers —
 * and the two are combined by geometric mean, so a candidate must share the query's specific
 * terms *and* not bring many specific terms of its own (a different story with one word in
 * common). Distance in publication time then lowers the score: coverage of one story clusters
 * within a day or two.
 */

export interface WeightedTerms {
  /** Term → field weight (1 for title terms, EXCERPT_WEIGHT for excerpt-only terms). */
  weights: Map<string, number>;
  /** Sum of field weights: the document length for BM25's length normalisation. */
  length: number;
}

export const EXCERPT_WEIGHT = 0.5;
const K1 = 1.2;
const B = 0.75;
/** Typical index length of an article (title ≈ 8 terms, excerpt ≈ 20 at half weight). */
export const AVERAGE_LENGTH = 14;

export function weightedTerms(terms: readonly string[], titleTermCount: number): WeightedTerms {
  const weights = new Map<string, number>();
  let length = 0;
  terms.forEach((term, i) => {
    const weight = i < titleTermCount ? 1 : EXCERPT_WEIGHT;
    if ((weights.get(term) ?? 0) < weight) {
      length += weight - (weights.get(term) ?? 0);
      weights.set(term, weight);
    }
  });
  return { weights, length };
}

/** Inverse document frequency; `df` 0 (not yet stored) counts as rarest. */
export function idf(df: number, total: number): number {
  return Math.log((total + 1) / (df + 0.5));
}

/** BM25 contribution of one term present in a document with field weight `weight`. */
function termScore(weight: number, termIdf: number, length: number): number {
  return (termIdf * weight * (K1 + 1)) / (weight + K1 * (1 - B + (B * length) / AVERAGE_LENGTH));
}

/** The most a document can score against itself: the denominator that makes scores 0..1. */
export function selfScore(doc: WeightedTerms, idfOf: (term: string) => number): number {
  let sum = 0;
  for (const [term, weight] of doc.weights) sum += weight * termScore(weight, idfOf(term), doc.length);
  return sum;
}

/** How much of `from`'s weight `to` covers, 0..1 (BM25 of `to` for the query `from`, normalised). */
export function coverage(from: WeightedTerms, to: WeightedTerms, idfOf: (term: string) => number, fromSelf: number): number {
  if (fromSelf <= 0) return 0;
  let sum = 0;
  for (const [term, weight] of from.weights) {
    const toWeight = to.weights.get(term);
    if (toWeight !== undefined) sum += weight * termScore(toWeight, idfOf(term), to.length);
  }
  return Math.min(1, sum / fromSelf);
}

/** Time factor: 1 at the same moment, 1/e a day and a half apart; 1 when either date is unknown. */
export const TIME_SCALE_MS = 36 * 3_600_000;

export function timeFactor(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return 1;
  return Math.exp(-Math.abs(a - b) / TIME_SCALE_MS);
}

export interface StoryScore {
  score: number;
  /** Shared terms, most specific first. */
  shared: string[];
}

/** Same-story score of a candidate for a query, both described by weighted terms. */
export function storyScore(
  query: WeightedTerms,
  candidate: WeightedTerms,
  idfOf: (term: string) => number,
  selfScores: { query: number; candidate: number },
  times: { query?: number | undefined; candidate?: number | undefined },
): StoryScore {
  const shared: { term: string; weight: number }[] = [];
  for (const [term, weight] of query.weights) {
    const other = candidate.weights.get(term);
    if (other !== undefined) shared.push({ term, weight: Math.min(weight, other) * idfOf(term) });
  }
  if (shared.length === 0) return { score: 0, shared: [] };
  const forward = coverage(query, candidate, idfOf, selfScores.query);
  const backward = coverage(candidate, query, idfOf, selfScores.candidate);
  const score = Math.sqrt(forward * backward) * timeFactor(times.query, times.candidate);
  return { score, shared: shared.sort((a, b) => b.weight - a.weight).map((s) => s.term) };
}

/**
 * Two headlines that each name someone or something specific (a name rare in the store) that the
 * other article never mentions are about different subjects: "Huawei unveils AI chip" and
 * "Alibaba launches AI chip" share a topic, not a story. Such pairs keep this share of their score.
 */
export const NAME_CONFLICT_FACTOR = 0.5;
/** A name in more than this share of the store (a country, a big company) does not tell stories apart. */
export const RARE_NAME_SHARE = 0.05;

export function namesConflict(
  query: { names: readonly string[]; terms: WeightedTerms },
  candidate: { names: readonly string[]; terms: WeightedTerms },
  dfOf: (term: string) => number | undefined,
  total: number,
): boolean {
  // Rarity is known for the query's names (they are query terms); a candidate's names count
  // when the query never mentions them.
  const queryRare = query.names.filter((name) => (dfOf(name) ?? Infinity) <= Math.max(1, RARE_NAME_SHARE * total));
  if (queryRare.length === 0) return false;
  if (queryRare.some((name) => candidate.terms.weights.has(name))) return false;
  return candidate.names.some((name) => !query.terms.weights.has(name));
}

/** The decision: shown only with at least two shared terms and a score above the threshold. */
export const SHOW_THRESHOLD = 0.2;
export const MIN_SHARED_TERMS = 2;

/** Beyond this distance in time even identical texts score below the threshold: a lookup never
 * needs to read further (≈ 58 hours, read as 2.5 days). */
export const SHOWABLE_DISTANCE_MS = Math.ceil((TIME_SCALE_MS * Math.log(1 / SHOW_THRESHOLD)) / 43_200_000) * 43_200_000;

export function isSameStory(result: StoryScore): boolean {
  return result.shared.length >= MIN_SHARED_TERMS && result.score >= SHOW_THRESHOLD;
}

/** One side of a pair being judged: its terms, headline names, self score and date. */
export interface PairSide {
  terms: WeightedTerms;
  names: readonly string[];
  self: number;
  publishedAt?: number | undefined;
}

export interface PairJudgement extends StoryScore {
  namesConflict: boolean;
  sameStory: boolean;
}

/** The whole same-story judgement of a pair, as the engine and the digest both make it. */
export function judgePair(query: PairSide, candidate: PairSide, idfOf: (term: string) => number, dfOf: (term: string) => number | undefined, total: number): PairJudgement {
  const result = storyScore(query.terms, candidate.terms, idfOf, { query: query.self, candidate: candidate.self }, { query: query.publishedAt, candidate: candidate.publishedAt });
  const conflict = namesConflict({ names: query.names, terms: query.terms }, { names: candidate.names, terms: candidate.terms }, dfOf, total);
  if (conflict) result.score *= NAME_CONFLICT_FACTOR;
  return { ...result, namesConflict: conflict, sameStory: isSameStory(result) };
}
