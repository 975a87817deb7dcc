/**
 * `npm run eval -- FILE.jsonl`: same-story quality of the real engine, run in Node over
 * fake-indexeddb through the same store module the extension uses. FILE is a cluster file or a
 * pair file in the format of ../shared/README.md; prints one JSON object with the metrics
 * defined there, plus time per query.
 */
import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NewsRecord } from '../src/record/record';
import { toNewsRecord } from '../src/record/record';
import { findRelated } from '../src/related/find-related';
import type { RelatedQuery } from '../src/related/types';
import { ArticleStore } from '../src/store';
import { useModel, type TreeModel } from '../src/related/matcher';
import { applyVariant, clusterFile, filesToMeasure, publishedAt, SMALL_STORES_PER_FILE, smallStores, VARIANTS, type EvalArticle, type Variant } from './matcher-corpus';


export interface PairRow {
  a: EvalArticle;
  b: EvalArticle;
  label: 'same' | 'different';
}

export interface QueryOutcome {
  /** Ranked ids (the article itself excluded), best first. */
  ranked: string[];
  /** Ids the product would show (after its threshold; at most 20). */
  shown: string[];
  ms: number;
}

/** A fresh store holding every article, as the eval stores them: one URL per eval id (a URL that
 * two rows share, or none, gets a synthetic one, so every row stays its own article). `urlOf`: eval
 * id → its URL; `idOfUrl`: the URL → eval id; `idOfStored`: a stored article's id → eval id. */
export async function storeEvalArticles(articles: readonly EvalArticle[], name: string): Promise<{ store: ArticleStore; urlOf: Map<string, string>; idOfUrl: Map<string, string>; idOfStored: Map<string, string>; storeMs: number }> {
  const store = new ArticleStore({ name });
  const urlCount = new Map<string, number>();
  for (const a of articles) if (a.url) urlCount.set(a.url, (urlCount.get(a.url) ?? 0) + 1);
  const urlOf = new Map<string, string>();
  const records: NewsRecord[] = [];
  for (const a of articles) {
    const url = a.url && urlCount.get(a.url) === 1 && /^https?:\/\//.test(a.url) ? a.url : `https://eval.invalid/${encodeURIComponent(a.id)}`;
    const parsed = toNewsRecord({
      title: a.title,
      excerpt: a.excerpt ?? '',
      webUrl: url,
      provider: a.provider ?? undefined,
      publishedDateTime: a.publishedDateTime ?? undefined,
      topics: a.topics ?? [],
      ...(a.lang ? { lang: a.lang } : {}),
    });
    if (!parsed.ok) throw new Error(`article ${a.id}: ${parsed.error}`);
    records.push(parsed.record);
    urlOf.set(a.id, url);
  }
  const idOfUrl = new Map([...urlOf].map(([id, url]) => [url, id]));
  const idOfStored = new Map<string, string>();
  const started = performance.now();
  for (let i = 0; i < records.length; i += 500) {
    const { ids } = await store.upsertRecords(records.slice(i, i + 500), 'record');
    ids.forEach((storeId, j) => idOfStored.set(storeId, articles[i + j]!.id));
  }
  return { store, urlOf, idOfUrl, idOfStored, storeMs: performance.now() - started };
}

/** Stores every article in a fresh store and asks for the related coverage of each, and of each
 * page (an article the store does not hold, asked as the popup asks for an open page). */
export async function runQueries(articles: EvalArticle[], name = `eval-${Date.now()}`, pages: readonly EvalArticle[] = []): Promise<{ outcomes: Map<string, QueryOutcome>; storeMs: number }> {
  const { store, urlOf, idOfUrl, idOfStored, storeMs } = await storeEvalArticles(articles, name);
  const outcomes = new Map<string, QueryOutcome>();
  for (const a of articles) {
    const t0 = performance.now();
    const result = await findRelated(store, { urls: [urlOf.get(a.id)!], title: a.title, excerpt: a.excerpt ?? '' }, { withRanking: true });
    const ms = performance.now() - t0;
    const toEvalId = (storeId: string): string | undefined => idOfStored.get(storeId);
    const ranked = (result.ranking ?? []).map((r) => toEvalId(r.id)).filter((id): id is string => id !== undefined && id !== a.id);
    const shown: string[] = [];
    for (const item of result.items) {
      for (const url of [item.article.url, ...item.alsoIn.map((o) => o.url)]) {
        const id = idOfUrl.get(url);
        if (id !== undefined && id !== a.id && !shown.includes(id)) shown.push(id);
      }
    }
    outcomes.set(a.id, { ranked, shown: shown.slice(0, 20), ms });
  }
  for (const page of pages) {
    const t0 = performance.now();
    const query: RelatedQuery = { urls: [`https://page.invalid/${encodeURIComponent(page.id)}`], title: page.title, excerpt: page.excerpt ?? '' };
    const at = publishedAt(page);
    if (at !== undefined) query.publishedAt = at;
    if (page.lang) query.lang = page.lang;
    const result = await findRelated(store, query, { withRanking: true });
    const ms = performance.now() - t0;
    const ranked = (result.ranking ?? []).map((r) => idOfStored.get(r.id)).filter((id): id is string => id !== undefined);
    const shown = [...new Set(result.items.flatMap((item) => [item.article.url, ...item.alsoIn.map((o) => o.url)]).map((url) => idOfUrl.get(url)).filter((id): id is string => id !== undefined))];
    outcomes.set(page.id, { ranked, shown: shown.slice(0, 20), ms });
  }
  store.close();
  indexedDB.deleteDatabase(name);
  return { outcomes, storeMs };
}

/** Metrics over the articles asked (the stored ones, unless pages were asked too); a query's
 * mates are the stored articles of its cluster. */
export function clusterMetrics(articles: EvalArticle[], outcomes: Map<string, QueryOutcome>, asked: readonly EvalArticle[] = articles) {
  const members = new Map<string, string[]>();
  for (const a of articles) if (a.cluster) members.set(a.cluster, [...(members.get(a.cluster) ?? []), a.id]);
  let n = 0, p5 = 0, mrr = 0, recall = 0, shownTotal = 0, shownCorrect = 0, singletons = 0, singletonShown = 0;
  for (const a of asked) {
    const mates = new Set((a.cluster ? (members.get(a.cluster) ?? []) : []).filter((id) => id !== a.id));
    const { ranked, shown } = outcomes.get(a.id)!;
    if (mates.size === 0) {
      singletons++;
      if (shown.length > 0) singletonShown++;
      continue;
    }
    n++;
    p5 += ranked.slice(0, 5).filter((id) => mates.has(id)).length / Math.min(5, mates.size);
    const first = ranked.slice(0, 20).findIndex((id) => mates.has(id));
    mrr += first === -1 ? 0 : 1 / (first + 1);
    const hits = shown.filter((id) => mates.has(id)).length;
    shownTotal += shown.length;
    shownCorrect += hits;
    recall += hits / Math.min(20, mates.size);
  }
  return {
    p_at_5: round(n ? p5 / n : 0),
    mrr: round(n ? mrr / n : 0),
    shown_precision: round(shownTotal ? shownCorrect / shownTotal : 0),
    shown_recall: round(n ? recall / n : 0),
    singleton_false_positive_rate: singletons ? round(singletonShown / singletons) : null,
    queries_with_mates: n,
    singletons,
  };
}

export function pairMetrics(pairs: PairRow[], outcomes: Map<string, QueryOutcome>) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const pair of pairs) {
    const predicted = outcomes.get(pair.a.id)!.shown.includes(pair.b.id);
    if (predicted && pair.label === 'same') tp++;
    else if (predicted) fp++;
    else if (pair.label === 'same') fn++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    accuracy: round(pairs.length ? (tp + tn) / pairs.length : 0),
    pairs: pairs.length,
  };
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

function timing(outcomes: Map<string, QueryOutcome>) {
  const times = [...outcomes.values()].map((o) => o.ms).sort((a, b) => a - b);
  const at = (p: number): number => Math.round((times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0) * 100) / 100;
  return { mean: Math.round((times.reduce((s, t) => s + t, 0) / Math.max(1, times.length)) * 100) / 100, p50: at(0.5), p95: at(0.95) };
}

export function readRows(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => [line, i] as const)
    .filter(([line]) => line.trim() !== '')
    .map(([line, i]) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new Error(`${file}: line ${i + 1} is not JSON (${(error as Error).message})`, { cause: error });
      }
    });
}

/** One file's figures: cluster metrics, or pair metrics for a pair file. */
export async function evalFile(file: string, variant: Variant = 'original'): Promise<Record<string, unknown>> {
  const rows = readRows(file);
  const isPairs = rows.length > 0 && rows.every((row) => typeof row === 'object' && row !== null && 'a' in row && 'b' in row && 'label' in row);
  const name = basename(file);
  if (isPairs) {
    const pairs = (rows as PairRow[]).map((pair) => ({ ...pair, a: applyVariant([pair.a], variant)[0]!, b: applyVariant([pair.b], variant)[0]! }));
    const unique = new Map<string, EvalArticle>();
    for (const pair of pairs) for (const a of [pair.a, pair.b]) unique.set(a.id, a);
    const { outcomes, storeMs } = await runQueries([...unique.values()]);
    return { file: name, variant, kind: 'pairs', ...pairMetrics(pairs, outcomes), articles: unique.size, store_ms: Math.round(storeMs), ms_per_query: timing(outcomes) };
  }
  const articles = applyVariant(rows as EvalArticle[], variant);
  for (const [i, a] of articles.entries()) if (typeof a?.id !== 'string' || typeof a.title !== 'string') throw new Error(`${file}: row ${i + 1} has no string "id" and "title"`);
  if (variant === 'small-store') {
    // Each small store in a fresh store of its own; the figures over every store's queries.
    const stores = smallStores(articles, basename(file, '.jsonl'));
    const outcomes = new Map<string, QueryOutcome>();
    let storeMs = 0;
    for (const [i, { stored, pages }] of stores.entries()) {
      const run = await runQueries(stored, `eval-small-${Date.now()}-${i}`, pages);
      for (const [id, outcome] of run.outcomes) outcomes.set(id, outcome);
      storeMs += run.storeMs;
    }
    const stored = stores.flatMap((s) => s.stored);
    const asked = [...stored, ...stores.flatMap((s) => s.pages)];
    return { file: name, variant, kind: 'clusters', ...clusterMetrics(stored, outcomes, asked), articles: asked.length, stores: stores.length, store_ms: Math.round(storeMs), ms_per_query: timing(outcomes) };
  }
  const { outcomes, storeMs } = await runQueries(articles);
  return { file: name, variant, kind: 'clusters', ...clusterMetrics(articles, outcomes), articles: articles.length, store_ms: Math.round(storeMs), ms_per_query: timing(outcomes) };
}

const SUMMARY_METRICS = ['p_at_5', 'mrr', 'shown_precision', 'shown_recall', 'singleton_false_positive_rate', 'precision', 'recall', 'f1'] as const;

/** Macro average of each metric over the files that have it. */
export function summarise(results: Record<string, unknown>[]): Record<string, unknown> {
  const summary: Record<string, unknown> = { summary: 'macro', files: results.length };
  for (const metric of SUMMARY_METRICS) {
    const values = results.map((r) => r[metric]).filter((v): v is number => typeof v === 'number');
    if (values.length > 0) summary[metric] = round(values.reduce((a, b) => a + b, 0) / values.length);
  }
  const p95 = results.map((r) => (r['ms_per_query'] as { p95?: number } | undefined)?.p95).filter((v): v is number => typeof v === 'number');
  if (p95.length > 0) summary['ms_per_query_p95_max'] = Math.max(...p95);
  const worst = results.map((r) => r['shown_precision']).filter((v): v is number => typeof v === 'number');
  if (worst.length > 0) summary['shown_precision_min'] = Math.min(...worst);
  return summary;
}

const USAGE = `usage: npm run eval -- FILE.jsonl [FILE.jsonl ...] [--variant original|lowercase|lowercase-half|no-excerpt|no-date|headline-only|small-store] [--lofo]
       npm run eval -- --all [--variant …] [--lofo]     every dev file in ../shared/data/clusters
A FILE is a cluster file or a pair file (../shared/README.md); a bare name means ../shared/data/clusters/NAME.jsonl.
--variant lowercase-half: half of the articles (by a stable hash of the id) lower-cased, beside cased ones.
--variant headline-only: no excerpts and no dates (no-excerpt and no-date at once).
--variant small-store: ${SMALL_STORES_PER_FILE} stores of 20–80 articles made from each cluster file (a few stories among other
  news, one article of each larger story asked as a page the store does not hold; bench/matcher-corpus.ts).
--model FILE: judge with that model instead of src/related/matcher-model.json.
--lofo: each file judged by the model trained without it (bench/results/matcher-lofo/, from npm run train:matcher).`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const variantAt = args.indexOf('--variant');
  const variant = (variantAt === -1 ? 'original' : args[variantAt + 1]) as Variant;
  if (!VARIANTS.includes(variant)) throw new Error(`--variant must be one of ${VARIANTS.join(', ')}`);
  const lofo = args.includes('--lofo');
  const modelAt = args.indexOf('--model');
  if (modelAt !== -1) useModel(JSON.parse(readFileSync(args[modelAt + 1]!, 'utf8')) as TreeModel);
  let files = filesToMeasure(args.filter((a, i) => !a.startsWith('--') && !(variantAt !== -1 && i === variantAt + 1) && !(modelAt !== -1 && i === modelAt + 1)), args, 'eval');
  if (files === null) return;
  if (files.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  files = files.map((f) => (existsSync(f) || !existsSync(clusterFile(f)) ? f : clusterFile(f)));
  const results: Record<string, unknown>[] = [];
  for (const file of files) {
    if (lofo) {
      const modelFile = join(import.meta.dirname, 'results', 'matcher-lofo', `${basename(file, '.jsonl')}.json`);
      if (!existsSync(modelFile)) throw new Error(`--lofo: ${modelFile} is missing (run npm run train:matcher)`);
      useModel(JSON.parse(readFileSync(modelFile, 'utf8')) as TreeModel);
    }
    const result = await evalFile(file, variant);
    if (lofo) result['model'] = 'leave-one-file-out';
    console.log(JSON.stringify(result));
    results.push(result);
  }
  if (results.length > 1) console.log(JSON.stringify(summarise(results)));
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
