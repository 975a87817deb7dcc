import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExportFormat, ExportProgress } from '../../export/export-store';
import { formatCount, plural } from '../../shared/format';
import type { StoreApi } from './store-api';
import { errorMessage } from '../../shared/errors';

type State =
  | { phase: 'idle' }
  | { phase: 'running'; progress: ExportProgress }
  | { phase: 'done'; url: string; fileName: string; records: number; articles: number; bytes: number }
  | { phase: 'error'; message: string };

/** Export the whole store as a file of records, to keep or to import elsewhere. */
export function ExportPanel({ api }: { api: StoreApi }) {
  const [format, setFormat] = useState<ExportFormat>('ndjson');
  const [state, setState] = useState<State>({ phase: 'idle' });
  const url = useRef<string | null>(null);
  const saveLink = useRef<HTMLAnchorElement>(null);

  const forgetFile = (): void => {
    if (url.current !== null) URL.revokeObjectURL(url.current);
    url.current = null;
  };
  useEffect(() => forgetFile, []);
  // A finished export downloads at once; the link stays to save it again.
  useEffect(() => {
    if (state.phase === 'done') saveLink.current?.click();
  }, [state]);

  const start = (): void => {
    forgetFile();
    setState({ phase: 'running', progress: { articlesDone: 0, articlesTotal: 0 } });
    api
      .exportStore(format, (progress) => setState({ phase: 'running', progress }))
      .then((result) => {
        url.current = URL.createObjectURL(result.blob);
        setState({ phase: 'done', url: url.current, fileName: result.fileName, records: result.records, articles: result.articles, bytes: result.blob.size });
      })
      .catch((error: unknown) => setState({ phase: 'error', message: errorMessage(error) }));
  };

  return (
    <section class="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export your store</h2>
      <p class="muted">
        Every article as a news record — what you imported, feed items, the articles you read and when — in the format the import above reads. Importing the file
        gives back the same store, here or in another browser.
      </p>
      <fieldset class="choices">
        <legend>File format</legend>
        <label class="choice">
          <input type="radio" name="export-format" value="ndjson" checked={format === 'ndjson'} onChange={() => setFormat('ndjson')} />
          <span>
            NDJSON <span class="muted">— one record per line; best for large stores</span>
          </span>
        </label>
        <label class="choice">
          <input type="radio" name="export-format" value="json" checked={format === 'json'} onChange={() => setFormat('json')} />
          <span>
            JSON <span class="muted">— one array of records</span>
          </span>
        </label>
      </fieldset>
      <div class="actions">
        <button type="button" class="primary" data-testid="export-button" disabled={state.phase === 'running'} onClick={start}>
          Export all articles
        </button>
      </div>
      {state.phase === 'running' && (
        <div class="import-progress" role="status">
          <progress max={Math.max(1, state.progress.articlesTotal)} value={state.progress.articlesDone} aria-label="Export progress" />
          <p class="muted">
            {formatCount(state.progress.articlesDone)} of {plural(state.progress.articlesTotal, 'article', 'articles')} written
          </p>
        </div>
      )}
      {state.phase === 'done' && (
        <p role="status" data-testid="export-report">
          Exported {plural(state.articles, 'article', 'articles')} as {plural(state.records, 'record', 'records')} ({formatBytes(state.bytes)}).{' '}
          <a ref={saveLink} href={state.url} download={state.fileName} data-testid="export-link">
            Save {state.fileName}
          </a>
        </p>
      )}
      {state.phase === 'error' && (
        <p class="error" role="alert">
          Export stopped: {state.message}
        </p>
      )}
    </section>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
