/**
 * Writes batches of records to the store one after another, in order, each in its own
 * transaction, and prepares the next batch (URL keys, index terms, description hashes: the pure
 * part of a write, see prepareRecord) while the previous batch's transaction runs: the JavaScript
 * of batch N+1 fills the time batch N spends waiting on IndexedDB. Every bulk import goes through
 * it (./import-files.ts, in the import worker), and so does the engine benchmark's ingest, so the
 * benchmark measures the import's own path.
 */
import type { NewsRecord } from '../record/record';
import { prepareRecord, type ArticleOrigin, type ArticleStore, type PreparedBatch, type PreparedRecord, type UpsertResult } from '../store';

/** What became of one batch: stored (the store's result), or not stored at all (its transaction
 * rolled back whole). */
export type BatchOutcome = { ok: true; result: UpsertResult } | { ok: false; error: unknown };

export interface BatchWriterOptions<T> {
  origin: ArticleOrigin;
  /** Told each batch's outcome with the tag it was written with, in order. The next batch's write
   * starts only once this has returned (and its promise settled). */
  settled: (outcome: BatchOutcome, tag: T) => void | Promise<void>;
  /** Checked before each write starts: true drops that batch (and, if it stays true, the rest). */
  isStopped?: () => boolean;
}

/** Preparing yields this often, so the write in flight gets its answers from IndexedDB promptly
 * (each of its requests waits for the thread between slices). */
const SLICE_MS = 4;

export class BatchWriter<T> {
  private previous: Promise<void> = Promise.resolve();
  /** A batch's write (or the telling of its outcome) has not finished. */
  private writing = false;

  constructor(
    private readonly store: ArticleStore,
    private readonly options: BatchWriterOptions<T>,
  ) {}

  /**
   * Prepares the records, waits for the previous batch's write and its outcome, then starts this
   * batch's write and returns without waiting for it (`finish` does). Rejects when telling a
   * previous outcome failed.
   */
  async write(records: readonly NewsRecord[], tag: T): Promise<void> {
    const now = Date.now();
    const prepared: PreparedRecord[] = [];
    // A record that cannot be prepared fails its batch, as it failed the batch's write before.
    let failure: { error: unknown } | undefined;
    let sliceStart = performance.now();
    try {
      for (const record of records) {
        prepared.push(prepareRecord(record, this.options.origin, now));
        // With nothing in flight there is nothing to serve: prepared at once, as a plain upsert would.
        if (this.writing && performance.now() - sliceStart > SLICE_MS) {
          await yieldToEventLoop();
          sliceStart = performance.now();
        }
      }
    } catch (error) {
      failure = { error };
    }
    await this.previous;
    if (this.options.isStopped?.() === true) return;
    this.writing = true;
    const written = this.run(failure ?? { origin: this.options.origin, now, records: prepared }, tag).finally(() => {
      this.writing = false;
    });
    // Seen by the next `write` or by `finish`; not an unhandled rejection meanwhile.
    written.catch(() => undefined);
    this.previous = written;
  }

  /** Waits for the last write and its outcome. */
  finish(): Promise<void> {
    return this.previous;
  }

  private async run(batch: PreparedBatch | { error: unknown }, tag: T): Promise<void> {
    let outcome: BatchOutcome;
    try {
      if ('error' in batch) throw batch.error;
      outcome = { ok: true, result: await this.store.upsertPrepared(batch) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    await this.options.settled(outcome, tag);
  }
}

interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'background' }): Promise<void>;
}

/** A new task (not a microtask): IndexedDB's answers are tasks too. `scheduler.postTask` where
 * there is one (Chromium's pages and workers; `setTimeout` is clamped to 4 ms when nested), at
 * background priority so that the write's answers, and the page's input, go first. */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler !== undefined) return scheduler.postTask(() => undefined, { priority: 'background' });
  return new Promise((resolve) => setTimeout(resolve, 0));
}
