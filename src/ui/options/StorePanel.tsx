import { useEffect, useRef, useState } from 'preact/hooks';
import { formatCount, fullDate, plural } from '../../shared/format';
import { errorMessage } from '../../shared/errors';

export interface StoreSummary {
  articles: number;
  lastFilledAt?: number | undefined;
}

interface Props {
  summary: StoreSummary | null;
  /** Why the store could not be counted (null: counted or still counting). */
  countError: string | null;
  /** Counts again after an error. */
  recount: () => void;
  /** Empties the store; the panel asks first. */
  deleteAll: () => Promise<void>;
}

type Outcome = { kind: 'deleted'; count: number } | { kind: 'error'; message: string } | null;

/** What the store holds, and deleting all of it (after an explicit confirmation). */
export function StorePanel({ summary, countError, recount, deleteAll }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  // A modal <dialog>: the browser keeps focus inside it, Escape cancels, focus returns after.
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (asking && !element.open) element.showModal();
    if (!asking && element.open) element.close();
  }, [asking]);

  const confirm = async (): Promise<void> => {
    const count = summary?.articles ?? 0;
    setBusy(true);
    try {
      await deleteAll();
      setOutcome({ kind: 'deleted', count });
    } catch (error) {
      setOutcome({ kind: 'error', message: errorMessage(error) });
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };

  return (
    <section class="card" aria-labelledby="store-heading">
      <h2 id="store-heading">Your store</h2>
      {countError !== null ? (
        // Without this, a failed count would say "Counting…" for ever.
        <p class="error" role="alert" data-testid="store-summary-error">
          Your articles could not be counted: {countError}{' '}
          <button type="button" data-testid="recount" onClick={recount}>
            Count again
          </button>
        </p>
      ) : summary === null ? (
        <p class="muted">Counting…</p>
      ) : (
        <p data-testid="store-summary">
          <strong>{formatCount(summary.articles)}</strong> articles stored
          {summary.lastFilledAt !== undefined && <span class="muted"> · last filled {fullDate(summary.lastFilledAt)}</span>}
        </p>
      )}
      <div class="actions">
        <button type="button" class="danger" data-testid="delete-all" disabled={summary === null || summary.articles === 0 || busy} onClick={() => setAsking(true)}>
          Delete all articles…
        </button>
      </div>
      {outcome?.kind === 'deleted' && (
        <p role="status" data-testid="delete-report">
          Deleted {plural(outcome.count, 'article', 'articles')}. Your feed subscriptions and settings are kept.
        </p>
      )}
      {outcome?.kind === 'error' && (
        <p class="error" role="alert">
          Nothing was deleted: {outcome.message}
        </p>
      )}
      <dialog ref={dialog} class="confirm" aria-labelledby="delete-title" aria-describedby="delete-text" onClose={() => setAsking(false)} data-testid="delete-dialog">
        <h2 id="delete-title">Delete all {summary === null ? '' : plural(summary.articles, 'article', 'articles')}?</h2>
        <p id="delete-text">
          This removes every article from this computer: what you imported, feed items, and the articles you read. It cannot be undone — export your store first
          if you may want it back. Feed subscriptions and settings stay.
        </p>
        <div class="actions">
          {/* Cancel first and focused: the safe choice is the default. */}
          <button type="button" autofocus onClick={() => setAsking(false)} disabled={busy}>
            Cancel
          </button>
          <button type="button" class="danger-filled" data-testid="delete-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Deleting…' : 'Delete everything'}
          </button>
        </div>
      </dialog>
    </section>
  );
}
