import { afterEach, describe, expect, it, vi } from 'vitest';
import { importInWorker } from '../../../src/import-worker/client';
import { isStorageFull, StorageFullError } from '../../../src/store/errors';
import type { ImportProgress, ImportReport } from '../../../src/ingest/import-files';

const report: ImportReport = { files: 1, imported: 2, updated: 0, duplicates: 0, failed: 0, relatedAdded: 0, errors: [], warnings: [], durationMs: 5 };
const onPageReport: ImportReport = { ...report, imported: 99 };
const progress: ImportProgress = { filesDone: 0, filesTotal: 1, recordsStored: 0, bytesDone: 0, bytesTotal: 10 };

/** A stand-in Worker whose script is `behave`: it gets the posted message and the worker. */
function fakeWorker(behave: (worker: FakeWorker, message: unknown) => void): { instances: FakeWorker[] } {
  const instances: FakeWorker[] = [];
  class FakeWorker extends EventTarget {
    terminated = false;
    constructor(readonly url: URL, readonly options: WorkerOptions) {
      super();
      instances.push(this);
    }
    postMessage(message: unknown): void {
      queueMicrotask(() => behave(this, message));
    }
    terminate(): void {
      this.terminated = true;
    }
    send(data: unknown): void {
      this.dispatchEvent(new MessageEvent('message', { data }));
    }
    fail(message: string): void {
      const event = new Event('error') as Event & { message: string };
      event.message = message;
      this.dispatchEvent(event);
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return { instances };
}
type FakeWorker = EventTarget & { terminated: boolean; url: URL; options: WorkerOptions; send(data: unknown): void; fail(message: string): void };

const files = [new File(['{}'], 'a.ndjson')];
afterEach(() => vi.unstubAllGlobals());

describe('importInWorker', () => {
  it('sends the files to a module worker, relays valid progress, resolves with the report and ends the worker', async () => {
    let received: unknown;
    const { instances } = fakeWorker((worker, message) => {
      received = message;
      worker.send({ type: 'import-progress', progress });
      worker.send({ type: 'import-progress', progress: { ...progress, bytesDone: 'lots' } });
      worker.send({ type: 'import-progress', progress: { ...progress, bytesDone: 10 } });
      worker.send({ type: 'import-done', report });
    });
    const seen: ImportProgress[] = [];
    const onPage = vi.fn(async () => onPageReport);
    await expect(importInWorker(files, (p) => seen.push(p), onPage)).resolves.toEqual(report);
    expect(received).toEqual({ type: 'import-start', files });
    expect(seen).toEqual([progress, { ...progress, bytesDone: 10 }]);
    expect(onPage).not.toHaveBeenCalled();
    expect(instances[0]!.options.type).toBe('module');
    expect(instances[0]!.terminated).toBe(true);
  });

  it('rejects with the worker’s reason when the import fails there', async () => {
    fakeWorker((worker) => {
      worker.send({ type: 'import-progress', progress });
      worker.send({ type: 'import-failed', message: 'QuotaExceededError' });
    });
    await expect(importInWorker(files, () => undefined, async () => onPageReport)).rejects.toThrow('QuotaExceededError');
  });

  it('rejects with a StorageFullError when the worker saw storage refuse its writes', async () => {
    fakeWorker((worker) => {
      worker.send({ type: 'import-progress', progress });
      worker.send({ type: 'import-failed', message: 'UnknownError: Internal error opening backing store for indexedDB.open.', storageFull: true });
    });
    const failure = await importInWorker(files, () => undefined, async () => onPageReport).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageFullError);
    expect(isStorageFull(failure)).toBe(true);
  });

  it('imports on the page when the worker fails before saying anything', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { instances } = fakeWorker((worker) => worker.fail('blocked by CSP'));
    await expect(importInWorker(files, () => undefined, async () => onPageReport)).resolves.toEqual(onPageReport);
    expect(instances[0]!.terminated).toBe(true);
    expect(warn).toHaveBeenCalled();
  });

  it('imports on the page where no Worker can be made', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          throw new Error('no workers here');
        }
      },
    );
    await expect(importInWorker(files, () => undefined, async () => onPageReport)).resolves.toEqual(onPageReport);
  });

  it('does not import twice when the worker fails after it started: it reports the failure', async () => {
    const onPage = vi.fn(async () => onPageReport);
    fakeWorker((worker) => {
      worker.send({ type: 'import-progress', progress });
      worker.fail('out of memory');
    });
    await expect(importInWorker(files, () => undefined, onPage)).rejects.toThrow('out of memory');
    expect(onPage).not.toHaveBeenCalled();
  });
});
