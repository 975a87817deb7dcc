import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchWriter, type BatchOutcome, type RecordPreparer } from '../../../src/ingest/batch-writer';
import { PAGE_BATCH_SIZE, WORKER_BATCH_SIZE } from '../../../src/ingest/import-files';
import { answerPrepareRequest, WorkerPreparer, type PreparerPort } from '../../../src/import-worker/preparer';
import { parseRecordFile, parseRecordJson, type ParsedFile } from '../../../src/ingest/parse-file';
import type { NewsRecord } from '../../../src/record/record';
import { ArticleStore, prepareRecord, type UpsertResult } from '../../../src/store';
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

type Listener = (event: { data: unknown; preventDefault(): void }) => void;

/** A preparation worker in this thread: what a Worker would do (messages copied by structured
 * clone both ways, answered in a later task, ready once "loaded"), with faults to order. */
function preparationPort(faults: { errorAtRequest?: number } = {}): PreparerPort & { requests: number } {
  const listeners: Record<string, Listener[]> = { message: [], error: [], messageerror: [] };
  const emit = (type: string, data?: unknown): void => {
    for (const listener of listeners[type]!) listener({ data, preventDefault: () => undefined });
  };
  let terminated = false;
  const port = {
    requests: 0,
    postMessage(message: unknown) {
      const copy = structuredClone(message);
      const fails = ++port.requests === faults.errorAtRequest;
      setTimeout(() => {
        if (terminated) return;
        if (fails) return emit('error');
        const answer = answerPrepareRequest(copy);
        if (answer !== null) emit('message', structuredClone(answer));
      }, 0);
    },
    addEventListener(type: string, listener: Listener) {
      listeners[type]!.push(listener);
    },
    terminate() {
      terminated = true;
    },
  };
  setTimeout(() => emit('message', { type: 'preparer-ready' }), 0);
  return port as PreparerPort & { requests: number };
}

async function compare(records: NewsRecord[], batchSize: number, startPreparer?: () => RecordPreparer): Promise<void> {
  const batches = batchesOf(records, batchSize);
  const plain = newStore(`plain-${batchSize}-${records.length}`);
  const plainResults: UpsertResult[] = [];
  for (const batch of batches) plainResults.push(await plain.upsertRecords(batch, 'record'));

  const piped = newStore(`piped-${batchSize}-${records.length}`);
  const pipedResults: [number, BatchOutcome][] = [];
  const writer = new BatchWriter<number>(piped, { origin: 'record', settled: (outcome, tag) => void pipedResults.push([tag, outcome]), ...(startPreparer === undefined ? {} : { startPreparer }) });
  for (const [i, batch] of batches.entries()) await writer.write(batch, i);
  await writer.finish();
  // The preparer took the batches from the third on (the second is prepared while it starts).
  if (startPreparer !== undefined) expect(writer.preparedElsewhere).toBe(batches.length - 2);

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

  it('stores the same when a preparation worker prepares the batches', async () => {
    await compare(generatedCorpus(1200), 100, () => new WorkerPreparer(preparationPort()));
  }, 120_000);

  it.skipIf(!hasShared)('stores corpus files the same when a preparation worker prepares them', async () => {
    const records = corpusRecords(300);
    await compare([...records, ...records.slice(0, 100)], 64, () => new WorkerPreparer(preparationPort()));
  }, 120_000);

  it('stores the same articles in the import worker\'s batches as in the page\'s, and a consistent index', async () => {
    // The worker's batches are larger (fewer segment rewrites): only the articles' numbering may differ.
    const records = generatedCorpus(2 * WORKER_BATCH_SIZE + 100);
    const stored = async (size: number): Promise<{ rows: unknown[]; store: ArticleStore }> => {
      const store = newStore(`batches-${size}`);
      const writer = new BatchWriter<number>(store, { origin: 'record', settled: (outcome) => expect(outcome.ok).toBe(true) });
      for (const [i, batch] of batchesOf(records, size).entries()) await writer.write(batch, i);
      await writer.finish();
      const rows = (await store.db.articles.toArray()).map(({ docno, ...rest }) => ({ ...rest, numbered: docno !== undefined }));
      return { rows, store };
    };
    const [page, worker] = [await stored(PAGE_BATCH_SIZE), await stored(WORKER_BATCH_SIZE)];
    expect(worker.rows.length).toBeGreaterThan(WORKER_BATCH_SIZE);
    expect(worker.rows).toEqual(page.rows);
    for (const { store } of [page, worker]) expect((await store.check({ repair: false })).consistent).toBe(true);
  }, 120_000);

  it('prepares on its own thread, the same, once the preparation worker fails', async () => {
    const store = newStore('writer-preparer-lost');
    let port: ReturnType<typeof preparationPort> | undefined;
    const plain = newStore('writer-preparer-lost-plain');
    const batches = batchesOf(generatedCorpus(400), 50);
    const outcomes: string[] = [];
    const writer = new BatchWriter<number>(store, { origin: 'record', settled: (outcome) => void outcomes.push(outcome.ok ? 'ok' : String(outcome.error)), startPreparer: () => new WorkerPreparer((port = preparationPort({ errorAtRequest: 3 }))) });
    for (const [i, batch] of batches.entries()) {
      await writer.write(batch, i);
      await plain.upsertRecords(batch, 'record');
    }
    await writer.finish();
    expect(outcomes).toEqual(batches.map(() => 'ok'));
    expect(port?.requests).toBe(3);
    expect(writer.preparedElsewhere).toBe(2);
    expect(await contents(store)).toEqual(await contents(plain));
  }, 120_000);

  it('fails only its batch when a record cannot be prepared in the preparation worker', async () => {
    const store = newStore('writer-preparer-record-failure');
    const seen: string[] = [];
    const writer = new BatchWriter<string>(store, { origin: 'record', settled: (outcome, tag) => void seen.push(`${tag}:${outcome.ok ? outcome.result.outcomes.join(',') : errorText(outcome.error)}`), startPreparer: () => new WorkerPreparer(preparationPort()) });
    const records = generatedCorpus(8);
    const broken = { ...records[5]!, related: undefined } as unknown as NewsRecord;
    await writer.write(records.slice(0, 2), 'a');
    await writer.write(records.slice(2, 4), 'b');
    await writer.write([records[4]!, broken], 'c');
    await writer.write(records.slice(6, 8), 'd');
    await writer.finish();
    expect(writer.preparedElsewhere).toBe(1);
    expect(seen.map((line) => line.replace(/:Error: .*/, ':failed'))).toEqual(['a:created,created', 'b:created,created', 'c:failed', 'd:created,created']);
    // The record's own error, as on the writer's thread.
    let own = '';
    try {
      prepareRecord(broken, 'record', 0);
    } catch (error) {
      own = errorText(error);
    }
    expect(own).not.toBe('');
    expect(seen[2]).toBe(`c:${own}`);
    // Its records were not stored as records (one may be there as another's related entry).
    expect((await store.findByUrls([records[4]!.webUrl]))?.origin).not.toBe('record');
  });

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

function errorText(error: unknown): string {
  return error instanceof Error ? `Error: ${error.message}` : String(error);
}
