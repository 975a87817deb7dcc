/**
 * `npm run train:matcher`: learns the same-story model (src/related/matcher-model.json) from the
 * dev cluster files in ../shared/data/clusters, reproducibly (no randomness).
 *
 * Every dev file and its robustness variants (lower-cased, no excerpt, no date) are indexed in
 * memory exactly as the store indexes them; each article's candidates (the engine's first pass)
 * with their evidence and a label (same cluster or not) are the training rows. Every file ×
 * variant has the same total weight, so no file's size decides. Boosted trees (bench/gbdt.ts) fit
 * the evidence; the show threshold is then chosen for all files at once: the most recall such that
 * every file keeps its shown precision and singletons stay clean.
 *
 * Leave-one-file-out: the same procedure without each file in turn, measured on that file; the
 * models go to bench/results/matcher-lofo/ for `npm run eval -- --lofo`.
 *
 * Flags: --no-lofo, --queries N (queries per file and variant, default 1500).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURES, differentSubjects, predict, thresholdFor, type TreeModel } from '../src/related/matcher';
import { applyVariant, candidatesOf, DEV_FILES, haveClusters, metricsOf, readArticles, VARIANTS, type Metrics, type QueryCandidates, type Variant } from './matcher-corpus';
import { train, type TrainingSet } from './gbdt';

/** Candidates per query that become training rows (the first pass's strongest). */
const TRAIN_CANDIDATES = 50;
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const maxQueries = Number(flag('--queries') ?? 1500);
const RANK = FEATURES.indexOf('ranking');

interface Corpus {
  file: string;
  variant: Variant;
  queries: QueryCandidates[];
}

function trainingSet(corpora: Corpus[]): TrainingSet {
  const rows: { x: Float64Array; y: number; w: number }[] = [];
  for (const corpus of corpora) {
    const mine = corpus.queries.flatMap((q) => q.candidates.filter((c) => c.c.evidence.features[RANK]! < TRAIN_CANDIDATES));
    const weight = (corpus.variant === 'original' ? 2 : 1) / Math.max(1, mine.length);
    for (const c of mine) rows.push({ x: c.c.evidence.features, y: c.same ? 1 : 0, w: weight * 1e4 });
  }
  const n = FEATURES.length;
  const x = new Float64Array(rows.length * n);
  rows.forEach((r, i) => x.set(r.x, i * n));
  return { x, rows: rows.length, features: n, y: Uint8Array.from(rows, (r) => r.y), w: Float64Array.from(rows, (r) => r.w) };
}

/** Model scores of every candidate, computed once per model (threshold sweeps reuse them). */
const scoreCache = new WeakMap<TreeModel, WeakMap<object, number>>();
function scoreOf(model: TreeModel, c: { evidence: { features: Float64Array } }): number {
  let scores = scoreCache.get(model);
  if (scores === undefined) {
    scores = new WeakMap();
    scoreCache.set(model, scores);
  }
  let s = scores.get(c);
  if (s === undefined) {
    s = predict(model, c.evidence.features);
    scores.set(c, s);
  }
  return s;
}

function measure(corpus: Corpus, model: TreeModel): Metrics {
  return metricsOf(corpus.queries, (c) => scoreOf(model, c), (c, s) => s >= thresholdFor(model, c.evidence.features) && !differentSubjects(c.evidence.features));
}

/** The objective a threshold is chosen by: recall, with every file's precision and singleton
 * false positives held (originals count double). */
function objective(results: { corpus: Corpus; m: Metrics }[]): number {
  let total = 0;
  let weight = 0;
  for (const { corpus, m } of results) {
    const w = corpus.variant === 'original' ? 2 : 1;
    const fp = m.singleton_false_positive_rate ?? 0;
    total += w * (m.shown_recall - 3 * Math.max(0, 0.93 - m.shown_precision) - 6 * Math.max(0, 0.87 - m.shown_precision) - 6 * Math.max(0, fp - 0.03));
    weight += w;
  }
  return total / weight;
}

/** Situations in which the decision may ask for more or less evidence (see TreeModel.offsets). */
const OFFSET_FEATURES = ['times_known', 'headline_only', 'other_language', 'window_size'] as const;

/**
 * The threshold and its offsets, by coordinate search on the objective over every corpus at
 * once: a few passes over each parameter's grid, keeping what improves.
 */
function chooseDecision(corpora: Corpus[], model: TreeModel): void {
  const value = (): number => objective(corpora.map((corpus) => ({ corpus, m: measure(corpus, model) })));
  model.offsets = Object.fromEntries(OFFSET_FEATURES.map((f) => [f, 0]));
  let best = value();
  const grids: [string, number[]][] = [
    ['threshold', range(-2, 3.5, 0.25)],
    ...OFFSET_FEATURES.map((f): [string, number[]] => [f, range(-3, 3, 0.25)]),
  ];
  for (let pass = 0; pass < 3; pass++) {
    let improved = false;
    for (const [name, grid] of grids) {
      const get = (): number => (name === 'threshold' ? model.threshold : model.offsets![name]!);
      const set = (v: number): void => {
        if (name === 'threshold') model.threshold = v;
        else model.offsets![name] = v;
      };
      let keep = get();
      for (const v of grid) {
        set(v);
        const now = value();
        if (now > best + 1e-9) {
          best = now;
          keep = v;
          improved = true;
        }
      }
      set(keep);
    }
    if (!improved) break;
  }
  for (const f of OFFSET_FEATURES) if (model.offsets[f] === 0) delete model.offsets[f];
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}

function fit(corpora: Corpus[]): TreeModel {
  const set = trainingSet(corpora);
  console.error(`training on ${set.rows} rows (${set.y.reduce((a, b) => a + b, 0)} same-story)`);
  const model = train(set, FEATURES);
  chooseDecision(corpora, model);
  return model;
}

function report(label: string, corpora: Corpus[], model: TreeModel): void {
  for (const corpus of corpora) console.log(JSON.stringify({ [label]: `${corpus.file}/${corpus.variant}`, ...measure(corpus, model) }));
}

function main(): void {
  if (!haveClusters()) {
    console.log('train:matcher: ../shared/data/clusters is absent; nothing to train on');
    return;
  }
  const started = Date.now();
  const corpora: Corpus[] = [];
  for (const file of DEV_FILES) {
    const articles = readArticles(file);
    for (const variant of VARIANTS) {
      corpora.push({ file, variant, queries: candidatesOf(applyVariant(articles, variant), maxQueries) });
      console.error(`indexed ${file}/${variant} (${Math.round((Date.now() - started) / 1000)} s)`);
    }
  }
  const model = fit(corpora);
  writeFileSync(join(import.meta.dirname, '..', 'src', 'related', 'matcher-model.json'), JSON.stringify(model) + '\n');
  console.error(`model: ${model.trees.length} trees, threshold ${model.threshold} ${JSON.stringify(model.offsets)} (${Math.round((Date.now() - started) / 1000)} s)`);
  report('fit', corpora, model);
  if (args.includes('--no-lofo')) return;
  const dir = join(import.meta.dirname, 'results', 'matcher-lofo');
  mkdirSync(dir, { recursive: true });
  for (const file of DEV_FILES) {
    const held = fit(corpora.filter((c) => c.file !== file));
    writeFileSync(join(dir, `${file}.json`), JSON.stringify(held) + '\n');
    report('lofo', corpora.filter((c) => c.file === file), held);
  }
  console.error(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

main();
