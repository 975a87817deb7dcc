/**
 * Ingest A/B: the engine bench's ingest (`engineBench.ingest`: the import's writer and preparation
 * worker, batches of BATCH records) alternated between two builds, each run a fresh browser and
 * profile. Reports per run the page's wall time, the CPU time of every process of that browser
 * (utime + stime from /proc, read just before and after the ingest: steadier than wall time on a
 * shared machine), the load, and the IndexedDB blob files (how many the store's database ever
 * created — Chromium numbers them in order — how many are left, and the most alive at once,
 * polled). `A_DIR=<build> B_DIR=<build> [ORDER=ABBA] [BATCH=1000] [BATCH_A=…] [BATCH_B=…] tsx bench/ingest-ab.ts [SIZE]`
 * (a build: a `chrome-mv3-e2e` folder).
 */
import { readdirSync, readFileSync, rmSync, mkdtempSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseRecords } from './corpus';
import { launchExtension } from '../tests/e2e/harness';
import type { EngineBenchApi } from './pages/engine-bench-page';

type Api = { engineBench: EngineBenchApi };
const size = Number(process.argv[2] ?? 100_000);
const order = process.env.ORDER ?? 'ABBA';
/** Records a batch; BATCH_A / BATCH_B: a side's own (the same build with two batch sizes). */
const batchOf = (side: string): number => Number(process.env[`BATCH_${side}`] ?? process.env.BATCH ?? 1_000);
/** A side's build: `<side>_DIR` (any letter of ORDER: A, B, C…). */
const dirs = Object.fromEntries([...new Set(order)].map((side) => [side, process.env[`${side}_DIR`]]));
for (const [side, dir] of Object.entries(dirs)) if (dir === undefined) throw new Error(`${side}_DIR is missing`);
const TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) of the processes of the browser that uses this profile and their descendants. */
function browserCpu(profile: string): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  const roots: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) in parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      parent.set(pid, Number(fields[1]));
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS);
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`--user-data-dir=${profile}`)) roots.push(pid);
    } catch {
      // The process ended while being read.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) if (roots.includes(p)) return true;
    return false;
  };
  let total = 0;
  for (const [pid, seconds] of cpu) if (inTree(pid)) total += seconds;
  return total;
}

/** Blob files of the origin's IndexedDB: their count, bytes and highest number. */
function blobFiles(profile: string): { files: number; bytes: number; highest: number } {
  const out = { files: 0, bytes: 0, highest: 0 };
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) walk(path);
        else if (/^[0-9a-f]+$/.test(entry)) {
          out.files++;
          out.bytes += stat.size;
          out.highest = Math.max(out.highest, parseInt(entry, 16));
        }
      } catch {
        // Deleted while walked.
      }
    }
  };
  const root = join(profile, 'Default', 'IndexedDB');
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return out;
  }
  for (const entry of entries) if (entry.endsWith('.blob')) walk(join(root, entry));
  return out;
}

const base = baseRecords();
const rows: string[] = [];
for (const [i, side] of [...order].entries()) {
  const profile = mkdtempSync(join(tmpdir(), `ingest-ab-${side}-`));
  const session = await launchExtension({ extensionDir: dirs[side]!, profileDir: profile });
  try {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('bench.html'));
    await page.waitForFunction(() => 'engineBench' in window);
    await page.evaluate((b) => (window as unknown as Api).engineBench.setBase(b), base);
    const load0 = loadavg()[0]!;
    const cpu0 = browserCpu(profile);
    let mostFiles = 0;
    let mostBytes = 0;
    const poll = setInterval(() => {
      const now = blobFiles(profile);
      mostFiles = Math.max(mostFiles, now.files);
      mostBytes = Math.max(mostBytes, now.bytes);
    }, 250);
    const ingest = await page.evaluate(([s, b]) => (window as unknown as Api).engineBench.ingest('ingest-ab', s, b), [size, batchOf(side)] as const);
    clearInterval(poll);
    const cpu = browserCpu(profile) - cpu0;
    const blobs = blobFiles(profile);
    const row = `${i + 1} ${side} (batch ${batchOf(side)}): ingest ${(ingest.ms / 1000).toFixed(1)} s, CPU ${cpu.toFixed(1)} s, ${ingest.articles} articles; blob files created ${blobs.highest}, left ${blobs.files} (${(blobs.bytes / 1048576).toFixed(1)} MB), most at once ${mostFiles} (${(mostBytes / 1048576).toFixed(1)} MB); load ${load0.toFixed(1)}→${loadavg()[0]!.toFixed(1)}`;
    console.log(row);
    rows.push(row);
  } finally {
    await session.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
console.log(rows.join('\n'));
