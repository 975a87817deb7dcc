import { useState } from 'preact/hooks';
import type { FeedView } from '../../messaging/protocol';
import { formatCount, fullDate, plural, relativeTime } from '../../shared/format';
import type { FeedsApi } from './feeds-api';
import { describeRefresh, statusText, withCurrent, type Notice } from './feed-text';

/** Runs an action under a busy label and shows its notice (the panel's `run`). */
export type RunAction = (label: string, action: () => Promise<Notice>) => Promise<void>;

/** One subscription: its state and last error, refresh, pause, interval, unsubscribe (asked first). */
export function FeedRow({ feed, api, disabled, run }: { feed: FeedView; api: FeedsApi; disabled: boolean; run: RunAction }) {
  const [confirming, setConfirming] = useState(false);
  const [removeArticles, setRemoveArticles] = useState(false);
  const name = feed.title || feed.url;
  const titleId = `feed-title-${feed.id}`;
  return (
    <li class={`feed-row${feed.paused ? ' paused' : ''}`} data-testid="feed-row" data-feed-url={feed.url} aria-labelledby={titleId}>
      <div class="feed-main">
        <div class="feed-title" id={titleId} data-testid="feed-title">
          <span dir="auto">{name}</span>
          {feed.paused && <span class="feed-badge">Paused</span>}
        </div>
        <div class="muted feed-url">{feed.url}</div>
        <div class="feed-meta">
          <span data-testid="feed-count">{plural(feed.itemCount, 'item', 'items')}</span>
          <span> · </span>
          <span data-testid="feed-status">{statusText(feed)}</span>
        </div>
        {feed.lastStatus === 'error' && feed.lastError !== undefined && (
          <p class="error feed-error" data-testid="feed-error">
            {feed.lastErrorAt !== undefined && <span title={fullDate(feed.lastErrorAt)}>{relativeTime(feed.lastErrorAt)}: </span>}
            {feed.lastError}
            {feed.failures > 1 && <span class="muted"> ({formatCount(feed.failures)} errors in a row; next try {relativeTime(feed.nextRefreshAt)})</span>}
          </p>
        )}
      </div>
      <div class="feed-actions">
        <button type="button" disabled={disabled} onClick={() => void run('Refreshing', async () => describeRefresh((await api.refresh([feed.id]))[0], name))} aria-label={`Refresh ${name} now`} data-testid="feed-row-refresh">
          Refresh
        </button>
        <button type="button" aria-pressed={feed.paused} disabled={disabled} onClick={() => void run(feed.paused ? 'Resuming' : 'Pausing', async () => (await api.update(feed.id, { paused: !feed.paused }), null))} data-testid="feed-pause">
          {feed.paused ? 'Resume' : 'Pause'}
        </button>
        <label class="visually-hidden" for={`interval-${feed.id}`}>
          How often to refresh {name}
        </label>
        <select
          id={`interval-${feed.id}`}
          value={String(feed.intervalMinutes)}
          disabled={disabled}
          onChange={(event) => {
            const minutes = Number(event.currentTarget.value);
            void run('Saving', async () => (await api.update(feed.id, { intervalMinutes: minutes }), null));
          }}
        >
          {withCurrent(feed.intervalMinutes).map(([minutes, label]) => (
            <option key={minutes} value={String(minutes)}>
              {label}
            </option>
          ))}
        </select>
        {!confirming && (
          <button type="button" class="danger" disabled={disabled} onClick={() => setConfirming(true)} data-testid="feed-unsubscribe">
            Unsubscribe…
          </button>
        )}
      </div>
      {confirming && (
        <div class="feed-confirm" role="group" aria-label={`Unsubscribe from ${name}`}>
          <label class="toggle">
            <input type="checkbox" checked={removeArticles} onChange={(event) => setRemoveArticles(event.currentTarget.checked)} data-testid="feed-remove-articles" />
            <span>
              <span class="toggle-label">Also remove its articles</span>
              <span class="toggle-hint muted">Keeps the ones you read, imported, or that another feed also carries.</span>
            </span>
          </label>
          <div class="row-start">
            <button
              type="button"
              class="danger"
              disabled={disabled}
              onClick={() =>
                void run('Unsubscribing', async () => {
                  const result = await api.unsubscribe(feed.id, removeArticles);
                  return { kind: 'info', text: `Unsubscribed from ${name}${removeArticles ? `; ${plural(result.articlesDeleted, 'article', 'articles')} removed` : ''}.` };
                })
              }
              data-testid="feed-unsubscribe-confirm"
            >
              Unsubscribe
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
