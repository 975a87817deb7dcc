/**
 * Scratch: the engine's lookup (rankByContent) at benchmark scale in Node, over segments built in
 * memory as the store builds them (batches of 1,000, compaction past 8), so the JavaScript of a
 * lookup can be timed and profiled without a browser. Prints p50/p95 and a digest of outputs.
 */
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { baseRecords, corpusOfSize } from './corpus';
import { bucketOf, UNDATED_BUCKET } from '../src/index/buckets';
import { buildSegment, compact, MAX_SEGMENTS, type IndexedDoc, type SegmentRow } from '../src/index/segments';
import { indexFields } from '../src/store/merge';
import { rankByContent, matchDocOf } from '../src/related/engine';
import type { ArticleStore, StoredArticle } from '../src/store';
import type { NewsRecord } from '../src/record/record';

const size = Number(process.argv[2] ?? 100_000);
const queriesN = Number(process.argv[3] ?? 300);
const mode = process.argv[4] ?? 'cache';
const t0 = performance.now();
const records = corpusOfSize(baseRecords(), size);
const articles: StoredArticle[] = [];
const seen = new Set<string>();
const segments = new Map<number, SegmentRow[]>();
let docno = 1;
let seq = 0;
const addBatch = (batch: NewsRecord[]): void => {
  const byBucket = new Map<number, IndexedDoc[]>();
  for (const r of batch.flatMap((r) => [r, ...r.related])) {
    const url = r.originalUrl ?? r.webUrl ?? '';
    if (seen.has(url)) continue;
    seen.add(url);
    const a = { id: url, url, urls: [url], title: r.title, excerpt: r.excerpt, domain: '', topics: [], images: [], origin: 'record', record: {}, sourceHashes: [], addedAt: 0, updatedAt: 0, ...indexFields(r.title, r.excerpt, r.lang), docno: docno++ } as unknown as StoredArticle;
    if (r.publishedAt !== undefined) a.publishedAt = r.publishedAt;
    articles.push(a);
    const b = bucketOf(a.publishedAt);
    byBucket.set(b, [...(byBucket.get(b) ?? []), { docno: a.docno!, terms: a.terms!, titleTermCount: a.titleTermCount!, anchors: a.anchors, publishedAt: a.publishedAt, lang: a.lang }]);
  }
  for (const [b, docs] of byBucket) {
    const list = segments.get(b) ?? [];
    if (list.length >= MAX_SEGMENTS) segments.set(b, [compact(b, seq++, [...list, buildSegment(b, -1, docs)], new Set())]);
    else segments.set(b, [...list, buildSegment(b, seq++, docs)]);
  }
};
for (let i = 0; i < records.length; i += 1000) addBatch(records.slice(i, i + 1000));
const byDocno = new Map(articles.map((a) => [a.docno!, a]));
console.error(`built ${articles.length} articles, ${segments.size} buckets in ${Math.round(performance.now() - t0)} ms`);
const store = {
  readIndex: <T>(read: () => Promise<T>) => read(),
  generation: async () => 'g',
  bucketsNewestFirst: async () => [...segments.keys()].filter((b) => b !== UNDATED_BUCKET).sort((a, b) => b - a).concat(segments.has(UNDATED_BUCKET) ? [UNDATED_BUCKET] : []),
  segmentsOf: async (b: number) => segments.get(b) ?? [],
  articlesByDocno: async (ds: readonly number[]) => ds.map((d) => byDocno.get(d)).filter((a): a is StoredArticle => a !== undefined),
} as unknown as ArticleStore;
const step = Math.max(1, Math.floor(articles.length / (2 * queriesN)));
const queries = articles.filter((_, i) => i % step === 0).slice(0, 2 * queriesN);
const hash = createHash('sha256');
const run = async (qs: StoredArticle[], record: boolean): Promise<number[]> => {
  const times: number[] = [];
  for (const q of qs) {
    const t = performance.now();
    const ranked = await rankByContent(store, matchDocOf(q), q.docno, { cache: mode === 'cache' });
    times.push(performance.now() - t);
    if (record) hash.update(JSON.stringify(ranked.map((c) => [c.docno, c.score, c.sameStory, c.shared, [...c.evidence.features]])));
  }
  return times;
};
await run(queries.filter((_, i) => i % 2 === 0), false);
const cpu0 = process.cpuUsage();
const times = (await run(queries.filter((_, i) => i % 2 === 1), true)).sort((a, b) => a - b);
const cpu = process.cpuUsage(cpu0);
const at = (p: number): number => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 10) / 10;
console.log(JSON.stringify({ size, articles: articles.length, mode, p50: at(0.5), p95: at(0.95), mean: Math.round((times.reduce((s, t) => s + t, 0) / times.length) * 10) / 10, cpuPerQuery: Math.round((cpu.user + cpu.system) / 100 / times.length) / 10, digest: hash.digest('hex').slice(0, 16) }));
if (process.env.SIZES) {
  const rows = [...segments].map(([b, segs]) => ({ b, n: segs.length, count: segs.reduce((s, x) => s + x.count, 0), kb: Math.round(segs.reduce((s, x) => s + x.hashes.byteLength + x.offsets.byteLength + x.docnos.byteLength, 0) / 1024) }));
  rows.sort((a, b) => b.kb - a.kb);
  console.log(rows.slice(0, 10), rows.slice(-5));
  // Bytes a store keeps in segments per article: postings, and forward data (typed arrays only).
  const all = [...segments.values()].flat();
  const postings = all.reduce((s, x) => s + x.hashes.byteLength + x.offsets.byteLength + x.docnos.byteLength, 0);
  const forward = all.reduce((s, x) => s + (x.forward === undefined ? 0 : Object.values(x.forward).reduce((t: number, v) => t + (ArrayBuffer.isView(v) ? v.byteLength : 0), 0)), 0);
  console.log(JSON.stringify({ articles: articles.length, postingsBytesPerArticle: Math.round(postings / articles.length), forwardBytesPerArticle: Math.round(forward / articles.length) }));
}
