/**
 * `npm run bench:search`: how long a text search (src/related/search.ts) takes on the 6,241-record
 * coronavirus corpus, in Node over fake-indexeddb (a pure-JS, in-memory IndexedDB: no IPC or
 * disk, but slower per row; Chromium's numbers differ either way). Each query runs once cold
 * (first after the import) and then `--runs` times; prints median and max, and how many article
 * rows each search read (the part that grows with the store).
 */
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecordFile } from '../src/ingest/parse-file';
import type { NewsRecord } from '../src/record/record';
import { searchStore } from '../src/related/search';
import { ArticleStore } from '../src/store';
import { sharedPath } from '../tests/shared-data';
import { printTable } from './run';

const QUERIES = ['Qantas', 'Tesla loan Shanghai', 'Gilead remdesivir', 'Sweden lockdown', 'vaccine trial results', 'coronavirus', 'xyzzy'];

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at === -1 ? NaN : Number(process.argv[at + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const runs = option('--runs', 20);
  const dir = sharedPath('data/smartable/coronavirus');
  const records: NewsRecord[] = [];
  for (const file of readdirSync(dir).sort()) records.push(...parseRecordFile(file, readFileSync(join(dir, file), 'utf8')).records);
  const store = new ArticleStore({ name: 'bench-search' });
  for (let i = 0; i < records.length; i += 500) await store.upsertRecords(records.slice(i, i + 500), 'record');
  console.log(`${records.length} records → ${await store.countArticles()} stored articles; ${runs} runs per query`);

  let rowsRead = 0;
  const getArticles = store.getArticles.bind(store);
  store.getArticles = (ids) => {
    rowsRead += ids.length;
    return getArticles(ids);
  };

  const rows: Record<string, string | number>[] = [];
  for (const query of QUERIES) {
    rowsRead = 0;
    let started = performance.now();
    const first = await searchStore(store, query);
    const cold = performance.now() - started;
    const rowsPerSearch = rowsRead;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      await searchStore(store, query);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    rows.push({
      query,
      hits: first.hits.length,
      complete: first.hits.filter((hit) => hit.complete).length,
      'rows read': rowsPerSearch,
      'cold ms': cold,
      'median ms': times[Math.floor(times.length / 2)]!,
      'max ms': times.at(-1)!,
    });
  }
  printTable(rows);
  store.close();
}

await main();
