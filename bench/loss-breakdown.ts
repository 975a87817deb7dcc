/**
 * `npx tsx bench/loss-breakdown.ts [--queries N] [--examples] [FILE...]`: where each dev file's shown recall
 * and P@5 are lost, in memory (the training harness's index, window and judgement). Every true
 * mate of an asked article lands in one place: outside the query's window, in the window but
 * sharing no index term, sharing terms but not among the first pass's candidates, a candidate
 * scored under the show threshold, blocked by the different-subjects rule, above the threshold
 * but past the 20 shown, or shown (in the harness's units: each mate once; `shown_recall` in the
 * metric's). Under the threshold splits in two: `below_threshold_outranked` (a non-mate scores
 * higher: the ranking lost it, no threshold shows it without a wrong item first) and
 * `below_threshold_top` (only mates above it: the decision alone refused it). `--variant V` measures a
 * robustness variant (no-date, lowercase, no-excerpt); `--model FILE` another model than the committed one. Also: the top five's misses by language, the P@5 the candidates allow
 * (`p_at_5_ceiling`), and false positives shown (same day, other language; `--examples` prints some).
 */
import { bucketOf, bucketsFor, newestWeeks, UNDATED_REACH } from '../src/index/buckets';
import { indexTerms } from '../src/index/terms';
import { readFileSync } from 'node:fs';
import { differentSubjects, FEATURES, useModel, type TreeModel } from '../src/related/matcher';
import { applyVariant, candidatesOf, DEV_FILES, publishedAt, readArticles, type EvalArticle, type Variant } from './matcher-corpus';

const args = process.argv.slice(2);
const at = args.indexOf('--queries');
const maxQueries = at === -1 ? 1500 : Number(args[at + 1]);
const variantAt = args.indexOf('--variant');
const variant = (variantAt === -1 ? 'original' : args[variantAt + 1]) as Variant;
const modelAt = args.indexOf('--model');
if (modelAt !== -1) useModel(JSON.parse(readFileSync(args[modelAt + 1]!, 'utf8')) as TreeModel);
const valueAt = new Set([at, variantAt, modelAt].filter((i) => i !== -1).map((i) => i + 1));
const files = args.filter((a, i) => !a.startsWith('--') && !valueAt.has(i));
const DAYS = FEATURES.indexOf('days_apart');
const LANG = FEATURES.indexOf('other_language');

for (const file of files.length > 0 ? files : DEV_FILES) {
  const articles = applyVariant(readArticles(file), variant);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const byCluster = new Map<string, EvalArticle[]>();
  for (const a of articles) if (a.cluster) byCluster.set(a.cluster, [...(byCluster.get(a.cluster) ?? []), a]);
  const allBuckets = [...new Set(articles.map((a) => bucketOf(publishedAt(a))))];
  // The dated weeks an undated query reads, as the engine picks them (MemoryIndex, engine.ts).
  const dates = articles.flatMap((a) => publishedAt(a) ?? []).sort((x, y) => y - x);
  const undatedWeeks = newestWeeks(allBuckets, dates.length >= UNDATED_REACH ? bucketOf(dates[UNDATED_REACH - 1]) : undefined);
  const termsOf = new Map<string, Set<string>>();
  const terms = (a: EvalArticle): Set<string> => {
    let t = termsOf.get(a.id);
    if (t === undefined) {
      t = new Set(indexTerms(a.title, a.excerpt ?? '', a.lang).terms);
      termsOf.set(a.id, t);
    }
    return t;
  };
  const queries = candidatesOf(articles, maxQueries);
  const loss = { mates: 0, outOfWindow: 0, noSharedTerm: 0, notInFirstPass: 0, belowThreshold: 0, outranked: 0, blocked: 0, past20: 0, shown: 0 };
  const crossLang = { mates: 0, noSharedTerm: 0, shown: 0 };
  const langOf = new Map<string, string>();
  const lang = (a: EvalArticle): string => {
    let l = langOf.get(a.id);
    if (l === undefined) {
      l = indexTerms(a.title, a.excerpt ?? '', a.lang).lang ?? '?';
      langOf.set(a.id, l);
    }
    return l;
  };
  // Recall in the metric's units (a query's hits over min(20, mates)), and the top five's misses.
  let recall = 0;
  const top5Wrong = { total: 0, otherLanguage: 0 };
  const fp = { shown: 0, wrong: 0, sameDay: 0, otherLang: 0 };
  const fpExamples: string[] = [];
  let p5 = 0, p5Reachable = 0, n = 0;
  for (const q of queries) {
    if (q.mates === 0 || q.cluster === null) continue;
    n++;
    const query = byId.get(q.id)!;
    const window = new Set(bucketsFor(publishedAt(query), undatedWeeks));
    const ranked = [...q.candidates].sort((a, b) => b.c.score - a.c.score);
    const shownIds = new Set<string>();
    let count = 0;
    for (const x of ranked) {
      if (count >= 20) break;
      if (!x.c.sameStory) continue;
      count++;
      shownIds.add(x.id);
      if (!x.same) {
        fp.wrong++;
        if (x.c.evidence.features[DAYS] === 0) fp.sameDay++;
        if (x.c.evidence.features[LANG] === 1) fp.otherLang++;
        if (fpExamples.length < 8 && q.id.length % 3 === 0 && args.includes('--examples')) fpExamples.push(`${x.c.score.toFixed(2)} "${query.title}" ~ "${byId.get(x.id)!.title}"`);
      }
    }
    fp.shown += count;
    const byCand = new Map(q.candidates.map((x) => [x.id, x]));
    const mates = byCluster.get(q.cluster)!.filter((m) => m.id !== q.id);
    let reachable = 0;
    for (const m of mates) {
      loss.mates++;
      const other = lang(query) !== lang(m);
      if (other) crossLang.mates++;
      const cand = byCand.get(m.id);
      if (!window.has(bucketOf(publishedAt(m)))) loss.outOfWindow++;
      else if (![...terms(query)].some((t) => terms(m).has(t))) {
        loss.noSharedTerm++;
        if (other) crossLang.noSharedTerm++;
      } else if (cand === undefined) loss.notInFirstPass++;
      else if (shownIds.has(m.id)) {
        loss.shown++;
        reachable++;
        if (other) crossLang.shown++;
      } else {
        reachable++;
        // Under its bar as the engine sets it (the margin: reliefs and the ages rule included).
        if (cand.c.margin < 0) {
          loss.belowThreshold++;
          if (q.candidates.some((x) => !x.same && x.c.score > cand.c.score)) loss.outranked++;
        }
        else if (differentSubjects(cand.c.evidence.features)) loss.blocked++;
        else loss.past20++;
      }
    }
    const top = ranked.slice(0, 5).filter((x) => x.same).length;
    recall += Math.min(20, mates.filter((m) => shownIds.has(m.id)).length) / Math.min(20, q.mates);
    for (const x of ranked.slice(0, Math.min(5, q.mates))) {
      if (x.same) continue;
      top5Wrong.total++;
      if (lang(byId.get(x.id)!) !== lang(query)) top5Wrong.otherLanguage++;
    }
    p5 += top / Math.min(5, q.mates);
    p5Reachable += Math.min(5, reachable) / Math.min(5, q.mates);
  }
  const share = (v: number): number => Math.round((1000 * v) / Math.max(1, loss.mates)) / 1000;
  console.log(
    JSON.stringify({
      file,
      variant,
      queries: n,
      mates: loss.mates,
      out_of_window: share(loss.outOfWindow),
      no_shared_term: share(loss.noSharedTerm),
      not_in_first_pass: share(loss.notInFirstPass),
      below_threshold: share(loss.belowThreshold),
      below_threshold_outranked: share(loss.outranked),
      below_threshold_top: share(loss.belowThreshold - loss.outranked),
      blocked: share(loss.blocked),
      past_20: share(loss.past20),
      shown: share(loss.shown),
      cross_language: crossLang,
      shown_recall: Math.round((1000 * recall) / n) / 1000,
      top5_wrong: top5Wrong,
      p_at_5: Math.round((1000 * p5) / n) / 1000,
      p_at_5_ceiling: Math.round((1000 * p5Reachable) / n) / 1000,
      false_shown: fp,
    }),
  );
  for (const e of fpExamples) console.log('  FP ' + e);
}
