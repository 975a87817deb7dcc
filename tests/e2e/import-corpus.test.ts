/**
 * The whole coronavirus corpus (6,241 files) imported through the options page in real Chromium:
 * a progress bar while it runs, a page that never freezes, a complete report, and a re-import
 * that changes nothing.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../shared-data';
import { launchExtension, resultsPath, type ExtensionSession } from './harness';

let session: ExtensionSession;

beforeAll(async () => {
  if (hasShared) session = await launchExtension();
});
afterAll(async () => session?.close());

describe.skipIf(!hasShared)('importing the whole corpus', () => {
  it('imports 6,241 files with progress, keeps the page responsive, and re-imports as duplicates', async () => {
    const dir = sharedPath('data/smartable/coronavirus');
    const files = readdirSync(dir).map((file) => join(dir, file));
    expect(files).toHaveLength(6241);
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('options.html'));
    // Record the main thread's long tasks while importing: from the input's change event on
    // (filling a file input with 6,241 files is the browser's own work, before ours starts).
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[]; importStart: number };
      w.longTasks = [];
      w.importStart = Infinity;
      document.querySelector('[data-testid=import-input]')!.addEventListener('change', () => (w.importStart = performance.now()), { capture: true });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.startTime >= w.importStart) w.longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });

    await page.locator('[data-testid=import-input]').setInputFiles(files);
    await page.locator('.import-progress progress').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: resultsPath('options-import-progress.png') });
    const report = page.locator('[data-testid=import-report]');
    await report.waitFor({ timeout: 240_000 });
    const text = (await report.textContent()) ?? '';
    await page.screenshot({ path: resultsPath('options-import-corpus.png'), fullPage: true });
    const count = (word: string): number => Number(new RegExp(`([\\d,]+) ${word}`).exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
    expect(count('failed')).toBe(0);
    expect(count('imported') + count('updated') + count('skipped as duplicates')).toBe(6241);
    expect(count('imported')).toBeGreaterThan(6000);
    expect(text).toMatch(/1 warning/);
    const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    // No single task of the import blocks the page long enough to feel frozen.
    expect(Math.max(0, ...tasks)).toBeLessThan(250);

    await page.locator('[data-testid=import-input]').setInputFiles(files);
    await page.waitForFunction(() => document.querySelector('[data-testid=import-report]') !== null && /\b0 imported\b/.test(document.querySelector('[data-testid=import-report]')!.textContent ?? ''), null, {
      timeout: 240_000,
    });
    const again = (await report.textContent()) ?? '';
    expect(again).toMatch(/\b0 imported, 0 updated, 6,241 skipped as duplicates, 0 failed\b/);
    await page.close();
  });
});
