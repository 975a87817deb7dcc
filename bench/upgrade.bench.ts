/**
 * `npm run bench upgrade [count]`: the upgrade of a store of the oldest schema (version 1, 100,000
 * articles by default) to the current one, in real Chromium, as an update in place: the store is
 * written in version 1's layout in the extension's origin, then the current build opens it. Measured:
 * until the worker has the store open at the current version, and until every data step (index every
 * article again, count the weeks) is done; and how soon a new tab opened during it shows stories.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleIdFor } from '../src/record/id';
import { articleFromRecord, recordUrlKeys } from '../src/store/merge';
import type { StoredArticle } from '../src/store/types';
import { LEGACY_SCHEMAS, writeLegacyStore } from '../tests/fixtures/legacy-stores';
import { indexTerms as v1IndexTerms } from '../tests/fixtures/legacy-stores/v1-terms';
import { legacyRecords } from '../tests/fixtures/legacy-stores';
import { EXTENSION_DIR, launchExtension } from '../tests/e2e/harness';
import type { BenchSection } from './run';

const CHUNK = 10_000;

/** Rows of version 1's articles table: what the first release stored for these records. */
function v1Articles(from: number, count: number, now: number): Record<string, unknown>[] {
  const records = legacyRecords(from + count).slice(from);
  return records.map((record) => {
    const article: Partial<StoredArticle> & Record<string, unknown> = { ...articleFromRecord(record, articleIdFor(recordUrlKeys(record)[0]!), 'record', now) };
    delete article.docno;
    delete article.anchors;
    return { ...article, ...v1IndexTerms(record.title, record.excerpt) };
  });
}

export async function run(args: string[]): Promise<BenchSection> {
  const total = Number(args[0] ?? 100_000);
  const legacy = LEGACY_SCHEMAS[0]!;
  const root = mkdtempSync(join(tmpdir(), 'rots-bench-upgrade-'));
  const folder = join(root, 'extension');
  const profileDir = join(root, 'profile');
  try {
    cpSync(EXTENSION_DIR, folder, { recursive: true });
    writeFileSync(join(folder, 'background.js'), '/* the first release, as far as this benchmark needs */\n');
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { version: string };
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ ...manifest, version: '0.0.1' }));
    const before = await launchExtension({ extensionDir: folder, profileDir });
    const fill = await before.context.newPage();
    await fill.goto(before.extensionUrl('bench-blank.html'));
    const now = Date.UTC(2026, 6, 1);
    for (let from = 0; from < total; from += CHUNK) {
      const rows = { articles: v1Articles(from, Math.min(CHUNK, total - from), now), links: [], meta: from === 0 ? [] : [] };
      await fill.evaluate(
        async ({ source, version, stores, rows }) => {
          const write = new Function(`return (${source})`)() as typeof writeLegacyStore;
          await write(indexedDB, 'rest-of-the-story', version, stores, rows);
        },
        { source: writeLegacyStore.toString(), version: legacy.nativeVersion, stores: legacy.stores, rows },
      );
    }
    const written = await fill.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('rest-of-the-story');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const count = request.result.transaction('articles').objectStore('articles').count();
            count.onsuccess = () => {
              request.result.close();
              resolve(count.result);
            };
          };
        }),
    );
    await before.close();

    cpSync(EXTENSION_DIR, folder, { recursive: true });
    rmSync(join(profileDir, 'Default', 'Service Worker'), { recursive: true, force: true });
    const load = loadavg()[0]!;
    const started = Date.now();
    const session = await launchExtension({ extensionDir: folder, profileDir });
    try {
      const page = await session.context.newPage();
      await page.goto(session.extensionUrl('bench-blank.html'));
      const newtab = await session.context.newPage();
      void newtab.goto(session.extensionUrl('newtab.html'));
      let openedAt: number | undefined;
      let lastStatus = '';
      const samples: { ms: number; done: number; total: number }[] = [];
      for (;;) {
        const status = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'store-status' }))) as { state: string; done?: number; total?: number };
        const ms = Date.now() - started;
        if (status.state !== 'opening' && openedAt === undefined) openedAt = ms;
        if (status.state === 'updating') samples.push({ ms, done: status.done ?? 0, total: status.total ?? 0 });
        lastStatus = status.state;
        if (status.state === 'ready' || status.state === 'error') break;
        if (ms > 15 * 60_000) throw new Error('upgrade did not finish in 15 minutes');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const finishedAt = Date.now() - started;
      await newtab.getByTestId('digest-story').first().waitFor({ timeout: 120_000 });
      const storiesAt = Date.now() - started;
      const waitingShown = await newtab.getByTestId('store-waiting').count();
      const rows = [
        { measure: 'articles in the version-1 store', value: written },
        { measure: 'worker has the store open at the current version (ms after launch)', value: openedAt ?? -1 },
        { measure: 'every data step done (ms after launch)', value: finishedAt },
        { measure: 'new tab opened during it shows stories (ms after launch)', value: storiesAt },
        { measure: 'articles re-indexed per second', value: Math.round(written / ((finishedAt - (openedAt ?? 0)) / 1000)) },
        { measure: 'machine load (1-minute average) at the start', value: Number(load.toFixed(2)) },
      ];
      return { name: 'upgrade', rows, data: { total: written, openedAt, finishedAt, storiesAt, lastStatus, waitingShownAfterStories: waitingShown, samples, load } };
    } finally {
      await session.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
