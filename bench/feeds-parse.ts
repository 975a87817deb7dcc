/**
 * `npx tsx bench/feeds-parse.ts`: how fast feeds are decoded, parsed and turned into records
 * (the service worker's CPU work per refresh), over every feed in ../shared/data/feeds. Runs in
 * Node (the same V8 as Chromium's service worker); prints per-feed and total times.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFeedBytes } from '../src/feeds/decode';
import { parseFeed } from '../src/feeds/parse-feed';
import { feedItemsToRecords } from '../src/feeds/to-records';
import { hasShared, sharedPath } from '../tests/shared-data';
import { printTable } from './run';

if (!hasShared) {
  console.log('../shared/data/feeds is absent: nothing to measure.');
  process.exit(0);
}
const dir = sharedPath('data/feeds');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { file: string }[];
const feeds = manifest.map((entry) => ({ file: entry.file, bytes: readFileSync(join(dir, entry.file)) }));
const RUNS = 20;

function once(bytes: Uint8Array): number {
  const { text } = decodeFeedBytes(bytes, null);
  try {
    return feedItemsToRecords(parseFeed(text, 'https://feeds.example/feed'), 'https://feeds.example/feed').records.length;
  } catch {
    return 0; // The invalid fixture: its error path is timed too.
  }
}

for (const feed of feeds) once(feed.bytes); // warm up
const rows: Record<string, string | number>[] = [];
let totalMs = 0;
let totalBytes = 0;
let totalItems = 0;
for (const feed of feeds) {
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    items = once(feed.bytes);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  totalMs += median;
  totalBytes += feed.bytes.length;
  totalItems += items;
  rows.push({ feed: feed.file, KB: Math.round(feed.bytes.length / 1024), items, 'median ms': median, 'MB/s': feed.bytes.length / 1024 / 1024 / (median / 1000) });
}
rows.sort((a, b) => (b['median ms'] as number) - (a['median ms'] as number));
printTable(rows.slice(0, 8));
console.log(`\n${feeds.length} feeds, ${Math.round(totalBytes / 1024)} KB, ${totalItems} records: ${totalMs.toFixed(1)} ms in all (median of ${RUNS} runs each), ${(totalBytes / 1024 / 1024 / (totalMs / 1000)).toFixed(1)} MB/s`);
