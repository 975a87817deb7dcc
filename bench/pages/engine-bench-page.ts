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
