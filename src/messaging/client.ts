/** Sending typed requests from any context. */
import { browser } from 'wxt/browser';
import type { Request, ResponseOf } from './protocol';

export function sendRequest<R extends Request>(request: R): Promise<ResponseOf<R>> {
  return browser.runtime.sendMessage(request) as Promise<ResponseOf<R>>;
}
