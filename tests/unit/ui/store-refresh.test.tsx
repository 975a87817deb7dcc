import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DetectedPage } from '../../../src/detect/page';
import type { TabView } from '../../../src/messaging/protocol';
import type { ResultsView } from '../../../src/results/lookup';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/settings/settings';
import { emptyChange, StoreEvents } from '../../../src/store/events';
import { PopupApp } from '../../../src/ui/popup/PopupApp';
import { ResultsApp } from '../../../src/ui/results/ResultsApp';
import { STORE_REFRESH_INTERVAL_MS } from '../../../src/ui/use-store-refresh';
import { cleanup, mount, settle } from './dom';

const page: DetectedPage = { url: 'https://news.example/a', urls: ['https://news.example/a'], title: 'Mayor resigns after audit', description: '', topics: [], signals: ['og:type=article'] };
const loadSettings = async (): Promise<Settings> => DEFAULT_SETTINGS;
const waitOut = () => new Promise((resolve) => setTimeout(resolve, STORE_REFRESH_INTERVAL_MS + 100));

afterEach(cleanup);

describe('open pages follow the store', () => {
  it('the popup loads its view again when another context stores articles, a burst at most twice, never for reading marks', async () => {
    const events = new StoreEvents();
    let view: TabView = { status: 'empty-store', page };
    const loadView = vi.fn(async () => view);
    const popup = await mount(<PopupApp loadView={loadView} loadSettings={loadSettings} openOptions={() => undefined} watchStore={(listener) => events.subscribe(listener)} />);
    await settle();
    expect(popup.textContent).toContain('Your store is empty');
    expect(loadView).toHaveBeenCalledTimes(1);

    // An import in the options page, announced batch by batch.
    view = { status: 'article', page, stored: null, items: [] };
    for (let batch = 0; batch < 10; batch++) events.announce({ ...emptyChange('import'), created: [`a0000000000${batch}`] });
    await waitOut();
    await settle();
    expect(popup.textContent).toContain('No related coverage in your store');
    expect(loadView.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(loadView.mock.calls.length).toBeLessThanOrEqual(3);

    const before = loadView.mock.calls.length;
    events.announce({ ...emptyChange('page'), read: ['a00000000001'] });
    events.announce({ ...emptyChange('feed'), feeds: true });
    await waitOut();
    await settle();
    expect(loadView).toHaveBeenCalledTimes(before);
  });

  it('the results page looks its query up again after a feed refresh, showing the old answer meanwhile', async () => {
    const events = new StoreEvents();
    let answer: Promise<ResultsView> = Promise.resolve({ status: 'empty-store' });
    const lookUp = vi.fn(() => answer);
    const results = await mount(
      <ResultsApp
        initialQuery={{ kind: 'text', text: 'audit' }}
        lookUp={lookUp}
        loadSettings={loadSettings}
        onSearch={() => undefined}
        onNavigate={() => () => undefined}
        openOptions={() => undefined}
        watchStore={(listener) => events.subscribe(listener)}
      />,
    );
    await settle();
    expect(lookUp).toHaveBeenCalledTimes(1);
    expect(results.textContent).toContain('Your store is empty');
    let arrive: (view: ResultsView) => void = () => undefined;
    answer = new Promise((resolve) => (arrive = resolve));
    events.announce({ ...emptyChange('feed'), created: ['a00000000001'], feeds: true });
    await waitOut();
    await settle();
    // Asked again; until the new answer arrives the old one stays (no "loading" flash).
    expect(lookUp).toHaveBeenCalledTimes(2);
    expect(results.textContent).toContain('Your store is empty');
    arrive({ status: 'search', text: 'audit', search: { words: ['audit'], missing: [], hits: [], exhaustive: true }, items: [] });
    await settle();
    expect(lookUp).toHaveBeenCalledTimes(2);
    expect(results.textContent).not.toContain('Your store is empty');
    expect(results.textContent).toContain('audit');
    expect(lookUp.mock.calls[1]).toEqual([{ kind: 'text', text: 'audit' }]);
  });
});
