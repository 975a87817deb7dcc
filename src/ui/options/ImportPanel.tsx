import { useRef, useState } from 'preact/hooks';
import type { ImportProgress, ImportReport } from '../../ingest/import-files';
import { formatCount, plural } from '../../shared/format';
import { errorMessage } from '../../shared/errors';
import { isStorageFullNow, STORAGE_FULL_MESSAGE } from '../../store/errors';

interface Props {
  runImport: (files: File[], onProgress: (progress: ImportProgress) => void) => Promise<ImportReport>;
}

type State = { phase: 'idle' } | { phase: 'running'; progress: ImportProgress } | { phase: 'done'; report: ImportReport } | { phase: 'error'; message: string; storageFull: boolean };

/** Pick or drop record files (or a folder of them); shows progress, then what happened to each. */
export function ImportPanel({ runImport }: Props) {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const start = (files: File[]): void => {
    if (files.length === 0 || state.phase === 'running') return;
    const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
    setState({ phase: 'running', progress: { filesDone: 0, filesTotal: files.length, recordsStored: 0, bytesDone: 0, bytesTotal } });
    runImport(files, (progress) => setState({ phase: 'running', progress }))
      .then((report) => setState({ phase: 'done', report }))
      .catch(async (error: unknown) =>
        setState((await isStorageFullNow(error)) ? { phase: 'error', message: STORAGE_FULL_MESSAGE, storageFull: true } : { phase: 'error', message: errorMessage(error), storageFull: false }),
      );
  };

  const onDrop = async (event: DragEvent): Promise<void> => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer !== null) start(await droppedFiles(event.dataTransfer));
  };

  return (
    <section class="card" aria-labelledby="import-heading">
      <h2 id="import-heading">Import news records</h2>
      <p class="muted">
        Record files with YAML front matter (<code>.md</code>, <code>.txt</code>), JSON arrays of records, or NDJSON. Importing the same files again changes
        nothing; a bad file is reported and the rest are still imported.
      </p>
      <div
        class={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => void onDrop(event)}
      >
        <p>Drop files or a folder here, or</p>
        <div class="row">
          <label class="button primary">
            Choose files…
            <input
              ref={fileInput}
              class="visually-hidden"
              type="file"
              multiple
              accept=".md,.markdown,.txt,.json,.ndjson,.jsonl"
              data-testid="import-input"
              disabled={state.phase === 'running'}
              onChange={() => {
                start([...(fileInput.current?.files ?? [])]);
                if (fileInput.current) fileInput.current.value = '';
              }}
            />
          </label>
          <label class="button">
            Choose a folder…
            <input
              ref={folderInput}
              class="visually-hidden"
              type="file"
              // @ts-expect-error: non-standard but universally supported folder picking
              webkitdirectory=""
              disabled={state.phase === 'running'}
              onChange={() => {
                start([...(folderInput.current?.files ?? [])].filter((file) => RECORD_FILE.test(file.name)));
                if (folderInput.current) folderInput.current.value = '';
              }}
            />
          </label>
        </div>
      </div>
      <ImportStatus state={state} />
    </section>
  );
}

function ImportStatus({ state }: { state: State }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'error') {
    return (
      <p class="error" role="alert" {...(state.storageFull ? { 'data-testid': 'storage-full' } : {})}>
        Import stopped: {state.message}
      </p>
    );
  }
  if (state.phase === 'running') {
    const { filesDone, filesTotal, recordsStored, bytesDone, bytesTotal } = state.progress;
    return (
      <div class="import-progress" role="status">
        {/* By bytes: one large file (an export) moves the bar as well as many small ones. */}
        <progress max={bytesTotal > 0 ? bytesTotal : filesTotal} value={bytesTotal > 0 ? bytesDone : filesDone} aria-label="Import progress" />
        <p class="muted">
          {formatCount(filesDone)} of {plural(filesTotal, 'file', 'files')} read · {plural(recordsStored, 'record', 'records')} stored
        </p>
      </div>
    );
  }
  const { report } = state;
  return (
    <div class="import-report" data-testid="import-report" role="status">
      {report.storageFull !== undefined && (
        <p class="error" role="alert" data-testid="storage-full">
          Import stopped: {report.storageFull}
        </p>
      )}
      <p class="summary">
        <strong>{formatCount(report.imported)} imported</strong>, {formatCount(report.updated)} updated, {formatCount(report.duplicates)} skipped as duplicates,{' '}
        <span class={report.failed > 0 ? 'error' : ''}>{formatCount(report.failed)} failed</span> — from {plural(report.files, 'file', 'files')} in{' '}
        {(report.durationMs / 1000).toFixed(1)} s.
        {report.relatedAdded > 0 && <> {plural(report.relatedAdded, 'article was', 'articles were')} added from their related lists.</>}
      </p>
      {report.errors.length > 0 && (
        <details open={report.errors.length <= 20}>
          <summary>{plural(report.errors.length, 'failure', 'failures')}</summary>
          <ul class="problems">
            {report.errors.slice(0, 500).map((problem, i) => (
              <li key={i}>
                <code>{problem.file}</code>
                {problem.where !== undefined && <span class="muted"> ({problem.where})</span>}: {problem.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.warnings.length > 0 && (
        <details>
          <summary>{plural(report.warnings.length, 'warning', 'warnings')} (imported anyway)</summary>
          <ul class="problems">
            {report.warnings.slice(0, 500).map((problem, i) => (
              <li key={i}>
                <code>{problem.file}</code>
                {problem.where !== undefined && <span class="muted"> ({problem.where})</span>}: {problem.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

const RECORD_FILE = /\.(md|markdown|txt|json|ndjson|jsonl)$/i;

/** Files of a drop, including record files inside dropped folders. A file dropped by itself is
 * always kept, so that a wrong one is reported rather than silently ignored. */
async function droppedFiles(transfer: DataTransfer): Promise<File[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry()).filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return [...transfer.files];
  const files: File[] = [];
  const walk = async (entry: FileSystemEntry, inFolder: boolean): Promise<void> => {
    if (entry.isFile) {
      if (inFolder && !RECORD_FILE.test(entry.name)) return;
      files.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, true);
      }
    }
  };
  for (const entry of entries) await walk(entry, false);
  return files;
}
