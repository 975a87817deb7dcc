/**
 * Which articles a retention policy removes. Pure, so the rule is tested directly: "days" keeps
 * what was published (else stored) within the last N days, "count" keeps the newest N articles.
 * Articles the user read are always kept — their reading history is theirs to delete, not the
 * retention setting's — and counted, so the UI can say so.
 */
import type { RetentionMode, Settings } from '../settings/settings';
import type { ArticleAge } from '../store';

export interface RetentionPolicy {
  mode: RetentionMode;
  days: number;
  count: number;
}

export interface PruneSelection {
  /** Articles to delete, oldest first. */
  ids: string[];
  /** Articles the policy would remove but that the user read (kept). */
  keptRead: number;
}

export const DAY_MS = 86_400_000;

export function policyOf(settings: Pick<Settings, 'retentionMode' | 'retentionDays' | 'retentionCount'>): RetentionPolicy {
  return { mode: settings.retentionMode, days: settings.retentionDays, count: settings.retentionCount };
}

export function samePolicy(a: RetentionPolicy, b: RetentionPolicy): boolean {
  return a.mode === b.mode && (a.mode !== 'days' || a.days === b.days) && (a.mode !== 'count' || a.count === b.count);
}

export function selectForPruning(ages: readonly ArticleAge[], policy: RetentionPolicy, now: number): PruneSelection {
  if (policy.mode === 'off') return { ids: [], keptRead: 0 };
  let beyond: ArticleAge[];
  if (policy.mode === 'days') {
    const cutoff = now - policy.days * DAY_MS;
    beyond = ages.filter((age) => age.time < cutoff);
  } else {
    if (ages.length <= policy.count) return { ids: [], keptRead: 0 };
    // Newest first; ties broken by id so the same store always gives the same answer.
    beyond = [...ages].sort((a, b) => b.time - a.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(policy.count);
  }
  const removed = beyond.filter((age) => !age.read).sort((a, b) => a.time - b.time);
  return { ids: removed.map((age) => age.id), keptRead: beyond.length - removed.length };
}
