import { useEffect, useRef, useState } from 'preact/hooks';
import type { DiscoveredFeed } from '../../feeds/discover';
import { buildOpml, OpmlError, parseOpml, type OpmlImport } from '../../feeds/opml';
import { currentBrowser } from '../../platform/browser';
import { errorMessage } from '../../shared/errors';
import { formatCount, plural } from '../../shared/format';
import { contentChanged, type StoreChange } from '../../store/events';
import { useAsync } from '../use-async';
import { FeedCatalog } from './FeedCatalog';
import { FeedRow } from './FeedRow';
import type { FeedsApi } from './feeds-api';
import { describeSubscribe, feedTypeLabel, normaliseAddress, originOf, type Notice } from './feed-text';

export type { FeedsApi };

interface Props {
  api: FeedsApi;
  /** Hears every store change; returns the way to stop. Feed states and item counts change in the
   * background (alarms, OPML imports, refreshes): the list is read again when they do. */
  watchStore: (listener: (change: StoreChange) => void) => () => void;
}

/** Subscribe (address, OPML, well-known outlets), see each feed's state, refresh, pause, unsubscribe. */
export function FeedsPanel({ api, watchStore }: Props) {
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [candidates, setCandidates] = useState<{ page: string; feeds: DiscoveredFeed[] } | null>(null);
  const [opml, setOpml] = useState<(OpmlImport & { fileName: string }) | null>(null);
  const opmlInput = useRef<HTMLInputElement>(null);

  const list = useAsync(() => api.list(), [api]);
  const feeds = list.state.phase === 'ready' ? list.state.value : null;
  const reload = list.reload;

  useEffect(() => watchStore((change) => (change.feeds || contentChanged(change)) && reload()), [watchStore, reload]);

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
      reload();
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
      // A file with nothing to subscribe to gets its error only, not a preview of zero feeds.
      setOpml(parsed.feeds.length === 0 ? null : { ...parsed, fileName: file.name });
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

      {list.state.phase === 'error' ? (
        <p class="error" role="alert">
          Could not list your feeds: {list.state.message}
        </p>
      ) : feeds === null ? (
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

      <FeedCatalog api={api} subscribed={subscribedUrls} disabled={busy !== null} onSubscribe={subscribeTo} />
    </section>
  );
}
