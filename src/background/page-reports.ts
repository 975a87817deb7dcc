/**
 * What happens when a tab's page is reported, and keeping badges true: record the article as
 * read (if the user allows), then count its related coverage for the badge.
 */
import type { PageReport } from '../messaging/protocol';
import { loadSettings } from '../settings/settings';
import type { ArticleStore } from '../store';
import { showRelatedCount } from './badge';
import { dropIfNeverChecked } from './never-check';
import { buildTabView, pageToRecord } from './tab-views';
import type { TabStates } from './tab-states';

export interface BackgroundDeps {
  store: ArticleStore;
  tabs: TabStates;
}

export async function handlePageReport(deps: BackgroundDeps, tabId: number, report: PageReport): Promise<void> {
  if (await dropIfNeverChecked(deps.tabs, tabId, report.url)) return;
  await deps.tabs.set(tabId, { url: report.url, page: report.page });
  if (report.page !== null && (await loadSettings()).rememberReadArticles) {
    await deps.store.upsertRecords([pageToRecord(report.page)], 'page', { readAt: Date.now() });
  }
  await refreshBadge(deps, tabId);
}

export async function refreshBadge(deps: BackgroundDeps, tabId: number): Promise<void> {
  const view = await buildTabView(deps.store, deps.tabs, tabId);
  await showRelatedCount(tabId, view.status === 'article' ? view.items.length : 0);
}

export async function refreshAllBadges(deps: BackgroundDeps): Promise<void> {
  for (const tabId of await deps.tabs.tabIds()) await refreshBadge(deps, tabId);
}

/** A tab left the page that was reported (navigation without a new report yet): forget it. */
export async function handleTabUrlChange(deps: BackgroundDeps, tabId: number, url: string): Promise<void> {
  const state = await deps.tabs.get(tabId);
  if (state === undefined || state.url === url) return;
  await deps.tabs.remove(tabId);
  await showRelatedCount(tabId, 0);
}
