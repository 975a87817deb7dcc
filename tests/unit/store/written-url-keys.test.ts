import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchWriter } from '../../../src/ingest/batch-writer';
import { parseRecordJson, type ParsedFile } from '../../../src/ingest/parse-file';
import type { NewsRecord } from '../../../src/record/record';
import { ArticleStore, WrittenUrlKeys } from '../../../src/store';
import { generatedRecord } from '../../generate-records';

describe('WrittenUrlKeys', () => {
  it('says "maybe" for every key until a batch found the store empty', () => {
    const keys = new WrittenUrlKeys();
    expect(keys.trustedGeneration).toBeNull();
    expect(keys.mightBeStored('https://a.example/x')).toBe(true);
  });

  it('after a batch on an empty store: written keys maybe stored, nearly all others not', () => {
    const keys = new WrittenUrlKeys();
    const written = Array.from({ length: 5000 }, (_, i) => `example.com/story-${i}`);
    keys.learn({ generation: undefined, wasEmpty: true }, written, 'g1');
    expect(keys.trustedGeneration).toBe('g1');
    expect(written.every((key) => keys.mightBeStored(key))).toBe(true);
    const others = Array.from({ length: 5000 }, (_, i) => `example.com/other-${i}`);
    expect(others.filter((key) => keys.mightBeStored(key)).length).toBeLessThan(10);
    // The next batch continues from g1 and adds its keys.
    keys.learn({ generation: 'g1', wasEmpty: false }, ['example.com/later'], 'g2');
    expect(keys.trustedGeneration).toBe('g2');
    expect(keys.mightBeStored('example.com/later')).toBe(true);
    expect(keys.mightBeStored('example.com/story-17')).toBe(true);
  });

  it('is never trusted again once the store moved under another writer', () => {
    const keys = new WrittenUrlKeys();
    keys.learn({ generation: undefined, wasEmpty: true }, ['k1'], 'g1');
    keys.learn({ generation: 'someone else', wasEmpty: false }, ['k2'], 'g3');
    expect(keys.trustedGeneration).toBeNull();
    expect(keys.mightBeStored('never written')).toBe(true);
    keys.learn({ generation: undefined, wasEmpty: true }, ['k3'], 'g4');
    expect(keys.trustedGeneration).toBeNull();
  });

  it('is not trusted when the first batch found the store holding articles', () => {
    const keys = new WrittenUrlKeys();
    keys.learn({ generation: 'g0', wasEmpty: false }, ['k1'], 'g1');
    expect(keys.trustedGeneration).toBeNull();
    expect(keys.mightBeStored('anything')).toBe(true);
  });
});

describe('a writer that skips the reads of keys it never wrote', () => {
  const stores: ArticleStore[] = [];
  let n = 0;
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
  });
  const open = (name: string): ArticleStore => {
    const store = new ArticleStore({ name });
    stores.push(store);
    return store;
  };
  const corpus = (count: number): NewsRecord[] => {
    const parsed: ParsedFile = { records: [], errors: [], warnings: [] };
    for (let i = 0; i < count; i++) parseRecordJson('gen.ndjson', `line ${i + 1}`, JSON.stringify(generatedRecord(i, count)), parsed);
    return parsed.records;
  };
  const batches = (records: NewsRecord[], size: number): NewsRecord[][] => Array.from({ length: Math.ceil(records.length / size) }, (_, i) => records.slice(i * size, (i + 1) * size));
  /** The store, generations only as present (they are random). */
  const contents = async (store: ArticleStore) => ({
    articles: await store.db.articles.toArray(),
    links: await store.db.links.toArray(),
    meta: (await store.db.meta.toArray()).map((row) => (row.key === 'generation' || row.key === 'readGeneration' ? { key: row.key, value: typeof row.value } : row)),
    segments: (await store.db.segments.toArray()).map((row) => ({ ...row, hashes: [...row.hashes], offsets: [...row.offsets], docnos: [...row.docnos] })),
  });

  /** The same batches through the writer and through plain upserts, with `between(store, i)` run
   * after batch i on both (another writer, a store changed behind the writer's back). */
  const same = async (records: NewsRecord[], size: number, between: (store: ArticleStore, name: string, i: number) => Promise<void>, before?: (store: ArticleStore) => Promise<void>) => {
    const plainName = `keys-plain-${++n}`;
    const writerName = `keys-writer-${n}`;
    const plain = open(plainName);
    const piped = open(writerName);
    if (before !== undefined) {
      await before(plain);
      await before(piped);
    }
    for (const [i, batch] of batches(records, size).entries()) {
      await plain.upsertRecords(batch, 'record');
      await between(plain, plainName, i);
    }
    const outcomes: string[] = [];
    const writer = new BatchWriter<number>(piped, {
      origin: 'record',
      settled: async (outcome, i) => {
        outcomes.push(outcome.ok ? 'ok' : String(outcome.error));
        await between(piped, writerName, i);
      },
    });
    for (const [i, batch] of batches(records, size).entries()) await writer.write(batch, i);
    await writer.finish();
    expect(outcomes.every((outcome) => outcome === 'ok')).toBe(true);
    const [a, b] = [await contents(plain), await contents(piped)];
    expect(a.articles.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  };

  /** URL-key reads of a fresh import of `records` in batches of 100: plain upserts, the writer. */
  const keyReads = async (records: NewsRecord[]): Promise<{ plain: number; piped: number }> => {
    const read = vi.spyOn(globalThis.IDBIndex.prototype, 'getAllKeys');
    const reads = async (write: (store: ArticleStore, batch: NewsRecord[], i: number) => Promise<unknown>, finish: () => Promise<unknown> = async () => undefined): Promise<number> => {
      read.mockClear();
      const store = open(`keys-count-${++n}`);
      for (const [i, batch] of batches(records, 100).entries()) await write(store, batch, i);
      await finish();
      return read.mock.calls.length;
    };
    const plain = await reads((store, batch) => store.upsertRecords(batch, 'record'));
    let writer: BatchWriter<number> | undefined;
    const piped = await reads(
      (store, batch, i) => (writer ??= new BatchWriter<number>(store, { origin: 'record', settled: () => undefined })).write(batch, i),
      () => writer!.finish(),
    );
    return { plain, piped };
  };

  it('reads fewer URL keys on a fresh import, and stores the same', async () => {
    // Records whose related entries name later records: those keys are stored before their
    // records come, and are read.
    const records = corpus(800);
    await same(records, 100, async () => undefined);
    const { plain, piped } = await keyReads(records);
    expect(piped).toBeLessThan(plain * 0.7);
  }, 120_000);

  it('reads little more than the first batch\'s keys when records name no others', async () => {
    const records = corpus(800).map((record) => ({ ...record, related: [] }));
    await same(records, 100, async () => undefined);
    const { plain, piped } = await keyReads(records);
    // One read a key for plain upserts; the writer reads the first batch's (1 of 8) and few after.
    expect(piped).toBeLessThan(plain / 6);
  }, 120_000);

  it('reads every key again once another writer stored articles between its batches', async () => {
    const records = corpus(600);
    // A feed stores, after the first batch, records that later batches bring again (with other
    // titles), and an article under a URL a later record has as its second address.
    const feed = records.slice(350, 380).map((record) => ({ ...record, title: `${record.title} (from the feed)`, related: [] }));
    const alias: NewsRecord = { ...records[450]!, webUrl: 'https://elsewhere.example/alias', originalUrl: records[450]!.webUrl!, title: 'Alias', related: [] };
    await same(records, 100, async (store, name, i) => {
      if (i !== 0) return;
      const other = open(name);
      await other.upsertRecords([...feed, alias], 'feed');
      other.close();
    });
  }, 120_000);

  it('reads every key when the kept count says empty but articles are stored', async () => {
    const records = corpus(400);
    await same(records, 100, async () => undefined, async (store) => {
      await store.upsertRecords(records.slice(150, 250).map((record) => ({ ...record, title: `${record.title} (earlier)`, related: [] })), 'feed');
      await store.db.meta.put({ key: 'articleCount', value: 0 });
    });
  }, 120_000);
});
