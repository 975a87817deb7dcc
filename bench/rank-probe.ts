/**
 * Scratch (session 27, issue 10 ranking): `npx tsx bench/rank-probe.ts OUT.jsonl [--queries N] [--variant V] [FILE...]`
 * dumps, for each asked article with mates of each dev file (in memory: the training harness's index,
 * window and judgement), its first candidates by score with what could reorder them: the
 * mate label, score, decision, a few features, the candidates' cosines with each other (whole
 * text and headlines, in the query's window weights) and where the query stands in each
 * candidate's own first pass over the query's window (reciprocal rank). Read by a script that
 * tries orders offline (bench/RESULTS.md, session 27: none of these orders gained more than 0.0013
 * macro P@5; the model's own view from the candidate's side did, see rank-triangle.ts).
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { firstPass, statsOf } from '../src/related/candidates';
import { FEATURES, type Weighted } from '../src/related/matcher';
import { applyVariant, DEV_FILES, indexedArticles, readArticles, type Variant } from './matcher-corpus';

const args = process.argv.slice(2);
const out = args[0]!;
const qAt = args.indexOf('--queries');
const maxQueries = qAt === -1 ? 600 : Number(args[qAt + 1]);
const vAt = args.indexOf('--variant');
const variant = (vAt === -1 ? 'original' : args[vAt + 1]) as Variant;
const skip = new Set([0, ...[qAt, vAt].filter((i) => i !== -1).flatMap((i) => [i, i + 1])]);
const files = args.filter((_, i) => !skip.has(i));
const TOP = 25;
const at = (name: string): number => FEATURES.indexOf(name as (typeof FEATURES)[number]);
const KEEP = ['similarity', 'headlines', 'forward', 'backward', 'days_apart', 'times_known', 'closer_candidates', 'near_rivals', 'rarest_shared_df', 'shared_count', 'anchors', 'other_language', 'ranking', 'similarity_rank'].map(at);

function cosine(a: Weighted, b: Weighted, titleA = Infinity, titleB = Infinity): number {
  const wa = new Map<number, number>();
  let na = 0;
  for (let i = 0; i < Math.min(a.terms.length, titleA); i++) {
    wa.set(a.terms[i]!, a.values[i]!);
  }
  for (const v of wa.values()) na += v * v;
  const wb = new Map<number, number>();
  let nb = 0;
  for (let i = 0; i < Math.min(b.terms.length, titleB); i++) wb.set(b.terms[i]!, b.values[i]!);
  for (const v of wb.values()) nb += v * v;
  if (na === 0 || nb === 0) return 0;
  let dot = 0;
  for (const [t, v] of wa) {
    const u = wb.get(t);
    if (u !== undefined) dot += v * u;
  }
  return dot / Math.sqrt(na * nb);
}

writeFileSync(out, '');
for (const file of files.length > 0 ? files : DEV_FILES) {
  const articles = applyVariant(readArticles(file), variant);
  const { index, size } = indexedArticles(articles);
  const step = Math.max(1, articles.length / maxQueries);
  const lines: string[] = [];
  for (let i = 0; i < articles.length; i += step) {
    const docno = Math.floor(i);
    const a = articles[docno]!;
    const mates = a.cluster ? size.get(a.cluster)! - 1 : 0;
    if (mates === 0) continue;
    const query = index.docs[docno]!;
    const judged = index.related(query, docno);
    const window = index.window(query.publishedAt);
    const stats = statsOf(window);
    const top = judged.slice(0, TOP);
    const ws = top.map((c) => stats.weighted(index.docs[c.docno]!));
    const qw = stats.weighted(query);
    const cos: number[][] = [];
    const tcos: number[][] = [];
    for (let x = 0; x < top.length; x++) {
      cos.push([]);
      tcos.push([]);
      for (let y = 0; y < top.length; y++) {
        cos[x]!.push(x === y ? 1 : Math.round(1000 * cosine(ws[x]!, ws[y]!)) / 1000);
        tcos[x]!.push(x === y ? 1 : Math.round(1000 * cosine(ws[x]!, ws[y]!, index.docs[top[x]!.docno]!.titleTermCount, index.docs[top[y]!.docno]!.titleTermCount)) / 1000);
      }
    }
    // Where the query stands in each of the first ten candidates' own first pass (same window).
    const qrank = top.slice(0, 10).map((c) => firstPass(index.docs[c.docno]!, window, stats.idfOf, new Set([c.docno])).indexOf(docno));
    const qt = Math.round(1000 * cosine(qw, qw)) / 1000;
    lines.push(
      JSON.stringify({
        f: file,
        v: variant,
        q: a.id,
        m: mates,
        qt,
        c: top.map((c) => [articles[c.docno]!.cluster === a.cluster ? 1 : 0, Math.round(1000 * c.score) / 1000, c.sameStory ? 1 : 0, ...KEEP.map((k) => Math.round(1000 * c.evidence.features[k]!) / 1000)]),
        ids: top.map((c) => articles[c.docno]!.id),
        tq: top.map((c) => Math.round(1000 * cosine(qw, ws[top.indexOf(c)]!, query.titleTermCount, index.docs[c.docno]!.titleTermCount)) / 1000),
        cos,
        tcos,
        qrank,
        nall: judged.length,
        allmates: judged.filter((c) => articles[c.docno]!.cluster === a.cluster).length,
      }),
    );
  }
  appendFileSync(out, lines.join('\n') + '\n');
  console.log(file, variant, lines.length);
}
