/**
 * Growing a corpus to a size: the base records repeated as later "periods", each copy with its
 * own URLs and published 5 weeks after the previous one, the way news of similar topics recurs
 * over time. Pure, so Node (queries) and the benchmark page (records) build the same corpus.
 */
import type { NewsRecord } from '../src/record/record';

const PERIOD_MS = 35 * 86_400_000;

function shiftUrl(url: string | undefined, period: number): string | undefined {
  if (url === undefined || period === 0) return url;
  const parsed = new URL(url);
  parsed.pathname = `${parsed.pathname.replace(/\/$/, '')}/p${period}`;
  return parsed.href;
}

function inPeriod(record: NewsRecord, period: number): NewsRecord {
  if (period === 0) return record;
  const copy: NewsRecord = { ...record, related: record.related.map((r) => inPeriod(r, period)) };
  for (const field of ['webUrl', 'originalUrl'] as const) {
    const url = shiftUrl(record[field], period);
    if (url === undefined) delete copy[field];
    else copy[field] = url;
  }
  delete copy.ampWebUrl;
  delete copy.cdnAmpWebUrl;
  if (record.publishedAt !== undefined) copy.publishedAt = record.publishedAt + period * PERIOD_MS;
  return copy;
}

/** The first `size` records of the base corpus repeated over periods. */
export function corpusOfSize(base: readonly NewsRecord[], size: number): NewsRecord[] {
  const out: NewsRecord[] = [];
  for (let period = 0; out.length < size; period++) {
    for (const record of base) {
      if (out.length >= size) break;
      out.push(inPeriod(record, period));
    }
  }
  return out;
}
