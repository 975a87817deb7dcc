/**
 * The news-record format (see ../shared/data/seed/): validation of one record object, from YAML
 * front matter or JSON, into a clean `NewsRecord`. Everything here is untrusted input: text is
 * bounded, URLs must be http(s), unknown fields are ignored, and `secured` is kept opaque.
 */
import { cleanLine, safeHttpUrl, urlKey } from '../shared';
import { inDateRange, parseDate } from '../shared/dates';

export interface Provider {
  name: string;
  domain: string;
}

export interface ArticleImage {
  url: string;
  width?: number;
  height?: number;
}

/** A validated record. `related` entries are records of their own (without nested `related`). */
export interface NewsRecord {
  title: string;
  excerpt: string;
  /** Epoch milliseconds. */
  publishedAt?: number;
  webUrl?: string;
  originalUrl?: string;
  ampWebUrl?: string;
  cdnAmpWebUrl?: string;
  provider?: Provider;
  topics: string[];
  tags: string[];
  images: ArticleImage[];
  quality?: number;
  heat?: number;
  category?: string;
  type?: string;
  lang?: string;
  /** Opaque data carried by the aggregator format: stored, exported, never shown. */
  secured?: string;
  related: NewsRecord[];
  /** What the store kept of this article beyond the record format (see StoreState); only in
   * files this extension exported. */
  storeState?: StoreState;
}

/** How an article entered the store (see ORIGIN_RANK in src/store/types.ts). */
export const ARTICLE_ORIGINS = ['record', 'feed', 'page', 'related'] as const;

/**
 * The `restOfTheStory` field of an exported record: the store's own state of the article, which
 * the record format has no place for, so that an export imports back as the same article (same
 * id, URL aliases, origin, reading time, feed memberships, and the hashes that make re-imports
 * of the original files change nothing). Other readers of the format ignore it.
 */
export interface StoreState {
  origin: (typeof ARTICLE_ORIGINS)[number];
  /** The URL the extension opens for the article (http(s)). */
  url: string;
  /** Every URL key of the article (src/shared/url.ts), the identifying one first. */
  urlKeys: string[];
  domain: string;
  /** Epoch ms. */
  addedAt: number;
  updatedAt: number;
  readAt?: number;
  sourceHashes: string[];
  /** Feeds that carried the article (restored for feeds that are subscribed when importing). */
  feeds: FeedMembership[];
}

export interface FeedMembership {
  url: string;
  firstSeenAt: number;
  lastSeenAt: number;
}

/** The record field that holds a StoreState. */
export const STORE_STATE_FIELD = 'restOfTheStory';

export const LIMITS = {
  title: 500,
  excerpt: 2000,
  providerName: 200,
  topic: 100,
  topics: 50,
  images: 10,
  related: 200,
  secured: 10_000,
  urlKeys: 200,
  urlKey: 4096,
  sourceHashes: 16,
  feeds: 100,
} as const;

export type RecordResult =
  | { ok: true; record: NewsRecord; warnings: string[] }
  | { ok: false; error: string };

/** Validates one record object. Fails only when there is no usable title or URL. */
export function toNewsRecord(value: unknown, nested = false): RecordResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: 'a record must be an object of fields' };
  }
  const raw = value as Record<string, unknown>;
  const warnings: string[] = [];

  const title = cleanLine(raw.title, LIMITS.title);
  if (title === '') return { ok: false, error: 'missing "title"' };

  const webUrl = optionalUrl(raw, 'webUrl', warnings);
  const originalUrl = optionalUrl(raw, 'originalUrl', warnings);
  const ampWebUrl = optionalUrl(raw, 'ampWebUrl', warnings);
  const cdnAmpWebUrl = optionalUrl(raw, 'cdnAmpWebUrl', warnings);
  if (webUrl === undefined && originalUrl === undefined) {
    return { ok: false, error: `"${title.slice(0, 60)}": no http(s) "webUrl" or "originalUrl"` };
  }

  const record: NewsRecord = {
    title,
    excerpt: cleanLine(raw.excerpt, LIMITS.excerpt),
    topics: stringList(raw.topics, LIMITS.topics, LIMITS.topic),
    tags: stringList(raw.tags, LIMITS.topics, LIMITS.topic),
    images: images(raw.images),
    related: [],
  };
  if (webUrl !== undefined) record.webUrl = webUrl;
  if (originalUrl !== undefined) record.originalUrl = originalUrl;
  if (ampWebUrl !== undefined) record.ampWebUrl = ampWebUrl;
  if (cdnAmpWebUrl !== undefined) record.cdnAmpWebUrl = cdnAmpWebUrl;

  if (raw.publishedDateTime !== undefined && raw.publishedDateTime !== null) {
    const time = parseTime(raw.publishedDateTime);
    if (time === undefined) warnings.push(`"publishedDateTime" is not a date: ${String(raw.publishedDateTime).slice(0, 40)}`);
    else record.publishedAt = time;
  }
  const provider = toProvider(raw.provider);
  if (provider !== undefined) record.provider = provider;
  const quality = finiteNumber(raw.quality);
  if (quality !== undefined) record.quality = quality;
  const heat = finiteNumber(raw.heat);
  if (heat !== undefined) record.heat = heat;
  const category = cleanLine(raw.category, 50);
  if (category !== '') record.category = category;
  const type = cleanLine(raw.type, 50);
  if (type !== '') record.type = type;
  const lang = cleanLine(raw.lang ?? raw.language, 20);
  if (lang !== '') record.lang = lang;
  if (typeof raw.secured === 'string' && raw.secured.length <= LIMITS.secured) record.secured = raw.secured;
  if (raw[STORE_STATE_FIELD] !== undefined) {
    const state = toStoreState(raw[STORE_STATE_FIELD]);
    if (state === null) warnings.push(`"${STORE_STATE_FIELD}" is not valid; imported as a plain record`);
    else record.storeState = state;
  }

  if (!nested && raw.related !== undefined && raw.related !== null) {
    if (!Array.isArray(raw.related)) {
      warnings.push('"related" is not a list; ignored');
    } else {
      raw.related.slice(0, LIMITS.related).forEach((entry, index) => {
        const result = toNewsRecord(entry, true);
        if (result.ok) record.related.push(result.record);
        else warnings.push(`related entry ${index + 1} skipped: ${result.error}`);
      });
    }
  }
  return { ok: true, record, warnings };
}

/** Validates a StoreState from a file; null when it cannot be trusted as a whole. */
export function toStoreState(value: unknown): StoreState | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  const origin = ARTICLE_ORIGINS.find((o) => o === raw.origin);
  const url = safeHttpUrl(raw.url);
  const addedAt = storedTime(raw.addedAt);
  const updatedAt = storedTime(raw.updatedAt);
  if (origin === undefined || url === null || addedAt === undefined || updatedAt === undefined) return null;
  if (!Array.isArray(raw.urlKeys)) return null;
  // Keys are kept as written (they are what the store matched by); each must read as a URL.
  const urlKeys = [
    ...new Set(
      raw.urlKeys.filter(
        (key): key is string => typeof key === 'string' && key.length <= LIMITS.urlKey && !/\s/.test(key) && urlKey('https://' + key) !== null,
      ),
    ),
  ].slice(0, LIMITS.urlKeys);
  if (urlKeys.length === 0) return null;
  const sourceHashes = Array.isArray(raw.sourceHashes)
    ? raw.sourceHashes.filter((hash): hash is string => typeof hash === 'string' && /^[a-z][0-9a-z]{1,12}$/.test(hash)).slice(-LIMITS.sourceHashes)
    : [];
  const domain = typeof raw.domain === 'string' && /^[a-z0-9.:[\]-]{0,253}$/.test(raw.domain) ? raw.domain : '';
  const feeds: FeedMembership[] = [];
  if (Array.isArray(raw.feeds)) {
    for (const entry of raw.feeds.slice(0, LIMITS.feeds)) {
      if (entry === null || typeof entry !== 'object') continue;
      const feed = entry as Record<string, unknown>;
      const feedUrl = safeHttpUrl(feed.url);
      const firstSeenAt = storedTime(feed.firstSeenAt);
      const lastSeenAt = storedTime(feed.lastSeenAt);
      if (feedUrl !== null && firstSeenAt !== undefined && lastSeenAt !== undefined) feeds.push({ url: feedUrl, firstSeenAt, lastSeenAt });
    }
  }
  const state: StoreState = { origin, url, urlKeys, domain, addedAt, updatedAt, sourceHashes, feeds };
  const readAt = storedTime(raw.readAt);
  if (readAt !== undefined) state.readAt = readAt;
  return state;
}

/** A time the store wrote (ISO 8601 in exports): not before 1970, not in the future. */
function storedTime(value: unknown): number | undefined {
  const time = typeof value === 'string' ? (parseDate(value) ?? NaN) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(time) && time >= 0 && time <= Date.now() + 86_400_000 ? time : undefined;
}

function optionalUrl(raw: Record<string, unknown>, field: string, warnings: string[]): string | undefined {
  const value = raw[field];
  if (value === undefined || value === null || value === '') return undefined;
  const url = safeHttpUrl(value);
  if (url === null) {
    warnings.push(`"${field}" is not an http(s) URL; ignored`);
    return undefined;
  }
  return url;
}

/** Accepts dates as text (ISO 8601, RFC 2822 and the rest the project's date parser reads),
 * Date objects (YAML timestamps) and epoch numbers (seconds or milliseconds), in the range every
 * date of the project is held to (src/shared/dates.ts). */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'string') return parseDate(value);
  let time: number;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'number') time = value < 1e11 ? value * 1000 : value;
  else return undefined;
  return inDateRange(time) ? time : undefined;
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringList(value: unknown, maxItems: number, maxLength: number): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    const text = cleanLine(typeof item === 'number' ? String(item) : item, maxLength);
    if (text !== '' && !out.includes(text)) out.push(text);
    if (out.length >= maxItems) break;
  }
  return out;
}

function toProvider(value: unknown): Provider | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const raw = value as Record<string, unknown>;
  const name = cleanLine(raw.name, LIMITS.providerName);
  const domain = cleanLine(raw.domain, 253).toLowerCase().replace(/^www\./, '');
  if (name === '' && domain === '') return undefined;
  const validDomain = /^[a-z0-9.-]+\.[a-z0-9-]+$/.test(domain) ? domain : '';
  return { name: name || validDomain, domain: validDomain };
}

function images(value: unknown): ArticleImage[] {
  if (!Array.isArray(value)) return [];
  const out: ArticleImage[] = [];
  for (const item of value) {
    if (item === null || typeof item !== 'object') continue;
    const raw = item as Record<string, unknown>;
    const url = safeHttpUrl(raw.url);
    if (url === null) continue;
    const image: ArticleImage = { url };
    const width = finiteNumber(raw.width);
    const height = finiteNumber(raw.height);
    if (width !== undefined && width > 0) image.width = Math.round(width);
    if (height !== undefined && height > 0) image.height = Math.round(height);
    out.push(image);
    if (out.length >= LIMITS.images) break;
  }
  return out;
}
