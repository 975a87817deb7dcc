import { describe, expect, it } from 'vitest';
import { createMessageListener, isAllowedSender, type Handlers } from '../../../src/background/messenger';
import { parseDetectedPage, parseRequest } from '../../../src/messaging/protocol';

const page = {
  url: 'http://127.0.0.1:8000/story.html',
  urls: ['https://news.example/story', 'http://127.0.0.1:8000/story.html'],
  canonicalUrl: 'https://news.example/story',
  title: 'A story',
  description: 'About it',
  topics: ['Politics'],
  signals: ['og:type=article'],
  publishedTime: '2024-05-14T18:30:00+02:00',
};

describe('parseRequest', () => {
  it('accepts well-formed requests', () => {
    expect(parseRequest({ type: 'get-tab-view', tabId: 3 })).toEqual({ type: 'get-tab-view', tabId: 3 });
    expect(parseRequest({ type: 'store-changed' })).toEqual({ type: 'store-changed' });
    expect(parseRequest({ type: 'page-report', url: page.url, page: null })).toEqual({ type: 'page-report', url: page.url, page: null });
    const report = parseRequest({ type: 'page-report', url: page.url, page });
    expect(report).toMatchObject({ type: 'page-report', page: { title: 'A story', publishedTime: '2024-05-14T16:30:00.000Z' } });
  });

  it('rejects malformed requests', () => {
    for (const bad of [
      null,
      'page-report',
      [],
      {},
      { type: 'unknown' },
      { type: 'get-tab-view' },
      { type: 'get-tab-view', tabId: -1 },
      { type: 'get-tab-view', tabId: 1.5 },
      { type: 'get-tab-view', tabId: '3' },
      { type: 'page-report', url: 'javascript:alert(1)', page: null },
      { type: 'page-report', url: page.url },
      { type: 'page-report', url: page.url, page: { ...page, title: '' } },
      { type: 'page-report', url: page.url, page: { ...page, url: 'file:///etc/passwd' } },
    ]) {
      expect(parseRequest(bad)).toBeNull();
    }
  });

  it('cleans a detected page: caps, http(s) only, plain strings', () => {
    const cleaned = parseDetectedPage({
      ...page,
      title: 'T'.repeat(5000),
      image: 'javascript:alert(1)',
      urls: ['data:text/html,x', 'https://ok.example/a', 42],
      topics: Array.from({ length: 100 }, (_, i) => `topic ${i}`),
      siteName: { evil: true },
      extra: 'ignored',
    })!;
    expect(cleaned.title.length).toBeLessThanOrEqual(400);
    expect(cleaned.image).toBeUndefined();
    expect(cleaned.urls).toEqual(['https://ok.example/a', page.url]);
    expect(cleaned.topics).toHaveLength(20);
    expect(cleaned.siteName).toBeUndefined();
    expect('extra' in cleaned).toBe(false);
  });

  it('interprets the statements a content script sends with a page, and caps them', () => {
    const evidence = {
      titles: ['Abriss: Stadt will Halle zerst&ouml;ren | Rheinische Post', 'x'.repeat(5000)],
      headings: ['Abriss: Stadt will Halle zerstören'],
      names: ['Lokales', 42, 'x'.repeat(5000), 'c', 'd'],
      published: ['soon', '23.01.2022 – 14:05'],
      modified: [],
      after: 'Abriss: Stadt will Halle zerstören 23.01.2022',
      before: '',
      times: [{ at: 9999, datetime: '2020-01-01', mark: '' }, { at: 3, datetime: 42 }],
      dateTexts: Array.from({ length: 50 }, () => 'Datum: 01.02.2022'),
      otherDates: 'not a list',
    };
    const report = parseRequest({ type: 'page-report', url: page.url, page: { ...page, publishedTime: undefined, lang: 'de', siteName: 'Rheinische Post', evidence } });
    expect(report).toMatchObject({ type: 'page-report', page: { title: 'Abriss: Stadt will Halle zerstören', publishedTime: '2022-01-23T14:05:00.000Z' } });
    expect(report!.type === 'page-report' && report!.page !== null && 'evidence' in report!.page).toBe(false);
    const kept = parseDetectedPage({ ...page, evidence })!.evidence!;
    expect(kept.titles[1]!.length).toBeLessThanOrEqual(400);
    expect(kept.times).toEqual([]);
    expect(kept.dateTexts).toHaveLength(6);
    expect(kept.otherDates).toEqual([]);
    // Three names at most, strings only, each capped like a title.
    expect(kept.names).toHaveLength(2);
    expect(kept.names[0]).toBe('Lokales');
    expect(kept.names[1]!.length).toBeLessThanOrEqual(400);
    expect(parseDetectedPage({ ...page, evidence: 'nope' })!.evidence).toBeUndefined();
  });

  it('keeps a publisher domain only when it is a host name', () => {
    expect(parseDetectedPage({ ...page, siteDomain: 'News.Example.co.uk' })!.siteDomain).toBe('news.example.co.uk');
    for (const bad of ['localhost', 'news.example/path', 'javascript:alert(1)', '<b>x</b>.com', 42, 'a.' + 'b'.repeat(300)]) {
      expect(parseDetectedPage({ ...page, siteDomain: bad })!.siteDomain).toBeUndefined();
    }
  });
});

describe('message senders', () => {
  const context = { extensionId: 'ext', extensionOrigin: 'chrome-extension://ext/' };
  const contentScript = { id: 'ext', url: 'https://news.example/a', frameId: 0, tab: { id: 7 } };
  const popup = { id: 'ext', url: 'chrome-extension://ext/popup.html' };

  it('takes page reports only from a top-frame content script in a tab', () => {
    expect(isAllowedSender('page-report', contentScript, context)).toBe(true);
    expect(isAllowedSender('page-report', { ...contentScript, frameId: 3 }, context)).toBe(false);
    expect(isAllowedSender('page-report', { ...contentScript, id: 'other-extension' }, context)).toBe(false);
    expect(isAllowedSender('page-report', { ...contentScript, tab: undefined }, context)).toBe(false);
    expect(isAllowedSender('page-report', popup, context)).toBe(false);
  });

  it('takes popup and options requests only from our own pages', () => {
    expect(isAllowedSender('get-tab-view', popup, context)).toBe(true);
    expect(isAllowedSender('store-changed', { id: 'ext', url: 'chrome-extension://ext/options.html' }, context)).toBe(true);
    expect(isAllowedSender('get-tab-view', contentScript, context)).toBe(false);
    expect(isAllowedSender('get-tab-view', { id: 'ext', url: 'chrome-extension://other/popup.html' }, context)).toBe(false);
  });

  it('routes valid messages to their handler and ignores the rest', async () => {
    const calls: string[] = [];
    const handlers: Handlers = {
      'page-report': async (request, sender) => {
        calls.push(`report ${request.url} from tab ${sender.tabId}`);
        return { ok: true };
      },
      'get-tab-view': async () => ({ status: 'not-article', url: null }),
      'store-changed': async () => ({ ok: true }),
      'store-status': async () => ({ state: 'ready' }),
      'feeds-list': async () => ({ feeds: [] }),
      'feed-subscribe': async () => ({ results: [] }),
      'feed-update': async () => ({ ok: true }),
      'feed-unsubscribe': async () => ({ removed: true, articlesDeleted: 0 }),
      'feed-refresh': async (request) => {
        calls.push(`refresh ${JSON.stringify(request.ids)}`);
        return { results: [] };
      },
      'get-digest': async () => {
        calls.push('digest');
        return { version: 1, builtAt: 0, anchor: 0, windowStart: 0, articles: 0, today: [], week: [], readUpdates: [] };
      },
    };
    const listener = createMessageListener(handlers, context);
    expect(await listener({ type: 'page-report', url: 'https://news.example/a', page: null }, contentScript)).toEqual({ ok: true });
    expect(calls).toEqual(['report https://news.example/a from tab 7']);
    expect(listener({ type: 'page-report', url: 'https://news.example/a', page: null }, popup)).toBeUndefined();
    expect(listener({ type: 'get-tab-view', tabId: 'x' }, popup)).toBeUndefined();
    expect(await listener({ type: 'get-tab-view', tabId: 7 }, popup)).toEqual({ status: 'not-article', url: null });
    // Feed requests: only from our pages, only with valid ids.
    expect(listener({ type: 'feed-refresh', ids: null }, contentScript)).toBeUndefined();
    expect(listener({ type: 'feed-refresh', ids: ['not an id'] }, popup)).toBeUndefined();
    expect(await listener({ type: 'feed-refresh', ids: ['f1abc', 'f1abc'] }, popup)).toEqual({ results: [] });
    expect(calls.at(-1)).toBe('refresh ["f1abc"]');
  });
});

describe('feed requests', () => {
  it('accepts well-formed feed requests, cleaned', () => {
    expect(parseRequest({ type: 'feeds-list' })).toEqual({ type: 'feeds-list' });
    expect(parseRequest({ type: 'feed-subscribe', discover: true, feeds: [{ url: ' https://news.example/rss ', title: '  News\n' }] })).toEqual({
      type: 'feed-subscribe',
      discover: true,
      feeds: [{ url: 'https://news.example/rss', title: 'News' }],
    });
    expect(parseRequest({ type: 'feed-update', id: 'f1a2b', paused: true, intervalMinutes: 60.4, timeoutSeconds: 1.5 })).toEqual({ type: 'feed-update', id: 'f1a2b', paused: true, intervalMinutes: 60, timeoutSeconds: 1.5 });
    expect(parseRequest({ type: 'feed-unsubscribe', id: 'f1a2b', removeArticles: false })).toEqual({ type: 'feed-unsubscribe', id: 'f1a2b', removeArticles: false });
  });

  it('rejects feed requests that are malformed or out of bounds', () => {
    for (const bad of [
      { type: 'feed-subscribe', discover: true, feeds: [{ url: 'javascript:alert(1)' }] },
      { type: 'feed-subscribe', discover: true, feeds: [] },
      { type: 'feed-subscribe', discover: 'yes', feeds: [{ url: 'https://a.example/' }] },
      { type: 'feed-subscribe', discover: false, feeds: Array.from({ length: 1001 }, (_, i) => ({ url: `https://a.example/${i}` })) },
      { type: 'feed-update', id: 'x; drop', paused: true },
      { type: 'feed-update', id: 'f1', intervalMinutes: 1 },
      { type: 'feed-update', id: 'f1', timeoutSeconds: 600 },
      { type: 'feed-update', id: 'f1', paused: 'no' },
      { type: 'feed-unsubscribe', id: 'f1' },
      { type: 'feed-refresh', ids: 'all' },
      { type: 'feed-refresh' },
    ]) {
      expect(parseRequest(bad), JSON.stringify(bad).slice(0, 80)).toBeNull();
    }
  });
});
