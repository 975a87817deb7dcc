/**
 * Scratch (session 33): the schema upgrade of a store that `bench/lookups-ab.ts` left in a
 * profile (database `ab-SIZE`), timed in real Chromium. `PROFILE=<that profile> DIR=<the build
 * folder the store belongs to: the extension id follows the path> [NAME=ab-100000] tsx
 * bench/upgrade-ab.ts` copies the profile, launches the build now at DIR (put there the build to
 * time) and runs one cold lookup in a fresh bench page: its `open` (the store's `db.open()`) holds
 * the upgrade when the build's schema is newer than the store's. Prints the open and lookup times
 * and the database's version and `urlKeys` rows after.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchExtension } from '../tests/e2e/harness';
import { freshPage } from './engine.bench';
import type { EngineBenchApi } from './pages/engine-bench-page';

type Api = { engineBench: EngineBenchApi };
const name = process.env.NAME ?? 'ab-100000';
const profileDir = mkdtempSync(join(tmpdir(), 'rots-upgrade-ab-'));
cpSync(process.env.PROFILE!, profileDir, { recursive: true });
const load = loadavg()[0]!.toFixed(1);
const session = await launchExtension({ extensionDir: process.env.DIR!, profileDir });
try {
  const { page } = await freshPage(session, null);
  const before = await page.evaluate(async (n) => (await indexedDB.databases()).find((d) => d.name === n)?.version, name);
  const query = { urls: ['https://nowhere.invalid/story'], title: 'storm warning for the coast', excerpt: '' };
  const lookup = await page.evaluate(([n, q]) => (window as unknown as Api).engineBench.coldLookup(n, q, false), [name, query] as const);
  const after = await page.evaluate(
    (n) =>
      new Promise<{ version: number; urlKeys: number | null; articles: number }>((resolve, reject) => {
        const request = indexedDB.open(n);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names.includes('urlKeys') ? ['articles', 'urlKeys'] : ['articles']);
          const articles = tx.objectStore('articles').count();
          const keys = names.includes('urlKeys') ? tx.objectStore('urlKeys').count() : null;
          tx.oncomplete = () => {
            resolve({ version: db.version, urlKeys: keys === null ? null : keys.result, articles: articles.result });
            db.close();
          };
        };
      }),
    name,
  );
  console.log(JSON.stringify({ load, versionBefore: before, openMs: +lookup.openMs.toFixed(1), lookupMs: +lookup.ms.toFixed(1), ...after }));
} finally {
  await session.context.close();
  rmSync(profileDir, { recursive: true, force: true });
}
