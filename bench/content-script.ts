/**
 * `npm run bench content-script [--pages N]`: what the content script costs on real pages, in
 * real Chromium. Serves a sample of ../shared/data/pages on 127.0.0.1, loads each page in a tab of
 * the e2e build (production code plus a hook that records the main-thread time of each detection,
 * see entrypoints/content.ts), and reports median / p95 milliseconds for article and non-article
 * pages (by the manifest's label), the production content script's size gzipped, and whether
 * Chromium's verdict agrees with the eval's (linkedom) verdict on each page.
 *
 * Times: the detection's main-thread CPU time from Chrome's trace (robust to a busy machine; for an
 * article its two tasks, classification and, after the storage read, extraction), its
 * wall time measured in the script, and the CPU time of loading the script itself.
 *
 * Pages are served cross-origin isolated (COOP/COEP), which gives performance.now() 5 µs
 * resolution instead of 100 µs, and with the page's own scripts blocked by CSP (saved pages'
 * scripts would try to reach the network or redirect); the content script is not affected by
 * either. Nothing leaves 127.0.0.1: the harness maps every other host to nowhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { classifyPage } from '../src/detect/detect';
import { safeHttpUrl } from '../src/shared';
import { EXTENSION_DIR, PRODUCTION_DIR, launchExtension, startFixtureServer, type Route } from '../tests/e2e/harness';
import { SHARED_DIR } from '../tests/shared-data';
import type { BenchSection } from './run';
import { decodePage, parsePage, readManifest, type ManifestRow } from './eval-pages';

interface Sample {
  row: ManifestRow;
  index: number;
  bytes: Buffer;
}

interface Measured {
  file: string;
  label: boolean;
  /** Main-thread wall time of the detection (entrypoints/content.ts, e2e hook). */
  ms: number;
  /** The detection's main-thread CPU time (Chrome's trace: the task the e2e build runs it in). */
  cpuMs: number | null;
  /** Loading the content script before any detection (Chrome's trace, EvaluateScript), CPU time:
   * compiling the bundle, WXT's runtime and Chrome's extension API bindings. */
  loadCpuMs: number | null;
  article: boolean;
  linkedomArticle: boolean;
  isolated: boolean;
}

interface TraceEvent {
  name: string;
  dur?: number;
  tdur?: number;
  args?: { data?: { url?: string } };
}

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const value = at === -1 ? NaN : Number(args[at + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Every k-th labelled page of each kind, so the sample spans all sources. */
function pickSample(rows: ManifestRow[], root: string, perKind: number): Sample[] {
  const picked: Sample[] = [];
  for (const label of [true, false]) {
    const candidates = rows.map((row, index) => ({ row, index })).filter(({ row }) => row.expected_is_article === label);
    const step = Math.max(1, Math.floor(candidates.length / perKind));
    for (let i = 0; i < candidates.length && picked.filter((s) => s.row.expected_is_article === label).length < perKind; i += step) {
      const { row, index } = candidates[i]!;
      const path = resolve(root, row.file);
      if (existsSync(path)) picked.push({ row, index, bytes: readFileSync(path) });
    }
  }
  return picked;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export async function run(args: string[]): Promise<BenchSection> {
  const perKind = option(args, '--pages', 60);
  const manifestPath = join(SHARED_DIR, 'data', 'pages', 'manifest.jsonl');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is absent: the content-script benchmark needs ../shared`);
  const root = dirname(manifestPath);
  const samples = pickSample(readManifest(manifestPath), root, perKind);

  // Each page is served at its original path and query (when the manifest knows its URL), so the
  // detector sees the address a reader would; the server answers every path with the current page.
  // `--neutral-urls` serves all pages at /bench-page/N.html instead: the DOM-only worst case.
  const neutral = args.includes('--neutral-urls');
  let current: Sample | undefined;
  const route: Route = (request, response) => {
    if (current === undefined || request.url === '/favicon.ico') return false;
    response.writeHead(200, {
      // A page that is not valid UTF-8 keeps the charset its <meta> declares, as Chrome would sniff it.
      'content-type': isUtf8(current.bytes) ? 'text/html; charset=utf-8' : 'text/html',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'content-security-policy': "script-src 'none'",
    });
    response.end(current.bytes);
    return true;
  };
  const pathOf = (sample: Sample): string => {
    const original = neutral ? null : safeHttpUrl(sample.row.url);
    if (original === null) return `/bench-page/${sample.index}.html`;
    const url = new URL(original);
    return url.pathname + url.search;
  };
  const server = await startFixtureServer([route]);
  const session = await launchExtension();
  const measured: Measured[] = [];
  const failures: string[] = [];
  try {
    const tab = await session.context.newPage();
    await tab.goto('about:blank');
    const cdp = await session.context.newCDPSession(tab);
    let events: TraceEvent[] = [];
    // Trace events are typed loosely by playwright-core; these carry the fields read below.
    cdp.on('Tracing.dataCollected', (message) => {
      events.push(...(message.value as unknown as TraceEvent[]));
    });
    for (const sample of samples) {
      const url = server.url(pathOf(sample));
      current = sample;
      try {
        events = [];
        const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
        await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline'] } });
        // Not 'load': a saved page may wait forever on a subresource; the content script runs at
        // document_idle, which Chrome reaches at the latest shortly after DOMContentLoaded.
        await tab.goto(url, { waitUntil: 'domcontentloaded', timeout: 20_000 });
        const recorded = await tab.waitForFunction(() => document.documentElement.getAttribute('data-rots-detect'), undefined, { timeout: 10_000 });
        await cdp.send('Tracing.end');
        await complete;
        const ours = (event: TraceEvent): boolean => String(event.args?.data?.url ?? '').endsWith('/content-scripts/content.js');
        const evaluation = events.find((event) => event.name === 'EvaluateScript' && ours(event));
        // The detection's tasks: classification, and for an article the extraction after it.
        const detection = events.filter((event) => event.name === 'FunctionCall' && ours(event));
        const value = JSON.parse((await recorded.jsonValue()) as string) as { ms: number; article: boolean; isolated: boolean };
        const linkedom = classifyPage(parsePage(decodePage(sample.bytes)), safeHttpUrl(url)!);
        measured.push({
          file: sample.row.file,
          label: sample.row.expected_is_article === true,
          ms: value.ms,
          cpuMs: detection.length === 0 || detection.some((event) => event.tdur === undefined) ? null : detection.reduce((sum, event) => sum + event.tdur!, 0) / 1000,
          loadCpuMs: evaluation?.tdur === undefined ? null : evaluation.tdur / 1000,
          article: value.article,
          linkedomArticle: linkedom.isArticle,
          isolated: value.isolated,
        });
      } catch (error) {
        failures.push(`${sample.row.file}: ${(error as Error).message.split('\n')[0]}`);
        await cdp.send('Tracing.end').catch(() => undefined);
        await new Promise((wait) => setTimeout(wait, 500));
      }
    }
  } finally {
    await session.close();
    await server.close();
  }

  const rows: Record<string, string | number>[] = [];
  type Stats = { median: number; p95: number; max: number };
  const stats = (values: (number | null)[]): Stats => {
    const known = values.filter((value): value is number => value !== null);
    return { median: percentile(known, 50), p95: percentile(known, 95), max: known.length === 0 ? NaN : Math.max(...known) };
  };
  const summary: Record<string, { pages: number; wall: Stats; cpu: Stats; loadCpu: Stats }> = {};
  for (const [kind, label] of [['article', true], ['non-article', false]] as const) {
    const pages = measured.filter((m) => m.label === label);
    const s = { pages: pages.length, wall: stats(pages.map((m) => m.ms)), cpu: stats(pages.map((m) => m.cpuMs)), loadCpu: stats(pages.map((m) => m.loadCpuMs)) };
    summary[kind] = s;
    rows.push({
      pages: kind,
      n: s.pages,
      'cpu median ms': s.cpu.median,
      'cpu p95 ms': s.cpu.p95,
      'wall median ms': s.wall.median,
      'wall p95 ms': s.wall.p95,
      'script load cpu median': s.loadCpu.median,
    });
  }
  const bundle = join(existsSync(join(PRODUCTION_DIR, 'content-scripts', 'content.js')) ? PRODUCTION_DIR : EXTENSION_DIR, 'content-scripts', 'content.js');
  const bytes = readFileSync(bundle);
  const gzipBytes = gzipSync(bytes, { level: 9 }).length;
  rows.push({ pages: `bundle ${bundle.includes('e2e') ? '(e2e build)' : '(production)'}`, n: bytes.length, gzip: gzipBytes });
  const agree = measured.filter((m) => m.article === m.linkedomArticle).length;
  const correct = measured.filter((m) => m.article === m.label).length;
  rows.push({ pages: 'verdicts', n: measured.length, 'chromium = linkedom': agree, 'chromium = label': correct });
  for (const failure of failures) console.warn(`  failed: ${failure}`);
  if (measured.some((m) => !m.isolated)) console.warn('  note: some pages were not cross-origin isolated: their times have 100 µs resolution');

  console.log(`  pages served at ${neutral ? 'neutral /bench-page/N.html addresses' : 'their original paths (where known)'}`);
  return {
    name: 'content-script',
    rows,
    data: { perKind, urls: neutral ? 'neutral' : 'original paths', summary, bundle: { path: bundle, bytes: bytes.length, gzipBytes }, agreement: { agree, correct, of: measured.length }, failures, pages: measured },
    targets: {
      'non-article median ≤ 0.5 ms (detection CPU)': summary['non-article']!.cpu.median <= 0.5,
      'article p95 ≤ 10 ms (detection CPU)': summary.article!.cpu.p95 <= 10,
    },
  };
}
