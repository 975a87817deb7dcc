import type { ArticleImage, Provider } from '../record/record';

export type { ArticleImage, Provider };

/** How an article entered the store, richest first: a full record beats a feed item beats a page
 * the user read beats an entry of another record's `related` list. */
export type ArticleOrigin = 'record' | 'feed' | 'page' | 'related';

export const ORIGIN_RANK: Record<ArticleOrigin, number> = { record: 3, feed: 2, page: 1, related: 0 };

/** Fields of the record format kept only to export records as they came (never shown). */
export interface RecordExtras {
  webUrl?: string;
  originalUrl?: string;
  ampWebUrl?: string;
  cdnAmpWebUrl?: string;
  category?: string;
  type?: string;
  tags?: string[];
  secured?: string;
}

/** One row of the `articles` table. */
export interface StoredArticle {
  /** Stable id derived from the article's first URL key; never changes once given. */
  id: string;
  /** The URL to open: the original article if known, else the aggregator's. Always http(s). */
  url: string;
  /** Every URL key of the article (see `urlKey`): indexed, so any alias finds it. */
  urls: string[];
  title: string;
  excerpt: string;
  /** Epoch ms; absent when unknown (absent keys are not indexed). */
  publishedAt?: number;
  provider?: Provider;
  /** Provider domain, else the URL's host: indexed for "by outlet" views. */
  domain: string;
  topics: string[];
  images: ArticleImage[];
  quality?: number;
  heat?: number;
  lang?: string;
  origin: ArticleOrigin;
  record: RecordExtras;
  /** Index terms of title and excerpt (title's first, at most 64; then the markers of the days the
   * text names, src/index/weekdays.ts), for the same-story engine. Not stored since the
   * `drop-row-terms` data step (the segments' forward data hold them as hashes; the tokenizer makes
   * them again from title, excerpt and language: src/store/row-terms.ts): present on an article the
   * writer is about to store, and on rows of a store whose step has not reached them. */
  terms?: string[];
  titleTermCount?: number;
  /** Names, numbers and acronyms among `terms` (see src/index/tokenize.ts). */
  anchors?: string[];
  /** The article's number in the same-story index (src/store/term-index.ts); set when stored. */
  docno?: number;
  /** Content hashes of the descriptions merged into this article (newest last, at most 16):
   * a description seen before is a duplicate and changes nothing. */
  sourceHashes: string[];
  /** When stored and last changed (epoch ms). */
  addedAt: number;
  updatedAt: number;
  /** When the user last read it in the browser (epoch ms). */
  readAt?: number;
}

export type LinkKind = 'related';

/** A typed link between two stored articles: `from`'s record lists `to` as related coverage. */
export interface StoredLink {
  from: string;
  to: string;
  kind: LinkKind;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** How the last refresh of a feed ended ("new": never refreshed yet). */
export type FeedStatus = 'new' | 'ok' | 'not-modified' | 'error';

/** One row of the `feeds` table: a subscription and its refresh state. */
export interface StoredFeed {
  /** Stable id derived from the feed URL ("f" + hash). */
  id: string;
  /** The feed's address (http(s)); unique. */
  url: string;
  /** The feed's own title once fetched (before that, the title it was subscribed with). */
  title: string;
  /** The site the feed belongs to (its outlet), when the feed says. */
  siteUrl?: string;
  addedAt: number;
  paused: boolean;
  /** Minutes between refreshes (default 30). */
  intervalMinutes: number;
  /** Deadline for one request, and the most bytes read from one response. */
  timeoutMs: number;
  maxBytes: number;
  /** HTTP validators of the last full response, for conditional requests. */
  etag?: string;
  lastModified?: string;
  lastAttemptAt?: number;
  /** Last time the feed answered (with items or "not modified"). */
  lastSuccessAt?: number;
  lastStatus: FeedStatus;
  /** What went wrong last time (kept until the next success). */
  lastError?: string;
  lastErrorAt?: number;
  /** Errors in a row: drives the back-off. */
  failures: number;
  /** When the feed is next due (epoch ms). */
  nextRefreshAt: number;
  /** Of the last full response: items that became new articles, and items skipped (no link or title). */
  lastNewItems?: number;
  lastSkippedItems?: number;
}

/** One row of the `feedItems` table: this feed carried this article. */
export interface StoredFeedItem {
  feedId: string;
  articleId: string;
  firstSeenAt: number;
  lastSeenAt: number;
}
