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
import { compile, FEATURES, type CompiledTrees, type TreeModel } from './matcher';

const FEATURE_INDEX = new Map<string, number>(FEATURES.map((name, i) => [name, i]));
/** The highest score of the model over features within [lo, hi] (lo = hi: measured). */
export function maxScore(m: TreeModel, lo: Float64Array, hi: Float64Array): number {
  const trees = compile(m);
  let score = m.bias;
  for (let i = 0; i < m.trees.length; i++) score += highestLeaf(trees, i, 0, lo, hi);
  return score;
}

/** The highest leaf under a node of tree `i` that features within [lo, hi] reach: down the one
 * branch they take, as predict does, and down both where a range straddles the split. */
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
    else return Math.max(highestLeaf(trees, i, 2 * node + 1, lo, hi), highestLeaf(trees, i, 2 * node + 2, lo, hi));
  }
  return trees.v[i * trees.leaves + node - inner]!;
}

/** The lowest threshold (thresholdFor) over features within [lo, hi]: each offset at the end of its
 * feature's range that lowers it most. */
export function minThreshold(m: TreeModel, lo: Float64Array, hi: Float64Array): number {
  let t = m.threshold;
  if (m.offsets !== undefined) {
    for (const name in m.offsets) {
      const offset = m.offsets[name]!;
      const at = FEATURE_INDEX.get(name) ?? -1;
      const low = lo[at] ?? 0;
      const high = hi[at] ?? 0;
      // Measured: the same product thresholdFor adds. An offset of 0 adds nothing over any range
      // (and 0 × ∞ would be NaN, which no comparison passes).
      t += low === high ? offset * low : offset === 0 ? 0 : Math.min(offset * low, offset * high);
    }
  }
  return t;
}
