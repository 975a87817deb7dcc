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
import { matchDocOf, undatedWeeks } from '../../src/related/engine';
import { BucketPostings } from '../../src/index/postings';
import { fromForward, toMatchDoc } from '../../src/related/match-doc';
import { forwardDoc, forwardIndex } from '../../src/index/segments';
import { firstPass, judgeCandidates, statsOf, windowOver } from '../../src/related/candidates';
import { bucketsFor } from '../../src/index/buckets';
import { indexTerms } from '../../src/index/terms';
import type { MatchDoc } from '../../src/related/matcher';
import { ArticleStore, readArticleAges } from '../../src/store';
import { buildDigest } from '../../src/digest/digest';
import { BatchWriter } from '../../src/ingest/batch-writer';
import { startPreparationWorker } from '../../src/import-worker/preparer';
import { corpusOfSize } from '../periods';
import { articleFromRecord, recordUrlKeys } from '../../src/store/merge';
import { articleIdFor } from '../../src/record/id';
import { DATA_STEPS, runDataSteps, stepKey } from '../../src/store/migrations';

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
  /** `preparedElsewhere`: batches the preparation worker prepared (the rest, on the page). */
  ingest(name: string, size: number, batchSize: number): Promise<{ ms: number; articles: number; preparedElsewhere: number; batches: number }>;
  ingestPlain(name: string, size: number, batchSize: number): Promise<{ ms: number }>;
  lookups(name: string, queries: BenchQuery[], cache: boolean): Promise<{ times: number[]; shown: number[]; cacheHitRate: number; bucketHitRate: number; bucketBytes?: number; bucketsHeld?: number }>;
  /** The same lookups, each step's end in ms from the lookup's start (findRelated's `trace`). */
  tracedLookups(name: string, queries: BenchQuery[], cache: boolean): Promise<Record<string, number>[]>;
  /** Opens the database and answers one query: what a fresh page or service worker pays. */
  coldLookup(name: string, query: BenchQuery, traced?: boolean): Promise<{ ms: number; openMs: number; shown: number; steps?: Record<string, number> }>;
  miniSearch(size: number, queries: string[]): Promise<{ buildMs: number; times: number[] }>;
  /** Where an uncached lookup's time goes, phase by phase (ms per query, summed). */
  profileLookups(name: string, queries: BenchQuery[]): Promise<Record<string, number[]>>;
  storageUsage(): Promise<number>;
  /** The digest built `rounds` times, each from a fresh connection (what the worker pays after a
   * write), its two date reads alone, and retention's read of every article's age: ms each, and
   * how many articles the digest's week held. */
  digest(name: string, rounds: number): Promise<{ build: number[]; newest: number[]; week: number[]; ages: number[]; articles: number }>;
  /** The `drop-row-terms` data step over `size` rows holding their index fields (a store of the
   * last release): rows written straight into `articles` (the step reads no segment), then the step
   * run as the worker runs it; ms in all and per batch, and the rows' fields after. */
  dropRowTerms(name: string, size: number, batchSize: number): Promise<{ fillMs: number; ms: number; batchMs: number[]; withTermsAfter: number; articles: number }>;
}

let base: NewsRecord[] = [];
const now = Date.UTC(2026, 6, 1);
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
    // The import's own writer and preparation worker (each batch prepared, beside this thread,
    // while the previous one's transaction runs), as the import worker runs them.
    const writer = new BatchWriter<undefined>(store, {
      origin: 'record',
      settled: (outcome) => {
        if (!outcome.ok) throw outcome.error;
      },
      startPreparer: startPreparationWorker,
    });
    let batches = 0;
    for (let i = 0; i < records.length; i += batchSize, batches++) await writer.write(records.slice(i, i + batchSize), undefined);
    await writer.finish();
    return { ms: performance.now() - started, articles: await store.countArticles(), preparedElsewhere: writer.preparedElsewhere, batches };
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
    const [hits, misses, bucketHits, bucketReads] = [stats.hits, stats.misses, stats.bucketHits, stats.bucketReads];
    for (const query of queries) {
      const started = performance.now();
      const result = await findRelated(store, query, { cache });
      times.push(performance.now() - started);
      shown.push(result.items.length);
    }
    const looked = stats.hits - hits + (stats.misses - misses);
    const buckets = stats.bucketHits - bucketHits + (stats.bucketReads - bucketReads);
    return {
      times,
      shown,
      cacheHitRate: looked === 0 ? 0 : (stats.hits - hits) / looked,
      bucketHitRate: buckets === 0 ? 0 : (stats.bucketHits - bucketHits) / buckets,
      // What the weeks cache holds after the pass (its bytes as the cache counts them).
      bucketBytes: stats.buckets.bytes,
      bucketsHeld: stats.buckets.size,
    };
  },

  async tracedLookups(name, queries, cache) {
    const store = storeNamed(name);
    const out: Record<string, number>[] = [];
    for (const query of queries) {
      const started = performance.now();
      const steps: Record<string, number> = {};
      await findRelated(store, query, { cache, trace: (step) => (steps[step] = performance.now() - started) });
      steps['total'] = performance.now() - started;
      out.push(steps);
    }
    return out;
  },

  async coldLookup(name, query, traced = false) {
    const started = performance.now();
    const store = new ArticleStore({ name });
    // The schema's declaration alone (Dexie's versions), before the database is asked for.
    const constructMs = performance.now() - started;
    await store.db.open();
    const openMs = performance.now() - started;
    const steps: Record<string, number> = {};
    const result = await findRelated(store, query, traced ? { trace: (step) => (steps[step] = performance.now() - started) } : {});
    const ms = performance.now() - started;
    store.close();
    return { ms, openMs, shown: result.items.length, ...(traced ? { steps: { construct: constructMs, open: openMs, ...steps, total: ms } } : {}) };
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

  async profileLookups(name, queries) {
    const store = storeNamed(name);
    const out: Record<string, number[]> = { url: [], segments: [], segmentRows: [], segmentKB: [], window: [], firstPass: [], forward: [], judge: [], shownRows: [], total: [] };
    for (const query of queries) {
      await store.readIndex(async () => {
        const t0 = performance.now();
        const stored = await store.findByUrls(query.urls);
        const t1 = performance.now();
        const doc: MatchDoc = stored !== undefined ? matchDocOf(stored) : toMatchDoc({ ...indexTerms(query.title, query.excerpt), publishedAt: query.publishedAt });
        const newest = doc.publishedAt === undefined ? (await undatedWeeks(store, async (bucket) => new BucketPostings(await store.segmentsOf(bucket)))).weeks : [];
        const segments = await Promise.all(bucketsFor(doc.publishedAt, newest).map((b) => store.segmentsOf(b)));
        const t2 = performance.now();
        const flat = segments.flat();
        const window = windowOver(flat);
        const stats = statsOf(window);
        for (const term of doc.terms) stats.idfOf(term);
        const t3 = performance.now();
        const ranked = firstPass(doc, window, stats.idfOf, new Set(stored?.docno === undefined ? [] : [stored.docno]));
        const t4 = performance.now();
        // Candidates judged from the segments' forward data; rows only where a segment has none.
        const docs = new Map<number, MatchDoc>();
        const missing: number[] = [];
        for (const docno of ranked) {
          const segment = flat.find((s) => forwardIndex(s, docno) !== -1);
          if (segment === undefined) missing.push(docno);
          else docs.set(docno, fromForward(forwardDoc(segment, forwardIndex(segment, docno))));
        }
        for (const r of await store.articlesByDocno(missing)) docs.set(r.docno!, matchDocOf(r));
        const t5 = performance.now();
        const judged = judgeCandidates(doc, ranked, docs, window);
        const t6 = performance.now();
        await store.articlesByDocno(judged.filter((c) => c.sameStory).map((c) => c.docno));
        const t7 = performance.now();
        out['url']!.push(t1 - t0);
        out['segments']!.push(t2 - t1);
        out['segmentRows']!.push(flat.length);
        const forwardBytes = (x: (typeof flat)[number]): number => (x.forward === undefined ? 0 : Object.values(x.forward).reduce((s: number, v) => s + (ArrayBuffer.isView(v) ? v.byteLength : 0), 0));
        out['segmentKB']!.push(flat.reduce((s, x) => s + x.hashes.byteLength + x.offsets.byteLength + x.docnos.byteLength + forwardBytes(x), 0) / 1024);
        out['window']!.push(t3 - t2);
        out['firstPass']!.push(t4 - t3);
        out['forward']!.push(t5 - t4);
        out['judge']!.push(t6 - t5);
        out['shownRows']!.push(t7 - t6);
        out['total']!.push(t7 - t0);
      });
    }
    return out;
  },

  async dropRowTerms(name, size, batchSize) {
    const records = corpusOfSize(base, size);
    const store = storeNamed(name);
    const filled = performance.now();
    for (let i = 0; i < records.length; i += 5_000) {
      const rows = records.slice(i, i + 5_000).map((record, j) => ({ ...articleFromRecord(record, articleIdFor(recordUrlKeys(record)[0]!), 'record', now), docno: i + j + 1 }));
      await store.db.articles.bulkPut(rows);
    }
    // A store the current code made has every step done: this one's is not begun.
    await store.db.meta.delete(stepKey('drop-row-terms'));
    const fillMs = performance.now() - filled;
    const step = DATA_STEPS.find((s) => s.id === 'drop-row-terms')!;
    const batchMs: number[] = [];
    const started = performance.now();
    let last = started;
    await runDataSteps(store.db, {
      steps: [step],
      batchSize,
      afterBatch: () => {
        const t = performance.now();
        batchMs.push(t - last);
        last = t;
      },
    });
    const ms = performance.now() - started;
    let withTermsAfter = 0;
    await store.db.articles.each((row) => void (row.terms !== undefined && withTermsAfter++));
    return { fillMs, ms, batchMs, withTermsAfter, articles: await store.countArticles() };
  },

  async storageUsage() {
    return (await navigator.storage.estimate()).usage ?? 0;
  },

  async digest(name, rounds) {
    const out = { build: [] as number[], newest: [] as number[], week: [] as number[], ages: [] as number[], articles: 0 };
    for (let i = 0; i < rounds; i++) {
      for (const [list, work] of [
        [out.build, async (store: ArticleStore) => void (await buildDigest(store))],
        [out.newest, async (store: ArticleStore) => void (await store.newestPublishedAt())],
        [out.week, async (store: ArticleStore) => {
          // The digest's window: the week to now, or to the newest article when that is older.
          const newest = Math.min(Date.now(), (await store.newestPublishedAt()) ?? Date.now());
          out.articles = (await store.articlesPublishedBetween(newest - 7 * 86_400_000, newest, 3_000)).length;
        }],
        [out.ages, async (store: ArticleStore) => void (await readArticleAges(store))],
      ] as const) {
        open?.store.close();
        open = null;
        const store = storeNamed(name);
        await store.countArticles();
        const started = performance.now();
        await work(store);
        list.push(performance.now() - started);
      }
    }
    return out;
  },
};

export function exposeEngineBench(target: Window): void {
  (target as unknown as { engineBench: EngineBenchApi }).engineBench = engineBenchApi;
}
