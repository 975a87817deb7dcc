import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchWriter, type BatchOutcome } from '../../../src/ingest/batch-writer';
import { parseRecordFile, parseRecordJson, type ParsedFile } from '../../../src/ingest/parse-file';
import type { NewsRecord } from '../../../src/record/record';
import { ArticleStore, type UpsertResult } from '../../../src/store';
import { generatedRecord } from '../../generate-records';
import { hasShared, sharedPath } from '../../shared-data';

const stores: ArticleStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  vi.useRealTimers();
});
beforeEach(() => {
  // Both paths store the same times: the writer takes its time when it prepares, a plain upsert
  // when it writes.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
});

function newStore(name: string): ArticleStore {
  const store = new ArticleStore({ name });
  stores.push(store);
  return store;
}

/** Generated records (0–2 related entries naming other records: related-only articles that later
 * become records), then some again with other content (updates) and unchanged (duplicates). */
function generatedCorpus(count: number): NewsRecord[] {
  const parsed: ParsedFile = { records: [], errors: [], warnings: [] };
  for (let i = 0; i < count; i++) parseRecordJson('gen.ndjson', `line ${i + 1}`, JSON.stringify(generatedRecord(i, count)), parsed);
  for (let i = 0; i < count; i += 7) {
    const again = generatedRecord(i, count);
    parseRecordJson('gen.ndjson', 'again', JSON.stringify(i % 2 === 0 ? again : { ...again, title: `${String(again['title'])} (updated)` }), parsed);
  }
  expect(parsed.errors).toEqual([]);
  return parsed.records;
}

/** Records of the first files of the coronavirus corpus (URLs repeated across files, with other content). */
function corpusRecords(files: number): NewsRecord[] {
  const dir = sharedPath('data/smartable/coronavirus');
  return readdirSync(dir)
    .sort()
    .slice(0, files)
    .flatMap((file) => parseRecordFile(file, readFileSync(`${dir}/${file}`, 'utf8')).records);
}

function batchesOf(records: NewsRecord[], size: number): NewsRecord[][] {
  const out: NewsRecord[][] = [];
  for (let i = 0; i < records.length; i += size) out.push(records.slice(i, i + size));
  return out;
}

/** Everything the store holds, in a comparable form (generation tokens are random: only present). */
async function contents(store: ArticleStore) {
  const db = store.db;
  const meta = (await db.meta.toArray()).map((row) => (row.key === 'generation' || row.key === 'readGeneration' ? { key: row.key, value: typeof row.value } : row));
  const segments = (await db.segments.toArray()).map((row) => ({ ...row, hashes: [...row.hashes], offsets: [...row.offsets], docnos: [...row.docnos] }));
  return { articles: await db.articles.toArray(), links: await db.links.toArray(), feedItems: await db.feedItems.toArray(), meta, segments };
}

async function compare(records: NewsRecord[], batchSize: number): Promise<void> {
  const batches = batchesOf(records, batchSize);
  const plain = newStore(`plain-${batchSize}-${records.length}`);
  const plainResults: UpsertResult[] = [];
  for (const batch of batches) plainResults.push(await plain.upsertRecords(batch, 'record'));

  const piped = newStore(`piped-${batchSize}-${records.length}`);
  const pipedResults: [number, BatchOutcome][] = [];
  const writer = new BatchWriter<number>(piped, { origin: 'record', settled: (outcome, tag) => void pipedResults.push([tag, outcome]) });
  for (const [i, batch] of batches.entries()) await writer.write(batch, i);
  await writer.finish();

  expect(pipedResults.map(([tag]) => tag)).toEqual(batches.map((_, i) => i));
  expect(pipedResults.map(([, outcome]) => (outcome.ok ? outcome.result : outcome.error))).toEqual(plainResults);
  const [a, b] = [await contents(plain), await contents(piped)];
  expect(a.articles.length).toBeGreaterThan(0);
  expect(a.links.length).toBeGreaterThan(0);
  expect(a.segments.length).toBeGreaterThan(0);
  expect(b).toEqual(a);
}

describe('BatchWriter', () => {
  it('stores generated records exactly as plain upserts of the same batches do', async () => {
    await compare(generatedCorpus(1200), 100);
  }, 120_000);

  it.skipIf(!hasShared)('stores corpus files (updates, related entries, merges) exactly as plain upserts do', async () => {
    const records = corpusRecords(700);
    await compare([...records, ...records.slice(0, 150)], 64);
  }, 120_000);

  it('tells each batch its outcome in order, a failed batch alone, and drops batches once stopped', async () => {
    const store = newStore('writer-failures');
    const failing = Object.create(store) as ArticleStore;
    let calls = 0;
    failing.upsertPrepared = async (...args) => {
      calls++;
      if (calls === 2) throw new Error('disk on fire');
      return store.upsertPrepared(...args);
    };
    const seen: string[] = [];
    let stopped = false;
    const writer = new BatchWriter<string>(failing, {
      origin: 'record',
      settled: (outcome, tag) => {
        seen.push(`${tag}:${outcome.ok ? outcome.result.outcomes.join(',') : String(outcome.error)}`);
        if (tag === 'c') stopped = true;
      },
      isStopped: () => stopped,
    });
    const records = generatedCorpus(8).slice(0, 8);
    for (const [i, tag] of ['a', 'b', 'c', 'd'].entries()) await writer.write(records.slice(2 * i, 2 * i + 2), tag);
    await writer.finish();
    expect(seen).toEqual(['a:created,created', 'b:Error: disk on fire', 'c:created,created']);
    expect(calls).toBe(3);
    // Only the records of batches a and c were stored (b's rolled back, d's never written).
    expect((await store.db.articles.toArray()).filter((article) => article.origin === 'record')).toHaveLength(4);
  });

  it('fails only its batch when a record cannot be prepared', async () => {
    const store = newStore('writer-prepare-failure');
    const seen: string[] = [];
    const writer = new BatchWriter<string>(store, { origin: 'record', settled: (outcome, tag) => void seen.push(`${tag}:${outcome.ok ? outcome.result.outcomes.join(',') : 'failed'}`) });
    const records = generatedCorpus(4);
    const broken = { ...records[1]!, related: undefined } as unknown as NewsRecord;
    await writer.write([records[0]!, broken], 'a');
    await writer.write(records.slice(2, 4), 'b');
    await writer.finish();
    expect(seen).toEqual(['a:failed', 'b:created,created']);
    expect(await store.findByUrls([records[0]!.webUrl])).toBeUndefined();
  });
});
