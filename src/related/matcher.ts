/**
 * The same-story decision: pure functions, no storage. Given a query article, a candidate and how
 * common each term is around them, it measures the evidence (how much of each side's specific
 * weight the other covers, shared names and numbers, how rare the rarest shared term is, time
 * apart, language, how much text each side has) and a small learned model (boosted trees,
 * `matcher-model.json`, produced by `npm run train:matcher` from the dev clusters) turns the
 * evidence into a score. The score ranks; above the model's threshold an item is shown.
 *
 * The features describe what evidence there is, not which data set it comes from, so one model
 * holds on headlines of one day, long multilingual excerpts, undated stores and stories that
 * unfold over days alike (leave-one-file-out figures in bench/RESULTS.md).
 */
import model from './matcher-model.json';

/**
 * One side of a pair: an article as the engine knows it. Terms are their 32-bit hashes (termHash,
 * as the postings name them): the matcher only compares terms and asks how rare they are, so the
 * index can hand it an article without its strings (match-doc.ts makes one from strings).
 */
export interface MatchDoc {
  /** Term hashes, the title's first. */
  terms: readonly number[];
  titleTermCount: number;
  /** Hashes of the terms that are anchors (names, numbers, acronyms). */
  anchors: ReadonlySet<number>;
  /** Hashes of the terms that are numbers (start with a digit). */
  numbers: ReadonlySet<number>;
  /** Epoch ms; undefined when the article states no date. */
  publishedAt: number | undefined;
  lang: string | undefined;
  /** The days of the week the text names (bit k: day k from Monday; src/index/weekdays.ts); 0 or
   * absent when it names none. */
  weekdays?: number;
}

/** How common terms are around the query: the engine's window of the store. */
export interface TermStats {
  /** Articles in the window. */
  total: number;
  /** Articles in the window carrying the term (by hash). */
  df(term: number): number;
  /** Articles in the window carrying both terms (at most the smaller df; without it, that bound). */
  together?(a: number, b: number): number;
}

/** A small store says little about which words are common: rarity is judged as if this many
 * more articles were there, with every term in 1 % of them. */
const PRIOR_ARTICLES = 200;
const PRIOR_SHARE = 0.01;
/** Excerpt terms weigh this much of a title term. */
export const EXCERPT_WEIGHT = 0.5;
/** A name rarer than this share of the window tells stories apart. */
const RARE_SHARE = 0.02;
const DAY_MS = 86_400_000;

export function idf(df: number, total: number): number {
  return Math.log((total + PRIOR_ARTICLES) / (df + PRIOR_ARTICLES * PRIOR_SHARE));
}

/** The evidence about a pair, in the model's feature order. */
export const FEATURES = [
  'forward',
  'backward',
  'similarity',
  'headlines',
  'anchors',
  'shared_names',
  'name_coverage',
  'shared_mass',
  'rarest_shared',
  'shared_count',
  'name_conflict',
  'number_conflict',
  'times_known',
  'days_apart',
  'other_language',
  'headline_only',
  'query_terms',
  'candidate_terms',
  'window_size',
  'ranking',
  'above_background',
  'relative_similarity',
  'background',
  // Appended (issue 10, quality): the names and numbers of each side that the other carries.
  'candidate_anchors',
  'unshared_names',
  'headline_names',
  'number_overlap',
  'similarity_rank',
  // Appended (issue 10, undated windows): how specific the shared evidence is in the window, in
  // article counts (a word in three articles of 7,500 undated ones is a story's, not a topic's),
  // whether the candidate stands clear of the next one by similarity, and how many candidates are
  // nearly as similar (in an undated archive a recurring topic crowds the top; a story's own
  // coverage is a few articles).
  'rarest_shared_df',
  'rare_terms_carried',
  'similarity_gap',
  'near_rivals',
  // Appended (issue 10, look-alikes): evidence that the shared text is not the story's. Each
  // side's own names (the place or person the other never mentions) by how rare they are, against
  // the rarest name both carry ("1 killed, 3 wounded in Newark" / "Phoenix-area shooting that
  // killed 1"); how many articles of the window carry the two rarest shared terms together
  // (an outlet's boilerplate recurs across its articles: "We have sent you a verification
  // email…"); how much of the shared weight is copied text — runs of four or more terms in the
  // same order on both sides — and how much of the query the other shared terms cover (an
  // outlet's site name or sign-up notice is a copied run with nothing else in common; a wire
  // copy is a run with everything in common; another outlet's coverage shares words in its own order).
  'own_name_df',
  'shared_name_df',
  'together_df',
  'copied_share',
  'uncopied_forward',
  // Appended (issue 10, unknown dates): where a side's date is missing, the days of the week both
  // texts name — 1 when they name a day in common, -1 when each names days and none in common, 0
  // when either names none (and always 0 when both dates are known). Where dates are missing, the
  // text's "on Monday" is the time evidence left (src/index/weekdays.ts).
  'weekday_agreement',
  // Appended (issue 10, undated windows): where a side's date is missing, the query's candidates
  // more like this candidate than the query is (among the CLOSER_POOL most similar to the query)
  // — the candidate's own view. A topic neighbour in an undated archive has its own story's
  // coverage nearby, closer to it than the query; a mate has the query among its closest (see
  // closerCounts). -1 when both dates are known: there the time apart tells stories apart.
  'closer_candidates',
  // Appended (issue 10, stores without a crowd): how many of the query's candidates are at least
  // CROWD_SIMILARITY like it — the same for each of its candidates (setContext; 0 until then). A
  // ten-year topic archive puts many articles near a query; a store of a few stories (a new
  // user's, a set of pairs) puts little but the query's own coverage there. Not for the trees
  // (the committed model was trained without it): the undated decision reads it (sparseRelief).
  'crowd',
  // Appended (issue 10, bare headlines): 1 when the pair is undated AND a side is a headline alone
  // (isBare: UNDATED_HEADLINE_ONLY's situation), else 0. The interaction as one split: trees that
  // learnt from bare headlines otherwise shared their undated leaves with the undated archive's
  // full texts and ranked those worse (bench/RESULTS.md, session 30). A model file without it
  // never splits on it (its trees index the features it lists, which come first).
  'bare',
] as const;
export type Feature = (typeof FEATURES)[number];
const FEATURE_INDEX = new Map<string, number>(FEATURES.map((name, i) => [name, i]));
/** Each feature's place, as properties (what the per-pair code writes: a lookup measures 80 pairs). */
const AT = Object.fromEntries(FEATURES.map((name, i) => [name, i])) as Record<Feature, number>;

export interface Evidence {
  features: Float64Array;
  /** Shared terms (hashes), most specific first. */
  shared: number[];
}

/**
 * Weighted terms of a document: each term's field weight × rarity, in the document's order. The
 * per-pair code reads a candidate's weights by place (QueryView), not through a map: a map a
 * candidate was most of a lookup's judging time and garbage (bench/RESULTS.md, issue 15, session 24).
 */
export class Weighted {
  private map: Map<number, number> | undefined;
  constructor(
    /** The document's terms (hashes), and each one's weight, in the same order. */
    readonly terms: readonly number[],
    readonly values: Float64Array,
    readonly sum: number,
    readonly norm: number,
    readonly titleNorm: number,
  ) {}

  /** Term → weight (a hash found twice in a document keeps its last place's), made when first asked. */
  get weights(): ReadonlyMap<number, number> {
    if (this.map === undefined) {
      this.map = new Map();
      for (let i = 0; i < this.terms.length; i++) this.map.set(this.terms[i]!, this.values[i]!);
    }
    return this.map;
  }
}

export function weigh(doc: MatchDoc, idfOf: (term: number) => number): Weighted {
  const { terms } = doc;
  const values = new Float64Array(terms.length);
  let sum = 0;
  let norm = 0;
  let titleNorm = 0;
  for (let i = 0; i < terms.length; i++) {
    const w = (i < doc.titleTermCount ? 1 : EXCERPT_WEIGHT) * idfOf(terms[i]!);
    values[i] = w;
    sum += w;
    norm += w * w;
    if (i < doc.titleTermCount) titleNorm += w * w;
  }
  return new Weighted(terms, values, sum, Math.sqrt(norm), Math.sqrt(titleNorm));
}

/**
 * A query (in one window) as the per-pair code reads it: each distinct term's slot, and scratch
 * slots that hold the candidate being measured (its weight and place of each query term it
 * carries). Asking whether a candidate carries a query term is then an array read; made once per
 * query and window (kept with its weighted terms).
 */
interface QueryView {
  slotOf: Map<number, number>;
  /** The query's weight in all (Weighted.sum). */
  qSum: number;
  /** Per place of the query's terms: its term's slot, and the query's weight of that term. */
  slotAt: Int32Array;
  weightAt: Float64Array;
  /** The query's anchors (its set's order): term, rarity, slot (-1 when not among its terms). */
  anchorTerms: number[];
  anchorIdf: Float64Array;
  anchorSlot: Int32Array;
  /** Sum of the anchors' rarities, in that order. */
  anchorTotal: number;
  /** The candidate bound now: per slot, its weight and last place (-1: not carried), and the
   * slots it filled (to clear). */
  cw: Float64Array;
  cpos: Int32Array;
  filled: Int32Array;
  filledCount: number;
  bound: Weighted | undefined;
  /** The query's story terms (setRarity), as slots. */
  storySlots: Int32Array | undefined;
}
const queryViews = new WeakMap<Weighted, QueryView>();

function viewOf(query: MatchDoc, q: Weighted, idfOf: (term: number) => number): QueryView {
  let view = queryViews.get(q);
  if (view === undefined) {
    const slotOf = new Map<number, number>();
    const slotAt = new Int32Array(query.terms.length);
    for (let i = 0; i < query.terms.length; i++) {
      const term = query.terms[i]!;
      let slot = slotOf.get(term);
      if (slot === undefined) {
        slot = slotOf.size;
        slotOf.set(term, slot);
      }
      slotAt[i] = slot;
    }
    const weights = q.weights;
    const weightAt = Float64Array.from(query.terms, (term) => weights.get(term)!);
    const anchorTerms = [...query.anchors];
    const anchorIdf = Float64Array.from(anchorTerms, idfOf);
    let anchorTotal = 0;
    for (let k = 0; k < anchorIdf.length; k++) anchorTotal += anchorIdf[k]!;
    view = {
      slotOf,
      qSum: q.sum,
      slotAt,
      weightAt,
      anchorTerms,
      anchorIdf,
      anchorSlot: Int32Array.from(anchorTerms, (term) => slotOf.get(term) ?? -1),
      anchorTotal,
      cw: new Float64Array(slotOf.size),
      cpos: new Int32Array(slotOf.size).fill(-1),
      filled: new Int32Array(slotOf.size),
      filledCount: 0,
      bound: undefined,
      storySlots: undefined,
    };
    queryViews.set(q, view);
  }
  return view;
}

/** Puts the candidate's weights and places of the query's terms in the view's slots. */
function bind(view: QueryView, c: Weighted): void {
  if (view.bound === c) return;
  const { cw, cpos, filled, slotOf } = view;
  for (let k = 0; k < view.filledCount; k++) cpos[filled[k]!] = -1;
  let count = 0;
  const { terms, values } = c;
  for (let j = 0; j < terms.length; j++) {
    const slot = slotOf.get(terms[j]!);
    if (slot === undefined) continue;
    if (cpos[slot] === -1) filled[count++] = slot;
    cw[slot] = values[j]!;
    cpos[slot] = j;
  }
  view.filledCount = count;
  view.bound = c;
}

/** Whether the bound candidate carries the term (a query term by its slot; any other by its map). */
function carries(view: QueryView, c: Weighted, term: number): boolean {
  const slot = view.slotOf.get(term);
  return slot === undefined ? c.weights.has(term) : view.cpos[slot]! !== -1;
}

/**
 * What each feature still to be measured can be, for a pair measured by `measureFirst` (and
 * closer_candidates when its count is still to be made): `lo` and `hi` get the measured features'
 * values and these ranges. Ranges are what the definitions allow whatever the texts: counts are
 * at least 0, shares of counts at most 1, a pair's count in the window at most its rarer term's
 * (TermStats.together); a share of weights is left open (a rarity is negative where a window's
 * counts run past its size).
 */
export function laterRanges(partial: PartialEvidence, stats: TermStats, closerPending: boolean, lo: Float64Array, hi: Float64Array): void {
  const f = partial.features;
  lo.set(f);
  hi.set(f);
  const range = (feature: Feature, min: number, max: number): void => {
    lo[AT[feature]] = min;
    hi[AT[feature]] = max;
  };
  range('candidate_anchors', -Infinity, Infinity);
  range('unshared_names', 0, Infinity);
  range('headline_names', -1, 1);
  range('number_overlap', -1, Infinity);
  range('rare_terms_carried', -1, 1);
  range('own_name_df', -1, Infinity);
  const { shared } = partial;
  if (shared.length < 2) range('together_df', -1, -1);
  else range('together_df', countAsIf(0, stats.total), countAsIf(Math.min(stats.df(shared[0]!.term), stats.df(shared[1]!.term)), stats.total));
  range('copied_share', -Infinity, Infinity);
  range('uncopied_forward', -Infinity, Infinity);
  if (closerPending) range('closer_candidates', 0, CLOSER_POOL - 1);
}

/** A pair measured in part: its features so far and its shared terms, most specific first. */
export interface PartialEvidence {
  features: Float64Array;
  shared: { term: number; idf: number }[];
}

/**
 * The evidence for one pair. `rank` is the candidate's place in the engine's first pass (0 =
 * strongest): where it stands against what else the window holds.
 */
export function evidence(query: MatchDoc, q: Weighted, candidate: MatchDoc, c: Weighted, stats: TermStats, idfOf: (term: number) => number, rank: number): Evidence {
  const partial = measureFirst(query, q, candidate, c, stats, idfOf, rank);
  measureRest(partial, query, q, candidate, c, stats, idfOf);
  return { features: partial.features, shared: partial.shared.map((s) => s.term) };
}

/**
 * The cheap part of a pair's evidence: everything but the features `laterRanges` bounds (and the features of the
 * query's other candidates: setContext, closerCounts). What the screen needs to bound the score.
 */
export function measureFirst(query: MatchDoc, q: Weighted, candidate: MatchDoc, c: Weighted, stats: TermStats, idfOf: (term: number) => number, rank: number): PartialEvidence {
  const view = viewOf(query, q, idfOf);
  bind(view, c);
  const f = new Float64Array(FEATURES.length);
  const shared: { term: number; idf: number }[] = [];
  let forward = 0;
  let backward = 0;
  let dot = 0;
  let titleDot = 0;
  const { slotAt, weightAt, cw, cpos } = view;
  for (let i = 0; i < query.terms.length; i++) {
    const slot = slotAt[i]!;
    if (cpos[slot] === -1) continue;
    const term = query.terms[i]!;
    const cWeight = cw[slot]!;
    const qw = weightAt[i]!;
    forward += qw;
    backward += cWeight;
    dot += qw * cWeight;
    if (i < query.titleTermCount && inTitle(candidate, term)) titleDot += qw * cWeight;
    shared.push({ term, idf: idfOf(term) });
  }
  shared.sort((a, b) => b.idf - a.idf);
  const rare = rareIdf(stats);
  let anchorShared = 0;
  let sharedNames = 0;
  const { anchorTerms, anchorIdf, anchorSlot } = view;
  let queryOwnRare = false;
  for (let k = 0; k < anchorTerms.length; k++) {
    const slot = anchorSlot[k]!;
    const has = slot === -1 ? c.weights.has(anchorTerms[k]!) : cpos[slot] !== -1;
    if (has) {
      anchorShared += anchorIdf[k]!;
      sharedNames++;
    } else if (anchorIdf[k]! >= rare) queryOwnRare = true;
  }
  const { slotOf } = view;
  let candidateOwnRare = false;
  for (const term of candidate.anchors) {
    if (slotOf.has(term)) {
      if (!query.anchors.has(term)) sharedNames++;
    } else if (!candidateOwnRare && idfOf(term) >= rare) candidateOwnRare = true;
  }
  const sharedRareName = shared.some((s) => s.idf >= rare && (query.anchors.has(s.term) || candidate.anchors.has(s.term)));
  const numberConflict = titleNumbersConflict(factsOf(query).titleNumbers, candidate);
  const timesKnown = query.publishedAt !== undefined && candidate.publishedAt !== undefined;
  f[AT.forward] = q.sum > 0 ? forward / q.sum : 0;
  f[AT.backward] = c.sum > 0 ? backward / c.sum : 0;
  f[AT.similarity] = q.norm > 0 && c.norm > 0 ? dot / (q.norm * c.norm) : 0;
  f[AT.headlines] = q.titleNorm > 0 && c.titleNorm > 0 ? titleDot / (q.titleNorm * c.titleNorm) : 0;
  f[AT.anchors] = view.anchorTotal > 0 ? anchorShared / view.anchorTotal : -1;
  f[AT.shared_names] = sharedNames;
  f[AT.name_coverage] = Math.min(query.anchors.size, candidate.anchors.size) > 0 ? sharedNames / Math.min(query.anchors.size, candidate.anchors.size) : -1;
  f[AT.shared_mass] = shared.reduce((s, x) => s + x.idf, 0);
  f[AT.rarest_shared] = shared[0]?.idf ?? 0;
  f[AT.shared_count] = shared.length;
  f[AT.name_conflict] = queryOwnRare && candidateOwnRare ? (sharedRareName ? 1 : 2) : 0;
  f[AT.number_conflict] = numberConflict ? 1 : 0;
  f[AT.times_known] = timesKnown ? 1 : 0;
  // To the nearest whole day: most sources date an article by the day, and where two share a
  // time to the second it is an aggregator's time for the story (uci, allsides), not when each
  // outlet wrote — hours apart, learned from those, ruled out real coverage written hours later
  // (the first-run store's bike-lanes story, tests/unit/related/first-run-store.test.ts).
  f[AT.days_apart] = timesKnown ? Math.round(Math.abs(query.publishedAt! - candidate.publishedAt!) / DAY_MS) : -1;
  f[AT.other_language] = query.lang !== undefined && candidate.lang !== undefined && query.lang !== candidate.lang ? 1 : 0;
  f[AT.headline_only] = Math.min(query.terms.length - query.titleTermCount, candidate.terms.length - candidate.titleTermCount) === 0 ? 1 : 0;
  f[AT.bare] = isBare(f[AT.times_known]!, f[AT.headline_only]!);
  f[AT.query_terms] = query.terms.length;
  f[AT.candidate_terms] = candidate.terms.length;
  f[AT.window_size] = Math.log10(1 + stats.total);
  f[AT.ranking] = rank;
  const qDays = query.weekdays ?? 0;
  const cDays = candidate.weekdays ?? 0;
  // Only where a date is missing: with both dates known, days apart says it (and dated files then
  // taught the trees the day's noise, not its use).
  f[AT.weekday_agreement] = timesKnown || qDays === 0 || cDays === 0 ? 0 : (qDays & cDays) !== 0 ? 1 : -1;
  // Counts of the window for the rarest shared term and the rarest shared name (cheap: counts are
  // kept per window).
  f[AT.rarest_shared_df] = shared.length === 0 ? -1 : countAsIf(stats.df(shared[0]!.term), stats.total);
  const sharedName = shared.find((s) => (query.anchors.has(s.term) || candidate.anchors.has(s.term)) && !query.numbers.has(s.term));
  f[AT.shared_name_df] = sharedName === undefined ? -1 : countAsIf(stats.df(sharedName.term), stats.total);
  return { features: f, shared };
}

/** The rest of a pair's evidence (the features `laterRanges` bounds), after `measureFirst` of the same pair. */
export function measureRest(partial: PartialEvidence, query: MatchDoc, q: Weighted, candidate: MatchDoc, c: Weighted, stats: TermStats, idfOf: (term: number) => number): void {
  const view = viewOf(query, q, idfOf);
  bind(view, c);
  const f = partial.features;
  setNameEvidence(f, view, query, candidate, c, idfOf, rareIdf(stats));
  setRarity(f, view, query, stats);
  setLookAlikes(f, view, query, candidate, c, partial.shared, stats);
}

/** A name rarer than RARE_SHARE of the window, as a rarity. */
function rareIdf(stats: TermStats): number {
  return idf(Math.max(1, RARE_SHARE * stats.total), stats.total);
}

/** Terms in a run of at least this many, in the same order on both sides, are copied text (three is
 * too few: "police … 52-year-old" is three terms in any report of the same facts). */
const COPIED_RUN = 4;

/**
 * Evidence that a pair shares text rather than a story (see FEATURES): own names by rarity,
 * the rarest shared pair's count in the window, copied runs. (The rarest shared name's count is
 * measured first: measureFirst.)
 */
function setLookAlikes(f: Float64Array, view: QueryView, query: MatchDoc, candidate: MatchDoc, c: Weighted, shared: readonly { term: number; idf: number }[], stats: TermStats): void {
  const count = (df: number): number => countAsIf(df, stats.total);
  // The rarest name a side carries that the other lacks (numbers apart: they have their own
  // features), in articles of the window.
  let queryOwn = Infinity;
  for (const term of query.anchors) if (!query.numbers.has(term) && !carries(view, c, term)) queryOwn = Math.min(queryOwn, stats.df(term));
  let candidateOwn = Infinity;
  for (const term of candidate.anchors) if (!candidate.numbers.has(term) && !view.slotOf.has(term)) candidateOwn = Math.min(candidateOwn, stats.df(term));
  // The weaker side's: both must name something specific of their own for two subjects.
  f[AT.own_name_df] = queryOwn === Infinity || candidateOwn === Infinity ? -1 : count(Math.max(queryOwn, candidateOwn));
  f[AT.together_df] = shared.length < 2 ? -1 : count(stats.together?.(shared[0]!.term, shared[1]!.term) ?? Math.min(stats.df(shared[0]!.term), stats.df(shared[1]!.term)));
  // Copied runs: terms are distinct within a document, so a shared term is in a run when its
  // neighbours in the query sit next to it, in order, in the candidate. A term's place there is
  // its last (as a map of its terms would keep), from the view's slots.
  const { slotAt, weightAt, cw, cpos } = view;
  let copiedMass = 0;
  let sharedMass = 0;
  let uncopied = 0;
  let run = 0;
  const close = (end: number): void => {
    // The run is query.terms[end - run .. end).
    for (let k = end - run; k < end; k++) {
      const w = weightAt[k]!;
      const cWeight = cw[slotAt[k]!]!;
      if (run >= COPIED_RUN) copiedMass += cWeight + w;
      else uncopied += w;
      sharedMass += cWeight + w;
    }
    run = 0;
  };
  for (let i = 0; i < query.terms.length; i++) {
    const p = cpos[slotAt[i]!]!;
    if (p === -1) {
      close(i);
      continue;
    }
    // Continues the run only if the previous query term sits just before it in the candidate.
    if (run > 0 && cpos[slotAt[i - 1]!] !== p - 1) close(i);
    run++;
  }
  close(query.terms.length);
  f[AT.copied_share] = sharedMass > 0 ? copiedMass / sharedMass : -1;
  f[AT.uncopied_forward] = view.qSum > 0 ? uncopied / view.qSum : 0;
}

/**
 * How the names and numbers of each side fare on the other, in shares (comparable between
 * headlines and long excerpts): the candidate's names the query carries (by rarity); how many
 * rare names each side has that the other lacks (the fewer of the two sides: one side naming
 * more is detail, both naming their own is two subjects); names of either headline found in the
 * other article; numbers of either article (ages, counts, scores) found in the other.
 */
function setNameEvidence(f: Float64Array, view: QueryView, query: MatchDoc, candidate: MatchDoc, c: Weighted, idfOf: (term: number) => number, rare: number): void {
  let covered = 0;
  let total = 0;
  let candidateOwn = 0;
  const { slotOf } = view;
  for (const term of candidate.anchors) {
    const w = idfOf(term);
    total += w;
    if (slotOf.has(term)) covered += w;
    else if (w >= rare) candidateOwn++;
  }
  let queryOwn = 0;
  const { anchorTerms, anchorIdf, anchorSlot, cpos } = view;
  for (let k = 0; k < anchorTerms.length; k++) {
    const slot = anchorSlot[k]!;
    const has = slot === -1 ? c.weights.has(anchorTerms[k]!) : cpos[slot] !== -1;
    if (!has && anchorIdf[k]! >= rare) queryOwn++;
  }
  const qFacts = factsOf(query);
  const cFacts = factsOf(candidate);
  const headlineNames = qFacts.headlineNames.length + cFacts.headlineNames.length;
  let found = 0;
  for (const term of qFacts.headlineNames) if (carries(view, c, term)) found++;
  for (const term of cFacts.headlineNames) if (slotOf.has(term)) found++;
  let sharedNumbers = 0;
  for (const term of qFacts.numbers) if (carries(view, c, term)) sharedNumbers++;
  f[AT.candidate_anchors] = total > 0 ? covered / total : -1;
  f[AT.unshared_names] = Math.min(queryOwn, candidateOwn);
  f[AT.headline_names] = headlineNames > 0 ? found / headlineNames : -1;
  f[AT.number_overlap] = qFacts.numbers.length > 0 && cFacts.numbers.length > 0 ? sharedNumbers / Math.min(qFacts.numbers.length, cFacts.numbers.length) : -1;
}

/** A term in at most this many articles of the window (the query's own included) belongs to a
 * story, however large the window: a story's coverage is a handful of articles. */
const STORY_TERM_DF = 5;
/** A smaller window says little about which words are rare (the same size as rarity's prior):
 * its counts are read as if it held this many articles, the ones it lacks carrying each term at
 * rarity's prior share (four of 20 articles is common; four of 7,500 is a story's). */
const COUNT_WINDOW = PRIOR_ARTICLES;

/**
 * Rarity in article counts rather than shares of the window: how many articles carry the rarest
 * shared term, and the share of the query's story-specific terms (in at most STORY_TERM_DF
 * articles) that the candidate carries. Shares of a window say little when the window is a
 * whole undated archive of one topic; counts do. Both as if the window held at least
 * COUNT_WINDOW articles.
 */
function setRarity(f: Float64Array, view: QueryView, query: MatchDoc, stats: TermStats): void {
  // The query's story terms, once per query and window (its view is kept per window).
  let story = view.storySlots;
  if (story === undefined) {
    const slots: number[] = [];
    for (let i = 0; i < query.terms.length; i++) if (countAsIf(stats.df(query.terms[i]!), stats.total) <= STORY_TERM_DF) slots.push(view.slotAt[i]!);
    story = view.storySlots = Int32Array.from(slots);
  }
  let carried = 0;
  for (let k = 0; k < story.length; k++) if (view.cpos[story[k]!] !== -1) carried++;
  f[AT.rare_terms_carried] = story.length > 0 ? carried / story.length : -1;
}


/**
 * An article count of the window as if it held at least COUNT_WINDOW articles: the articles it
 * lacks carry the term at PRIOR_SHARE, as rarity's prior assumes (idf). Added, not scaled: scaled
 * up, the smallest count a shared term can have (the two articles of the pair) read as common
 * in a store of a few articles (2 of 7 as 57 of 200), and no term of the query could be a story
 * term there (bench/RESULTS.md, issue 10, "depth 4").
 */
function countAsIf(df: number, total: number): number {
  return df + PRIOR_SHARE * Math.max(0, COUNT_WINDOW - total);
}

/** What a document names in its headline and which numbers it carries (kept per document: a
 * query meets many candidates, a candidate many queries). */
interface DocFacts {
  headlineNames: number[];
  numbers: number[];
  /** The headline's numbers in order. */
  titleNumbers: number[];
}
const docFacts = new WeakMap<MatchDoc, DocFacts>();

// What every candidate is asked (measureFirst) is read off its terms without building its facts:
// building them for all 80 candidates (then with a Set of headline terms: ~14 % of what a warm
// lookup allocated) paid for the few that the screen lets through to the features that use them.

/** The term is one of the document's first `titleTermCount` terms (its headline's). */
function inTitle(doc: MatchDoc, term: number): boolean {
  const { terms } = doc;
  for (let i = 0; i < doc.titleTermCount; i++) if (terms[i] === term) return true;
  return false;
}

/** Both headlines have numbers and share none (the query's `factsOf(query).titleNumbers`; the
 * candidate's read off its terms, as factsOf would list them). */
function titleNumbersConflict(queryNumbers: readonly number[], candidate: MatchDoc): boolean {
  if (queryNumbers.length === 0) return false;
  const { terms, numbers } = candidate;
  let any = false;
  for (let i = 0; i < candidate.titleTermCount; i++) {
    const term = terms[i]!;
    if (!numbers.has(term)) continue;
    if (queryNumbers.includes(term)) return false;
    any = true;
  }
  return any;
}

function factsOf(doc: MatchDoc): DocFacts {
  let facts = docFacts.get(doc);
  if (facts === undefined) {
    const title = doc.terms.slice(0, doc.titleTermCount);
    facts = { headlineNames: title.filter((t) => doc.anchors.has(t)), numbers: doc.terms.filter((t) => doc.numbers.has(t)), titleNumbers: title.filter((t) => doc.numbers.has(t)) };
    docFacts.set(doc, facts);
  }
  return facts;
}

/** How many of a query's candidates, by similarity, make its background: what the window holds
 * that is merely alike. */
const BACKGROUND_RANK = 40;
/** A candidate at least this share as similar as another is its rival. */
const RIVAL_SHARE = 0.67;
/** A candidate at least this similar to the query is in its crowd (the `crowd` feature). */
export const CROWD_SIMILARITY = 0.18;
/** A query with at most this many candidates in its crowd stands in a sparse neighbourhood. */
export const SPARSE_CROWD = 3;
/** How much less score an undated pair needs where the query's neighbourhood is sparse. The
 * undated bar was set so that a ten-year topic archive keeps its precision; where nothing else
 * is near the query, a candidate a little under that bar is mostly its coverage (measured on the
 * dev files, their undated variants and stores of pairs: bench/RESULTS.md, issue 10, session 29). */
export const SPARSE_RELIEF = 0.75;
/** For a bare pair (undated, a side a headline alone: the shape of human-judged headline pairs), a
 * neighbourhood of up to this many crowd members still counts as sparse, and the bar is lower by
 * BARE_SPARSE_RELIEF more (on top of SPARSE_RELIEF where that applies). Two bare headlines share a few words at most, so the trees score
 * their mates low; where the query has few near neighbours those few words are mostly the story
 * (measured on the dev files' headline-only variant and stores of pairs: bench/RESULTS.md, issue
 * 10, session 30). */
export const BARE_SPARSE_CROWD = 8;
export const BARE_SPARSE_RELIEF = 1;
/**
 * A bare pair whose candidate is the query's nearest (similarity_rank 0) and has nothing nearer
 * among the query's closest (closer_candidates 0: the query is its nearest too), sharing at least
 * MUTUAL_SHARED terms, in a crowd of 1 to MUTUAL_CROWD, needs MUTUAL_RELIEF less score (on top of
 * the reliefs above). Two bare headlines of one story share two or three words (similarity ~0.3)
 * that the trees, taught by crowded stores of look-alike headlines, score under the bar; a pair
 * that stands out of its neighbourhood both ways is mostly a story's, and a crowd past
 * MUTUAL_CROWD is the look-alike store where it is not (bench/RESULTS.md, session 32: without the
 * crowd's bound as many look-alike singletons as mates are shown in gva-incidents' bare headlines).
 */
export const MUTUAL_CROWD = 20;
export const MUTUAL_SHARED = 2;
export const MUTUAL_RELIEF = 1.5;

/**
 * The features that say how a candidate stands against the query's other candidates (filled in
 * once all are measured): the background level itself (the similarity of the 40th candidate), the
 * candidate's similarity above it, relative to the best, and its place by similarity.
 * A clear outlier in a window of unrelated news is better evidence than the same similarity in
 * a window of near-identical stories.
 */
export function setContext(all: readonly { features: Float64Array }[]): void {
  const sim = FEATURES.indexOf('similarity');
  const sorted = all.map((e) => e.features[sim]!).sort((a, b) => b - a);
  const best = sorted[0] ?? 0;
  const background = sorted[Math.min(BACKGROUND_RANK, sorted.length) - 1] ?? 0;
  const simRank = FEATURE_INDEX.get('similarity_rank')!;
  const gap = FEATURE_INDEX.get('similarity_gap')!;
  const rivals = FEATURE_INDEX.get('near_rivals')!;
  let crowd = 0;
  while (crowd < sorted.length && sorted[crowd]! >= CROWD_SIMILARITY) crowd++;
  for (const e of all) {
    const s = e.features[sim]!;
    // Place among the candidates by similarity (ties share the better place).
    const place = lowerBoundDescending(sorted, s);
    e.features[simRank] = place;
    // How far the next candidate down falls behind, relative to the best (a mate ends a story's
    // group; a topic neighbour sits among equals).
    let below = place;
    while (below < sorted.length && sorted[below]! >= s) below++;
    const next = sorted[below] ?? 0;
    e.features[gap] = best > 0 ? (s - next) / best : 0;
    // Other candidates at least RIVAL_SHARE as similar as this one.
    e.features[rivals] = s > 0 ? lowerBoundDescending(sorted, RIVAL_SHARE * s) - 1 : 0;
    e.features[AT.above_background] = sorted.length > BACKGROUND_RANK ? s - background : s;
    e.features[AT.relative_similarity] = best > 0 ? s / best : 0;
    e.features[AT.background] = sorted.length >= BACKGROUND_RANK ? background : 0;
    e.features[AT.crowd] = crowd;
  }
}

/** How many of the query's candidates (the most similar to it) each candidate is compared with. */
export const CLOSER_POOL = 20;

/** A candidate as closerCounts sees it: its evidence (similarity measured) and weighted terms. */
export interface CloserInput {
  e: { features: Float64Array };
  w: Weighted;
}

/**
 * The closer_candidates feature of a query's candidates, one candidate at a time (the screen
 * fills it only for the candidates it judges in full): for each candidate among the CLOSER_POOL
 * most similar to the query, how many of the others in that pool are more similar to it than the
 * query is (cosine of the window's weights, as `similarity`), for pairs whose time is unknown (-1
 * otherwise). Candidates outside the pool count as CLOSER_POOL.
 */
export interface CloserCounts {
  /** Whether the candidate's count is yet to be made (undated, in the pool): known otherwise. */
  pending(m: CloserInput): boolean;
  fill(m: CloserInput): void;
}

/**
 * Sets the feature where it needs no comparison (dated: -1; outside the pool: CLOSER_POOL) and
 * makes the rest on demand, each pair's cosine once (the one of the pair first in the pool first): the same counts whichever candidates are asked.
 */
export function closerCounts(all: readonly CloserInput[]): CloserCounts {
  const sim = AT.similarity;
  const closer = AT.closer_candidates;
  // The pool, most similar first (first-pass order among equals: a total order as the pass's).
  const pool = all.map((m, i) => ({ m, i })).sort((a, b) => b.m.e.features[sim]! - a.m.e.features[sim]! || a.i - b.i).slice(0, CLOSER_POOL).map((p) => p.m);
  const placeInPool = new Map(pool.map((m, i) => [m, i]));
  const undated = (m: CloserInput): boolean => m.e.features[AT.times_known] === 0;
  for (const m of all) m.e.features[closer] = !undated(m) ? -1 : placeInPool.has(m) ? 0 : CLOSER_POOL;
  const cosines = new Float64Array(pool.length * pool.length).fill(NaN);
  const done = new Set<CloserInput>();
  const pending = (m: CloserInput): boolean => undated(m) && placeInPool.has(m) && !done.has(m);
  return {
    pending,
    fill(x) {
      if (!pending(x)) return;
      done.add(x);
      const a = placeInPool.get(x)!;
      let count = 0;
      for (let b = 0; b < pool.length; b++) {
        if (b === a) continue;
        const [first, second] = a < b ? [a, b] : [b, a];
        let s = cosines[first * pool.length + second]!;
        if (Number.isNaN(s)) {
          s = cosine(pool[first]!.w, pool[second]!.w);
          cosines[first * pool.length + second] = s;
        }
        if (s > x.e.features[sim]!) count++;
      }
      x.e.features[closer] = count;
    },
  };
}

function cosine(a: Weighted, b: Weighted): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small.weights) {
    const v = large.weights.get(term);
    if (v !== undefined) dot += w * v;
  }
  return dot / (a.norm * b.norm);
}

/** The first index of a value in a list sorted from high to low. */
function lowerBoundDescending(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A model of boosted regression trees, complete to a fixed depth, in breadth-first arrays. */
export interface TreeModel {
  features: readonly string[];
  depth: number;
  bias: number;
  /** Per tree: split feature index per inner node, split value per inner node, leaf values. */
  trees: { f: number[]; t: number[]; v: number[] }[];
  /** Shown when the score reaches this, plus the offsets below. */
  threshold: number;
  /**
   * How much more (or less) evidence the decision asks for in some situations, by feature:
   * the threshold rises by offset × feature value (e.g. when times are unknown, or only
   * headlines are there). Learned with the model, for every file at once.
   */
  offsets?: Record<string, number>;
}

/** An offset's situation that is no single feature: the pair undated AND a side headline only
 * (the held-out news's bare headlines). Its own offset, because `headline_only` alone also sets
 * the bar of dated headlines (uci's). A model file without it: 0, the bar unchanged. */
export const UNDATED_HEADLINE_ONLY = 'undated_headline_only';

/** UNDATED_HEADLINE_ONLY's situation and the `bare` feature: 1 when times are not known and a side
 * is a headline alone (each feature 0 or 1), else 0. */
export function isBare(timesKnown: number, headlineOnly: number): number {
  return (1 - timesKnown) * headlineOnly;
}

/** The value an offset of TreeModel.offsets multiplies: its feature's, or UNDATED_HEADLINE_ONLY's
 * (isBare); an unknown name 0. */
export function situation(name: string, x: Float64Array): number {
  if (name === UNDATED_HEADLINE_ONLY) return isBare(x[AT.times_known]!, x[AT.headline_only]!);
  return x[FEATURE_INDEX.get(name) ?? -1] ?? 0;
}

/** The score an item needs to be shown, given its evidence: the model's decision, less
 * barRelief. */
export function thresholdFor(m: TreeModel, x: Float64Array): number {
  let t = m.threshold;
  if (m.offsets !== undefined) for (const name in m.offsets) t += m.offsets[name]! * situation(name, x);
  return t - barRelief(x);
}

/** Whether a pair whose times are `timesKnown` (0 or 1) in a query's `crowd` is relieved
 * (SPARSE_RELIEF): undated, with 1 to SPARSE_CROWD candidates in the crowd. A crowd of 0 is not
 * measured (evidence outside a lookup) or nothing near the query at all — where nothing scores
 * near the bar either. A rule, not a learned offset: the trainer's decision does not see it
 * (bench/train-matcher.ts). */
export function relieved(timesKnown: number, crowd: number): boolean {
  return timesKnown === 0 && crowd >= 1 && crowd <= SPARSE_CROWD;
}

/** Whether an undated pair of which a side is a headline alone has 1 to BARE_SPARSE_CROWD in the
 * query's crowd (BARE_SPARSE_RELIEF). */
export function bareRelieved(timesKnown: number, headlineOnly: number, crowd: number): boolean {
  return timesKnown === 0 && headlineOnly === 1 && crowd >= 1 && crowd <= BARE_SPARSE_CROWD;
}

/** Whether a bare pair stands out of the query's neighbourhood both ways (MUTUAL_RELIEF): see there. */
export function mutualRelieved(x: Float64Array): boolean {
  const crowd = x[AT.crowd]!;
  // Undated and headline only tested as bareRelieved does, not by their product (isBare): the two
  // agree on real features (0 or 1), and the screen's bound (score-bound.ts) reads the ranges of
  // each, so only this form is one it can bound for any input.
  return (
    x[AT.times_known] === 0 &&
    x[AT.headline_only] === 1 &&
    crowd >= 1 &&
    crowd <= MUTUAL_CROWD &&
    x[AT.similarity_rank] === 0 &&
    x[AT.closer_candidates] === 0 &&
    x[AT.shared_count]! >= MUTUAL_SHARED
  );
}

/** How much lower the bar is for a pair by its crowd: SPARSE_RELIEF where relieved, plus
 * BARE_SPARSE_RELIEF where bareRelieved (what the trainer's decision measures with --with-relief). */
export function sparseRelief(x: Float64Array): number {
  const timesKnown = x[AT.times_known]!;
  const crowd = x[AT.crowd]!;
  return (relieved(timesKnown, crowd) ? SPARSE_RELIEF : 0) + (bareRelieved(timesKnown, x[AT.headline_only]!, crowd) ? BARE_SPARSE_RELIEF : 0);
}

/** How much lower the engine's bar is for a pair: sparseRelief, plus MUTUAL_RELIEF where
 * mutualRelieved. The trainer's decision does not measure the mutual relief (a rule after the
 * decision, as the sparse reliefs were before --with-relief): the committed command gives the
 * committed decision with it. */
export function barRelief(x: Float64Array): number {
  return sparseRelief(x) + (mutualRelieved(x) ? MUTUAL_RELIEF : 0);
}

/** A model's trees in flat typed arrays: what scoring thousands of pairs a second needs. */
export interface CompiledTrees {
  depth: number;
  inner: number;
  leaves: number;
  f: Int32Array;
  t: Float64Array;
  v: Float64Array;
}

const compiled = new WeakMap<TreeModel, CompiledTrees>();

export function compile(m: TreeModel): CompiledTrees {
  let c = compiled.get(m);
  if (c === undefined) {
    const inner = 2 ** m.depth - 1;
    const leaves = 2 ** m.depth;
    c = {
      depth: m.depth,
      inner,
      leaves,
      f: Int32Array.from(m.trees.flatMap((tree) => tree.f)),
      t: Float64Array.from(m.trees.flatMap((tree) => tree.t)),
      v: Float64Array.from(m.trees.flatMap((tree) => tree.v)),
    };
    compiled.set(m, c);
  }
  return c;
}

export function predict(m: TreeModel, x: Float64Array): number {
  const { depth, inner, leaves, f, t, v } = compile(m);
  let score = m.bias;
  const trees = m.trees.length;
  for (let i = 0; i < trees; i++) {
    const base = i * inner;
    let node = 0;
    for (let d = 0; d < depth; d++) node = 2 * node + (x[f[base + node]!]! <= t[base + node]! ? 1 : 2);
    score += v[i * leaves + node - inner]!;
  }
  return score;
}

let active: TreeModel = model as TreeModel;

/** The model in use (the committed one unless a training run swaps in its own). */
export function currentModel(): TreeModel {
  return active;
}

/** For training and leave-one-file-out evaluation only. */
export function useModel(m: TreeModel): void {
  active = m;
}

export interface Judgement {
  score: number;
  sameStory: boolean;
  /** Shared term hashes, most specific first. */
  shared: number[];
}

/**
 * Two articles each naming a rare subject the other never mentions, sharing at most two terms and
 * no rare name, are about different things ("Huawei unveils AI chip" / "Alibaba launches AI
 * chip"), however the rest of the evidence looks.
 */
export function differentSubjects(features: Float64Array): boolean {
  return features[AT.name_conflict] === 2 && features[AT.shared_count]! <= 2;
}

export function judge(e: Evidence, m: TreeModel = active): Judgement {
  if (e.shared.length === 0) return { score: -Infinity, sameStory: false, shared: [] };
  const score = predict(m, e.features);
  return { score, sameStory: score >= thresholdFor(m, e.features) && !differentSubjects(e.features), shared: e.shared };
}
