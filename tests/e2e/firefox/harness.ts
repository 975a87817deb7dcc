/**
 * Real-Firefox test harness: Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi (no
 * geckodriver, no browser download), with the Firefox e2e build installed as a temporary add-on.
 *
 * Firefox differs from the Chromium harness (../harness.ts) in three ways, all handled here:
 * - BiDi may not navigate to moz-extension:// pages. The e2e build lists our pages as
 *   web-accessible to 127.0.0.1 only (src/platform/manifest.ts), so a page served here opens them
 *   (`location.href = …`), and they load with the extension's APIs.
 * - There is no service worker to evaluate in: a `control` extension page stays open and calls
 *   the extension APIs; the background page's e2e hooks are reached with getBackgroundPage().
 * - There is no --host-resolver-rules: every request that is not to 127.0.0.1 goes through a
 *   proxy served here that refuses it (and records it), so nothing leaves the machine.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { PROJECT_ROOT, waitFor } from '../harness';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The Firefox e2e build: production code plus the test-only allowances (src/platform/manifest.ts). */
export const FIREFOX_EXTENSION_DIR = process.env.FIREFOX_EXTENSION_DIR ?? join(PROJECT_ROOT, '.output', 'firefox-mv3-e2e');
export const FIREFOX_PRODUCTION_DIR = join(PROJECT_ROOT, '.output', 'firefox-mv3');
/** The extension's moz-extension:// host in test profiles (random per profile unless pinned). */
const EXTENSION_UUID = '5d0b6c1e-2f4a-4c8e-9b7d-3a1f0e6c2b94';

export function assertFirefoxBuildExists(extensionDir: string = FIREFOX_EXTENSION_DIR): void {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run "npx wxt build -b firefox --mode e2e" (npm test does) first.`);
  }
  if (!existsSync(FIREFOX_PATH)) throw new Error(`No Firefox at ${FIREFOX_PATH}: apt-get install firefox-esr, or set FIREFOX_PATH.`);
}

/** What opening our pages takes. */
export interface ExtensionPages {
  browser: Browser;
  /** moz-extension://<uuid>/<path> */
  extensionUrl(path: string): string;
  /** A served page at 127.0.0.1 from which extension pages are opened. */
  launchPadUrl: string;
}

export interface FirefoxSession extends ExtensionPages {
  /** The add-on's id as Firefox installed it (the manifest's Gecko id). */
  addonId: string;
  /** An extension page (options.html unless asked otherwise) kept open to call extension APIs from. */
  control: Page;
  /** Hosts of the requests the blocking proxy refused (nothing reaches the network). */
  refusedHosts: string[];
  /** Where Firefox saves downloads without asking. */
  downloadDir: string;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  extensionDir?: string;
  colorScheme?: 'light' | 'dark';
  /** The control page and what shows it is ready (options.html: it opens the store, which an
   * upgrade test must not let the current code do before the earlier layout is written). */
  control?: { path: string; ready: string };
}

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  assertFirefoxBuildExists(extensionDir);
  const geckoId = (JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } }).browser_specific_settings?.gecko?.id;
  if (geckoId === undefined) throw new Error(`${extensionDir}/manifest.json has no Gecko id: its moz-extension:// address cannot be fixed.`);

  const refusedHosts: string[] = [];
  const helper = await startHelperServer(refusedHosts);
  const downloadDir = mkdtempSync(join(tmpdir(), 'rots-firefox-downloads-'));
  const cleanUp = async (): Promise<void> => {
    await new Promise<void>((done) => helper.server.close(() => done()));
    rmSync(downloadDir, { recursive: true, force: true });
  };
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    defaultViewport: { width: 1200, height: 900 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
      // Everything but 127.0.0.1 goes to the refusing proxy (loopback is never proxied).
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': helper.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': helper.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': false,
      'network.trr.mode': 5,
      'network.dns.disablePrefetch': true,
      'network.predictor.enabled': false,
      'network.prefetch-next': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      // Puppeteer turns the new tab page off; our add-on replaces it.
      'browser.newtabpage.enabled': true,
      // action.openPopup() from a test, which is no user gesture.
      'extensions.openPopupWithoutUserGesture.enabled': true,
      // Optional permission requests are granted without a prompt no one could answer.
      'extensions.webextOptionalPermissionPrompts': false,
      // 0 = dark, 1 = light, for web content and extension pages.
      'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
    },
  }).catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  });
  try {
    const addonId = await browser.installExtension(extensionDir);
    const pages: ExtensionPages = {
      browser,
      extensionUrl: (path) => `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//, '')}`,
      launchPadUrl: `http://127.0.0.1:${helper.port}/launch-pad`,
    };
    return {
      ...pages,
      addonId,
      control: await openExtensionPage(pages, options.control?.path ?? 'options.html', options.control?.ready ?? '[data-testid=import-input]'),
      refusedHosts,
      downloadDir,
      close: async () => {
        await browser.close();
        await cleanUp();
      },
    };
  } catch (error) {
    await browser.close();
    await cleanUp();
    throw error;
  }
}

/** A blank page on 127.0.0.1 (the launch pad for extension pages), and the refusing proxy. */
async function startHelperServer(refusedHosts: string[]): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    // A proxied request names its full address; a direct one only its path.
    if (/^[a-z]+:\/\//i.test(request.url ?? '')) {
      refusedHosts.push(new URL(request.url!).host);
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end('blocked by the test harness: no network');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>launch pad</title>');
  });
  server.on('connect', (request, socket) => {
    refusedHosts.push(request.url ?? '');
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('helper server has no port');
  return { server, port: address.port };
}

/** Sets a tab's viewport. (Firefox before 141 has no BiDi screen-orientation override, which
 * puppeteer sends along; the size itself is set all the same.) */
export async function setViewport(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewport(size).catch((error: unknown) => {
    if (!String(error).includes('unknown command emulation.setScreenOrientationOverride')) throw error;
  });
}

/** The page's address as the page itself says (puppeteer does not follow moz-extension loads). */
export async function locationOf(page: Page): Promise<string> {
  return page.evaluate(() => location.href).catch(() => '');
}

/** Navigates a tab to one of our pages and waits for `ready` to appear there. */
export async function goToExtensionPage(session: ExtensionPages, page: Page, path: string, ready: string): Promise<void> {
  const url = session.extensionUrl(path);
  if (!(await locationOf(page)).startsWith('moz-extension:')) {
    await page.goto(session.launchPadUrl);
  }
  // Navigate after this evaluation has returned, not while it runs.
  await page.evaluate((target) => void setTimeout(() => (location.href = target), 0), url);
  await waitFor(
    () => page.evaluate((selector) => location.href + '\n' + String(document.querySelector(selector) !== null), ready).catch(() => ''),
    (state) => state === `${url}\ntrue`,
    20_000,
    `${path} to show ${ready}`,
  );
}

/**
 * Records the uncaught errors and unhandled rejections of one of our pages from now on, for
 * `recordedErrors`: WebDriver BiDi reports no `pageerror` (nor console) of moz-extension pages, and
 * its preload scripts do not run in them, so errors during the page's own load are not seen.
 */
export async function recordErrors(page: Page): Promise<void> {
  await page.evaluate(() => {
    const errors: string[] = [];
    (window as unknown as { rotsErrors: string[] }).rotsErrors = errors;
    addEventListener('error', (event) => errors.push(`${location.pathname}: ${event.message}`));
    addEventListener('unhandledrejection', (event) => errors.push(`${location.pathname}: ${String(event.reason)}`));
  });
}

/** What `recordErrors` recorded on the page. */
export async function recordedErrors(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { rotsErrors?: string[] }).rotsErrors ?? ['recordErrors was not called']);
}

/** Opens one of our pages in a new tab. */
export async function openExtensionPage(session: ExtensionPages, path: string, ready: string): Promise<Page> {
  const page = await session.browser.newPage();
  await goToExtensionPage(session, page, path, ready);
  return page;
}

/** Opens a web page in a new tab and returns it with its tab id. */
export async function openWebPage(session: FirefoxSession, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.browser.newPage();
  await page.goto(url);
  await page.bringToFront();
  return { page, tabId: await tabIdOf(session, url) };
}

/** The tab id of the tab showing `url`, as the extension sees it. */
export async function tabIdOf(session: FirefoxSession, url: string): Promise<number> {
  const id = await waitFor(
    () => session.control.evaluate(async (target) => (await chrome.tabs.query({})).find((tab) => tab.url === target)?.id ?? null, url),
    (found) => found !== null,
    10_000,
    `a tab showing ${url}`,
  );
  return id!;
}

export async function badgeText(session: FirefoxSession, tabId: number): Promise<string> {
  return session.control.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** A tab the extension opened (results page, new tab…) once its address matches. */
export async function waitForPage(session: FirefoxSession, matches: (href: string) => boolean, what: string, timeoutMs = 15_000): Promise<Page> {
  const found = await waitFor(
    async () => {
      for (const page of await session.browser.pages()) if (matches(await locationOf(page))) return page;
      return null;
    },
    (page) => page !== null,
    timeoutMs,
    what,
  );
  return found!;
}

export interface MenuOutcome {
  action: string;
  path?: string;
  site?: string;
  outcome?: string;
  title?: string;
}

/** Dispatches a context-menu click to the real handler in the background page, with the click
 * info and the tab as Firefox gives them (headless menus cannot be clicked; the e2e build exposes
 * the handler as `rotsTest`). */
export async function clickMenu(session: FirefoxSession, tabId: number, info: Record<string, unknown>): Promise<MenuOutcome> {
  return session.control.evaluate(
    async (id, click) => {
      const tab = await chrome.tabs.get(id);
      const background = (await chrome.runtime.getBackgroundPage()) as unknown as { rotsTest: { menuClick(info: unknown, tab: unknown): Promise<MenuOutcome> } } | null;
      if (background === null) throw new Error('no background page');
      // Plain data across the two pages' realms.
      return JSON.parse(JSON.stringify(await background.rotsTest.menuClick({ frameId: 0, pageUrl: tab.url, ...click }, tab))) as MenuOutcome;
    },
    tabId,
    info,
  );
}

/** The real toolbar popup, read from the control page once it shows an article or an empty state. */
export async function readRealPopup(session: FirefoxSession): Promise<{ title: string | null; items: { text: string; href: string | null }[]; empty: string | null }> {
  const read = () =>
    session.control.evaluate(() => {
      const doc = chrome.extension.getViews({ type: 'popup' })[0]?.document;
      if (doc === undefined || doc.querySelector('[data-testid=detected-title], [data-testid^=empty-]') === null) return null;
      return {
        title: doc.querySelector('[data-testid=detected-title]')?.textContent ?? null,
        items: [...doc.querySelectorAll('[data-testid=related-item]')].map((item) => ({ text: item.textContent ?? '', href: item.querySelector('a')?.getAttribute('href') ?? null })),
        empty: doc.querySelector('[data-testid^=empty-]')?.getAttribute('data-testid') ?? null,
      };
    });
  return (await waitFor(read, (value) => value !== null, 15_000, 'the popup to render'))!;
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}
