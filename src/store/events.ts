/**
 * The store announces each committed write: what changed (articles created, updated, deleted,
 * read; the whole store cleared; feed subscriptions or their state) and why. Every context that
 * holds an ArticleStore hears its own writes at once; a `StoreChannel` (the extension's runtime
 * messaging, wired by the entry points through src/messaging/store-channel.ts) carries them to
 * the other contexts. Whoever must react to a write — retention, the digest, badges, open pages —
 * listens here, whatever wrote it.
 *
 * Writes stage their part on the IndexedDB transaction; one event per transaction is announced
 * when it commits (never for a write that was rolled back), also when one store call runs inside
 * another's transaction (feed items are stored with the feed's state in one transaction).
 */
import Dexie from 'dexie';

/** Why the store was written. */
export type StoreChangeReason = 'import' | 'feed' | 'page' | 'save' | 'prune' | 'delete' | 'upgrade';

export const STORE_CHANGE_REASONS: readonly StoreChangeReason[] = ['import', 'feed', 'page', 'save', 'prune', 'delete', 'upgrade'];

export interface StoreChange {
  why: StoreChangeReason;
  /** Articles added, changed in content, removed (deleted or absorbed into another). */
  created: string[];
  updated: string[];
  deleted: string[];
  /** Articles whose reading time alone changed. */
  read: string[];
  /** Every article was removed (delete all). */
  cleared: boolean;
  /** Feed subscriptions or their refresh state changed. */
  feeds: boolean;
}

export type StoreListener = (change: StoreChange) => void;

/** Carries changes between contexts. */
export interface StoreChannel {
  post(change: StoreChange): void;
  /** Calls back with changes other contexts announced; returns the way to stop. */
  listen(listener: StoreListener): () => void;
}

export function emptyChange(why: StoreChangeReason): StoreChange {
  return { why, created: [], updated: [], deleted: [], read: [], cleared: false, feeds: false };
}

/** Whether articles' content changed (not only reading marks or feed states). */
export function contentChanged(change: StoreChange): boolean {
  return change.cleared || change.created.length > 0 || change.updated.length > 0 || change.deleted.length > 0;
}

function isEmpty(change: StoreChange): boolean {
  return !contentChanged(change) && change.read.length === 0 && !change.feeds;
}

/** Two parts of one transaction as one change; the first part's reason is the transaction's. */
function merge(into: StoreChange, part: Partial<StoreChange>): void {
  for (const key of ['created', 'updated', 'deleted', 'read'] as const) if (part[key] !== undefined) into[key].push(...part[key]);
  into.cleared ||= part.cleared === true;
  into.feeds ||= part.feeds === true;
}

export class StoreEvents {
  private readonly listeners = new Set<StoreListener>();
  private readonly pending = new WeakMap<object, StoreChange>();
  private channel: StoreChannel | undefined;
  private stopListening: (() => void) | undefined;

  /** Hears every change: this context's as soon as committed, other contexts' once a channel is connected. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Sends this context's changes over `channel` and hears the others' from it. */
  connect(channel: StoreChannel): void {
    this.stopListening?.();
    this.channel = channel;
    this.stopListening = channel.listen((change) => this.deliver(change));
  }

  /** Adds a part to the change of the IndexedDB transaction running now; announced when it commits.
   * Outside a transaction it is announced at once. */
  stage(why: StoreChangeReason, part: Partial<Omit<StoreChange, 'why'>>): void {
    const transaction = Dexie.currentTransaction?.idbtrans;
    if (transaction === undefined || transaction === null) {
      const change = emptyChange(why);
      merge(change, part);
      this.announce(change);
      return;
    }
    let change = this.pending.get(transaction);
    if (change === undefined) {
      change = emptyChange(why);
      this.pending.set(transaction, change);
      const committed = change;
      transaction.addEventListener('complete', () => this.announce(committed));
    }
    merge(change, part);
  }

  /** Tells this context's listeners and the other contexts. */
  announce(change: StoreChange): void {
    if (isEmpty(change)) return;
    this.deliver(change);
    this.channel?.post(change);
  }

  private deliver(change: StoreChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One listener's failure must not keep the others from hearing of the write.
        console.error('store listener failed', error);
      }
    }
  }
}
