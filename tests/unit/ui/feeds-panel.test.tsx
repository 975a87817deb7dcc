import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedView, SubscribeResult } from '../../../src/messaging/protocol';
import type { FeedsApi } from '../../../src/ui/options/feeds-api';
import { emptyChange, StoreEvents, type StoreListener } from '../../../src/store/events';
import { FeedsPanel } from '../../../src/ui/options/FeedsPanel';
import { act } from 'preact/test-utils';
import { allByTestId, byTestId, cleanup, click, mount, settle, submit, type } from './dom';

function feed(fields: Partial<FeedView> & { url: string }): FeedView {
  return { id: 'f-' + fields.url, title: '', addedAt: 0, paused: false, intervalMinutes: 30, timeoutMs: 15_000, maxBytes: 5_000_000, lastStatus: 'new', failures: 0, nextRefreshAt: 0, itemCount: 0, ...fields };
}

function fakeApi(feeds: FeedView[], overrides: Partial<FeedsApi> = {}): FeedsApi {
  return {
    list: vi.fn(async () => feeds),
    requestAccess: vi.fn(async () => true),
    subscribe: vi.fn(async (): Promise<SubscribeResult[]> => []),
    update: vi.fn(async () => true),
    unsubscribe: vi.fn(async () => ({ removed: true, articlesDeleted: 0 })),
    refresh: vi.fn(async () => []),
    loadCatalog: vi.fn(async () => [{ name: 'Example News', url: 'https://news.example/rss' }]),
    saveCatalog: vi.fn(async (entries) => entries),
    restoreCatalog: vi.fn(async () => []),
    ...overrides,
  };
}

let events = new StoreEvents();
const watchStore = (listener: StoreListener) => events.subscribe(listener);
beforeEach(() => {
  events = new StoreEvents();
});
afterEach(cleanup);

describe('FeedsPanel', () => {
  it('lists the feeds with their item counts and states', async () => {
    const api = fakeApi([feed({ url: 'https://a.example/feed', title: 'A News', itemCount: 12, lastStatus: 'error', lastError: 'HTTP 500', lastErrorAt: Date.now() - 60_000 })]);
    const panel = await mount(<FeedsPanel api={api} watchStore={watchStore} />);
    await settle();
    const rows = allByTestId(panel, 'feed-row');
    expect(rows).toHaveLength(1);
    expect(byTestId(rows[0]!, 'feed-title').textContent).toContain('A News');
    expect(byTestId(rows[0]!, 'feed-count').textContent).toBe('12 items');
    expect(byTestId(rows[0]!, 'feed-error').textContent).toContain('HTTP 500');
  });

  it('says so when there are no feeds', async () => {
    const panel = await mount(<FeedsPanel api={fakeApi([])} watchStore={watchStore} />);
    await settle();
    expect(byTestId(panel, 'feeds-empty').textContent).toContain('No feeds yet');
  });

  it('asks for the site first, then subscribes, reports it and lists the feed', async () => {
    const listed: FeedView[] = [];
    const added = feed({ url: 'https://news.example/feed.xml', title: 'Example', itemCount: 3 });
    const api = fakeApi(listed, {
      subscribe: vi.fn(async () => {
        listed.push(added);
        return [{ status: 'subscribed', feed: added } as SubscribeResult];
      }),
    });
    const panel = await mount(<FeedsPanel api={api} watchStore={watchStore} />);
    await settle();
    await type(byTestId(panel, 'feed-url-input') as HTMLInputElement, 'news.example/feed.xml');
    await submit(panel.querySelector('form.feed-add')!);
    expect(api.requestAccess).toHaveBeenCalledWith(['https://news.example/feed.xml']);
    expect(api.subscribe).toHaveBeenCalledWith([{ url: 'https://news.example/feed.xml' }], true);
    expect(byTestId(panel, 'feed-notice').textContent).toBe('Subscribed to Example: 3 items stored.');
    expect(allByTestId(panel, 'feed-row')).toHaveLength(1);
  });

  it('an OPML file with no usable feed gets its error alone; one with feeds gets the preview', async () => {
    const panel = await mount(<FeedsPanel api={fakeApi([])} watchStore={watchStore} />);
    await settle();
    const pick = async (name: string, text: string): Promise<void> => {
      const input = byTestId(panel, 'opml-input') as HTMLInputElement;
      Object.defineProperty(input, 'files', { value: [{ name, text: async () => text }], configurable: true });
      await act(() => void input.dispatchEvent(new window.Event('change', { bubbles: true })));
      await settle();
    };
    const opml = (outlines: string): string => `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>${outlines}</body></opml>`;
    await pick('none.opml', opml('<outline text="Bad" xmlUrl="javascript:alert(1)"/>'));
    expect(byTestId(panel, 'feed-notice').textContent).toBe('none.opml lists no feeds with an http(s) address.');
    expect(allByTestId(panel, 'opml-preview')).toHaveLength(0);
    await pick('one.opml', opml('<outline text="Good" xmlUrl="https://news.example/rss"/>'));
    expect(allByTestId(panel, 'feed-notice')).toHaveLength(0);
    expect(byTestId(panel, 'opml-preview').textContent).toContain('one.opml lists 1 feed.');
  });

  it('subscribes to nothing when the browser refuses access to the site', async () => {
    const api = fakeApi([], { requestAccess: vi.fn(async () => false) });
    const panel = await mount(<FeedsPanel api={api} watchStore={watchStore} />);
    await settle();
    await type(byTestId(panel, 'feed-url-input') as HTMLInputElement, 'https://news.example/feed.xml');
    await submit(panel.querySelector('form.feed-add')!);
    expect(api.subscribe).not.toHaveBeenCalled();
    expect(byTestId(panel, 'feed-notice').textContent).toContain('did not allow reading https://news.example');
  });

  it('refuses an address that is not http(s) without asking anything', async () => {
    const api = fakeApi([]);
    const panel = await mount(<FeedsPanel api={api} watchStore={watchStore} />);
    await settle();
    await type(byTestId(panel, 'feed-url-input') as HTMLInputElement, 'javascript:alert(1)');
    await submit(panel.querySelector('form.feed-add')!);
    expect(api.requestAccess).not.toHaveBeenCalled();
    expect(byTestId(panel, 'feed-notice').textContent).toContain('starting with http:// or https://');
  });

  it('pauses a feed from its row', async () => {
    const api = fakeApi([feed({ url: 'https://a.example/feed', title: 'A' })]);
    const panel = await mount(<FeedsPanel api={api} watchStore={watchStore} />);
    await settle();
    await click(byTestId(panel, 'feed-pause'));
    expect(api.update).toHaveBeenCalledWith('f-https://a.example/feed', { paused: true });
  });

  it('reads the list again when the store announces a feed change, and not otherwise (no polling)', async () => {
    const listed = [feed({ url: 'https://a.example/feed', title: 'A', itemCount: 1 })];
    const api = fakeApi(listed);
    const panel = await mount(<FeedsPanel api={api} watchStore={watchStore} />);
    await settle();
    expect(api.list).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await settle();
    expect(api.list).toHaveBeenCalledTimes(1);
    // A refresh in the background stored items: the background's event reaches this page.
    listed[0] = { ...listed[0]!, itemCount: 7, lastStatus: 'ok' };
    events.announce({ ...emptyChange('feed'), created: ['a00000000001'], feeds: true });
    await settle();
    expect(api.list).toHaveBeenCalledTimes(2);
    expect(byTestId(panel, 'feed-count').textContent).toBe('7 items');
    // A reading mark is not a feed change.
    events.announce({ ...emptyChange('page'), read: ['a00000000001'] });
    await settle();
    expect(api.list).toHaveBeenCalledTimes(2);
  });
});
