import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensureRetentionAlarm, RETENTION_ALARM, RetentionManager, retentionChanged } from '../../../src/background/retention';
import { loadRetentionReport, parseRetentionReport, saveRetentionReport, type RetentionReport } from '../../../src/retention/report';
import { DAY_MS } from '../../../src/retention/select';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/settings/settings';
import { ArticleStore } from '../../../src/store';
import { newsRecord } from '../builders';

const record = newsRecord;

const now = Date.UTC(2024, 5, 1);
let store: ArticleStore;
let counter = 0;
let settings: Settings;
let reports: RetentionReport[];
beforeEach(async () => {
  store = new ArticleStore({ name: `retention-${++counter}` });
  settings = { ...DEFAULT_SETTINGS, retentionMode: 'days', retentionDays: 30 };
  reports = [];
  await store.upsertRecords(
    Array.from({ length: 12 }, (_, i) => record({ title: `Story ${i}`, webUrl: `https://a.example/${i}`, publishedAt: now - i * 5 * DAY_MS })),
    'record',
    { now },
  );
});
afterEach(() => store.close());

function manager(): RetentionManager {
  return new RetentionManager({ store, loadSettings: async () => settings, saveReport: async (r) => void reports.push(r), now: () => now });
}

describe('RetentionManager', () => {
  it('prunes by the setting and records what it did', async () => {
    const report = await manager().run('settings');
    // Published 0, 5, …, 55 days ago: those older than 30 days go (exactly 30 days is kept).
    expect(report).toEqual({ at: now, reason: 'settings', policy: { mode: 'days', days: 30, count: 100_000 }, deleted: 5, keptRead: 0, remaining: 7 });
    expect(reports).toEqual([report]);
  });

  it('does nothing and records nothing when retention is off', async () => {
    settings = { ...settings, retentionMode: 'off' };
    expect(await manager().run('daily')).toBeNull();
    expect(reports).toEqual([]);
    expect(await store.countArticles()).toBe(12);
  });

  it('runs one prune at a time and folds requests made meanwhile into one more run', async () => {
    const m = manager();
    const first = m.run('store');
    await Promise.resolve(); // the first run has started
    const second = m.run('feeds');
    const third = m.run('daily');
    expect(second).toBe(third);
    await Promise.all([first, second]);
    expect(reports.map((r) => [r.reason, r.deleted])).toEqual([
      ['store', 5],
      ['feeds', 0],
    ]);
  });

  it('records a failure without stopping later runs', async () => {
    const broken = new RetentionManager({
      store,
      loadSettings: async () => settings,
      saveReport: async (r) => void reports.push(r),
      now: () => now,
      betweenBatches: async () => {
        throw new Error('worker went away');
      },
    });
    const report = await broken.run('daily');
    // The first batch was deleted before the failure, and the report says so.
    expect(report).toMatchObject({ error: 'worker went away', deleted: 5, remaining: 7 });
    expect(await manager().run('daily')).toMatchObject({ deleted: 0, remaining: 7 });
  });
});

describe('retention settings and report', () => {
  it('tells which settings changes change the policy', () => {
    expect(retentionChanged(undefined, { retentionMode: 'days', retentionDays: 30 })).toBe(true);
    expect(retentionChanged({ retentionMode: 'days', retentionDays: 30 }, { retentionMode: 'days', retentionDays: 30, showThumbnails: true })).toBe(false);
    expect(retentionChanged({ retentionMode: 'off', retentionDays: 30 }, { retentionMode: 'off', retentionDays: 31 })).toBe(false);
    expect(retentionChanged({ retentionMode: 'count', retentionCount: 500 }, { retentionMode: 'count', retentionCount: 600 })).toBe(true);
  });

  it('stores the report and reads back only a valid one', async () => {
    const report: RetentionReport = { at: 5, reason: 'daily', policy: { mode: 'count', days: 90, count: 100 }, deleted: 3, keptRead: 1, remaining: 100 };
    await saveRetentionReport(report);
    expect(await loadRetentionReport()).toEqual(report);
    expect(parseRetentionReport({ ...report, deleted: -1 })).toBeNull();
    expect(parseRetentionReport({ ...report, reason: 'whim' })).toBeNull();
    expect(parseRetentionReport({ ...report, policy: null })).toBeNull();
  });

  it('creates the daily alarm once, and leaves an existing one alone', async () => {
    await ensureRetentionAlarm();
    const alarm = await fakeBrowser.alarms.get(RETENTION_ALARM);
    expect(alarm?.periodInMinutes).toBe(24 * 60);
    await fakeBrowser.alarms.create(RETENTION_ALARM, { when: 42, periodInMinutes: 24 * 60 });
    await ensureRetentionAlarm();
    expect((await fakeBrowser.alarms.get(RETENTION_ALARM))?.scheduledTime).toBe(42);
  });
});
