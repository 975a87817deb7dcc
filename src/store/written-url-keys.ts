/**
 * What one writer knows of the store's URL keys across its batches (an import's): once a batch's
 * transaction found the store empty, every URL key stored since is one this writer wrote — for as
 * long as the content generation is the one the writer's own last batch left. Every write that adds
 * an article or a URL to one changes that generation (./generations: readers cache by it), so a
 * batch that reads it unchanged knows a key this writer never wrote is stored nowhere. Another
 * writer's batch in between (a feed refresh, a second import, delete all) changes the generation:
 * then every key is read from the `urlKeys` table, as before, for the rest of the import.
 *
 * The keys are held exactly: by their 53-bit hash (as the table files them), the ids of the
 * articles that hold a key with that hash, kept up to date from each committed batch's changes
 * (keys gained, keys lost, articles absorbed). So the merge check of a trusted batch reads no
 * `urlKeys` shard at all — only the rows of the ids named — where a Bloom filter (this module
 * until session 33) still sent every key it had seen to the table: with 32 shards a batch that let
 * a few dozen keys through read the whole table, O(table) a batch. Memory: one map entry a key
 * (~40–60 bytes; ~10 MB at 100,000 articles), the writer's only, dropped when it is done.
 */
import { idCode, idOfCode, urlKeyHash } from '../index/url-key-rows';
import type { StoredArticle } from './types';

/** An article's URL keys before and after a committed write (undefined: not stored). */
export interface UrlKeyChange {
  before: Pick<StoredArticle, 'id' | 'urls'> | undefined;
  after: Pick<StoredArticle, 'id' | 'urls'> | undefined;
}

export class WrittenUrlKeys {
  /** Hash → the one article holding a key with it, as an id code (see idCode); the ids, ascending,
   * when several do (hash collisions) or the id has no code. Null: not trusted. */
  private view: Map<number, number | string[]> | null = null;
  /** The content generation the view holds for; null: not known to hold (read every key). */
  private holdsFor: string | undefined | null = null;
  /** Seen another writer's write: never trusted again. */
  private spoiled = false;

  /** The generation the store must still be at for `holders` to be trusted; null: not trusted. */
  get trustedGeneration(): string | undefined | null {
    return this.holdsFor;
  }

  /**
   * The ids of the articles stored under a key with this key's hash, ascending (those that hold
   * the key itself among them: a collision is told apart by the row, as a table read's is); empty
   * when none is. Null when the writer does not know (not trusted: read the table). Exact only
   * while the store is at trustedGeneration.
   */
  holders(key: string): readonly string[] | null {
    if (this.view === null || this.holdsFor === null) return null;
    const held = this.view.get(urlKeyHash(key));
    return held === undefined ? [] : typeof held === 'number' ? [idOfCode(held)] : held;
  }

  /** A batch committed: the store holds what it held at `before` (empty: `wasEmpty`) changed by
   * `changes`, and is now at generation `after`. */
  learn(before: { generation: string | undefined; wasEmpty: boolean }, changes: readonly UrlKeyChange[], after: string | undefined): void {
    if (this.spoiled) return;
    const continues = this.holdsFor !== null && this.holdsFor === before.generation;
    if (!continues && !before.wasEmpty) {
      this.forget();
      return;
    }
    if (!continues || this.view === null) this.view = new Map();
    for (const { before: was, after: now } of changes) {
      if (was === undefined) continue;
      // Hashes the article keeps (same id, a key with that hash still held) stay filed under it.
      const kept = now !== undefined && now.id === was.id ? new Set(now.urls.map(urlKeyHash)) : new Set<number>();
      for (const key of was.urls) {
        const hash = urlKeyHash(key);
        if (!kept.has(hash)) this.remove(hash, was.id);
      }
    }
    for (const { after: now } of changes) if (now !== undefined) for (const key of now.urls) this.add(urlKeyHash(key), now.id);
    this.holdsFor = after;
  }

  /** Another writer wrote (or the store's state is unknown): read every key from now on. */
  forget(): void {
    this.spoiled = true;
    this.holdsFor = null;
    this.view = null;
  }

  private add(hash: number, id: string): void {
    const view = this.view!;
    const held = view.get(hash);
    const code = idCode(id);
    if (held === undefined) {
      view.set(hash, code !== undefined && idOfCode(code) === id ? code : [id]);
      return;
    }
    const ids = typeof held === 'number' ? [idOfCode(held)] : held;
    if (ids.includes(id)) return;
    view.set(hash, [...ids, id].sort());
  }

  private remove(hash: number, id: string): void {
    const view = this.view!;
    const held = view.get(hash);
    if (held === undefined) return;
    const ids = (typeof held === 'number' ? [idOfCode(held)] : held).filter((other) => other !== id);
    if (ids.length === 0) view.delete(hash);
    else {
      const code = ids.length === 1 ? idCode(ids[0]!) : undefined;
      view.set(hash, code !== undefined && idOfCode(code) === ids[0] ? code : ids);
    }
  }
}
