import { useEffect, useState } from 'preact/hooks';
import type { StoreStatus } from '../../messaging/protocol';
import type { ConsistencyReport } from '../../store/consistency';
import { describeReport } from '../../store/consistency';
import { formatCount, plural } from '../../shared/format';
import { errorMessage } from '../../shared/errors';
import { describeStoreStatus } from '../store-status';

export interface UpkeepApi {
  /** The background's view of the store (an upgrade's progress). */
  storeStatus(): Promise<StoreStatus>;
  /** Checks the store's invariants and repairs what is wrong. */
  checkAndRepair(): Promise<ConsistencyReport>;
}

type Outcome = { kind: 'report'; report: ConsistencyReport } | { kind: 'error'; message: string } | null;

/** The store's upkeep: an upgrade's progress after the extension updated, and "Check and repair". */
export function UpkeepPanel({ api }: { api: UpkeepApi }) {
  const [status, setStatus] = useState<StoreStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  // Polled while an upgrade runs (its progress is the background's, not a store write); once
  // ready, no more requests.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = (): void => {
      void api
        .storeStatus()
        .then((next) => {
          if (stopped) return;
          setStatus(next);
          if (next.state !== 'ready') timer = setTimeout(poll, 1_000);
        })
        .catch(() => !stopped && (timer = setTimeout(poll, 1_000)));
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api]);

  const check = async (): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ kind: 'report', report: await api.checkAndRepair() });
    } catch (error) {
      setOutcome({ kind: 'error', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const waiting = status === null ? null : describeStoreStatus(status);
  const found = outcome?.kind === 'report' ? outcome.report.results.reduce((sum, r) => sum + r.found, 0) : 0;
  return (
    <section class="card" aria-labelledby="upkeep-heading">
      <h2 id="upkeep-heading">Store upkeep</h2>
      {status?.state === 'updating' && (
        <progress max={Math.max(1, status.total)} value={status.done} aria-label="Store update progress" data-testid="upgrade-progress" />
      )}
      <p role="status" data-testid="store-status">
        {status === null ? 'Asking about your store…' : waiting ?? 'Your store is up to date.'}
      </p>
      <div class="actions">
        <button type="button" data-testid="check-store" disabled={busy} onClick={() => void check()}>
          {busy ? 'Checking…' : 'Check and repair the store'}
        </button>
      </div>
      {outcome?.kind === 'report' && (
        <div role="status" data-testid="check-report">
          <p>
            Checked {plural(outcome.report.articles, 'article', 'articles')}:{' '}
            {found === 0 ? 'nothing was wrong.' : outcome.report.consistent ? `found ${formatCount(found)} problems and fixed them all.` : `found ${formatCount(found)} problems; some could not be fixed.`}
          </p>
          <ul>
            {describeReport(outcome.report).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {outcome?.kind === 'error' && (
        <p class="error" role="alert">
          The check could not finish: {outcome.message}
        </p>
      )}
    </section>
  );
}
