/**
 * `npx tsx bench/rank-triangle.ts [--variant V] [--alpha A] [--beta B] [FILE...]` (session 27,
 * issue 10, P@5): would the candidates' own view order the first five better? In memory (the
 * training harness's index, window and judgement: every file's P@5 here equals `npm run eval`'s),
 * each asked article's ten best candidates are judged again from each candidate's side — its own
 * lookup (`MemoryIndex.related`: its window, first pass and judgement) — and reordered by
 *
 *   score + alpha × max over the other nine d of σ(score(q, d)) × σ(score(c, d))   (a triangle: c
 *           and a likely mate d of the query are one story from c's side too)
 *         + beta × (score(c, q) − score(q, c))                                    (reciprocal: the
 *           query's score in the candidate's own candidates, −10 when it is not among them)
 *
 * Prints each file's P@5 before and after, and the macro. Not what a lookup can afford: it costs
 * ten more lookups a query (bench/RESULTS.md, session 27).
 */
import { judgeCandidates, statsOf, type JudgedCandidate } from '../src/related/candidates';
import type { MatchDoc } from '../src/related/matcher';
import { applyVariant, DEV_FILES, indexedArticles, readArticles, type Variant } from './matcher-corpus';

const args = process.argv.slice(2);
const valueOf = (flag: string, fallback: string): string => {
  const at = args.indexOf(flag);
  return at === -1 ? fallback : args[at + 1]!;
};
const variant = valueOf('--variant', 'original') as Variant;
const alpha = Number(valueOf('--alpha', '2'));
const beta = Number(valueOf('--beta', '0.25'));
/** --cheap: each candidate judges only the query and the other nine, in the query's window, in the
 * order a first pass over those ten would give (no lookup of its own; its context is those ten). */
const cheap = args.includes('--cheap');
const flagged = new Set(['--variant', '--alpha', '--beta'].map((f) => args.indexOf(f)).filter((i) => i !== -1).flatMap((i) => [i, i + 1]));
const files = args.filter((a, i) => !flagged.has(i) && !a.startsWith('--'));
/** Candidates judged again from their own side. */
const TOP = 10;
/** The query's score where a candidate's own lookup does not hold it. */
const ABSENT = -10;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

const before: number[] = [];
const after: number[] = [];
for (const file of files.length > 0 ? files : DEV_FILES) {
  const articles = applyVariant(readArticles(file), variant);
  const { index, size } = indexedArticles(articles);
  const judged = new Map<number, JudgedCandidate[]>();
  const judgedOf = (docno: number): JudgedCandidate[] => {
    let list = judged.get(docno);
    if (list === undefined) {
      list = index.related(index.docs[docno]!, docno);
      judged.set(docno, list);
    }
    return list;
  };
  /** The candidate's judgement of the query and the other candidates only (--cheap). */
  const judgedAmong = (self: number, query: number, top: readonly JudgedCandidate[]): JudgedCandidate[] => {
    const doc = index.docs[self]!;
    const stats = statsOf(index.window(index.docs[query]!.publishedAt));
    const others = [query, ...top.map((c) => c.docno).filter((d) => d !== self)];
    const weight = new Map<number, number>();
    doc.terms.forEach((term, i) => weight.set(term, (i < doc.titleTermCount ? 1 : 0.5) * stats.idfOf(term) * (doc.anchors.has(term) ? 1.5 : 1)));
    const passScore = (d: MatchDoc): number => [...new Set(d.terms)].reduce((sum, term) => sum + (weight.get(term) ?? 0), 0);
    const ranked = others.map((d) => ({ d, s: passScore(index.docs[d]!) })).sort((x, y) => y.s - x.s || x.d - y.d).map((x) => x.d);
    return judgeCandidates(doc, ranked, new Map(ranked.map((d) => [d, index.docs[d]!])), index.window(index.docs[query]!.publishedAt));
  };
  let n = 0;
  let p5 = 0;
  let p5After = 0;
  for (let docno = 0; docno < articles.length; docno++) {
    const cluster = articles[docno]!.cluster;
    if (!cluster || size.get(cluster)! < 2) continue;
    const mates = size.get(cluster)! - 1;
    n++;
    const ranked = judgedOf(docno);
    const isMate = (c: JudgedCandidate): boolean => articles[c.docno]!.cluster === cluster;
    p5 += ranked.slice(0, 5).filter(isMate).length / Math.min(5, mates);
    const top = ranked.slice(0, TOP);
    const own = top.map((c) => new Map((cheap ? judgedAmong(c.docno, docno, top) : judgedOf(c.docno)).map((x) => [x.docno, x.score])));
    const rescored = top.map((c, i) => {
      let triangle = 0;
      top.forEach((d, j) => {
        if (j !== i) triangle = Math.max(triangle, sigmoid(d.score) * sigmoid(own[i]!.get(d.docno) ?? ABSENT));
      });
      return { c, score: c.score + alpha * triangle + beta * ((own[i]!.get(docno) ?? ABSENT) - c.score) };
    });
    // Reordered among the ten (score, then docno, as judgeCandidates); the rest stay below them.
    rescored.sort((x, y) => y.score - x.score || x.c.docno - y.c.docno);
    const order = [...rescored.map((r) => r.c), ...ranked.slice(TOP)];
    p5After += order.slice(0, 5).filter(isMate).length / Math.min(5, mates);
  }
  before.push(p5 / n);
  after.push(p5After / n);
  console.log(JSON.stringify({ file, variant, alpha, beta, queries: n, p_at_5: round(p5 / n), p_at_5_reordered: round(p5After / n) }));
}
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
console.log(JSON.stringify({ summary: 'macro', variant, alpha, beta, p_at_5: round(mean(before)), p_at_5_reordered: round(mean(after)) }));

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
