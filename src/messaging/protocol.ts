/**
 * Every message between the extension's contexts, typed in one place. Receivers validate shape
 * (parseRequest) and sender (see ../background/messenger) before acting.
 */
import { finishPage } from '../detect/finish';
import { EVIDENCE_LIMITS, PAGE_LIMITS, type DetectedPage, type PageEvidence } from '../detect/page';
import type { RelatedItem } from '../related/types';
import { cleanLine, safeHttpUrl } from '../shared';
import { parseDate } from '../shared/dates';
import type { Digest } from '../digest/digest';
import type { ArticleView } from '../store/view';
import type { FeedWithCount } from '../store/feed-store';
import type { DiscoveredFeed } from '../feeds/discover';
import type { ImportProgress, ImportReport } from '../ingest/import-files';
import type { FileProblem } from '../ingest/parse-file';
import type { NewsRecord } from '../record/record';
import { ARTICLE_ORIGINS } from '../record/record';
import type { ArticleOrigin } from '../store/types';
import type { RecordFacts } from '../store/merge';
import { isObject } from '../shared/objects';
import { STORE_CHANGE_REASONS, type StoreChange, type StoreChangeReason } from '../store/events';

/** Content script → background: what the page in this tab is (null: not an article). */
export interface PageReport {
  type: 'page-report';
  url: string;
  page: DetectedPage | null;
}

/** Popup → background: the view for one tab. */
export interface GetTabView {
  type: 'get-tab-view';
  tabId: number;
}

/** Any extension context → the others: the store committed a write (announced by the store
 * itself, see src/store/events.ts and ./store-channel.ts). A message without `change` (from a page
 * of an older version) says nothing of what changed and is acknowledged only. */
export interface StoreChanged {
  type: 'store-changed';
  change?: StoreChange;
  /** The sending context's random id: a context never takes its own change back. */
  from?: string;
}

/** Options → background: every feed subscription with its state. */
export interface FeedsList {
  type: 'feeds-list';
}

/**
 * Options → background: subscribe. With `discover` (one pasted address), the address is fetched
 * first: a feed is subscribed and stored at once; a web page answers with the feeds it links.
 * Without (OPML import, the outlet list), the feeds are added and refreshed in the background.
 */
export interface FeedSubscribe {
  type: 'feed-subscribe';
  feeds: { url: string; title?: string }[];
  discover: boolean;
}

/** Options → background: pause or resume a feed, or change its interval or request timeout. */
export interface FeedUpdate {
  type: 'feed-update';
  id: string;
  paused?: boolean;
  intervalMinutes?: number;
  timeoutSeconds?: number;
}

export interface FeedUnsubscribe {
  type: 'feed-unsubscribe';
  id: string;
  /** Also delete the articles only this feed brought. */
  removeArticles: boolean;
}

/** Options → background: refresh these feeds now (null: all that are not paused). */
export interface FeedRefresh {
  type: 'feed-refresh';
  ids: string[] | null;
}

/** New tab → background: the digest of the store as it is now. */
export interface GetDigest {
  type: 'get-digest';
}

/** Any page → background: whether the store is ready, or what it is waiting for (an upgrade's progress). */
export interface GetStoreStatus {
  type: 'store-status';
}

export type Request = PageReport | GetTabView | StoreChanged | FeedsList | FeedSubscribe | FeedUpdate | FeedUnsubscribe | FeedRefresh | GetDigest | GetStoreStatus;

/** The store as the background sees it: pages say this while they wait. */
export type StoreStatus =
  | { state: 'ready' }
  /** Opening (an upgrade of the schema runs while it opens). */
  | { state: 'opening' }
  /** The upgrade waits for an older connection (a page of the previous version) to close. */
  | { state: 'blocked' }
  /** Data steps of an upgrade: `describe`, `done` of `total`. */
  | { state: 'updating'; describe: string; done: number; total: number }
  | { state: 'error'; error: string };

export type FeedView = FeedWithCount;

export type SubscribeResult =
  | { url: string; status: 'subscribed' | 'already'; feed: FeedView }
  /** A web page: these are the feeds it links to (subscribe to one explicitly). */
  | { url: string; status: 'choose'; candidates: DiscoveredFeed[] }
  | { url: string; status: 'error'; error: string };

export interface RefreshResult {
  feedId: string;
  status: 'ok' | 'not-modified' | 'error' | 'gone';
  newItems?: number;
  error?: string;
}

export type TabView =
  /** Nothing is stored yet: point to import and feeds. */
  | { status: 'empty-store'; page: DetectedPage | null; titleLang?: string }
  /** The tab's page is not an article (or could not be read). */
  | { status: 'not-article'; url: string | null }
  /** An article: what it is, what the store knows of it, and its related coverage. `titleLang`:
   * the language of the headline shown (the stored one's, else the page's), when known for sure. */
  | { status: 'article'; page: DetectedPage; stored: ArticleView | null; items: RelatedItem[]; titleLang?: string };

export interface ResponseMap {
  'page-report': { ok: true };
  'get-tab-view': TabView;
  'store-changed': { ok: true };
  'feeds-list': { feeds: FeedView[] };
  'feed-subscribe': { results: SubscribeResult[] };
  'feed-update': { ok: boolean };
  'feed-unsubscribe': { removed: boolean; articlesDeleted: number };
  'feed-refresh': { results: RefreshResult[] };
  'get-digest': Digest;
  'store-status': StoreStatus;
}

export type ResponseOf<R extends Request> = ResponseMap[R['type']];

/** Where a message may come from: a content script in a tab, or one of our extension pages. */
export const ALLOWED_SENDER: Record<Request['type'], 'content-script' | 'extension-page'> = {
  'page-report': 'content-script',
  'get-tab-view': 'extension-page',
  'store-changed': 'extension-page',
  'feeds-list': 'extension-page',
  'feed-subscribe': 'extension-page',
  'feed-update': 'extension-page',
  'feed-unsubscribe': 'extension-page',
  'feed-refresh': 'extension-page',
  'get-digest': 'extension-page',
  'store-status': 'extension-page',
};

export const FEED_MESSAGE_LIMITS = { feeds: 1000, title: 200, minIntervalMinutes: 5, maxIntervalMinutes: 7 * 24 * 60, minTimeoutSeconds: 1, maxTimeoutSeconds: 120 } as const;

const FEED_ID = /^f[0-9a-z]{1,12}$/;

function feedIds(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > FEED_MESSAGE_LIMITS.feeds) return null;
  return value.every((id) => typeof id === 'string' && FEED_ID.test(id)) ? [...new Set(value as string[])] : null;
}

function numberIn(value: unknown, min: number, max: number): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : null;
}

function parseFeedRequest(value: Fields): Request | null {
  switch (value.type) {
    case 'feeds-list':
      return { type: 'feeds-list' };
    case 'feed-subscribe': {
      if (!Array.isArray(value.feeds) || value.feeds.length === 0 || value.feeds.length > FEED_MESSAGE_LIMITS.feeds || typeof value.discover !== 'boolean') return null;
      const feeds: FeedSubscribe['feeds'] = [];
      for (const entry of value.feeds) {
        if (!isObject(entry)) return null;
        const url = safeHttpUrl(entry.url);
        if (url === null) return null;
        const title = cleanLine(entry.title, FEED_MESSAGE_LIMITS.title);
        feeds.push(title === '' ? { url } : { url, title });
      }
      return { type: 'feed-subscribe', feeds, discover: value.discover };
    }
    case 'feed-update': {
      if (typeof value.id !== 'string' || !FEED_ID.test(value.id)) return null;
      const request: FeedUpdate = { type: 'feed-update', id: value.id };
      if (value.paused !== undefined) {
        if (typeof value.paused !== 'boolean') return null;
        request.paused = value.paused;
      }
      if (value.intervalMinutes !== undefined) {
        const minutes = numberIn(value.intervalMinutes, FEED_MESSAGE_LIMITS.minIntervalMinutes, FEED_MESSAGE_LIMITS.maxIntervalMinutes);
        if (minutes === null) return null;
        request.intervalMinutes = Math.round(minutes);
      }
      if (value.timeoutSeconds !== undefined) {
        const seconds = numberIn(value.timeoutSeconds, FEED_MESSAGE_LIMITS.minTimeoutSeconds, FEED_MESSAGE_LIMITS.maxTimeoutSeconds);
        if (seconds === null) return null;
        request.timeoutSeconds = seconds;
      }
      return request;
    }
    case 'feed-unsubscribe':
      if (typeof value.id !== 'string' || !FEED_ID.test(value.id) || typeof value.removeArticles !== 'boolean') return null;
      return { type: 'feed-unsubscribe', id: value.id, removeArticles: value.removeArticles };
    case 'feed-refresh': {
      if (value.ids === null) return { type: 'feed-refresh', ids: null };
      const ids = feedIds(value.ids);
      return ids === null ? null : { type: 'feed-refresh', ids };
    }
    default:
      return null;
  }
}

type Fields = Record<string, unknown>;


/** Validates and cleans a received message; null if it is not one of ours. */
export function parseRequest(value: unknown): Request | null {
  if (!isObject(value) || typeof value.type !== 'string') return null;
  switch (value.type) {
    case 'page-report': {
      const url = safeHttpUrl(value.url);
      if (url === null) return null;
      if (value.page === null) return { type: 'page-report', url, page: null };
      const page = parseDetectedPage(value.page);
      // The content script sends what the page states; the background interprets it.
      return page === null ? null : { type: 'page-report', url, page: finishPage(page) };
    }
    case 'get-tab-view':
      return Number.isSafeInteger(value.tabId) && (value.tabId as number) >= 0 ? { type: 'get-tab-view', tabId: value.tabId as number } : null;
    case 'store-changed': {
      if (value.change === undefined) return { type: 'store-changed' };
      const change = parseStoreChange(value.change);
      if (change === null) return null;
      return typeof value.from === 'string' && value.from.length <= 40 ? { type: 'store-changed', change, from: value.from } : { type: 'store-changed', change };
    }
    case 'get-digest':
      return { type: 'get-digest' };
    case 'store-status':
      return { type: 'store-status' };
    default:
      return parseFeedRequest(value);
  }
}

/** Re-checks a DetectedPage that crossed a context boundary: caps, http(s) URLs, plain strings. */
export function parseDetectedPage(value: unknown): DetectedPage | null {
  if (!isObject(value)) return null;
  const url = safeHttpUrl(value.url);
  const title = cleanLine(value.title, PAGE_LIMITS.title);
  if (url === null || title === '') return null;
  const strings = (list: unknown, max: number, length: number): string[] =>
    Array.isArray(list) ? list.map((item) => cleanLine(item, length)).filter((item) => item !== '').slice(0, max) : [];
  const urls = (Array.isArray(value.urls) ? value.urls : [])
    .map((item: unknown) => safeHttpUrl(item))
    .filter((item): item is string => item !== null && item.length <= PAGE_LIMITS.url)
    .slice(0, PAGE_LIMITS.urls);
  const page: DetectedPage = {
    url,
    urls: urls.includes(url) ? urls : [...urls, url],
    title,
    description: cleanLine(value.description, PAGE_LIMITS.description),
    topics: strings(value.topics, PAGE_LIMITS.topics, PAGE_LIMITS.topic),
    signals: strings(value.signals, PAGE_LIMITS.signals, 60),
  };
  const canonicalUrl = safeHttpUrl(value.canonicalUrl);
  if (canonicalUrl !== null) page.canonicalUrl = canonicalUrl;
  const image = safeHttpUrl(value.image);
  if (image !== null) page.image = image;
  const optionalText: [keyof DetectedPage & ('siteName' | 'lang' | 'author'), number][] = [
    ['siteName', PAGE_LIMITS.siteName],
    ['lang', 20],
    ['author', PAGE_LIMITS.author],
  ];
  for (const [field, max] of optionalText) {
    const text = cleanLine(value[field], max);
    if (text !== '') page[field] = text;
  }
  const domain = typeof value.siteDomain === 'string' ? value.siteDomain.trim().toLowerCase() : '';
  if (domain.length <= PAGE_LIMITS.siteDomain && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) page.siteDomain = domain;
  for (const field of ['publishedTime', 'modifiedTime'] as const) {
    const time = parseDate(value[field]);
    if (time !== undefined) page[field] = new Date(time).toISOString();
  }
  const evidence = parseEvidence(value.evidence);
  if (evidence !== null) page.evidence = evidence;
  return page;
}

/** Re-checks the raw statements a content script sends with a page: strings, capped. */
function parseEvidence(value: unknown): PageEvidence | null {
  if (!isObject(value)) return null;
  const L = EVIDENCE_LIMITS;
  const text = (item: unknown, max: number): string => (typeof item === 'string' ? cleanLine(item, max) : '');
  const list = (items: unknown, maxItems: number, max: number): string[] =>
    Array.isArray(items) ? items.slice(0, maxItems).map((item) => text(item, max)).filter((item) => item !== '') : [];
  const after = typeof value.after === 'string' ? value.after.slice(0, L.after) : '';
  const times: PageEvidence['times'] = [];
  if (Array.isArray(value.times)) {
    for (const time of value.times.slice(0, L.times)) {
      if (!isObject(time) || !Number.isSafeInteger(time.at) || (time.at as number) < 0 || (time.at as number) > after.length) continue;
      const datetime = text(time.datetime, L.statement);
      if (datetime !== '') times.push({ at: time.at as number, datetime, mark: text(time.mark, L.mark) });
    }
  }
  return {
    titles: list(value.titles, L.titles, PAGE_LIMITS.title),
    headings: list(value.headings, L.headings, L.heading),
    names: list(value.names, L.names, PAGE_LIMITS.title),
    published: list(value.published, L.statements, L.statement),
    modified: list(value.modified, L.statements, L.statement),
    after,
    before: typeof value.before === 'string' ? value.before.slice(-L.before) : '',
    times,
    dateTexts: list(value.dateTexts, L.dateTexts, L.dateText),
    otherDates: list(value.otherDates, L.otherDates, L.statement),
  };
}

// Options page ↔ import worker (src/import-worker). A dedicated worker's messages come only from
// the page that started it and back, but both ends still check what they receive.

/** Options page → import worker: import these files (File objects cross by reference, not copied). */
export interface ImportWorkerStart {
  type: 'import-start';
  files: File[];
}

export type ImportWorkerRequest = ImportWorkerStart;

/** Import worker → options page: progress while it runs, then the report or why it stopped. */
export type ImportWorkerEvent =
  | { type: 'import-progress'; progress: ImportProgress }
  | { type: 'import-done'; report: ImportReport }
  /** `storageFull`: the worker saw storage refuse its writes (src/store/errors), which the page
   * cannot tell from the message alone (the error's name does not cross). */
  | { type: 'import-failed'; message: string; storageFull?: true }
  /** A write the worker's store committed: the page announces it to every context (the worker
   * has no extension messaging of its own). */
  | { type: 'import-store-change'; change: StoreChange };

function isFile(value: unknown): value is File {
  return typeof Blob !== 'undefined' && value instanceof Blob && typeof (value as { name?: unknown }).name === 'string';
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

export function parseImportWorkerRequest(value: unknown): ImportWorkerRequest | null {
  if (!isObject(value) || value.type !== 'import-start' || !Array.isArray(value.files) || !value.files.every(isFile)) return null;
  return { type: 'import-start', files: value.files };
}

function parseProgress(value: unknown): ImportProgress | null {
  if (!isObject(value)) return null;
  const fields = ['filesDone', 'filesTotal', 'recordsStored', 'bytesDone', 'bytesTotal'] as const;
  const numbers = fields.map((field) => count(value[field]));
  if (numbers.some((n) => n === null)) return null;
  const [filesDone, filesTotal, recordsStored, bytesDone, bytesTotal] = numbers as number[];
  return { filesDone: filesDone!, filesTotal: filesTotal!, recordsStored: recordsStored!, bytesDone: bytesDone!, bytesTotal: bytesTotal! };
}

function parseProblems(value: unknown): FileProblem[] | null {
  if (!Array.isArray(value)) return null;
  const problems: FileProblem[] = [];
  for (const item of value) {
    if (!isObject(item) || typeof item.file !== 'string' || typeof item.message !== 'string') return null;
    if (item.where !== undefined && typeof item.where !== 'string') return null;
    problems.push(item.where === undefined ? { file: item.file, message: item.message } : { file: item.file, where: item.where, message: item.message });
  }
  return problems;
}

function parseReport(value: unknown): ImportReport | null {
  if (!isObject(value)) return null;
  const fields = ['files', 'imported', 'updated', 'duplicates', 'failed', 'relatedAdded', 'durationMs'] as const;
  const numbers = fields.map((field) => count(value[field]));
  const errors = parseProblems(value.errors);
  const warnings = parseProblems(value.warnings);
  if (numbers.some((n) => n === null) || errors === null || warnings === null) return null;
  const [files, imported, updated, duplicates, failed, relatedAdded, durationMs] = numbers as number[];
  if (value.storageFull !== undefined && typeof value.storageFull !== 'string') return null;
  return {
    files: files!,
    imported: imported!,
    updated: updated!,
    duplicates: duplicates!,
    failed: failed!,
    relatedAdded: relatedAdded!,
    errors,
    warnings,
    durationMs: durationMs!,
    // An import that storage stopped says so in its report (the page shows it as the storage-full alert).
    ...(typeof value.storageFull === 'string' ? { storageFull: value.storageFull } : {}),
  };
}

export function parseImportWorkerEvent(value: unknown): ImportWorkerEvent | null {
  if (!isObject(value)) return null;
  switch (value.type) {
    case 'import-progress': {
      const progress = parseProgress(value.progress);
      return progress === null ? null : { type: 'import-progress', progress };
    }
    case 'import-done': {
      const report = parseReport(value.report);
      return report === null ? null : { type: 'import-done', report };
    }
    case 'import-failed':
      return typeof value.message === 'string' ? { type: 'import-failed', message: value.message, ...(value.storageFull === true ? { storageFull: true as const } : {}) } : null;
    case 'import-store-change': {
      const change = parseStoreChange(value.change);
      return change === null ? null : { type: 'import-store-change', change };
    }
    default:
      return null;
  }
}

// Import worker ↔ its preparation worker (src/import-worker/preparer.ts, prepare-worker.ts; the
// engine benchmark's page starts one too). Both ends are this extension's own code, started by
// each other: records were validated when parsed, and the answers are recordFacts' (what the
// writer assembles its prepared records from), so only the messages' shape is checked here (a
// field-by-field check of every answer would cost as much as preparing it).

/** Writer → preparation worker: prepare these records as of `now` (`id` ties the answer to it). */
export interface PrepareRequest {
  type: 'prepare';
  id: number;
  origin: ArticleOrigin;
  now: number;
  records: NewsRecord[];
}

/** Preparation worker → writer: it can take work; a batch's entries, in order; or the error a
 * record's preparing threw (the batch fails, as it would have on the writer's thread). */
export type PrepareEvent =
  | { type: 'preparer-ready' }
  | { type: 'prepared'; id: number; entries: RecordFacts[] }
  | { type: 'prepare-failed'; id: number; message: string };

export function parsePrepareRequest(value: unknown): PrepareRequest | null {
  if (!isObject(value) || value.type !== 'prepare' || count(value.id) === null || count(value.now) === null) return null;
  if (!(ARTICLE_ORIGINS as readonly unknown[]).includes(value.origin) || !Array.isArray(value.records) || !value.records.every(isObject)) return null;
  return { type: 'prepare', id: value.id as number, origin: value.origin as ArticleOrigin, now: value.now as number, records: value.records as unknown as NewsRecord[] };
}

export function parsePrepareEvent(value: unknown): PrepareEvent | null {
  if (!isObject(value)) return null;
  if (value.type === 'preparer-ready') return { type: 'preparer-ready' };
  if (count(value.id) === null) return null;
  const id = value.id as number;
  if (value.type === 'prepare-failed') return typeof value.message === 'string' ? { type: 'prepare-failed', id, message: value.message } : null;
  if (value.type !== 'prepared' || !Array.isArray(value.entries)) return null;
  const entries = value.entries as unknown[];
  const isEntry = (entry: unknown): boolean => isObject(entry) && Array.isArray(entry.keys) && (entry.openKey === null || typeof entry.openKey === 'string') && (entry.work === undefined || (isObject(entry.work) && typeof entry.work.id === 'string' && isObject(entry.work.fields)));
  return entries.every((entry) => isObject(entry) && isEntry(entry.own) && Array.isArray(entry.related) && entry.related.every(isEntry))
    ? { type: 'prepared', id, entries: entries as unknown as RecordFacts[] }
    : null;
}

/** Most ids one change message carries per list (a write is at most one import batch's, or one
 * prune batch's, articles). */
export const STORE_CHANGE_MAX_IDS = 10_000;
const ARTICLE_ID = /^a[0-9a-z]{11}$/;

function articleIds(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > STORE_CHANGE_MAX_IDS) return null;
  return value.every((id) => typeof id === 'string' && ARTICLE_ID.test(id)) ? (value as string[]) : null;
}

/** A store change from another context, checked field by field (null if it is not one). */
export function parseStoreChange(value: unknown): StoreChange | null {
  if (!isObject(value) || !STORE_CHANGE_REASONS.includes(value.why as StoreChangeReason)) return null;
  if (typeof value.cleared !== 'boolean' || typeof value.feeds !== 'boolean') return null;
  const [created, updated, deleted, read] = [value.created, value.updated, value.deleted, value.read].map(articleIds);
  if (created == null || updated == null || deleted == null || read == null) return null;
  return { why: value.why as StoreChangeReason, created, updated, deleted, read, cleared: value.cleared, feeds: value.feeds };
}
