/**
 * A stored article as a record of the news-record format, for export: the fields the importer
 * reads, its `related:` list rebuilt from the store's links, and the store's own state of the
 * article under `restOfTheStory` (see StoreState in src/record/record.ts), so that importing the
 * file gives back the same store. Pure: no IndexedDB here.
 */
import { STORE_STATE_FIELD, type FeedMembership, type StoreState } from '../record/record';
import type { StoredArticle } from '../store';

/** StoreState as written to a file: times as ISO 8601. */
export interface ExportedState {
  origin: StoreState['origin'];
  url: string;
  urlKeys: string[];
  domain: string;
  addedAt: string;
  updatedAt: string;
  readAt?: string;
  sourceHashes: string[];
  feeds?: { url: string; firstSeenAt: string; lastSeenAt: string }[];
}

export interface ExportedRecord {
  title: string;
  excerpt: string;
  publishedDateTime?: string;
  originalUrl?: string;
  webUrl?: string;
  ampWebUrl?: string;
  cdnAmpWebUrl?: string;
  provider?: { name: string; domain: string };
  topics: string[];
  tags?: string[];
  images: { url: string; width?: number; height?: number }[];
  quality?: number;
  heat?: number;
  category?: string;
  type?: string;
  lang?: string;
  secured?: string;
  related?: ExportedRecord[];
  [STORE_STATE_FIELD]: ExportedState;
}

/**
 * Whether an article is written as a record of its own. Articles known only as entries of other
 * records' related lists are written inside those lists; one that nothing links to any more (its
 * record was deleted) or that links to others is written on its own, so nothing is lost.
 */
export function isExportedAsRecord(article: StoredArticle, linksOut: boolean, linkedTo: boolean): boolean {
  return article.origin !== 'related' || linksOut || !linkedTo;
}

/** The record of an article; `related` are the articles it links to, `feeds` the feeds that carried it. */
export function toExportedRecord(article: StoredArticle, related: readonly StoredArticle[] = [], feeds: readonly FeedMembership[] = []): ExportedRecord {
  const extras = article.record;
  const record: ExportedRecord = { title: article.title, excerpt: article.excerpt, topics: [...article.topics], images: [], [STORE_STATE_FIELD]: exportedState(article, feeds) };
  if (article.publishedAt !== undefined) record.publishedDateTime = new Date(article.publishedAt).toISOString();
  for (const field of ['originalUrl', 'webUrl', 'ampWebUrl', 'cdnAmpWebUrl'] as const) {
    const value = extras[field];
    if (value !== undefined) record[field] = value;
  }
  // The importer needs an address; a store row always has one, but never write a record it refuses.
  if (record.originalUrl === undefined && record.webUrl === undefined) record.webUrl = article.url;
  if (article.provider !== undefined) record.provider = { name: article.provider.name, domain: article.provider.domain };
  if (extras.tags !== undefined && extras.tags.length > 0) record.tags = [...extras.tags];
  record.images = article.images.map((image) => ({ ...image }));
  if (article.quality !== undefined) record.quality = article.quality;
  if (article.heat !== undefined) record.heat = article.heat;
  if (extras.category !== undefined) record.category = extras.category;
  if (extras.type !== undefined) record.type = extras.type;
  if (article.lang !== undefined) record.lang = article.lang;
  if (extras.secured !== undefined) record.secured = extras.secured;
  if (related.length > 0) {
    // Nested entries carry their whole state too: an article known only from related lists
    // exists nowhere else in the file.
    record.related = [...related].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((linked) => toExportedRecord(linked));
  }
  return record;
}

function exportedState(article: StoredArticle, feeds: readonly FeedMembership[]): ExportedState {
  const state: ExportedState = {
    origin: article.origin,
    url: article.url,
    urlKeys: [...article.urls],
    domain: article.domain,
    addedAt: iso(article.addedAt),
    updatedAt: iso(article.updatedAt),
    sourceHashes: [...article.sourceHashes],
  };
  if (article.readAt !== undefined) state.readAt = iso(article.readAt);
  if (feeds.length > 0) state.feeds = feeds.map((feed) => ({ url: feed.url, firstSeenAt: iso(feed.firstSeenAt), lastSeenAt: iso(feed.lastSeenAt) }));
  return state;
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
