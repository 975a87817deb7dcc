/**
 * The dev cluster files as the matcher sees them, in memory: each file (and each robustness
 * variant of it) indexed with the engine's own terms and buckets (src/related/memory-index.ts),
 * every article asked for its candidates. Shared by `npm run train:matcher` and the fast
 * in-memory figures it prints; `npm run eval` measures the real store engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { random as mulberry32 } from '../tests/generate-records';
import { indexTerms } from '../src/index/terms';
import { MemoryIndex, toMatchDoc } from '../src/related/memory-index';
import type { JudgedCandidate } from '../src/related/candidates';
import type { MatchDoc } from '../src/related/matcher';

export const CLUSTERS_DIR = join(import.meta.dirname, '..', '..', 'shared', 'data', 'clusters');
/** The dev files the decision must hold on (smartable-related's labels are partial lists). */
export const DEV_FILES = ['uci-dev', 'mmds-dev', 'allsides-2021', 'allsides-undated', 'gva-incidents', 'ecbplus', 'newswcl50'];
/** Text variants change what each article says; `small-store` changes the store around it (see
 * smallStores): a new user's store of a few dozen articles, not a whole file. */
export const VARIANTS = ['original', 'lowercase', 'lowercase-half', 'no-excerpt', 'no-date', 'headline-only', 'small-store'] as const;
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

/** The files a command line names, or every dev file with `--all`; null (said on stdout) when
 * `--all` is asked and ../shared is absent, so the tool measures nothing. */
export function filesToMeasure(named: string[], args: readonly string[], tool: string): string[] | null {
  if (!args.includes('--all')) return named;
  if (!haveClusters()) {
    console.log(`${tool}: ../shared/data/clusters is absent; nothing to measure`);
    return null;
  }
  return DEV_FILES.map((name) => clusterFile(name));
}

export function readArticles(name: string): EvalArticle[] {
  return readFileSync(clusterFile(name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalArticle);
}

/** Whether `lowercase-half` lower-cases this article: half of a file's articles, chosen by a stable
 * hash (FNV-1a) of the id, so that a store mixes cased and caseless text as held-out news does. */
export function lowerCasedHalf(id: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return ((h >>> 0) & 1) === 1;
}

const lowerCased = (a: EvalArticle): EvalArticle => ({ ...a, title: a.title.toLowerCase(), excerpt: a.excerpt?.toLowerCase() ?? null });

/** The same articles with less to go on: lower-cased (all, or half of them), without excerpts,
 * without dates, or both (`headline-only`: a bare headline, as held-out news often is). */
export function applyVariant(articles: EvalArticle[], variant: Variant): EvalArticle[] {
  switch (variant) {
    case 'original':
    case 'small-store':
      return articles;
    case 'lowercase':
      return articles.map(lowerCased);
    case 'lowercase-half':
      return articles.map((a) => (lowerCasedHalf(a.id) ? lowerCased(a) : a));
    case 'no-excerpt':
      return articles.map((a) => ({ ...a, excerpt: null }));
    case 'no-date':
      return articles.map((a) => ({ ...a, publishedDateTime: null }));
    case 'headline-only':
      return articles.map((a) => ({ ...a, excerpt: null, publishedDateTime: null }));
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

/** Articles in an in-memory index (docno = their place in the list), with how many articles each
 * labelled story has among them. */
export function indexedArticles(articles: readonly EvalArticle[]): { index: MemoryIndex; size: Map<string, number> } {
  const index = new MemoryIndex();
  for (const a of articles) index.add(docOf(a));
  const size = new Map<string, number>();
  for (const a of articles) if (a.cluster) size.set(a.cluster, (size.get(a.cluster) ?? 0) + 1);
  return { index, size };
}

/** Articles of a file asked for their judged candidates over an in-memory index of the whole file
 * (at most `maxQueries` of them, evenly spread, when given; `offset`, a share of the spacing,
 * asks others between them). */
export function candidatesOf(articles: EvalArticle[], maxQueries = Infinity, offset = 0): QueryCandidates[] {
  const { index, size } = indexedArticles(articles);
  const step = Math.max(1, articles.length / maxQueries);
  const asked: number[] = [];
  for (let i = offset * step; i < articles.length; i += step) asked.push(Math.floor(i));
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

/**
 * A store as a new user has it: a few stories (2–6, each 2–6 of its articles) among other news
 * of the same file (one article of each of other clusters, half of them from the stories' own
 * days), 20–80 articles in all, with their
 * own dates (so a window may hold only a handful). One article of each story of three or more
 * is a page the store does not hold (the popup on an article the user has not imported). Made
 * from a file deterministically (a seeded generator), so training and eval see the same stores.
 */
export interface SmallStore {
  stored: EvalArticle[];
  pages: EvalArticle[];
}

/** Small stores per file: enough queries to measure, few enough to build fast. */
export const SMALL_STORES_PER_FILE = 16;

export function smallStores(articles: EvalArticle[], seed: string, count = SMALL_STORES_PER_FILE): SmallStore[] {
  const random = seededRandom(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const byCluster = new Map<string, EvalArticle[]>();
  for (const a of articles) if (a.cluster) byCluster.set(a.cluster, [...(byCluster.get(a.cluster) ?? []), a]);
  const stories = [...byCluster.values()].filter((members) => members.length >= 2);
  const byDate = [...articles].sort((a, b) => (publishedAt(a) ?? 0) - (publishedAt(b) ?? 0));
  const position = new Map(byDate.map((a, i) => [a.id, i]));
  const stores: SmallStore[] = [];
  for (let s = 0; s < count && stories.length > 0; s++) {
    const size = 20 + pick(61);
    const used = new Set<string>();
    const stored: EvalArticle[] = [];
    const pages: EvalArticle[] = [];
    // Ids and stories named per store: one article (or story) may be in several stores.
    const copy = (a: EvalArticle): EvalArticle => ({ ...a, id: `${s}/${a.id}`, cluster: a.cluster ? `${s}/${a.cluster}` : null });
    for (let k = 2 + pick(5), tries = 0; k > 0 && tries < 100; tries++) {
      const members = stories[pick(stories.length)]!;
      const cluster = members[0]!.cluster!;
      if (used.has(cluster)) continue;
      used.add(cluster);
      k--;
      const taken = shuffled(members, random).slice(0, 2 + pick(5));
      if (taken.length >= 3) pages.push(copy(taken.shift()!));
      stored.push(...taken.map(copy));
    }
    // Other news: half of it from the stories' own days (a user's store follows the news of
    // the days it covers, so neighbours of the same days and topics are there), half from anywhere.
    const storyAt = stored.map((a) => position.get(a.id.slice(a.id.indexOf('/') + 1))!);
    for (let tries = 0; stored.length < size && tries < 20 * size; tries++) {
      const near = storyAt.length > 0 && random() < 0.5;
      const a = near ? byDate[Math.min(byDate.length - 1, Math.max(0, storyAt[pick(storyAt.length)]! + pick(61) - 30))]! : articles[pick(articles.length)]!;
      const key = a.cluster ?? `article:${a.id}`;
      if (used.has(key)) continue;
      used.add(key);
      stored.push(copy(a));
    }
    stores.push({ stored, pages });
  }
  return stores;
}

/** A deterministic generator in [0, 1) from a string (mulberry32 seeded by an FNV-1a hash). */
function seededRandom(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return mulberry32(h);
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every article of each small store asked (stored ones as stored, pages as new queries), over
 * an in-memory index of that store alone; mates are the store's articles of the same story. */
export function smallStoreCandidates(stores: readonly SmallStore[]): QueryCandidates[] {
  return stores.flatMap(({ stored, pages }) => {
    const { index, size } = indexedArticles(stored);
    const ask = (a: EvalArticle, judged: JudgedCandidate[], mates: number): QueryCandidates => ({
      id: a.id,
      cluster: a.cluster ?? null,
      mates,
      candidates: judged.map((c) => ({ id: stored[c.docno]!.id, same: a.cluster != null && stored[c.docno]!.cluster === a.cluster, c })),
    });
    return [
      ...stored.map((a, docno) => ask(a, index.related(index.docs[docno]!, docno), a.cluster ? size.get(a.cluster)! - 1 : 0)),
      ...pages.map((a) => ask(a, index.related(docOf(a)), a.cluster ? (size.get(a.cluster) ?? 0) : 0)),
    ];
  });
}

function docOf(a: EvalArticle): MatchDoc {
  const t = indexTerms(a.title, a.excerpt ?? '', a.lang);
  return toMatchDoc({ ...t, publishedAt: publishedAt(a) });
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
