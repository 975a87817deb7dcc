import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FEED_ALARM, scheduleFeedAlarm } from '../../../src/background/feed-alarm';

describe('the feed alarm', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');

  it('is set for the next due feed, never sooner than 30 s, and cleared when nothing is due', async () => {
    await scheduleFeedAlarm(now + 10 * 60_000, now);
    expect((await fakeBrowser.alarms.get(FEED_ALARM))?.scheduledTime).toBe(now + 10 * 60_000);
    await scheduleFeedAlarm(now - 60_000, now);
    expect((await fakeBrowser.alarms.get(FEED_ALARM))?.scheduledTime).toBe(now + 30_000);
    await scheduleFeedAlarm(undefined, now);
    expect(await fakeBrowser.alarms.get(FEED_ALARM)).toBeUndefined();
  });

  it('is not pushed back by a worker that wakes again before it fires', async () => {
    await scheduleFeedAlarm(now - 60_000, now);
    // 20 s later the worker wakes (a page report) and reschedules: the alarm keeps its time.
    await scheduleFeedAlarm(now - 60_000, now + 20_000);
    expect((await fakeBrowser.alarms.get(FEED_ALARM))?.scheduledTime).toBe(now + 30_000);
    // A later due time never delays an alarm set sooner…
    await scheduleFeedAlarm(now + 60 * 60_000, now + 20_000);
    expect((await fakeBrowser.alarms.get(FEED_ALARM))?.scheduledTime).toBe(now + 30_000);
    // …and an earlier one brings a later alarm forward.
    await scheduleFeedAlarm(undefined, now);
    await scheduleFeedAlarm(now + 60 * 60_000, now);
    await scheduleFeedAlarm(now + 5 * 60_000, now);
    expect((await fakeBrowser.alarms.get(FEED_ALARM))?.scheduledTime).toBe(now + 5 * 60_000);
  });
});
