import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedFetchError, fetchFeed, retryAfterMs } from '../../../src/feeds/fetch-feed';
import { startServer, type TestServer } from './feed-server';

let server: TestServer;
let bigBytesSent = 0;

beforeAll(async () => {
  server = await startServer({
    '/etag.xml': (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304, { etag: '"v1"' });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Wed, 01 May 2024 10:00:00 GMT' });
      response.end('<rss/>');
    },
    '/error.xml': (_request, response) => {
      response.writeHead(503, { 'retry-after': '120' });
      response.end('busy');
    },
    '/slow.xml': () => {
      // Never answers.
    },
    '/slow-body.xml': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.write('<rss><channel>');
      // …and never finishes.
    },
    '/declared-big.xml': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(50 * 1024 * 1024) });
      response.write('<rss>');
    },
    '/streamed-big.xml': (_request, response) => {
      // 20 MB without a Content-Length, in 64 KB chunks, as fast as the client reads.
      response.writeHead(200, { 'content-type': 'application/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let left = 320;
      const pump = (): void => {
        while (left > 0) {
          left--;
          bigBytesSent += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      response.on('close', () => (left = 0));
      pump();
    },
  });
});

afterAll(() => server.close());

describe('fetchFeed', () => {
  it('returns bytes and validators, then sends them back and understands 304', async () => {
    const first = await fetchFeed(server.url('/etag.xml'), { timeoutMs: 5000, maxBytes: 1024 });
    expect(first.status).toBe('ok');
    if (first.status !== 'ok') return;
    expect(new TextDecoder().decode(first.bytes)).toBe('<rss/>');
    expect(first.etag).toBe('"v1"');
    expect(first.lastModified).toBe('Wed, 01 May 2024 10:00:00 GMT');
    const second = await fetchFeed(server.url('/etag.xml'), { timeoutMs: 5000, maxBytes: 1024, etag: first.etag, lastModified: first.lastModified });
    expect(second).toEqual({ status: 'not-modified' });
    const sent = server.requests.filter((r) => r.path === '/etag.xml');
    expect(sent[1]).toMatchObject({ ifNoneMatch: '"v1"', ifModifiedSince: 'Wed, 01 May 2024 10:00:00 GMT' });
    expect(sent.every((r) => r.cookie === undefined && r.referer === undefined)).toBe(true);
  });

  it('reports HTTP errors with their status and Retry-After', async () => {
    const error = await fetchFeed(server.url('/error.xml'), { timeoutMs: 5000, maxBytes: 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedFetchError);
    expect(error).toMatchObject({ kind: 'http', httpStatus: 503, retryAfterMs: 120_000 });
    expect((error as Error).message).toMatch(/HTTP 503/);
  });

  it('gives up after the timeout, whether the headers or the body are late', async () => {
    const started = Date.now();
    await expect(fetchFeed(server.url('/slow.xml'), { timeoutMs: 300, maxBytes: 1024 })).rejects.toMatchObject({ kind: 'timeout', message: 'no answer within 0.3 s' });
    await expect(fetchFeed(server.url('/slow-body.xml'), { timeoutMs: 300, maxBytes: 1024 })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses a response declared too large without reading it', async () => {
    await expect(fetchFeed(server.url('/declared-big.xml'), { timeoutMs: 5000, maxBytes: 1024 * 1024 })).rejects.toMatchObject({ kind: 'too-large', message: 'the feed is 50 MB, over the 1 MB limit' });
  });

  it('stops reading a 20 MB stream soon after the cap', async () => {
    await expect(fetchFeed(server.url('/streamed-big.xml'), { timeoutMs: 10_000, maxBytes: 1024 * 1024 })).rejects.toMatchObject({ kind: 'too-large' });
    await new Promise((r) => setTimeout(r, 200));
    // Socket buffers let the server get a little ahead; it never sends the whole 20 MB.
    expect(bigBytesSent).toBeLessThan(10 * 1024 * 1024);
  });

  it('reports connection failures as such', async () => {
    await expect(fetchFeed('http://127.0.0.1:9/feed.xml', { timeoutMs: 2000, maxBytes: 1024 })).rejects.toMatchObject({ kind: 'network' });
  });

  it('reads Retry-After in seconds or as a date, bounded to a day', () => {
    expect(retryAfterMs('30')).toBe(30_000);
    expect(retryAfterMs('Wed, 01 May 2024 10:01:00 GMT', Date.parse('Wed, 01 May 2024 10:00:00 GMT'))).toBe(60_000);
    expect(retryAfterMs('999999')).toBe(86_400_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('back-off', () => {
  it('doubles from 5 minutes up to a day, never sooner than the interval, and honours Retry-After', async () => {
    const { backoffDelayMs } = await import('../../../src/feeds/schedule');
    const minutes = (failures: number, interval: number, retryAfter?: number) => backoffDelayMs(failures, interval, retryAfter) / 60_000;
    expect([1, 2, 3, 4, 5, 6].map((f) => minutes(f, 5))).toEqual([5, 10, 20, 40, 80, 160]);
    expect(minutes(30, 5)).toBe(24 * 60);
    expect(minutes(1, 30)).toBe(30);
    expect(minutes(1, 5, 3 * 3_600_000)).toBe(180);
  });
});
