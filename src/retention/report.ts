/**
 * What the last pruning did, kept in extension storage: the background writes it after each run
 * (settings change, import, feed refresh, daily alarm), the options page shows it.
 */
import { browser } from 'wxt/browser';
import type { RetentionPolicy } from './select';

/** 'resumed': a run cut short by the worker stopping, done at its next start. */
export type RetentionReason = 'settings' | 'store' | 'feeds' | 'daily' | 'resumed';

export interface RetentionReport {
  at: number;
  reason: RetentionReason;
  policy: RetentionPolicy;
  deleted: number;
  keptRead: number;
  remaining: number;
  /** Set when the run failed (what was deleted before the failure stays deleted). */
  error?: string;
}

export const RETENTION_REPORT_KEY = 'retentionReport';

const REASONS: readonly RetentionReason[] = ['settings', 'store', 'feeds', 'daily', 'resumed'];

/** A stored report, checked field by field (null if it is not one). */
export function parseRetentionReport(value: unknown): RetentionReport | null {
  if (value === null || typeof value !== 'object') return null;
  const raw = value as Record<string, unknown>;
  const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const policy = raw.policy as Record<string, unknown> | null | undefined;
  if (!count(raw.at) || !REASONS.includes(raw.reason as RetentionReason) || !count(raw.deleted) || !count(raw.keptRead) || !count(raw.remaining)) return null;
  if (policy === null || typeof policy !== 'object' || !['off', 'days', 'count'].includes(policy.mode as string) || !count(policy.days) || !count(policy.count)) return null;
  const report: RetentionReport = {
    at: raw.at,
    reason: raw.reason as RetentionReason,
    policy: { mode: policy.mode as RetentionPolicy['mode'], days: policy.days, count: policy.count },
    deleted: raw.deleted,
    keptRead: raw.keptRead,
    remaining: raw.remaining,
  };
  if (typeof raw.error === 'string') report.error = raw.error.slice(0, 500);
  return report;
}

export async function loadRetentionReport(): Promise<RetentionReport | null> {
  return parseRetentionReport((await browser.storage.local.get(RETENTION_REPORT_KEY))[RETENTION_REPORT_KEY]);
}

export async function saveRetentionReport(report: RetentionReport): Promise<void> {
  await browser.storage.local.set({ [RETENTION_REPORT_KEY]: report });
}

/** Calls back with each new report written while the page is open; returns the unsubscribe. */
export function watchRetentionReport(callback: (report: RetentionReport) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (area !== 'local' || changes[RETENTION_REPORT_KEY] === undefined) return;
    const report = parseRetentionReport(changes[RETENTION_REPORT_KEY].newValue);
    if (report !== null) callback(report);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
