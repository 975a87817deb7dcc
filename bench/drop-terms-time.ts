/**
 * Scratch (session 33, wait33): the `drop-row-terms` data step's time in real Chromium on a store
 * of SIZE rows (default 100,000) that still hold their index fields, with the worker's batch size
 * (2,000). `npx wxt build --mode e2e` first; `[SIZE=100000] [ROUNDS=1] tsx bench/drop-terms-time.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseRecords } from './corpus';
import { EXTENSION_DIR, launchExtension } from '../tests/e2e/harness';
import { freshPage } from './engine.bench';
import type { EngineBenchApi } from './pages/engine-bench-page';

type Api = { engineBench: EngineBenchApi };
const size = Number(process.env.SIZE ?? 100_000);
const rounds = Number(process.env.ROUNDS ?? 1);
const base = baseRecords();
for (let round = 0; round < rounds; round++) {
  const profileDir = mkdtempSync(join(tmpdir(), 'rots-drop-terms-'));
  const session = await launchExtension({ extensionDir: EXTENSION_DIR, profileDir });
  try {
    const { page } = await freshPage(session, null);
    await page.evaluate((b) => (window as unknown as Api).engineBench.setBase(b), base);
    const loadBefore = loadavg()[0]!.toFixed(1);
    const out = await page.evaluate(([n, s]) => (window as unknown as Api).engineBench.dropRowTerms(n, s, 2_000), [`drop-${size}`, size] as const);
    const sorted = [...out.batchMs].sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        round,
        load: `${loadBefore}→${loadavg()[0]!.toFixed(1)}`,
        articles: out.articles,
        fillMs: Math.round(out.fillMs),
        stepMs: Math.round(out.ms),
        batches: out.batchMs.length,
        batchP50: +sorted[Math.floor(sorted.length / 2)]!.toFixed(1),
        batchMax: +sorted[sorted.length - 1]!.toFixed(1),
        withTermsAfter: out.withTermsAfter,
      }),
    );
  } finally {
    await session.context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}
