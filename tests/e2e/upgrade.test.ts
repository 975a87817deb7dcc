/**
 * An update in place, in real Chromium: a store written in each released schema's layout (by a page
 * in the extension's own origin, before the current code ever runs there), then the current build
 * loaded from the same folder on the same profile, with the worker, the options page and a new tab
 * all opening the store at once. Everything is kept and every surface works.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, describe, expect, it } from 'vitest';
import { LEGACY_SCHEMAS, referenceSnapshots } from '../fixtures/legacy-stores';
import { SCHEMA_VERSION } from '../../src/store/migrations';
import { EXTENSION_DIR, launchExtension, resultsPath, serviceWorker, waitFor } from './harness';
import { LOOKED_UP, comparable, coverageIn, parseSnapshot, readSnapshotScript, writeLegacyScript } from './legacy-in-page';

const COUNT = 600;
const workDirs: string[] = [];
afterAll(() => {
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
});

describe('an update in place keeps everything', () => {
  // The re-released version 2 has the layout of version 3 without the feed tables: the unit tests
  // cover it (tests/unit/store/migrations.test.ts); here the other layouts (1, 2, 3, 5, 6, 7 before show fields, 7 as last released).
  for (const legacy of LEGACY_SCHEMAS.filter((schema) => schema.commit !== 'c8a3cf3')) {
    it(`from ${legacy.label} (${legacy.commit})`, async () => {
      const references = await referenceSnapshots(new IDBFactory(), IDBKeyRange, 'reference', COUNT);
      const reference = legacy.holds === 'feeds' ? references.feeds : references.records;

      // The extension folder the user updates in place; its id (from the path) stays the same.
      const root = mkdtempSync(join(tmpdir(), 'rots-update-'));
      workDirs.push(root);
      const folder = join(root, 'extension');
      const profileDir = join(root, 'profile');
      cpSync(EXTENSION_DIR, folder, { recursive: true });
      // The earlier release: its worker is not the current code (it must not open the store).
      writeFileSync(join(folder, 'background.js'), '/* the earlier release, as far as this test needs */\n');
      // An earlier version number: Chromium registers the new worker script only for a new version.
      const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { version: string };
      writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ ...manifest, version: '0.0.1' }));
      const before = await launchExtension({ extensionDir: folder, profileDir });
      const fill = await before.context.newPage();
      await fill.goto(before.extensionUrl('bench-blank.html'));
      await fill.evaluate(writeLegacyScript(legacy, legacy.rows(reference), { settings: { neverCheckSites: ['quiet.example'], showThumbnails: true, digestMode: 'full' } }));
      const extensionId = before.extensionId;
      await before.close();

      // The update: the current build in the same folder, the same profile. Chromium keeps running
      // the worker script it registered for a command-line unpacked extension even when the files
      // and version change (chrome.runtime.reload() unloads such an extension for good): its
      // registration cache is dropped, as a store update or a reload in chrome://extensions does.
      cpSync(EXTENSION_DIR, folder, { recursive: true });
      rmSync(join(profileDir, 'Default', 'Service Worker'), { recursive: true, force: true });
      const session = await launchExtension({ extensionDir: folder, profileDir });
      try {
        expect(session.extensionId).toBe(extensionId);
        const errors: string[] = [];
        const [options, newtab] = await Promise.all([session.context.newPage(), session.context.newPage()]);
        for (const page of [options, newtab]) page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
        await Promise.all([options.goto(session.extensionUrl('options.html')), newtab.goto(session.extensionUrl('newtab.html'))]);

        // The new tab shows stories (never "Reading your store…" for good).
        await waitFor(() => newtab.getByTestId('digest-story').count(), (n) => n > 0, 30_000, 'stories on the new tab').catch(async (error: unknown) => {
          await newtab.screenshot({ path: resultsPath(`upgrade-${legacy.commit}-newtab-failed.png`) });
          const worker = await serviceWorker(session);
          const status = await worker.evaluate(() => (globalThis as unknown as { rotsTest?: { upkeep: { status(): unknown } } }).rotsTest?.upkeep.status());
          throw new Error(`${String(error)}\nnew tab: ${await newtab.locator('body').innerText()}\nworker's store status: ${JSON.stringify(status)}\npage errors: ${errors.join('; ')}`);
        });
        expect(await newtab.getByTestId('digest-stats').innerText()).toMatch(/600\s+articles stored/);
        await newtab.screenshot({ path: resultsPath(`upgrade-${legacy.commit}-newtab.png`) });

        // The options page: the count, the upgrade finished, and the store consistent.
        await waitFor(() => options.getByTestId('store-status').innerText(), (text) => text.includes('up to date'), 30_000, 'the upgrade to finish');
        // The page counts on its own connection, which opens once the upgrade has committed: the count
        // may come a moment after the status.
        const counted = options.locator('[data-testid=store-summary], [data-testid=store-summary-error]');
        await counted.waitFor({ timeout: 10_000 });
        expect(await counted.innerText()).toMatch(/600\s+articles stored/);
        await options.getByTestId('check-store').click();
        await waitFor(() => options.getByTestId('check-report').innerText().catch(() => ''), (text) => text.includes('nothing was wrong'), 30_000, 'the check');
        await options.screenshot({ path: resultsPath(`upgrade-${legacy.commit}-options.png`), fullPage: true });

        // Every article, link, feed, reading mark and count: the same as the current code stores.
        const snapshot = parseSnapshot(await options.evaluate<string>(readSnapshotScript()));
        expect(snapshot.version).toBe(SCHEMA_VERSION * 10);
        expect(snapshot.stores).toEqual(references.feeds.stores);
        const got = comparable(snapshot);
        const want = comparable(reference);
        for (const table of Object.keys(want)) expect(got[table], table).toEqual(want[table]);

        // Settings kept; search answers from the upgraded index.
        const worker = await serviceWorker(session);
        const settings = (await worker.evaluate(() => chrome.storage.local.get('settings'))) as { settings: { neverCheckSites: string[] } };
        expect(settings.settings.neverCheckSites).toEqual(['quiet.example']);
        const results = await session.context.newPage();
        results.on('pageerror', (error) => errors.push(`${results.url()}: ${error.message}`));
        await results.goto(session.extensionUrl('results.html?q=harbour%20strike'));
        await waitFor(() => results.locator('a[href^="https://"]').count(), (n) => n > 0, 15_000, 'search results');

        // Same-story lookups over it in this browser (forward data as its IndexedDB reads it back):
        // the results page lists a stored article's coverage as the current code does over the same rows.
        for (const url of LOOKED_UP) {
          const { path, urls } = await coverageIn(snapshot, url);
          expect(urls.length, url).toBeGreaterThan(0);
          await results.goto(session.extensionUrl(path));
          await results.locator('[data-testid=related-item], [data-testid^=results-empty]').first().waitFor({ timeout: 15_000 });
          expect(await results.locator('[data-testid=related-item] a.related-title').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href)), url).toEqual(urls);
        }
        expect(errors).toEqual([]);
      } finally {
        await session.close();
      }
    });
  }
});
