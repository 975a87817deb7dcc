/**
 * What happens when a tab's page is reported, and keeping badges true: record the article as
 * read (if the user allows), then count its related coverage for the badge.
 */
import type { PageReport } from '../messaging/protocol';
import { loadSettings } from '../settings/settings';
import type { ArticleStore } from '../store';
import { showRelatedCount } from './badge';
import { dropIfNeverChecked } from './never-check';
import { refreshesAllBadges } from './store-reactions';
import { buildTabView, pageToRecord } from './tab-views';
import type { TabStates } from './tab-states';
import type { TabViewMemo } from './tab-view-memo';

export interface BackgroundDeps {
  store: ArticleStore;
  tabs: TabStates;
  /** Views the badge built, for the popup to reuse. */
  views?: TabViewMemo;
}

export async function handlePageReport(deps: BackgroundDeps, tabId: number, report: PageReport): Promise<void> {
  if (await dropIfNeverChecked(deps.tabs, tabId, report.url)) return;
  await deps.tabs.set(tabId, { url: report.url, page: report.page });
  if (report.page !== null && (await loadSettings()).rememberReadArticles) {
    const stored = await deps.store.upsertRecords([pageToRecord(report.page)], 'page', { readAt: Date.now() });
    // The rule every write follows (./store-reactions): a page new to the store, or one that
    // changed what is stored, may be coverage for what other tabs show. Reading a stored article
    // again only changes its reading time.
    if (refreshesAllBadges({ created: stored.createdIds, updated: stored.updatedIds, deleted: [], cleared: false })) {
      await refreshAllBadges(deps);
      return;
    }
  }
  await refreshBadge(deps, tabId);
}

export async function refreshBadge(deps: BackgroundDeps, tabId: number): Promise<void> {
  const view = await buildTabView(deps.store, deps.tabs, tabId, deps.views);
  await showRelatedCount(tabId, view.status === 'article' ? view.items.length : 0);
}

export async function refreshAllBadges(deps: BackgroundDeps): Promise<void> {
  for (const tabId of await deps.tabs.tabIds()) await refreshBadge(deps, tabId);
}

/** A tab left the page that was reported (navigation without a new report yet): forget it. A
 * jump within the page (only the #fragment changed) is the same page. */
export async function handleTabUrlChange(deps: BackgroundDeps, tabId: number, url: string): Promise<void> {
  const state = await deps.tabs.get(tabId);
  if (state === undefined || samePage(state.url, url)) return;
  await deps.tabs.remove(tabId);
  await showRelatedCount(tabId, 0);
}

/**
 * A tab finished loading, or was switched to: show its badge again from what we know. Chrome
 * clears a tab's badge when the tab commits a new document (a reload, a page restored from the
 * back/forward cache), possibly after we set it for that page's report.
 */
export async function handleTabShown(deps: BackgroundDeps, tabId: number, url: string | undefined): Promise<void> {
  const state = await deps.tabs.get(tabId);
  if (state === undefined || (url !== undefined && !samePage(state.url, url))) return;
  await refreshBadge(deps, tabId);
}

/** Two addresses of one page: equal but for the #fragment. */
export function samePage(a: string, b: string): boolean {
  return a.split('#', 1)[0] === b.split('#', 1)[0];
}
