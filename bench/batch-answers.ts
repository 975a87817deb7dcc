/**
 * Do a store's lookup answers depend on the batches it was imported in? The bench corpus ingested
 * twice through the import's writer (Node, fake-indexeddb), in batches of A and of B records, then
 * the engine bench's queries asked of both (shown items and the full ranking, ids and scores).
 * Docnos are given per batch, so an article stored again in a later batch is numbered otherwise,
 * and exact ties (broken by docno) may order otherwise; everything else must be equal.
 * `npx tsx bench/batch-answers.ts [SIZE=10000] [A=300] [B=2000] [QUERIES=300]`
 */
import 'fake-indexeddb/auto';
import { baseRecords, corpusOfSize } from './corpus';
import { queriesFor } from './engine.bench';
import { BatchWriter } from '../src/ingest/batch-writer';
import { findRelated } from '../src/related/find-related';
import { ArticleStore } from '../src/store';

const [size, a, b, count] = [10_000, 300, 2_000, 300].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [number, number, number, number];
const records = corpusOfSize(baseRecords(), size);

async function ingest(batch: number): Promise<ArticleStore> {
  const store = new ArticleStore({ name: `batch-answers-${batch}-${Date.now()}` });
  const writer = new BatchWriter<undefined>(store, { origin: 'record', settled: (outcome) => { if (!outcome.ok) throw outcome.error; } });
  for (let i = 0; i < records.length; i += batch) await writer.write(records.slice(i, i + batch), undefined);
  await writer.finish();
  return store;
}

const [storeA, storeB] = [await ingest(a), await ingest(b)];
let shownSame = 0;
let shownSameSet = 0;
let rankingSame = 0;
let rankingSameSet = 0;
const queries = queriesFor(records, count);
for (const query of queries) {
  const [x, y] = [await findRelated(storeA, query, { withRanking: true, cache: false }), await findRelated(storeB, query, { withRanking: true, cache: false })];
  const shown = (r: typeof x): string[] => r.items.map((item) => `${item.article.id}:${item.score}`);
  const ranking = (r: typeof x): string[] => r.ranking!.map((item) => `${item.id}:${item.score}`);
  if (JSON.stringify(shown(x)) === JSON.stringify(shown(y))) shownSame++;
  if (JSON.stringify(shown(x).sort()) === JSON.stringify(shown(y).sort())) shownSameSet++;
  if (JSON.stringify(ranking(x)) === JSON.stringify(ranking(y))) rankingSame++;
  if (JSON.stringify(ranking(x).sort()) === JSON.stringify(ranking(y).sort())) rankingSameSet++;
  else if (process.env.SHOW_DIFF) {
    const [rx, ry] = [new Set(ranking(x)), new Set(ranking(y))];
    console.log(JSON.stringify({ title: query.title.slice(0, 60), sizes: [rx.size, ry.size], onlyA: [...rx].filter((k) => !ry.has(k)), onlyB: [...ry].filter((k) => !rx.has(k)) }));
  }
}
const articles = [await storeA.countArticles(), await storeB.countArticles()];
// The stored articles apart from their numbering and the times they were stored: the same?
const comparable = async (store: ArticleStore): Promise<Map<string, string>> => new Map((await store.db.articles.toArray()).map(({ docno: _docno, addedAt: _addedAt, updatedAt: _updatedAt, ...rest }) => [rest.id, JSON.stringify(rest)]));
const [rowsA, rowsB] = [await comparable(storeA), await comparable(storeB)];
if (process.env.SHOW_DIFF) {
  const id = [...rowsA.keys()].find((key) => rowsA.get(key) !== rowsB.get(key));
  if (id !== undefined) {
    const [x, y] = [JSON.parse(rowsA.get(id)!) as Record<string, unknown>, JSON.parse(rowsB.get(id) ?? '{}') as Record<string, unknown>];
    console.log(id, Object.keys({ ...x, ...y }).filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k])).map((k) => [k, x[k], y[k]]));
  }
}
const rowsDiffer = [...rowsA].filter(([id, row]) => rowsB.get(id) !== row).length + [...rowsB.keys()].filter((id) => !rowsA.has(id)).length;
console.log(JSON.stringify({ size, batches: [a, b], articles, rowsDiffer, queries: queries.length, shownSame, shownSameAsSet: shownSameSet, rankingSame, rankingSameAsSet: rankingSameSet }));
