/**
 * Real-browser test harness: Debian's Chromium with the built extension, and a static server on
 * 127.0.0.1 for fixture pages. Nothing here reaches the network.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The e2e build: production code plus host access to 127.0.0.1 and the bench page (see wxt.config.ts). */
export const EXTENSION_DIR = process.env.EXTENSION_DIR ?? join(PROJECT_ROOT, '.output', 'chrome-mv3-e2e');
export const PRODUCTION_DIR = join(PROJECT_ROOT, '.output', 'chrome-mv3');
export const FIXTURES_DIR = join(PROJECT_ROOT, 'tests', 'fixtures');
export const RESULTS_DIR = join(PROJECT_ROOT, 'test-results');
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export interface ExtensionSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

export function assertBuildExists(extensionDir: string = EXTENSION_DIR): void {
  // Chromium silently skips a missing extension folder: fail loudly instead.
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run "npx wxt build${extensionDir === EXTENSION_DIR ? ' --mode e2e' : ''}" (npm test does) first.`);
  }
  if (!existsSync(CHROME_PATH)) throw new Error(`No Chromium at ${CHROME_PATH}: apt-get install chromium, or set CHROME_PATH.`);
}

export interface LaunchOptions {
  /** Which build to load (default: the e2e build). */
  extensionDir?: string;
  colorScheme?: 'light' | 'dark';
  headless?: boolean;
  extraArgs?: string[];
  /** Let pages enter the back/forward cache (Playwright turns it off by default). */
  backForwardCache?: boolean;
  /** Use this profile folder and keep it on close (an update in place: the same profile, a new build). */
  profileDir?: string;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  assertBuildExists(extensionDir);
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'rots-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME_PATH,
    headless: options.headless ?? true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1200, height: 900 },
    ...(options.backForwardCache === true ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      ...(options.extraArgs ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    close: async () => {
      await context.close();
      if (options.profileDir === undefined) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The live service worker (it may have been restarted since launch). */
export async function serviceWorker(session: ExtensionSession): Promise<Worker> {
  const live = session.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${session.extensionId}/`));
  return live ?? session.context.waitForEvent('serviceworker');
}

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
};

export type Route = (request: IncomingMessage, response: ServerResponse) => boolean | Promise<boolean>;

/** Serves tests/fixtures/pages (and any extra routes) on 127.0.0.1 at a free port.
 * Paths not found as files are answered with the single-page-site fixture, like an SPA host. */
export async function startFixtureServer(routes: Route[] = []): Promise<FixtureServer> {
  const pagesDir = join(FIXTURES_DIR, 'pages');
  const server = createServer(async (request, response) => {
    for (const route of routes) if (await route(request, response)) return;
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = join(pagesDir, path.replace(/^\/+/, ''));
    if (file.startsWith(pagesDir) && existsSync(file) && extname(file) !== '') {
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
      return;
    }
    if (path.startsWith('/spa/')) {
      response.writeHead(200, { 'content-type': TYPES['.html']! });
      response.end(readFileSync(join(pagesDir, 'spa.html')));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (path) => origin + path,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The tab id of a page, as the extension sees it. */
export async function tabIdOf(session: ExtensionSession, page: Page): Promise<number> {
  const worker = await serviceWorker(session);
  const url = page.url();
  const id = await worker.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab shows ${url}`);
  return id;
}

/** Titles of the articles the store holds as read, newest reading first (e2e build: the worker's
 * store). A page is read once its report is stored, a moment after it loaded: a test that relies
 * on a read waits for it here (a tab closed before its report is never read). */
export async function readTitles(session: ExtensionSession): Promise<string[]> {
  const worker = await serviceWorker(session);
  return worker.evaluate(async () => {
    const { store } = (globalThis as unknown as { rotsTest: { store: { recentlyRead(limit: number): Promise<{ title: string }[]> } } }).rotsTest;
    return (await store.recentlyRead(100)).map((article) => article.title);
  });
}

export async function badgeText(session: ExtensionSession, tabId: number): Promise<string> {
  const worker = await serviceWorker(session);
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** Polls until `read` returns what `accept` wants (or fails with the last value seen). */
export async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export function resultsPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, name);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core on the page; returns the serious and critical violations (others are advice). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Extension pages forbid inline scripts (CSP): evaluate axe's source through the debugger instead.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context?: unknown, options?: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`) }));
  });
}
