/**
 * `npx tsx bench/dev-pairs.ts OUT_DIR [--per-story N] [--max M] [--negatives random|near]`: pair files
 * (../shared/README.md's pair format) made from each dev cluster file, so that `npm run eval` and
 * bench/cosine-reference.ts can measure a store of pairs as held-out pair sets are measured (the
 * store holds only the pairs' articles: sparse, few stories, no crowd around a story).
 *
 * Per story of at least three articles (at most N per story, M "same" pairs a file, stories in a
 * seeded order): a "same" pair of two of its articles, and a "different" pair of the first of them
 * with an article of another story — any article of the file (`random`), or one of the first's ten
 * nearest others by the reference cosine (`near`: the kind of look-alike a judge is shown; chosen by
 * the cosine, so it is a harder test for the cosine than for the engine). Every article is in one
 * pair only. Deterministic: the same files for the same data and flags.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { random as mulberry32 } from '../tests/generate-records';
import { nearestByCosine, textOf, tfidfVectors } from './cosine-reference';
import { DEV_FILES, readArticles, type EvalArticle } from './matcher-corpus';

export type Negatives = 'random' | 'near';

export interface Pair {
  a: EvalArticle;
  b: EvalArticle;
  label: 'same' | 'different';
}

/** A file's pairs: same-story pairs and as many different-story pairs (see the header). */
export function devPairs(articles: readonly EvalArticle[], options: { perStory: number; max: number; negatives: Negatives; seed: number }): Pair[] {
  const random = mulberry32(options.seed);
  const byStory = new Map<string, EvalArticle[]>();
  for (const a of articles) if (a.cluster) byStory.set(a.cluster, [...(byStory.get(a.cluster) ?? []), a]);
  const stories = [...byStory.values()].map((members) => ({ members, key: random() })).sort((x, y) => x.key - y.key).map((s) => s.members);
  const near = options.negatives === 'near' ? nearestByCosine(tfidfVectors(articles.map(textOf)), 10) : [];
  const docno = new Map(articles.map((a, i) => [a.id, i]));
  const used = new Set<string>();
  const pairs: Pair[] = [];
  let same = 0;
  for (const members of stories) {
    const free = members.filter((m) => !used.has(m.id));
    for (let k = 0; k < options.perStory && free.length >= 2 && same < options.max; k++) {
      const a = free.splice(Math.floor(random() * free.length), 1)[0]!;
      const b = free.splice(Math.floor(random() * free.length), 1)[0]!;
      const other = (c: EvalArticle): boolean => c.cluster !== a.cluster && !used.has(c.id) && c.id !== b.id;
      let c: EvalArticle | undefined;
      if (options.negatives === 'near') {
        const looks = near[docno.get(a.id)!]!.map((n) => articles[n.docno]!).filter(other);
        c = looks.length > 0 ? looks[Math.floor(random() * looks.length)] : undefined;
      } else {
        for (let tries = 0; tries < 1000 && c === undefined; tries++) {
          const pick = articles[Math.floor(random() * articles.length)]!;
          if (other(pick)) c = pick;
        }
      }
      if (c === undefined) {
        // No look-alike left for this one: its pair is not made.
        free.push(a, b);
        break;
      }
      for (const x of [a, b, c]) used.add(x.id);
      pairs.push({ a, b, label: 'same' }, { a, b: c, label: 'different' });
      same++;
    }
  }
  return pairs;
}

function main(): void {
  const args = process.argv.slice(2);
  const valueOf = (name: string, fallback: string): string => {
    const i = args.indexOf(name);
    return i === -1 ? fallback : args[i + 1]!;
  };
  const out = args[0];
  if (out === undefined || out.startsWith('--')) {
    console.error('usage: npx tsx bench/dev-pairs.ts OUT_DIR [--per-story N] [--max M] [--negatives random|near]');
    process.exit(2);
  }
  const negatives = valueOf('--negatives', 'random') as Negatives;
  if (negatives !== 'random' && negatives !== 'near') throw new Error('--negatives must be random or near');
  mkdirSync(out, { recursive: true });
  for (const file of DEV_FILES) {
    const pairs = devPairs(readArticles(file), { perStory: Number(valueOf('--per-story', '3')), max: Number(valueOf('--max', '600')), negatives, seed: 12345 });
    writeFileSync(join(out, `pairs-${negatives}-${file}.jsonl`), pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
    console.log(`${file}: ${pairs.length / 2} same, ${pairs.length / 2} different`);
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) main();
