/**
 * A large NDJSON import (20,000 generated records, ~37 MB, read as a stream) through the options
 * page in real Chromium: the work runs in the import worker, so the page has no long task over
 * 100 ms, shows progress as it goes, and reports every record (and a bad line next to good ones).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedNdjson } from '../generate-records';
import { launchExtension, resultsPath, type ExtensionSession } from './harness';
import { measureImport, reportCount } from './import-measure';

const RECORDS = 20_000;
let session: ExtensionSession;
let dir: string;
let big: string;
let small: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rots-import-large-'));
  big = join(dir, 'generated.ndjson');
  await writeGeneratedNdjson(big, RECORDS);
  small = join(dir, 'with-a-bad-line.ndjson');
  writeFileSync(
    small,
    ['{"title":"Harbour reopens after the storm","webUrl":"https://small.example.com/1"}', '{"title": "cut off', '{"title":"Ferries run again","webUrl":"https://small.example.com/2"}', ''].join('\n'),
  );
  session = await launchExtension();
});
afterAll(async () => {
  await session?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('importing a large NDJSON file', () => {
  it('keeps the options page responsive, shows progress and imports every record', async () => {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('options.html'));
    const measured = await measureImport(page, [big, small], 170_000);
    await page.screenshot({ path: resultsPath('options-import-large.png'), fullPage: true });
    const text = measured.reportText;
    console.log(
      `[import-large] ${RECORDS} records in ${(measured.totalMs / 1000).toFixed(1)} s; page long tasks: ${JSON.stringify(measured.longTasks.map(Math.round))}; progress updates: ${measured.progress.length}`,
    );

    expect(reportCount(text, 'imported')).toBe(RECORDS + 2);
    expect(reportCount(text, 'failed')).toBe(1);
    expect(text).toMatch(/with-a-bad-line\.ndjson\s*\(line 2\): invalid JSON/);
    // The work ran in the import worker (not the page's fallback)…
    expect(measured.workers).toHaveLength(1);
    expect(measured.workers[0]).toMatchObject({ url: expect.stringMatching(/^chrome-extension:\/\/.*\/assets\/worker-.*\.js$/), errors: [] });
    // …so the page's main thread never blocks long enough to feel frozen.
    expect(measured.longTasks.filter((ms) => ms > 100)).toEqual([]);
    // Progress moved as the file was read: several distinct values of the bar, increasing.
    const values = [...new Set(measured.progress.map((p) => p.value))];
    expect(values.length).toBeGreaterThanOrEqual(4);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(measured.progress.some((p) => /[1-9][\d,]* records stored/.test(p.text))).toBe(true);

    // The store has them all: the page's own summary reads it after the import.
    await page.reload();
    await page.getByText(/\b20,002 articles stored/).first().waitFor({ timeout: 30_000 });
    await page.close();
  });
});
