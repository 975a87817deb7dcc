/**
 * Bounds of a tree model's decision over ranges of its features: the highest score any values in
 * the ranges can give, and the lowest threshold. A candidate whose highest score stays below its
 * lowest threshold cannot be shown, whatever its features not measured yet turn out to be — the
 * engine's screen (candidates.ts) measures those only for the candidates that can.
 *
 * Exact, not an estimate: each tree's highest leaf among those the ranges can reach, summed in
 * the order `predict` sums the leaves (floating-point addition is monotonic, so the bound is at
 * least the score itself, to the last bit).
 */
import { BARE_SPARSE_CROWD, BARE_SPARSE_RELIEF, compile, FEATURES, MUTUAL_CROWD, MUTUAL_RELIEF, MUTUAL_SHARED, SPARSE_CROWD, SPARSE_RELIEF, UNDATED_HEADLINE_ONLY, type CompiledTrees, type TreeModel } from './matcher';

const FEATURE_INDEX = new Map<string, number>(FEATURES.map((name, i) => [name, i]));
/** The highest score of the model over features within [lo, hi] (lo = hi: measured). */
export function maxScore(m: TreeModel, lo: Float64Array, hi: Float64Array): number {
  const trees = compile(m);
  const { v } = trees;
  let score = m.bias;
  for (let i = 0; i < m.trees.length; i++) score += v[highestLeaf(trees, i, 0, lo, hi)]!;
  return score;
}

/** Where in `v` the highest leaf is under a node of tree `i` that features within [lo, hi] reach:
 * down the one branch they take, as predict does, and down both where a range straddles the split.
 * A place, not the leaf's value: a recursive function returning a double boxes it on the heap, and
 * this runs ~10,000 times a lookup (80 candidates × 120 trees) — most of a warm lookup's garbage. */
function highestLeaf(trees: CompiledTrees, i: number, from: number, lo: Float64Array, hi: Float64Array): number {
  const { inner, f, t } = trees;
  const base = i * inner;
  let node = from;
  while (node < inner) {
    const feature = f[base + node]!;
    const split = t[base + node]!;
    // As predict: `x <= split` goes left.
    if (hi[feature]! <= split) node = 2 * node + 1;
    else if (lo[feature]! > split) node = 2 * node + 2;
    else return higher(trees.v, highestLeaf(trees, i, 2 * node + 1, lo, hi), highestLeaf(trees, i, 2 * node + 2, lo, hi));
  }
  return i * trees.leaves + node - inner;
}

/** The place of the larger value, as `Math.max` picks it (a NaN first; of 0 and -0, the 0). */
function higher(v: Float64Array, a: number, b: number): number {
  const x = v[a]!;
  const y = v[b]!;
  if (Number.isNaN(x)) return a;
  if (Number.isNaN(y)) return b;
  if (x > y) return a;
  if (y > x) return b;
  return Object.is(x, -0) ? b : a;
}

/** The lowest threshold (thresholdFor) over features within [lo, hi]: each offset at the end of its
 * feature's range that lowers it most, less the sparse relief where the ranges allow it. */
export function minThreshold(m: TreeModel, lo: Float64Array, hi: Float64Array): number {
  let t = m.threshold;
  if (m.offsets !== undefined) {
    for (const name in m.offsets) {
      const offset = m.offsets[name]!;
      const [low, high] = name === UNDATED_HEADLINE_ONLY ? undatedHeadlineOnly(lo, hi) : [lo[FEATURE_INDEX.get(name) ?? -1] ?? 0, hi[FEATURE_INDEX.get(name) ?? -1] ?? 0];
      // Measured: the same product thresholdFor adds. An offset of 0 adds nothing over any range
      // (and 0 × ∞ would be NaN, which no comparison passes).
      t += low === high ? offset * low : offset === 0 ? 0 : Math.min(offset * low, offset * high);
    }
  }
  const tk = FEATURE_INDEX.get('times_known')!;
  const crowd = FEATURE_INDEX.get('crowd')!;
  const headlineOnly = FEATURE_INDEX.get('headline_only')!;
  // Relieved (matcher.ts barRelief) for some pair within the ranges: undated possible, and a
  // measured crowd in the band possible; the bare band also needs headline only possible. Each
  // relief is taken where possible: a bound, exact when the features are measured.
  const undated = lo[tk]! <= 0 && hi[tk]! >= 0 && hi[crowd]! >= 1;
  const bare = undated && lo[headlineOnly]! <= 1 && hi[headlineOnly]! >= 1;
  // The mutual relief: the query's nearest (similarity_rank 0 possible), nothing nearer to it
  // (closer_candidates 0 possible: it may still be to count) and enough shared terms possible.
  const rank = FEATURE_INDEX.get('similarity_rank')!;
  const closer = FEATURE_INDEX.get('closer_candidates')!;
  const sharedCount = FEATURE_INDEX.get('shared_count')!;
  const mutual = bare && lo[crowd]! <= MUTUAL_CROWD && lo[rank]! <= 0 && hi[rank]! >= 0 && lo[closer]! <= 0 && hi[closer]! >= 0 && hi[sharedCount]! >= MUTUAL_SHARED;
  // Summed first and taken off once, in barRelief's order: the same bits as thresholdFor.
  const relief = (undated && lo[crowd]! <= SPARSE_CROWD ? SPARSE_RELIEF : 0) + (bare && lo[crowd]! <= BARE_SPARSE_CROWD ? BARE_SPARSE_RELIEF : 0) + (mutual ? MUTUAL_RELIEF : 0);
  return t - relief;
}

/** The range of UNDATED_HEADLINE_ONLY's value, (1 − times_known) × headline_only, over the ranges:
 * bilinear, so lowest and highest at corners of the box. A corner at times_known 1 is 0 whatever
 * headline_only (0 × ∞ there is NaN: counted 0). Measured: the same product as `situation`. */
function undatedHeadlineOnly(lo: Float64Array, hi: Float64Array): [number, number] {
  const tk = FEATURE_INDEX.get('times_known')!;
  const ho = FEATURE_INDEX.get('headline_only')!;
  const corners = [lo[tk]!, hi[tk]!].flatMap((t) => [lo[ho]!, hi[ho]!].map((h) => {
    const v = (1 - t) * h;
    return Number.isNaN(v) ? 0 : v;
  }));
  return [Math.min(...corners), Math.max(...corners)];
}
