import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CatalogEntry } from '../../feeds/catalog';
import type { DiscoveredFeed } from '../../feeds/discover';
import { buildOpml, OpmlError, parseOpml, type OpmlImport } from '../../feeds/opml';
import type { FeedView, RefreshResult, SubscribeResult } from '../../messaging/protocol';
import { currentBrowser } from '../../platform/browser';
import { formatCount, fullDate, plural, relativeTime } from '../../shared/format';
import { errorMessage } from '../../shared/errors';

/** What the panel needs from the extension (the options entry point wires it to the background). */
export interface FeedsApi {
  list(): Promise<FeedView[]>;
  /** Asks the browser for host access to these URLs' origins. Must be called first thing in a
   * click handler: the browser only shows its prompt during a user gesture. */
  requestAccess(urls: string[]): Promise<boolean>;
  subscribe(feeds: { url: string; title?: string }[], discover: boolean): Promise<SubscribeResult[]>;
  update(id: string, change: { paused?: boolean; intervalMinutes?: number }): Promise<boolean>;
  unsubscribe(id: string, removeArticles: boolean): Promise<{ removed: boolean; articlesDeleted: number }>;
  refresh(ids: string[] | null): Promise<RefreshResult[]>;
  loadCatalog(): Promise<CatalogEntry[]>;
  saveCatalog(entries: CatalogEntry[]): Promise<CatalogEntry[]>;
  restoreCatalog(): Promise<CatalogEntry[]>;
}

interface Props {
  api: FeedsApi;
  /** Articles may have changed (subscribe, refresh, unsubscribe): the store summary updates. */
  onStoreChanged: () => void;
}

type Notice = { kind: 'info' | 'error'; text: string } | null;

const INTERVALS: [number, string][] = [
  [15, 'every 15 minutes'],
  [30, 'every 30 minutes'],
  [60, 'every hour'],
  [120, 'every 2 hours'],
  [360, 'every 6 hours'],
  [720, 'every 12 hours'],
  [1440, 'once a day'],
];

/** How often the list re-reads feed states while the page is open (refreshes run in the background). */
const POLL_MS = 4000;

/** Subscribe (address, OPML, well-known outlets), see each feed's state, refresh, pause, unsubscribe. */
export function FeedsPanel({ api, onStoreChanged }: Props) {
  const [feeds, setFeeds] = useState<FeedView[] | null>(null);
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [candidates, setCandidates] = useState<{ page: string; feeds: DiscoveredFeed[] } | null>(null);
  const [opml, setOpml] = useState<(OpmlImport & { fileName: string }) | null>(null);
  const opmlInput = useRef<HTMLInputElement>(null);

  const itemTotal = useRef<number | null>(null);
  const reload = useCallback(async () => {
    const list = await api.list();
    setFeeds(list);
    // Background refreshes (alarms, OPML imports) change the store while the page is open.
    const total = list.reduce((sum, feed) => sum + feed.itemCount, 0);
    if (itemTotal.current !== null && itemTotal.current !== total) onStoreChanged();
    itemTotal.current = total;
  }, [api, onStoreChanged]);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  /** Runs an action with a busy label; reports its failure; reloads the list and the summary after. */
  const run = async (label: string, action: () => Promise<Notice>): Promise<void> => {
    setBusy(label);
    setNotice(null);
    try {
      setNotice(await action());
    } catch (error) {
      setNotice({ kind: 'error', text: `${label} failed: ${errorMessage(error)}` });
    } finally {
      setBusy(null);
      await reload();
      onStoreChanged();
    }
  };

  const subscribeTo = (url: string, title?: string): void => {
    const granted = api.requestAccess([url]);
    setCandidates(null);
    void run('Subscribing', async () => {
      if (!(await granted)) return { kind: 'error', text: `The browser did not allow reading ${originOf(url)}: nothing was subscribed.` };
      const [result] = await api.subscribe([title === undefined ? { url } : { url, title }], true);
      return describeSubscribe(result!, (page, found) => setCandidates({ page, feeds: found }));
    });
  };

  const onSubmit = (event: Event): void => {
    event.preventDefault();
    const url = normaliseAddress(address);
    if (url === null) {
      setNotice({ kind: 'error', text: 'Enter a web address starting with http:// or https:// (a feed, or a site that links to its feed).' });
      return;
    }
    setAddress('');
    subscribeTo(url);
  };

  const onOpmlFile = async (): Promise<void> => {
    const file = opmlInput.current?.files?.[0];
    if (opmlInput.current) opmlInput.current.value = '';
    if (file === undefined) return;
    try {
      const parsed = parseOpml(await file.text());
      setOpml({ ...parsed, fileName: file.name });
      setNotice(parsed.feeds.length === 0 ? { kind: 'error', text: `${file.name} lists no feeds with an http(s) address.` } : null);
    } catch (error) {
      setOpml(null);
      setNotice({ kind: 'error', text: `${file.name}: ${error instanceof OpmlError ? error.message : String(error)}` });
    }
  };

  const subscribeOpml = (): void => {
    if (opml === null) return;
    const list = opml.feeds;
    const granted = api.requestAccess(list.map((feed) => feed.url));
    void run('Importing', async () => {
      if (!(await granted)) return { kind: 'error', text: 'The browser did not allow reading those sites: nothing was subscribed.' };
      const results = await api.subscribe(list.map((feed) => (feed.title === '' ? { url: feed.url } : { url: feed.url, title: feed.title })), false);
      setOpml(null);
      const added = results.filter((r) => r.status === 'subscribed').length;
      return { kind: 'info', text: `Subscribed to ${plural(added, 'feed', 'feeds')} (${formatCount(results.length - added)} already subscribed). They are being refreshed.` };
    });
  };

  const exportOpml = (): void => {
    if (feeds === null) return;
    const text = buildOpml(
      feeds.map((feed) => (feed.siteUrl === undefined ? { url: feed.url, title: feed.title } : { url: feed.url, title: feed.title, siteUrl: feed.siteUrl })),
      'Rest of the Story subscriptions',
    );
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/x-opml' }));
    link.download = 'rest-of-the-story-feeds.opml';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  const refreshAll = (): void =>
    void run('Refreshing', async () => {
      const results = await api.refresh(null);
      const failed = results.filter((r) => r.status === 'error').length;
      return { kind: failed > 0 ? 'error' : 'info', text: `Refreshed ${plural(results.length, 'feed', 'feeds')}${failed > 0 ? `; ${formatCount(failed)} reported an error (see below)` : ''}.` };
    });

  const subscribedUrls = new Set((feeds ?? []).map((feed) => feed.url));

  return (
    <section class="card feeds" aria-labelledby="feeds-heading">
      <h2 id="feeds-heading">Feeds</h2>
      <p class="muted">
        Subscribe to the outlets you choose: their RSS, Atom or JSON feeds are read in the background and their articles stored here.{' '}
        {currentBrowser.feedSiteAccess}; only the feeds you add are ever fetched.
      </p>

      <form class="feed-add" onSubmit={onSubmit}>
        <label for="feed-url">Feed or site address</label>
        <div class="feed-add-row">
          <input
            id="feed-url"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="https://news.example/feed.xml or https://news.example/"
            value={address}
            onInput={(event) => setAddress(event.currentTarget.value)}
            data-testid="feed-url-input"
          />
          <button type="submit" class="primary" disabled={busy !== null} data-testid="feed-subscribe">
            Subscribe
          </button>
        </div>
      </form>

      <div aria-live="polite">
        {busy !== null && (
          <p class="muted" role="status">
            {busy}…
          </p>
        )}
        {notice !== null && (
          <p class={notice.kind === 'error' ? 'error' : 'notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="feed-notice">
            {notice.text}
          </p>
        )}
      </div>

      {candidates !== null && (
        <div class="feed-candidates" data-testid="feed-candidates">
          <p>
            {candidates.page} links to {plural(candidates.feeds.length, 'feed', 'feeds')}. Choose one:
          </p>
          <ul>
            {candidates.feeds.map((feed) => (
              <li key={feed.url}>
                <button type="button" onClick={() => subscribeTo(feed.url, feed.title || undefined)} disabled={busy !== null || subscribedUrls.has(feed.url)}>
                  {subscribedUrls.has(feed.url) ? 'Subscribed' : 'Subscribe'}
                </button>{' '}
                <span>{feed.title || feed.url}</span> <span class="muted feed-url">{feed.title ? feed.url : feedTypeLabel(feed.type)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div class="feed-toolbar">
        <button type="button" onClick={refreshAll} disabled={busy !== null || (feeds?.length ?? 0) === 0} data-testid="feed-refresh">
          Refresh all now
        </button>
        <label class="button">
          Import OPML…
          <input ref={opmlInput} class="visually-hidden" type="file" accept=".opml,.xml,text/x-opml,application/xml" onChange={() => void onOpmlFile()} data-testid="opml-input" />
        </label>
        <button type="button" onClick={exportOpml} disabled={(feeds?.length ?? 0) === 0} data-testid="opml-export">
          Export OPML
        </button>
      </div>

      {opml !== null && (
        <div class="feed-opml" data-testid="opml-preview">
          <p>
            {opml.fileName} lists {plural(opml.feeds.length, 'feed', 'feeds')}.{' '}
            {opml.feeds.length > 0 && (
              <button type="button" class="primary" onClick={subscribeOpml} disabled={busy !== null} data-testid="opml-subscribe">
                Subscribe to {opml.feeds.length === 1 ? 'it' : `all ${formatCount(opml.feeds.length)}`}
              </button>
            )}{' '}
            <button type="button" onClick={() => setOpml(null)}>
              Cancel
            </button>
          </p>
          {opml.problems.length > 0 && (
            <details>
              <summary>{plural(opml.problems.length, 'entry', 'entries')} skipped</summary>
              <ul class="problems">
                {opml.problems.slice(0, 200).map((problem, i) => (
                  <li key={i}>{problem}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}

      {feeds === null ? (
        <p class="muted">Loading feeds…</p>
      ) : feeds.length === 0 ? (
        <p class="muted" data-testid="feeds-empty">
          No feeds yet. Paste an address above, import an OPML file, or pick well-known outlets below.
        </p>
      ) : (
        <ul class="feed-list" aria-label="Your feeds">
          {feeds.map((feed) => (
            <FeedRow key={feed.id} feed={feed} api={api} disabled={busy !== null} run={run} />
          ))}
        </ul>
      )}

      <Catalog api={api} subscribed={subscribedUrls} disabled={busy !== null} onSubscribe={subscribeTo} />
    </section>
  );
}

function FeedRow({ feed, api, disabled, run }: { feed: FeedView; api: FeedsApi; disabled: boolean; run: (label: string, action: () => Promise<Notice>) => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const [removeArticles, setRemoveArticles] = useState(false);
  const name = feed.title || feed.url;
  const titleId = `feed-title-${feed.id}`;
  return (
    <li class={`feed-row${feed.paused ? ' paused' : ''}`} data-testid="feed-row" data-feed-url={feed.url} aria-labelledby={titleId}>
      <div class="feed-main">
        <div class="feed-title" id={titleId} data-testid="feed-title">
          {name}
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

/** The editable list of well-known outlets: nothing is fetched until the user subscribes to one. */
function Catalog({ api, subscribed, disabled, onSubscribe }: { api: FeedsApi; subscribed: Set<string>; disabled: boolean; onSubscribe: (url: string, title?: string) => void }) {
  const [entries, setEntries] = useState<CatalogEntry[] | null>(null);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void api.loadCatalog().then(setEntries), [api]);
  if (entries === null) return null;

  const add = async (event: Event): Promise<void> => {
    event.preventDefault();
    const address = normaliseAddress(url);
    if (address === null) {
      setError('Enter the feed address, starting with http:// or https://.');
      return;
    }
    setError(null);
    setEntries(await api.saveCatalog([...entries, { name: name.trim() || new URL(address).hostname, url: address }]));
    setName('');
    setUrl('');
  };

  return (
    <details class="catalog" data-testid="feed-catalog">
      <summary>Well-known news outlets</summary>
      <p class="muted">A starting point you can edit. Nothing here is contacted until you subscribe.</p>
      <ul class="catalog-list">
        {entries.map((entry) => (
          <li key={entry.url}>
            <span class="catalog-name">{entry.name}</span>
            <span class="muted feed-url">{entry.url}</span>
            <span class="catalog-actions">
              <button type="button" disabled={disabled || subscribed.has(entry.url)} onClick={() => onSubscribe(entry.url, entry.name)} aria-label={`Subscribe to ${entry.name}`}>
                {subscribed.has(entry.url) ? 'Subscribed' : 'Subscribe'}
              </button>
              <button type="button" onClick={() => void api.saveCatalog(entries.filter((e) => e.url !== entry.url)).then(setEntries)} aria-label={`Remove ${entry.name} from this list`}>
                Remove
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form class="catalog-add" onSubmit={(event) => void add(event)}>
        <label>
          Name <input type="text" value={name} onInput={(event) => setName(event.currentTarget.value)} />
        </label>
        <label>
          Feed address <input type="text" inputMode="url" value={url} onInput={(event) => setUrl(event.currentTarget.value)} />
        </label>
        <button type="submit">Add to list</button>
        <button type="button" onClick={() => void api.restoreCatalog().then(setEntries)}>
          Restore the defaults
        </button>
      </form>
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}

function withCurrent(minutes: number): [number, string][] {
  if (INTERVALS.some(([m]) => m === minutes)) return INTERVALS;
  const current: [number, string] = [minutes, `every ${plural(minutes, 'minute', 'minutes')}`];
  return [...INTERVALS, current].sort((a, b) => a[0] - b[0]);
}

function statusText(feed: FeedView): string {
  const when = feed.lastAttemptAt === undefined ? '' : ` ${relativeTime(feed.lastAttemptAt)}`;
  switch (feed.lastStatus) {
    case 'new':
      return feed.paused ? 'not refreshed yet' : 'waiting for its first refresh';
    case 'ok':
      return `refreshed${when}${feed.lastNewItems ? `, ${plural(feed.lastNewItems, 'new item', 'new items')}` : ''}${feed.lastSkippedItems ? ` (${formatCount(feed.lastSkippedItems)} without a link skipped)` : ''}`;
    case 'not-modified':
      return `refreshed${when}, no changes`;
    case 'error':
      return feed.lastSuccessAt === undefined ? `failed${when}` : `failed${when}; last refreshed ${relativeTime(feed.lastSuccessAt)}`;
  }
}

function describeSubscribe(result: SubscribeResult, offer: (page: string, feeds: DiscoveredFeed[]) => void): Notice {
  switch (result.status) {
    case 'subscribed':
      return { kind: 'info', text: `Subscribed to ${result.feed.title || result.feed.url}: ${plural(result.feed.itemCount, 'item', 'items')} stored.` };
    case 'already':
      return { kind: 'info', text: `You already subscribe to ${result.feed.title || result.feed.url}.` };
    case 'choose':
      offer(result.url, result.candidates);
      return null;
    case 'error':
      return { kind: 'error', text: `Could not subscribe to ${result.url}: ${result.error}` };
  }
}

function describeRefresh(result: RefreshResult | undefined, name: string): Notice {
  if (result === undefined || result.status === 'gone') return null;
  if (result.status === 'error') return { kind: 'error', text: `${name}: ${result.error ?? 'error'}` };
  return { kind: 'info', text: result.status === 'not-modified' ? `${name}: no changes.` : `${name}: refreshed.` };
}

/** A typed address as an http(s) URL ("news.example/feed" gets https://), or null. */
export function normaliseAddress(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    return web && (url.hostname.includes('.') || url.hostname === 'localhost') ? url.href : null;
  } catch {
    return null;
  }
}

function originOf(url: string): string {
  return new URL(url).origin;
}

function feedTypeLabel(type: string): string {
  if (/atom/.test(type)) return 'Atom';
  if (/json/.test(type)) return 'JSON Feed';
  return 'RSS';
}
