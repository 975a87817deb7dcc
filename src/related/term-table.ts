/**
 * Numbers kept by 32-bit term hash (termHash) in typed arrays: open addressing, linear probing.
 * What the judging asks of every term of every candidate (its rarity, its count in the window):
 * a `Map` keyed by such hashes boxes the half of them above 2^31 (not small integers) and was a
 * large part of a lookup's judging (bench/RESULTS.md, issue 15, session 24).
 */
export class TermTable {
  private keys: Uint32Array;
  private values: Float64Array;
  private filled: Uint8Array;
  private count = 0;

  constructor(capacity = 64) {
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.keys = new Uint32Array(size);
    this.values = new Float64Array(size);
    this.filled = new Uint8Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** The number kept for the term, undefined when none is. */
  get(term: number): number | undefined {
    const { keys, filled } = this;
    const mask = keys.length - 1;
    for (let slot = slotOf(term, mask); filled[slot] === 1; slot = (slot + 1) & mask) if (keys[slot] === term) return this.values[slot];
    return undefined;
  }

  set(term: number, value: number): void {
    if (2 * (this.count + 1) > this.keys.length) this.grow();
    const { keys, filled } = this;
    const mask = keys.length - 1;
    let slot = slotOf(term, mask);
    while (filled[slot] === 1 && keys[slot] !== term) slot = (slot + 1) & mask;
    if (filled[slot] === 0) {
      filled[slot] = 1;
      keys[slot] = term;
      this.count++;
    }
    this.values[slot] = value;
  }

  private grow(): void {
    const { keys, values, filled } = this;
    const size = 2 * keys.length;
    this.keys = new Uint32Array(size);
    this.values = new Float64Array(size);
    this.filled = new Uint8Array(size);
    this.count = 0;
    for (let slot = 0; slot < keys.length; slot++) if (filled[slot] === 1) this.set(keys[slot]!, values[slot]!);
  }
}

function slotOf(term: number, mask: number): number {
  const h = Math.imul(term, 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}
