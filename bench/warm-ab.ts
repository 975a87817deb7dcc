/**
 * Warm lookups of two builds, paired: both browsers open at once, each with one page that answers
 * the engine bench's 300 warm-up queries and then its 300 measured ones (as `lookups-ab.ts`), in
 * turns of CHUNK queries, A then B then A… (who goes first alternating), so both meet the same
 * machine load — on a shared machine the load moves by more than a change is worth between two
 * runs. Within a turn the lookups run back to back in the page, as in the bench's pass.
 * Each side needs its own copy of one ingested profile (`lookups-ab.ts` ingests one), reachable
 * by its build: the database follows the extension id, which follows the build's folder (or its
 * manifest `key`; see cold-ab.ts). Refuses to ingest.
 * `A_DIR=<build's chrome-mv3-e2e> A_PROFILE=<dir> B_DIR=… B_PROFILE=… tsx bench/warm-ab.ts SIZE`
 * (CHUNK=n, default 10; TRACE=1: each step's p50 / p95 per side; TIMES=file: both sides' ms, query by query).
 * Prints each side's warm p50 / p95 / mean and the paired median of B − A per query.
 */
import type { Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { baseRecords, corpusOfSize } from './corpus';
import { launchExtension, type ExtensionSession } from '../tests/e2e/harness';
import type { BenchQuery, EngineBenchApi } from './pages/engine-bench-page';
import { freshPage, percentile, queriesFor } from './engine.bench';

type Api = { engineBench: EngineBenchApi };
const size = Number(process.argv[2] ?? 100_000);
const CHUNK = Number(process.env.CHUNK ?? 10);
const TRACE = process.env.TRACE !== undefined;
const WARM = 300;
const records = corpusOfSize(baseRecords(), size);
const all = queriesFor(records, 2 * WARM);
const warmup = all.filter((_, i) => i % 2 === 0);
const queries = all.filter((_, i) => i % 2 === 1);
const name = `ab-${size}`;

interface Side {
  label: string;
  session: ExtensionSession;
  page: Page;
  ms: number[];
  steps: Record<string, number>[];
}

async function open(label: string, dir: string, profile: string): Promise<Side> {
  const session = await launchExtension({ extensionDir: dir, profileDir: profile });
  const { page } = await freshPage(session, null);
  const have = await page.evaluate(async (n) => (await indexedDB.databases()).some((d) => d.name === n), name);
  if (!have) throw new Error(`${label}: no database ${name} in ${profile} for this build (ingest with lookups-ab.ts first)`);
  return { label, session, page, ms: [], steps: [] };
}

async function turn(side: Side, batch: BenchQuery[], measured: boolean): Promise<void> {
  if (TRACE && measured) {
    const steps = await side.page.evaluate(([n, q]) => (window as unknown as Api).engineBench.tracedLookups(n, q, true), [name, batch] as const);
    side.steps.push(...steps);
    side.ms.push(...steps.map((s) => s['total']!));
    return;
  }
  const r = await side.page.evaluate(([n, q]) => (window as unknown as Api).engineBench.lookups(n, q, true), [name, batch] as const);
  if (measured) side.ms.push(...r.times);
}

/** A side's build and profile, both given: without them launchExtension would take the default
 * build and a fresh profile, and the run would fail later for a reason it does not say. */
function sideEnv(label: 'A' | 'B'): { dir: string; profile: string } {
  const dir = process.env[`${label}_DIR`];
  const profile = process.env[`${label}_PROFILE`];
  if (!dir || !profile) throw new Error(`set ${label}_DIR (a build's chrome-mv3-e2e) and ${label}_PROFILE (a profile lookups-ab.ts ingested); see the header`);
  return { dir, profile };
}

const sides: Side[] = [];
try {
  for (const label of ['A', 'B'] as const) {
    const { dir, profile } = sideEnv(label);
    sides.push(await open(label, dir, profile));
  }
  for (const [list, measured] of [
    [warmup, false],
    [queries, true],
  ] as const) {
    for (let i = 0, k = 0; i < list.length; i += CHUNK, k++) {
      const batch = list.slice(i, i + CHUNK);
      for (const side of k % 2 === 0 ? sides : [...sides].reverse()) await turn(side, batch, measured);
    }
  }
  const f = (x: number) => x.toFixed(1);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const side of sides) {
    console.log(`${side.label} warm p50 ${f(percentile(side.ms, 0.5))} p95 ${f(percentile(side.ms, 0.95))} mean ${f(mean(side.ms))}`);
    if (TRACE) {
      const names = [...new Set(side.steps.flatMap((s) => Object.keys(s)))];
      const at = (n: string, p: number) => percentile(side.steps.map((s) => s[n]).filter((x): x is number => x !== undefined), p);
      console.log('  ' + names.map((n) => `${n} ${f(at(n, 0.5))}/${f(at(n, 0.95))}`).join(' | '));
    }
  }
  if (process.env.TIMES) writeFileSync(process.env.TIMES, JSON.stringify({ A: sides[0]!.ms, B: sides[1]!.ms }));
  const diffs = sides[1]!.ms.map((b, i) => b - sides[0]!.ms[i]!);
  console.log(`B − A paired: median ${f(percentile(diffs, 0.5))} ms, mean ${f(mean(diffs))}, B faster in ${diffs.filter((d) => d < 0).length} of ${diffs.length}`);
} finally {
  for (const side of sides) {
    await side.page.close();
    await side.session.close();
  }
}
