/**
 * Related coverage for an article: the links its record carries (both ways) and same-story
 * matches from the engine, deduplicated, syndicated copies collapsed into one item, several
 * outlets kept visible, and every item explained. The one entry point every UI uses.
 */
import type { ArticleStore, StoredArticle } from '../store';
import { toArticleView } from '../store/view';
import { displayDomain, urlKey } from '../shared';
import { indexTerms } from '../index/terms';
import { primaryLanguage } from '../index/language';
import { termHash } from '../index/terms';
import { stem, words } from '../index/tokenize';
import { matchDocOf, prefetchBuckets, rankByContent, type RankedCandidate, type RankOptions } from './engine';
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
/** Items from one outlet beyond this many move behind other outlets' items. */
const PER_OUTLET = 2;

export function findRelated(store: ArticleStore, query: RelatedQuery, options: FindRelatedOptions = {}): Promise<FindRelatedResult> {
  // One read transaction for the whole lookup: one consistent view, one transaction's cost.
  // (The callback must itself be an async function: that is how Dexie keeps the transaction
  // alive across native awaits.)
  return store.readIndex(async () => lookUp(store, query, options));
}

async function lookUp(store: ArticleStore, query: RelatedQuery, options: FindRelatedOptions): Promise<FindRelatedResult> {
  const limit = options.limit ?? 20;
  // The store's generation (what the lookup cache is kept by) is read with the query's URL, not
  // after it: one round trip to IndexedDB fewer before the engine can start.
  // The weeks the query's date points to are asked for at the same time, after the URL's small
  // reads (a transaction answers its requests in order): see prefetchBuckets.
  const found = Promise.all([store.findByUrls(query.urls), options.cache === false ? undefined : store.generation()]);
  const prefetched = prefetchBuckets(store, query.publishedAt, options.cache === false ? { cache: false } : {});
  const [stored, generation] = await found;
  const queryDoc: MatchDoc = stored !== undefined ? matchDocOf(stored) : pageDoc(query);
  // Links and content matches are independent: read them at the same time.
  const rankOptions: RankOptions = { rows: options.withRanking === true ? 'all' : 'shown' };
  if (options.cache !== undefined) rankOptions.cache = options.cache;
  if (options.cache !== false) rankOptions.generation = { value: generation };
  if (prefetched.size > 0) rankOptions.prefetched = prefetched;
  const [linked, linking, judged] = await Promise.all([
    stored === undefined ? ([] as string[]) : store.linkedFrom(stored.id),
    stored === undefined ? ([] as string[]) : store.linkingTo(stored.id),
    rankByContent(store, queryDoc, stored?.docno, rankOptions),
  ]);

  // Whole rows only for what may be shown: same-story matches (read by the engine) and linked articles.
  const ranking = judged.filter((c): c is WithRow => c.article !== undefined);
  const linkIds = [...new Set([...linked, ...linking])].filter((id) => id !== stored?.id);
  const matches = new Map(ranking.map((c) => [c.article.id, c]));
  const wanted = [...new Set([...ranking.filter((c) => c.sameStory).map((c) => c.article.id), ...linkIds])];
  const rows = new Map(ranking.map((c) => [c.article.id, c.article]));
  const missing = wanted.filter((id) => !rows.has(id));
  if (missing.length > 0) for (const article of await store.getArticles(missing)) if (article !== undefined) rows.set(article.id, article);

  const candidates: Candidate[] = [];
  for (const id of wanted) {
    const article = rows.get(id);
    if (article === undefined) continue;
    const match = matches.get(id);
    const reasons: MatchReason[] = [];
    if (match?.sameStory === true) {
      // The words are found only for the items shown (collapse): a big story has dozens of
      // same-story candidates, and finding an article's words means tokenizing it again.
      const reason: MatchReason = { kind: 'same-story', terms: UNEXPLAINED };
      if (queryDoc.lang !== undefined && article.lang !== undefined && primaryLanguage(article.lang) !== primaryLanguage(queryDoc.lang)) reason.language = primaryLanguage(article.lang)!;
      reasons.push(reason);
    }
    if (linked.includes(id)) reasons.push({ kind: 'linked' });
    else if (linking.includes(id)) reasons.push({ kind: 'links-here' });
    candidates.push(match === undefined ? { article, reasons } : { article, match, reasons });
  }
  const shown = candidates.sort(compareCandidates);
  const items = collapse(dedupe(shown, stored), limit);
  const result: FindRelatedResult = { article: stored === undefined ? null : toArticleView(stored), items };
  if (options.withRanking === true) {
    const linkedSet = new Set(linkIds);
    const scored = new Map<string, number>();
    for (const c of ranking) scored.set(c.article.id, c.score + (linkedSet.has(c.article.id) ? LINK_BONUS : 0));
    for (const id of linkIds) if (!scored.has(id)) scored.set(id, currentModel().threshold + LINK_BONUS);
    result.ranking = [...scored].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
  }
  return result;
}

type WithRow = RankedCandidate & { article: StoredArticle };

interface Candidate {
  article: StoredArticle;
  match?: RankedCandidate;
  reasons: MatchReason[];
}

function rankScore(candidate: Candidate): number {
  const linked = candidate.reasons.some((r) => r.kind === 'linked' || r.kind === 'links-here');
  return (candidate.match?.score ?? currentModel().threshold) + (linked ? LINK_BONUS : 0);
}

/** A page known only by its metadata, as the matcher sees it. */
function pageDoc(query: RelatedQuery): MatchDoc {
  const indexed = indexTerms(query.title, query.excerpt, query.lang);
  return toMatchDoc({ ...indexed, publishedAt: query.publishedAt });
}

/** Same story first (by score), then articles only linked by records, newest first. */
function compareCandidates(a: Candidate, b: Candidate): number {
  const aStory = a.match?.sameStory === true ? 1 : 0;
  const bStory = b.match?.sameStory === true ? 1 : 0;
  if (aStory !== bStory) return bStory - aStory;
  if (aStory === 1) return rankScore(b) - rankScore(a);
  return (b.article.publishedAt ?? 0) - (a.article.publishedAt ?? 0);
}

/** One entry per article URL and per identical title within an outlet (the page itself excluded). */
function dedupe(candidates: Candidate[], self: StoredArticle | undefined): Candidate[] {
  const seen = new Set<string>();
  if (self !== undefined) {
    for (const key of self.urls) seen.add('u:' + key);
    seen.add('t:' + self.domain + ':' + normaliseTitle(self.title));
  }
  const out: Candidate[] = [];
  for (const candidate of candidates) {
    const keys = ['u:' + (urlKey(candidate.article.url) ?? candidate.article.id), 't:' + candidate.article.domain + ':' + normaliseTitle(candidate.article.title)];
    if (keys.some((key) => seen.has(key))) continue;
    for (const key of keys) seen.add(key);
    out.push(candidate);
  }
  return out;
}

/**
 * Syndicated copies (one wire story under several outlets: near-identical titles) become one item
 * with "also in"; an outlet's third and later items move behind other outlets'. At most `limit`
 * articles are shown in all, copies included.
 */
function collapse(candidates: Candidate[], limit: number): RelatedItem[] {
  const groups: { lead: Candidate; copies: Candidate[]; titleTerms: Set<string> }[] = [];
  for (const candidate of candidates) {
    const titleTerms = titlePairs(candidate.article);
    const group = groups.find((g) => g.lead.article.domain !== candidate.article.domain && isCopy(g.titleTerms, titleTerms));
    if (group !== undefined && !group.copies.some((c) => c.article.domain === candidate.article.domain)) group.copies.push(candidate);
    else groups.push({ lead: candidate, copies: [], titleTerms });
  }
  const perOutlet = new Map<string, number>();
  const first: typeof groups = [];
  const later: typeof groups = [];
  for (const group of groups) {
    const count = (perOutlet.get(group.lead.article.domain) ?? 0) + 1;
    perOutlet.set(group.lead.article.domain, count);
    (count <= PER_OUTLET ? first : later).push(group);
  }
  const items: RelatedItem[] = [];
  let shown = 0;
  for (const group of [...first, ...later]) {
    if (shown >= limit) break;
    const copies = group.copies.slice(0, Math.max(0, limit - shown - 1));
    shown += 1 + copies.length;
    explain(group.lead);
    items.push({
      article: toArticleView(group.lead.article),
      reasons: group.lead.reasons,
      score: rankScore(group.lead),
      alsoIn: copies.map((copy): OutletRef => ({ name: copy.article.provider?.name || copy.article.domain, domain: copy.article.domain || (displayDomain(copy.article.url) ?? ''), url: copy.article.url })),
    });
  }
  return items;
}

/** The terms of a same-story reason until its item is shown (never shown as such). */
const UNEXPLAINED: string[] = [];

/** A shown item's same-story reason gets its words. */
function explain(candidate: Candidate): void {
  for (const reason of candidate.reasons) {
    if (reason.kind === 'same-story' && reason.terms === UNEXPLAINED) reason.terms = explainTerms(candidate.match!.shared, candidate.article);
  }
}

/** Near-identical titles (one wire story under several outlets): most of their word pairs, in
 * order, in common. Pairs, not words: a reworded headline of the same story has the same words
 * in another order and is coverage of its own, not a copy. */
function isCopy(a: Set<string>, b: Set<string>): boolean {
  if (a.size < 2 || b.size < 2) return false;
  let common = 0;
  for (const pair of a) if (b.has(pair)) common++;
  return common / (a.size + b.size - common) >= 0.7;
}

/** Consecutive pairs of a headline's terms, in order. */
function titlePairs(article: StoredArticle): Set<string> {
  const terms = article.terms.slice(0, article.titleTermCount);
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++) pairs.add(`${terms[i - 1]} ${terms[i]}`);
  return pairs;
}

function normaliseTitle(title: string): string {
  return title.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Shared index terms (hashes, as the matcher names them) as the words the article itself uses
 * ("lanes", not the stem "lane"): its own terms say which term a hash is. */
function explainTerms(shared: readonly number[], article: StoredArticle): string[] {
  const byHash = new Map(article.terms.map((term) => [termHash(term), term]));
  const surface = new Map<string, string>();
  for (const word of words(`${article.title} ${article.excerpt}`, article.lang ?? 'en')) {
    const term = stem(word);
    if (!surface.has(term)) surface.set(term, word);
  }
  return shared.slice(0, 5).flatMap((hash) => {
    const term = byHash.get(hash);
    return term === undefined ? [] : [surface.get(term) ?? term];
  });
}
