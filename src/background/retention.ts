/**
 * The background's retention manager: prunes the store by the user's retention setting when it
 * changes, after imports and feed refreshes, and once a day (its own alarm), and records what it
 * did for the options page. One run at a time; requests while one runs are folded into one more
 * run after it (the store or the settings changed meanwhile).
 */
import { browser } from 'wxt/browser';
import { pruneStore } from '../retention/prune';
import type { RetentionReason, RetentionReport } from '../retention/report';
import { policyOf, samePolicy } from '../retention/select';
import { parseSettings, type Settings } from '../settings/settings';
import type { ArticleStore } from '../store';
import { errorMessage } from '../shared/errors';

export const RETENTION_ALARM = 'retention-daily';
/** The work-in-progress mark of a prune under way. */
export const RETENTION_WORK = 'retention';
const DAY_MINUTES = 24 * 60;

export interface RetentionDeps {
  store: ArticleStore;
  loadSettings: () => Promise<Settings>;
  saveReport: (report: RetentionReport) => Promise<void>;
  /** Between delete batches: an extension API call keeps a long run's service worker awake. */
  betweenBatches?: () => Promise<void>;
  now?: () => number;
}

export class RetentionManager {
  private chain: Promise<unknown> = Promise.resolve();
  private queued: Promise<RetentionReport | null> | null = null;

  constructor(private readonly deps: RetentionDeps) {}

  /** Prunes by the current setting; null when retention is off. */
  run(reason: RetentionReason): Promise<RetentionReport | null> {
    if (this.queued !== null) return this.queued;
    const next = this.chain.then(() => {
      this.queued = null;
      return this.runOnce(reason);
    });
    this.queued = next;
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async runOnce(reason: RetentionReason): Promise<RetentionReport | null> {
    const policy = policyOf(await this.deps.loadSettings());
    if (policy.mode === 'off') return null;
    const now = this.deps.now?.() ?? Date.now();
    // Marked in the store until done: a worker stopped mid-prune prunes again at its next start.
    await this.deps.store.markWork(RETENTION_WORK, reason);
    let report: RetentionReport;
    const before = await this.deps.store.countArticles();
    try {
      const result = await pruneStore(this.deps.store, policy, { now, ...(this.deps.betweenBatches === undefined ? {} : { betweenBatches: this.deps.betweenBatches }) });
      report = { at: now, reason, policy, ...result };
    } catch (error) {
      // Batches deleted before the failure stay deleted: say how many.
      const remaining = await this.deps.store.countArticles().catch(() => before);
      report = { at: now, reason, policy, deleted: Math.max(0, before - remaining), keptRead: 0, remaining, error: errorMessage(error) };
    }
    await this.deps.saveReport(report);
    await this.deps.store.clearWork(RETENTION_WORK);
    return report;
  }
}

/** Whether a settings change (storage.onChanged values) changed the retention policy. */
export function retentionChanged(oldValue: unknown, newValue: unknown): boolean {
  return !samePolicy(policyOf(parseSettings(oldValue)), policyOf(parseSettings(newValue)));
}

/** The daily alarm, created once (re-creating it whenever the worker starts would push it back). */
export async function ensureRetentionAlarm(): Promise<void> {
  if ((await browser.alarms.get(RETENTION_ALARM)) !== undefined) return;
  await browser.alarms.create(RETENTION_ALARM, { delayInMinutes: DAY_MINUTES, periodInMinutes: DAY_MINUTES });
}
