/**
 * The postings layout: for each time bucket (bucket.ts), a few segment rows, each holding the
 * postings of a batch of articles packed in typed arrays — sorted term hashes, and for each hash
 * the sorted docnos (small article numbers) carrying it. A write appends one segment per bucket it
 * touches (no read of what is there); a bucket with too many segments, or with articles removed,
 * is compacted into one. A lookup reads each bucket of its window in one request and has every
 * posting of those weeks at hand: exact counts of every term, every candidate, no sampling.
 *
 * Typed arrays because IndexedDB clones them as bytes: reading a week of postings costs a copy,
 * not the construction of thousands of objects or strings.
 */
import { termHash } from './terms';

export interface SegmentRow {
  bucket: number;
  seq: number;
  /** Articles in the segment. */
  count: number;
  /** Sorted distinct term hashes. */
  hashes: Uint32Array;
  /** docnos of hash i: docnos[offsets[i] .. offsets[i+1]), sorted. */
  offsets: Uint32Array;
  docnos: Uint32Array;
}

/** More segments than this in a bucket: the next write compacts them into one. */
export const MAX_SEGMENTS = 8;

export interface IndexedDoc {
  docno: number;
  terms: readonly string[];
}

/** A segment of these documents' postings. */
export function buildSegment(bucket: number, seq: number, docs: readonly IndexedDoc[]): SegmentRow {
  const lists = new Map<number, number[]>();
  let count = 0;
  for (const doc of docs) {
    if (doc.terms.length > 0) count++;
    for (const term of new Set(doc.terms)) {
      const hash = termHash(term);
      const list = lists.get(hash);
      if (list === undefined) lists.set(hash, [doc.docno]);
      else if (list[list.length - 1] !== doc.docno) list.push(doc.docno);
    }
  }
  return packSegment(bucket, seq, count, lists);
}

function packSegment(bucket: number, seq: number, count: number, lists: Map<number, number[]>): SegmentRow {
  const hashes = Uint32Array.from(lists.keys()).sort();
  const offsets = new Uint32Array(hashes.length + 1);
  let size = 0;
  for (const list of lists.values()) size += list.length;
  const docnos = new Uint32Array(size);
  let at = 0;
  hashes.forEach((hash, i) => {
    offsets[i] = at;
    const list = lists.get(hash)!.sort((a, b) => a - b);
    docnos.set(list, at);
    at += list.length;
  });
  offsets[hashes.length] = at;
  return { bucket, seq, count, hashes, offsets, docnos };
}

/** The first place in ascending `sorted` whose value is not below `value` (its length if none). */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The docnos of one hash in one segment (a view, no copy); empty when absent. */
export function postingsOf(segment: SegmentRow, hash: number): Uint32Array {
  const { hashes } = segment;
  const lo = lowerBound(hashes, hash);
  if (lo >= hashes.length || hashes[lo] !== hash) return EMPTY;
  return segment.docnos.subarray(segment.offsets[lo]!, segment.offsets[lo + 1]!);
}

const EMPTY = new Uint32Array(0);

/** One segment holding all of these segments' postings, without the removed docnos. */
export function compact(bucket: number, seq: number, segments: readonly SegmentRow[], removed: ReadonlySet<number>): SegmentRow {
  const lists = new Map<number, number[]>();
  const docs = new Set<number>();
  for (const segment of segments) {
    segment.hashes.forEach((hash, i) => {
      let list = lists.get(hash);
      for (let k = segment.offsets[i]!; k < segment.offsets[i + 1]!; k++) {
        const docno = segment.docnos[k]!;
        if (removed.has(docno)) continue;
        docs.add(docno);
        if (list === undefined) {
          list = [];
          lists.set(hash, list);
        }
        list.push(docno);
      }
    });
  }
  for (const [hash, list] of lists) if (list.length === 0) lists.delete(hash);
  return packSegment(bucket, seq, docs.size, lists);
}
