/**
 * Imports files through the options page's file input and measures, in the page itself, what
 * the user would feel: the main thread's long tasks (PerformanceObserver 'longtask'), each
 * progress update rendered, and the time from choosing the files to the report.
 */
import type { Page } from 'playwright-core';

export interface ImportMeasurement {
  /** Milliseconds from the input's change event to the report on screen (page clock). */
  totalMs: number;
  /** Durations of the page's long tasks (> 50 ms) during the import. */
  longTasks: number[];
  /** Each distinct progress state rendered: bar value and the status line. */
  progress: { atMs: number; value: number; max: number; text: string }[];
  reportText: string;
  /** Each Worker the page started: its script and how many messages it sent. */
  workers: { url: string; messages: number; errors: string[] }[];
}

interface PageProbe {
  start: number;
  end: number;
  longTasks: number[];
  progress: { atMs: number; value: number; max: number; text: string }[];
  workers: { url: string; messages: number; errors: string[] }[];
}

/** Installs the probes; call before choosing the files. */
export async function installImportProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe: PageProbe = { start: Infinity, end: Infinity, longTasks: [], progress: [], workers: [] };
    (window as unknown as { importProbe: PageProbe }).importProbe = probe;
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url: string | URL, init?: WorkerOptions) {
        super(url, init);
        const entry = { url: String(url), messages: 0, errors: [] as string[] };
        probe.workers.push(entry);
        this.addEventListener('message', () => entry.messages++);
        this.addEventListener('error', (event) => entry.errors.push(event.message));
      }
    };
    document.querySelector('[data-testid=import-input]')!.addEventListener('change', () => (probe.start = performance.now()), { capture: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.startTime >= probe.start) probe.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('.import-progress progress');
      if (bar !== null) {
        const text = document.querySelector('.import-progress p')?.textContent ?? '';
        const last = probe.progress[probe.progress.length - 1];
        if (last === undefined || last.value !== bar.value || last.text !== text) probe.progress.push({ atMs: performance.now() - probe.start, value: bar.value, max: bar.max, text });
      }
      if (probe.end === Infinity && document.querySelector('[data-testid=import-report]') !== null) probe.end = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** Chooses `files` in the import input and waits for the report; returns what was measured. */
export async function measureImport(page: Page, files: string[], timeoutMs: number): Promise<ImportMeasurement> {
  await installImportProbe(page);
  await page.locator('[data-testid=import-input]').setInputFiles(files);
  const report = page.locator('[data-testid=import-report]');
  await report.waitFor({ timeout: timeoutMs });
  // Long tasks are reported after they end: give the observer a moment.
  await page.waitForTimeout(300);
  const probe = await page.evaluate(() => (window as unknown as { importProbe: PageProbe }).importProbe);
  return { totalMs: probe.end - probe.start, longTasks: probe.longTasks, progress: probe.progress, reportText: (await report.textContent()) ?? '', workers: probe.workers };
}

/** The number before `words` in the report ("12,000 imported" → 12000). */
export function reportCount(text: string, words: string): number {
  return Number(new RegExp(`([\\d,]+) ${words}`).exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}
