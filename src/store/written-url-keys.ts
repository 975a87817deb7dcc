/**
 * What one writer knows of the store's URL keys across its batches (an import's): once a batch's
 * transaction found the store empty, every URL key stored since is one this writer wrote — for as
 * long as the content generation is the one the writer's own last batch left. Every write that adds
 * an article or a URL to one changes that generation (./generations: readers cache by it), so a
 * batch that reads it unchanged knows a key this writer never wrote is stored nowhere, and skips
 * its read: a fresh import's keys are nearly all new, one IndexedDB request each. Another writer's
 * batch in between (a feed refresh, a second import, delete all) changes the generation: then
 * every key is read, as before, for the rest of the import.
 *
 * The keys are held in a Bloom filter: bounded memory (2 MB at any import size); a key wrongly
 * said "maybe written" is only read, as it would have been anyway.
 */

const BITS = 1 << 24;
const PROBES = 3;

export class WrittenUrlKeys {
  private bits: Uint32Array | null = null;
  /** The content generation the filter holds for; null: not known to hold (read every key). */
  private holdsFor: string | undefined | null = null;
  /** Seen another writer's write: never trusted again. */
  private spoiled = false;

  /** The generation the store must still be at for mightBeStored to be trusted; null: not trusted. */
  get trustedGeneration(): string | undefined | null {
    return this.holdsFor;
  }

  /** Whether a key may be stored: false only for a key this writer never wrote (meaningful only
   * while the store is at trustedGeneration). */
  mightBeStored(key: string): boolean {
    const bits = this.bits;
    if (bits === null || this.holdsFor === null) return true;
    const [h1, h2] = hashes(key);
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & (BITS - 1);
      if ((bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /** A batch committed: the store holds what it held at `before` (empty: `wasEmpty`) plus `keys`,
   * and is now at generation `after`. */
  learn(before: { generation: string | undefined; wasEmpty: boolean }, keys: Iterable<string>, after: string | undefined): void {
    if (this.spoiled) return;
    const continues = this.holdsFor !== null && this.holdsFor === before.generation;
    if (!continues && !before.wasEmpty) {
      this.forget();
      return;
    }
    const bits = (this.bits ??= new Uint32Array(BITS / 32));
    if (!continues) bits.fill(0);
    for (const key of keys) {
      const [h1, h2] = hashes(key);
      for (let i = 0; i < PROBES; i++) {
        const bit = (h1 + Math.imul(i, h2)) & (BITS - 1);
        bits[bit >>> 5]! |= 1 << (bit & 31);
      }
    }
    this.holdsFor = after;
  }

  /** Another writer wrote (or the store's state is unknown): read every key from now on. */
  forget(): void {
    this.spoiled = true;
    this.holdsFor = null;
    this.bits = null;
  }
}

/** Two 32-bit hashes of a key (FNV-1a and a multiplicative one), for double hashing. */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    a = Math.imul(a ^ ch, 16777619);
    b = Math.imul(b ^ ch, 2246822519);
  }
  b ^= b >>> 15;
  // Odd: every probe lands on another bit.
  return [a >>> 0, (b | 1) >>> 0];
}
