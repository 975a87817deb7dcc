/**
 * What a lookup does once it holds the postings of its window, whatever holds them (the store's
 * index or an in-memory index): a cheap first pass over the postings of every query term picks
 * the candidates, then each is judged in full (matcher.ts). The store engine and the in-memory
 * index (digest stories, training) share this code, so they decide alike.
 */
import { BucketPostings } from '../index/postings';
import { ageRelation, ageRelief } from './ages';
import { lowerBound, type SegmentRow } from '../index/segments';
import { closerCounts, currentModel, differentSubjects, FEATURES, idf, judge, laterRanges, measureFirst, measureRest, setContext, thresholdFor, weigh, type Evidence, type Judgement, type MatchDoc, type PartialEvidence, type TermStats, type Weighted } from './matcher';
import { maxScore, minThreshold } from './score-bound';
import { TermTable } from './term-table';

/** The postings of a lookup's window: articles (by docno) carrying a term, and how many there are. */
export interface WindowPostings {
  total: number;
  /** Docnos carrying the term (by its hash) in the window; may hold deleted docnos. */
  docsWith(hash: number): ArrayLike<number> & Iterable<number>;
  /** How many postings `docsWith` would give, without building the list. */
  countOf(hash: number): number;
}

/** The feature the same-age relief reads (ages.ts ageRelief). */
const NAME_CONFLICT = FEATURES.indexOf('name_conflict');

/** How many candidates (by the first pass) are judged in full. */
export const CANDIDATES = 80;
/** Names and numbers find coverage in other languages and outlets: they count more in the first pass. */
const ANCHOR_BOOST = 1.5;

export type WindowStats = TermStats & {
  /** Rarity of a term (by hash) in the window. */
  idfOf(term: number): number;
  /** A document's weighted terms in this window (kept while the window is). */
  weighted(doc: MatchDoc): Weighted;
};
const statsCache = new WeakMap<WindowPostings, WindowStats>();

/** Rarity of terms in a window, computed once per term and window. */
export function statsOf(window: WindowPostings): WindowStats {
  const known = statsCache.get(window);
  if (known !== undefined) return known;
  const rarities = new TermTable();
  const total = Math.max(0, window.total);
  // Counts are asked again and again (each candidate's own names, the query's with each
  // candidate): kept per window, as rarities are.
  const counts = new TermTable();
  const df = (term: number): number => {
    let n = counts.get(term);
    if (n === undefined) {
      n = window.countOf(term);
      counts.set(term, n);
    }
    return n;
  };
  const weightedDocs = new WeakMap<MatchDoc, Weighted>();
  const pairs = new Map<string, number>();
  const sorted = new Map<number, Uint32Array>();
  const stats: WindowStats = {
    total,
    df,
    together(a, b) {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      let n = pairs.get(key);
      if (n === undefined) {
        n = countTogether(window, sorted, a, b);
        pairs.set(key, n);
      }
      return n;
    },
    weighted(doc) {
      let w = weightedDocs.get(doc);
      if (w === undefined) {
        w = weigh(doc, stats.idfOf);
        weightedDocs.set(doc, w);
      }
      return w;
    },
    idfOf(term) {
      let value = rarities.get(term);
      if (value === undefined) {
        value = idf(df(term), total);
        rarities.set(term, value);
      }
      return value;
    },
  };
  statsCache.set(window, stats);
  return stats;
}

/** Past this many postings of the rarer term, the pair's count is taken as that term's: two
 * terms that common together say nothing specific either way, and the exact count would cost a
 * pass over long lists. */
const TOGETHER_LIMIT = 256;

/** Articles of the window carrying both terms (docnos of one bucket are sorted, not across
 * buckets): the rarer term's docnos looked up in the other's, sorted once into a typed copy kept
 * for the window (the second term of a pair is often one of a few common words). A `Set` of them
 * held ~25 bytes of heap a docno, kept with each cached window: megabytes of a warm context's heap. */
function countTogether(window: WindowPostings, sorted: Map<number, Uint32Array>, a: number, b: number): number {
  const [rare, common] = window.countOf(a) <= window.countOf(b) ? [a, b] : [b, a];
  const rareCount = window.countOf(rare);
  if (rareCount === 0 || rareCount > TOGETHER_LIMIT) return rareCount;
  let docs = sorted.get(common);
  if (docs === undefined) {
    docs = Uint32Array.from(window.docsWith(common)).sort();
    sorted.set(common, docs);
  }
  let n = 0;
  for (const docno of window.docsWith(rare)) if (holds(docs, docno)) n++;
  return n;
}

/** Whether a sorted array holds the value (binary search). */
function holds(sorted: Uint32Array, value: number): boolean {
  const at = lowerBound(sorted, value);
  return at < sorted.length && sorted[at] === value;
}

/**
 * Candidates by the first pass, strongest first (score, then docno: a total order, so the same
 * candidates whatever order the postings come in). A busy window gives thousands of docnos a
 * score: they are summed in a hash table of typed arrays kept from pass to pass, and the best
 * CANDIDATES picked with a bounded heap, rather than a Map of them all sorted whole.
 */
export function firstPass(query: MatchDoc, window: WindowPostings, idfOf: (term: number) => number, exclude: ReadonlySet<number>): number[] {
  const lists: (ArrayLike<number> & Iterable<number>)[] = [];
  const weights: number[] = [];
  query.terms.forEach((term, i) => {
    lists.push(window.docsWith(term));
    weights.push((i < query.titleTermCount ? 1 : 0.5) * idfOf(term) * (query.anchors.has(term) ? ANCHOR_BOOST : 1));
  });
  const table = (shared ??= new ScoreTable(1 << 15));
  for (let t = 0; t < lists.length; t++) table.addAll(lists[t]!, weights[t]!, exclude);
  const best = table.best(CANDIDATES);
  table.clear();
  return best;
}

/** Docno → summed score, open addressing (linear probing) over typed arrays. */
class ScoreTable {
  private keys: Float64Array;
  private values: Float64Array;
  /** Slots in use, in the order they were taken. */
  private slots: Int32Array;
  private used = 0;
  private mask: number;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity).fill(-1);
    this.values = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Adds the weight to each docno of the list (one call a term: a fresh page runs this
   * interpreted, where a call a posting would cost more than the sums). */
  addAll(list: ArrayLike<number>, weight: number, exclude: ReadonlySet<number>): void {
    let { keys, values, mask } = this;
    for (let k = 0; k < list.length; k++) {
      const docno = list[k]!;
      if (exclude.size > 0 && exclude.has(docno)) continue;
      let slot = Math.imul(docno, 0x9e3779b1) & mask;
      for (;;) {
        const key = keys[slot]!;
        if (key === docno) {
          values[slot] = values[slot]! + weight;
          break;
        }
        if (key === -1) {
          if (2 * (this.used + 1) > keys.length) {
            this.grow();
            ({ keys, values, mask } = this);
            slot = Math.imul(docno, 0x9e3779b1) & mask;
            continue;
          }
          keys[slot] = docno;
          // As a Map summing from 0 would: 0 + weight.
          values[slot] = 0 + weight;
          this.slots[this.used++] = slot;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }

  /** Twice the slots, the entries placed again (in the order they came). */
  private grow(): void {
    const { keys, values, slots, used } = this;
    const capacity = 2 * keys.length;
    this.keys = new Float64Array(capacity).fill(-1);
    this.values = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.used = 0;
    for (let k = 0; k < used; k++) {
      const slot = slots[k]!;
      let at = Math.imul(keys[slot]!, 0x9e3779b1) & this.mask;
      while (this.keys[at] !== -1) at = (at + 1) & this.mask;
      this.keys[at] = keys[slot]!;
      this.values[at] = values[slot]!;
      this.slots[this.used++] = at;
    }
  }

  /** The `count` best docnos: highest score first, lower docno first among equal scores. */
  best(count: number): number[] {
    const { keys, values, slots } = this;
    // A heap of the best so far with the worst on top: (score, docno) of slot a worse than b's.
    const worse = (a: number, b: number): boolean => values[a]! < values[b]! || (values[a] === values[b] && keys[a]! > keys[b]!);
    const heap: number[] = [];
    const siftDown = (from: number): void => {
      let i = from;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let top = i;
        if (l < heap.length && worse(heap[l]!, heap[top]!)) top = l;
        if (r < heap.length && worse(heap[r]!, heap[top]!)) top = r;
        if (top === i) return;
        const t = heap[i]!;
        heap[i] = heap[top]!;
        heap[top] = t;
        i = top;
      }
    };
    for (let k = 0; k < this.used; k++) {
      const slot = slots[k]!;
      if (heap.length < count) {
        heap.push(slot);
        let i = heap.length - 1;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!worse(heap[i]!, heap[parent]!)) break;
          // Swapped through a local: a destructuring swap allocated an array each time (~2 % of a
          // warm lookup's garbage).
          const t = heap[i]!;
          heap[i] = heap[parent]!;
          heap[parent] = t;
          i = parent;
        }
      } else if (count > 0 && worse(heap[0]!, slot)) {
        heap[0] = slot;
        siftDown(0);
      }
    }
    return heap.sort((a, b) => values[b]! - values[a]! || keys[a]! - keys[b]!).map((slot) => keys[slot]!);
  }

  clear(): void {
    for (let k = 0; k < this.used; k++) this.keys[this.slots[k]!] = -1;
    this.used = 0;
  }
}

/** One table for every pass (a pass runs to its end without yielding): it starts at a busy
 * week's candidates (no growing in a fresh page's first lookup) and grows to the largest window's. */
let shared: ScoreTable | undefined;

export interface JudgedCandidate extends Judgement {
  docno: number;
  evidence: Evidence;
  /** The score less the bar it had to reach (thresholdFor, less the same-age relief: ages.ts): at
   * least 0 for a same-story one; −∞ where the headlines give two people's ages (no bar reaches it). */
  margin: number;
}

export interface JudgeOptions {
  /**
   * Only the same-story candidates are wanted (what a lookup shows; an evaluation's ranking wants
   * every candidate). Each candidate is then measured in two steps: the cheap evidence first, and
   * the rest only if the model's highest score over what the rest can be reaches the threshold
   * (score-bound.ts) — most candidates of a lookup cannot. The same candidates, scores and
   * evidence as judging every one in full.
   */
  sameStoryOnly?: boolean;
  /**
   * Whether `sameStoryOnly` screens (true) or measures every candidate in full (false): the same
   * answer either way. By default the screen starts once the context has judged SCREEN_AFTER
   * candidates (see there).
   */
  screen?: boolean;
  /**
   * With `sameStoryOnly`, also the candidates that fall short of their bar by at most this much,
   * and those about different subjects (differentSubjects) whose score is that near their bar or
   * over it (not same story; the second hop's pool, see secondHop). The screen keeps whatever can
   * reach the bar less this: the same pool as judging every candidate in full.
   */
  near?: number;
  /**
   * Only these candidates are wanted (the second hop: its pool). The others are measured only as
   * far as the wanted ones' features need (the cheap evidence: similarity, context, closer
   * counts), as the screen leaves the candidates it rejects: the same judgement of the wanted ones.
   */
  only?: ReadonlySet<number>;
}

/**
 * The screen pays where its tree walks run compiled. A fresh page (a popup's one lookup) runs them
 * interpreted: bounding its ~80 candidates took ~5 ms of a cold lookup, measuring the rest of all
 * of them ~1–2 ms (TRACE=1 runs, bench/RESULTS.md, 4 Dec). So a context's first lookups measure
 * every candidate, and the screen starts after this many candidates (a few lookups).
 */
export const SCREEN_AFTER = 400;
/** Candidates this context has judged (measured), screened or not. */
let judgedSoFar = 0;

interface Measured {
  docno: number;
  doc: MatchDoc;
  e: PartialEvidence;
  w: Weighted;
}

/** Each candidate judged in full, best first (with `sameStoryOnly`, the same-story ones only).
 * Candidates without a document (deleted) are skipped, and those sharing no term left out. */
export function judgeCandidates(query: MatchDoc, ranked: readonly number[], docs: ReadonlyMap<number, MatchDoc>, window: WindowPostings, options: JudgeOptions = {}): JudgedCandidate[] {
  const stats = statsOf(window);
  const q = stats.weighted(query);
  const screen = options.sameStoryOnly === true && (options.screen ?? judgedSoFar >= SCREEN_AFTER);
  const near = options.near ?? 0;
  const only = options.only;
  const measured: Measured[] = [];
  let rank = 0;
  for (const docno of ranked) {
    const doc = docs.get(docno);
    if (doc === undefined) continue;
    const w = stats.weighted(doc);
    const e = measureFirst(query, q, doc, w, stats, stats.idfOf, rank++);
    if (!screen && (only === undefined || only.has(docno))) measureRest(e, query, q, doc, w, stats, stats.idfOf);
    measured.push({ docno, doc, e, w });
  }
  judgedSoFar += measured.length;
  setContext(measured.map((m) => m.e));
  const closer = closerCounts(measured);
  const model = currentModel();
  const lo = new Float64Array(FEATURES.length);
  const hi = new Float64Array(FEATURES.length);
  const out: JudgedCandidate[] = [];
  for (const m of measured) {
    // Sharing no term, a candidate is never a match (judge): nothing more to measure.
    if (m.e.shared.length === 0) continue;
    if (only !== undefined && !only.has(m.docno)) continue;
    // Headlines giving two people's ages (ages.ts) are never the same story, nor the second hop's to
    // show: no margin reaches them (the pool is what misses its bar by at most `near`). The same
    // age: the bar is lower (name_conflict is measured first).
    const ages = ageRelation(query, m.doc);
    const ruledOut = ages === 'two people';
    if (ruledOut && options.sameStoryOnly === true) continue;
    const relief = ageRelief(ages, m.e.features[NAME_CONFLICT]!);
    if (screen) {
      // A pair about different subjects is never same story (judge); it can still be near (the
      // second hop's pool), so with `near` it is bounded and measured as any other.
      if (near === 0 && differentSubjects(m.e.features)) continue;
      laterRanges(m.e, stats, closer.pending(m), lo, hi);
      // The bound's margin, computed as the margin below is: rounding is monotone, so it is never
      // under the margin (`t − near` rounded could be over a score whose margin is −near).
      if (maxScore(model, lo, hi) - (minThreshold(model, lo, hi) - relief) < -near) continue;
      measureRest(m.e, query, q, m.doc, m.w, stats, stats.idfOf);
    }
    closer.fill(m);
    const e: Evidence = { features: m.e.features, shared: m.e.shared.map((s) => s.term) };
    const judgement = judge(e, model);
    const bar = thresholdFor(model, e.features) - relief;
    if (ruledOut) judgement.sameStory = false;
    else if (relief > 0) judgement.sameStory = judgement.score >= bar && !differentSubjects(e.features);
    const margin = ruledOut ? -Infinity : judgement.score - bar;
    if (options.sameStoryOnly !== true || judgement.sameStory || (near > 0 && margin >= -near)) out.push({ ...judgement, docno: m.docno, evidence: e, margin });
  }
  return out.sort((a, b) => b.score - a.score || a.docno - b.docno);
}

/** The second hop's bars (bench/RESULTS.md, session 32: re-chosen for the committed model by an
 * offline grid, bench/hop-grid.ts): the strongest same-story candidate, over its bar by `mate` or
 * more (0: any), is the mate; a candidate that missed its own bar by at most `near` is shown when
 * it clears its bar against that mate by `candidate` or more. */
export interface HopBars {
  mate: number;
  near: number;
  candidate: number;
}
export const HOP_MATE_MARGIN = 0;
export const HOP_NEAR = 1.5;
export const HOP_CANDIDATE_MARGIN = 1;
const HOP_BARS: Readonly<HopBars> = { mate: HOP_MATE_MARGIN, near: HOP_NEAR, candidate: HOP_CANDIDATE_MARGIN };
let hopBars: Readonly<HopBars> = HOP_BARS;

/** The bars in use (the engine asks for `near` of its judging). */
export function currentHopBars(): Readonly<HopBars> {
  return hopBars;
}

/** Other bars for this context (studies: bench/hop-dump.ts; `mate: Infinity` turns the hop off);
 * without an argument, the committed ones again. */
export function useHopBars(bars: Readonly<HopBars> = HOP_BARS): void {
  hopBars = bars;
}

/** A candidate shown through a mate: the mate (docno) and the terms the two share (hashes, most
 * specific first). */
export interface Via {
  docno: number;
  shared: number[];
}

/**
 * The second hop: coverage of one story that the query's own evidence leaves just under its bar
 * or calls about different subjects (a follow-up days later, a report that names what a
 * same-language mate names) is shown when the query's strongest mate — the same-story candidate
 * furthest over its bar, by the bars' `mate` or more (committed: 0, any) — takes it for the same
 * story by the bars' `candidate` or more over that bar: judged as the mate's own lookup judges it
 * (first pass and judgement from the mate, in the query's window: no other postings). Only
 * candidates of the query's near pool (judged with `near` of the bars) can pass, so the hop never
 * brings in an article the query shares nothing with.
 * `judged`: the query's judged candidates; `docOf`: a candidate's document (undefined: skipped);
 * `exclude`: docnos that are no candidates (the query's own). Empty when there is no such mate
 * or no near candidate (no second pass then).
 */
export function secondHop(judged: readonly JudgedCandidate[], window: WindowPostings, docOf: (docno: number) => MatchDoc | undefined, exclude: ReadonlySet<number>): Map<number, Via> {
  const out = new Map<number, Via>();
  let mate: JudgedCandidate | undefined;
  const bars = hopBars;
  for (const c of judged) if (c.sameStory && c.margin >= bars.mate && (mate === undefined || c.margin > mate.margin || (c.margin === mate.margin && c.docno < mate.docno))) mate = c;
  // As judgeCandidates' near pool, pairs about different subjects included (the query's evidence
  // is thin there — two shared terms at most — and the mate's may not be; session 32): the lookup
  // shown and an evaluation's ranking, judged in full, have the same pool.
  const pool = new Set(judged.filter((c) => !c.sameStory && c.margin >= -bars.near).map((c) => c.docno));
  if (mate === undefined || pool.size === 0) return out;
  const mateDoc = docOf(mate.docno);
  if (mateDoc === undefined) return out;
  const stats = statsOf(window);
  const ranked = firstPass(mateDoc, window, stats.idfOf, new Set([...exclude, mate.docno]));
  // None of the pool among the mate's candidates: nothing to judge.
  if (!ranked.some((docno) => pool.has(docno))) return out;
  const docs = new Map<number, MatchDoc>();
  for (const docno of ranked) {
    const doc = docOf(docno);
    if (doc !== undefined) docs.set(docno, doc);
  }
  // Only the pool is judged in full: a fresh page (a popup's one lookup) measured all ~80 of the
  // mate's candidates, ~2 ms mean of a cold lookup (bench/RESULTS.md, session 32).
  for (const c of judgeCandidates(mateDoc, ranked, docs, window, { sameStoryOnly: true, only: pool })) {
    if (pool.has(c.docno) && c.margin >= bars.candidate) out.set(c.docno, { docno: mate.docno, shared: c.shared });
  }
  return out;
}

/** A window over decoded segments: every posting of its buckets. */
export function windowOver(segments: readonly SegmentRow[]): WindowPostings {
  return windowOf([new BucketPostings(segments)]);
}

/** A window over buckets' postings (in the buckets' order). */
export function windowOf(buckets: readonly BucketPostings[]): WindowPostings {
  const lists = new Map<number, ArrayLike<number> & Iterable<number>>();
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  return {
    total,
    docsWith(hash) {
      let list = lists.get(hash);
      if (list === undefined) {
        const parts = buckets.map((b) => b.docsWith(hash)).filter((part) => part.length > 0);
        if (parts.length === 1) list = parts[0]!;
        else {
          // Copied a part at a time (the parts are typed arrays): a fresh page's first lookup
          // merges every query term's lists, interpreted, where a push a docno cost more than the pass.
          let size = 0;
          for (const part of parts) size += part.length;
          const all = new Uint32Array(size);
          let at = 0;
          for (const part of parts) {
            all.set(part, at);
            at += part.length;
          }
          list = all;
        }
        lists.set(hash, list);
      }
      return list;
    },
    countOf(hash) {
      let n = 0;
      for (const b of buckets) n += b.countOf(hash);
      return n;
    },
  };
}
