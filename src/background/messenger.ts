/**
 * The background's single message entry: checks each message's shape and sender before handing
 * it to its handler. Messages that fail either check are ignored (no response).
 */
import { ALLOWED_SENDER, parseRequest, type Request, type ResponseMap } from '../messaging/protocol';

/** The fields of runtime.MessageSender we rely on. */
export interface Sender {
  id?: string | undefined;
  url?: string | undefined;
  frameId?: number | undefined;
  tab?: { id?: number | undefined } | undefined;
}

export type Handlers = {
  [K in Request['type']]: (request: Extract<Request, { type: K }>, sender: Sender & { tabId?: number }) => Promise<ResponseMap[K]>;
};

export interface MessengerContext {
  /** Our extension id (runtime.id). */
  extensionId: string;
  /** Our pages' origin, e.g. "chrome-extension://<id>/". */
  extensionOrigin: string;
}

export function isAllowedSender(type: Request['type'], sender: Sender, context: MessengerContext): boolean {
  if (sender.id !== context.extensionId) return false;
  const url = sender.url ?? '';
  if (ALLOWED_SENDER[type] === 'extension-page') return url.startsWith(context.extensionOrigin);
  // Content scripts: top frame of a real tab showing a web page.
  return sender.tab?.id !== undefined && sender.tab.id >= 0 && sender.frameId === 0 && /^https?:\/\//.test(url);
}

/** A runtime.onMessage listener: returns a promise for our messages, undefined otherwise. */
export function createMessageListener(handlers: Handlers, context: MessengerContext) {
  return (message: unknown, sender: Sender): Promise<unknown> | undefined => {
    const request = parseRequest(message);
    if (request === null || !isAllowedSender(request.type, sender, context)) return undefined;
    const handler = handlers[request.type] as (request: Request, sender: Sender & { tabId?: number }) => Promise<unknown>;
    const tabId = sender.tab?.id;
    return handler(request, tabId === undefined ? sender : { ...sender, tabId });
  };
}
