import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ImportWorkerEvent } from '../../../src/messaging/protocol';
import { ArticleStore } from '../../../src/store';
import { PAGE_BATCH_SIZE, WORKER_BATCH_SIZE } from '../../../src/ingest/import-files';

// The worker module talks to its global scope: stand in for a dedicated worker's.
const posted: ImportWorkerEvent[] = [];
let listener: ((event: { data: unknown }) => void) | undefined;
vi.stubGlobal('postMessage', (message: ImportWorkerEvent) => posted.push(structuredClone(message)));
vi.stubGlobal('addEventListener', (type: string, handler: (event: { data: unknown }) => void) => {
  if (type === 'message') listener = handler;
});
afterAll(() => vi.unstubAllGlobals());

const lines = (count: number, from = 0): string =>
  Array.from({ length: count }, (_, i) => JSON.stringify({ title: `Record number ${from + i} about the harbour`, webUrl: `https://news.example.com/${from + i}` })).join('\n');

describe('the import worker', () => {
  it('imports the files it is sent into the store, with progress first and the report last, once', async () => {
    await import('../../../src/import-worker/worker');
    expect(listener).toBeDefined();
    listener!({ data: { type: 'import-start', files: 'not files' } });
    listener!({ data: { type: 'import-start', files: [new File([`${lines(700)}\n{"title": broken\n${lines(5, 700)}\n`], 'big.ndjson'), new File(['hello'], 'notes.pdf')] } });
    // A second start while it runs is ignored (one import per worker).
    listener!({ data: { type: 'import-start', files: [new File([lines(3, 9000)], 'other.ndjson')] } });
    await vi.waitFor(() => expect(posted.at(-1)?.type).toBe('import-done'), { timeout: 20_000 });

    expect(posted[0]).toEqual({ type: 'import-progress', progress: { filesDone: 0, filesTotal: 2, recordsStored: 0, bytesDone: 0, bytesTotal: expect.any(Number) } });
    const done = posted.at(-1)!;
    if (done.type !== 'import-done') throw new Error('no report');
    expect(done.report).toMatchObject({ files: 2, imported: 705, updated: 0, duplicates: 0, failed: 2 });
    expect(done.report.errors).toEqual([
      { file: 'big.ndjson', where: 'line 701', message: expect.stringMatching(/^invalid JSON/) },
      { file: 'notes.pdf', message: expect.stringMatching(/^not a record file/) },
    ]);
    expect(posted.filter((event) => event.type === 'import-done')).toHaveLength(1);
    // Every batch its store committed was passed on for the page to announce, before the report.
    const changes = posted.flatMap((event) => (event.type === 'import-store-change' ? [event.change] : []));
    expect(changes.length).toBeGreaterThanOrEqual(1);
    expect(changes.every((change) => change.why === 'import')).toBe(true);
    expect(new Set(changes.flatMap((change) => change.created)).size).toBe(705);
    expect(posted.findIndex((event) => event.type === 'import-store-change')).toBeLessThan(posted.length - 1);
    const store = new ArticleStore();
    try {
      expect(await store.countArticles()).toBe(705);
      expect(await store.findByUrls(['https://news.example.com/9000'])).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('writes in batches of its own size, larger than the page\'s', async () => {
    // Files' records gather into a batch until it is full: four files of 450 are four batches of
    // the page's size (300) and one of the worker's (fewer rewrites of the index's segments).
    expect(4 * 450).toBeLessThan(WORKER_BATCH_SIZE);
    expect(450).toBeGreaterThanOrEqual(PAGE_BATCH_SIZE);
    posted.length = 0;
    vi.resetModules();
    await import('../../../src/import-worker/worker');
    listener!({ data: { type: 'import-start', files: [0, 1, 2, 3].map((i) => new File([lines(450, 20_000 + 450 * i)], `part-${i}.ndjson`)) } });
    await vi.waitFor(() => expect(posted.at(-1)?.type).toBe('import-done'), { timeout: 20_000 });
    const done = posted.at(-1)!;
    if (done.type !== 'import-done') throw new Error('no report');
    expect(done.report).toMatchObject({ files: 4, imported: 1800, failed: 0 });
    // One store change a batch (transaction).
    expect(posted.filter((event) => event.type === 'import-store-change')).toHaveLength(1);
  });
});
