/**
 * Keeps the new-tab digest up to date: rebuilt (debounced) after the store changes and kept with
 * the store, so a new tab reads it in one step; rebuilt on demand when a tab asks and the store
 * has changed since.
 */
import { buildDigest, type Digest } from '../digest/digest';
import type { ArticleStore } from '../store';

const DIGEST_KEY = 'digest';
/** The work-in-progress mark of a rebuild asked for and not yet done. */
export const DIGEST_WORK = 'digest-rebuild';

/** A build under way, and the generation of the store it reads (known once it has read it). */
interface Build {
  generation: Promise<string | undefined>;
  digest: Promise<Digest>;
}

export class DigestManager {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private building: Build | undefined;

  constructor(
    private readonly store: ArticleStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** A rebuild will be asked for: marked in the store at once, so a worker stopped before the
   * rebuild ends does it at its next start. */
  expectRebuild(): void {
    void this.store.markWork(DIGEST_WORK, true).catch(() => undefined);
  }

  /** Rebuild soon (many changes in a row cause one rebuild). */
  scheduleRebuild(delayMs = 2_000): void {
    this.expectRebuild();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.rebuild(), delayMs);
  }

  /** Drops a rebuild that was scheduled (tests, shutdown). */
  dispose(): void {
    clearTimeout(this.timer);
  }

  /** The digest for the store as it is now (built if the kept one is older than the store). */
  async current(): Promise<Digest> {
    const [kept, generation] = await Promise.all([this.store.loadDerived<Digest>(DIGEST_KEY), this.generation()]);
    if (kept !== undefined && kept.generation === generation && kept.value.version === 1) return kept.value;
    const running = this.building;
    // A build that read another store than this request saw (one started before an import or a
    // reading mark landed) would answer with what the store was: wait for it, then build again.
    // Any build started after it ended started after this request, so one wait is enough.
    if (running !== undefined && (await running.generation) !== generation) await running.digest.catch(() => undefined);
    return this.rebuild();
  }

  /** The digest shows what the user read ("stories you read"): it follows reading marks as well as content. */
  private async generation(): Promise<string | undefined> {
    const { content, read } = await this.store.generations();
    return content === undefined ? undefined : `${content}:${read ?? ''}`;
  }

  rebuild(): Promise<Digest> {
    // One build at a time; a request during a build gets that build (current() first checks
    // that it reads the store the request saw).
    if (this.building === undefined) {
      const generation = this.generation();
      const digest = (async () => {
        try {
          // The generation is read before the store is: kept with it, the digest is seen stale
          // by the next request if the store changed meanwhile.
          const builtFrom = await generation;
          const built = await buildDigest(this.store, this.now());
          await this.store.saveDerived(DIGEST_KEY, built, builtFrom);
          await this.store.clearWork(DIGEST_WORK);
          return built;
        } finally {
          this.building = undefined;
        }
      })();
      // A failed generation read fails the build too (its digest's rejection): not reported twice.
      generation.catch(() => undefined);
      this.building = { generation, digest };
    }
    return this.building.digest;
  }
}
