/**
 * Engine speed in real headless Chromium with real IndexedDB, at 1,000, 10,000 and 100,000
 * articles (`npm run bench engine -- 1000 10000 100000 500000` adds a year of 50 feeds): ingest
 * through the store (index included) next to a plain Dexie bulkPut of the same records; lookup
 * latency warm and cold (a fresh page opening the database); JS heap after lookups, and apart the
 * typed arrays the weeks cache then holds (their bytes live outside that heap); database size
 * per article; how each grows against the smallest size run; and MiniSearch on the same corpus as
 * a reference (up to 100,000: beyond, it is minutes and hundreds of MB of heap).
 */
import type { CDPSession, Page } from 'playwright-core';
import type { EngineBenchApi } from './pages/engine-bench-page';
import { baseRecords, corpusOfSize } from './corpus';
import type { BenchSection } from './run';
import { launchExtension, type ExtensionSession } from '../tests/e2e/harness';
import { hasShared } from '../tests/shared-data';
import type { NewsRecord } from '../src/record/record';
import { WORKER_BATCH_SIZE } from '../src/ingest/import-files';

const SIZES = [1_000, 10_000, 100_000];
/** The import worker's batches (the plain write's too: the same rows in the same transactions). */
const BATCH = WORKER_BATCH_SIZE;
const WARM_QUERIES = 300;
const COLD_QUERIES = 15;
/** MiniSearch (the reference) runs up to this size. */
const MINISEARCH_MAX = 100_000;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** Queries: stored articles (found by URL) and pages known only by title and description. */
export function queriesFor(records: NewsRecord[], count: number) {
  const step = Math.max(1, Math.floor(records.length / count));
  const queries: { urls: string[]; title: string; excerpt: string; publishedAt?: number }[] = [];
  for (let i = 0; queries.length < count && i < records.length; i += step) {
    const record = records[i]!;
    const asPage: boolean = queries.length % 3 === 2;
    queries.push({
      urls: asPage ? [`https://elsewhere.invalid/page-${i}`] : [record.originalUrl ?? record.webUrl!],
      title: record.title,
      excerpt: record.excerpt,
      ...(record.publishedAt === undefined ? {} : { publishedAt: record.publishedAt }),
    });
  }
  return queries;
}

export async function freshPage(session: ExtensionSession, page: Page | null): Promise<{ page: Page; cdp: CDPSession }> {
  await page?.close();
  const next = await session.context.newPage();
  await next.goto(session.extensionUrl('bench.html'));
  await next.waitForFunction(() => 'engineBench' in window);
  return { page: next, cdp: await session.context.newCDPSession(next) };
}

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

type Api = { engineBench: EngineBenchApi };

export async function run(args: string[]): Promise<BenchSection> {
  if (!hasShared) throw new Error('the engine benchmark needs ../shared/data (absent)');
  const sizes = args.length > 0 ? args.map(Number) : SIZES;
  const base = baseRecords();
  const rows: Record<string, string | number>[] = [];
  const data: Record<string, unknown>[] = [];
  for (const size of sizes) {
    const name = `bench-${size}`;
    const plainName = `bench-plain-${size}`;
    const records = corpusOfSize(base, size);
    // Two disjoint sets of queries: one warms the page up, the other is measured, so a warm
    // lookup never answers a question it was asked before.
    const allQueries = queriesFor(records, 2 * WARM_QUERIES);
    const warmup = allQueries.filter((_, i) => i % 2 === 0);
    const queries = allQueries.filter((_, i) => i % 2 === 1);

    // Each size's store in a fresh profile, and the plain bulkPut in another before it: Chromium
    // keeps one LevelDB per origin, so an earlier size's store and a deleted plain copy (its
    // deletions not yet compacted away) would sit in the files the measured lookups read — a
    // user's store is alone in its origin. (Until 4 Dec all sizes shared one profile.)
    const plainSession = await launchExtension();
    let plain: { ms: number };
    let plainUsage: number;
    try {
      const { page: plainPage } = await freshPage(plainSession, null);
      await plainPage.evaluate((b) => (window as unknown as Api).engineBench.setBase(b), base);
      plain = await plainPage.evaluate(([n, s, b]) => (window as unknown as Api).engineBench.ingestPlain(n, s, b), [plainName, size, BATCH] as const);
      // What the same records take on disk with no index: the floor the store's size compares to.
      plainUsage = await plainPage.evaluate(() => (window as unknown as Api).engineBench.storageUsage());
    } finally {
      await plainSession.close();
    }

    const session = await launchExtension();
    let page: Page | null = null;
    try {
      // Ingest: the store's ingest of the same records.
      let cdp: CDPSession;
      ({ page, cdp } = await freshPage(session, page));
      await page.evaluate((b) => (window as unknown as Api).engineBench.setBase(b), base);
      const usageBefore = await page.evaluate(() => (window as unknown as Api).engineBench.storageUsage());
      const ingest = await page.evaluate(([n, s, b]) => (window as unknown as Api).engineBench.ingest(n, s, b), [name, size, BATCH] as const);
      const usageAfter = await page.evaluate(() => (window as unknown as Api).engineBench.storageUsage());

      // Cold: a fresh page opens the database and answers one query.
      const cold: number[] = [];
      const coldOpen: number[] = [];
      for (let i = 0; i < COLD_QUERIES; i++) {
        ({ page, cdp } = await freshPage(session, page));
        const query = queries[(i * 37) % queries.length]!;
        const result = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.coldLookup(n, q), [name, query] as const);
        cold.push(result.ms);
        coldOpen.push(result.openMs);
      }

      // Warm: one page answers the warm-up queries, then the measured ones (with its cache, and
      // again without it), then the heap.
      ({ page, cdp } = await freshPage(session, page));
      await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.lookups(n, q, true), [name, warmup] as const);
      const warm = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.lookups(n, q, true), [name, queries] as const);
      const heap = await heapAfterGc(cdp);
      const uncached = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.lookups(n, q, false), [name, queries] as const);

      // Reference: MiniSearch over the same records, title queries.
      let miniSearch = { buildMs: NaN, p50: NaN, p95: NaN, heapMB: NaN };
      if (size <= MINISEARCH_MAX) {
        ({ page, cdp } = await freshPage(session, page));
        await page.evaluate((b) => (window as unknown as Api).engineBench.setBase(b), base);
        const heapBase = await heapAfterGc(cdp);
        const mini = await page.evaluate(([s, q]) => (window as unknown as Api).engineBench.miniSearch(s, q), [size, queries.map((query) => query.title)] as const);
        const miniHeap = (await heapAfterGc(cdp)) - heapBase;
        miniSearch = { buildMs: Math.round(mini.buildMs), p50: percentile(mini.times, 0.5), p95: percentile(mini.times, 0.95), heapMB: miniHeap / 1048576 };
      }

      const result = {
        size,
        articles: ingest.articles,
        ingestMs: Math.round(ingest.ms),
        plainMs: Math.round(plain.ms),
        ingestPerSecond: Math.round(size / (ingest.ms / 1000)),
        plainPerSecond: Math.round(size / (plain.ms / 1000)),
        ingestRatio: ingest.ms / plain.ms,
        // How many of the ingest's batches its preparation worker prepared (the rest, the page).
        batchesPreparedInWorker: `${ingest.preparedElsewhere}/${ingest.batches}`,
        warm: { p50: percentile(warm.times, 0.5), p95: percentile(warm.times, 0.95), max: Math.max(...warm.times), cacheHitRate: warm.cacheHitRate, bucketHitRate: warm.bucketHitRate },
        warmUncached: { p50: percentile(uncached.times, 0.5), p95: percentile(uncached.times, 0.95), max: Math.max(...uncached.times) },
        cold: { p50: percentile(cold, 0.5), p95: percentile(cold, 0.95), max: Math.max(...cold), openP50: percentile(coldOpen, 0.5) },
        shownPerQuery: warm.shown.reduce((a, b) => a + b, 0) / warm.shown.length,
        heapMB: heap / 1048576,
        // Segments and count tables held by the weeks cache: ArrayBuffers, outside the heap figure.
        weeksCacheMB: (warm.bucketBytes ?? 0) / 1048576,
        dbMB: (usageAfter - usageBefore) / 1048576,
        dbKBPerArticle: (usageAfter - usageBefore) / 1024 / ingest.articles,
        plainDbMB: plainUsage / 1048576,
        miniSearch,
      };
      const first = (data[0] as typeof result | undefined) ?? result;
      data.push(result);
      rows.push({
        articles: size,
        'ingest/s (index)': result.ingestPerSecond,
        'bulkPut/s': result.plainPerSecond,
        'ingest ÷ bulkPut': result.ingestRatio,
        'warm p50 ms': result.warm.p50,
        'warm p95 ms': result.warm.p95,
        'cache hits (candidates / weeks)': `${Math.round(result.warm.cacheHitRate * 100)}% / ${Math.round(result.warm.bucketHitRate * 100)}%`,
        'no-cache p50/p95 ms': `${result.warmUncached.p50.toFixed(1)} / ${result.warmUncached.p95.toFixed(1)}`,
        'cold p50 ms': result.cold.p50,
        'cold p95 ms': result.cold.p95,
        'open p50 ms': result.cold.openP50,
        'heap MB': result.heapMB,
        'weeks cache MB (off heap)': result.weeksCacheMB,
        'DB MB': result.dbMB,
        'KB/article': result.dbKBPerArticle,
        'plain DB MB': result.plainDbMB,
        // Growth against the smallest size run: how lookups scale with the store.
        'warm p95 ×': result.warm.p95 / first.warm.p95,
        'cold p95 ×': result.cold.p95 / first.cold.p95,
        'MiniSearch build ms': result.miniSearch.buildMs,
        'MiniSearch p50/p95 ms': `${result.miniSearch.p50.toFixed(1)} / ${result.miniSearch.p95.toFixed(1)}`,
        'MiniSearch heap MB': result.miniSearch.heapMB,
      });
      console.log(JSON.stringify(result));
    } finally {
      await page?.close();
      await session.close();
    }
  }
  // Issue 15's targets, at 100,000 (and the growth to 500,000 when it ran).
  type Row = { size: number; ingestRatio: number; warm: { p50: number; p95: number }; cold: { p95: number }; heapMB: number; dbKBPerArticle: number };
  const at = (size: number) => (data as Row[]).find((row) => row.size === size);
  const hundred = at(100_000);
  const fiveHundred = at(500_000);
  const targets =
    hundred === undefined
      ? undefined
      : {
          'warm lookup p50 ≤ 5 ms at 100,000': hundred.warm.p50 <= 5,
          'warm lookup p95 ≤ 10 ms at 100,000': hundred.warm.p95 <= 10,
          'cold lookup p95 ≤ 50 ms at 100,000': hundred.cold.p95 <= 50,
          'ingest ≤ 3× plain bulkPut at 100,000': hundred.ingestRatio <= 3,
          'heap ≤ 40 MB after lookups at 100,000': hundred.heapMB <= 40,
          'database ≤ 1.0 KB an article at 100,000': hundred.dbKBPerArticle <= 1.0,
          ...(fiveHundred === undefined ? {} : { 'warm p95 at 500,000 ≤ 1.5× that at 100,000': fiveHundred.warm.p95 <= 1.5 * hundred.warm.p95 }),
        };
  return { name: 'engine', rows, data, ...(targets === undefined ? {} : { targets }) };
}
