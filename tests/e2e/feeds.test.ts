/**
 * Feeds in real Chromium: subscribe through the options page (a site address that links its feed,
 * a feed address, an OPML file), refresh, see the items in the store and in the new-tab digest; then break the feeds on
 * purpose (304, 500, timeout, truncated XML, 20 MB) and check each is reported on its own row with
 * nothing stored lost and the healthy feed refreshed; then the popup of an article whose story the
 * feeds carry lists their items as related coverage. Everything is served from 127.0.0.1.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../shared-data';
import { FIXTURES_DIR, PRODUCTION_DIR, EXTENSION_DIR, badgeText, launchExtension, resultsPath, serviceWorker, startFixtureServer, tabIdOf, waitFor, type ExtensionSession, type FixtureServer } from './harness';

type Mode = 'normal' | 'grown' | 'error-500' | 'hang' | 'truncated' | 'huge';

const FEEDS: Record<string, { file: string; type: string; dir?: string }> = {
  '/feeds/harbour-herald.xml': { file: 'harbour-herald.xml', type: 'application/rss+xml' },
  '/feeds/valley-voice.atom': { file: 'valley-voice.atom', type: 'application/atom+xml' },
  '/feeds/county-wire.json': { file: 'county-wire.json', type: 'application/feed+json' },
  '/feeds/riverside-post.rdf': { file: 'riverside-post.rdf', type: 'application/rdf+xml' },
  '/feeds/courier.xml': { file: 'courier.xml', type: 'application/rss+xml' },
  '/feeds/daily-bulletin.xml': { file: 'daily-bulletin.xml', type: 'application/rss+xml' },
  // A real feed from the shared data set, when it is there.
  '/feeds/guardian.rss': { file: 'rss-parser__guardian.rss', type: 'application/rss+xml', dir: 'shared' },
};
const modes = new Map<string, Mode>();
const seen: { path: string; ifNoneMatch?: string }[] = [];

function feedBody(path: string): Buffer {
  const feed = FEEDS[path]!;
  const body = readFileSync(feed.dir === 'shared' ? sharedPath('data/feeds', feed.file) : join(FIXTURES_DIR, 'feeds', feed.file));
  if (modes.get(path) !== 'grown') return body;
  const extra = '<item><title>Market square fountain restored</title><link>https://daily-bulletin.example/fountain</link><pubDate>Fri, 17 May 2024 08:00:00 GMT</pubDate></item>';
  return Buffer.from(body.toString('utf8').replace('<!-- more items -->', extra));
}

/** Serves the fixture feeds, each as its mode says, with ETags for conditional requests. */
function feedRoute(request: IncomingMessage, response: ServerResponse): boolean {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  if (path === '/outlets/harbour-herald.html') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(readFileSync(join(FIXTURES_DIR, 'feeds', 'harbour-herald.html')));
    return true;
  }
  if (FEEDS[path] === undefined) return false;
  const ifNoneMatch = request.headers['if-none-match'];
  seen.push(typeof ifNoneMatch === 'string' ? { path, ifNoneMatch } : { path });
  const mode = modes.get(path) ?? 'normal';
  switch (mode) {
    case 'error-500':
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('internal error');
      return true;
    case 'hang':
      // Answers only long after the feed's timeout.
      setTimeout(() => response.destroyed || response.end(), 8000);
      return true;
    case 'huge': {
      // 20 MB of valid-looking XML, streamed without a Content-Length.
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>');
      const chunk = Buffer.from('<!-- ' + 'x'.repeat(64 * 1024 - 9) + ' -->');
      let left = 320;
      const pump = (): void => {
        while (left-- > 0) if (!response.write(chunk)) return void response.once('drain', pump);
        response.end('</channel></rss>');
      };
      response.on('close', () => (left = 0));
      pump();
      return true;
    }
    default: {
      const body = feedBody(path);
      const etag = `"${body.length}-${body.reduce((h, b) => (h * 31 + b) >>> 0, 7)}"`;
      // A feed that broke has changed: its old ETag no longer matches.
      if (ifNoneMatch === etag && mode !== 'truncated') {
        response.writeHead(304, { etag });
        response.end();
        return true;
      }
      const truncated = mode === 'truncated';
      response.writeHead(200, { 'content-type': FEEDS[path]!.type, etag: truncated ? '"cut"' : etag });
      response.end(truncated ? body.subarray(0, Math.floor(body.length * 0.6)) : body);
      return true;
    }
  }
}

let session: ExtensionSession;
let server: FixtureServer;
let options: Page;

beforeAll(async () => {
  session = await launchExtension();
  server = await startFixtureServer([feedRoute]);
  options = await session.context.newPage();
  await options.goto(session.extensionUrl('options.html'));
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

interface RowState {
  url: string;
  title: string;
  count: string;
  status: string;
  error: string | null;
}

async function rows(): Promise<RowState[]> {
  return options.locator('[data-testid=feed-row]').evaluateAll((elements) =>
    elements.map((row) => ({
      url: row.getAttribute('data-feed-url') ?? '',
      title: row.querySelector('[data-testid=feed-title]')?.textContent ?? '',
      count: row.querySelector('[data-testid=feed-count]')?.textContent ?? '',
      status: row.querySelector('[data-testid=feed-status]')?.textContent ?? '',
      error: row.querySelector('[data-testid=feed-error]')?.textContent ?? null,
    })),
  );
}

function row(list: RowState[], path: string): RowState {
  const found = list.find((r) => r.url === server.url(path));
  if (found === undefined) throw new Error(`no row for ${path}: ${JSON.stringify(list.map((r) => r.url))}`);
  return found;
}

async function storedArticles(): Promise<number> {
  const text = (await options.locator('[data-testid=store-summary]').textContent()) ?? '';
  return Number(/([\d,]+)\s+articles? stored/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

async function subscribeThroughUi(address: string): Promise<string> {
  await options.locator('[data-testid=feed-url-input]').fill(address);
  await options.locator('[data-testid=feed-subscribe]').click();
  const notice = options.locator('[data-testid=feed-notice]');
  await notice.waitFor({ timeout: 15_000 });
  return (await notice.textContent()) ?? '';
}

describe('the manifests', () => {
  it('asks for feed sites one origin at a time: no blanket host access in production', () => {
    const production = JSON.parse(readFileSync(join(PRODUCTION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const granted = [...((production.host_permissions as string[] | undefined) ?? []), ...((production.permissions as string[]) ?? [])];
    for (const pattern of ['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*']) expect(granted).not.toContain(pattern);
    expect(granted.some((p) => p.includes('://'))).toBe(false);
    expect(production.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(production.permissions).toContain('alarms');
    // Only the e2e build grants the local test server up front.
    const e2e = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(e2e.host_permissions).toEqual(['http://127.0.0.1/*']);
  });
});

describe('feeds end to end', () => {
  it('subscribes through the options page: a site that links its feed, a feed address, an OPML file', async () => {
    await options.locator('[data-testid=feeds-empty]').waitFor();
    expect(await storedArticles()).toBe(0);

    // A site address: its page links the feed, which is found and subscribed.
    expect(await subscribeThroughUi(server.url('/outlets/harbour-herald.html'))).toMatch(/Subscribed to Harbour Herald: 2 items stored/);
    // A feed address directly.
    expect(await subscribeThroughUi(server.url('/feeds/county-wire.json'))).toMatch(/Subscribed to County Wire: 2 items stored/);

    // An OPML file with the rest.
    const opmlFeeds = ['/feeds/valley-voice.atom', '/feeds/riverside-post.rdf', '/feeds/courier.xml', '/feeds/daily-bulletin.xml', ...(hasShared ? ['/feeds/guardian.rss'] : [])];
    const opmlFile = join(mkdtempSync(join(tmpdir(), 'rots-opml-')), 'subscriptions.opml');
    writeFileSync(
      opmlFile,
      `<?xml version="1.0"?><opml version="2.0"><head><title>Test</title></head><body><outline text="Local">${opmlFeeds
        .map((path) => `<outline type="rss" text="${path}" xmlUrl="${server.url(path)}"/>`)
        .join('')}</outline><outline type="rss" text="Not http" xmlUrl="file:///etc/passwd"/></body></opml>`,
    );
    await options.locator('[data-testid=opml-input]').setInputFiles(opmlFile);
    await options.locator('[data-testid=opml-preview]').waitFor();
    expect(await options.locator('[data-testid=opml-preview]').textContent()).toMatch(new RegExp(`lists ${opmlFeeds.length} feeds`));
    await options.locator('[data-testid=opml-subscribe]').click();
    await options.locator('[data-testid=feed-notice]', { hasText: 'Subscribed to' }).waitFor();

    const subscribed = await waitFor(rows, (list) => list.length === 2 + opmlFeeds.length && list.every((r) => !/waiting/.test(r.status)), 20_000, 'every feed refreshed once');
    expect(row(subscribed, '/feeds/harbour-herald.xml')).toMatchObject({ title: 'Harbour Herald', count: '2 items' });
    expect(row(subscribed, '/feeds/valley-voice.atom')).toMatchObject({ title: 'Valley Voice', count: '2 items' });
    expect(row(subscribed, '/feeds/riverside-post.rdf')).toMatchObject({ title: 'Riverside Post', count: '2 items' });
    expect(row(subscribed, '/feeds/courier.xml')).toMatchObject({ count: '2 items', status: expect.stringMatching(/1 without a link skipped/) });
    expect(row(subscribed, '/feeds/daily-bulletin.xml')).toMatchObject({ count: '1 item' });
    if (hasShared) expect(row(subscribed, '/feeds/guardian.rss')).toMatchObject({ title: 'The Guardian', count: '55 items' });
    expect(subscribed.every((r) => r.error === null)).toBe(true);
    await options.screenshot({ path: resultsPath('options-feeds.png'), fullPage: true });
  });

  it('offers an editable list of well-known outlets, subscribing to none of them', async () => {
    const catalog = options.locator('[data-testid=feed-catalog]');
    await catalog.locator('summary').click();
    const entries = catalog.locator('.catalog-list li');
    expect(await entries.count()).toBe(9);
    expect(await catalog.getByRole('button', { name: 'Subscribe to BBC News — World' }).isEnabled()).toBe(true);
    await catalog.getByRole('button', { name: 'Remove Ars Technica from this list' }).click();
    await catalog.getByLabel('Name').fill('Riverton Daily');
    await catalog.getByLabel('Feed address').fill('https://riverton-daily.example/rss');
    await catalog.getByRole('button', { name: 'Add to list' }).click();
    await catalog.getByText('Riverton Daily').waitFor();
    await catalog.scrollIntoViewIfNeeded();
    await catalog.screenshot({ path: resultsPath('options-feeds-catalog.png') });
    await options.emulateMedia({ colorScheme: 'dark' });
    await catalog.screenshot({ path: resultsPath('options-feeds-catalog-dark.png') });
    await options.emulateMedia({ colorScheme: 'light' });
    // The edit is kept; the outlets are still only suggestions.
    await options.reload();
    await options.locator('[data-testid=feed-catalog] summary').click();
    const names = await options.locator('[data-testid=feed-catalog] .catalog-name').allTextContents();
    expect(names).toHaveLength(9);
    expect(names).toContain('Riverton Daily');
    expect(names).not.toContain('Ars Technica');
    expect((await rows()).some((r) => /bbc|riverton-daily/.test(r.url))).toBe(false);
    await options.getByRole('button', { name: 'Restore the defaults' }).click();
    await options.getByText('Ars Technica').waitFor();
  });

  it('refreshes on request with conditional requests, and the items are in the store', async () => {
    const expected = 2 + 2 + 2 + 2 + 2 + 1 + (hasShared ? 55 : 0);
    expect(await waitFor(storedArticles, (n) => n === expected, 10_000, `${expected} stored articles`)).toBe(expected);
    const before = seen.length;
    await options.locator('[data-testid=feed-refresh]').click();
    await options.locator('[data-testid=feed-notice]', { hasText: /Refreshed \d+ feeds/ }).waitFor({ timeout: 20_000 });
    const requests = seen.slice(before);
    // Every feed was asked again, with the ETag it sent: nothing changed, so all answered 304.
    expect(requests.map((r) => r.path).sort()).toEqual(Object.keys(FEEDS).filter((p) => hasShared || !p.includes('guardian')).sort());
    expect(requests.every((r) => r.ifNoneMatch !== undefined)).toBe(true);
    const list = await rows();
    expect(list.every((r) => /no changes/.test(r.status))).toBe(true);
    expect(await storedArticles()).toBe(expected);
  });

  it('shows the feed items as stories in the new-tab digest', async () => {
    const fixtureTitles = new Set<string>();
    for (const feed of Object.values(FEEDS).filter((f) => f.dir === undefined)) {
      const bytes = readFileSync(join(FIXTURES_DIR, 'feeds', feed.file));
      // One fixture declares ISO-8859-1 (the extension decodes it so; so must the test).
      const text = bytes.toString(/encoding="ISO-8859-1"/i.test(bytes.subarray(0, 200).toString('latin1')) ? 'latin1' : 'utf8');
      for (const match of text.matchAll(/<title>([^<]+)<\/title>|"title":\s*"([^"]+)"/g)) fixtureTitles.add((match[1] ?? match[2]!).replace(/&amp;/g, '&').trim());
    }
    const tab = await session.context.newPage();
    await tab.goto('chrome://newtab/');
    await tab.locator('[data-testid=digest-stats]', { hasText: `${await storedArticles()} articles stored` }).waitFor({ timeout: 15_000 });
    await tab.locator('[data-testid=digest-story]').first().waitFor({ timeout: 15_000 });
    const cards = await tab.locator('[data-testid=digest-story] .story-title').allTextContents();
    // The store holds only what the feeds brought; the latest week is theirs (May 2024).
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.map((title) => title.trim()).filter((title) => fixtureTitles.has(title)).length).toBe(cards.length);
    await tab.screenshot({ path: resultsPath('digest-feeds.png') });
    await tab.close();
  });

  it('reports a 500, a timeout, a truncated feed and a 20 MB response on their rows; keeps everything stored; refreshes the others', async () => {
    const stored = await storedArticles();
    const ids = await options.evaluate(async () => {
      const answer = (await chrome.runtime.sendMessage({ type: 'feeds-list' })) as { feeds: { id: string; url: string }[] };
      return answer.feeds.map((feed) => [feed.url, feed.id] as const);
    });
    const idOf = (path: string): string => ids.find(([url]) => url === server.url(path))![1];
    // A short per-feed timeout keeps the test quick.
    const updated = await options.evaluate((id) => chrome.runtime.sendMessage({ type: 'feed-update', id, timeoutSeconds: 1.5 }), idOf('/feeds/county-wire.json'));
    expect(updated).toEqual({ ok: true });

    modes.set('/feeds/valley-voice.atom', 'error-500');
    modes.set('/feeds/county-wire.json', 'hang');
    modes.set('/feeds/riverside-post.rdf', 'truncated');
    modes.set('/feeds/courier.xml', 'huge');
    modes.set('/feeds/daily-bulletin.xml', 'grown');
    const started = Date.now();
    await options.locator('[data-testid=feed-refresh]').click();
    await options.locator('[data-testid=feed-notice]', { hasText: /4 reported an error/ }).waitFor({ timeout: 30_000 });
    expect(Date.now() - started).toBeLessThan(20_000);

    const list = await waitFor(rows, (l) => l.filter((r) => r.error !== null).length === 4, 10_000, 'four error rows');
    expect(row(list, '/feeds/harbour-herald.xml')).toMatchObject({ error: null, status: expect.stringMatching(/no changes/) });
    expect(row(list, '/feeds/valley-voice.atom').error).toMatch(/the server answered HTTP 500/);
    expect(row(list, '/feeds/county-wire.json').error).toMatch(/no answer within 1\.5 s/);
    expect(row(list, '/feeds/riverside-post.rdf').error).toMatch(/not well-formed XML/);
    expect(row(list, '/feeds/courier.xml').error).toMatch(/larger than the 5 MB limit; stopped reading/);
    // The healthy feed was refreshed in the same run, and nothing stored was lost.
    expect(row(list, '/feeds/daily-bulletin.xml')).toMatchObject({ error: null, count: '2 items', status: expect.stringMatching(/1 new item/) });
    for (const path of ['/feeds/valley-voice.atom', '/feeds/county-wire.json', '/feeds/riverside-post.rdf', '/feeds/courier.xml']) expect(row(list, path).count).toBe('2 items');
    expect(await waitFor(storedArticles, (n) => n === stored + 1, 10_000, 'one more stored article')).toBe(stored + 1);

    await options.screenshot({ path: resultsPath('options-feeds-errors.png'), fullPage: true });
    await options.emulateMedia({ colorScheme: 'dark' });
    await options.screenshot({ path: resultsPath('options-feeds-errors-dark.png'), fullPage: true });
    await options.emulateMedia({ colorScheme: 'light' });
    for (const path of modes.keys()) modes.set(path, 'normal');
  });

  it('lists the feed items of the same story as related coverage in the popup', async () => {
    const article = await session.context.newPage();
    await article.goto(server.url('/bike-lanes.html'));
    const tabId = await tabIdOf(session, article);
    await waitFor(() => badgeText(session, tabId), (text) => text !== '', 15_000, 'a badge');
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await session.context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize({ width: 420, height: 600 });
      await popup.goto(session.extensionUrl(`popup.html?tabId=${tabId}`));
      await popup.locator('[data-testid=related-item]').first().waitFor();
      const hrefs = await popup.locator('[data-testid=related-item] a.related-title').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(hrefs).toEqual(
        expect.arrayContaining([
          'https://harbour-herald.example/news/riverton-main-street-bike-lanes',
          'https://valley-voice.example/stories/2024/riverton-bike-lanes',
          'https://county-wire.example/riverton/main-street-bike-lanes-approved',
        ]),
      );
      // Feed items of other stories are not listed.
      expect(hrefs).not.toContain('https://harbour-herald.example/news/ferry-summer-timetable');
      expect(hrefs).not.toContain('https://coastal-courier.example/lighthouse');
      const text = (await popup.locator('[data-testid=related-item]').allTextContents()).join('\n');
      expect(text).toMatch(/Harbour Herald/);
      expect(text).not.toMatch(/never run/);
      await popup.screenshot({ path: resultsPath(`popup-feed-items-${scheme}.png`), fullPage: true });
      await popup.close();
    }
    await article.close();
  });

  it('pauses a feed and unsubscribes from another, removing the articles only it brought', async () => {
    // The popup test stored the article read since the summary was drawn.
    await options.reload();
    await options.locator('[data-testid=feed-row]').first().waitFor();
    const stored = await storedArticles();
    const courier = options.locator('[data-testid=feed-row]', { has: options.locator('[data-testid=feed-title]', { hasText: 'Coastal Courier' }) });
    await courier.locator('[data-testid=feed-unsubscribe]').click();
    await courier.locator('[data-testid=feed-remove-articles]').check();
    await courier.locator('[data-testid=feed-unsubscribe-confirm]').click();
    await options.locator('[data-testid=feed-notice]', { hasText: 'Unsubscribed from Coastal Courier; 2 articles removed' }).waitFor();
    expect(await waitFor(storedArticles, (n) => n === stored - 2, 10_000, 'two fewer articles')).toBe(stored - 2);

    const daily = options.locator('[data-testid=feed-row]', { has: options.locator('[data-testid=feed-title]', { hasText: 'Daily Bulletin' }) });
    await daily.locator('[data-testid=feed-pause]').click();
    await daily.locator('[data-testid=feed-pause]', { hasText: 'Resume' }).waitFor();
    const before = seen.length;
    await options.locator('[data-testid=feed-refresh]').click();
    await options.locator('[data-testid=feed-notice]', { hasText: /Refreshed \d+ feeds/ }).waitFor({ timeout: 20_000 });
    expect(seen.slice(before).map((r) => r.path)).not.toContain('/feeds/daily-bulletin.xml');

    // The schedule: an alarm waits for the next due feed. Resuming the paused feed makes it due
    // now; when the alarm fires (brought forward here rather than waiting 30 s), it is refreshed.
    const worker = await serviceWorker(session);
    const alarm = await worker.evaluate(() => chrome.alarms.get('feed-refresh'));
    expect(alarm?.scheduledTime).toBeGreaterThan(Date.now());
    expect(alarm!.scheduledTime).toBeLessThanOrEqual(Date.now() + 31 * 60_000);
    await daily.locator('[data-testid=feed-pause]').click();
    await daily.locator('[data-testid=feed-pause]', { hasText: 'Pause' }).waitFor();
    const beforeAlarm = seen.length;
    await worker.evaluate(() => chrome.alarms.create('feed-refresh', { when: Date.now() + 200 }));
    await waitFor(async () => seen.slice(beforeAlarm).map((r) => r.path), (paths) => paths.includes('/feeds/daily-bulletin.xml'), 15_000, 'the alarm to refresh the due feed');
    // Only the due feed: the others are not due for another half hour.
    expect(seen.slice(beforeAlarm).map((r) => r.path)).toEqual(['/feeds/daily-bulletin.xml']);
  });
});
