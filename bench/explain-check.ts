/**
 * `npx tsx bench/explain-check.ts [FILE…|--all]`: what the popup shows for every article of each
 * dev file — items, their reasons (the shared words: find-related.ts explainTerms), "also in",
 * scores — asked of the store as it is written now (rows without index terms: the words found from
 * the text), then of the same store with every row given back its index fields as stores before
 * `drop-row-terms` kept them (the words looked up in the row's terms, as the code before did).
 * Prints, per file, how many queries and reasons were compared and how many differ (with the
 * first few differences). Every lookup without the cache, so each reads the rows as they are.
 */
import 'fake-indexeddb/auto';
import { findRelated } from '../src/related/find-related';
import { indexFields } from '../src/store/merge';
import { storeEvalArticles } from './eval';
import { DEV_FILES, readArticles } from './matcher-corpus';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const files = args.includes('--all') || args.length === 0 ? DEV_FILES : args;
  let differing = 0;
  for (const file of files) {
    const articles = readArticles(file);
    const { store, urlOf } = await storeEvalArticles(articles, `explain-${file}-${Date.now()}`);
    const ask = async (): Promise<string[]> => {
      const out: string[] = [];
      for (const a of articles) {
        const result = await findRelated(store, { urls: [urlOf.get(a.id)!], title: a.title, excerpt: a.excerpt ?? '' }, { cache: false });
        out.push(JSON.stringify(result.items.map((item) => [item.article.url, item.score, item.reasons, item.alsoIn.map((o) => o.url)])));
      }
      return out;
    };
    const rows = await store.db.articles.toArray();
    const withoutTerms = rows.filter((row) => row.terms === undefined).length;
    const now = await ask();
    await store.db.articles.bulkPut(
      rows.map((row) => {
        const { terms, titleTermCount, anchors } = indexFields(row.title, row.excerpt, row.lang);
        return { ...row, terms, titleTermCount, anchors };
      }),
    );
    const before = await ask();
    const diffs = now.map((answer, i) => [articles[i]!.id, answer, before[i]!] as const).filter(([, x, y]) => x !== y);
    const reasons = now.reduce((n, answer) => n + (JSON.parse(answer) as [string, number, { terms?: string[] }[]][]).reduce((m, item) => m + item[2].filter((r) => (r.terms ?? []).length > 0).length, 0), 0);
    console.log(JSON.stringify({ file, articles: articles.length, rowsWithoutTerms: withoutTerms, queries: now.length, reasonsWithWords: reasons, differ: diffs.length }));
    for (const [id, x, y] of diffs.slice(0, 3)) console.log(`  ${id}\n    now:    ${x.slice(0, 600)}\n    before: ${y.slice(0, 600)}`);
    differing += diffs.length;
    store.close();
  }
  if (differing > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
