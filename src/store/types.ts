import type { ArticleImage, Provider } from '../ingest/record';

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
  /** Index terms of title and excerpt (title's first), for scoring. */
  terms: string[];
  titleTermCount: number;
  /** `terms` keyed by publication week ("term@week"): multi-entry indexed, the engine's postings. */
  postings: string[];
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

/** How many stored articles fall in a week (see src/related/postings.ts). */
export interface WeekCount {
  week: number;
  count: number;
}
