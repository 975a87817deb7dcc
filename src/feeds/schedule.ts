/**
 * When each feed is due: its own interval after a success, exponential back-off after errors
 * (doubling from a few minutes up to a day, or the server's Retry-After if longer).
 */

export const DEFAULT_INTERVAL_MINUTES = 30;
export const MIN_INTERVAL_MINUTES = 5;
export const MAX_INTERVAL_MINUTES = 7 * 24 * 60;
export const BACKOFF_BASE_MS = 5 * 60_000;
export const BACKOFF_MAX_MS = 24 * 60 * 60_000;

/** Delay before retrying after `failures` consecutive errors (1 → 5 min, 2 → 10 min, …, ≤ 24 h),
 * never sooner than the feed's own interval would allow. */
export function backoffDelayMs(failures: number, intervalMinutes: number, retryAfterMs?: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 20);
  const backoff = Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_MAX_MS);
  return Math.max(backoff, Math.min(intervalMinutes * 60_000, BACKOFF_MAX_MS), retryAfterMs ?? 0);
}

export function clampInterval(minutes: number): number {
  if (!Number.isFinite(minutes)) return DEFAULT_INTERVAL_MINUTES;
  return Math.round(Math.min(Math.max(minutes, MIN_INTERVAL_MINUTES), MAX_INTERVAL_MINUTES));
}

/** Whether a feed should be refreshed now (never while paused). */
export function isDue(feed: { paused: boolean; nextRefreshAt: number }, now: number): boolean {
  return !feed.paused && feed.nextRefreshAt <= now;
}
