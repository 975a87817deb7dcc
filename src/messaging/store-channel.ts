/**
 * Store changes between the extension's contexts over runtime messaging: a `store-changed`
 * message carrying the change. Runtime messages reach the background (and wake it: a page's
 * import must be followed by retention and badges even when the worker was asleep) and every
 * open extension page; never content scripts, and never the sender itself.
 *
 * The background hears them through its message listener (src/background/messenger checks the
 * sender), which calls `receive`; pages listen with `listenToRuntime`.
 */
import type { StoreChange, StoreChannel, StoreListener } from '../store/events';
import { parseRequest, STORE_CHANGE_MAX_IDS } from './protocol';

/** The part of runtime we use (browser.runtime, or a test double). */
export interface RuntimeMessaging {
  id: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown, sender: { id?: string | undefined; url?: string | undefined }) => undefined): void;
    removeListener(listener: (message: unknown, sender: { id?: string | undefined; url?: string | undefined }) => undefined): void;
  };
}

/** A change small enough for one message: long id lists are cut (what the receivers act on is
 * which kinds of change happened, not every id). */
export function messageSized(change: StoreChange): StoreChange {
  const cut = (ids: string[]) => (ids.length > STORE_CHANGE_MAX_IDS ? ids.slice(0, STORE_CHANGE_MAX_IDS) : ids);
  return { ...change, created: cut(change.created), updated: cut(change.updated), deleted: cut(change.deleted), read: cut(change.read) };
}

export interface ReceivingChannel extends StoreChannel {
  /** Hands a change that arrived by other means (the background's message listener) to the
   * listener, unless this context sent it (`from`). */
  receive(change: StoreChange, from?: string): void;
}

/**
 * Sends over runtime messaging; hears what `receive` is given. No other context listening (no
 * page open, the background stopping) is not an error: nobody needed to hear it.
 */
export function runtimeStoreChannel(runtime: Pick<RuntimeMessaging, 'sendMessage'>): ReceivingChannel {
  let heard: StoreListener | undefined;
  const self = Math.random().toString(36).slice(2);
  return {
    post: (change) =>
      void Promise.resolve()
        .then(() => runtime.sendMessage({ type: 'store-changed', change: messageSized(change), from: self }))
        .catch(() => undefined),
    listen: (listener) => {
      heard = listener;
      return () => {
        heard = undefined;
      };
    },
    receive: (change, from) => {
      if (from !== self) heard?.(change);
    },
  };
}

/** For pages: also hears the changes other contexts send (our own extension's pages and background only). */
export function pageStoreChannel(runtime: RuntimeMessaging, extensionOrigin: string): StoreChannel {
  const channel = runtimeStoreChannel(runtime);
  const onMessage = (message: unknown, sender: { id?: string | undefined; url?: string | undefined }): undefined => {
    if (sender.id !== runtime.id || !(sender.url ?? '').startsWith(extensionOrigin)) return undefined;
    const request = parseRequest(message);
    if (request?.type === 'store-changed' && request.change !== undefined) channel.receive(request.change, request.from);
    return undefined;
  };
  return {
    post: channel.post,
    listen: (listener) => {
      const stop = channel.listen(listener);
      runtime.onMessage.addListener(onMessage);
      return () => {
        stop();
        runtime.onMessage.removeListener(onMessage);
      };
    },
  };
}
