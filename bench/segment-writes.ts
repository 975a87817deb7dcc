/**
 * What the `segments` table costs an import, counted: every segment row a 100,000-record ingest
 * puts (through the import's writer, in Node over fake-indexeddb), its v8-serialised size (the
 * format Chromium stores; values over Blink's 64 KiB wrapping threshold go to blob files), the
 * rows deleted by compaction, and the segments left at the end. Counts only: timings here are
 * fake-indexeddb's, not a browser's (Chromium created as many blob files as counted here over the
 * threshold: bench/ingest-ab.ts). Also how many batches after its docno an article was stored
 * again (a new docno: its bucket is compacted whole, see src/store/term-index.ts).
 * `npx tsx bench/segment-writes.ts [SIZE] [BATCH]` (defaults 100000, 1000). PUTS=file: every put
 * (bucket, seq, articles, bytes, batch); TRACE=file: every docno given ('+') or replaced ('-')
 * with its batch and bucket, to simulate other merge policies on. Batches are counted as the
 * writer is handed them (a batch's write runs while the next is prepared): ages are ±1.
 */
import 'fake-indexeddb/auto';
import { serialize } from 'node:v8';
import { baseRecords, corpusOfSize } from './corpus';
import { BatchWriter } from '../src/ingest/batch-writer';
import { ArticleStore } from '../src/store';
import type { SegmentRow } from '../src/index/segments';
import { bucketOf } from '../src/index/buckets';

const size = Number(process.argv[2] ?? 100_000);
const batchSize = Number(process.argv[3] ?? 1_000);
/** Blink's IDBValueWrapper::kWrapThreshold: larger values are written as blob files. */
const WRAP = 64 * 1024;

interface Put {
  bucket: number;
  seq: number;
  count: number;
  bytes: number;
  batch: number;
}
const puts: Put[] = [];
let deletes = 0;
let batch = 0;
/** Each article's docno and the batch that gave it; how many batches later a docno was replaced. */
const docnoOf = new Map<string, { docno: number; batch: number; bucket: number }>();
const trace: [string, number, number, number][] = [];
const removals: number[] = [];
const proto = (globalThis as unknown as { IDBObjectStore: { prototype: IDBObjectStore } }).IDBObjectStore.prototype;
const put = proto.put;
proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
  if (this.name === 'articles') {
    const row = value as { id: string; docno?: number };
    const was = docnoOf.get(row.id);
    if (was !== undefined && was.docno !== row.docno) {
      removals.push(batch - was.batch);
      trace.push(['-', batch, was.bucket, was.docno]);
    }
    if (was === undefined || was.docno !== row.docno) {
      const bucket = bucketOf((value as { publishedAt?: number }).publishedAt);
      trace.push(['+', batch, bucket, row.docno ?? -1]);
      docnoOf.set(row.id, { docno: row.docno ?? -1, batch, bucket });
    }
  }
  if (this.name === 'segments') {
    const row = value as SegmentRow;
    puts.push({ bucket: row.bucket, seq: row.seq, count: row.count, bytes: serialize(row).length, batch });
  }
  return put.call(this, value, key);
} as IDBObjectStore['put'];
const del = proto.delete;
proto.delete = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
  if (this.name === 'segments') deletes++;
  return del.call(this, query);
} as IDBObjectStore['delete'];

const records = corpusOfSize(baseRecords(), size);
const store = new ArticleStore({ name: `segment-writes-${Date.now()}` });
const writer = new BatchWriter<undefined>(store, { origin: 'record', settled: (outcome) => { if (!outcome.ok) throw outcome.error; } });
const started = Date.now();
for (let i = 0; i < records.length; i += batchSize, batch++) await writer.write(records.slice(i, i + batchSize), undefined);
await writer.finish();
const articles = await store.countArticles();
const final = await store.db.segments.toArray();
const finalBytes = final.map((row) => serialize(row).length);

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
const bytes = puts.map((p) => p.bytes);
const big = puts.filter((p) => p.bytes > WRAP);
const buckets = new Set(puts.map((p) => p.bucket));
const perBatch = new Map<number, number>();
for (const p of puts) perBatch.set(p.batch, (perBatch.get(p.batch) ?? 0) + 1);
const mb = (n: number): string => (n / 1048576).toFixed(1);
console.log(JSON.stringify({ size, batchSize, batches: batch, articles, seconds: (Date.now() - started) / 1000 }));
console.log(`segment puts ${puts.length} (${(puts.length / batch).toFixed(1)} a batch, over ${buckets.size} buckets), deletes ${deletes}`);
console.log(`bytes put ${mb(sum(bytes))} MB; final ${final.length} rows ${mb(sum(finalBytes))} MB → write amplification ${(sum(bytes) / sum(finalBytes)).toFixed(2)}×`);
console.log(`puts over ${WRAP} B (blob files): ${big.length} of ${puts.length}, ${mb(sum(big.map((p) => p.bytes)))} MB; final rows over it: ${finalBytes.filter((b) => b > WRAP).length} (${mb(sum(finalBytes.filter((b) => b > WRAP)))} MB)`);
console.log(`put size p10 ${pct(bytes, 0.1)} p50 ${pct(bytes, 0.5)} p90 ${pct(bytes, 0.9)} p99 ${pct(bytes, 0.99)} max ${Math.max(...bytes)}; articles a put p50 ${pct(puts.map((p) => p.count), 0.5)} max ${Math.max(...puts.map((p) => p.count))}`);
const edges = [1024, 4096, 16384, 65536, 262144, 1048576, Infinity];
let from = 0;
for (const edge of edges) {
  const inRange = puts.filter((p) => p.bytes > from && p.bytes <= edge);
  console.log(`  (${from}, ${edge}] B: ${inRange.length} puts, ${mb(sum(inRange.map((p) => p.bytes)))} MB`);
  from = edge;
}
console.log(`final size p50 ${pct(finalBytes, 0.5)} max ${Math.max(...finalBytes)}; articles a final row p50 ${pct(final.map((r) => r.count), 0.5)} max ${Math.max(...final.map((r) => r.count))}`);
const perBucket = new Map<number, number>();
for (const row of final) perBucket.set(row.bucket, (perBucket.get(row.bucket) ?? 0) + 1);
const histogram = new Map<number, number>();
for (const n of perBucket.values()) histogram.set(n, (histogram.get(n) ?? 0) + 1);
console.log(`final segments a bucket (segments: buckets): ${JSON.stringify([...histogram].sort((a, b) => a[0] - b[0]))}`);
console.log(`segment puts a batch p50 ${pct([...perBatch.values()], 0.5)} max ${Math.max(...perBatch.values())}`);
const ages = new Map<number, number>();
for (const age of removals) ages.set(Math.min(age, 10), (ages.get(Math.min(age, 10)) ?? 0) + 1);
console.log(`docnos replaced (article re-posted): ${removals.length}; batches after the docno was given (10 = 10 or more): ${JSON.stringify([...ages].sort((a, b) => a[0] - b[0]))}`);
if (process.env.TRACE) (await import('node:fs')).writeFileSync(process.env.TRACE, JSON.stringify(trace));
if (process.env.PUTS) (await import('node:fs')).writeFileSync(process.env.PUTS, JSON.stringify(puts));
