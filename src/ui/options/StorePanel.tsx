import { formatCount, fullDate } from '../format';

export interface StoreSummary {
  articles: number;
  lastFilledAt?: number | undefined;
}

/** What the store holds. */
export function StorePanel({ summary }: { summary: StoreSummary | null }) {
  return (
    <section class="card" aria-labelledby="store-heading">
      <h2 id="store-heading">Your store</h2>
      {summary === null ? (
        <p class="muted">Counting…</p>
      ) : (
        <p data-testid="store-summary">
          <strong>{formatCount(summary.articles)}</strong> articles stored
          {summary.lastFilledAt !== undefined && <span class="muted"> · last filled {fullDate(summary.lastFilledAt)}</span>}
        </p>
      )}
    </section>
  );
}
