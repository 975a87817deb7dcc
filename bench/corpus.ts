/**
 * A deterministic benchmark corpus built from the real records in ../shared/data: the
 * coronavirus and everyday-ai records (with their related lists), the seed, and the UCI
 * headlines. Larger sizes repeat it as later periods (see periods.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecordFile } from '../src/ingest/parse-file';
import { toNewsRecord, type NewsRecord } from '../src/record/record';
import { sharedPath } from '../tests/shared-data';


export function baseRecords(): NewsRecord[] {
  const records: NewsRecord[] = [];
  for (const folder of ['data/smartable/coronavirus', 'data/smartable/everyday-ai']) {
    const dir = sharedPath(folder);
    for (const file of readdirSync(dir).sort()) records.push(...parseRecordFile(file, readFileSync(join(dir, file), 'utf8')).records);
  }
  records.push(...parseRecordFile('seed.txt', readFileSync(sharedPath('data/seed/000_b2c8d397f4e24ccf.txt'), 'utf8')).records);
  for (const line of readFileSync(sharedPath('data/clusters/uci-dev.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { id: string; title: string; url: string | null; provider: unknown; publishedDateTime: string | null; topics: string[] };
    const parsed = toNewsRecord({ title: row.title, webUrl: row.url ?? `https://uci.invalid/${row.id}`, provider: row.provider, publishedDateTime: row.publishedDateTime, topics: row.topics });
    if (parsed.ok) records.push(parsed.record);
  }
  return records;
}

export { corpusOfSize } from './periods';
