/**
 * The options page's store actions in real Chromium: export downloads a file that imports back
 * into exactly the same store (after delete-all empties it), importing it again changes nothing,
 * and retention prunes what is older than the setting while keeping the articles the user read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../shared-data';
import { FIXTURES_DIR, badgeText, launchExtension, resultsPath, startFixtureServer, tabIdOf, waitFor, type ExtensionSession, type FixtureServer } from './harness';

let session: ExtensionSession;
let server: FixtureServer;
let options: Page;

beforeAll(async () => {
  session = await launchExtension();
  server = await startFixtureServer([
    (request, response) => {
      if (request.url !== '/feeds/valley-voice.atom') return false;
      response.writeHead(200, { 'content-type': 'application/atom+xml' });
      response.end(readFileSync(join(FIXTURES_DIR, 'feeds', 'valley-voice.atom')));
      return true;
    },
  ]);
  options = await session.context.newPage();
  await options.goto(session.extensionUrl('options.html'));
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

interface Row {
  id: string;
  publishedAt?: number;
  addedAt: number;
  readAt?: number;
}

/** Every table of the store that describes articles, read straight from IndexedDB in the page.
 * The index's own numbering is left out (docnos are given afresh by an import, and how postings
 * are split into segments depends on the batches): articles without `docno`, and the index as
 * its article count per time bucket. */
async function dumpStore(page: Page): Promise<{ articles: Row[]; links: unknown[]; feedItems: unknown[]; segments: { bucket: number; count: number }[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('rest-of-the-story');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T,>(name: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const perBucket = new Map<number, number>();
    for (const { bucket, count } of await all<{ bucket: number; count: number }>('segments')) perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + count);
    const dump = {
      articles: (await all<Row & { docno?: number }>('articles')).map(({ docno: _docno, ...article }) => article),
      links: await all('links'),
      feedItems: await all('feedItems'),
      segments: [...perBucket].sort((a, b) => a[0] - b[0]).map(([bucket, count]) => ({ bucket, count })),
    };
    db.close();
    return dump;
  });
}

async function importFile(paths: string[]): Promise<string> {
  await options.locator('[data-testid=import-input]').setInputFiles(paths);
  const report = options.locator('[data-testid=import-report]');
  await options.waitForFunction(() => document.querySelector('.import-progress') === null && document.querySelector('[data-testid=import-report]') !== null);
  return (await report.textContent()) ?? '';
}

async function exportAs(format: 'ndjson' | 'json'): Promise<{ path: string; text: string; report: string }> {
  await options.locator(`input[name=export-format][value=${format}]`).check();
  const [download] = await Promise.all([options.waitForEvent('download'), options.locator('[data-testid=export-button]').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^rest-of-the-story-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
  const path = resultsPath(download.suggestedFilename());
  await download.saveAs(path);
  const report = (await options.locator('[data-testid=export-report]').textContent()) ?? '';
  return { path, text: readFileSync(path, 'utf8'), report };
}

async function summaryCount(): Promise<number> {
  const text = (await options.locator('[data-testid=store-summary]').textContent()) ?? '';
  return Number(/([\d,]+) articles stored/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

describe('store actions on the options page', () => {
  let before: Awaited<ReturnType<typeof dumpStore>>;
  let exported: { path: string; text: string; report: string };
  let seedTab: number;

  it('fills the store from records, reading, and a feed', async () => {
    const recordsDir = join(FIXTURES_DIR, 'records');
    const files = readdirSync(recordsDir).map((file) => join(recordsDir, file));
    if (hasShared) files.push(sharedPath('data/seed/000_b2c8d397f4e24ccf.txt'));
    expect(await importFile(files)).toMatch(/\b0 failed\b/);
    // Read two articles: one the store has as a record, one it does not.
    for (const path of ['/seed-article.html', '/bike-lanes.html']) {
      const page = await session.context.newPage();
      await page.goto(server.url(path));
      const tabId = await tabIdOf(session, page);
      await waitFor(() => badgeText(session, tabId), (text) => text !== '', 15_000, `a badge on ${path}`);
      if (path === '/seed-article.html') seedTab = tabId;
      else await page.close();
    }
    const subscribed = await options.evaluate((url) => chrome.runtime.sendMessage({ type: 'feed-subscribe', feeds: [{ url }], discover: true }), server.url('/feeds/valley-voice.atom'));
    expect(subscribed.results[0].status).toBe('subscribed');
    before = await dumpStore(options);
    expect(before.articles.filter((a) => a.readAt !== undefined).length).toBe(2);
    expect(before.feedItems.length).toBeGreaterThan(0);
    expect(before.links.length).toBeGreaterThan(0);
  });

  it('exports the whole store as NDJSON and as JSON, the same records in both', async () => {
    await options.reload();
    exported = await exportAs('ndjson');
    const lines = exported.text.trimEnd().split('\n').map((line) => JSON.parse(line) as { restOfTheStory: { readAt?: string; feeds?: unknown[] }; related?: unknown[] });
    expect(exported.report).toMatch(new RegExp(`Exported ${before.articles.length} articles as ${lines.length} records`));
    expect(lines.filter((record) => record.restOfTheStory.readAt !== undefined)).toHaveLength(2);
    expect(lines.some((record) => (record.restOfTheStory.feeds ?? []).length > 0)).toBe(true);
    expect(lines.some((record) => (record.related ?? []).length > 0)).toBe(true);
    await options.screenshot({ path: resultsPath('options-export-done.png'), fullPage: true });
    const json = await exportAs('json');
    expect(JSON.parse(json.text)).toEqual(lines);
  });

  it('deletes everything after an explicit confirmation, and badges see it', async () => {
    await options.locator('[data-testid=delete-all]').click();
    const dialog = options.locator('[data-testid=delete-dialog]');
    await dialog.waitFor();
    // Focus starts on Cancel, the safe choice; Escape cancels.
    expect(await options.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await options.screenshot({ path: resultsPath('options-delete-confirm.png') });
    await options.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await summaryCount()).toBe(before.articles.length);

    await options.locator('[data-testid=delete-all]').click();
    await options.locator('[data-testid=delete-confirm]').click();
    await options.locator('[data-testid=delete-report]').waitFor();
    await waitFor(summaryCount, (n) => n === 0, 10_000, 'an empty store');
    expect((await dumpStore(options)).articles).toEqual([]);
    expect(await waitFor(() => badgeText(session, seedTab), (text) => text === '', 10_000, 'no badge')).toBe('');
  });

  it('imports the export back into exactly the same store; importing it again changes nothing', async () => {
    const report = await importFile([exported.path]);
    const records = exported.text.trimEnd().split('\n').length;
    expect(report).toMatch(new RegExp(`\\b${records} imported, 0 updated, 0 skipped as duplicates, 0 failed\\b`));
    expect(await dumpStore(options)).toEqual(before);
    expect(await waitFor(() => badgeText(session, seedTab), (text) => text !== '', 10_000, 'the badge again')).not.toBe('');

    const again = await importFile([exported.path]);
    expect(again).toMatch(new RegExp(`\\b0 imported, 0 updated, ${records} skipped as duplicates, 0 failed\\b`));
    expect(await dumpStore(options)).toEqual(before);
  });

  it('prunes by retention — keep 1 day — keeping the articles the user read', async () => {
    const now = Date.now();
    const old = before.articles.filter((a) => (a.publishedAt ?? a.addedAt) < now - 86_400_000);
    const toDelete = old.filter((a) => a.readAt === undefined).length;
    expect(toDelete).toBeGreaterThan(5);
    await options.reload();
    await options.locator('#keep-days-n').fill('1');
    expect(await options.locator('#keep-days').isChecked()).toBe(true);
    await waitFor(() => options.locator('[data-testid=retention-preview]').textContent(), (text) => /Applying deletes/.test(text ?? ''), 10_000, 'the preview');
    expect(await options.locator('[data-testid=retention-preview]').textContent()).toBe(`Applying deletes ${toDelete} articles older than 1 day now (2 articles you read will be kept).`);
    await options.locator('[data-testid=retention-apply]').click();
    const report = await waitFor(() => options.locator('[data-testid=retention-report]').textContent(), (text) => /^Pruned/.test(text ?? ''), 30_000, 'the prune report');
    expect(report).toMatch(new RegExp(`^Pruned ${toDelete} articles older than 1 day — 2 articles you read kept · `));
    const after = await dumpStore(options);
    expect(after.articles).toHaveLength(before.articles.length - toDelete);
    for (const article of after.articles) expect(article.readAt !== undefined || (article.publishedAt ?? article.addedAt) >= now - 86_400_000).toBe(true);
    // Links and the index's article counts stay true: nothing points at a deleted article.
    const ids = new Set(after.articles.map((a) => a.id));
    for (const link of after.links as { from: string; to: string }[]) expect(ids.has(link.from) && ids.has(link.to)).toBe(true);
    expect(after.segments.reduce((sum, row) => sum + row.count, 0)).toBe(after.articles.length);
    await waitFor(summaryCount, (n) => n === after.articles.length, 10_000, 'the summary to update');
    // The seed article's related entries are gone: its badge follows.
    expect(await waitFor(() => badgeText(session, seedTab), (text) => text === '', 10_000, 'no badge after pruning')).toBe('');
    await options.screenshot({ path: resultsPath('options-retention-pruned.png'), fullPage: true });
  });

  it('refuses a retention number out of range, with a message, instead of saving a default', async () => {
    await options.locator('#keep-count-n').fill('5');
    expect(await options.locator('#keep-count').isChecked()).toBe(true);
    expect(await options.locator('[role=alert]').textContent()).toMatch(/Articles: a whole number from 100 to 10,000,000/);
    expect(await options.locator('[data-testid=retention-apply]').isDisabled()).toBe(true);
    expect(await options.locator('#keep-count-n').getAttribute('aria-invalid')).toBe('true');
  });
});
