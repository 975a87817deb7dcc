/**
 * The import worker: a dedicated module worker the options page starts for each import (see
 * ./client.ts). Reading, parsing, validating and storing records run here, off the page's main
 * thread, through the same import runner and store API as before (src/ingest/import-files.ts,
 * ArticleStore). IndexedDB is the extension's own, shared with its pages. It only posts progress
 * and the report; the page tells the background (`store-changed`) when it hears the report.
 */
import { importFiles, WORKER_BATCH_SIZE } from '../ingest/import-files';
import { parseImportWorkerRequest, type ImportWorkerEvent } from '../messaging/protocol';
import { messageSized } from '../messaging/store-channel';
import { ArticleStore } from '../store';
import { isStorageFullNow } from '../store/errors';
import { startPreparationWorker } from './preparer';

/** What this module uses of a dedicated worker's global scope (the DOM typings are the project's). */
interface WorkerScope {
  postMessage(message: ImportWorkerEvent): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

/** The page renders each progress message: a few a second are enough for a smooth bar. */
const PROGRESS_EVERY_MS = 100;

const scope = globalThis as unknown as WorkerScope;
let started = false;

scope.addEventListener('message', (message) => {
  const request = parseImportWorkerRequest(message.data);
  // One import per worker: the page starts a new one for the next.
  if (request === null || started) return;
  started = true;
  void runImport(request.files);
});

async function runImport(files: File[]): Promise<void> {
  const store = new ArticleStore();
  store.events.subscribe((change) => scope.postMessage({ type: 'import-store-change', change: messageSized(change) }));
  // At once: the page knows the worker runs (before this, a failure means it could not start).
  scope.postMessage({ type: 'import-progress', progress: { filesDone: 0, filesTotal: files.length, recordsStored: 0, bytesDone: 0, bytesTotal: files.reduce((sum, file) => sum + file.size, 0) } });
  let lastPost = performance.now();
  try {
    const report = await importFiles(store, files, {
      batchSize: WORKER_BATCH_SIZE,
      // Records are prepared in a worker of their own beside this one's writes.
      startPreparer: startPreparationWorker,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - lastPost < PROGRESS_EVERY_MS) return;
        lastPost = now;
        scope.postMessage({ type: 'import-progress', progress });
      },
    });
    scope.postMessage({ type: 'import-done', report });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ type: 'import-failed', message, ...((await isStorageFullNow(error)) ? { storageFull: true as const } : {}) });
  } finally {
    store.close();
  }
}
