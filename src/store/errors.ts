/**
 * Storage refusing writes, recognised whatever form it takes: IndexedDB's QuotaExceededError (the
 * origin's quota, or the disk, is full), Chromium's UnknownError when the disk fills during a
 * commit, and Dexie's wrappers of either (an aborted transaction carries the cause as `inner`, a
 * bulk write its requests' errors as `failures`). When the transaction itself aborts while its
 * requests are in flight, they fail with a bare AbortError and the reason is only on the
 * transaction: TransactionAbortedError carries it (see explainAbort).
 */

export const STORAGE_FULL_MESSAGE =
  "The browser's storage for this extension is full (or the disk is), so the last batch was not stored (everything stored before it is kept). " +
  'To make room: keep fewer articles ("How much to keep"), delete articles you do not need, or export your store and then delete all; ' +
  'or free space on the disk. Then try again.';

export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(override readonly cause: unknown) {
    super(STORAGE_FULL_MESSAGE);
  }
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
  /** Dexie's BulkError and ModifyError: the errors of the requests that failed. */
  failures?: unknown;
}

/** The errors a Dexie bulk error lists (an array, or by position). */
function failuresOf(e: ErrorLike): unknown[] {
  const failures = e.failures;
  if (Array.isArray(failures)) return failures as unknown[];
  return failures !== null && typeof failures === 'object' ? Object.values(failures) : [];
}

const DISK_FULL_TEXT = /quota|disk (is )?full|no[ _]space|not enough (disk )?space|storage.*full|ENOSPC/i;

/** Whether `error` (or what it wraps) says storage is full. */
export function isStorageFull(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  if (error instanceof StorageFullError) return true;
  const e = error as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (name === 'QuotaExceededError') return true;
  if ((name === 'UnknownError' || name === 'AbortError' || name === 'DatabaseClosedError') && DISK_FULL_TEXT.test(message)) return true;
  return isStorageFull(e.inner, depth + 1) || isStorageFull(e.cause, depth + 1) || failuresOf(e).some((failure) => isStorageFull(failure, depth + 1));
}

/**
 * A write that failed because its transaction aborted, with the transaction's own reason (its
 * `error`, e.g. QuotaExceededError) as `cause`; `requestError` is what the write's requests
 * failed with (AbortError).
 */
export class TransactionAbortedError extends Error {
  override readonly name = 'TransactionAbortedError';
  constructor(
    override readonly cause: unknown,
    readonly requestError: unknown,
  ) {
    const reason = cause as ErrorLike;
    super(`The transaction was aborted: ${typeof reason.name === 'string' ? reason.name : 'Error'}: ${typeof reason.message === 'string' ? reason.message : ''}`);
  }
}

/** Whether `error` says only that a request (or every request of a bulk write) was cut off by
 * its transaction's abort, and nothing of why. */
function isAbortOnly(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  const e = error as ErrorLike;
  if (e.name === 'AbortError') {
    // Dexie's AbortError wraps the native one as `inner`; one wrapping a reason is not bare.
    const wrapped = e.inner ?? e.cause;
    return wrapped === undefined || wrapped === null || isAbortOnly(wrapped, depth + 1);
  }
  if (e.name === 'BulkError' || e.name === 'ModifyError') {
    const failures = failuresOf(e);
    return failures.length > 0 && failures.every((failure) => isAbortOnly(failure, depth + 1));
  }
  return false;
}

/**
 * The error a write that failed inside a transaction should report. IndexedDB aborts a
 * transaction for reasons of its own (the quota or the disk full at a write or at commit, an
 * I/O error) by failing every request still in flight with a bare AbortError and putting the
 * reason on the transaction (`transactionError`, its `error`): a write that sees only the
 * AbortError gets the reason as a TransactionAbortedError. Any other failure, and an abort with
 * no reason (the write's own `abort()`), is returned as it was.
 */
export function explainAbort(error: unknown, transactionError: unknown): unknown {
  if (transactionError === null || transactionError === undefined || !isAbortOnly(error)) return error;
  return new TransactionAbortedError(transactionError, error);
}

/** `error` as a StorageFullError when storage is full; else as it was. */
export function asStorageError(error: unknown): unknown {
  return isStorageFull(error) && !(error instanceof StorageFullError) ? new StorageFullError(error) : error;
}

function hasName(error: unknown, name: string, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  const e = error as ErrorLike;
  return e.name === name || hasName(e.inner, name, depth + 1) || hasName(e.cause, name, depth + 1) || failuresOf(e).some((failure) => hasName(failure, name, depth + 1));
}

const BACKING_STORE_TEXT = /backing store|I\/O error|IO error/i;

function allMessages(error: unknown, depth = 0): string {
  if (error === null || typeof error !== 'object' || depth > 5) return '';
  const e = error as ErrorLike;
  return [typeof e.message === 'string' ? e.message : '', allMessages(e.inner, depth + 1), allMessages(e.cause, depth + 1), ...failuresOf(e).map((failure) => allMessages(failure, depth + 1))].join(' ');
}

/** Below this much room left in the origin's quota, an unexplained storage error is a full disk. */
export const LOW_SPACE_BYTES = 64 * 1024 * 1024;

/**
 * Like isStorageFull, and also Chromium's "UnknownError: Internal error opening backing store"
 * (what a full disk gives when the store is opened or a write commits) when the browser reports
 * little room left. `estimate` is navigator.storage.estimate where there is one.
 */
export async function isStorageFullNow(error: unknown, estimate: (() => Promise<StorageEstimate>) | undefined = globalThis.navigator?.storage?.estimate?.bind(globalThis.navigator.storage)): Promise<boolean> {
  if (isStorageFull(error)) return true;
  if (!hasName(error, 'UnknownError')) return false;
  // What Chromium says when LevelDB cannot write (seen with the disk full, in tests/e2e/storage-full).
  if (BACKING_STORE_TEXT.test(allMessages(error))) return true;
  if (estimate === undefined) return false;
  try {
    const { quota, usage } = await estimate();
    return quota !== undefined && usage !== undefined && quota - usage < LOW_SPACE_BYTES;
  } catch {
    return false;
  }
}
