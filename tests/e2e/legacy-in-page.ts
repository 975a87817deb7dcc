/**
 * What the upgrade tests (Chromium and Firefox) run in an extension page: writing a store in an
 * earlier release's layout, and reading the whole store back. Both go over as one script text
 * with their data in JSON, so that neither browser's driver has to carry typed arrays (segments
 * since version 5), NaN (undated articles' times in forward data) or a function across.
 */
import { readSnapshot, writeLegacyStore, withoutNumbering, type LegacySchema, type Rows, type Snapshot } from '../fixtures/legacy-stores';

/** The store's name (src/store/db.ts). */
const DATABASE = 'rest-of-the-story';

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
