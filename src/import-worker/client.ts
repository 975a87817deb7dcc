/**
 * The options page's side of an import: starts the import worker (./worker.ts), hands it the
 * files, and relays its progress and report. Where no worker can be started (or it fails before
 * it says anything), the import runs on the page instead, in chunks that yield to it
 * (`onPage`); importing is idempotent, so nothing is stored twice either way.
 */
import type { ImportProgress, ImportReport } from '../ingest/import-files';
import { parseImportWorkerEvent, type ImportWorkerStart } from '../messaging/protocol';
import { StorageFullError } from '../store/errors';
import type { StoreChange } from '../store/events';

/** `onStoreChange`: each write the worker's store committed (for the page to announce). */
export async function importInWorker(
  files: File[],
  onProgress: (progress: ImportProgress) => void,
  onPage: () => Promise<ImportReport>,
  onStoreChange: (change: StoreChange) => void = () => undefined,
): Promise<ImportReport> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'import' });
  } catch (error) {
    console.warn('The import worker could not be started; importing on the page.', error);
    return onPage();
  }
  return new Promise<ImportReport>((resolve, reject) => {
    let heard = false;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      worker.terminate();
      outcome();
    };
    worker.addEventListener('message', (message: MessageEvent<unknown>) => {
      const event = parseImportWorkerEvent(message.data);
      if (event === null) return;
      heard = true;
      if (event.type === 'import-progress') onProgress(event.progress);
      else if (event.type === 'import-store-change') onStoreChange(event.change);
      else if (event.type === 'import-done') settle(() => resolve(event.report));
      else settle(() => reject(event.storageFull ? new StorageFullError(new Error(event.message)) : new Error(event.message)));
    });
    worker.addEventListener('error', (error: ErrorEvent) => {
      error.preventDefault();
      if (heard) {
        settle(() => reject(new Error(error.message || 'the import worker stopped')));
      } else {
        console.warn('The import worker did not start; importing on the page.', error.message);
        settle(() => onPage().then(resolve, reject));
      }
    });
    worker.addEventListener('messageerror', () => settle(() => reject(new Error('the import worker sent a message that could not be read'))));
    const start: ImportWorkerStart = { type: 'import-start', files };
    worker.postMessage(start);
  });
}
