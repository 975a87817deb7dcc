/**
 * Study (session 32, issue 10): why same-story pairs of bare headlines are missed. `npx tsx
 * bench/bare-pairs-study.ts PAIRS.jsonl ... [--variant V] [--examples N] [--model FILE]` judges each
 * pair file's pairs in memory (the training harness's index, window and judgement: the store's
 * first hop) and prints, for the same-story pairs missed and found (and the different-story pairs
 * shown): whether the mate was a candidate at all, its score against its bar, the shared index
 * terms, and what a plain lower-cased word match (the cosine reference's words) shares that the
 * index terms do not — a word family the stem leaves apart ("shot"/"shooting"), hyphens,
 * possessives, number words — and the anchor flags of the shared terms.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { indexTerms } from '../src/index/terms';
import { currentModel, FEATURES, predict, thresholdFor, useModel, type TreeModel } from '../src/related/matcher';
import { MemoryIndex, toMatchDoc } from '../src/related/memory-index';
import { cosineTerms, tfidfVectors } from './cosine-reference';
import { readRows, type PairRow } from './eval';
import { applyVariant, publishedAt, type EvalArticle, type Variant } from './matcher-corpus';

const args = process.argv.slice(2);
const valueAt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const variant = (valueAt('--variant') ?? 'headline-only') as Variant;
const examples = Number(valueAt('--examples') ?? '0');
const modelFile = valueAt('--model');
if (modelFile !== undefined) useModel(JSON.parse(readFileSync(modelFile, 'utf8')) as TreeModel);
const skip = new Set(['--variant', '--examples', '--model'].flatMap((n) => (args.includes(n) ? [args.indexOf(n), args.indexOf(n) + 1] : [])));
const files = args.filter((_, i) => !skip.has(i));
const AT = (name: (typeof FEATURES)[number]): number => FEATURES.indexOf(name);

interface Row {
  file: string;
  label: 'same' | 'different';
  candidate: boolean;
  shown: boolean;
  score: number;
  bar: number;
  features: Float64Array | undefined;
  shared: string[];
  wordsShared: string[];
  familyOnly: string[];
  cosine: number;
  aTitle: string;
  bTitle: string;
  aTerms: string[];
  bTerms: string[];
  sharedAnchors: number;
}

/** Words of a plain match (lower-cased, ≥ 2 characters) less English stop words as the index drops them. */
function plainWords(title: string): Set<string> {
  return new Set(cosineTerms(title));
}

const rows: Row[] = [];
for (const file of files) {
  const pairs = (readRows(file) as PairRow[]).map((p) => ({ ...p, a: applyVariant([p.a], variant)[0]!, b: applyVariant([p.b], variant)[0]! }));
  const unique = new Map<string, EvalArticle>();
  for (const p of pairs) for (const a of [p.a, p.b]) unique.set(a.id, a);
  const articles = [...unique.values()];
  const docno = new Map(articles.map((a, i) => [a.id, i]));
  const index = new MemoryIndex();
  const termsOf: string[][] = [];
  const anchorsOf: Set<string>[] = [];
  for (const a of articles) {
    const t = indexTerms(a.title, a.excerpt ?? '', a.lang);
    termsOf.push(t.terms);
    anchorsOf.push(new Set(t.anchors));
    index.add(toMatchDoc({ ...t, publishedAt: publishedAt(a) }));
  }
  const vectors = tfidfVectors(articles.map((a) => `${a.title} ${a.excerpt ?? ''}`));
  const cos = (i: number, j: number): number => {
    const x = vectors[i]!;
    const y = vectors[j]!;
    const w = new Map<number, number>();
    for (let k = 0; k < x.terms.length; k++) w.set(x.terms[k]!, x.weights[k]!);
    let dot = 0;
    for (let k = 0; k < y.terms.length; k++) dot += (w.get(y.terms[k]!) ?? 0) * y.weights[k]!;
    return dot;
  };
  const model = currentModel();
  const judgedOf = new Map<number, ReturnType<MemoryIndex['related']>>();
  for (const p of pairs) {
    const i = docno.get(p.a.id)!;
    const j = docno.get(p.b.id)!;
    let judged = judgedOf.get(i);
    if (judged === undefined) judgedOf.set(i, (judged = index.related(index.docs[i]!, i)));
    const c = judged.find((x) => x.docno === j);
    const aTerms = termsOf[i]!;
    const bTerms = termsOf[j]!;
    const shared = aTerms.filter((t) => bTerms.includes(t));
    const aw = plainWords(p.a.title);
    const bw = plainWords(p.b.title);
    const wordsShared = [...aw].filter((w) => bw.has(w));
    // Word pairs of a family: the same first 4 letters (or one a prefix of the other), different terms.
    const familyOnly: string[] = [];
    for (const x of aTerms) {
      if (bTerms.includes(x) || /\d/.test(x) || x.length < 3) continue;
      for (const y of bTerms) {
        if (aTerms.includes(y) || /\d/.test(y) || y.length < 3) continue;
        const n = Math.min(x.length, y.length, 4);
        if (x.slice(0, n) === y.slice(0, n) && (n >= 4 || x.startsWith(y) || y.startsWith(x))) familyOnly.push(`${x}~${y}`);
      }
    }
    const sharedAnchors = shared.filter((t) => anchorsOf[i]!.has(t) || anchorsOf[j]!.has(t)).length;
    rows.push({
      file: basename(file, '.jsonl'),
      label: p.label,
      candidate: c !== undefined,
      shown: c?.sameStory === true,
      score: c?.score ?? -Infinity,
      bar: c === undefined ? NaN : thresholdFor(model, c.evidence.features),
      features: c?.evidence.features,
      shared,
      wordsShared,
      familyOnly,
      cosine: cos(i, j),
      aTitle: p.a.title,
      bTitle: p.b.title,
      aTerms,
      bTerms,
      sharedAnchors,
    });
  }
}

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
const hist = (values: number[], edges: number[]): string =>
  edges
    .map((e, k) => {
      const lo = k === 0 ? -Infinity : edges[k - 1]!;
      return `≤${e}:${values.filter((v) => v > lo && v <= e).length}`;
    })
    .join(' ') + ` >${edges.at(-1)}:${values.filter((v) => v > edges.at(-1)!).length}`;

function summary(name: string, set: Row[]): void {
  const cands = set.filter((r) => r.candidate);
  console.log(`\n== ${name}: ${set.length} pairs; candidate ${pct(cands.length, set.length)}; shown ${pct(set.filter((r) => r.shown).length, set.length)}`);
  console.log(`  shared index terms: ${hist(set.map((r) => r.shared.length), [0, 1, 2, 3])}`);
  console.log(`  shared plain words: ${hist(set.map((r) => r.wordsShared.length), [0, 1, 2, 3])}`);
  console.log(`  shared anchors: ${hist(set.map((r) => r.sharedAnchors), [0, 1, 2])}`);
  console.log(`  with a family pair the stem leaves apart: ${pct(set.filter((r) => r.familyOnly.length > 0).length, set.length)}`);
  console.log(`  cosine: ${hist(set.map((r) => r.cosine), [0.05, 0.1, 0.2, 0.3, 0.4, 0.5])}`);
  console.log(`  margin (score − bar), candidates: ${hist(cands.map((r) => r.score - r.bar), [-3, -2, -1.5, -1, -0.5, 0])}`);
  console.log(`  crowd: ${hist(cands.map((r) => r.features![AT('crowd')]!), [0, 1, 3, 8, 20])}`);
  console.log(`  similarity_rank: ${hist(cands.map((r) => r.features![AT('similarity_rank')]!), [0, 1, 2, 5])}`);
  console.log(`  rank (first pass): ${hist(cands.map((r) => r.features![AT('ranking')]!), [0, 1, 2, 5])}`);
}

for (const label of ['same', 'different'] as const) {
  for (const kind of ['random', 'near']) {
    const set = rows.filter((r) => r.label === label && r.file.includes(`-${kind}-`));
    if (set.length === 0) continue;
    if (label === 'same') {
      summary(`${kind} same, missed`, set.filter((r) => !r.shown));
      summary(`${kind} same, found`, set.filter((r) => r.shown));
    } else summary(`${kind} different, all`, set);
  }
}

// Which words the plain match shares that the index terms do not: why.
const missed = rows.filter((r) => r.label === 'same' && !r.shown);
const lostWords = new Map<string, number>();
for (const r of missed) for (const w of r.wordsShared) if (!r.shared.some((t) => t === w || w.startsWith(t))) lostWords.set(w, (lostWords.get(w) ?? 0) + 1);
console.log('\nplain words shared by missed same pairs that no shared index term stands for (top 40):');
console.log([...lostWords].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([w, n]) => `${w}:${n}`).join(' '));
const families = new Map<string, number>();
for (const r of missed) for (const f of r.familyOnly) families.set(f, (families.get(f) ?? 0) + 1);
console.log('\nterm families the stem leaves apart in missed same pairs (top 60):');
console.log([...families].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([w, n]) => `${w}:${n}`).join(' '));
const diffFamilies = new Map<string, number>();
for (const r of rows.filter((x) => x.label === 'different')) for (const f of r.familyOnly) diffFamilies.set(f, (diffFamilies.get(f) ?? 0) + 1);
console.log('\nthe same in different-story pairs (top 30):');
console.log([...diffFamilies].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([w, n]) => `${w}:${n}`).join(' '));

if (examples > 0) {
  console.log('\nexamples of missed same pairs (candidates, by margin):');
  const sample = missed.filter((_, k) => k % Math.max(1, Math.floor(missed.length / examples)) === 0).slice(0, examples);
  for (const r of sample) {
    const f = r.features;
    console.log(
      `[${r.file}] m=${(r.score - r.bar).toFixed(2)} crowd=${f ? f[AT('crowd')] : '-'} cos=${r.cosine.toFixed(2)} shared=${JSON.stringify(r.shared)} fam=${JSON.stringify(r.familyOnly)}\n   A: ${r.aTitle}\n   B: ${r.bTitle}\n   a=${JSON.stringify(r.aTerms)} b=${JSON.stringify(r.bTerms)}`,
    );
  }
}

// Cross-tabulation: missed same pairs the cosine would take (cosine ≥ 0.2) by margin, and the
// features that say how the candidate stands against its window, beside different-story pairs.
const standing = ['similarity', 'similarity_rank', 'similarity_gap', 'near_rivals', 'closer_candidates', 'crowd', 'rarest_shared_df', 'shared_count', 'anchors', 'rare_terms_carried'] as const;
function standingOf(name: string, set: Row[]): void {
  const c = set.filter((r) => r.features !== undefined);
  const med = (k: (typeof standing)[number]): string => {
    const v = c.map((r) => r.features![AT(k)]!).sort((x, y) => x - y);
    return v.length === 0 ? '-' : `${v[Math.floor(v.length / 4)]!.toFixed(2)}/${v[Math.floor(v.length / 2)]!.toFixed(2)}/${v[Math.floor((3 * v.length) / 4)]!.toFixed(2)}`;
  };
  console.log(`${name} (${c.length}): ` + standing.map((k) => `${k} ${med(k)}`).join('; '));
}
console.log('\nquartiles (q1/median/q3) of standing features:');
for (const kind of ['random', 'near']) {
  const of = rows.filter((r) => r.file.includes(`-${kind}-`));
  standingOf(`${kind} same missed, cos≥0.2`, of.filter((r) => r.label === 'same' && !r.shown && r.cosine >= 0.2));
  standingOf(`${kind} same missed, cos<0.2`, of.filter((r) => r.label === 'same' && !r.shown && r.cosine < 0.2));
  standingOf(`${kind} same found`, of.filter((r) => r.label === 'same' && r.shown));
  standingOf(`${kind} different, candidates`, of.filter((r) => r.label === 'different'));
  standingOf(`${kind} different shown`, of.filter((r) => r.label === 'different' && r.shown));
}

// Which features hold the missed candidates down: each feature of a missed same pair (a candidate
// under its bar) set to the median of the found same pairs of the same kind of store, one at a
// time; the mean score change (the trees' view, predict) and how many would then cross their bar.
{
  const model = currentModel();
  for (const kind of ['random', 'near']) {
    const of = rows.filter((r) => r.file.includes(`-${kind}-`) && r.label === 'same' && r.features !== undefined);
    const found = of.filter((r) => r.shown);
    const missedNear = of.filter((r) => !r.shown && r.score - r.bar >= -2);
    const median = (k: number): number => {
      const v = found.map((r) => r.features![k]!).sort((x, y) => x - y);
      return v[Math.floor(v.length / 2)] ?? 0;
    };
    const lifts: { name: string; mean: number; cross: number }[] = [];
    for (const [k, name] of FEATURES.entries()) {
      if (name === 'bare' || name === 'crowd') continue;
      let sum = 0;
      let cross = 0;
      for (const r of missedNear) {
        const x = Float64Array.from(r.features!);
        x[k] = median(k);
        const s = predict(model, x);
        sum += s - r.score;
        if (s >= thresholdFor(model, x)) cross++;
      }
      lifts.push({ name, mean: sum / Math.max(1, missedNear.length), cross });
    }
    lifts.sort((a, b) => b.mean - a.mean);
    console.log(`\n${kind}: missed same pairs within 2 of their bar (${missedNear.length}); a feature at the found pairs' median: mean score change, crossing`);
    console.log(lifts.slice(0, 14).map((l) => `${l.name} ${l.mean >= 0 ? '+' : ''}${l.mean.toFixed(2)} (${l.cross})`).join('; '));
  }
}

{
  const q = (v: number[]): string => {
    v.sort((x, y) => x - y);
    return v.length === 0 ? '-' : `${v[Math.floor(v.length / 4)]!.toFixed(3)}/${v[Math.floor(v.length / 2)]!.toFixed(3)}/${v[Math.floor((3 * v.length) / 4)]!.toFixed(3)}`;
  };
  for (const kind of ['random', 'near']) {
    const of = rows.filter((r) => r.file.includes(`-${kind}-`) && r.features !== undefined);
    const groups: [string, Row[]][] = [
      ['same missed ≥−2', of.filter((r) => r.label === 'same' && !r.shown && r.score - r.bar >= -2)],
      ['same found', of.filter((r) => r.label === 'same' && r.shown)],
      ['different', of.filter((r) => r.label === 'different')],
    ];
    for (const [name, g] of groups) {
      const bg = g.map((r) => r.features![AT('background')]!);
      console.log(`${kind} ${name} (${g.length}): similarity ${q(g.map((r) => r.features![AT('similarity')]!))}; background ${q(bg)} (0: ${bg.filter((b) => b === 0).length}); above_background ${q(g.map((r) => r.features![AT('above_background')]!))}; relative_similarity ${q(g.map((r) => r.features![AT('relative_similarity')]!))}`);
    }
  }
}
