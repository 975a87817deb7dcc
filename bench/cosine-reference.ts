/**
 * `npx tsx bench/cosine-reference.ts [FILE ...] [--all] [--variant V,V,…] [--thresholds 0.2,0.3,…]
 * [--idf smooth|plain] [--sweep] [--engine RESULTS.jsonl ...]`: the plain TF-IDF cosine that ../shared/README.md quotes as the
 * reference ("over title + excerpt, no time, no entities, no tuning"), measured with the eval's own
 * metric code (bench/eval.ts clusterMetrics / pairMetrics) so that its figures and the engine's are
 * the same quantities.
 *
 * The cosine: words are runs of two or more letters, digits or underscores, lower-cased (a
 * default bag-of-words vectoriser's tokens); raw counts × smoothed IDF ln((1 + N) / (1 + df)) + 1 with
 * N and df over the file's articles (the variant's text; `--idf plain`: ln(N / df)); each vector
 * L2-normalised. Neither reproduces the README's uci-dev figures exactly (bench/RESULTS.md, session
 * 28, "the cosine reference"): smooth matches its precisions and shows more recall, plain its P@5,
 * MRR and recalls with a little more precision; the README's points lie on or under both curves. An article's
 * ranking is every other article by cosine (highest first, ties in file order); shown = the ranked
 * ones with cosine ≥ t, at most 20. No time, no names, no language, no store: the same figures for
 * a variant whose text is the same (no-date = original, headline-only = no-excerpt, and lowercase =
 * original since every word is lower-cased).
 *
 * Prints one JSON object per file × variant × threshold. `--sweep` adds each file × variant's curve
 * (thresholds 0.05–0.95 by 0.01). `--engine F` (the JSON lines of `npm run eval -- --all --variant V`,
 * several files allowed) prints, per file and variant in them, the engine's shown precision and
 * recall beside the cosine's best recall at a shown precision at least the engine's (over the sweep),
 * and whether the cosine dominates (≥ recall at ≥ precision). Pair files (../shared/README.md) are
 * measured as the eval measures them: their articles stored, a pair "same" when b is shown for a.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { clusterMetrics, pairMetrics, readRows, type PairRow, type QueryOutcome } from './eval';
import { applyVariant, clusterFile, filesToMeasure, VARIANTS, type EvalArticle, type Variant } from './matcher-corpus';

/** The eval's cap on what is shown (and how far MRR looks). */
const SHOWN_MAX = 20;

/** A default vectoriser's words: runs of ≥ 2 word characters, lower-cased. */
export function cosineTerms(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
}

interface Vector {
  terms: Int32Array;
  weights: Float64Array;
}

/** How a term's rarity is weighed: `smooth` ln((1 + N) / (1 + df)) + 1 (a default vectoriser's), or
 * `plain` ln(N / df) (the textbook IDF: a term in every article weighs nothing). */
export type Idf = 'smooth' | 'plain';

/** Each article's L2-normalised TF-IDF vector over title + excerpt, IDF from these articles. */
export function tfidfVectors(texts: readonly string[], idf: Idf = 'smooth'): Vector[] {
  const ids = new Map<string, number>();
  const counts = texts.map((text) => {
    const tf = new Map<number, number>();
    for (const word of cosineTerms(text)) {
      let id = ids.get(word);
      if (id === undefined) ids.set(word, (id = ids.size));
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    return tf;
  });
  const df = new Float64Array(ids.size);
  for (const tf of counts) for (const id of tf.keys()) df[id]!++;
  const n = texts.length;
  return counts.map((tf) => {
    const terms = Int32Array.from(tf.keys());
    const weights = Float64Array.from(terms, (id) => tf.get(id)! * (idf === 'smooth' ? Math.log((1 + n) / (1 + df[id]!)) + 1 : Math.log(n / df[id]!)));
    const norm = Math.hypot(...weights);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    return { terms, weights };
  });
}

export interface Neighbour {
  docno: number;
  cosine: number;
}

/** Each article's `keep` nearest others by cosine (> 0), highest first, ties in file order. */
export function nearestByCosine(vectors: readonly Vector[], keep = SHOWN_MAX): Neighbour[][] {
  const postings = new Map<number, { docno: number; weight: number }[]>();
  for (const [docno, v] of vectors.entries()) {
    for (let i = 0; i < v.terms.length; i++) {
      const term = v.terms[i]!;
      let list = postings.get(term);
      if (list === undefined) postings.set(term, (list = []));
      list.push({ docno, weight: v.weights[i]! });
    }
  }
  const dot = new Float64Array(vectors.length);
  const touched: number[] = [];
  return vectors.map((v, self) => {
    for (let i = 0; i < v.terms.length; i++) {
      const w = v.weights[i]!;
      for (const p of postings.get(v.terms[i]!)!) {
        if (p.docno === self) continue;
        if (dot[p.docno] === 0) touched.push(p.docno);
        dot[p.docno]! += w * p.weight;
      }
    }
    // The best `keep`, kept sorted by insertion (keep is small).
    const best: Neighbour[] = [];
    for (const docno of touched) {
      const cosine = dot[docno]!;
      dot[docno] = 0;
      if (cosine <= 0) continue;
      if (best.length === keep && !before({ docno, cosine }, best[keep - 1]!)) continue;
      let at = best.length === keep ? keep - 1 : best.length;
      while (at > 0 && before({ docno, cosine }, best[at - 1]!)) {
        best[at] = best[at - 1]!;
        at--;
      }
      best[at] = { docno, cosine };
    }
    touched.length = 0;
    return best;
  });
}

const before = (a: Neighbour, b: Neighbour): boolean => a.cosine > b.cosine || (a.cosine === b.cosine && a.docno < b.docno);

/** The eval's outcome of each article for a show threshold: ranked = its nearest, shown = those
 * with cosine ≥ threshold (at most 20). */
export function outcomesAt(articles: readonly EvalArticle[], nearest: readonly Neighbour[][], threshold: number): Map<string, QueryOutcome> {
  return new Map(
    articles.map((a, docno) => {
      const near = nearest[docno]!;
      const ranked = near.map((x) => articles[x.docno]!.id);
      const shown = near.filter((x) => x.cosine >= threshold).slice(0, SHOWN_MAX).map((x) => articles[x.docno]!.id);
      return [a.id, { ranked, shown, ms: 0 }];
    }),
  );
}

export const textOf = (a: EvalArticle): string => `${a.title} ${a.excerpt ?? ''}`;

/** The cosine's figures for one cluster file's articles (a variant applied) at each threshold. */
export function clusterFigures(articles: EvalArticle[], thresholds: readonly number[], idf: Idf = 'smooth'): { threshold: number; metrics: ReturnType<typeof clusterMetrics> }[] {
  const nearest = nearestByCosine(tfidfVectors(articles.map(textOf), idf));
  return thresholds.map((threshold) => ({ threshold, metrics: clusterMetrics(articles, outcomesAt(articles, nearest, threshold)) }));
}

/** The same for a pair file: every article of every pair stored once. */
export function pairFigures(pairs: PairRow[], thresholds: readonly number[], idf: Idf = 'smooth'): { threshold: number; metrics: ReturnType<typeof pairMetrics> }[] {
  const unique = new Map<string, EvalArticle>();
  for (const pair of pairs) for (const a of [pair.a, pair.b]) unique.set(a.id, a);
  const articles = [...unique.values()];
  const nearest = nearestByCosine(tfidfVectors(articles.map(textOf), idf));
  return thresholds.map((threshold) => ({ threshold, metrics: pairMetrics(pairs, outcomesAt(articles, nearest, threshold)) }));
}

export interface CurvePoint {
  threshold: number;
  precision: number;
  recall: number;
}

/** The cosine's best recall at a precision at least `precision` (over the points of its curve;
 * precision is not monotone in the threshold, so every point is looked at), or null if none reaches it. */
export function recallAtPrecision(curve: readonly CurvePoint[], precision: number): CurvePoint | null {
  let best: CurvePoint | null = null;
  for (const point of curve) if (point.precision >= precision && (best === null || point.recall > best.recall)) best = point;
  return best;
}

const SWEEP = Array.from({ length: 91 }, (_, i) => Math.round((0.05 + i * 0.01) * 100) / 100);

function main(): void {
  const args = process.argv.slice(2);
  const valueOf = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const engineFiles = args.flatMap((a, i) => (args[i - 1] === '--engine' ? [a] : []));
  const variants = (valueOf('--variant')?.split(',') ?? ['original', 'no-date', 'no-excerpt', 'lowercase', 'headline-only']) as Variant[];
  for (const v of variants) if (!VARIANTS.includes(v) || v === 'small-store') throw new Error(`--variant: ${v} is not a text variant (${VARIANTS.join(', ')})`);
  const thresholds = (valueOf('--thresholds') ?? '0.2,0.3,0.4,0.5').split(',').map(Number);
  const idf = (valueOf('--idf') ?? 'smooth') as Idf;
  if (idf !== 'smooth' && idf !== 'plain') throw new Error('--idf must be smooth or plain');
  const valued = new Set(['--variant', '--thresholds', '--engine', '--idf']);
  let files = filesToMeasure(args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? '')), args, 'cosine-reference');
  if (files === null) return;
  if (files.length === 0) {
    console.error('usage: npx tsx bench/cosine-reference.ts (FILE.jsonl ... | --all) [--variant V,V] [--thresholds T,T] [--idf smooth|plain] [--sweep] [--engine EVAL.jsonl ...]');
    process.exit(2);
  }
  files = files.map((f) => (existsSync(f) || !existsSync(clusterFile(f)) ? f : clusterFile(f)));
  const engine = engineFiles.flatMap((f) => readRows(f) as Record<string, unknown>[]).filter((r) => typeof r['file'] === 'string');
  const sweep = args.includes('--sweep') || engine.length > 0;
  const rows: string[] = [];
  for (const file of files) {
    const name = basename(file);
    const raw = readRows(file);
    const isPairs = raw.length > 0 && raw.every((row) => typeof row === 'object' && row !== null && 'a' in row && 'b' in row && 'label' in row);
    for (const variant of variants) {
      const at = [...new Set([...thresholds, ...(sweep ? SWEEP : [])])].sort((a, b) => a - b);
      if (isPairs) {
        const pairs = (raw as PairRow[]).map((pair) => ({ ...pair, a: applyVariant([pair.a], variant)[0]!, b: applyVariant([pair.b], variant)[0]! }));
        for (const { threshold, metrics } of pairFigures(pairs, at, idf)) if (thresholds.includes(threshold)) console.log(JSON.stringify({ file: name, variant, reference: 'tfidf-cosine', idf, threshold, ...metrics }));
        continue;
      }
      const figures = clusterFigures(applyVariant(raw as EvalArticle[], variant), at, idf);
      for (const { threshold, metrics } of figures) if (thresholds.includes(threshold)) console.log(JSON.stringify({ file: name, variant, reference: 'tfidf-cosine', idf, threshold, ...metrics }));
      const curve = figures.map(({ threshold, metrics }) => ({ threshold, precision: metrics.shown_precision, recall: metrics.shown_recall }));
      if (args.includes('--sweep')) console.log(JSON.stringify({ file: name, variant, reference: 'tfidf-cosine', idf, curve: curve.map((p) => `${p.threshold}:${p.precision}/${p.recall}`).join(' ') }));
      const mine = engine.find((r) => r['file'] === name && (r['variant'] ?? 'original') === variant);
      if (mine === undefined) continue;
      const precision = mine['shown_precision'] as number;
      const recall = mine['shown_recall'] as number;
      const best = recallAtPrecision(curve, precision);
      const dominated = best !== null && best.recall >= recall;
      rows.push(`| ${name.replace(/\.jsonl$/, '')} | ${variant} | ${precision.toFixed(3)} / ${recall.toFixed(3)} | ${best === null ? '— (never that precise)' : `${best.recall.toFixed(3)} (t ${best.threshold.toFixed(2)}, precision ${best.precision.toFixed(3)})`} | ${dominated ? '**yes**' : 'no'} |`);
    }
  }
  if (rows.length > 0) {
    console.log('| file | variant | engine: shown precision / recall | cosine: best recall at ≥ that precision | cosine dominates |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) main();
