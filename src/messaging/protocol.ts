/**
 * Every message between the extension's contexts, typed in one place. Receivers validate shape
 * (parseRequest) and sender (see ../background/messenger) before acting.
 */
import { PAGE_LIMITS, type DetectedPage } from '../detect/page';
import type { RelatedItem } from '../related/types';
import { cleanLine, safeHttpUrl } from '../shared';
import type { ArticleView } from '../store/view';

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

/** Options → background: the store changed (import, delete); badges need refreshing. */
export interface StoreChanged {
  type: 'store-changed';
}

export type Request = PageReport | GetTabView | StoreChanged;

export type TabView =
  /** Nothing is stored yet: point to import and feeds. */
  | { status: 'empty-store'; page: DetectedPage | null }
  /** The tab's page is not an article (or could not be read). */
  | { status: 'not-article'; url: string | null }
  /** An article: what it is, what the store knows of it, and its related coverage. */
  | { status: 'article'; page: DetectedPage; stored: ArticleView | null; items: RelatedItem[] };

export interface ResponseMap {
  'page-report': { ok: true };
  'get-tab-view': TabView;
  'store-changed': { ok: true };
}

export type ResponseOf<R extends Request> = ResponseMap[R['type']];

/** Where a message may come from: a content script in a tab, or one of our extension pages. */
export const ALLOWED_SENDER: Record<Request['type'], 'content-script' | 'extension-page'> = {
  'page-report': 'content-script',
  'get-tab-view': 'extension-page',
  'store-changed': 'extension-page',
};

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Validates and cleans a received message; null if it is not one of ours. */
export function parseRequest(value: unknown): Request | null {
  if (!isObject(value) || typeof value.type !== 'string') return null;
  switch (value.type) {
    case 'page-report': {
      const url = safeHttpUrl(value.url);
      if (url === null) return null;
      if (value.page === null) return { type: 'page-report', url, page: null };
      const page = parseDetectedPage(value.page);
      return page === null ? null : { type: 'page-report', url, page };
    }
    case 'get-tab-view':
      return Number.isSafeInteger(value.tabId) && (value.tabId as number) >= 0 ? { type: 'get-tab-view', tabId: value.tabId as number } : null;
    case 'store-changed':
      return { type: 'store-changed' };
    default:
      return null;
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
    const raw = value[field];
    if (typeof raw === 'string' && Number.isFinite(Date.parse(raw))) page[field] = new Date(Date.parse(raw)).toISOString();
  }
  return page;
}
