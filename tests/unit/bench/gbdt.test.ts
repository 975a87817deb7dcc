import { describe, expect, it } from 'vitest';
import { train, DEFAULTS, type TrainingSet } from '../../../bench/gbdt';
import { predict } from '../../../src/related/matcher';

/**
 * Rows whose label rises with feature 0 except in a bump (0.4–0.5, labelled 1) — what deeper
 * trees fit and a monotone constraint forbids — with feature 1 as noise.
 */
function bumpy(): TrainingSet {
  const rows = 2000;
  const x = new Float64Array(rows * 2);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = i / rows;
    x[i * 2] = v;
    x[i * 2 + 1] = (i * 7919) % 13;
    y[i] = (v > 0.4 && v < 0.5) || (v > 0.7 && i % 4 !== 0) ? 1 : 0;
  }
  return { x, rows, features: 2, y, w: new Float64Array(rows).fill(1) };
}

const score = (model: ReturnType<typeof train>, v: number): number => predict(model, Float64Array.from([v, 3]));

describe('boosted trees with monotone features', () => {
  const options = { ...DEFAULTS, trees: 40, depth: 4, minHessian: 1 };

  it('fit the bump when free to', () => {
    const free = train(bumpy(), ['a', 'b'], options);
    expect(score(free, 0.45)).toBeGreaterThan(score(free, 0.55));
  });

  it('never score lower for more of a monotone feature, anywhere', () => {
    const model = train(bumpy(), ['a', 'b'], { ...options, monotone: [1, 0] });
    let previous = -Infinity;
    for (let v = 0; v <= 1; v += 0.005) {
      const s = score(model, v);
      expect(s).toBeGreaterThanOrEqual(previous - 1e-9);
      previous = s;
    }
    // It still learns the rise.
    expect(score(model, 0.9)).toBeGreaterThan(score(model, 0.1) + 1);
  });

  it('train the same model twice from the same rows', () => {
    const a = train(bumpy(), ['a', 'b'], { ...options, monotone: [1, 0] });
    const b = train(bumpy(), ['a', 'b'], { ...options, monotone: [1, 0] });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('boosted trees with a root feature', () => {
  // Feature 1 as a side (0 or 1) that says nothing of the label.
  const sided = (): TrainingSet => {
    const set = bumpy();
    for (let i = 0; i < set.rows; i++) set.x[i * 2 + 1] = i % 2;
    return set;
  };
  const options = { ...DEFAULTS, trees: 20, depth: 3, minHessian: 1 };

  it('split every tree on it first, and no tree does when free to', () => {
    expect(train(sided(), ['a', 'side'], { ...options, root: 1 }).trees.every((t) => t.f[0] === 1)).toBe(true);
    expect(train(sided(), ['a', 'side'], options).trees.some((t) => t.f[0] === 1)).toBe(false);
  });

  it('still learn the rest below it, on each side', () => {
    const model = train(sided(), ['a', 'side'], { ...options, root: 1 });
    for (const side of [0, 1]) expect(predict(model, Float64Array.from([0.9, side]))).toBeGreaterThan(predict(model, Float64Array.from([0.1, side])) + 1);
  });
});
