/** The Feeds panel's words: feed states, outcomes of actions, refresh intervals, typed addresses. Pure. */
import type { DiscoveredFeed } from '../../feeds/discover';
import type { FeedView, RefreshResult, SubscribeResult } from '../../messaging/protocol';
import { formatCount, plural, relativeTime } from '../../shared/format';

/** What the panel tells the user after an action. */
export type Notice = { kind: 'info' | 'error'; text: string } | null;

export const INTERVALS: [number, string][] = [
  [15, 'every 15 minutes'],
  [30, 'every 30 minutes'],
  [60, 'every hour'],
  [120, 'every 2 hours'],
  [360, 'every 6 hours'],
  [720, 'every 12 hours'],
  [1440, 'once a day'],
];

export function withCurrent(minutes: number): [number, string][] {
  if (INTERVALS.some(([m]) => m === minutes)) return INTERVALS;
  const current: [number, string] = [minutes, `every ${plural(minutes, 'minute', 'minutes')}`];
  return [...INTERVALS, current].sort((a, b) => a[0] - b[0]);
}

export function statusText(feed: FeedView): string {
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

export function describeSubscribe(result: SubscribeResult, offer: (page: string, feeds: DiscoveredFeed[]) => void): Notice {
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

export function describeRefresh(result: RefreshResult | undefined, name: string): Notice {
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

export function originOf(url: string): string {
  return new URL(url).origin;
}

export function feedTypeLabel(type: string): string {
  if (/atom/.test(type)) return 'Atom';
  if (/json/.test(type)) return 'JSON Feed';
  return 'RSS';
}
