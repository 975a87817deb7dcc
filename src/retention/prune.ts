/**
 * Applies a retention policy to the store: selects (select.ts) from the index alone, then deletes
 * in batches through `ArticleStore.deleteArticles`, which keeps links, week counts and feed
 * memberships true. Each batch is its own transaction: a run cut short (a service worker stopped)
 * leaves a consistent store, and the next run finishes the work.
 */
import { readArticleAges, type ArticleStore } from '../store';
import { selectForPruning, type PruneSelection, type RetentionPolicy } from './select';

export interface PruneOptions {
  now?: number;
  batchSize?: number;
  /** Called between batches (the service worker uses it to stay awake through a long run). */
  betweenBatches?: () => Promise<void>;
}

export interface PruneResult {
  deleted: number;
  keptRead: number;
  /** Articles in the store after pruning. */
  remaining: number;
}

/** What pruning with this policy would delete now (for a preview before applying it). */
export async function planPrune(store: ArticleStore, policy: RetentionPolicy, now: number = Date.now()): Promise<PruneSelection> {
  if (policy.mode === 'off') return { ids: [], keptRead: 0 };
  return selectForPruning(await readArticleAges(store), policy, now);
}

export async function pruneStore(store: ArticleStore, policy: RetentionPolicy, options: PruneOptions = {}): Promise<PruneResult> {
  const batchSize = options.batchSize ?? 500;
  const selection = await planPrune(store, policy, options.now ?? Date.now());
  let deleted = 0;
  for (let i = 0; i < selection.ids.length; i += batchSize) {
    deleted += await store.deleteArticles(selection.ids.slice(i, i + batchSize));
    await (options.betweenBatches?.() ?? new Promise((resolve) => setTimeout(resolve, 0)));
  }
  return { deleted, keptRead: selection.keptRead, remaining: await store.countArticles() };
}
