/**
 * What follows a store write, in one place and one order, whatever wrote it (an import in the
 * options page, a feed refresh, a page read, a save from the context menu, pruning):
 *   1. retention, after imports, feed refreshes and delete-all (its own deletions are announced
 *      too, and come back here without pruning again);
 *   2. the digest, rebuilt soon after content changed, later after a page read or a reading mark;
 *   3. badges: every known tab's is counted again when articles were added, changed or removed
 *      (`refreshesAllBadges`). A page read applies that same rule as its report is answered
 *      (./page-reports), so the reporting tab's badge never waits: those events skip this step.
 * Open pages hear the same store events themselves (the options page's counts and feed list).
 *
 * Writes come in bursts (an import is one event per batch): events that arrive while a reaction
 * runs, or within `settleMs` of the first, are folded into one reaction.
 */
import type { RetentionReason, RetentionReport } from '../retention/report';
import { contentChanged, type StoreChange } from '../store/events';

export interface ReactionDeps {
  retention: { run(reason: RetentionReason): Promise<RetentionReport | null> };
  /** `expectRebuild`: told at once when an event will rebuild the digest (before the burst
   * settles), so a worker stopped meanwhile still rebuilds at its next start. */
  digest: { scheduleRebuild(delayMs?: number): void; expectRebuild?(): void };
  refreshAllBadges: () => Promise<void>;
  /** How long to wait for more events of a burst before reacting (ms). */
  settleMs?: number;
}

/** Digest rebuild delays: content changed; only pages read (they change "stories you read"). */
export const DIGEST_DELAY_MS = { content: 2_000, reading: 15_000 } as const;

/** What a folded set of events asks for. */
interface Pending {
  retention: RetentionReason | null;
  digestDelayMs: number | null;
  badges: boolean;
}

export class StoreReactions {
  private pending: Pending | null = null;
  private running: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: ReactionDeps) {}

  /** Takes one store event; the reaction runs after it settles. Returns when that reaction is done. */
  handle(change: StoreChange): Promise<void> {
    const wants = reactionTo(change);
    if (wants.retention === null && wants.digestDelayMs === null && !wants.badges) return this.running;
    if (wants.digestDelayMs !== null) this.deps.digest.expectRebuild?.();
    const first = this.pending === null;
    this.pending = fold(this.pending, wants);
    if (first) {
      const settled = new Promise<void>((resolve) => {
        this.timer = setTimeout(resolve, this.deps.settleMs ?? 250);
      });
      this.running = Promise.all([this.running, settled]).then(() => this.react());
    }
    return this.running;
  }

  private async react(): Promise<void> {
    const wants = this.pending;
    this.pending = null;
    if (wants === null) return;
    if (wants.retention !== null) await this.deps.retention.run(wants.retention).catch(() => null);
    if (wants.digestDelayMs !== null) this.deps.digest.scheduleRebuild(wants.digestDelayMs);
    if (wants.badges) await this.deps.refreshAllBadges().catch((error: unknown) => console.error('badges not refreshed', error));
  }

  /** Resolves when every reaction asked for so far has run. */
  idle(): Promise<void> {
    return this.running;
  }

  /** For tests and shutdown: no reaction left waiting. */
  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** What one event asks for. */
export function reactionTo(change: StoreChange): Pending {
  const content = contentChanged(change);
  const retention = change.why === 'import' || change.why === 'delete' ? 'store' : change.why === 'feed' && content ? 'feeds' : null;
  const digestDelayMs = content ? (change.why === 'page' ? DIGEST_DELAY_MS.reading : DIGEST_DELAY_MS.content) : change.read.length > 0 ? DIGEST_DELAY_MS.reading : null;
  return { retention: content || change.why === 'delete' ? retention : null, digestDelayMs, badges: change.why !== 'page' && refreshesAllBadges(change) };
}

/** The badge rule, whatever wrote the articles: a change of content may be coverage for (or
 * remove coverage from) what any tab shows; a reading mark changes no count. */
export function refreshesAllBadges(change: Pick<StoreChange, 'created' | 'updated' | 'deleted' | 'cleared'>): boolean {
  return change.cleared || change.created.length > 0 || change.updated.length > 0 || change.deleted.length > 0;
}

function fold(a: Pending | null, b: Pending): Pending {
  if (a === null) return b;
  const delays = [a.digestDelayMs, b.digestDelayMs].filter((d): d is number => d !== null);
  return {
    retention: a.retention ?? b.retention,
    digestDelayMs: delays.length === 0 ? null : Math.min(...delays),
    badges: a.badges || b.badges,
  };
}
