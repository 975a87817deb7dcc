/**
 * What a lookup shows of its candidates: same story first (by score), then articles only linked
 * by records (newest first); one entry per article URL and per identical headline within an
 * outlet; syndicated copies (one wire story under several outlets) collapsed into one item with
 * "also in"; an outlet's third and later items behind other outlets'; at most `limit` articles.
 * Decided on the candidates' show fields (src/index/show-keys.ts) — which the segments carry —
 * so only the rows of what is shown need reading (find-related.ts).
 */
import { hash64, hashKey, normaliseTitle, type ShowSource } from '../index/show-keys';

/** Items from one outlet beyond this many move behind other outlets' items. */
export const PER_OUTLET = 2;

export interface ShowCandidate {
  /** A same-story match (ordered by `score`), or an article only linked (ordered by `publishedAt`). */
  sameStory: boolean;
  score: number;
  /** Epoch ms, 0 when unknown (only linked articles are ordered by it). */
  publishedAt: number;
  source: ShowSource;
  /** The headline's terms (hashes, in order). */
  titleTerms: readonly number[];
}

/** The page the lookup is for, when stored: its own URLs and headline are not shown again. */
export interface ShowSelf {
  /** Every URL key of the page. */
  urls: readonly string[];
  domain: string;
  title: string;
}

/** One item shown: its lead, and the copies shown with it ("also in"). */
export interface ShownGroup<C> {
  lead: C;
  copies: C[];
}

/** The items shown, in order, at most `limit` articles in all (copies included). */
export function decideShown<C extends ShowCandidate>(candidates: readonly C[], self: ShowSelf | undefined, limit: number): ShownGroup<C>[] {
  const groups = collapse(dedupe([...candidates].sort(compareCandidates), self));
  const perOutlet = new Map<string, number>();
  const first: typeof groups = [];
  const later: typeof groups = [];
  for (const group of groups) {
    const count = (perOutlet.get(group.lead.source.outlet) ?? 0) + 1;
    perOutlet.set(group.lead.source.outlet, count);
    (count <= PER_OUTLET ? first : later).push(group);
  }
  const shown: ShownGroup<C>[] = [];
  let articles = 0;
  for (const group of [...first, ...later]) {
    if (articles >= limit) break;
    const copies = group.copies.slice(0, Math.max(0, limit - articles - 1));
    articles += 1 + copies.length;
    shown.push({ lead: group.lead, copies });
  }
  return shown;
}

/** Same story first (by score), then articles only linked by records, newest first. */
function compareCandidates(a: ShowCandidate, b: ShowCandidate): number {
  const aStory = a.sameStory ? 1 : 0;
  const bStory = b.sameStory ? 1 : 0;
  if (aStory !== bStory) return bStory - aStory;
  if (aStory === 1) return b.score - a.score;
  return b.publishedAt - a.publishedAt;
}

const urlKeyOf = (hash: readonly [number, number]): string => 'u:' + hashKey(hash[0], hash[1]);
const titleKeyOf = (outlet: string, hash: readonly [number, number]): string => 't:' + outlet + ':' + hashKey(hash[0], hash[1]);

/** One entry per article URL and per identical headline within an outlet (the page itself excluded). */
function dedupe<C extends ShowCandidate>(candidates: C[], self: ShowSelf | undefined): C[] {
  const seen = new Set<string>();
  if (self !== undefined) {
    for (const key of self.urls) seen.add(urlKeyOf(hash64(key)));
    seen.add(titleKeyOf(self.domain, hash64(normaliseTitle(self.title))));
  }
  const out: C[] = [];
  for (const candidate of candidates) {
    const keys = [urlKeyOf(candidate.source.urlHash), titleKeyOf(candidate.source.outlet, candidate.source.titleHash)];
    if (keys.some((key) => seen.has(key))) continue;
    for (const key of keys) seen.add(key);
    out.push(candidate);
  }
  return out;
}

/** Syndicated copies become one group; the first of an outlet's copies of a group only. */
function collapse<C extends ShowCandidate>(candidates: C[]): ShownGroup<C>[] {
  const groups: (ShownGroup<C> & { titlePairs: Set<string> })[] = [];
  for (const candidate of candidates) {
    const titlePairs = titlePairsOf(candidate.titleTerms);
    const outlet = candidate.source.outlet;
    const group = groups.find((g) => g.lead.source.outlet !== outlet && isCopy(g.titlePairs, titlePairs));
    if (group !== undefined && !group.copies.some((c) => c.source.outlet === outlet)) group.copies.push(candidate);
    else groups.push({ lead: candidate, copies: [], titlePairs });
  }
  return groups;
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

/** Consecutive pairs of a headline's terms (hashes), in order. */
function titlePairsOf(terms: readonly number[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++) pairs.add(`${terms[i - 1]} ${terms[i]}`);
  return pairs;
}
