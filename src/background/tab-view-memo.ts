/**
 * The last view built for each tab, tagged with the store's write generation and the page it was
 * built for. The badge builds a tab's view as soon as its page is reported; the popup, opened
 * later, gets that same view at once instead of running the lookup again. Any write to the store
 * changes the generation, so a remembered view is never stale.
 */
import type { TabView } from '../messaging/protocol';

interface MemoEntry {
  generation: string;
  pageKey: string;
  view: TabView;
}

/** Enough tabs for any real window set; the oldest entries go first. */
const MAX_TABS = 64;

export class TabViewMemo {
  private readonly entries = new Map<number, MemoEntry>();

  get(tabId: number, generation: string | undefined, pageKey: string): TabView | undefined {
    const entry = this.entries.get(tabId);
    if (generation === undefined || entry === undefined) return undefined;
    return entry.generation === generation && entry.pageKey === pageKey ? entry.view : undefined;
  }

  set(tabId: number, generation: string | undefined, pageKey: string, view: TabView): void {
    if (generation === undefined) return;
    this.entries.delete(tabId);
    this.entries.set(tabId, { generation, pageKey, view });
    if (this.entries.size > MAX_TABS) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(tabId: number): void {
    this.entries.delete(tabId);
  }
}
