/**
 * Scratch: where an uncached lookup's time goes in Chromium, phase by phase, over a store kept in
 * a persistent profile between runs (built once). `tsx bench/profile-engine.ts SIZE [QUERIES]`
 * after `npx wxt build --mode e2e`.
 */
import { baseRecords, corpusOfSize } from './corpus';
import { launchExtension } from '../tests/e2e/harness';
import type { EngineBenchApi } from './pages/engine-bench-page';
import type { NewsRecord } from '../src/record/record';

type Api = { engineBench: EngineBenchApi };
const size = Number(process.argv[2] ?? 10_000);
const count = Number(process.argv[3] ?? 60);
const base = baseRecords();
const records = corpusOfSize(base, size);
const step = Math.max(1, Math.floor(records.length / (2 * count)));
const queries = records.filter((_, i) => i % step === 0).slice(0, 2 * count).map((r: NewsRecord, i) => ({ urls: i % 3 === 2 ? [`https://elsewhere.invalid/page-${i}`] : [r.originalUrl ?? r.webUrl!], title: r.title, excerpt: r.excerpt, ...(r.publishedAt === undefined ? {} : { publishedAt: r.publishedAt }) }));
const session = await launchExtension({ profileDir: process.env.PROFILE_DIR ?? `/tmp/speed/profile-${size}` });
try {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('bench.html'));
  await page.waitForFunction(() => 'engineBench' in window);
  const name = `prof-${size}`;
  const have = await page.evaluate(async (n) => {
    const dbs = await indexedDB.databases();
    return dbs.some((d) => d.name === n);
  }, name);
  if (!have || process.env.REBUILD) {
    await page.evaluate((b) => (window as unknown as Api).engineBench.setBase(b), base);
    await page.evaluate((n) => (window as unknown as Api).engineBench.deleteDatabases([n]), name);
    const plain = await page.evaluate(([n, s]) => (window as unknown as Api).engineBench.ingestPlain(n, s, 1000), [`${name}-plain`, size] as const);
    await page.evaluate((n) => (window as unknown as Api).engineBench.deleteDatabases([n]), `${name}-plain`);
    const cdp = process.env.CPU_PROFILE ? await session.context.newCDPSession(page) : null;
    if (cdp !== null) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const ingest = await page.evaluate(([n, s]) => (window as unknown as Api).engineBench.ingest(n, s, 1000), [name, size] as const);
    if (cdp !== null) {
      const { profile } = await cdp.send('Profiler.stop');
      (await import('node:fs')).writeFileSync(process.env.CPU_PROFILE!, JSON.stringify(profile));
    }
    console.log('ingest', ingest, 'plain', plain, 'ratio', (ingest.ms / plain.ms).toFixed(2));
  }
  if (!process.env.INGEST_ONLY) {
  const warm = queries.filter((_, i) => i % 2 === 0);
  const measured = queries.filter((_, i) => i % 2 === 1);
  await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.profileLookups(n, q), [name, warm] as const);
  const prof = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.profileLookups(n, q), [name, measured] as const);
  const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  for (const [k, xs] of Object.entries(prof)) console.log(k.padEnd(12), 'mean', (xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(1).padStart(7), 'p50', pct(xs, 0.5).toFixed(1).padStart(7), 'p95', pct(xs, 0.95).toFixed(1).padStart(7));
  const lookups = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.lookups(n, q, false), [name, measured] as const);
  console.log('findRelated no-cache p50', pct(lookups.times, 0.5).toFixed(1), 'p95', pct(lookups.times, 0.95).toFixed(1));
  const cached = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.lookups(n, q, true), [name, measured] as const);
  console.log('findRelated cache (2nd pass) p50', pct(cached.times, 0.5).toFixed(1), 'p95', pct(cached.times, 0.95).toFixed(1));
  }
} finally {
  await session.close();
}
