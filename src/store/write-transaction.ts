/**
 * A read-write transaction whose failure says why IndexedDB aborted it. When the browser aborts a
 * transaction itself (storage full at a write or at its commit, an I/O error), the requests in
 * flight fail with a bare AbortError — the first error the write sees, so the one Dexie rejects
 * with — and the reason is only on the native transaction's `error`. See explainAbort.
 */
import Dexie from 'dexie';
import { explainAbort } from './errors';

/** `db.transaction('rw', tables, write)`, failing with the transaction's own reason when it has
 * one (see explainAbort). `write` must be an `async` function, as for Dexie. Inside another
 * transaction it joins it, as db.transaction does. */
export function writeTransaction<T>(db: Dexie, tables: Dexie.Table[], write: () => Promise<T>): Promise<T> {
  let native: IDBTransaction | null = null;
  // Dexie's own promise, not an async function's: inside a caller's transaction, a native await
  // here would let that transaction commit before the caller goes on.
  return db
    .transaction('rw', tables, () => {
      native = Dexie.currentTransaction?.idbtrans ?? null;
      return write();
    })
    .catch((error: unknown) => {
      // Set before the requests are told of the abort, so already there when the write fails.
      throw explainAbort(error, (native as IDBTransaction | null)?.error ?? null);
    });
}
