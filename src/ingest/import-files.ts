/**
 * Imports many record files into the store: reads and parses each, stores records in batches,
 * reports progress, and keeps going past bad files. Runs in the options page's import worker
 * (src/import-worker); where no worker can start, on the page itself, which is why it yields
 * between batches and every ~30 ms of parsing.
 */
import type { ArticleStore } from '../store';
import { restoreFeedMemberships } from '../store/maintenance';
import { isStorageFullNow, STORAGE_FULL_MESSAGE } from '../store/errors';
import { MAX_FILE_BYTES, parseRecordFile, parseRecordJson, type FileProblem, type ParsedFile } from './parse-file';
import { isStreamable, pieceProblem, recordPieces } from './stream-records';
import type { NewsRecord } from '../record/record';
import { BatchWriter, type BatchOutcome, type BatchWriterOptions } from './batch-writer';
import { errorMessage } from '../shared/errors';

/** A file to import: a browser File satisfies this, and so does a Node test double. */
export interface ImportSource {
  name: string;
  size: number;
  text(): Promise<string>;
  /** The bytes a piece at a time: large NDJSON and JSON-array files are read this way. */
  stream?(): ReadableStream<Uint8Array>;
}

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  recordsStored: number;
  /** Bytes of the files read so far, of all of them (a single large file moves this too). */
  bytesDone: number;
  bytesTotal: number;
}

export interface ImportReport {
  files: number;
  /** Records newly stored. */
  imported: number;
  /** Records that changed an article already stored. */
  updated: number;
  /** Records identical to what was already stored (or repeated in the import). */
  duplicates: number;
  /** Files or records that could not be imported; each is in `errors`. */
  failed: number;
  /** Articles new to the store that came only from the records' `related` lists. */
  relatedAdded: number;
  errors: FileProblem[];
  warnings: FileProblem[];
  durationMs: number;
  /** Set when storage filled up: the import stopped there (the batch in progress was rolled back
   * whole; everything stored before it is kept). What to tell the user, once. */
  storageFull?: string;
}

export interface ImportOptions {
  /** Records a batch (one transaction each); default PAGE_BATCH_SIZE. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Checked between files and batches; stops the import when it returns true (what is stored stays). */
  isCancelled?: () => boolean;
  /** Files larger than this are streamed when they can be (NDJSON, JSON arrays). */
  streamAboveBytes?: number;
  /** Where records can be prepared beside the writing thread (the import worker's preparation
   * worker, see BatchWriterOptions.startPreparer); without it they are prepared on this thread. */
  startPreparer?: BatchWriterOptions<unknown>['startPreparer'];
}

/**
 * Records a batch on the page (the import's fallback when no worker starts): small, since a
 * batch's write runs on the page's thread between its yields.
 */
export const PAGE_BATCH_SIZE = 300;
/**
 * Records a batch in the import worker (a streamed file is cut at it; a file read whole joins the
 * batch gathering until it is reached). Larger than the page's because an article a later batch stores
 * again (a related entry followed by its own record, a page updated under its URL) gets a new
 * docno, and its week's segments are then merged whole: the bench corpus's 100,000 records in
 * batches of 300 put 8.8× the segments' final bytes, in 333 blob files (Chromium keeps values over
 * 64 KB outside LevelDB); in batches of 2,000, 2.3× in 96, and the ingest took less time in every
 * alternated pair measured (bench/RESULTS.md, session 28). A batch is still one transaction: a
 * stop or a full disk loses at most one.
 */
export const WORKER_BATCH_SIZE = 2_000;

/** Larger files of a streamable kind are read a piece at a time (see stream-records.ts). */
export const STREAM_ABOVE_BYTES = 8 * 1024 * 1024;
/** A streamed file is bounded by the disk rather than memory; this is only a sanity limit. */
export const MAX_STREAMED_BYTES = 4 * 1024 * 1024 * 1024;

const ACCEPTED = /\.(md|markdown|txt|json|ndjson|jsonl)$/i;

export async function importFiles(store: ArticleStore, sources: readonly ImportSource[], options: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? PAGE_BATCH_SIZE;
  const streamAbove = options.streamAboveBytes ?? STREAM_ABOVE_BYTES;
  const report: ImportReport = { files: sources.length, imported: 0, updated: 0, duplicates: 0, failed: 0, relatedAdded: 0, errors: [], warnings: [], durationMs: 0 };
  let pending: { record: NewsRecord; file: string }[] = [];
  let filesDone = 0;
  const bytesTotal = sources.reduce((sum, source) => sum + source.size, 0);
  let bytesOfDoneFiles = 0;
  let bytesOfCurrentFile = 0;
  let lastYield = Date.now();
  const countBefore = await store.countArticles();
  // An article created during this import (also from a related entry that carried its full
  // state, as in an export) counts as imported the first time a record of it comes.
  const createdDuringImport = new Set<string>();
  const seenAsRecord = new Set<string>();

  const progress = (): ImportProgress => ({
    filesDone,
    filesTotal: sources.length,
    recordsStored: report.imported + report.updated + report.duplicates,
    bytesDone: bytesOfDoneFiles + bytesOfCurrentFile,
    bytesTotal,
  });

  /** Storage filled up: nothing more is read or stored. */
  let stopped = false;
  const isStopped = (): boolean => stopped || options.isCancelled?.() === true;
  type Batch = { record: NewsRecord; file: string }[];
  /** What a batch's write came to, counted into the report (in order: see BatchWriter). */
  const settled = async (outcome: BatchOutcome, batch: Batch): Promise<void> => {
    if (outcome.ok) {
      const result = outcome.result;
      for (const id of result.createdIds) createdDuringImport.add(id);
      result.outcomes.forEach((outcome, i) => {
        const id = result.ids[i]!;
        const firstRecord = !seenAsRecord.has(id);
        seenAsRecord.add(id);
        if (outcome === 'created' || (firstRecord && createdDuringImport.has(id))) report.imported++;
        else if (outcome === 'updated') report.updated++;
        else report.duplicates++;
      });
      const memberships = batch.flatMap((item, i) => (item.record.storeState?.feeds ?? []).map((feed) => ({ articleId: result.ids[i]!, ...feed })));
      if (memberships.length > 0) {
        // The articles are stored either way; only which feed carried them could be lost.
        await restoreFeedMemberships(store, memberships).catch((error: unknown) => {
          for (const file of new Set(batch.map((item) => item.file))) {
            report.warnings.push({ file, message: `feed memberships not restored: ${errorMessage(error)}` });
          }
        });
      }
    } else if (await isStorageFullNow(outcome.error)) {
      // Nothing more can be stored: stop, and say so once (not once per file and batch).
      report.storageFull = STORAGE_FULL_MESSAGE;
      report.failed += batch.length;
      stopped = true;
    } else {
      // The whole batch was rolled back (one transaction): report each of its files.
      const reason = `could not be stored: ${errorMessage(outcome.error)}`;
      for (const file of new Set(batch.map((item) => item.file))) report.errors.push({ file, message: reason });
      report.failed += batch.length;
    }
    options.onProgress?.(progress());
  };
  // Reading and parsing go on while a batch is written; a batch not yet written when the import
  // stops (storage full, cancelled) is dropped.
  const writer = new BatchWriter<Batch>(store, { origin: 'record', settled, isStopped, ...(options.startPreparer === undefined ? {} : { startPreparer: options.startPreparer }) });
  const flush = async (): Promise<void> => {
    if (pending.length === 0 || stopped) return;
    const batch = pending;
    pending = [];
    await writer.write(batch.map((item) => item.record), batch);
  };

  /** Parsing is synchronous: give the page a frame every ~30 ms so it never freezes. */
  const breathe = async (): Promise<void> => {
    if (Date.now() - lastYield <= 30) return;
    options.onProgress?.(progress());
    await new Promise((resolve) => setTimeout(resolve, 0));
    lastYield = Date.now();
  };

  const fail = (file: string, message: string): void => {
    report.errors.push({ file, message });
    report.failed++;
  };

  for (const source of sources) {
    if (isStopped()) break;
    filesDone++;
    bytesOfCurrentFile = 0;
    const streamed = source.stream !== undefined && source.size > streamAbove && isStreamable(source.name);
    if (!ACCEPTED.test(source.name)) {
      fail(source.name, 'not a record file: expected .md, .txt, .json, .ndjson or .jsonl');
    } else if (source.size > (streamed ? MAX_STREAMED_BYTES : MAX_FILE_BYTES)) {
      const limit = streamed ? MAX_STREAMED_BYTES : MAX_FILE_BYTES;
      fail(source.name, `too large (${Math.round(source.size / 1048576)} MB; the limit is ${limit / 1048576} MB${streamed ? '' : ', or any size as NDJSON'})`);
    } else if (streamed) {
      try {
        for await (const piece of recordPieces(countingBytes(source.stream!(), (n) => (bytesOfCurrentFile += n)))) {
          if (piece.kind === 'record') {
            const parsed: ParsedFile = { records: [], errors: [], warnings: [] };
            parseRecordJson(source.name, piece.where, piece.text, parsed);
            report.errors.push(...parsed.errors);
            report.warnings.push(...parsed.warnings);
            report.failed += parsed.errors.length;
            for (const record of parsed.records) pending.push({ record, file: source.name });
          } else if (piece.kind === 'warning') {
            report.warnings.push(pieceProblem(source.name, piece));
          } else {
            report.errors.push(pieceProblem(source.name, piece));
            report.failed++;
          }
          if (pending.length >= batchSize) {
            await flush();
            if (isStopped()) break;
          }
          await breathe();
        }
      } catch (error) {
        // What was read before the error is kept (and stored with the next batch).
        fail(source.name, `could not be read to the end: ${errorMessage(error)}`);
      }
    } else {
      let text: string | undefined;
      try {
        text = await source.text();
      } catch (error) {
        fail(source.name, `could not be read: ${errorMessage(error)}`);
      }
      if (text !== undefined) {
        const parsed = parseRecordFile(source.name, text);
        report.errors.push(...parsed.errors);
        report.warnings.push(...parsed.warnings);
        report.failed += parsed.errors.length;
        for (const record of parsed.records) pending.push({ record, file: source.name });
        if (pending.length >= batchSize) await flush();
      }
    }
    bytesOfDoneFiles += source.size;
    bytesOfCurrentFile = 0;
    await breathe();
  }
  await flush();
  await writer.finish();
  // Growth of the store beyond the records themselves: entries of related lists that are not
  // (yet) records of their own. Counted at the end, since a later file may be one of them.
  let countAfter: number;
  try {
    countAfter = await store.countArticles();
  } catch (error) {
    // After a write failed for want of room the browser may close the database, and opening it
    // fails until there is room: the report (storage full, what was stored) still stands.
    if (report.storageFull === undefined) throw error;
    countAfter = countBefore + report.imported;
  }
  report.relatedAdded = Math.max(0, countAfter - countBefore - report.imported);
  report.durationMs = Date.now() - started;
  return report;
}

/** The stream's chunks, telling `count` how many bytes each had. */
async function* countingBytes(stream: ReadableStream<Uint8Array>, count: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      count(value.byteLength);
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
