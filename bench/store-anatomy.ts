/**
 * Where the store's bytes go on disk, in real Chromium (issue 15: ≤ 1.0 KB an article).
 *
 * `npx tsx bench/store-anatomy.ts [size=50000] [variant…]` after `npx wxt build --mode e2e`.
 *
 * 1. A fresh profile ingests `size` articles of the bench corpus through the store (the import's
 *    writer, as `bench/engine.bench.ts`), and its files are measured; then its tables' rows and
 *    schema are read out (raw IndexedDB, typed arrays carried as bytes).
 * 2. Each variant writes a transformed copy of those rows into a fresh profile of its own (raw
 *    IndexedDB in the extension's bench page, one transaction per 1,000 rows), since Chromium keeps
 *    one LevelDB per origin and a user's store is alone in it.
 *
 * Each profile is measured three ways: `navigator.storage.estimate()` right after the writes; the
 * origin's IndexedDB files (LevelDB + blob folder, `du -b`) after the browser closed; and again
 * after a relaunch that opens the database, waits `SETTLE_MS` and closes (LevelDB compacts in the
 * background: "settled"). Also the v8-serialised size of each field of the `articles` rows (Node's
 * `v8.serialize`, the format Chromium's IndexedDB stores, before LevelDB's snappy compression).
 * Variants (names to run only some): see VARIANTS. `ROWS_CACHE=<file>` saves the read-out rows (or
 * reuses them: no ingest). Sizes under ~50,000 mostly measure LevelDB's uncompressed log.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Page } from 'playwright-core';
import type { EngineBenchApi } from './pages/engine-bench-page';
import { baseRecords } from './corpus';
import { launchExtension, type ExtensionSession } from '../tests/e2e/harness';
import { hash53 } from '../src/record/id';
import { urlKey } from '../src/shared/url';

const SETTLE_MS = Number(process.env.SETTLE_MS ?? 20_000);
const CHUNK = 2_000;

type Api = { engineBench: EngineBenchApi };
type Row = Record<string, unknown>;
interface IndexSpec {
  name: string;
  keyPath: string | string[];
  multiEntry: boolean;
  unique: boolean;
}
interface StoreSpec {
  name: string;
  keyPath: string | string[] | null;
  indexes: IndexSpec[];
}
interface Variant {
  name: string;
  what: string;
  /** The tables written and how (indexes kept or not; rows transformed). */
  tables(schema: StoreSpec[], rows: Map<string, Row[]>): { spec: StoreSpec; rows: Row[] }[];
}

/** Typed arrays cross page.evaluate as `{ __ta: constructor, b: base64 }`; NaN in JSON as `{ __nan: 1 }`. */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object['__ta'] === 'string') {
      const bytes = Buffer.from(object['b'] as string, 'base64');
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const Ctor = (globalThis as unknown as Record<string, new (b: ArrayBuffer) => unknown>)[object['__ta']]!;
      return new Ctor(buffer);
    }
    if (object['__nan'] === 1) return NaN;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(object)) out[k] = decode(v);
    return out;
  }
  return value;
}

/** The page side of decode/encode, as source (the bench page runs it through evaluate). */
const CODEC = `
  const encode = (v) => {
    if (ArrayBuffer.isView(v)) { let s = ''; const u = new Uint8Array(v.buffer, v.byteOffset, v.byteLength); for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode(...u.subarray(i, i + 8192)); return { __ta: v.constructor.name, b: btoa(s) }; }
    if (Array.isArray(v)) return v.map(encode);
    if (typeof v === 'number' && Number.isNaN(v)) return { __nan: 1 };
    if (v !== null && typeof v === 'object') { const o = {}; for (const k of Object.keys(v)) o[k] = encode(v[k]); return o; }
    return v;
  };
  const decode = (v) => {
    if (Array.isArray(v)) return v.map(decode);
    if (v !== null && typeof v === 'object') {
      if (typeof v.__ta === 'string') { const s = atob(v.b); const u = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i); return new self[v.__ta](u.buffer); }
      if (v.__nan === 1) return NaN;
      const o = {}; for (const k of Object.keys(v)) o[k] = decode(v[k]); return o;
    }
    return v;
  };
  const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
`;

function encodeNode(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return { __ta: value.constructor.name, b: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeNode);
  if (typeof value === 'number' && Number.isNaN(value)) return { __nan: 1 };
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeNode(v);
    return out;
  }
  return value;
}

async function freshBenchPage(session: ExtensionSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('bench.html'));
  await page.waitForFunction(() => 'engineBench' in window);
  return page;
}

function du(path: string): number {
  try {
    return Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
  } catch {
    return 0;
  }
}

/** Bytes of the extension origin's IndexedDB files (LevelDB folder and blob folder). */
function idbBytes(profile: string, extensionId: string): { leveldb: number; blobs: number } {
  const dir = join(profile, 'Default', 'IndexedDB');
  let leveldb = 0;
  let blobs = 0;
  for (const entry of readdirSync(dir)) {
    if (!entry.includes(extensionId)) continue;
    if (entry.endsWith('.leveldb')) leveldb += du(join(dir, entry));
    else if (entry.endsWith('.blob')) blobs += du(join(dir, entry));
  }
  return { leveldb, blobs };
}

interface Measure {
  estimate: number;
  closed: { leveldb: number; blobs: number };
  settled: { leveldb: number; blobs: number };
}

/** Close, measure the files, relaunch, open the database, wait, close, measure again. */
async function measureProfile(session: ExtensionSession, profile: string, dbName: string, estimate: number): Promise<Measure> {
  const id = session.extensionId;
  await session.close();
  const closed = idbBytes(profile, id);
  const again = await launchExtension({ profileDir: profile });
  const page = await freshBenchPage(again);
  await page.evaluate(async ([name, ms]) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    await new Promise((done) => setTimeout(done, ms));
    db.close();
  }, [dbName, SETTLE_MS] as const);
  await page.close();
  await again.close();
  return { estimate, closed, settled: idbBytes(profile, id) };
}

/** Runs `use` with a new profile folder, removed afterwards however `use` ends (a store of
 * 100,000 articles leaves some hundred MB in it). */
async function inFreshProfile<T>(use: (profile: string) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'rots-anatomy-'));
  try {
    return await use(profile);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function readAll(page: Page, dbName: string): Promise<{ schema: StoreSpec[]; rows: Map<string, Row[]> }> {
  const schema = (await page.evaluate(`(async () => { ${CODEC}
    const db = await req(indexedDB.open(${JSON.stringify(dbName)}));
    const tx = db.transaction([...db.objectStoreNames], 'readonly');
    const out = [...db.objectStoreNames].map((name) => { const s = tx.objectStore(name); return { name, keyPath: s.keyPath, indexes: [...s.indexNames].map((i) => { const x = s.index(i); return { name: i, keyPath: x.keyPath, multiEntry: x.multiEntry, unique: x.unique }; }) }; });
    db.close();
    return out;
  })()`)) as StoreSpec[];
  const rows = new Map<string, Row[]>();
  for (const spec of schema) {
    const list: Row[] = [];
    let after: unknown = null;
    for (;;) {
      const chunk = (await page.evaluate(`(async () => { ${CODEC}
        const db = await req(indexedDB.open(${JSON.stringify(dbName)}));
        const s = db.transaction(${JSON.stringify(spec.name)}, 'readonly').objectStore(${JSON.stringify(spec.name)});
        const after = ${JSON.stringify(after)};
        const range = after === null ? null : IDBKeyRange.lowerBound(after, true);
        const [keys, values] = await Promise.all([req(s.getAllKeys(range, ${CHUNK})), req(s.getAll(range, ${CHUNK}))]);
        db.close();
        return { last: keys.length === 0 ? null : keys[keys.length - 1], values: values.map(encode) };
      })()`)) as { last: unknown; values: unknown[] };
      for (const value of chunk.values) list.push(decode(value) as Row);
      if (chunk.values.length < CHUNK) break;
      after = chunk.last;
    }
    rows.set(spec.name, list);
  }
  return { schema, rows };
}

async function writeAll(page: Page, dbName: string, tables: { spec: StoreSpec; rows: Row[] }[]): Promise<void> {
  await page.evaluate(`(async () => {
    const specs = ${JSON.stringify(tables.map((t) => t.spec))};
    const open = indexedDB.open(${JSON.stringify(dbName)}, 1);
    open.onupgradeneeded = () => { for (const spec of specs) { const s = open.result.createObjectStore(spec.name, spec.keyPath === null ? { autoIncrement: true } : { keyPath: spec.keyPath }); for (const i of spec.indexes) s.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry, unique: i.unique }); } };
    const db = await new Promise((ok, fail) => { open.onsuccess = () => ok(open.result); open.onerror = () => fail(open.error); });
    db.close();
  })()`);
  for (const { spec, rows } of tables) {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = JSON.stringify(rows.slice(i, i + CHUNK).map(encodeNode));
      await page.evaluate(`(async () => { ${CODEC}
        const rows = decode(${chunk});
        const db = await req(indexedDB.open(${JSON.stringify(dbName)}));
        const tx = db.transaction(${JSON.stringify(spec.name)}, 'readwrite');
        const s = tx.objectStore(${JSON.stringify(spec.name)});
        for (const row of rows) s.put(row);
        await new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = () => fail(tx.error); tx.onabort = () => fail(tx.error); });
        db.close();
      })()`);
    }
  }
}

const noIndexes = (spec: StoreSpec): StoreSpec => ({ ...spec, indexes: [] });
const onlyIndexes = (spec: StoreSpec, names: string[]): StoreSpec => ({ ...spec, indexes: spec.indexes.filter((i) => names.includes(i.name)) });
const withUrlHashIndex = (spec: StoreSpec): StoreSpec => ({ ...spec, indexes: [...spec.indexes.filter((i) => i.name !== 'urls'), { name: 'urlHashes', keyPath: 'urlHashes', multiEntry: true, unique: false }] });

/** The URL keys as the 53-bit numbers article ids are made of (a stand-in for whatever hash a real layout would use). */
function withUrlHashes(row: Row): Row {
  return { ...row, urlHashes: (row['urls'] as string[]).map(hash53) };
}

function securedAsBytes(row: Row): Row {
  const record = { ...(row['record'] as Record<string, unknown>) };
  if (typeof record['secured'] === 'string') {
    const bytes = Buffer.from((record['secured'] as string).replace(/;/g, ''), 'base64');
    record['secured'] = new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  return { ...row, record };
}

/** A record-extras URL that `url` gives back (equal, or equal once made a URL key: the AMP forms). */
function derivableExtra(url: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === url) return true;
  try {
    return urlKey(value) === urlKey(url);
  } catch {
    return false;
  }
}

function withoutDerivableExtras(row: Row): Row {
  const record = { ...(row['record'] as Record<string, unknown>) };
  for (const field of ['webUrl', 'originalUrl', 'ampWebUrl', 'cdnAmpWebUrl']) if (derivableExtra(row['url'] as string, record[field])) delete record[field];
  return { ...row, record };
}

function withoutTerms(row: Row): Row {
  const { terms: _t, anchors: _a, ...rest } = row;
  return rest;
}

const VARIANTS: Variant[] = [
  { name: 'replica', what: '(a) every table and index, the ingested rows written once', tables: (schema, rows) => schema.map((spec) => ({ spec, rows: rows.get(spec.name)! })) },
  { name: 'articles+indexes', what: 'articles rows with their indexes', tables: (schema, rows) => [{ spec: schema.find((s) => s.name === 'articles')!, rows: rows.get('articles')! }] },
  { name: 'articles', what: '(b) articles rows only, no index', tables: (schema, rows) => [{ spec: noIndexes(schema.find((s) => s.name === 'articles')!), rows: rows.get('articles')! }] },
  { name: 'no-terms', what: '(c) articles rows without terms and anchors, no index', tables: (schema, rows) => [{ spec: noIndexes(schema.find((s) => s.name === 'articles')!), rows: rows.get('articles')!.map(withoutTerms) }] },
  { name: 'no-extras', what: '(d) articles rows without record-extras URLs that url gives back, no index', tables: (schema, rows) => [{ spec: noIndexes(schema.find((s) => s.name === 'articles')!), rows: rows.get('articles')!.map(withoutDerivableExtras) }] },
  { name: 'no-terms-extras', what: '(c)+(d), no index', tables: (schema, rows) => [{ spec: noIndexes(schema.find((s) => s.name === 'articles')!), rows: rows.get('articles')!.map((r) => withoutDerivableExtras(withoutTerms(r))) }] },
  { name: 'articles+urls', what: '(f) articles rows with the *urls index alone', tables: (schema, rows) => [{ spec: onlyIndexes(schema.find((s) => s.name === 'articles')!, ['urls']), rows: rows.get('articles')! }] },
  { name: 'articles+times', what: '(f) articles rows with publishedAt, addedAt, readAt, docno indexes', tables: (schema, rows) => [{ spec: onlyIndexes(schema.find((s) => s.name === 'articles')!, ['publishedAt', 'addedAt', 'readAt', 'docno']), rows: rows.get('articles')! }] },
  { name: 'articles+urlhashes', what: 'articles rows + urlHashes (53-bit numbers) with a *urlHashes index in place of *urls, other indexes kept', tables: (schema, rows) => [{ spec: withUrlHashIndex(schema.find((s) => s.name === 'articles')!), rows: rows.get('articles')!.map(withUrlHashes) }] },
  { name: 'secured-bytes', what: 'articles rows with record.secured as bytes (base64 decoded), no index', tables: (schema, rows) => [{ spec: noIndexes(schema.find((s) => s.name === 'articles')!), rows: rows.get('articles')!.map(securedAsBytes) }] },
  { name: 'proposed', what: 'every table and index, articles rows without terms/anchors and derivable extras URLs, secured as bytes', tables: (schema, rows) => schema.map((spec) => ({ spec, rows: spec.name === 'articles' ? rows.get('articles')!.map((r) => securedAsBytes(withoutDerivableExtras(withoutTerms(r)))) : rows.get(spec.name)! })) },
  { name: 'replica-no-terms', what: 'every table and index, articles rows without terms/anchors', tables: (schema, rows) => schema.map((spec) => ({ spec, rows: spec.name === 'articles' ? rows.get('articles')!.map(withoutTerms) : rows.get(spec.name)! })) },
  { name: 'segments', what: '(e) segments alone', tables: (schema, rows) => [{ spec: schema.find((s) => s.name === 'segments')!, rows: rows.get('segments')! }] },
  { name: 'others', what: 'links, meta, feedItems, feeds', tables: (schema, rows) => schema.filter((s) => !['articles', 'segments'].includes(s.name)).map((spec) => ({ spec, rows: rows.get(spec.name)! })) },
];

/** v8-serialised bytes of each field of the rows (what IndexedDB stores before compression). */
function fieldAnatomy(rows: Row[]): Record<string, number> {
  const bytes: Record<string, number> = {};
  const add = (key: string, n: number) => (bytes[key] = (bytes[key] ?? 0) + n);
  for (const row of rows) {
    add('(whole row)', serialize(row).length);
    for (const [key, value] of Object.entries(row)) {
      // A field's share: the row's size with it minus without (keys and tags included).
      const { [key]: _, ...rest } = row;
      add(key, serialize(row).length - serialize(rest).length);
      if (key === 'record') {
        const record = value as Record<string, unknown>;
        for (const field of Object.keys(record)) {
          const { [field]: __, ...others } = record;
          add(`record.${field}`, serialize(record).length - serialize(others).length);
          if (['webUrl', 'originalUrl', 'ampWebUrl', 'cdnAmpWebUrl'].includes(field) && derivableExtra(row['url'] as string, record[field])) add(`record.${field} (url gives it)`, serialize(record).length - serialize(others).length);
        }
      }
    }
  }
  return Object.fromEntries(Object.entries(bytes).map(([k, v]) => [k, Math.round(v / rows.length)]));
}

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 50_000);
  const only = process.argv.slice(3);
  const base = baseRecords();
  const dbName = `bench-${size}`;

  // 1. The store as ingested (or its rows as a run saved them: ROWS_CACHE=<file>).
  const cache = process.env.ROWS_CACHE;
  let schema: StoreSpec[];
  let rows: Map<string, Row[]>;
  let articles: number;
  const measured: Record<string, Measure & { what: string }> = {};
  if (cache !== undefined && existsSync(cache)) {
    const saved = deserialize(readFileSync(cache)) as { schema: StoreSpec[]; rows: [string, Row[]][]; articles: number; ingested: Measure & { what: string } };
    ({ schema, articles } = saved);
    rows = new Map(saved.rows);
    measured['ingested'] = saved.ingested;
  } else {
    const read = await inFreshProfile(async (profile) => {
      const session = await launchExtension({ profileDir: profile });
      const page = await freshBenchPage(session);
      await page.evaluate((b) => (window as unknown as Api).engineBench.setBase(b), base);
      const ingest = await page.evaluate(([n, s]) => (window as unknown as Api).engineBench.ingest(n, s, 1_000), [dbName, size] as const);
      // Let the store's own connection go before reading (the bench keeps it open).
      await page.evaluate(() => (window as unknown as Api).engineBench.deleteDatabases([]));
      const estimate = await page.evaluate(() => (window as unknown as Api).engineBench.storageUsage());
      const tables = await readAll(page, dbName);
      await page.close();
      return { ...tables, articles: ingest.articles, measure: await measureProfile(session, profile, dbName, estimate) };
    });
    ({ schema, rows, articles } = read);
    measured['ingested'] = { what: 'the store as ingested (bench corpus through the import writer)', ...read.measure };
    if (cache !== undefined) writeFileSync(cache, serialize({ schema, rows: [...rows], articles, ingested: measured['ingested'] }));
  }
  console.log(JSON.stringify({ size, articles, rows: Object.fromEntries([...rows].map(([k, v]) => [k, v.length])), ingested: measured['ingested'] }));

  const anatomy = fieldAnatomy(rows.get('articles')!);
  console.log(JSON.stringify({ anatomy }));
  const segmentBytes = rows.get('segments')!.reduce((sum, row) => sum + serialize(row).length, 0);
  console.log(JSON.stringify({ segmentsV8BytesPerArticle: Math.round(segmentBytes / articles), segmentRows: rows.get('segments')!.length }));

  // 2. The variants, each in a fresh profile.
  for (const variant of VARIANTS) {
    if (only.length > 0 && !only.includes(variant.name)) continue;
    const measure = await inFreshProfile(async (dir) => {
      const s = await launchExtension({ profileDir: dir });
      const p = await freshBenchPage(s);
      await writeAll(p, dbName, variant.tables(schema, rows));
      const usage = await p.evaluate(() => (window as unknown as Api).engineBench.storageUsage());
      await p.close();
      return measureProfile(s, dir, dbName, usage);
    });
    measured[variant.name] = { what: variant.what, ...measure };
    console.log(JSON.stringify({ variant: variant.name, ...measured[variant.name] }));
  }

  const kb = (bytes: number) => (bytes / 1024 / articles).toFixed(3);
  console.log(`\n${articles} articles; KB an article (estimate after writing | files after close: LevelDB + blobs = total | settled after ${SETTLE_MS / 1000} s open: LevelDB + blobs = total)`);
  for (const [name, m] of Object.entries(measured)) {
    console.log(`${name.padEnd(18)} ${kb(m.estimate)} | ${kb(m.closed.leveldb)} + ${kb(m.closed.blobs)} = ${kb(m.closed.leveldb + m.closed.blobs)} | ${kb(m.settled.leveldb)} + ${kb(m.settled.blobs)} = ${kb(m.settled.leveldb + m.settled.blobs)}   ${m.what}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
