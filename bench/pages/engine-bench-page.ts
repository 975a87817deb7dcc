/**
 * Measurements that must run inside the browser, next to the real IndexedDB: ingest through the
 * store (index included) against a plain Dexie bulkPut of the same records, lookups warm and cold,
 * and MiniSearch (an in-memory BM25 index) on the same corpus as a reference. Used only by the
 * benchmark page of the e2e build.
 */
import Dexie from 'dexie';
import MiniSearch from 'minisearch';
import type { NewsRecord } from '../../src/record/record';
import { findRelated } from '../../src/related/find-related';
import { cacheFor } from '../../src/related/lookup-cache';
import { ArticleStore } from '../../src/store';
import { corpusOfSize } from '../periods';

export interface BenchQuery {
  urls: string[];
  title: string;
  excerpt: string;
  publishedAt?: number;
}

export interface EngineBenchApi {
  /** Receives the base corpus once; sizes are grown from it in the page. */
  setBase(records: NewsRecord[]): void;
  deleteDatabases(names: string[]): Promise<void>;
  ingest(name: string, size: number, batchSize: number): Promise<{ ms: number; articles: number }>;
  ingestPlain(name: string, size: number, batchSize: number): Promise<{ ms: number }>;
  lookups(name: string, queries: BenchQuery[], cache: boolean): Promise<{ times: number[]; shown: number[]; cacheHitRate: number }>;
  /** Opens the database and answers one query: what a fresh page or service worker pays. */
  coldLookup(name: string, query: BenchQuery): Promise<{ ms: number; openMs: number; shown: number }>;
  miniSearch(size: number, queries: string[]): Promise<{ buildMs: number; times: number[] }>;
  storageUsage(): Promise<number>;
}

let base: NewsRecord[] = [];
let open: { name: string; store: ArticleStore } | null = null;
let miniSearchIndex: MiniSearch | null = null;

function storeNamed(name: string): ArticleStore {
  if (open?.name !== name) {
    open?.store.close();
    open = { name, store: new ArticleStore({ name }) };
  }
  return open.store;
}

export const engineBenchApi: EngineBenchApi = {
  setBase(records) {
    base = records;
  },

  async deleteDatabases(names) {
    open?.store.close();
    open = null;
    miniSearchIndex = null;
    for (const name of names) await Dexie.delete(name);
  },

  async ingest(name, size, batchSize) {
    const records = corpusOfSize(base, size);
    const store = storeNamed(name);
    const started = performance.now();
    for (let i = 0; i < records.length; i += batchSize) await store.upsertRecords(records.slice(i, i + batchSize), 'record');
    return { ms: performance.now() - started, articles: await store.countArticles() };
  },

  async ingestPlain(name, size, batchSize) {
    const records = corpusOfSize(base, size);
    const db = new Dexie(name);
    db.version(1).stores({ records: 'id' });
    const rows = records.map((record, i) => ({ id: `r${i}`, ...record }));
    const started = performance.now();
    for (let i = 0; i < rows.length; i += batchSize) await db.table('records').bulkPut(rows.slice(i, i + batchSize));
    const ms = performance.now() - started;
    db.close();
    return { ms };
  },

  async lookups(name, queries, cache) {
    const store = storeNamed(name);
    const times: number[] = [];
    const shown: number[] = [];
    const stats = cacheFor(store);
    const [hits, misses] = [stats.hits, stats.misses];
    for (const query of queries) {
      const started = performance.now();
      const result = await findRelated(store, query, { cache });
      times.push(performance.now() - started);
      shown.push(result.items.length);
    }
    const looked = stats.hits - hits + (stats.misses - misses);
    return { times, shown, cacheHitRate: looked === 0 ? 0 : (stats.hits - hits) / looked };
  },

  async coldLookup(name, query) {
    const started = performance.now();
    const store = new ArticleStore({ name });
    await store.db.open();
    const openMs = performance.now() - started;
    const result = await findRelated(store, query);
    const ms = performance.now() - started;
    store.close();
    return { ms, openMs, shown: result.items.length };
  },

  async miniSearch(size, queries) {
    const records = corpusOfSize(base, size);
    const started = performance.now();
    miniSearchIndex = new MiniSearch({ fields: ['title', 'excerpt'], storeFields: [], searchOptions: { boost: { title: 2 } } });
    miniSearchIndex.addAll(records.map((record, i) => ({ id: i, title: record.title, excerpt: record.excerpt })));
    const buildMs = performance.now() - started;
    const times: number[] = [];
    for (const query of queries) {
      const t0 = performance.now();
      miniSearchIndex.search(query).slice(0, 20);
      times.push(performance.now() - t0);
    }
    return { buildMs, times };
  },

  async storageUsage() {
    return (await navigator.storage.estimate()).usage ?? 0;
  },
};

export function exposeEngineBench(target: Window): void {
  (target as unknown as { engineBench: EngineBenchApi }).engineBench = engineBenchApi;
}

/** Where ingest time goes (diagnostics for tuning; not part of the reported benchmark). */
export async function ingestBreakdown(records: NewsRecord[]): Promise<Record<string, number>> {
  const { articleFromRecord, recordUrlKeys } = await import('../../src/store/merge');
  const { articleIdFor } = await import('../../src/record/id');
  const out: Record<string, number> = {};
  const now = Date.now();
  let t = performance.now();
  const rows = records.map((r) => articleFromRecord(r, articleIdFor(recordUrlKeys(r)[0]!), 'record', now));
  out.build = performance.now() - t;
  const plain = new Dexie('bd-plain');
  plain.version(1).stores({ r: 'id' });
  t = performance.now();
  await plain.table('r').bulkPut(records.map((r, i) => ({ id: 'r' + i, ...r })));
  out.plainRecords = performance.now() - t;
  t = performance.now();
  await plain.table('r').bulkPut(rows.map((r) => ({ ...r, id: 'x' + r.id })));
  out.plainArticles = performance.now() - t;
  const full = new Dexie('bd-full');
  full.version(1).stores({ a: 'id, *urls, publishedAt, domain, *topics, *postings, addedAt, readAt' });
  t = performance.now();
  await full.table('a').bulkPut(rows);
  out.indexedArticles = performance.now() - t;
  const noPost = new Dexie('bd-nopost');
  noPost.version(1).stores({ a: 'id, *urls, publishedAt, domain, *topics, addedAt, readAt' });
  t = performance.now();
  await noPost.table('a').bulkPut(rows);
  out.indexedNoPostings = performance.now() - t;
  for (const [label, schema, cut] of [
    ['minimalIndexes', 'id, *urls, publishedAt, *postings, readAt', 99],
    ['minimalIndexes24', 'id, *urls, publishedAt, *postings, readAt', 24],
    ['minimalIndexes16', 'id, *urls, publishedAt, *postings, readAt', 16],
  ] as const) {
    const db = new Dexie('bd-' + label);
    db.version(1).stores({ a: schema });
    const cutRows = rows.map((r) => ({ ...r, postings: r.postings.slice(0, cut) }));
    t = performance.now();
    await db.table('a').bulkPut(cutRows);
    out[label] = performance.now() - t;
    db.close();
    await Dexie.delete(db.name);
  }
  const terms = [...new Set(rows.flatMap((r) => r.terms))];
  out.distinctTerms = terms.length;
  const stats = new Dexie('bd-stats');
  stats.version(1).stores({ s: 'term' });
  t = performance.now();
  await stats.transaction('rw', 's', async () => {
    const got = await stats.table('s').bulkGet(terms);
    await stats.table('s').bulkPut(terms.map((term, i) => ({ term, df: ((got[i] as { df?: number } | undefined)?.df ?? 0) + 1 })));
  });
  out.termStats = performance.now() - t;
  const keys = rows.flatMap((r) => r.urls);
  t = performance.now();
  await Promise.all(keys.map((k) => full.table('a').where('urls').equals(k).primaryKeys()));
  out.urlLookups = performance.now() - t;
  out.urlKeys = keys.length;
  t = performance.now();
  await full.table('a').where('urls').anyOf(keys).primaryKeys();
  out.urlLookupsAnyOf = performance.now() - t;
  for (const db of [plain, full, noPost, stats]) { db.close(); await Dexie.delete(db.name); }
  return out;
}

/** Times the parts of a lookup separately (diagnostics for tuning; not part of the benchmark). */
export async function profileLookups(name: string, queries: BenchQuery[]): Promise<Record<string, number>> {
  const { indexTerms } = await import('../../src/related/terms');
  const { weeksAround } = await import('../../src/related/postings');
  const store = storeNamed(name);
  const sums: Record<string, number> = {};
  const add = (key: string, ms: number): void => void (sums[key] = (sums[key] ?? 0) + ms / queries.length);
  for (const query of queries) {
    await store.readIndex(async () => {
      let t = performance.now();
      const stored = await store.findByUrls(query.urls);
      add('findByUrls', performance.now() - t);
      t = performance.now();
      if (stored) await Promise.all([store.linkedFrom(stored.id), store.linkingTo(stored.id)]);
      add('links', performance.now() - t);
      const { terms } = stored ?? indexTerms(query.title, query.excerpt);
      const weeks = weeksAround(query.publishedAt ?? Date.now());
      t = performance.now();
      await store.articlesInWeeks(weeks);
      add('weekCounts', performance.now() - t);
      t = performance.now();
      const samples = await Promise.all(terms.slice(0, 16).map((term) => Promise.all(weeks.map((week) => store.postingsSample(term, week, 64)))));
      add('samples', performance.now() - t);
      const ids = [...new Set(samples.flat(2))].slice(0, 60);
      add('sampleKeys', samples.flat(2).length);
      t = performance.now();
      await store.getArticles(ids);
      add('candidates', performance.now() - t);
    });
  }
  const totals: { ms: number; i: number; items: number; terms: number; linked: number }[] = [];
  for (const [i, query] of queries.entries()) {
    const t = performance.now();
    const r = await findRelated(store, query);
    totals.push({ ms: performance.now() - t, i, items: r.items.length, terms: query.excerpt.length, linked: r.items.filter((x) => x.reasons.some((y) => y.kind !== 'same-story')).length });
    add('findRelated', performance.now() - t);
  }
  totals.sort((a, b) => b.ms - a.ms);
  (sums as Record<string, unknown>).slowest = totals.slice(0, 12);
  (sums as Record<string, unknown>).p50 = totals[Math.floor(totals.length / 2)]!.ms;
  return sums;
}

/** Times the steps of cached lookups (diagnostics). */
export async function profileCached(name: string, queries: BenchQuery[]): Promise<Record<string, number>> {
  const { rankByContent } = await import('../../src/related/engine');
  const { indexTerms } = await import('../../src/related/terms');
  const store = storeNamed(name);
  const out: Record<string, number> = {};
  const add = (k: string, v: number): void => void (out[k] = (out[k] ?? 0) + v / queries.length);
  for (const q of queries) await findRelated(store, q);
  for (const q of queries) {
    let t = performance.now();
    await store.readIndex(async () => {
      t = performance.now();
      const stored = await store.findByUrls(q.urls);
      add('findByUrls', performance.now() - t);
      t = performance.now();
      if (stored) await Promise.all([store.linkedFrom(stored.id), store.linkingTo(stored.id)]);
      add('links', performance.now() - t);
      const { terms, titleTermCount } = stored ?? indexTerms(q.title, q.excerpt);
      t = performance.now();
      const ranking = await rankByContent(store, { terms, titleTermCount, title: q.title, publishedAt: q.publishedAt, excludeId: stored?.id });
      add('rank', performance.now() - t);
      t = performance.now();
      await store.getArticles(ranking.candidates.filter((c) => c.sameStory).map((c) => c.id).filter((id) => !ranking.rows.has(id)));
      add('shownRows', performance.now() - t);
    });
    t = performance.now();
    await findRelated(store, q);
    add('findRelated', performance.now() - t);
  }
  return out;
}

/** Diagnostics: the sampling reads of a lookup through Dexie, and the same reads issued on the
 * native transaction, and variants with fewer reads. */
export async function profileSampling(name: string, queries: BenchQuery[]): Promise<Record<string, number>> {
  const { indexTerms } = await import('../../src/related/terms');
  const { weeksAround, postingKey } = await import('../../src/related/postings');
  const store = storeNamed(name);
  const out: Record<string, number> = {};
  const add = (k: string, v: number): void => void (out[k] = (out[k] ?? 0) + v / queries.length);
  for (const q of queries) {
    const { terms, titleTermCount } = indexTerms(q.title, q.excerpt);
    const weeks = weeksAround(q.publishedAt ?? Date.now());
    const caps = terms.slice(0, 16).map((_, i) => (i < titleTermCount ? 40 : 12));
    await store.readIndex(async () => {
      let t = performance.now();
      await Promise.all(terms.slice(0, 16).map((term, i) => Promise.all(weeks.map((week) => store.postingsSample(term, week, caps[i]!)))));
      add('dexie', performance.now() - t);
      const idb = (Dexie.currentTransaction as unknown as { idbtrans: IDBTransaction }).idbtrans;
      const index = idb.objectStore('articles').index('postings');
      const read = (key: string, cap: number): Promise<unknown> => new Promise((resolve, reject) => {
        const request = index.getAllKeys(IDBKeyRange.only(key), cap);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      t = performance.now();
      await Promise.all(terms.slice(0, 16).flatMap((term, i) => weeks.map((week) => read(postingKey(term, week), caps[i]!))));
      add('native', performance.now() - t);
      t = performance.now();
      await Promise.all(terms.slice(0, 10).flatMap((term, i) => weeks.map((week) => read(postingKey(term, week), caps[i]!))));
      add('native10terms', performance.now() - t);
      add('reads', terms.slice(0, 16).length * weeks.length);
      const ids = ((await read(postingKey(terms[0]!, weeks[0]!), 60)) as string[]);
      t = performance.now();
      await Promise.all(ids.map((id) => new Promise((r) => { const g = idb.objectStore('articles').get(id); g.onsuccess = () => r(g.result); })));
      add('native60gets', performance.now() - t);
      add('gets', ids.length);
      t = performance.now();
      await store.getArticles(ids);
      add('dexie60gets', performance.now() - t);
    });
  }
  return out;
}
