/**
 * Scratch: how many distinct index terms of the cluster files share a 32-bit term hash (the
 * matcher compares terms by hash since issue 15; the postings always did). `tsx bench/term-collisions.ts FILE...`
 */
import { indexTerms, termHash } from '../src/index/terms';
import { readRows } from './eval';
import type { EvalArticle } from './matcher-corpus';

const byHash = new Map<number, Set<string>>();
let articles = 0;
for (const file of process.argv.slice(2)) {
  for (const a of readRows(file) as EvalArticle[]) {
    articles++;
    for (const term of indexTerms(a.title, a.excerpt ?? '', a.lang).terms) {
      const hash = termHash(term);
      const set = byHash.get(hash) ?? new Set<string>();
      set.add(term);
      byHash.set(hash, set);
    }
  }
}
const terms = [...byHash.values()].reduce((n, s) => n + s.size, 0);
const collisions = [...byHash.values()].filter((s) => s.size > 1).map((s) => [...s]);
console.log(JSON.stringify({ articles, distinctTerms: terms, expectedCollidingPairs: (terms * (terms - 1)) / 2 / 2 ** 32, collidingHashes: collisions.length, examples: collisions.slice(0, 10) }));
