/**
 * Cold lookups of two builds, paired: both browsers open at once, fresh pages alternated A, B, A,
 * B… over the same queries, so both meet the same machine load (a shared machine's load moves by
 * more than a change is worth between two runs of `lookups-ab.ts`). Each build's store must have
 * been ingested first (`lookups-ab.ts` with the same PROFILE_DIR):
 * `A_DIR=<build's chrome-mv3-e2e> A_PROFILE=<dir> B_DIR=… B_PROFILE=… COLD=n tsx bench/cold-ab.ts SIZE`.
 * The same store for both: give both builds' manifest.json one `key` (the extension id follows
 * it, not the folder), ingest once, and pass two copies of that profile (one browser a profile).
 * Page load (navigation until the bench page is up) is printed too: a change must not move work
 * there.
 * Prints each build's cold p50 / p95 and the median of the paired differences (B − A), and with
 * TRACE=1 the mean of each step's end (ms from the lookup's start).
 */
import type { Page } from 'playwright-core';
import { baseRecords, corpusOfSize } from './corpus';
import { launchExtension, type ExtensionSession } from '../tests/e2e/harness';
import type { EngineBenchApi } from './pages/engine-bench-page';
import { freshPage, percentile, queriesFor } from './engine.bench';

type Api = { engineBench: EngineBenchApi };
const size = Number(process.argv[2] ?? 100_000);
const COLD = Number(process.env.COLD ?? 30);
const TRACE = process.env.TRACE !== undefined;
const records = corpusOfSize(baseRecords(), size);
const all = queriesFor(records, 600);
const queries = all.filter((_, i) => i % 2 === 1);
const name = `ab-${size}`;

interface Side {
  label: string;
  session: ExtensionSession;
  page: Page | null;
  ms: number[];
  /** The fresh page's load (navigation until the bench page's API is there). */
  load: number[];
  steps: Record<string, number>[];
}

async function open(label: string, dir: string, profile: string): Promise<Side> {
  return { label, session: await launchExtension({ extensionDir: dir, profileDir: profile }), page: null, ms: [], load: [], steps: [] };
}

const sides = [await open('A', process.env.A_DIR!, process.env.A_PROFILE!), await open('B', process.env.B_DIR!, process.env.B_PROFILE!)];
try {
  for (let i = 0; i < COLD; i++) {
    const query = queries[(i * 37) % queries.length]!;
    // Which side goes first alternates too.
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      const t0 = performance.now();
      ({ page: side.page } = await freshPage(side.session, side.page));
      side.load.push(performance.now() - t0);
      const r = await side.page.evaluate(([n, q, t]) => (window as unknown as Api).engineBench.coldLookup(n, q, t), [name, query, TRACE] as const);
      side.ms.push(r.ms);
      if (r.steps !== undefined) side.steps.push(r.steps);
    }
  }
  const f = (x: number) => x.toFixed(1);
  const diffs = sides[1]!.ms.map((b, i) => b - sides[0]!.ms[i]!);
  for (const side of sides) {
    console.log(`${side.label} cold p50 ${f(percentile(side.ms, 0.5))} p95 ${f(percentile(side.ms, 0.95))} mean ${f(side.ms.reduce((a, b) => a + b, 0) / side.ms.length)}; page load p50 ${f(percentile(side.load, 0.5))} mean ${f(side.load.reduce((a, b) => a + b, 0) / side.load.length)}`);
    if (TRACE) {
      const names = [...new Set(side.steps.flatMap((s) => Object.keys(s)))];
      console.log('  ' + names.map((n) => `${n} ${f(side.steps.reduce((a, s) => a + (s[n] ?? 0), 0) / side.steps.length)}`).join(' | '));
    }
  }
  console.log(`B − A paired: median ${f(percentile(diffs, 0.5))} ms, B faster in ${diffs.filter((d) => d < 0).length} of ${diffs.length}`);
} finally {
  for (const side of sides) {
    await side.page?.close();
    await side.session.close();
  }
}
