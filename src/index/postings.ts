/**
 * One bucket's postings as a lookup uses them, over the bucket's segment rows (segments.ts): how
 * many articles carry a term (a lookup asks this of every term of every candidate: thousands of
 * terms) and which ones (asked only of the query's terms). Counts come from the segments' hashes
 * merged once into one sorted table, so a count is one binary search and no list is copied to be
 * counted. Kept with the rows in the lookup cache, so windows that share a week share the work.
 */
import { lowerBound, postingsOf, type SegmentRow } from './segments';

const EMPTY = new Uint32Array(0);

function segmentBytes(segment: SegmentRow): number {
  let bytes = segment.hashes.byteLength + segment.offsets.byteLength + segment.docnos.byteLength;
  const forward = segment.forward;
  if (forward !== undefined) {
    for (const part of [forward.docnos, forward.termCounts, forward.titleTermCounts, forward.terms, forward.anchors, forward.numbers, forward.publishedAt, forward.langs]) bytes += part.byteLength;
    // Where each article's terms start (segments.ts keeps it once read).
    bytes += 4 * (forward.docnos.length + 1);
  }
  return bytes;
}

/** The merged hash and count tables, at most (one segment needs none: its offsets count). */
function mergedBytes(segments: readonly SegmentRow[]): number {
  const hashes = segments.reduce((sum, s) => sum + s.hashes.length, 0);
  return segments.length > 1 ? 8 * hashes : 0;
}

/** Counts a bucket of several segments answers one segment at a time before merging them (a
 * lookup asks a few thousand; a bucket kept in a context's cache is asked again and again). */
export const MERGE_AFTER = 20_000;

/** Postings of a hash in one segment. */
function countIn(segment: SegmentRow, hash: number): number {
  const { hashes, offsets } = segment;
  const lo = lowerBound(hashes, hash);
  return lo < hashes.length && hashes[lo] === hash ? offsets[lo + 1]! - offsets[lo]! : 0;
}

export class BucketPostings {
  /** Articles in the bucket (with terms). */
  readonly count: number;
  /** Merged on first count: distinct hashes of all segments, sorted, and postings per hash. */
  private hashes: Uint32Array | undefined;
  private counts: Uint32Array | undefined;

  /** Bytes held: the segments' typed arrays and, once merged, the count table (a lookup cache's measure). */
  readonly bytes: number;

  constructor(readonly segments: readonly SegmentRow[]) {
    this.count = segments.reduce((sum, s) => sum + s.count, 0);
    this.bytes = segments.reduce((sum, s) => sum + segmentBytes(s), 0) + mergedBytes(segments);
  }

  /** Counts answered segment by segment so far (see countOf). */
  private unmergedCounts = 0;
  /** Whether a lookup after the one that read the bucket uses it (see reused). */
  private kept = false;

  /** Told when a later lookup uses this bucket again (a context's cache held it): that context
   * answers again and again, and merging costs about what one lookup's counts segment by segment
   * do, so the next count merges. A context's first lookup of a week still never merges; a week
   * asked by a few lookups only (a 500,000-article store spreads its lookups over 385 weeks, ~5
   * lookups a week in the bench) no longer counts segment by segment each time. */
  reused(): void {
    this.kept = true;
  }

  /** Whether its count table is made (tests). */
  get merged(): boolean {
    return this.hashes !== undefined;
  }

  /** Postings of this hash in the bucket (docnos, deleted ones included, as the segments hold them). */
  countOf(hash: number): number {
    if (this.hashes === undefined) {
      // One segment: its own offsets say the count, no table needed. Several: each asked until
      // the bucket has answered enough counts to pay for merging them into one table, or a later
      // lookup uses it — a fresh page's one lookup (a few thousand counts, run interpreted) never merges.
      if (this.segments.length === 1) return countIn(this.segments[0]!, hash);
      if (!this.kept && this.unmergedCounts < MERGE_AFTER) {
        this.unmergedCounts++;
        let n = 0;
        for (const segment of this.segments) n += countIn(segment, hash);
        return n;
      }
      this.merge();
    }
    const hashes = this.hashes!;
    const lo = lowerBound(hashes, hash);
    return lo < hashes.length && hashes[lo] === hash ? this.counts![lo]! : 0;
  }

  /** The docnos carrying the hash, segment by segment (in the segments' order). */
  docsWith(hash: number): ArrayLike<number> & Iterable<number> {
    if (this.segments.length === 1) return postingsOf(this.segments[0]!, hash);
    const parts: Uint32Array[] = [];
    let size = 0;
    for (const segment of this.segments) {
      const part = postingsOf(segment, hash);
      if (part.length > 0) {
        parts.push(part);
        size += part.length;
      }
    }
    if (parts.length === 0) return EMPTY;
    if (parts.length === 1) return parts[0]!;
    const out = new Uint32Array(size);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  /** Every segment's sorted hashes merged into one sorted table with summed counts. */
  private merge(): void {
    const segments = this.segments.filter((s) => s.hashes.length > 0);
    if (segments.length === 0) {
      this.hashes = EMPTY;
      this.counts = EMPTY;
      return;
    }
    if (segments.length === 1) {
      // Several segments, all but one empty.
      const { hashes, offsets } = segments[0]!;
      const counts = new Uint32Array(hashes.length);
      for (let i = 0; i < hashes.length; i++) counts[i] = offsets[i + 1]! - offsets[i]!;
      this.hashes = hashes;
      this.counts = counts;
      return;
    }
    let bound = 0;
    for (const s of segments) bound += s.hashes.length;
    const hashes = new Uint32Array(bound);
    const counts = new Uint32Array(bound);
    const at = new Int32Array(segments.length);
    let n = 0;
    for (;;) {
      // The smallest hash at any segment's cursor, and its postings in every segment holding it.
      let min = -1;
      for (let k = 0; k < segments.length; k++) {
        const { hashes: h } = segments[k]!;
        if (at[k]! < h.length && (min === -1 || h[at[k]!]! < min)) min = h[at[k]!]!;
      }
      if (min === -1) break;
      let total = 0;
      for (let k = 0; k < segments.length; k++) {
        const { hashes: h, offsets } = segments[k]!;
        const i = at[k]!;
        if (i < h.length && h[i] === min) {
          total += offsets[i + 1]! - offsets[i]!;
          at[k] = i + 1;
        }
      }
      hashes[n] = min;
      counts[n] = total;
      n++;
    }
    this.hashes = hashes.subarray(0, n);
    this.counts = counts.subarray(0, n);
  }
}
