/**
 * Digest A/B: the digest's build and its two date reads (the newest article, the week's articles)
 * and retention's read of every article's age, in two builds alternated (and the database's size an article, as the engine bench reads it), each run a fresh browser and profile holding SIZE articles of the
 * bench corpus. DENSE=<weeks>: the corpus's dates spread evenly over that many weeks before now
 * (the bench corpus spans years, so its newest week is nearly empty; a reader with many feeds
 * has thousands a week). `A_DIR=<build> B_DIR=<build> [ORDER=ABBA] [ROUNDS=5] [DENSE=8] tsx bench/digest-ab.ts [SIZE]`
 * (a build: a `chrome-mv3-e2e` folder).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseRecords } from './corpus';
import { launchExtension } from '../tests/e2e/harness';
import type { EngineBenchApi } from './pages/engine-bench-page';

type Api = { engineBench: EngineBenchApi };
const size = Number(process.argv[2] ?? 100_000);
const order = process.env.ORDER ?? 'ABBA';
const rounds = Number(process.env.ROUNDS ?? 5);
const dense = process.env.DENSE === undefined ? undefined : Number(process.env.DENSE);
const dirs = Object.fromEntries([...new Set(order)].map((side) => [side, process.env[`${side}_DIR`]]));
for (const [side, dir] of Object.entries(dirs)) if (dir === undefined) throw new Error(`${side}_DIR is missing`);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const records = baseRecords();
if (dense !== undefined) {
  const span = dense * 7 * 86_400_000;
  const now = Date.now();
  records.forEach((record, i) => {
    if (record.publishedAt !== undefined) record.publishedAt = now - ((i * 7919) % records.length) * (span / records.length);
  });
}
let run = 0;
for (const side of order) {
  run++;
  const profileDir = mkdtempSync(join(tmpdir(), 'rots-digest-ab-'));
  const session = await launchExtension({ extensionDir: dirs[side]!, profileDir });
  try {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('bench.html'));
    await page.waitForFunction(() => 'engineBench' in window);
    await page.evaluate((b) => (window as unknown as Api).engineBench.setBase(b), records);
    const usageBefore = await page.evaluate(() => (window as unknown as Api).engineBench.storageUsage());
    const ingest = await page.evaluate((s) => (window as unknown as Api).engineBench.ingest('digest-ab', s, 2000), size);
    // As the engine bench measures the database: the origin's usage the ingest added.
    const kb = ((await page.evaluate(() => (window as unknown as Api).engineBench.storageUsage())) - usageBefore) / 1024 / ingest.articles;
    const load = loadavg()[0]!.toFixed(1);
    const d = await page.evaluate((r) => (window as unknown as Api).engineBench.digest('digest-ab', r), rounds);
    const f = (values: number[]): string => `${median(values).toFixed(1)} (${values.map((v) => v.toFixed(0)).join(' ')})`;
    console.log(`${run} ${side}: ${ingest.articles} articles, ${kb.toFixed(3)} KB an article, week ${d.articles}; digest build ms ${f(d.build)}; newest ${f(d.newest)}; week read ${f(d.week)}; retention's ages ${f(d.ages)}; load ${load}→${loadavg()[0]!.toFixed(1)}`);
  } finally {
    await session.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}
