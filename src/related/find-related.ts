/**
 * Related coverage for an article: the links its record carries (both ways) and same-story
 * matches from the engine, deduplicated, syndicated copies collapsed into one item, several
 * outlets kept visible (show-decision.ts), and every item explained. The one entry point every UI
 * uses. The decision runs on the candidates' show fields (from the segments): a lookup reads the
 * rows of what it shows (at most `limit`), not of every same-story candidate.
 */
import type { ArticleStore, StoredArticle } from '../store';
import { toArticleView } from '../store/view';
import { termFieldsOf } from '../store/row-terms';
import { displayDomain } from '../shared';
import { indexTerms, termHash } from '../index/terms';
import { labelLanguage } from '../index/language';
import { showSourceOf } from '../index/show-keys';
import { fold, stem, words } from '../index/tokenize';
import { isRegionTerm, REGION_CODES, regionNameIn, regionTerm } from '../index/regions';
import { prefetchBuckets, rankByContent, rowsByDocno, type LookupTrace, type RankedCandidate, type RankOptions, type RankQuery, type ShowFields } from './engine';
import { cacheFor, type LookupCache } from './lookup-cache';
import { decideShown, type ShowCandidate } from './show-decision';
import { toMatchDoc } from './match-doc';
import { currentModel, type MatchDoc } from './matcher';
import type { MatchReason, OutletRef, RelatedItem, RelatedQuery, RelatedResult } from './types';

export interface FindRelatedOptions {
  /** At most this many articles shown, copies in "also in" included (default 20). */
  limit?: number;
  /** Also return the full ranking before the show decision (for evaluation). */
  withRanking?: boolean;
  /** Use the context's lookup cache (default true; see lookup-cache.ts). */
  cache?: boolean;
  /** Told when each step of the lookup ends (benchmarks: where a lookup's time goes). */
  trace?: LookupTrace;
}

export interface RankedId {
  id: string;
  score: number;
}

export interface FindRelatedResult extends RelatedResult {
  /** Every candidate by score, linked ones first (only with `withRanking`). */
  ranking?: RankedId[];
}

/** Extra score (in the model's log-odds) of a record's own link, so linked articles that are also
 * the same story lead. */
const LINK_BONUS = 2;

export function findRelated(store: ArticleStore, query: RelatedQuery, options: FindRelatedOptions = {}): Promise<FindRelatedResult> {
  // One read transaction for the whole lookup: one consistent view, one transaction's cost.
  // (The callback must itself be an async function: that is how Dexie keeps the transaction
  // alive across native awaits.) Answered as soon as the lookup has its answer, not when the
  // transaction has committed (one round trip fewer).
  return store.readIndexAnswer(async () => lookUp(store, query, options));
}

async function lookUp(store: ArticleStore, query: RelatedQuery, options: FindRelatedOptions): Promise<FindRelatedResult> {
  const limit = options.limit ?? 20;
  const withRanking = options.withRanking === true;
  // The store's generation (what the lookup cache is kept by) is read with the query's URL, not
  // after it: one round trip to IndexedDB fewer before the engine can start.
  // The weeks the query's date points to are asked for at the same time, after the URL's small
  // reads (a transaction answers its requests in order): see prefetchBuckets.
  const found = Promise.all([store.findByUrls(query.urls), options.cache === false ? undefined : store.generation()]);
  const prefetched = prefetchBuckets(store, query.publishedAt, options.cache === false ? { cache: false } : {});
  const [stored, generation] = await found;
  options.trace?.('url');
  // A stored article's own document is its forward entry, read with its week (engine.ts).
  const queryDoc: RankQuery = stored !== undefined ? { stored } : pageDoc(query);
  // Links (and their rows: few, and the decision needs them) and content matches are independent:
  // read them at the same time.
  const rankOptions: RankOptions = { rows: withRanking ? 'all' : 'shown' };
  if (options.cache !== undefined) rankOptions.cache = options.cache;
  if (options.cache !== false) rankOptions.generation = { value: generation };
  if (prefetched.size > 0) rankOptions.prefetched = prefetched;
  if (options.trace !== undefined) rankOptions.trace = options.trace;
  const ranking = rankByContent(store, queryDoc, stored?.docno, rankOptions);
  const cache = options.cache === false ? null : cacheFor(store);
  // A stored article's links come in after the engine has judged (their results wait for it):
  // meanwhile the rows of what its same-story matches alone would show are read, the rows the
  // decision below wants unless a link changes it.
  const early = stored === undefined || withRanking ? Promise.resolve(new Map<number, StoredArticle>()) : rowsLikelyShown(store, ranking, stored, limit, cache);
  early.catch(() => undefined);
  const [links, judged] = await Promise.all([stored === undefined ? NO_LINKS : readLinks(store, stored.id).then((read) => (options.trace?.('links'), read)), ranking]);

  // What may be shown: same-story matches (every judged candidate counts as a match for the
  // ranking an evaluation asks for) and linked articles, one candidate an article.
  const matches = new Map(judged.filter((c) => withRanking || c.sameStory).map((c) => [c.docno, c]));
  const linkedRows = new Map<number, StoredArticle>();
  for (const row of links.rows) if (row.docno !== undefined) linkedRows.set(row.docno, row);
  const candidates: Candidate[] = [];
  for (const match of judged) {
    if (!match.sameStory || match.show === undefined) continue;
    const article = match.article ?? linkedRows.get(match.docno);
    candidates.push(candidate(match.show, true, match, article, links, match.docno));
  }
  const sameStory = new Set(candidates.map((c) => c.docno));
  for (const row of links.rows) {
    if (row.docno !== undefined && sameStory.has(row.docno)) continue;
    const match = row.docno === undefined ? undefined : matches.get(row.docno);
    // (A few rows, and only linked ones: their fields from the tokenizer where the row keeps none.)
    const fields = termFieldsOf(row);
    const terms = fields.terms.slice(0, fields.titleTermCount).map(termHash);
    candidates.push(candidate({ source: showSourceOf(row), titleTerms: terms }, match?.sameStory === true, match, row, links, row.docno));
  }

  // Decided on show fields; then the rows of what is shown, and only those. A row gone (an index
  // out of step with the rows, never expected) takes its candidate out, and the decision is made again.
  const gone = new Set<Candidate>();
  let shown = decideShown(candidates, stored, limit);
  options.trace?.('decided');
  const read = await early;
  for (;;) {
    const unread = shown.flatMap((group) => [group.lead, ...group.copies]).filter((c) => c.article === undefined);
    if (unread.length === 0) break;
    // An item shown through a mate names it: the mate's row is read with them (it is shown too, but
    // for a copy of the page or past the limit).
    const mates = unread.flatMap((c) => (c.match?.via === undefined ? [] : [c.match.via.docno]));
    const missing = [...new Set([...unread.map((c) => c.docno!), ...mates])].filter((docno) => !read.has(docno) && !linkedRows.has(docno));
    for (const row of await rowsByDocno(store, missing, cache)) read.set(row.docno!, row);
    // (A linked article's row was read with the links: these are not linked.)
    for (const c of unread) {
      c.article = read.get(c.docno!);
      if (c.article === undefined) gone.add(c);
    }
    if (unread.every((c) => c.article !== undefined)) break;
    shown = decideShown(
      candidates.filter((c) => !gone.has(c)),
      stored,
      limit,
    );
  }
  options.trace?.('rows');
  // The language items are told apart from ("in Malay"): the stored article's, else the page's.
  const queryLanguage = stored !== undefined ? labelLanguage(stored.lang, `${stored.title} ${stored.excerpt}`, false) : labelLanguage(query.lang, `${query.title} ${query.excerpt}`, true);
  const rowOf = (docno: number): StoredArticle | undefined => read.get(docno) ?? linkedRows.get(docno) ?? candidates.find((c) => c.docno === docno)?.article;
  const items = shown.map((group) => item(group.lead as Shown, group.copies as Shown[], queryLanguage, rowOf));
  options.trace?.('items');
  const result: FindRelatedResult = { article: stored === undefined ? null : toArticleView(stored), items };
  if (withRanking) {
    const scored = new Map<string, number>();
    for (const c of judged) if (c.article !== undefined) scored.set(c.article.id, c.score + (links.ids.has(c.article.id) ? LINK_BONUS : 0));
    for (const id of links.ids) if (!scored.has(id)) scored.set(id, currentModel().threshold + LINK_BONUS);
    result.ranking = [...scored].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
  }
  return result;
}

/** The rows (by docno) of what the same-story matches would show without the links. */
async function rowsLikelyShown(store: ArticleStore, ranking: Promise<RankedCandidate[]>, stored: StoredArticle, limit: number, cache: LookupCache | null): Promise<Map<number, StoredArticle>> {
  const candidates = (await ranking).filter((match) => match.sameStory && match.show !== undefined).map((match) => candidate(match.show!, true, match, match.article, NO_LINKS, match.docno));
  const docnos = decideShown(candidates, stored, limit).flatMap((group) => [group.lead, ...group.copies]).filter((c) => c.article === undefined).map((c) => c.docno!);
  return new Map((await rowsByDocno(store, docnos, cache)).map((row) => [row.docno!, row]));
}

/** A stored article's links both ways (its own id left out) and the rows of what they name. */
interface Links {
  /** Linked by the article's record, and linking to it. */
  linked: ReadonlySet<string>;
  linking: ReadonlySet<string>;
  /** Both, in order (linked first). */
  ids: ReadonlySet<string>;
  rows: StoredArticle[];
}

const NO_LINKS: Links = { linked: new Set(), linking: new Set(), ids: new Set(), rows: [] };

async function readLinks(store: ArticleStore, id: string): Promise<Links> {
  const [linked, linking] = await Promise.all([store.linkedFrom(id), store.linkingTo(id)]);
  const ids = new Set([...linked, ...linking].filter((other) => other !== id));
  // No read when nothing is linked (most articles).
  const rows = ids.size === 0 ? [] : (await store.getArticles([...ids])).filter((row): row is StoredArticle => row !== undefined);
  return { linked: new Set(linked), linking: new Set(linking), ids, rows };
}

interface Candidate extends ShowCandidate {
  docno: number | undefined;
  /** Read when known (linked, read by the engine) or once shown. */
  article: StoredArticle | undefined;
  match: RankedCandidate | undefined;
  linked: boolean;
  linking: boolean;
}

type Shown = Candidate & { article: StoredArticle };

function candidate(show: ShowFields, sameStory: boolean, match: RankedCandidate | undefined, article: StoredArticle | undefined, links: Links, docno: number | undefined): Candidate {
  const linked = article !== undefined && links.linked.has(article.id);
  const linking = !linked && article !== undefined && links.linking.has(article.id);
  const c: Candidate = { sameStory, score: 0, publishedAt: article?.publishedAt ?? 0, source: show.source, titleTerms: show.titleTerms, docno, article, match, linked, linking };
  c.score = rankScore(c);
  return c;
}

function rankScore(c: Candidate): number {
  return (c.match?.score ?? currentModel().threshold) + (c.linked || c.linking ? LINK_BONUS : 0);
}

/** A shown item: its lead's reasons (with the words of its same-story reason) and "also in". */
function item(lead: Shown, copies: Shown[], queryLanguage: string | undefined, rowOf: (docno: number) => StoredArticle | undefined): RelatedItem {
  const reasons: MatchReason[] = [];
  if (lead.match?.sameStory === true) {
    const via = lead.match.via;
    const mate = via === undefined ? undefined : rowOf(via.docno);
    // Shown through a mate: the mate and the words the item shares with it (the page's own are
    // too few to say so).
    const reason: MatchReason =
      via !== undefined && mate !== undefined
        ? { kind: 'same-story-as', mate: mate.title, terms: explainTerms(via.shared, lead.article) }
        : { kind: 'same-story', terms: explainTerms(lead.match.shared, lead.article) };
    // Named only when both languages are known for sure (not a guess from a few function words).
    const language = queryLanguage === undefined ? undefined : labelLanguage(lead.article.lang, `${lead.article.title} ${lead.article.excerpt}`, false);
    if (language !== undefined && language !== queryLanguage) reason.language = language;
    reasons.push(reason);
  }
  if (lead.linked) reasons.push({ kind: 'linked' });
  else if (lead.linking) reasons.push({ kind: 'links-here' });
  return {
    article: toArticleView(lead.article),
    reasons,
    score: lead.score,
    alsoIn: copies.map((copy): OutletRef => ({ name: copy.article.provider?.name || copy.article.domain, domain: copy.article.domain || (displayDomain(copy.article.url) ?? ''), url: copy.article.url })),
  };
}

/** A page known only by its metadata, as the matcher sees it. */
function pageDoc(query: RelatedQuery): MatchDoc {
  const indexed = indexTerms(query.title, query.excerpt, query.lang);
  return toMatchDoc({ ...indexed, publishedAt: query.publishedAt });
}

/** Scripts the runtime's Intl.Segmenter splits into words (tokenize.ts), and the longest piece of
 * their runs looked for (a joined run of one-character Han words, a transliterated name, is a few). */
const SEGMENTED_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;
const LONGEST_RUN_TERM = 12;

/**
 * Terms of hashes the tokenizer of this runtime does not make of the text: the runtime that
 * indexed the article made them otherwise. The tokenizer leans on the runtime's ICU —
 * Intl.Segmenter splits Chinese, Japanese and Thai, Intl.DisplayNames names regions — which a
 * browser update may change, while the index keeps what the old one made (and the row, since
 * `drop-row-terms`, no terms to look them up in). Such a term is a piece of a run of those
 * scripts in the folded text, or a region marker. Only for hashes nothing else gave.
 */
function termsOfRuntime(hashes: readonly number[], text: string): Map<number, string> {
  const found = new Map<number, string>();
  const want = new Set(hashes);
  for (const code of REGION_CODES) {
    const term = regionTerm(code);
    const hash = termHash(term);
    if (want.has(hash) && !found.has(hash)) found.set(hash, term);
  }
  for (const run of fold(text).match(SEGMENTED_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i < chars.length && found.size < want.size; i++) {
      for (let length = 1; length <= LONGEST_RUN_TERM && i + length <= chars.length; length++) {
        const term = chars.slice(i, i + length).join('');
        const hash = termHash(term);
        if (want.has(hash) && !found.has(hash)) found.set(hash, term);
      }
    }
  }
  return found;
}

/** Shared index terms (hashes, as the matcher names them) as the words the article itself uses
 * ("lanes", not the stem "lane"). A word's stem is its term: the article's words are read, each
 * stem hashed, until every hash to explain has its first word (the row keeps no terms since
 * `drop-row-terms`; tokenizing the whole article costs ~65 µs, reading to the first words a
 * fraction). A hash no word's stem gives (a number, a joined Han run, a region marker, a term
 * the tokenizer made otherwise) is looked up in the article's index fields: the row's, else the
 * tokenizer's — once, and only for such an item; one those do not give either, in the pieces of
 * the text another runtime may have made terms of (termsOfRuntime). */
function explainTerms(shared: readonly number[], article: StoredArticle): string[] {
  const hashes = shared.slice(0, 5);
  const text = `${article.title} ${article.excerpt}`;
  // Stem and first word of each hash a word gives.
  const byWord = new Map<number, { term: string; word: string }>();
  if (article.terms === undefined) {
    for (const word of words(text, article.lang ?? 'en')) {
      const term = stem(word);
      const hash = termHash(term);
      if (!hashes.includes(hash) || byWord.has(hash)) continue;
      byWord.set(hash, { term, word });
      if (byWord.size === hashes.length) break;
    }
  }
  if (byWord.size === hashes.length) return hashes.map((hash) => byWord.get(hash)!.word);
  // The last term of a hash, as a map of every term kept it.
  const termOf = new Map<number, string>();
  for (const term of termFieldsOf(article).terms) {
    const hash = termHash(term);
    if (hashes.includes(hash)) termOf.set(hash, term);
  }
  const missing = hashes.filter((hash) => !termOf.has(hash));
  if (missing.length > 0) for (const [hash, term] of termsOfRuntime(missing, text)) termOf.set(hash, term);
  const wanted = new Set(termOf.values());
  const surface = new Map<string, string>();
  if (wanted.size > 0) {
    for (const word of words(text, article.lang ?? 'en')) {
      const term = stem(word);
      if (!wanted.has(term) || surface.has(term)) continue;
      surface.set(term, word);
      if (surface.size === wanted.size) break;
    }
  }
  return hashes.flatMap((hash) => {
    const term = termOf.get(hash);
    if (term === undefined) return [];
    // A region marker is no word of the text: the region's name as the article writes it.
    if (isRegionTerm(term)) return [regionNameIn(term, text, article.lang)];
    return [surface.get(term) ?? term];
  });
}
