/** A tiny HTTP server on 127.0.0.1 for fetch tests: each path answers as its handler says. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestServer {
  url(path: string): string;
  /** Requests seen, as "METHOD path" plus their conditional headers. */
  requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string; cookie?: string; referer?: string }[];
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Handler>): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const seen: TestServer['requests'][number] = { path };
    const header = (name: string): string | undefined => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    if (header('if-none-match') !== undefined) seen.ifNoneMatch = header('if-none-match')!;
    if (header('if-modified-since') !== undefined) seen.ifModifiedSince = header('if-modified-since')!;
    if (header('cookie') !== undefined) seen.cookie = header('cookie')!;
    if (header('referer') !== undefined) seen.referer = header('referer')!;
    requests.push(seen);
    const route = routes[path];
    if (route === undefined) {
      response.writeHead(404);
      response.end('not found');
      return;
    }
    route(request, response);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: (path) => `http://127.0.0.1:${address.port}${path}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** An RSS 2.0 document with these items. */
export function rss(title: string, items: { title: string; link: string; description?: string; pubDate?: string }[], site = 'https://outlet.example/'): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${escape(title)}</title><link>${site}</link><description>News</description>
${items
  .map((item) => `<item><title>${escape(item.title)}</title><link>${item.link}</link>${item.description === undefined ? '' : `<description>${escape(item.description)}</description>`}${item.pubDate === undefined ? '' : `<pubDate>${item.pubDate}</pubDate>`}</item>`)
  .join('\n')}
</channel></rss>`;
}
