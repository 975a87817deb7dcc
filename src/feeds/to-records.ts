/**
 * Feed items as news records, for the same ingest path as imports (ids, URL aliases, merging,
 * index terms). The feed's outlet is the provider. Items that cannot be an article (no link,
 * nothing to call it) are skipped and counted, never guessed.
 */
import { toNewsRecord, type NewsRecord } from '../record/record';
import { cleanLine, displayDomain } from '../shared';
import type { FeedItem, ParsedFeed } from './parse-feed';

export interface ItemProblem {
  /** 1-based position of the item in the feed. */
  item: number;
  message: string;
}

export interface FeedRecords {
  records: NewsRecord[];
  skipped: ItemProblem[];
}

/** The outlet a feed speaks for: its title (or the user's name for it) and its site's domain. */
export function feedProvider(feed: Pick<ParsedFeed, 'title' | 'siteUrl'>, feedUrl: string, givenTitle?: string): { name: string; domain: string } {
  const domain = displayDomain(feed.siteUrl) ?? displayDomain(feedUrl) ?? '';
  return { name: cleanLine(givenTitle || feed.title || domain, 200), domain };
}

export function feedItemsToRecords(feed: ParsedFeed, feedUrl: string, givenTitle?: string): FeedRecords {
  const provider = feedProvider(feed, feedUrl, givenTitle);
  const records: NewsRecord[] = [];
  const skipped: ItemProblem[] = [];
  const seen = new Set<string>();
  feed.items.forEach((item, index) => {
    const problem = (message: string): void => void skipped.push({ item: index + 1, message });
    if (item.link === undefined) return problem(`"${labelOf(item)}" has no link to an article`);
    if (seen.has(item.link)) return; // The same item twice in one feed: once is enough.
    seen.add(item.link);
    // An item without a title is named by the start of its text.
    const title = item.title || cleanLine(item.summary, 120);
    const raw: Record<string, unknown> = {
      title,
      excerpt: item.summary,
      originalUrl: item.link,
      provider,
      topics: item.categories,
      images: item.image === undefined ? [] : [{ url: item.image }],
    };
    if (item.publishedAt !== undefined) raw.publishedDateTime = new Date(item.publishedAt).toISOString();
    if (feed.language !== undefined) raw.lang = feed.language;
    const result = toNewsRecord(raw, true);
    if (!result.ok) return problem(`item skipped: ${result.error}`);
    records.push(result.record);
  });
  return { records, skipped };
}

function labelOf(item: FeedItem): string {
  return (item.title || item.summary || item.id || 'untitled item').slice(0, 60);
}
