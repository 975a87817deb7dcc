/**
 * What the upgrade tests (Chromium and Firefox) run in an extension page: writing a store in an
 * earlier release's layout, and reading the whole store back; and the coverage lookups they
 * compare with the current code's answers over the reference store in Node. Both go over as one script text
 * with their data in JSON, so that neither browser's driver has to carry typed arrays (segments
 * since version 5), NaN (undated articles' times in forward data) or a function across.
 */
import { readSnapshot, writeLegacyStore, withoutNumbering, type LegacySchema, type Rows, type Snapshot } from '../fixtures/legacy-stores';
import { IDBFactory, IDBKeyRange as FakeKeyRange } from 'fake-indexeddb';
import { lookUp } from '../../src/results/lookup';
import { resultsPath } from '../../src/results/query';
import { ArticleStore } from '../../src/store';
import { DATABASE_NAME } from '../../src/store/db';

/** The store's name (an ArticleStore's default). */
const DATABASE = DATABASE_NAME;

/** JSON with typed arrays as `{ typed, values }`, non-finite numbers in them as text. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    ArrayBuffer.isView(item) && !(item instanceof DataView)
      ? { typed: item.constructor.name, values: Array.from(item as unknown as ArrayLike<number>, (n) => (Number.isFinite(n) ? n : String(n))) }
      : item,
  );
}

/** The page-side inverse of `toJson`, as source text (self-contained). */
const FROM_JSON = `(text) => JSON.parse(text, (_key, item) =>
  item !== null && typeof item === 'object' && typeof item.typed === 'string' && Array.isArray(item.values)
    ? globalThis[item.typed].from(item.values.map(Number))
    : item)`;

/**
 * A script that writes `rows` in `legacy`'s layout into the extension's store and saves settings
 * an earlier release kept; evaluates to a promise that settles when both are written.
 */
export function writeLegacyScript(legacy: LegacySchema, rows: Rows, settings: Record<string, unknown>): string {
  return `(async () => {
    const write = ${writeLegacyStore.toString()};
    const fromJson = ${FROM_JSON};
    await write(indexedDB, ${JSON.stringify(DATABASE)}, ${legacy.nativeVersion}, ${JSON.stringify(legacy.stores)}, fromJson(${JSON.stringify(toJson(rows))}));
    await chrome.storage.local.set(${JSON.stringify(settings)});
    return true;
  })()`;
}

/** A script that evaluates to the whole store as `toJson` text (read it with `parseSnapshot`). */
export function readSnapshotScript(): string {
  return `(async () => {
    const read = ${readSnapshot.toString()};
    const toJson = ${toJson.toString()};
    return toJson(await read(indexedDB, ${JSON.stringify(DATABASE)}));
  })()`;
}

export function parseSnapshot(text: string): Snapshot {
  return JSON.parse(text, (_key, item: unknown) => {
    const typed = item as { typed?: unknown; values?: unknown } | null;
    if (typed === null || typeof typed !== 'object' || typeof typed.typed !== 'string' || !Array.isArray(typed.values)) return item;
    const Typed = (globalThis as unknown as Record<string, { from(values: number[]): unknown }>)[typed.typed]!;
    return Typed.from((typed.values as unknown[]).map(Number));
  }) as Snapshot;
}

/** Rows whose values differ by nature left out: write tokens, the upgrade's and the worker's bookkeeping, kept digests. */
export function comparable(snapshot: Snapshot): Record<string, unknown[]> {
  // The index compared by what each article is posted under, not by the numbers it gives them.
  const tables = JSON.parse(JSON.stringify(withoutNumbering(snapshot).tables)) as Record<string, unknown[]>;
  tables.meta = tables.meta!.filter((row) => !/^(generation$|step:|work:|derived:)/.test((row as { key: string }).key));
  return tables;
}

/** Stored articles of three stories (tests/fixtures/legacy-stores: `legacyRecords`) whose coverage
 * the upgrade tests look up on the results page: same-story matches, judged from the forward data
 * the upgrade wrote in the browser. */
export const LOOKED_UP = ['https://south.example/news/1/1', 'https://coast.example/news/1/41', 'https://north.example/news/12/12'];

/**
 * The results page's path for a stored article's coverage, and the URLs of the items it lists
 * there, in order, as the current code answers in Node over `snapshot`'s rows (the browser's own
 * store, read back). Not over the reference store: a store upgraded from before version 5 numbers
 * its articles in id order, and candidates that tie exactly go to the lower number.
 */
export async function coverageIn(snapshot: Snapshot, url: string): Promise<{ path: string; urls: string[] }> {
  const factory = new IDBFactory();
  // The store's native link reads (src/store/reads.ts: linkedFrom) take the global IDBKeyRange, as
  // a page has one; this Node process has none.
  (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange ??= FakeKeyRange;
  await writeLegacyStore(factory, DATABASE, snapshot.version, snapshot.stores, snapshot.tables);
  const store = new ArticleStore({ indexedDB: factory, IDBKeyRange: FakeKeyRange });
  try {
    const query = { kind: 'link', url, text: '' } as const;
    const view = await lookUp(store, query);
    return { path: resultsPath(query).slice(1), urls: 'items' in view ? view.items.map((item) => item.article.url) : [] };
  } finally {
    store.close();
  }
}
