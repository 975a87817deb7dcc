/**
 * Imports many record files into the store: reads and parses each, stores records in batches,
 * reports progress, and keeps going past bad files. Runs in the options page; it yields to the
 * page between batches so the page stays responsive.
 */
import type { ArticleStore } from '../store';
import { MAX_FILE_BYTES, parseRecordFile, type FileProblem } from './parse-file';
import type { NewsRecord } from './record';

/** A file to import: a browser File satisfies this, and so does a Node test double. */
export interface ImportSource {
  name: string;
  size: number;
  text(): Promise<string>;
}

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  recordsStored: number;
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
}

export interface ImportOptions {
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Checked between files; stops the import when it returns true (what is stored stays). */
  isCancelled?: () => boolean;
}

const ACCEPTED = /\.(md|markdown|txt|json|ndjson|jsonl)$/i;

export async function importFiles(store: ArticleStore, sources: readonly ImportSource[], options: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 300;
  const report: ImportReport = { files: sources.length, imported: 0, updated: 0, duplicates: 0, failed: 0, relatedAdded: 0, errors: [], warnings: [], durationMs: 0 };
  let pending: { record: NewsRecord; file: string }[] = [];
  let filesDone = 0;
  let lastYield = Date.now();
  const countBefore = await store.countArticles();

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    try {
      const result = await store.upsertRecords(batch.map((item) => item.record), 'record');
      for (const outcome of result.outcomes) {
        if (outcome === 'created') report.imported++;
        else if (outcome === 'updated') report.updated++;
        else report.duplicates++;
      }
    } catch (error) {
      // The whole batch was rolled back (one transaction): report each of its files.
      const reason = `could not be stored: ${error instanceof Error ? error.message : String(error)}`;
      for (const file of new Set(batch.map((item) => item.file))) report.errors.push({ file, message: reason });
      report.failed += batch.length;
    }
    options.onProgress?.({ filesDone, filesTotal: sources.length, recordsStored: report.imported + report.updated + report.duplicates });
  };

  for (const source of sources) {
    if (options.isCancelled?.() === true) break;
    filesDone++;
    if (!ACCEPTED.test(source.name)) {
      report.errors.push({ file: source.name, message: 'not a record file: expected .md, .txt, .json, .ndjson or .jsonl' });
      report.failed++;
      continue;
    }
    if (source.size > MAX_FILE_BYTES) {
      report.errors.push({ file: source.name, message: `too large (${Math.round(source.size / 1048576)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` });
      report.failed++;
      continue;
    }
    let text: string;
    try {
      text = await source.text();
    } catch (error) {
      report.errors.push({ file: source.name, message: `could not be read: ${error instanceof Error ? error.message : String(error)}` });
      report.failed++;
      continue;
    }
    const parsed = parseRecordFile(source.name, text);
    report.errors.push(...parsed.errors);
    report.warnings.push(...parsed.warnings);
    report.failed += parsed.errors.length;
    for (const record of parsed.records) pending.push({ record, file: source.name });
    if (pending.length >= batchSize) await flush();
    // Parsing is synchronous: give the page a frame every ~30 ms so it never freezes.
    if (Date.now() - lastYield > 30) {
      options.onProgress?.({ filesDone, filesTotal: sources.length, recordsStored: report.imported + report.updated + report.duplicates });
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
  }
  await flush();
  // Growth of the store beyond the records themselves: entries of related lists that are not
  // (yet) records of their own. Counted at the end, since a later file may be one of them.
  report.relatedAdded = Math.max(0, (await store.countArticles()) - countBefore - report.imported);
  report.durationMs = Date.now() - started;
  return report;
}
