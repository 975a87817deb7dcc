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
  for (let t = 0; t < options.trees; t++) {
    for (let i = 0; i < rows; i++) {
      const p = 1 / (1 + Math.exp(-score[i]!));
      g[i] = (p - set.y[i]!) * set.w[i]!;
      h[i] = Math.max(1e-6, p * (1 - p)) * set.w[i]!;
    }
    node.fill(0);
    const splitF: number[] = [];
    const splitT: number[] = [];
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
        let best = { gain: 0, f: -1, bin: -1 };
        for (let f = 0; f < features; f++) {
          const base = (n * features + f) * nb;
          let G = 0;
          let H = 0;
          for (let b = 0; b < nb; b++) {
            G += hg[base + b]!;
            H += hh[base + b]!;
          }
          let GL = 0;
          let HL = 0;
          const parent = (G * G) / (H + options.lambda);
          for (let b = 0; b < cuts[f]!.length; b++) {
            GL += hg[base + b]!;
            HL += hh[base + b]!;
            const GR = G - GL;
            const HR = H - HL;
            if (HL < options.minHessian || HR < options.minHessian) continue;
            const gain = (GL * GL) / (HL + options.lambda) + (GR * GR) / (HR + options.lambda) - parent;
            if (gain > best.gain) best = { gain, f, bin: b };
          }
        }
        chosen.push({ f: best.f, bin: best.bin });
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
    const v = [...G].map((gs, l) => Math.round((-gs / (H[l]! + options.lambda)) * options.learningRate * 1e5) / 1e5);
    for (let i = 0; i < rows; i++) score[i]! += v[node[i]! - firstLeaf]!;
    trees.push({ f: splitF, t: splitT.map((x) => (x >= 1e300 ? 1e300 : Math.round(x * 1e6) / 1e6)), v });
  }
  return { features: names, depth: options.depth, bias: Math.round(bias * 1e5) / 1e5, trees, threshold: 0 };
}
