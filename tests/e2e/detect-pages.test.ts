/**
 * Detection on real saved pages in real Chromium: the content script's verdict and title, as the
 * popup shows them, are the ones the page eval (linkedom in Node) computes for the same page at
 * the same address — so `npm run eval:pages` measures what users get. Pages come from
 * ../shared/data/pages (skipped when absent), served on 127.0.0.1 at their original paths.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePage, parsePage, readManifest, type ManifestRow } from '../../bench/eval-pages';
import { classifyPage, extractPage } from '../../src/detect/detect';
import { safeHttpUrl } from '../../src/shared';
import { hasShared, sharedPath } from '../shared-data';
import { launchExtension, resultsPath, startFixtureServer, tabIdOf, waitFor, type ExtensionSession, type FixtureServer, type Route } from './harness';

/** A few pages of each source, by position in the manifest (not chosen by outcome). */
function sample(): ManifestRow[] {
  const rows = readManifest(sharedPath('data', 'pages', 'manifest.jsonl')).filter((row) => row.expected_is_article !== null && row.synthetic !== true);
  const bySource = new Map<string, ManifestRow[]>();
  for (const row of rows) {
    const source = row.file.split('/')[0]!;
    const list = bySource.get(source) ?? [];
    if (list.length < 3) list.push(row);
    bySource.set(source, list);
  }
  return [...bySource.values()].flat();
}

describe.skipIf(!hasShared)('detection on real pages in Chromium', () => {
  let session: ExtensionSession;
  let server: FixtureServer;
  let current: Buffer | undefined;

  beforeAll(async () => {
    const route: Route = (request, response) => {
      if (current === undefined || request.url === '/favicon.ico') return false;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'none'" });
      response.end(current);
      return true;
    };
    server = await startFixtureServer([route]);
    session = await launchExtension();
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  async function popupFor(tabId: number): Promise<Page> {
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(session.extensionUrl(`popup.html?tabId=${tabId}`));
    await popup.locator('[data-testid=detected-title], [data-testid^=empty-]').first().waitFor();
    return popup;
  }

  it('reaches the eval’s verdict and title on each sampled page', async () => {
    const root = dirname(sharedPath('data', 'pages', 'manifest.jsonl'));
    const rows = sample();
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const tab = await session.context.newPage();
    let screenshotTaken = false;
    for (const row of rows) {
      const bytes = readFileSync(resolve(root, row.file));
      if (new TextDecoder('utf-8', { fatal: false }).decode(bytes).includes('\uFFFD')) continue; // served as UTF-8 only
      const original = safeHttpUrl(row.url);
      const path = original === null ? `/saved/${encodeURIComponent(row.file)}` : new URL(original).pathname + new URL(original).search;
      current = bytes;
      await tab.goto(server.url(path), { waitUntil: 'domcontentloaded' });
      await tab.waitForFunction(() => document.documentElement.getAttribute('data-rots-detect') !== null, undefined, { timeout: 15_000 });

      const doc = parsePage(decodePage(bytes));
      const verdict = classifyPage(doc, tab.url());
      const expectedTitle = verdict.isArticle ? extractPage(doc, tab.url(), verdict.ld, verdict.signals).title : null;

      const tabId = await tabIdOf(session, tab);
      // The report reaches the background asynchronously: read the popup until it shows it.
      const shown = await waitFor(
        async () => {
          const popup = await popupFor(tabId);
          const title = (await popup.locator('[data-testid=detected-title]').count()) > 0 ? await popup.locator('[data-testid=detected-title]').textContent() : null;
          if (title !== null && !screenshotTaken) {
            await popup.screenshot({ path: resultsPath('popup-real-page.png'), fullPage: true });
            screenshotTaken = true;
          }
          await popup.close();
          return title;
        },
        (title) => title === expectedTitle,
        10_000,
        `the popup to show ${JSON.stringify(expectedTitle)} for ${row.file}`,
      );
      expect(shown, row.file).toBe(expectedTitle);
    }
    await tab.close();
  });
});
