/**
 * Writes batches of records to the store one after another, in order, each in its own
 * transaction, and prepares the next batch (URL keys, index terms, description hashes: the pure
 * part of a write, see prepareRecord) while the previous batch's transaction runs: the JavaScript
 * of batch N+1 fills the time batch N spends waiting on IndexedDB. Every bulk import goes through
 * it (./import-files.ts, in the import worker), and so does the engine benchmark's ingest, so the
 * benchmark measures the import's own path. Given a way to start one (`startPreparer`), the
 * preparing moves to a worker of its own from the second batch on, so it runs on another core
 * beside the writer's thread rather than between its transactions' requests.
 */
import type { NewsRecord } from '../record/record';
import { assembleRecord, prepareRecord, WrittenUrlKeys, type ArticleOrigin, type ArticleStore, type PreparedBatch, type PreparedRecord, type RecordFacts, type UpsertResult } from '../store';

/**
 * Prepares batches elsewhere (a preparation worker: src/import-worker/preparer.ts): the costly
 * part of prepareRecord (recordFacts), which the writer assembles with its records into the same
 * prepared records. `ready` once it can take work; `prepare` rejects with PreparerLost when it
 * cannot answer (it stopped), and the writer then prepares itself.
 */
export interface RecordPreparer {
  readonly ready: boolean;
  /** One entry per record, in order; rejects with the record's own error when preparing threw. */
  prepare(records: readonly NewsRecord[], origin: ArticleOrigin, now: number): Promise<RecordFacts[]>;
  close(): void;
}

/** The preparer could not answer (not the records' fault): prepare here instead. */
export class PreparerLost extends Error {
  constructor(message = 'the preparation worker stopped') {
    super(message);
    this.name = 'PreparerLost';
  }
}

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
  /** Starts a preparer (null where none can run). Called at the second batch: an import of one
   * batch never pays for starting it, and batches are prepared here until it is ready. */
  startPreparer?: () => RecordPreparer | null;
}

/** Preparing yields this often, so the write in flight gets its answers from IndexedDB promptly
 * (each of its requests waits for the thread between slices). */
const SLICE_MS = 4;

export class BatchWriter<T> {
  private previous: Promise<void> = Promise.resolve();
  /** A batch's write (or the telling of its outcome) has not finished. */
  private writing = false;
  private batches = 0;
  private preparer: RecordPreparer | null = null;
  /** The URL keys this writer stored: a fresh import reads only those (see WrittenUrlKeys). */
  private readonly writtenKeys = new WrittenUrlKeys();
  /** Batches the preparer prepared (the rest were prepared on this thread). */
  preparedElsewhere = 0;

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
    if (++this.batches === 2) this.preparer = this.options.startPreparer?.() ?? null;
    let batch: PreparedBatch | { error: unknown } | undefined;
    if (this.preparer?.ready === true) batch = await this.prepareElsewhere(this.preparer, records, now);
    batch ??= await this.prepareHere(records, now);
    await this.previous;
    if (this.options.isStopped?.() === true) return;
    this.writing = true;
    const written = this.run(batch, tag).finally(() => {
      this.writing = false;
    });
    // Seen by the next `write` or by `finish`; not an unhandled rejection meanwhile.
    written.catch(() => undefined);
    this.previous = written;
  }

  /** Waits for the last write and its outcome; the preparer (if any) is stopped. */
  async finish(): Promise<void> {
    try {
      await this.previous;
    } finally {
      this.preparer?.close();
      this.preparer = null;
    }
  }

  /** The batch prepared by the preparer; undefined when it could not answer (prepared here then). */
  private async prepareElsewhere(preparer: RecordPreparer, records: readonly NewsRecord[], now: number): Promise<PreparedBatch | { error: unknown } | undefined> {
    try {
      const facts = await preparer.prepare(records, this.options.origin, now);
      this.preparedElsewhere++;
      return { origin: this.options.origin, now, records: facts.map((recordFacts, i) => assembleRecord(records[i]!, this.options.origin, now, recordFacts)) };
    } catch (error) {
      if (!(error instanceof PreparerLost)) return { error };
      preparer.close();
      if (this.preparer === preparer) this.preparer = null;
      return undefined;
    }
  }

  /** The batch prepared on this thread, yielding while a write is in flight. */
  private async prepareHere(records: readonly NewsRecord[], now: number): Promise<PreparedBatch | { error: unknown }> {
    const prepared: PreparedRecord[] = [];
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
      // A record that cannot be prepared fails its batch, as it failed the batch's write before.
      return { error };
    }
    return { origin: this.options.origin, now, records: prepared };
  }

  private async run(batch: PreparedBatch | { error: unknown }, tag: T): Promise<void> {
    let outcome: BatchOutcome;
    try {
      if ('error' in batch) throw batch.error;
      outcome = { ok: true, result: await this.store.upsertPrepared(batch, { writtenKeys: this.writtenKeys }) };
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
