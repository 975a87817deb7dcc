/**
 * Builds what the popup and badge show for a tab: the reported page, the stored article it
 * resolves to, and its related coverage from the store.
 */
import type { RelatedQuery } from '../related/types';
import type { DetectedPage } from '../detect/page';
import type { NewsRecord } from '../record/record';
import type { TabView } from '../messaging/protocol';
import { findRelated } from '../related/find-related';
import { displayLanguage } from '../index/language';
import { displayDomain } from '../shared';
import { parseDate } from '../shared/dates';
import type { ArticleStore } from '../store';
import type { TabViewMemo } from './tab-view-memo';
import type { TabStates } from './tab-states';

/** `memo`: views already built for the same page and store generation are returned as they were. */
export async function buildTabView(store: ArticleStore, tabs: TabStates, tabId: number, memo?: TabViewMemo): Promise<TabView> {
  const state = await tabs.get(tabId);
  const page = state?.page ?? null;
  if (!(await store.hasBeenFilled())) {
    const lang = page === null ? undefined : pageLanguage(page);
    return lang === undefined ? { status: 'empty-store', page } : { status: 'empty-store', page, titleLang: lang };
  }
  if (state === undefined || page === null) return { status: 'not-article', url: state?.url ?? null };
  if (memo === undefined) return lookUpPage(store, page);
  const generation = await store.generation();
  const pageKey = JSON.stringify(page);
  const known = memo.get(tabId, generation, pageKey);
  if (known !== undefined) return known;
  const view = await lookUpPage(store, page);
  memo.set(tabId, generation, pageKey, view);
  return view;
}

async function lookUpPage(store: ArticleStore, page: DetectedPage): Promise<TabView> {
  const query: RelatedQuery = { urls: page.urls, title: page.title, excerpt: page.description };
  const publishedAt = parseDate(page.publishedTime);
  if (publishedAt !== undefined) query.publishedAt = publishedAt;
  if (page.lang !== undefined) query.lang = page.lang;
  const result = await findRelated(store, query);
  const view: TabView = { status: 'article', page, stored: result.article, items: result.items };
  const lang = result.article === null ? pageLanguage(page) : result.article.lang;
  if (lang !== undefined) view.titleLang = lang;
  return view;
}

/** The page's headline's language: what the page states, unless its text surely says otherwise. */
function pageLanguage(page: DetectedPage): string | undefined {
  return displayLanguage(page.lang, `${page.title} ${page.description}`, true);
}

/** The page as a record, so a read article is stored like any other (origin "page"). */
export function pageToRecord(page: DetectedPage): NewsRecord {
  const articleUrl = page.canonicalUrl ?? page.url;
  const domain = displayDomain(articleUrl) ?? '';
  const record: NewsRecord = {
    title: page.title,
    excerpt: page.description,
    originalUrl: articleUrl,
    webUrl: page.url,
    provider: { name: page.siteName ?? domain, domain },
    topics: page.topics,
    tags: [],
    images: page.image === undefined ? [] : [{ url: page.image }],
    related: [],
  };
  const publishedAt = parseDate(page.publishedTime);
  if (publishedAt !== undefined) record.publishedAt = publishedAt;
  if (page.lang !== undefined) record.lang = page.lang;
  return record;
}
