/**
 * `npm run bench import [--records N]`: a large NDJSON import through the options page in real
 * headless Chromium (the e2e build). Generates N records like the seed's (tests/generate-records.ts;
 * default 100,000, ~190 MB), chooses the file in the import input, and measures in the page: the
 * time to the report, records per second, the page's long tasks (its main thread) and how many
 * progress updates were rendered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchExtension } from '../tests/e2e/harness';
import { measureImport, reportCount } from '../tests/e2e/import-measure';
import { writeGeneratedNdjson } from '../tests/generate-records';
import type { BenchSection } from './run';

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const value = at === -1 ? NaN : Number(args[at + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export async function run(args: string[]): Promise<BenchSection> {
  const records = option(args, '--records', 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'rots-import-bench-'));
  const file = join(dir, `generated-${records}.ndjson`);
  const bytes = await writeGeneratedNdjson(file, records);
  const session = await launchExtension();
  try {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('options.html'));
    const measured = await measureImport(page, [file], 60 * 60_000);
    const imported = reportCount(measured.reportText, 'imported');
    const failed = reportCount(measured.reportText, 'failed');
    const longest = Math.max(0, ...measured.longTasks);
    const blocked = measured.longTasks.reduce((sum, ms) => sum + ms, 0);
    const row = {
      records,
      MB: Math.round(bytes / 1048576),
      'total s': measured.totalMs / 1000,
      'records/s': Math.round(records / (measured.totalMs / 1000)),
      'longest task ms': longest,
      'long tasks': measured.longTasks.length,
      'long-task ms total': Math.round(blocked),
      'progress updates': measured.progress.length,
      imported,
      failed,
    };
    return {
      name: 'import',
      rows: [row],
      data: { ...row, longTasks: measured.longTasks, progress: measured.progress.map(({ atMs, value, max }) => ({ atMs, value, max })), report: measured.reportText },
      targets: { 'no long task over 100 ms on the options page': longest <= 100, [`all ${records} records imported`]: imported === records && failed === 0 },
    };
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
