/**
 * Requests issued straight on a native IndexedDB transaction, all in flight at once, under one
 * promise settled by the last: through Dexie each would be a query and a promise of its own, and
 * that bookkeeping was a good part of an import's and a warm lookup's JavaScript.
 */
import Dexie from 'dexie';

/** The results of `count` requests made by `request(i)`, in that order; rejects with the first
 * failure, or "<what> failed". A Dexie.Promise: it keeps Dexie's transaction zone across the
 * await, so the caller's later requests join the same transaction. */
export function allRequests<T>(count: number, request: (i: number) => IDBRequest, what: string): Promise<T[]> {
  return new Dexie.Promise<T[]>((resolve, reject) => {
    const out = new Array<T>(count);
    let left = count;
    if (left === 0) resolve(out);
    for (let i = 0; i < count; i++) {
      const pending = request(i);
      pending.onsuccess = () => {
        out[i] = pending.result as T;
        if (--left === 0) resolve(out);
      };
      pending.onerror = () => reject(pending.error ?? new Error(`${what} failed`));
    }
  });
}
