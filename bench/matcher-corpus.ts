/**
 * The dev cluster files as the matcher sees them, in memory: each file (and each robustness
 * variant of it) indexed with the engine's own terms and buckets (src/related/memory-index.ts),
 * every article asked for its candidates. Shared by `npm run train:matcher` and the fast
 * in-memory figures it prints; `npm run eval` measures the real store engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexTerms } from '../src/index/terms';
import { MemoryIndex, toMatchDoc } from '../src/related/memory-index';
import type { JudgedCandidate } from '../src/related/candidates';

export const CLUSTERS_DIR = join(import.meta.dirname, '..', '..', 'shared', 'data', 'clusters');
/** The dev files the decision must hold on (smartable-related's labels are partial lists). */
export const DEV_FILES = ['uci-dev', 'mmds-dev', 'allsides-2021', 'allsides-undated', 'gva-incidents', 'ecbplus', 'newswcl50'];
export const VARIANTS = ['original', 'lowercase', 'no-excerpt', 'no-date'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface EvalArticle {
  id: string;
  title: string;
  excerpt?: string | null;
  url?: string | null;
  provider?: { name?: string; domain?: string } | null;
  publishedDateTime?: string | null;
  topics?: string[] | null;
  cluster?: string | null;
  lang?: string | null;
}

export function clusterFile(name: string): string {
  return join(CLUSTERS_DIR, name.endsWith('.jsonl') ? name : `${name}.jsonl`);
}

export function haveClusters(): boolean {
  return existsSync(CLUSTERS_DIR);
}

export function readArticles(name: string): EvalArticle[] {
  return readFileSync(clusterFile(name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalArticle);
}

/** The same articles with less to go on: lower-cased, without excerpts, or without dates. */
export function applyVariant(articles: EvalArticle[], variant: Variant): EvalArticle[] {
  switch (variant) {
    case 'original':
      return articles;
    case 'lowercase':
      return articles.map((a) => ({ ...a, title: a.title.toLowerCase(), excerpt: a.excerpt?.toLowerCase() ?? null }));
    case 'no-excerpt':
      return articles.map((a) => ({ ...a, excerpt: null }));
    case 'no-date':
      return articles.map((a) => ({ ...a, publishedDateTime: null }));
  }
}

export function publishedAt(a: EvalArticle): number | undefined {
  if (a.publishedDateTime === undefined || a.publishedDateTime === null || a.publishedDateTime === '') return undefined;
  const t = Date.parse(a.publishedDateTime);
  return Number.isNaN(t) ? undefined : t;
}

export interface QueryCandidates {
  id: string;
  cluster: string | null;
  mates: number;
  candidates: { id: string; same: boolean; c: JudgedCandidate }[];
}

/** Articles of a file asked for their judged candidates over an in-memory index of the whole file
 * (at most `maxQueries` of them, evenly spread, when given). */
export function candidatesOf(articles: EvalArticle[], maxQueries = Infinity): QueryCandidates[] {
  const index = new MemoryIndex();
  for (const a of articles) {
    const t = indexTerms(a.title, a.excerpt ?? '', a.lang);
    index.add(toMatchDoc({ ...t, publishedAt: publishedAt(a) }));
  }
  const size = new Map<string, number>();
  for (const a of articles) if (a.cluster) size.set(a.cluster, (size.get(a.cluster) ?? 0) + 1);
  const step = Math.max(1, articles.length / maxQueries);
  const asked: number[] = [];
  for (let i = 0; i < articles.length; i += step) asked.push(Math.floor(i));
  return asked.map((docno) => {
    const a = articles[docno]!;
    const judged = index.related(index.docs[docno]!, docno);
    return {
      id: a.id,
      cluster: a.cluster ?? null,
      mates: a.cluster ? size.get(a.cluster)! - 1 : 0,
      candidates: judged.map((c) => ({ id: articles[c.docno]!.id, same: a.cluster != null && articles[c.docno]!.cluster === a.cluster, c })),
    };
  });
}

export interface Metrics {
  p_at_5: number;
  mrr: number;
  shown_precision: number;
  shown_recall: number;
  singleton_false_positive_rate: number | null;
}

/** The metrics of ../shared/README.md, from scored candidates and a show decision. */
export function metricsOf(queries: QueryCandidates[], score: (c: JudgedCandidate) => number, shows: (c: JudgedCandidate, s: number) => boolean): Metrics {
  let n = 0, p5 = 0, mrr = 0, recall = 0, shown = 0, correct = 0, singletons = 0, singletonShown = 0;
  for (const q of queries) {
    const scored = q.candidates.map((x) => ({ x, s: score(x.c) })).sort((a, b) => b.s - a.s);
    const show = scored.filter(({ x, s }) => shows(x.c, s)).slice(0, 20);
    if (q.mates === 0) {
      singletons++;
      if (show.length > 0) singletonShown++;
      continue;
    }
    n++;
    p5 += scored.slice(0, 5).filter(({ x }) => x.same).length / Math.min(5, q.mates);
    const first = scored.slice(0, 20).findIndex(({ x }) => x.same);
    mrr += first === -1 ? 0 : 1 / (first + 1);
    const hits = show.filter(({ x }) => x.same).length;
    shown += show.length;
    correct += hits;
    recall += hits / Math.min(20, q.mates);
  }
  const r = (v: number): number => Math.round(v * 1000) / 1000;
  return {
    p_at_5: r(n ? p5 / n : 0),
    mrr: r(n ? mrr / n : 0),
    shown_precision: r(shown ? correct / shown : 0),
    shown_recall: r(n ? recall / n : 0),
    singleton_false_positive_rate: singletons ? r(singletonShown / singletons) : null,
  };
}
