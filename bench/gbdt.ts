/**
 * Gradient-boosted regression trees with the logistic loss: a small, dependency-free trainer for
 * the matcher's model (src/related/matcher.ts reads its output). Features are cut into quantile
 * bins; each tree is grown level by level to a fixed depth with Newton leaf values and L2
 * shrinkage. Deterministic for the same rows.
 */
import type { TreeModel } from '../src/related/matcher';

export interface TrainingSet {
  /** Row-major features, rows × features. */
  x: Float64Array;
  rows: number;
  features: number;
  y: Uint8Array;
  /** Per-row weight (e.g. to give every file the same say). */
  w: Float64Array;
}

export interface GbdtOptions {
  trees: number;
  depth: number;
  learningRate: number;
  lambda: number;
  bins: number;
  minHessian: number;
  /** Per feature: +1 where the score may only rise with the feature, −1 where it may only fall,
   * 0 (or absent) where it may go either way. More of the same evidence must never count against
   * a pair: deeper trees otherwise fit bumps of the dev files (a pair scoring higher for being
   * less similar) that a user's store does not share. */
  monotone?: readonly number[];
  /** A feature every tree splits on first (its root), whatever the gain: the rows on each side of
   * it then share no leaf (train-matcher --bare-root). */
  root?: number;
}

export const DEFAULTS: GbdtOptions = { trees: 120, depth: 3, learningRate: 0.15, lambda: 1, bins: 32, minHessian: 5 };

export function train(set: TrainingSet, names: readonly string[], options: GbdtOptions = DEFAULTS): TreeModel {
  const { rows, features } = set;
  // Quantile cut points per feature (from a sample), and each row's bin per feature.
  const cuts: number[][] = [];
  const binned = new Uint8Array(rows * features);
  const step = Math.max(1, Math.floor(rows / 20000));
  for (let f = 0; f < features; f++) {
    const sample: number[] = [];
    for (let i = 0; i < rows; i += step) sample.push(set.x[i * features + f]!);
    sample.sort((a, b) => a - b);
    const c: number[] = [];
    for (let b = 1; b < options.bins; b++) {
      const v = sample[Math.floor((b / options.bins) * sample.length)]!;
      if (c.length === 0 || v > c[c.length - 1]!) c.push(v);
    }
    cuts.push(c);
    for (let i = 0; i < rows; i++) {
      const v = set.x[i * features + f]!;
      let lo = 0;
      let hi = c.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= c[mid]!) hi = mid;
        else lo = mid + 1;
      }
      binned[i * features + f] = lo;
    }
  }
  let positive = 0;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    positive += set.y[i]! * set.w[i]!;
    total += set.w[i]!;
  }
  const p0 = Math.min(0.99, Math.max(0.01, positive / total));
  const bias = Math.log(p0 / (1 - p0));
  const score = new Float64Array(rows).fill(bias);
  const g = new Float64Array(rows);
  const h = new Float64Array(rows);
  const node = new Int32Array(rows);
  const trees: TreeModel['trees'] = [];
  const nb = options.bins;
  const monotone = options.monotone ?? [];
  const lambda = options.lambda;
  const clip = (w: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, w));
  // The loss reduction of a leaf of weight w (G²/(H+λ) at its own best weight).
  const worth = (G: number, H: number, w: number): number => -(2 * G * w + (H + lambda) * w * w);
  const nodes = 2 ** (options.depth + 1) - 1;
  for (let t = 0; t < options.trees; t++) {
    for (let i = 0; i < rows; i++) {
      const p = 1 / (1 + Math.exp(-score[i]!));
      g[i] = (p - set.y[i]!) * set.w[i]!;
      h[i] = Math.max(1e-6, p * (1 - p)) * set.w[i]!;
    }
    node.fill(0);
    const splitF: number[] = [];
    const splitT: number[] = [];
    // The bounds each node's leaves must keep to (monotone splits above it set them).
    const lower = new Float64Array(nodes).fill(-Infinity);
    const upper = new Float64Array(nodes).fill(Infinity);
    for (let d = 0; d < options.depth; d++) {
      const width = 2 ** d;
      const first = width - 1;
      const hg = new Float64Array(width * features * nb);
      const hh = new Float64Array(width * features * nb);
      for (let i = 0; i < rows; i++) {
        const base = (node[i]! - first) * features * nb;
        const gi = g[i]!;
        const hi = h[i]!;
        const row = i * features;
        for (let f = 0; f < features; f++) {
          const k = base + f * nb + binned[row + f]!;
          hg[k]! += gi;
          hh[k]! += hi;
        }
      }
      const chosen: { f: number; bin: number }[] = [];
      for (let n = 0; n < width; n++) {
        const lo = lower[first + n]!;
        const hi = upper[first + n]!;
        let best = { gain: 0, f: -1, bin: -1, left: 0, right: 0 };
        for (let f = 0; f < features; f++) {
          if (d === 0 && options.root !== undefined && f !== options.root) continue;
          const base = (n * features + f) * nb;
          let G = 0;
          let H = 0;
          for (let b = 0; b < nb; b++) {
            G += hg[base + b]!;
            H += hh[base + b]!;
          }
          let GL = 0;
          let HL = 0;
          const parent = worth(G, H, clip(-G / (H + lambda), lo, hi));
          const sign = monotone[f] ?? 0;
          for (let b = 0; b < cuts[f]!.length; b++) {
            GL += hg[base + b]!;
            HL += hh[base + b]!;
            const GR = G - GL;
            const HR = H - HL;
            if (HL < options.minHessian || HR < options.minHessian) continue;
            const left = clip(-GL / (HL + lambda), lo, hi);
            const right = clip(-GR / (HR + lambda), lo, hi);
            if ((sign > 0 && left > right) || (sign < 0 && left < right)) continue;
            const gain = worth(GL, HL, left) + worth(GR, HR, right) - parent;
            if (gain > best.gain) best = { gain, f, bin: b, left, right };
          }
        }
        chosen.push({ f: best.f, bin: best.bin });
        // Children keep their parent's bounds; a monotone split also parts them at the middle
        // of its two sides' weights, so every leaf below the lower side stays under every leaf
        // below the higher one.
        const node = first + n;
        for (const child of [2 * node + 1, 2 * node + 2]) {
          lower[child] = lo;
          upper[child] = hi;
        }
        const sign = best.f === -1 ? 0 : (monotone[best.f] ?? 0);
        if (sign !== 0) {
          const mid = (best.left + best.right) / 2;
          if (sign > 0) {
            upper[2 * node + 1] = mid;
            lower[2 * node + 2] = mid;
          } else {
            lower[2 * node + 1] = mid;
            upper[2 * node + 2] = mid;
          }
        }
        splitF.push(best.f === -1 ? 0 : best.f);
        splitT.push(best.f === -1 ? 1e300 : cuts[best.f]![best.bin]!);
      }
      for (let i = 0; i < rows; i++) {
        const n = node[i]!;
        const c = chosen[n - first]!;
        const left = c.f === -1 || binned[i * features + c.f]! <= c.bin;
        node[i] = 2 * n + (left ? 1 : 2);
      }
    }
    const leaves = 2 ** options.depth;
    const firstLeaf = leaves - 1;
    const G = new Float64Array(leaves);
    const H = new Float64Array(leaves);
    for (let i = 0; i < rows; i++) {
      G[node[i]! - firstLeaf]! += g[i]!;
      H[node[i]! - firstLeaf]! += h[i]!;
    }
    const v = [...G].map((gs, l) => Math.round(clip(-gs / (H[l]! + lambda), lower[firstLeaf + l]!, upper[firstLeaf + l]!) * options.learningRate * 1e5) / 1e5);
    for (let i = 0; i < rows; i++) score[i]! += v[node[i]! - firstLeaf]!;
    trees.push({ f: splitF, t: splitT.map((x) => (x >= 1e300 ? 1e300 : Math.round(x * 1e6) / 1e6)), v });
  }
  return { features: names, depth: options.depth, bias: Math.round(bias * 1e5) / 1e5, trees, threshold: 0 };
}
