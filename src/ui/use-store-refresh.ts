/**
 * Keeps an open page's answer current: when the store's articles change (an import in the options
 * page, a feed refresh, an article read in another tab), `reload` runs — at most once per
 * `intervalMs`, so an import of many batches reloads a few times, not once a batch. Reading marks
 * and feed states alone don't change what a lookup finds and are ignored.
 */
import { useEffect } from 'preact/hooks';
import { contentChanged, type StoreChange } from '../store/events';

export type WatchStore = (listener: (change: StoreChange) => void) => () => void;

export const STORE_REFRESH_INTERVAL_MS = 500;

export function useStoreRefresh(watchStore: WatchStore | undefined, reload: () => void, intervalMs = STORE_REFRESH_INTERVAL_MS): void {
  useEffect(() => {
    if (watchStore === undefined) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const fire = (): void => {
      timer = undefined;
      last = Date.now();
      reload();
    };
    const stop = watchStore((change) => {
      if (!contentChanged(change) || timer !== undefined) return;
      timer = setTimeout(fire, Math.max(0, last + intervalMs - Date.now()));
    });
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [watchStore, reload, intervalMs]);
}
