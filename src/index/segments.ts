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
 *
 * A segment also carries its articles' forward data (`forward`): each one's terms in order (as
 * places in the segment's own hashes), which are anchors and numbers, its title term count, date
 * and language. A lookup judges its candidates from the segments it already read, and reads whole
 * article rows only for what it shows. Segments written by version 6 have none: a lookup reads
 * those candidates' rows instead (see src/related/engine.ts).
 *
 * Forward data also carries what the show decision asks of each article (show-keys.ts: URL-key
 * and headline hashes, an outlet number into the segment's `outlets`), so a lookup reads only the
 * rows it shows. Segments written before the `show-data` data step have none: a lookup reads
 * those same-story candidates' rows to decide, as before.
 */
import type { ShowSource } from './show-keys';
import { termHash } from './terms';
import { weekdayBit } from './weekdays';

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
  /** What the matcher needs of the articles (absent in segments written before version 7). */
  forward?: ForwardData;
}

/** Per term of a decoded forward entry (ForwardDoc.flags). */
export const ANCHOR_FLAG = 1;
export const NUMBER_FLAG = 2;

/** Unsigned integers in the smallest array that holds them (bytes are what a lookup reads). */
export type UintArray = Uint8Array | Uint16Array | Uint32Array;

/**
 * The matcher's fields of a segment's articles, by docno (sorted). Article i has `termCounts[i]`
 * terms, the first `titleTermCounts[i]` of them the title's; all articles' terms follow one
 * another in `terms`, each as its place in the segment's `hashes` (two bytes where a segment has
 * fewer than 65,536 distinct terms, not four).
 */
export interface ForwardData {
  docnos: Uint32Array;
  termCounts: UintArray;
  titleTermCounts: UintArray;
  terms: UintArray;
  /** One bit per entry of `terms` (bit k & 7 of byte k >> 3): the term is one of its article's anchors. */
  anchors: Uint8Array;
  /** One bit per entry of the segment's `hashes`: the term is a number (starts with a digit). */
  numbers: Uint8Array;
  /** Epoch ms; NaN when the article states no date. */
  publishedAt: Float64Array;
  /** 0: unknown; k: `languages[k - 1]`. */
  langs: UintArray;
  languages: string[];
  /** The show fields (show-keys.ts), for every article or (segments written before the
   * `show-data` step, or merged with one) absent. Outlet k: `outlets[outletIds[i]]`. */
  outletIds?: UintArray;
  outlets?: string[];
  /** Two 32-bit halves an article (its 64-bit hash at 2i, 2i + 1). */
  urlHashes?: Uint32Array;
  titleHashes?: Uint32Array;
}

/** One article's forward entry, decoded: term hashes in order, a flags byte per term. */
export interface ForwardDoc {
  terms: Uint32Array;
  flags: Uint8Array;
  titleTermCount: number;
  publishedAt: number | undefined;
  lang: string | undefined;
}

/** More segments than this in a bucket: the next write compacts them into one. */
export const MAX_SEGMENTS = 8;

export interface IndexedDoc {
  docno: number;
  terms: readonly string[];
  titleTermCount: number;
  /** Terms that are anchors (a subset of `terms`). */
  anchors: readonly string[] | undefined;
  publishedAt?: number | undefined;
  lang?: string | undefined;
  /** What the show decision asks of it (absent: the segment gets no show fields). */
  show?: ShowSource | undefined;
}

/** A segment of these documents' postings and forward data. */
export function buildSegment(bucket: number, seq: number, docs: readonly IndexedDoc[]): SegmentRow {
  const lists = new Map<number, number[]>();
  const entries: ForwardEntry[] = [];
  let count = 0;
  for (const doc of docs) {
    // Each term hashed once: for the postings and for the forward entry.
    const hashes = doc.terms.map(termHash);
    if (doc.terms.length > 0) {
      count++;
      entries.push(forwardEntry(doc, hashes));
    }
    for (const hash of hashes) {
      const list = lists.get(hash);
      if (list === undefined) lists.set(hash, [doc.docno]);
      else if (list[list.length - 1] !== doc.docno) list.push(doc.docno);
    }
  }
  const segment = packSegment(bucket, seq, count, lists);
  return { ...segment, forward: packForward(entries, segment.hashes) };
}

/** One article's forward data before packing. */
interface ForwardEntry {
  docno: number;
  terms: ArrayLike<number>;
  flags: ArrayLike<number>;
  titleTermCount: number;
  publishedAt: number | undefined;
  lang: string | undefined;
  show: ShowSource | undefined;
}

function forwardEntry(doc: IndexedDoc, hashes: number[]): ForwardEntry {
  const anchors = new Set(doc.anchors ?? []);
  // The matcher's number test (`/^\d/`), made once here rather than on strings at every lookup.
  const flags = doc.terms.map((term) => (anchors.has(term) ? ANCHOR_FLAG : 0) | (/^\d/.test(term) ? NUMBER_FLAG : 0));
  return { docno: doc.docno, terms: hashes, flags, titleTermCount: doc.titleTermCount, publishedAt: doc.publishedAt, lang: doc.lang, show: doc.show };
}

function uintArray(length: number, max: number): UintArray {
  return max <= 0xff ? new Uint8Array(length) : max <= 0xffff ? new Uint16Array(length) : new Uint32Array(length);
}

const setBit = (bits: Uint8Array, k: number): void => {
  bits[k >> 3]! |= 1 << (k & 7);
};
const hasBit = (bits: Uint8Array, k: number): boolean => (bits[k >> 3]! & (1 << (k & 7))) !== 0;

/** Packs forward entries over the segment's sorted `hashes` (which hold every term of them). */
function packForward(entries: ForwardEntry[], hashes: Uint32Array): ForwardData {
  entries.sort((a, b) => a.docno - b.docno);
  const n = entries.length;
  let size = 0;
  let most = 0;
  for (const entry of entries) {
    size += entry.terms.length;
    most = Math.max(most, entry.terms.length);
  }
  const languages = [...new Set(entries.flatMap((e) => (e.lang === undefined ? [] : [e.lang])))];
  const arrays = forwardArrays(n, size, most, hashes.length, languages.length);
  const { docnos, termCounts, titleTermCounts, terms, anchors, numbers, publishedAt, langs } = arrays;
  let at = 0;
  entries.forEach((entry, i) => {
    docnos[i] = entry.docno;
    termCounts[i] = entry.terms.length;
    titleTermCounts[i] = entry.titleTermCount;
    for (let k = 0; k < entry.terms.length; k++, at++) {
      const place = lowerBound(hashes, entry.terms[k]!);
      terms[at] = place;
      if ((entry.flags[k]! & ANCHOR_FLAG) !== 0) setBit(anchors, at);
      if ((entry.flags[k]! & NUMBER_FLAG) !== 0) setBit(numbers, place);
    }
    publishedAt[i] = entry.publishedAt ?? NaN;
    langs[i] = entry.lang === undefined ? 0 : languages.indexOf(entry.lang) + 1;
  });
  if (!entries.every((entry) => entry.show !== undefined)) return { ...arrays, languages };
  const outlets = [...new Set(entries.map((entry) => entry.show!.outlet))];
  const numbered = new Map(outlets.map((outlet, k) => [outlet, k]));
  const show = showArrays(n, outlets.length);
  entries.forEach((entry, i) => {
    const { urlHash, titleHash, outlet } = entry.show!;
    show.outletIds[i] = numbered.get(outlet)!;
    show.urlHashes.set(urlHash, 2 * i);
    show.titleHashes.set(titleHash, 2 * i);
  });
  return { ...arrays, languages, ...show, outlets };
}

/** Empty show arrays for `n` articles of `outletCount` outlets. */
function showArrays(n: number, outletCount: number): { outletIds: UintArray; urlHashes: Uint32Array; titleHashes: Uint32Array } {
  return { outletIds: uintArray(n, Math.max(0, outletCount - 1)), urlHashes: new Uint32Array(2 * n), titleHashes: new Uint32Array(2 * n) };
}

/** Whether a segment's forward data has show fields (forwardShow). */
export function hasShowFields(forward: ForwardData): boolean {
  return forward.outlets !== undefined && forward.outletIds !== undefined && forward.urlHashes !== undefined && forward.titleHashes !== undefined;
}

/** The show fields of the forward entry at `i` (from forwardIndex); undefined when the segment has none. */
export function forwardShow(segment: SegmentRow, i: number): ShowSource | undefined {
  const forward = segment.forward!;
  if (!hasShowFields(forward)) return undefined;
  return {
    urlHash: [forward.urlHashes![2 * i]!, forward.urlHashes![2 * i + 1]!],
    titleHash: [forward.titleHashes![2 * i]!, forward.titleHashes![2 * i + 1]!],
    outlet: forward.outlets![forward.outletIds![i]!]!,
  };
}

/** Empty forward arrays for `n` articles of `size` terms in all (at most `most` each) over
 * `hashCount` hashes, with language numbers up to `languageCount`, each in the smallest array. */
function forwardArrays(n: number, size: number, most: number, hashCount: number, languageCount: number): Omit<ForwardData, 'languages'> {
  return {
    docnos: new Uint32Array(n),
    termCounts: uintArray(n, most),
    titleTermCounts: uintArray(n, most),
    terms: uintArray(size, hashCount - 1),
    anchors: new Uint8Array((size + 7) >> 3),
    numbers: new Uint8Array((hashCount + 7) >> 3),
    publishedAt: new Float64Array(n),
    langs: uintArray(n, languageCount),
  };
}

/** Where each article's terms start in `terms` (made once per forward data read). */
const starts = new WeakMap<ForwardData, Uint32Array>();

function startsOf(forward: ForwardData): Uint32Array {
  let out = starts.get(forward);
  if (out === undefined) {
    out = new Uint32Array(forward.docnos.length + 1);
    for (let i = 0; i < forward.docnos.length; i++) out[i + 1] = out[i]! + forward.termCounts[i]!;
    starts.set(forward, out);
  }
  return out;
}

/** Where a docno's forward entry is in the segment; -1 when the segment has none for it. */
export function forwardIndex(segment: SegmentRow, docno: number): number {
  const forward = segment.forward;
  if (forward === undefined) return -1;
  const i = lowerBound(forward.docnos, docno);
  return i < forward.docnos.length && forward.docnos[i] === docno ? i : -1;
}

/** The forward entry at `i` (from forwardIndex) of a segment that has forward data. */
export function forwardDoc(segment: SegmentRow, i: number): ForwardDoc {
  const forward = segment.forward!;
  const from = startsOf(forward)[i]!;
  const count = forward.termCounts[i]!;
  const terms = new Uint32Array(count);
  const flags = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    const place = forward.terms[from + k]!;
    terms[k] = segment.hashes[place]!;
    flags[k] = (hasBit(forward.anchors, from + k) ? ANCHOR_FLAG : 0) | (hasBit(forward.numbers, place) ? NUMBER_FLAG : 0);
  }
  const time = forward.publishedAt[i]!;
  const lang = forward.langs[i]!;
  return {
    terms,
    flags,
    titleTermCount: forward.titleTermCounts[i]!,
    publishedAt: Number.isNaN(time) ? undefined : time,
    lang: lang === 0 ? undefined : forward.languages[lang - 1],
  };
}

/** A forward entry as the matcher reads an article (src/related/matcher.ts, MatchDoc): term
 * hashes in order, anchors' and numbers' hashes in term order. */
export interface ForwardFields {
  terms: number[];
  titleTermCount: number;
  anchors: Set<number>;
  numbers: Set<number>;
  publishedAt: number | undefined;
  lang: string | undefined;
  /** The days of the week the text names: its day markers (weekdays.ts), which are not among `terms`. */
  weekdays: number;
}

/** The forward entry at `i` (from forwardIndex) straight as ForwardFields: what decoding it with
 * forwardDoc and then reading its flags gives, without the decoded copy in between (a lookup
 * makes 80 of these). */
export function forwardFields(segment: SegmentRow, i: number): ForwardFields {
  const forward = segment.forward!;
  const { hashes } = segment;
  const from = startsOf(forward)[i]!;
  const count = forward.termCounts[i]!;
  const terms: number[] = [];
  const anchors = new Set<number>();
  const numbers = new Set<number>();
  let weekdays = 0;
  for (let k = 0; k < count; k++) {
    const place = forward.terms[from + k]!;
    const hash = hashes[place]!;
    const day = weekdayBit(hash);
    if (day !== 0) {
      weekdays |= day;
      continue;
    }
    terms.push(hash);
    if (hasBit(forward.anchors, from + k)) anchors.add(hash);
    if (hasBit(forward.numbers, place)) numbers.add(hash);
  }
  const time = forward.publishedAt[i]!;
  const lang = forward.langs[i]!;
  return { terms, titleTermCount: forward.titleTermCounts[i]!, anchors, numbers, publishedAt: Number.isNaN(time) ? undefined : time, lang: lang === 0 ? undefined : forward.languages[lang - 1], weekdays };
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

/**
 * One segment holding all of these segments' postings and forward data, without the removed
 * docnos. Forward data is kept for the articles that had it (a segment of version 6 has none:
 * its articles stay without until the upgrade's data step rewrites the bucket). The same segment
 * as buildSegment would make of the kept articles.
 */
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
  const merged = packSegment(bucket, seq, docs.size, lists);
  if (!segments.some((segment) => segment.forward !== undefined)) return merged;
  return { ...merged, forward: mergeForward(segments, removed, merged.hashes) };
}

/** A kept article's forward entry where it is: segment, index in its forward data, where its terms start. */
interface ForwardPlace {
  docno: number;
  segment: number;
  i: number;
  from: number;
}

/**
 * The forward data of the segments' kept articles over the merged `hashes`, copied place by place:
 * each segment's places map to the merged ones through one table (its hashes and the merged
 * hashes are both sorted: one walk), so no term is decoded or searched for. The same arrays as
 * packForward makes of the decoded entries.
 */
function mergeForward(segments: readonly SegmentRow[], removed: ReadonlySet<number>, hashes: Uint32Array): ForwardData {
  const places: ForwardPlace[] = [];
  const remaps: Uint32Array[] = [];
  let size = 0;
  let most = 0;
  segments.forEach((segment, s) => {
    const forward = segment.forward;
    // Never read for a segment without forward data.
    const remap = new Uint32Array(forward === undefined ? 0 : segment.hashes.length);
    remaps.push(remap);
    if (forward === undefined) return;
    // A hash of this segment no kept article posts is not in `hashes`: no kept entry points at it.
    for (let h = 0, m = 0; h < segment.hashes.length; h++) {
      while (m < hashes.length && hashes[m]! < segment.hashes[h]!) m++;
      remap[h] = m;
    }
    const starts = startsOf(forward);
    forward.docnos.forEach((docno, i) => {
      if (removed.has(docno)) return;
      places.push({ docno, segment: s, i, from: starts[i]! });
      const count = forward.termCounts[i]!;
      size += count;
      most = Math.max(most, count);
    });
  });
  places.sort((a, b) => a.docno - b.docno);
  const n = places.length;
  // Show fields only when every kept entry has them (a segment from before the `show-data` step:
  // none, until the step rewrites the bucket). Asked of the kept entries, not of the segments: a
  // segment without them whose articles were all removed leaves none without them, and the merged
  // segment then has them as buildSegment gives them (an empty one included).
  const withShow = places.every((place) => hasShowFields(segments[place.segment]!.forward!));
  const outlets: string[] = [];
  const outletNumbers = new Map<string, number>();
  const show = withShow ? showArrays(n, segments.reduce((all, segment) => all + (segment.forward?.outlets?.length ?? 0), 0)) : undefined;
  const languages: string[] = [];
  const arrays = forwardArrays(n, size, most, hashes.length, segments.reduce((all, segment) => all + (segment.forward?.languages.length ?? 0), 0));
  const { docnos, termCounts, titleTermCounts, terms, anchors, numbers, publishedAt, langs } = arrays;
  let at = 0;
  places.forEach((place, i) => {
    const segment = segments[place.segment]!;
    const forward = segment.forward!;
    const remap = remaps[place.segment]!;
    const count = forward.termCounts[place.i]!;
    docnos[i] = place.docno;
    termCounts[i] = count;
    titleTermCounts[i] = forward.titleTermCounts[place.i]!;
    for (let k = 0; k < count; k++, at++) {
      const from = forward.terms[place.from + k]!;
      const to = remap[from]!;
      terms[at] = to;
      if (hasBit(forward.anchors, place.from + k)) setBit(anchors, at);
      if (hasBit(forward.numbers, from)) setBit(numbers, to);
    }
    publishedAt[i] = forward.publishedAt[place.i]!;
    const lang = forward.langs[place.i]!;
    if (lang === 0) langs[i] = 0;
    else {
      const name = forward.languages[lang - 1]!;
      let k = languages.indexOf(name);
      if (k === -1) k = languages.push(name) - 1;
      langs[i] = k + 1;
    }
    if (show !== undefined) {
      const outlet = forward.outlets![forward.outletIds![place.i]!]!;
      let k = outletNumbers.get(outlet);
      if (k === undefined) {
        k = outlets.push(outlet) - 1;
        outletNumbers.set(outlet, k);
      }
      show.outletIds[i] = k;
      show.urlHashes.set(forward.urlHashes!.subarray(2 * place.i, 2 * place.i + 2), 2 * i);
      show.titleHashes.set(forward.titleHashes!.subarray(2 * place.i, 2 * place.i + 2), 2 * i);
    }
  });
  const merged = { ...arrays, langs: shrink(langs, languages.length), languages };
  return show === undefined ? merged : { ...merged, ...show, outletIds: shrink(show.outletIds, Math.max(0, outlets.length - 1)), outlets };
}

/** The same numbers in the smallest array that holds values up to `max` (as uintArray sizes it). */
function shrink(values: UintArray, max: number): UintArray {
  const out = uintArray(values.length, max);
  if (out.constructor === values.constructor) return values;
  out.set(values);
  return out;
}
