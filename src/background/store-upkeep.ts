/**
 * The background's care of the store itself: opens it, finishes what an upgrade left (the data
 * steps of src/store/migrations, in batches, resumed at every start of the worker and by an alarm
 * while any is left), and knows the store's status for pages that wait on it: for every step
 * (`whenReady`), or only for those that change what readers see (`whenReadable`).
 */
import type { StoreStatus } from '../messaging/protocol';
import type { ArticleStore } from '../store';

export const UPKEEP_ALARM = 'store-upkeep';

export interface UpkeepDeps {
  store: ArticleStore;
  /** Between batches: an extension API call keeps the worker awake through a long upgrade. */
  keepAlive?: () => Promise<void>;
  /** A repeating alarm while steps are left (a worker stopped part-way is woken to go on). */
  setAlarm: (on: boolean) => Promise<void>;
  /** The steps are done. (Articles they changed were announced as store events, `why: 'upgrade'`:
   * the background's store reactions rebuild the digest and count badges again.) */
  onFinished?: () => Promise<void> | void;
  batchSize?: number;
}

export class StoreUpkeep {
  private current: StoreStatus = { state: 'opening' };
  /** What the steps' run last said: 'opening' until a run has read which steps are left. An open
   * connection is not a finished upgrade (the steps run after the store opens): once open, the
   * status is this, so a page's request never passes `whenReady` between the store opening and
   * the run saying 'updating' (a digest built then, before any article is indexed, is empty). */
  private steps: StoreStatus = { state: 'opening' };
  /** The run has read that every step left is one readers need not wait for (`readersWait: false`):
   * false until a run has read the steps, as `steps` is 'opening' until then. */
  private onlyQuietLeft = false;
  private running: Promise<boolean> | undefined;
  private readonly waiters: { readable: boolean; resolve: () => void }[] = [];

  constructor(private readonly deps: UpkeepDeps) {
    deps.store.db.onConnectionState = (state) => {
      if (state === 'blocked') this.current = { state: 'blocked' };
      else if (state === 'closed-for-upgrade') this.current = { state: 'opening' };
      else if (this.current.state === 'blocked' || this.current.state === 'opening') this.show(this.steps);
    };
  }

  status(): StoreStatus {
    return this.current;
  }

  /** Runs the steps left (once at a time; a call while running joins that run). */
  run(): Promise<boolean> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Resolves when the store is open and no step is left (at once if so already). */
  whenReady(): Promise<void> {
    return this.wait(false);
  }

  /** Resolves when the store is open and readers see the answers they will see once every step is
   * done: no step left, or only steps with `readersWait: false` (the status still says their
   * progress). As whenReady, never before a run has read which steps are left. */
  whenReadable(): Promise<void> {
    return this.wait(true);
  }

  private wait(readable: boolean): Promise<void> {
    if (this.passes(readable)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ readable, resolve }));
  }

  private passes(readable: boolean): boolean {
    const state = this.current.state;
    return state === 'ready' || state === 'error' || (readable && state === 'updating' && this.onlyQuietLeft);
  }

  private async runOnce(): Promise<boolean> {
    const { store } = this.deps;
    try {
      const pending = (await store.upgradeStatus()).pending;
      this.onlyQuietLeft = pending.every((step) => !step.readersWait);
      if (pending.length === 0) {
        this.ready();
        return true;
      }
      await this.deps.setAlarm(true);
      const first = pending[0]!;
      this.set({ state: 'updating', describe: first.describe, done: first.done, total: first.total });
      const finished = await store.finishUpgrade({
        ...(this.deps.batchSize === undefined ? {} : { batchSize: this.deps.batchSize }),
        afterBatch: async (progress) => {
          // Steps run in order: once the last one readers wait for has finished, they go on.
          if (!this.onlyQuietLeft) this.onlyQuietLeft = (await store.upgradeStatus()).pending.every((step) => !step.readersWait);
          this.set({ state: 'updating', describe: progress.describe, done: progress.done, total: progress.total });
          await this.deps.keepAlive?.();
        },
      });
      if (finished) {
        await this.deps.setAlarm(false);
        this.ready();
        await this.deps.onFinished?.();
      }
      return finished;
    } catch (error) {
      // Waiters go on and meet the error themselves rather than wait for ever.
      this.set({ state: 'error', error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  private ready(): void {
    this.set({ state: 'ready' });
  }

  /** The steps' status, shown at once. */
  private set(status: StoreStatus): void {
    this.steps = status;
    this.show(status);
  }

  /** Shows a status; waiters go on when it is 'ready' or 'error' (and whenReadable's while only
   * steps readers need not wait for are running). */
  private show(status: StoreStatus): void {
    this.current = status;
    for (const waiter of this.waiters.splice(0)) {
      if (this.passes(waiter.readable)) waiter.resolve();
      else this.waiters.push(waiter);
    }
  }
}
