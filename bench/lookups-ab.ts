/**
 * The engine bench's lookups alone (`engine.bench.ts`: the same queries, 300 warm-up and 300
 * measured in one page, the same 300 without the cache, 15 cold pages, heap after GC) over a store
 * ingested once into a persistent profile, so builds can be alternated quickly:
 * `EXTENSION_DIR=<a build's chrome-mv3-e2e> PROFILE_DIR=<one per build> tsx bench/lookups-ab.ts SIZE`
 * (a build's extension id follows its folder, and so does its database). Options:
 * CPU_WARM=file (CPU profile of the measured warm pass), CPU_COLD=prefix (one per cold page),
 * CPU_PER_QUERY=dir (one profile a warm query), PER_QUERY=file (each warm query's time, cache
 * hits and items shown), HEAP_WARM=file (sampled allocations of the measured warm pass, garbage
 * included), COLD=n, INGEST_BATCH=n (records a batch of the ingest), TRACE=1 (each lookup's steps timed, summarised; TRACE_FILE=file: the warm
 * pass's steps, lookup by lookup, as JSON; COLD_TRACE_FILE=file: each cold page's, with its query's index), UNDATED=1 (the queries without their dates), PRIME=1 (one uncounted cold page first, a warm-up query).
 */
import type { CDPSession, Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { baseRecords, corpusOfSize } from './corpus';
import { launchExtension } from '../tests/e2e/harness';
import type { BenchQuery, EngineBenchApi } from './pages/engine-bench-page';
import { freshPage, percentile, queriesFor } from './engine.bench';
import { WORKER_BATCH_SIZE } from '../src/ingest/import-files';

type Api = { engineBench: EngineBenchApi };
const size = Number(process.argv[2] ?? 100_000);
const COLD = Number(process.env.COLD ?? 15);
/** TRACE=1: each lookup's steps timed (findRelated's `trace`), warm and cold, summarised on stderr. */
const TRACE = process.env.TRACE !== undefined;
const coldSteps: Record<string, number>[] = [];

/** Mean and p50/p95 of each step's end (ms from the lookup's start) over lookups. */
function summarise(label: string, runs: Record<string, number>[]): void {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  const rows = names.map((step) => {
    const xs = runs.map((r) => r[step]).filter((x): x is number => x !== undefined);
    return `${step.padEnd(11)} n ${String(xs.length).padStart(3)} mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2).padStart(6)} p50 ${percentile(xs, 0.5).toFixed(2).padStart(6)} p95 ${percentile(xs, 0.95).toFixed(2).padStart(6)}`;
  });
  console.error(`${label} (ms from the lookup's start)\n${rows.join('\n')}`);
}
const WARM = 300;
/** Records a batch of the ingest (INGEST_BATCH; default the import worker's): the segments' layout follows it. */
const INGEST_BATCH = Number(process.env.INGEST_BATCH ?? WORKER_BATCH_SIZE);
const base = baseRecords();
const records = corpusOfSize(base, size);

async function cpu(cdp: CDPSession): Promise<{ script: number; task: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (n: string) => metrics.find((m: { name: string }) => m.name === n)?.value ?? 0;
  return { script: get('ScriptDuration') * 1000, task: get('TaskDuration') * 1000 };
}
// UNDATED=1: the same texts as pages the store does not hold, without dates (a page whose date
// was not found; a stored article's lookup takes the stored row's date).
const all = queriesFor(records, 2 * WARM).map((query, i) => (process.env.UNDATED === undefined ? query : { urls: [`https://elsewhere.invalid/undated-${i}`], title: query.title, excerpt: query.excerpt }));
const warmup = all.filter((_, i) => i % 2 === 0);
const queries = all.filter((_, i) => i % 2 === 1);
const session = await launchExtension({ profileDir: process.env.PROFILE_DIR! });
let page: Page | null = null;
try {
  let cdp: CDPSession;
  ({ page, cdp } = await freshPage(session, page));
  const name = `ab-${size}`;
  const have = await page.evaluate(async (n) => (await indexedDB.databases()).some((d) => d.name === n), name);
  if (!have) {
    await page.evaluate((b) => (window as unknown as Api).engineBench.setBase(b), base);
    const ingest = await page.evaluate(([n, s, b]) => (window as unknown as Api).engineBench.ingest(n, s, b), [name, size, INGEST_BATCH] as const);
    console.error('ingested', ingest);
  }
  const cold: number[] = [];
  const coldScript: number[] = [];
  const coldTask: number[] = [];
  const open: number[] = [];
  if (process.env.PRIME !== undefined) {
    // PRIME=1: one cold page first, not counted (a warm-up query): the renderer has compiled the lookup's code once.
    ({ page, cdp } = await freshPage(session, page));
    await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.coldLookup(n, q, false), [name, warmup[0]!] as const);
  }
  for (let i = 0; i < COLD; i++) {
    ({ page, cdp } = await freshPage(session, page));
    const query = queries[(i * 37) % queries.length]!;
    if (process.env.CPU_COLD) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    await cdp.send('Performance.enable');
    const c0 = await cpu(cdp);
    const r = await page.evaluate(([n, q, t]) => (window as unknown as Api).engineBench.coldLookup(n, q, t), [name, query, TRACE] as const);
    if (r.steps !== undefined) coldSteps.push({ ...r.steps, query: (i * 37) % queries.length });
    const c1 = await cpu(cdp);
    coldScript.push(c1.script - c0.script);
    coldTask.push(c1.task - c0.task);
    if (process.env.CPU_COLD) writeFileSync(`${process.env.CPU_COLD}-${i}.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    cold.push(r.ms);
    open.push(r.openMs);
  }
  ({ page, cdp } = await freshPage(session, page));
  await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.lookups(n, q, true), [name, warmup] as const);
  await cdp.send('Performance.enable');
  const w0 = await cpu(cdp);
  if (process.env.HEAP_WARM) {
    // What the measured pass allocates (sampled), garbage included: what its GC pauses collect.
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  if (process.env.CPU_WARM) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  let warm: Awaited<ReturnType<EngineBenchApi['lookups']>>;
  if (process.env.CPU_PER_QUERY) {
    // One profile a query (the lookups themselves run as in one pass: same order, same cache).
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    const times: number[] = [];
    const shown: number[] = [];
    for (let i = 0; i < queries.length; i++) {
      await cdp.send('Profiler.start');
      const r = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.lookups(n, q, true), [name, [queries[i]!] as BenchQuery[]] as const);
      const { profile } = await cdp.send('Profiler.stop');
      times.push(r.times[0]!);
      shown.push(r.shown[0]!);
      writeFileSync(`${process.env.CPU_PER_QUERY}/${i}-${r.times[0]!.toFixed(2)}.cpuprofile`, JSON.stringify(profile));
    }
    warm = { times, shown, cacheHitRate: 0, bucketHitRate: 0 };
  } else if (process.env.PER_QUERY) {
    const times: number[] = [];
    const shown: number[] = [];
    const rows: string[] = [];
    for (let i = 0; i < queries.length; i++) {
      const r = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.lookups(n, q, true), [name, [queries[i]!] as BenchQuery[]] as const);
      times.push(r.times[0]!);
      shown.push(r.shown[0]!);
      rows.push(`${i} ${r.times[0]!.toFixed(2)} cand=${r.cacheHitRate.toFixed(2)} week=${r.bucketHitRate.toFixed(2)} shown=${r.shown[0]} dated=${queries[i]!.publishedAt !== undefined}`);
    }
    writeFileSync(process.env.PER_QUERY, rows.join('\n'));
    warm = { times, shown, cacheHitRate: 0, bucketHitRate: 0 };
  } else if (TRACE) {
    // The measured pass itself, each lookup's steps timed.
    const steps = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.tracedLookups(n, q, true), [name, queries] as const);
    summarise('warm, traced', steps);
    if (process.env.TRACE_FILE) writeFileSync(process.env.TRACE_FILE, JSON.stringify(steps));
    warm = { times: steps.map((s) => s['total']!), shown: [], cacheHitRate: 0, bucketHitRate: 0 };
  } else warm = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.lookups(n, q, true), [name, queries] as const);
  if (process.env.CPU_WARM) writeFileSync(process.env.CPU_WARM, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  if (process.env.HEAP_WARM) writeFileSync(process.env.HEAP_WARM, JSON.stringify((await cdp.send('HeapProfiler.stopSampling')).profile));
  if (TRACE && coldSteps.length > 0) summarise('cold, traced', coldSteps.map(({ query: _, ...steps }) => steps));
  if (process.env.COLD_TRACE_FILE) writeFileSync(process.env.COLD_TRACE_FILE, JSON.stringify(coldSteps));
  if (process.env.TIMES) writeFileSync(process.env.TIMES, JSON.stringify(warm.times));
  const w1 = await cpu(cdp);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize / 1048576;
  let nocache: { times: number[] };
  if (TRACE) {
    const steps = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.tracedLookups(n, q, false), [name, queries] as const);
    summarise('no cache, traced', steps);
    nocache = { times: steps.map((s) => s['total']!) };
  } else nocache = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.lookups(n, q, false), [name, queries] as const);
  const f = (x: number) => x.toFixed(1);
  console.log(
    JSON.stringify({
      build: process.env.LABEL ?? '',
      warm: `${f(percentile(warm.times, 0.5))} / ${f(percentile(warm.times, 0.95))}`,
      hits: `${Math.round(warm.cacheHitRate * 100)}% / ${Math.round(warm.bucketHitRate * 100)}%`,
      weeksHeld: warm.bucketBytes === undefined ? '' : `${warm.bucketsHeld} weeks, ${(warm.bucketBytes / 1048576).toFixed(1)} MB`,
      nocache: `${f(percentile(nocache.times, 0.5))} / ${f(percentile(nocache.times, 0.95))}`,
      cold: `${f(percentile(cold, 0.5))} / ${f(percentile(cold, 0.95))}`,
      open: f(percentile(open, 0.5)),
      heap: f(heap),
      warmCpuPerLookup: `script ${((w1.script - w0.script) / queries.length).toFixed(2)} task ${((w1.task - w0.task) / queries.length).toFixed(2)}`,
      coldCpu: `script p50 ${f(percentile(coldScript, 0.5))} task p50 ${f(percentile(coldTask, 0.5))} p95 ${f(percentile(coldTask, 0.95))}`,
      shown: (warm.shown.reduce((a, b) => a + b, 0) / warm.shown.length).toFixed(2),
    }),
  );
} finally {
  await page?.close();
  await session.close();
}
