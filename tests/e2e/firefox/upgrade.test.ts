/**
 * An update in place, in real Firefox: a store written in each released schema's layout by an
 * earlier release of the add-on (a page in its own moz-extension origin, before the current code
 * ever runs there), then the current build installed over it (the same Gecko id: Firefox updates
 * the add-on and keeps its origin's data). Everything is kept and every surface works — the same
 * checks as tests/e2e/upgrade.test.ts makes in Chromium.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Page } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { LEGACY_SCHEMAS, referenceSnapshots } from '../../fixtures/legacy-stores';
import { SCHEMA_VERSION } from '../../../src/store/migrations';
import { resultsPath, waitFor } from '../harness';
import { LOOKED_UP, comparable, coverageIn, parseSnapshot, readSnapshotScript, writeLegacyScript } from '../legacy-in-page';
import { FIREFOX_EXTENSION_DIR, assertFirefoxBuildExists, goToExtensionPage, launchFirefox, openExtensionPage, recordErrors, recordedErrors } from './harness';

const COUNT = 600;
const workDirs: string[] = [];
afterAll(() => {
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
});

/** The earlier release, as far as this test needs: the current pages with a background that
 * never opens the store, and a blank page the launch pad may open to write the old layout. */
function earlierRelease(): string {
  assertFirefoxBuildExists();
  const folder = join(mkdtempSync(join(tmpdir(), 'rots-firefox-update-')), 'extension');
  workDirs.push(folder);
  cpSync(FIREFOX_EXTENSION_DIR, folder, { recursive: true });
  writeFileSync(join(folder, 'background.js'), '/* the earlier release, as far as this test needs */\n');
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { version: string; web_accessible_resources: { resources: string[]; matches: string[] }[] };
  manifest.version = '0.0.1';
  manifest.web_accessible_resources = manifest.web_accessible_resources.map((entry) => ({ ...entry, resources: [...entry.resources, 'bench-blank.html'] }));
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
  return folder;
}

async function textOf(page: Page, testId: string): Promise<string> {
  return page.$eval(`[data-testid=${testId}]`, (element) => (element as HTMLElement).innerText).catch(() => '');
}

describe('an update in place keeps everything, in Firefox', () => {
  // The same layouts as in Chromium (the re-released version 2 is covered by the unit tests).
  for (const legacy of LEGACY_SCHEMAS.filter((schema) => schema.commit !== 'c8a3cf3')) {
    it(`from ${legacy.label} (${legacy.commit})`, async () => {
      const references = await referenceSnapshots(new IDBFactory(), IDBKeyRange, 'reference', COUNT);
      const reference = legacy.holds === 'feeds' ? references.feeds : references.records;
      const session = await launchFirefox({ extensionDir: earlierRelease(), control: { path: 'bench-blank.html', ready: 'body' } });
      try {
        await session.control.evaluate(writeLegacyScript(legacy, legacy.rows(reference), { settings: { neverCheckSites: ['quiet.example'], showThumbnails: true, digestMode: 'full' } }));

        // The update: the current build over the earlier one, same Gecko id, same profile.
        expect(await session.browser.installExtension(FIREFOX_EXTENSION_DIR)).toBe(session.addonId);
        const [options, newtab] = await Promise.all([
          openExtensionPage(session, 'options.html', '[data-testid=store-status]'),
          openExtensionPage(session, 'newtab.html', 'body'),
        ]);
        // In the pages themselves (BiDi reports no errors of extension pages), from their first paint.
        for (const page of [options, newtab]) await recordErrors(page);

        // The new tab shows stories, and every article is counted.
        await waitFor(() => newtab.$$('[data-testid=digest-story]').then((found) => found.length), (n) => n > 0, 30_000, 'stories on the new tab');
        expect(await textOf(newtab, 'digest-stats')).toMatch(/600\s+articles stored/);
        await newtab.screenshot({ path: resultsPath(`firefox-upgrade-${legacy.commit}-newtab.png`) });

        // The options page: the count, the upgrade finished, and the store consistent.
        await waitFor(() => textOf(options, 'store-status'), (text) => text.includes('up to date'), 30_000, 'the upgrade to finish');
        // The page counts on its own connection, which opens once the upgrade has committed: the count
        // may come a moment after the status.
        const counted = async (): Promise<string> => (await textOf(options, 'store-summary')) || textOf(options, 'store-summary-error');
        expect(await waitFor(counted, (text) => text !== '', 10_000, 'the count')).toMatch(/600\s+articles stored/);
        await options.click('[data-testid=check-store]');
        await waitFor(() => textOf(options, 'check-report'), (text) => text.includes('nothing was wrong'), 30_000, 'the check');
        await options.screenshot({ path: resultsPath(`firefox-upgrade-${legacy.commit}-options.png`), fullPage: true });

        // Every article, link, feed, reading mark and count: the same as the current code stores.
        const snapshot = parseSnapshot((await options.evaluate(readSnapshotScript())) as string);
        expect(snapshot.version).toBe(SCHEMA_VERSION * 10);
        expect(snapshot.stores).toEqual(references.feeds.stores);
        const got = comparable(snapshot);
        const want = comparable(reference);
        for (const table of Object.keys(want)) expect(got[table], table).toEqual(want[table]);

        // Settings kept; search answers from the upgraded index.
        const settings = (await options.evaluate(() => chrome.storage.local.get('settings'))) as { settings: { neverCheckSites: string[] } };
        expect(settings.settings.neverCheckSites).toEqual(['quiet.example']);
        const results = await openExtensionPage(session, 'results.html?q=harbour%20strike', '[data-testid=related-item], [data-testid^=results-empty]');
        await waitFor(() => results.$$('a[href^="https://"]').then((found) => found.length), (n) => n > 0, 15_000, 'search results');

        // Same-story lookups over it in this browser (forward data as its IndexedDB reads it back):
        // the results page lists a stored article's coverage as the current code does over the same rows.
        for (const url of LOOKED_UP) {
          const { path, urls } = await coverageIn(snapshot, url);
          expect(urls.length, url).toBeGreaterThan(0);
          await goToExtensionPage(session, results, path, '[data-testid=related-item], [data-testid^=results-empty]');
          expect(await results.$$eval('[data-testid=related-item] a.related-title', (links) => links.map((a) => (a as HTMLAnchorElement).href)), url).toEqual(urls);
        }
        expect([...(await recordedErrors(options)), ...(await recordedErrors(newtab))]).toEqual([]);
      } finally {
        await session.close();
      }
    });
  }
});
