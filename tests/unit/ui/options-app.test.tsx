import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/settings/settings';
import { emptyChange, StoreEvents } from '../../../src/store/events';
import type { FeedsApi } from '../../../src/ui/options/feeds-api';
import { OptionsApp, type StoreApi } from '../../../src/ui/options/OptionsApp';
import { byTestId, cleanup, click, mount, settle } from './dom';

const feeds: FeedsApi = {
  list: async () => [],
  requestAccess: async () => true,
  subscribe: async () => [],
  update: async () => true,
  unsubscribe: async () => ({ removed: true, articlesDeleted: 0 }),
  refresh: async () => [],
  loadCatalog: async () => [],
  saveCatalog: async (entries) => entries,
  restoreCatalog: async () => [],
};

function storeApi(overrides: Partial<StoreApi> = {}): StoreApi {
  return {
    exportStore: async () => ({ blob: new Blob([]), articles: 0, fileName: 'x.ndjson' }) as unknown as Awaited<ReturnType<StoreApi['exportStore']>>,
    deleteAll: async () => undefined,
    previewRetention: async () => ({ deletes: 0, keptRead: 0 }),
    loadRetentionReport: async () => null,
    watchRetentionReport: () => () => undefined,
    ...overrides,
  };
}

function app(events: StoreEvents, count: () => number, store: StoreApi = storeApi()) {
  return (
    <OptionsApp
      runImport={async () => ({}) as never}
      // `count` may throw: the store could not be read.
      loadSummary={async () => ({ articles: count() })}
      watchStore={(listener) => events.subscribe(listener)}
      loadSettings={async (): Promise<Settings> => DEFAULT_SETTINGS}
      saveSettings={async (patch) => ({ ...DEFAULT_SETTINGS, ...patch })}
      feeds={feeds}
      store={store}
      upkeep={{ storeStatus: async () => ({ state: 'ready' }), checkAndRepair: async () => ({ articles: 0, results: [], consistent: true }) }}
    />
  );
}

afterEach(cleanup);

describe('the options page', () => {
  it('counts the store again when any context announces new articles, not for reading marks', async () => {
    const events = new StoreEvents();
    let articles = 5;
    const loadSummary = vi.fn(() => articles);
    const page = await mount(app(events, loadSummary));
    await settle();
    expect(byTestId(page, 'store-summary').textContent).toContain('5');
    articles = 305;
    events.announce({ ...emptyChange('feed'), created: ['a00000000001'] });
    await settle();
    expect(byTestId(page, 'store-summary').textContent).toContain('305');
    const counted = loadSummary.mock.calls.length;
    events.announce({ ...emptyChange('page'), read: ['a00000000001'] });
    await settle();
    expect(loadSummary.mock.calls.length).toBe(counted);
  });

  it('deletes all after the confirmation; the count follows the store\'s event', async () => {
    const events = new StoreEvents();
    let articles = 3;
    const deleteAll = vi.fn(async () => {
      articles = 0;
      events.announce({ ...emptyChange('delete'), cleared: true });
    });
    const page = await mount(app(events, () => articles, storeApi({ deleteAll })));
    await settle();
    // linkedom has no modal dialogs: open and close are enough here.
    const dialog = byTestId(page, 'delete-dialog') as HTMLDialogElement & { open: boolean };
    Object.assign(dialog, { showModal: () => (dialog.open = true), close: () => (dialog.open = false) });
    await click(byTestId(page, 'delete-all'));
    expect(dialog.open).toBe(true);
    expect(deleteAll).not.toHaveBeenCalled();
    await click(byTestId(page, 'delete-confirm'));
    expect(deleteAll).toHaveBeenCalledOnce();
    expect(byTestId(page, 'delete-report').textContent).toContain('Deleted 3 articles');
    expect(byTestId(page, 'store-summary').textContent).toContain('0');
  });

  it('says when the store cannot be counted, and counts again on request', async () => {
    const events = new StoreEvents();
    let failing = true;
    const page = await mount(
      app(events, () => {
        if (failing) throw new Error('The database connection is closing.');
        return 42;
      }),
    );
    await settle();
    expect(page.querySelector('[data-testid=store-summary]')).toBeNull();
    const error = byTestId(page, 'store-summary-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('could not be counted: The database connection is closing.');
    failing = false;
    await click(byTestId(page, 'recount'));
    await settle();
    expect(page.querySelector('[data-testid=store-summary-error]')).toBeNull();
    expect(byTestId(page, 'store-summary').textContent).toContain('42');
  });
});
