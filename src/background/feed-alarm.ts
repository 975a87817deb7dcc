/**
 * The one alarm that wakes the service worker for feed refreshes, kept at the earliest time a
 * feed is due. An alarm already set to fire sooner is left alone: re-creating it each time the
 * worker wakes would keep pushing a due refresh back.
 */
import { browser } from 'wxt/browser';

export const FEED_ALARM = 'feed-refresh';

/** Chrome fires alarms no sooner than 30 s from now. */
const MIN_DELAY_MS = 30_000;
/** A safety net should an alarm be lost (Chrome may drop alarms across restarts). */
const FALLBACK_PERIOD_MINUTES = 30;

export async function scheduleFeedAlarm(when: number | undefined, now: number = Date.now()): Promise<void> {
  if (when === undefined) {
    await browser.alarms.clear(FEED_ALARM);
    return;
  }
  const target = Math.max(when, now + MIN_DELAY_MS);
  const existing = await browser.alarms.get(FEED_ALARM);
  if (existing !== undefined && existing.scheduledTime <= target) return;
  await browser.alarms.create(FEED_ALARM, { when: target, periodInMinutes: FALLBACK_PERIOD_MINUTES });
}
