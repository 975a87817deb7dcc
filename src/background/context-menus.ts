/**
 * The page's context menu: find related coverage (of the page, a link, selected text), save an
 * article to the store, never check a site. Two parts, as the browser needs them: the items
 * (created once per install or browser start; they persist), and the click handler, which reads
 * what was clicked and does it. Browser APIs come in as dependencies, so the handler is tested
 * in Node and dispatched directly in the real-browser tests.
 */
import { toNewsRecord, type NewsRecord } from '../record/record';
import { resultsPath, QUERY_TEXT_MAX, type ResultsPath } from '../results/query';
import { loadSettings, saveSettings } from '../settings/settings';
import { siteOf, withSite } from '../settings/never-check';
import { cleanLine, displayDomain, safeHttpUrl } from '../shared';
import { wordsFromUrl } from '../shared/slug';
import { parseDate } from '../shared/dates';
import type { ArticleStore, UpsertOutcome } from '../store';
import { pageToRecord } from './tab-views';
import type { TabStates } from './tab-states';

export const MENU_IDS = {
  page: 'rc-page',
  link: 'rc-link',
  selection: 'rc-selection',
  save: 'rc-save',
  never: 'rc-never',
} as const;

export type MenuId = (typeof MENU_IDS)[keyof typeof MENU_IDS];

type MenuContext = 'page' | 'link' | 'selection';

export interface MenuItem {
  id: MenuId;
  title: string;
  contexts: [MenuContext, ...MenuContext[]];
  documentUrlPatterns: string[];
}

/** Web pages only: the items make no sense on the browser's own or the extension's pages. */
const WEB_PAGES = ['http://*/*', 'https://*/*'];

export const MENU_ITEMS: readonly MenuItem[] = [
  { id: MENU_IDS.page, title: 'Find related coverage', contexts: ['page'], documentUrlPatterns: WEB_PAGES },
  { id: MENU_IDS.link, title: 'Find related coverage of this link', contexts: ['link'], documentUrlPatterns: WEB_PAGES },
  // Chrome puts the selected text in place of %s.
  { id: MENU_IDS.selection, title: 'Find coverage of “%s”', contexts: ['selection'], documentUrlPatterns: WEB_PAGES },
  { id: MENU_IDS.save, title: 'Save article to my library', contexts: ['page', 'link'], documentUrlPatterns: WEB_PAGES },
  { id: MENU_IDS.never, title: 'Never check this site', contexts: ['page'], documentUrlPatterns: WEB_PAGES },
];

export interface MenusApi {
  removeAll(): Promise<void>;
  create(item: MenuItem): unknown;
}

/** (Re)creates the items: on install and browser start (items persist across worker restarts,
 * and creating an existing id is an error). */
export async function createMenus(menus: MenusApi): Promise<void> {
  await menus.removeAll();
  for (const item of MENU_ITEMS) menus.create({ ...item, documentUrlPatterns: [...item.documentUrlPatterns], contexts: [...item.contexts] as MenuItem['contexts'] });
}

/** What a click reports (the fields of contextMenus.OnClickData used here). */
export interface MenuClick {
  menuItemId: string | number;
  pageUrl?: string | undefined;
  frameId?: number | undefined;
  linkUrl?: string | undefined;
  /** Firefox gives the link's text; Chrome does not (see MenuDeps.readLinkText). */
  linkText?: string | undefined;
  selectionText?: string | undefined;
}

/** The tab the menu was opened in (the fields of tabs.Tab used here). */
export interface MenuTab {
  id?: number | undefined;
  index: number;
  windowId: number;
  url?: string | undefined;
  title?: string | undefined;
}

export interface MenuDeps {
  store: ArticleStore;
  tabs: TabStates;
  /** Opens the toolbar popup of this window; rejects where the browser cannot. */
  openPopup(windowId: number): Promise<void>;
  /** Opens one of our pages (a path from resultsPath) in a new tab right after `tab`. */
  openPage(path: ResultsPath, tab: MenuTab | undefined): Promise<void>;
  /** The text of the link to `url` in that tab and frame; null when the page cannot be read. */
  readLinkText(tabId: number, frameId: number, url: string): Promise<string | null>;
  /** The store changed for this tab's page: its badge may change. */
  refreshTab(tabId: number): Promise<void>;
  /** A site was listed: forget what its tabs reported, clear their badges. */
  forgetSite(site: string): Promise<void>;
}

export type MenuOutcome =
  | { action: 'popup' }
  | { action: 'results'; path: string }
  | { action: 'saved'; articleId: string; outcome: UpsertOutcome; title: string }
  | { action: 'never-check'; site: string }
  | { action: 'ignored'; reason: string };

/** Runs the clicked item. Every input is untrusted (page URLs, titles, link and selected text). */
export async function handleMenuClick(deps: MenuDeps, info: MenuClick, tab: MenuTab | undefined): Promise<MenuOutcome> {
  switch (info.menuItemId) {
    case MENU_IDS.page:
      return findForPage(deps, info, tab);
    case MENU_IDS.link: {
      const url = safeHttpUrl(info.linkUrl);
      if (url === null) return { action: 'ignored', reason: 'the link is not an http(s) address' };
      return openResults(deps, { kind: 'link', url, text: await linkText(deps, info, tab, url) }, tab);
    }
    case MENU_IDS.selection: {
      const text = cleanLine(info.selectionText, QUERY_TEXT_MAX);
      if (text === '') return { action: 'ignored', reason: 'no text is selected' };
      return openResults(deps, { kind: 'text', text }, tab);
    }
    case MENU_IDS.save:
      return save(deps, info, tab);
    case MENU_IDS.never:
      return neverCheck(deps, info, tab);
    default:
      return { action: 'ignored', reason: `unknown menu item ${String(info.menuItemId)}` };
  }
}

/** The popup, which shows this tab's article and its coverage; where the browser will not open
 * it, or the page was not recognised as an article, the results page for the page itself. */
async function findForPage(deps: MenuDeps, info: MenuClick, tab: MenuTab | undefined): Promise<MenuOutcome> {
  const url = safeHttpUrl(info.pageUrl ?? tab?.url);
  if (url === null) return { action: 'ignored', reason: 'the page is not an http(s) page' };
  const state = tab?.id === undefined ? undefined : await deps.tabs.get(tab.id);
  if (tab !== undefined && state?.page != null) {
    try {
      await deps.openPopup(tab.windowId);
      return { action: 'popup' };
    } catch {
      // No focused window, or the browser refuses: the results page instead.
    }
  }
  const text = cleanLine(state?.page?.title ?? tab?.title, QUERY_TEXT_MAX);
  // A recognised page's date, so that an unstored page is looked up around it (as its popup does).
  const publishedAt = parseDate(state?.page?.publishedTime);
  return openResults(deps, publishedAt === undefined ? { kind: 'link', url, text } : { kind: 'link', url, text, publishedAt }, tab);
}

async function openResults(deps: MenuDeps, query: Parameters<typeof resultsPath>[0], tab: MenuTab | undefined): Promise<MenuOutcome> {
  const path = resultsPath(query);
  await deps.openPage(path, tab);
  return { action: 'results', path };
}

/** The link's own text (Firefox says it; in Chrome it is read from the page), else the words
 * of its address. */
async function linkText(deps: MenuDeps, info: MenuClick, tab: MenuTab | undefined, url: string): Promise<string> {
  let text = cleanLine(info.linkText, QUERY_TEXT_MAX);
  if (text === '' && tab?.id !== undefined) {
    const read = await deps.readLinkText(tab.id, info.frameId ?? 0, url).catch(() => null);
    text = cleanLine(read, QUERY_TEXT_MAX);
  }
  // A link whose text is its address says nothing more than the address.
  if (text === url) text = '';
  return text === '' ? wordsFromUrl(url) : text;
}

/** Stores the link, or the page (as detected when it was recognised, else by its title). */
async function save(deps: MenuDeps, info: MenuClick, tab: MenuTab | undefined): Promise<MenuOutcome> {
  let record: NewsRecord | null;
  let readAt: number | undefined;
  if (info.linkUrl !== undefined) {
    const url = safeHttpUrl(info.linkUrl);
    if (url === null) return { action: 'ignored', reason: 'the link is not an http(s) address' };
    record = plainRecord(url, await linkText(deps, info, tab, url));
  } else {
    const url = safeHttpUrl(info.pageUrl ?? tab?.url);
    if (url === null) return { action: 'ignored', reason: 'the page is not an http(s) page' };
    const state = tab?.id === undefined ? undefined : await deps.tabs.get(tab.id);
    record = state?.page != null ? pageToRecord(state.page) : plainRecord(url, cleanLine(tab?.title, QUERY_TEXT_MAX) || wordsFromUrl(url));
    // The user has the page open: it counts as read.
    readAt = Date.now();
  }
  if (record === null) return { action: 'ignored', reason: 'nothing names this article (no title, no words in its address)' };
  const result = await deps.store.upsertRecords([record], 'page', readAt === undefined ? { why: 'save' } : { readAt, why: 'save' });
  if (tab?.id !== undefined) await deps.refreshTab(tab.id);
  return { action: 'saved', articleId: result.ids[0]!, outcome: result.outcomes[0]!, title: record.title };
}

/** A record for an address and a title only (validated like any imported record). */
function plainRecord(url: string, title: string): NewsRecord | null {
  const domain = displayDomain(url) ?? '';
  const parsed = toNewsRecord({ title, originalUrl: url, provider: { name: domain, domain } });
  return parsed.ok ? parsed.record : null;
}

async function neverCheck(deps: MenuDeps, info: MenuClick, tab: MenuTab | undefined): Promise<MenuOutcome> {
  const site = siteOf(info.pageUrl ?? tab?.url ?? '');
  if (site === null) return { action: 'ignored', reason: 'the page is not an http(s) page with a host name' };
  const settings = await loadSettings();
  await saveSettings({ neverCheckSites: withSite(settings.neverCheckSites, site) });
  await deps.forgetSite(site);
  return { action: 'never-check', site };
}
