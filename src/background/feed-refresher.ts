/**
 * The background's feed manager: subscribes (fetching a pasted address first, discovering feeds
 * on web pages), refreshes due feeds, and records each outcome on its feed. One refresh per feed
 * at a time; a refresh is stored in one transaction with the feed's new state, so a service
 * worker stopped mid-refresh leaves the feed as it was, still due, and the next run does it again
 * (items already stored are merged, never doubled).
 */
import { decodeFeedBytes } from '../feeds/decode';
import { discoverFeeds, looksLikeHtmlPage } from '../feeds/discover';
import { FEED_ACCEPT, FeedFetchError, fetchFeed, type FetchOutcome } from '../feeds/fetch-feed';
import { FeedParseError, parseFeed } from '../feeds/parse-feed';
import { backoffDelayMs } from '../feeds/schedule';
import { feedItemsToRecords } from '../feeds/to-records';
import type { FeedView, RefreshResult, SubscribeResult } from '../messaging/protocol';
import { FEED_DEFAULTS, type FeedPatch, type FeedStore, type StoredFeed } from '../store';
import { isStorageFull, isStorageFullNow, STORAGE_FULL_MESSAGE, StorageFullError } from '../store/errors';

export interface FeedRefresherDeps {
  feeds: FeedStore;
  /** Whether the extension may read this URL (host permission for its origin). */
  hasPermission: (url: string) => Promise<boolean>;
  /** Keeps the alarm at the next due time (undefined: nothing to refresh). */
  schedule: (when: number | undefined) => Promise<void>;
  /** Called after a refresh changed stored articles. Optional: the store announces every write
   * itself (../store/events), and the background reacts to those. */
  onArticlesChanged?: () => Promise<void>;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** Work-in-progress marks in the store: a refresh cut short by the worker stopping is finished at
   * its next start (see resumeInterrupted). */
  work?: { mark: (key: string, ids: readonly string[]) => Promise<void>; clear: (key: string) => Promise<void> };
}

/** Prefix of the work-in-progress marks of refreshes (one per run: `feed-refresh:<start time>`). */
export const FEED_REFRESH_WORK = 'feed-refresh:';

/** Feeds refreshed at the same time (one slow feed must not hold up the others). */
const PARALLEL_REFRESHES = 4;

export class FeedRefresher {
  private readonly running = new Map<string, Promise<RefreshResult>>();

  constructor(private readonly deps: FeedRefresherDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  async list(): Promise<FeedView[]> {
    return this.deps.feeds.listFeeds();
  }

  /** Refreshes every feed that is due (not paused, next refresh time passed), then reschedules. */
  async refreshDue(): Promise<RefreshResult[]> {
    const now = this.now();
    const due = (await this.deps.feeds.listFeeds()).filter((feed) => !feed.paused && feed.nextRefreshAt <= now);
    return this.refreshFeeds(due.map((feed) => feed.id));
  }

  /** Refreshes these feeds now, whatever their schedule (null: every feed not paused). */
  async refreshNow(ids: readonly string[] | null): Promise<RefreshResult[]> {
    const targets = ids ?? (await this.deps.feeds.listFeeds()).filter((feed) => !feed.paused).map((feed) => feed.id);
    return this.refreshFeeds(targets);
  }

  /** Finishes a refresh cut short (its mark `feed-refresh:<start>` lists its feeds): the feeds not
   * attempted since it started are refreshed now. Each feed's items and state commit together, so
   * the ones already done are not fetched again and nothing is stored twice. */
  async resumeInterrupted(key: string, ids: readonly string[]): Promise<RefreshResult[]> {
    const started = Number(key.slice(FEED_REFRESH_WORK.length));
    const feeds = new Map((await this.deps.feeds.listFeeds()).map((feed) => [feed.id, feed]));
    const left = ids.filter((id) => {
      const feed = feeds.get(id);
      return feed !== undefined && !(Number.isFinite(started) && (feed.lastAttemptAt ?? 0) >= started);
    });
    const results = await this.refreshFeeds(left);
    await this.deps.work?.clear(key);
    return results;
  }

  private async refreshFeeds(ids: readonly string[]): Promise<RefreshResult[]> {
    const workKey = `${FEED_REFRESH_WORK}${this.now()}`;
    if (ids.length > 0) await this.deps.work?.mark(workKey, ids);
    const results: RefreshResult[] = new Array(ids.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const index = next++;
        results[index] = await this.refreshFeed(ids[index]!);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(PARALLEL_REFRESHES, ids.length) }, worker));
    } finally {
      await this.reschedule();
    }
    if (ids.length > 0) await this.deps.work?.clear(workKey);
    if (results.some((r) => (r.newItems ?? 0) > 0)) await this.deps.onArticlesChanged?.();
    return results;
  }

  /** One feed's refresh; joins the one already running for it. */
  refreshFeed(id: string): Promise<RefreshResult> {
    const running = this.running.get(id);
    if (running !== undefined) return running;
    const work = this.doRefresh(id).finally(() => this.running.delete(id));
    this.running.set(id, work);
    return work;
  }

  private async doRefresh(id: string): Promise<RefreshResult> {
    const feed = await this.deps.feeds.getFeed(id);
    if (feed === undefined) return { feedId: id, status: 'gone' };
    const started = this.now();
    try {
      if (!(await this.deps.hasPermission(feed.url))) {
        throw new FeedFetchError('network', `no permission to read ${new URL(feed.url).origin}: subscribe to the feed again to grant it`);
      }
      const outcome = await fetchFeed(feed.url, {
        timeoutMs: feed.timeoutMs,
        maxBytes: feed.maxBytes,
        etag: feed.etag,
        lastModified: feed.lastModified,
        ...(this.deps.fetchImpl === undefined ? {} : { fetchImpl: this.deps.fetchImpl }),
      });
      return await this.applyOutcome(feed, outcome, started);
    } catch (error) {
      return this.recordError(feed, (await isStorageFullNow(error)) ? new StorageFullError(error) : error, started);
    }
  }

  /** Stores a response for a feed: items and state together. */
  private async applyOutcome(feed: StoredFeed, outcome: FetchOutcome, started: number): Promise<RefreshResult> {
    const finished = this.now();
    const success: FeedPatch = { lastAttemptAt: started, lastSuccessAt: finished, failures: 0, nextRefreshAt: finished + feed.intervalMinutes * 60_000 };
    if (outcome.status === 'not-modified') {
      const stillThere = await this.deps.feeds.updateFeed(feed.id, { ...success, lastStatus: 'not-modified' }, ['lastError', 'lastErrorAt']);
      return stillThere ? { feedId: feed.id, status: 'not-modified', newItems: 0 } : { feedId: feed.id, status: 'gone' };
    }
    const { text } = decodeFeedBytes(outcome.bytes, outcome.contentType);
    const parsed = parseFeed(text, outcome.url);
    const { records, skipped } = feedItemsToRecords(parsed, feed.url, parsed.title || feed.title);
    const patch: FeedPatch = { ...success, lastStatus: 'ok', lastSkippedItems: skipped.length };
    if (parsed.title !== '') patch.title = parsed.title;
    if (parsed.siteUrl !== undefined) patch.siteUrl = parsed.siteUrl;
    const remove: (keyof FeedPatch)[] = ['lastError', 'lastErrorAt'];
    // New validators replace the old; a response without them drops the old ones.
    if (outcome.etag !== undefined) patch.etag = outcome.etag;
    else remove.push('etag');
    if (outcome.lastModified !== undefined) patch.lastModified = outcome.lastModified;
    else remove.push('lastModified');
    const stored = await this.deps.feeds.storeFeedItems(feed.id, records, patch, remove, finished);
    if (stored === null) return { feedId: feed.id, status: 'gone' };
    return { feedId: feed.id, status: 'ok', newItems: stored.created + stored.updated };
  }

  private async recordError(feed: StoredFeed, error: unknown, started: number): Promise<RefreshResult> {
    const message = errorMessage(error);
    const finished = this.now();
    const failures = feed.failures + 1;
    const retryAfter = error instanceof FeedFetchError ? error.retryAfterMs : undefined;
    // On a full disk this write may fail too: the feed then stays as it was, due again.
    await this.deps.feeds.updateFeed(feed.id, {
      lastAttemptAt: started,
      lastStatus: 'error',
      lastError: message,
      lastErrorAt: finished,
      failures,
      nextRefreshAt: finished + backoffDelayMs(failures, feed.intervalMinutes, retryAfter),
    }).catch(() => false);
    return { feedId: feed.id, status: 'error', error: message };
  }

  /** Keeps the alarm at the earliest due time of the feeds that are not paused. */
  async reschedule(): Promise<void> {
    const feeds = await this.deps.feeds.listFeeds();
    const times = feeds.filter((feed) => !feed.paused).map((feed) => feed.nextRefreshAt);
    await this.deps.schedule(times.length === 0 ? undefined : Math.min(...times));
  }

  /** Subscribes to the given feeds. See FeedSubscribe in the protocol. */
  async subscribe(feeds: readonly { url: string; title?: string }[], discover: boolean): Promise<SubscribeResult[]> {
    if (discover) return Promise.all(feeds.map((feed) => this.subscribeByAddress(feed.url, feed.title, 1)));
    const rows = await this.deps.feeds.addFeeds(feeds.map((feed) => (feed.title === undefined ? { url: feed.url } : { url: feed.url, title: feed.title })), this.now());
    const added = rows.filter((row) => row.added).map((row) => row.feed.id);
    // Refreshed in the background: an OPML file may list many feeds; each reports on its row.
    if (added.length > 0) void this.refreshFeeds(added);
    else await this.reschedule();
    const views = new Map((await this.deps.feeds.listFeeds()).map((feed) => [feed.id, feed]));
    return rows.map((row) => ({ url: row.feed.url, status: row.added ? 'subscribed' : 'already', feed: views.get(row.feed.id) ?? { ...row.feed, itemCount: 0 } }));
  }

  /** A pasted address: a feed is subscribed (and its items stored) only if it parses as one; a
   * page's linked feeds are offered, or followed when there is exactly one we may read. */
  private async subscribeByAddress(url: string, title: string | undefined, followLinks: number): Promise<SubscribeResult> {
    const existing = (await this.deps.feeds.listFeeds()).find((feed) => feed.url === url);
    if (existing !== undefined) return { url, status: 'already', feed: existing };
    if (!(await this.deps.hasPermission(url))) return { url, status: 'error', error: `no permission to read ${new URL(url).origin}` };
    let outcome: FetchOutcome;
    try {
      outcome = await fetchFeed(url, {
        timeoutMs: FEED_DEFAULTS.timeoutMs,
        maxBytes: FEED_DEFAULTS.maxBytes,
        accept: `${FEED_ACCEPT.replace(', */*;q=0.5', '')}, text/html;q=0.7, */*;q=0.5`,
        ...(this.deps.fetchImpl === undefined ? {} : { fetchImpl: this.deps.fetchImpl }),
      });
    } catch (error) {
      return { url, status: 'error', error: errorMessage(error) };
    }
    if (outcome.status !== 'ok') return { url, status: 'error', error: 'the server answered "not modified" to a first request' };
    const { text } = decodeFeedBytes(outcome.bytes, outcome.contentType);
    if (looksLikeHtmlPage(text, outcome.contentType)) {
      const candidates = discoverFeeds(text, outcome.url);
      if (candidates.length === 0) return { url, status: 'error', error: 'no feed found: the page links to none (no <link rel="alternate"> to RSS, Atom or JSON Feed)' };
      if (candidates.length === 1 && followLinks > 0 && (await this.deps.hasPermission(candidates[0]!.url))) {
        const followed = await this.subscribeByAddress(candidates[0]!.url, title ?? (candidates[0]!.title || undefined), followLinks - 1);
        return followed.status === 'error' ? { url, status: 'error', error: `${candidates[0]!.url}: ${followed.error}` } : followed;
      }
      return { url, status: 'choose', candidates };
    }
    try {
      parseFeed(text, outcome.url);
    } catch (error) {
      return { url, status: 'error', error: errorMessage(error) };
    }
    const [row] = await this.deps.feeds.addFeeds([title === undefined ? { url } : { url, title }], this.now());
    const feed = row!.feed;
    const started = this.now();
    try {
      await this.applyOutcome(feed, outcome, started);
    } catch (error) {
      await this.recordError(feed, error, started);
    }
    await this.reschedule();
    await this.deps.onArticlesChanged?.();
    const view = (await this.deps.feeds.listFeeds()).find((f) => f.id === feed.id) ?? { ...feed, itemCount: 0 };
    return { url, status: row!.added ? 'subscribed' : 'already', feed: view };
  }

  async update(id: string, change: { paused?: boolean; intervalMinutes?: number; timeoutSeconds?: number }): Promise<boolean> {
    const feed = await this.deps.feeds.getFeed(id);
    if (feed === undefined) return false;
    const patch: FeedPatch = {};
    if (change.paused !== undefined) patch.paused = change.paused;
    if (change.timeoutSeconds !== undefined) patch.timeoutMs = Math.round(change.timeoutSeconds * 1000);
    if (change.intervalMinutes !== undefined) {
      patch.intervalMinutes = change.intervalMinutes;
      // A new interval counts from the last refresh (or now, for a feed never refreshed).
      if (feed.failures === 0) patch.nextRefreshAt = (feed.lastSuccessAt ?? this.now()) + change.intervalMinutes * 60_000;
    }
    // Resuming a feed whose time passed while paused makes it due now.
    if (change.paused === false && feed.paused) patch.nextRefreshAt = Math.min(patch.nextRefreshAt ?? feed.nextRefreshAt, this.now());
    const ok = await this.deps.feeds.updateFeed(id, patch);
    await this.reschedule();
    return ok;
  }

  async unsubscribe(id: string, removeArticles: boolean): Promise<{ removed: boolean; articlesDeleted: number }> {
    const result = await this.deps.feeds.removeFeed(id, { removeArticles });
    await this.reschedule();
    if (result.articlesDeleted > 0) await this.deps.onArticlesChanged?.();
    return result;
  }
}

/** A short, specific message for a feed's error line. */
export function errorMessage(error: unknown): string {
  if (isStorageFull(error)) return STORAGE_FULL_MESSAGE;
  if (error instanceof FeedFetchError || error instanceof FeedParseError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}
