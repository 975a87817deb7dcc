/**
 * One HTTP request for a feed, as privately and defensively as a browser allows: no cookies or
 * credentials, no referrer, no HTTP cache (so our own validators decide, and a 304 reaches us), a
 * deadline for the whole exchange, and a size cap enforced while the body streams in.
 */
import { parseDate } from '../shared/dates';
import { errorMessage } from '../shared/errors';

export interface FetchFeedOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Validators from the last successful response, for a conditional request. */
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** What to ask for (feeds by default; discovery also accepts HTML). */
  accept?: string;
  fetchImpl?: typeof fetch;
}

export type FetchOutcome =
  | { status: 'not-modified' }
  | { status: 'ok'; bytes: Uint8Array; contentType: string | null; etag?: string; lastModified?: string; url: string };

export type FetchErrorKind = 'timeout' | 'too-large' | 'http' | 'network';

export class FeedFetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly httpStatus?: number,
    /** From a Retry-After header on 429/503. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FetchOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const seconds = `${Math.round(options.timeoutMs / 100) / 10} s`;
  const headers: Record<string, string> = { Accept: options.accept ?? FEED_ACCEPT };
  if (options.etag !== undefined) headers['If-None-Match'] = options.etag;
  if (options.lastModified !== undefined) headers['If-Modified-Since'] = options.lastModified;
  try {
    let response: Response;
    try {
      response = await (options.fetchImpl ?? fetch)(url, {
        method: 'GET',
        headers,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        redirect: 'follow',
        signal: controller.signal,
      });
    } catch (error) {
      if (timedOut) throw new FeedFetchError('timeout', `no answer within ${seconds}`);
      throw new FeedFetchError('network', `could not connect: ${errorMessage(error)}`);
    }
    if (response.status === 304) {
      void response.body?.cancel().catch(() => undefined);
      return { status: 'not-modified' };
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      const retryAfter = retryAfterMs(response.headers.get('retry-after'));
      throw new FeedFetchError('http', `the server answered HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}`, response.status, retryAfter);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      controller.abort();
      throw new FeedFetchError('too-large', `the feed is ${formatBytes(declared)}, over the ${formatBytes(options.maxBytes)} limit`);
    }
    const bytes = await readCapped(response, options.maxBytes, controller, () => timedOut, seconds);
    const outcome: FetchOutcome = { status: 'ok', bytes, contentType: response.headers.get('content-type'), url: response.url || url };
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if (etag !== null && etag.length <= 512) outcome.etag = etag;
    if (lastModified !== null && lastModified.length <= 100) outcome.lastModified = lastModified;
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number, controller: AbortController, timedOut: () => boolean, seconds: string): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Stop reading at once: the rest is never downloaded.
        controller.abort();
        throw new FeedFetchError('too-large', `the feed is larger than the ${formatBytes(maxBytes)} limit; stopped reading`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    if (timedOut()) throw new FeedFetchError('timeout', `the feed did not arrive completely within ${seconds}`);
    throw new FeedFetchError('network', `the connection broke while reading: ${errorMessage(error)}`);
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Retry-After in ms (seconds or an HTTP date), bounded to a day. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header.trim());
  // An HTTP date lies ahead of now: no upper bound on it here, the result is capped below.
  const ms = Number.isFinite(seconds) ? seconds * 1000 : (parseDate(header, { now: Number.POSITIVE_INFINITY }) ?? NaN) - now;
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return Math.min(ms, 86_400_000);
}
