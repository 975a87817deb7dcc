/**
 * The new-tab digest in real Chromium with 100,000 stored articles: time to first contentful
 * paint of chrome://newtab/ (first opening, and later openings), when the first story card is on
 * screen, layout shift while the rest arrives, and how long the background takes to build the
 * digest.
 */
import type { Page } from 'playwright-core';
import type { EngineBenchApi } from './pages/engine-bench-page';
import { baseRecords } from './corpus';
import type { BenchSection } from './run';
import { launchExtension, serviceWorker } from '../tests/e2e/harness';
import { hasShared } from '../tests/shared-data';

const OPENINGS = 15;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

interface Opening {
  fcp: number;
  firstStory: number;
  cls: number;
}

/** Opens a new tab and reads its paint timings (from navigation start). */
async function open(page: Page): Promise<Opening> {
  await page.goto('chrome://newtab/');
  await page.locator('[data-testid=digest-story], [data-testid=digest-first-run]').first().waitFor({ timeout: 120_000 });
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const marks = performance.getEntriesByName('digest-first-story');
    const firstStory = marks[0]?.startTime ?? NaN;
    const shifts = (window as unknown as { layoutShift?: number }).layoutShift ?? 0;
    return { fcp, firstStory, cls: shifts };
  });
}

export async function run(args: string[]): Promise<BenchSection> {
  if (!hasShared) throw new Error('the digest benchmark needs ../shared/data (absent)');
  const size = Number(args[0] ?? 100_000);
  const session = await launchExtension();
  try {
    // Fill the extension's own store through the store module (as an import would).
    const bench = await session.context.newPage();
    await bench.goto(session.extensionUrl('bench.html'));
    await bench.waitForFunction(() => 'engineBench' in window);
    await bench.evaluate((b) => (window as unknown as { engineBench: EngineBenchApi }).engineBench.setBase(b), baseRecords());
    const ingest = await bench.evaluate((s) => (window as unknown as { engineBench: EngineBenchApi }).engineBench.ingest('rest-of-the-story', s, 1000), size);
    await bench.close();

    // The background builds the digest (what happens after an import).
    const worker = await serviceWorker(session);
    const buildStarted = Date.now();
    const viewer = await session.context.newPage();
    await viewer.goto(session.extensionUrl('options.html'));
    await viewer.evaluate(() => chrome.runtime.sendMessage({ type: 'get-digest' }));
    const buildMs = Date.now() - buildStarted;
    await viewer.close();
    void worker;

    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const openings: Opening[] = [];
    for (let i = 0; i < OPENINGS; i++) openings.push(await open(page));
    const first = openings[0]!;
    const later = openings.slice(1);
    // The floor: a static extension page with one line of text and no script, opened the same
    // way in the same tab. No page of the extension can paint sooner than this.
    const floor: number[] = [];
    for (let i = 0; i < OPENINGS; i++) {
      await page.goto(session.extensionUrl('bench-blank.html'));
      await page.waitForTimeout(100);
      floor.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    }
    const result = {
      size,
      articles: ingest.articles,
      digestBuildMs: buildMs,
      firstOpening: first,
      later: {
        fcpP50: percentile(later.map((o) => o.fcp), 0.5),
        fcpP95: percentile(later.map((o) => o.fcp), 0.95),
        firstStoryP50: percentile(later.map((o) => o.firstStory), 0.5),
        firstStoryP95: percentile(later.map((o) => o.firstStory), 0.95),
        clsMax: Math.max(...later.map((o) => o.cls)),
      },
      blankPageFloor: { fcpP50: percentile(floor, 0.5), fcpP95: percentile(floor, 0.95) },
    };
    console.log(JSON.stringify(result));
    return {
      name: 'digest',
      rows: [
        { opening: 'first (nothing kept yet)', 'FCP ms': first.fcp, 'first story ms': first.firstStory, 'layout shift': first.cls },
        { opening: `later (p50 of ${later.length})`, 'FCP ms': result.later.fcpP50, 'first story ms': result.later.firstStoryP50, 'layout shift': result.later.clsMax },
        { opening: `later (p95 of ${later.length})`, 'FCP ms': result.later.fcpP95, 'first story ms': result.later.firstStoryP95, 'layout shift': result.later.clsMax },
        { opening: `floor: blank static extension page (p50 / p95 of ${floor.length})`, 'FCP ms': `${result.blankPageFloor.fcpP50.toFixed(0)} / ${result.blankPageFloor.fcpP95.toFixed(0)}` },
      ],
      data: result,
      targets: {
        [`first contentful paint ≤ 100 ms with ${size.toLocaleString('en-US')} articles (every opening)`]: Math.max(first.fcp, result.later.fcpP95) <= 100,
        'no layout jump when the digest arrives (CLS < 0.1)': Math.max(first.cls, result.later.clsMax) < 0.1,
      },
    };
  } finally {
    await session.close();
  }
}
