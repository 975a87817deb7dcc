/**
 * Study (session 32): what a further relief of the bar for bare pairs, by how the candidate stands
 * in the query's window, would add, in memory (the harness's first hop, with the engine's bar as it
 * is): per rule and relief, the same-story and different-story pairs it adds in the pair stores of
 * bare headlines (/tmp/q38/pairs, bench/dev-pairs.ts), and the mates, non-mates and singleton
 * queries newly showing something in the dev files' headline-only variant (1,500 queries a file).
 * `npx tsx bench/bare-relief-probe.ts [FILE...]`. "top" is matcher.ts `mutualRelieved` without its
 * crowd and shared-count bounds (bench/RESULTS.md, session 32, for the rules' figures).
 */
import { FEATURES } from '../src/related/matcher';
import { MemoryIndex, toMatchDoc } from '../src/related/memory-index';
import { indexTerms } from '../src/index/terms';
import { readRows, type PairRow } from './eval';
import { applyVariant, candidatesOf, DEV_FILES, publishedAt, readArticles, type EvalArticle } from './matcher-corpus';
import type { JudgedCandidate } from '../src/related/candidates';

const AT = (n: (typeof FEATURES)[number]): number => FEATURES.indexOf(n);
type Rule = { name: string; relief: number; ok: (c: JudgedCandidate) => boolean };
const f = (c: JudgedCandidate, n: (typeof FEATURES)[number]): number => c.evidence.features[AT(n)]!;
const bare = (c: JudgedCandidate): boolean => f(c, 'bare') === 1;
const rules: Rule[] = [];
for (const relief of [1, 1.5, 2]) {
  const top = (c: JudgedCandidate): boolean => bare(c) && f(c, 'similarity_rank') === 0 && f(c, 'closer_candidates') === 0;
  const crowd = (c: JudgedCandidate): number => f(c, 'crowd');
  rules.push({ name: `top`, relief, ok: top });
  rules.push({ name: `top crowd≤12`, relief, ok: (c) => top(c) && crowd(c) <= 12 });
  rules.push({ name: `top crowd≤20`, relief, ok: (c) => top(c) && crowd(c) <= 20 });
  rules.push({ name: `top crowd≤8`, relief, ok: (c) => top(c) && crowd(c) <= 8 });
  rules.push({ name: `top 9≤crowd≤20`, relief, ok: (c) => top(c) && crowd(c) >= 9 && crowd(c) <= 20 });
  rules.push({ name: `all crowd 9–20`, relief, ok: (c) => bare(c) && crowd(c) >= 9 && crowd(c) <= 20 });
  rules.push({ name: `top shared≥2 crowd≤20`, relief, ok: (c) => top(c) && f(c, 'shared_count') >= 2 && crowd(c) <= 20 });
}

interface Tally { add: number[]; addWrong: number[] }
const fresh = (): Tally => ({ add: rules.map(() => 0), addWrong: rules.map(() => 0) });

function tallyQuery(t: Tally, cands: { same: boolean; c: JudgedCandidate }[], only?: (docno: number) => 'same' | 'different' | undefined): void {
  for (const [k, r] of rules.entries()) {
    for (const { same, c } of cands) {
      if (c.sameStory || c.margin < -r.relief || !r.ok(c)) continue;
      if (c.evidence.features[AT('name_conflict')] === 2 && c.evidence.features[AT('shared_count')]! <= 2) continue;
      const label = only ? only(c.docno) : same ? 'same' : 'different';
      if (label === undefined) continue;
      if (label === 'same') t.add[k]!++;
      else t.addWrong[k]!++;
    }
  }
}

const pairDir = '/tmp/q38/pairs';
for (const kind of ['random', 'near']) {
  const t = fresh();
  let sames = 0;
  for (const file of DEV_FILES) {
    const pairs = (readRows(`${pairDir}/pairs-${kind}-${file}.jsonl`) as PairRow[]).map((p) => ({ ...p, a: applyVariant([p.a], 'headline-only')[0]!, b: applyVariant([p.b], 'headline-only')[0]! }));
    const unique = new Map<string, EvalArticle>();
    for (const p of pairs) for (const a of [p.a, p.b]) unique.set(a.id, a);
    const articles = [...unique.values()];
    const docno = new Map(articles.map((a, i) => [a.id, i]));
    const index = new MemoryIndex();
    for (const a of articles) index.add(toMatchDoc({ ...indexTerms(a.title, a.excerpt ?? '', a.lang), publishedAt: publishedAt(a) }));
    const byQuery = new Map<number, Map<number, 'same' | 'different'>>();
    for (const p of pairs) {
      const i = docno.get(p.a.id)!;
      if (!byQuery.has(i)) byQuery.set(i, new Map());
      byQuery.get(i)!.set(docno.get(p.b.id)!, p.label);
      if (p.label === 'same') sames++;
    }
    for (const [i, labels] of byQuery) {
      const judged = index.related(index.docs[i]!, i);
      tallyQuery(t, judged.map((c) => ({ same: false, c })), (d) => labels.get(d));
    }
  }
  console.log(`\npairs ${kind} (${sames} same pairs): rule relief: +same / +different`);
  for (const [k, r] of rules.entries()) console.log(`  ${r.name} −${r.relief}: +${t.add[k]} / +${t.addWrong[k]}`);
}

// Headline-only dev files: mates and non-mates added, and singleton queries that would show something new.
const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : DEV_FILES;
for (const file of files) {
  const articles = applyVariant(readArticles(file), 'headline-only');
  const queries = candidatesOf(articles, 1500);
  const t = fresh();
  const singles = rules.map(() => 0);
  let singletonQueries = 0;
  for (const q of queries) {
    tallyQuery(t, q.candidates);
    if (q.mates === 0) {
      singletonQueries++;
      const alreadyShown = q.candidates.some((x) => x.c.sameStory);
      if (!alreadyShown) for (const [k, r] of rules.entries()) if (q.candidates.some((x) => !x.c.sameStory && x.c.margin >= -r.relief && r.ok(x.c) && !(f(x.c, 'name_conflict') === 2 && f(x.c, 'shared_count') <= 2))) singles[k]!++;
    }
  }
  const shownNow = queries.reduce((s, q) => s + q.candidates.filter((x) => x.c.sameStory).length, 0);
  const rightNow = queries.reduce((s, q) => s + q.candidates.filter((x) => x.c.sameStory && x.same).length, 0);
  console.log(`\n${file} headline-only (${queries.length} queries, ${singletonQueries} singletons; shown now ${shownNow}, right ${rightNow}): +mates / +non-mates / +singleton queries showing`);
  for (const [k, r] of rules.entries()) console.log(`  ${r.name} −${r.relief}: +${t.add[k]} / +${t.addWrong[k]} / +${singles[k]}`);
}
