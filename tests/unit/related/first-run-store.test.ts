/**
 * A new user's store is a few articles, not a dev file's thousands: the fixture records (one
 * story from four outlets, and other Riverton news that shares its words) must still find the
 * story's coverage for a page the store does not hold — what the real-browser tests check
 * through the popup (tests/e2e/first-slice.test.ts), here in Node against the same store.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRecordFile } from '../../../src/ingest/parse-file';
import { findRelated } from '../../../src/related/find-related';
import { toNewsRecord } from '../../../src/record/record';
import { ArticleStore } from '../../../src/store';
import { expectBikeLanesCoverage } from './first-run-expectations';

const RECORDS_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'records');

let store: ArticleStore;
let n = 0;
beforeEach(async () => {
  store = new ArticleStore({ name: `first-run-${++n}` });
  const records = readdirSync(RECORDS_DIR).flatMap((file) => parseRecordFile(file, readFileSync(join(RECORDS_DIR, file), 'utf8')).records);
  await store.upsertRecords(records, 'record');
});
afterEach(() => store.close());

describe('a store of a few articles', () => {
  it('shows the other outlets of the story for a page it does not hold, and not the news that shares words', async () => {
    // The metadata of tests/fixtures/pages/bike-lanes.html, as the content script reports it.
    const result = await findRelated(store, {
      urls: ['https://riverton-daily.example/local/council-approves-bike-lanes'],
      title: 'Riverton council approves protected bike lanes on Main Street',
      excerpt: "Riverton's city council voted 7-2 on Tuesday to build protected bike lanes along Main Street, removing 140 parking spaces.",
      publishedAt: Date.parse('2024-05-14T18:30:00Z'),
    });
    const urls = result.items.map((item) => item.article.url);
    expectBikeLanesCoverage(urls);
    for (const item of result.items) expect(item.reasons.some((r) => r.kind === 'same-story')).toBe(true);
  });
});

describe('a story that gains coverage', () => {
  it('keeps showing its weaker coverage when a stronger article of the story arrives', async () => {
    // What the real-browser badge test does (tests/e2e/badge.test.ts): the page read (stored),
    // two outlets' records, then a feed brings a third outlet's article on the same vote. A model
    // leaning on how a candidate stands against the others dropped the two records' weaker
    // articles below the bar when the stronger one came, so the count did not grow.
    const small = new ArticleStore({ name: `gaining-${++n}` });
    const page = {
      title: 'Riverton council approves protected bike lanes on Main Street',
      excerpt: "Riverton's city council voted 7-2 on Tuesday to build protected bike lanes along Main Street, removing 140 parking spaces between the station and the river bridge.",
      webUrl: 'https://riverton-daily.example/local/council-approves-bike-lanes',
      publishedDateTime: '2024-05-14T18:30:00Z',
      lang: 'en',
    };
    const feedEntry = {
      title: "Protected bike lanes coming to Riverton's Main Street after council vote",
      excerpt: "The council's 7-2 vote means protected bike lanes on Main Street and 140 fewer parking spaces.",
      webUrl: 'https://valley-voice.example/stories/2024/riverton-bike-lanes',
      publishedDateTime: '2024-05-15T07:30:00+02:00',
    };
    const record = (fields: Parameters<typeof toNewsRecord>[0]) => {
      const parsed = toNewsRecord(fields);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.record;
    };
    try {
      await small.upsertRecords(['riverton-gazette-bike-lanes.md', 'metro-cycling-bike-lanes.md'].flatMap((file) => parseRecordFile(file, readFileSync(join(RECORDS_DIR, file), 'utf8')).records), 'record');
      await small.upsertRecords([record({ ...page, topics: [] })], 'page');
      const ask = async (): Promise<string[]> => (await findRelated(small, { urls: [page.webUrl], title: page.title, excerpt: page.excerpt, publishedAt: Date.parse(page.publishedDateTime), lang: 'en' }, { cache: false })).items.map((item) => item.article.url);
      const before = await ask();
      expect(before).toEqual(expect.arrayContaining(['https://riverton-gazette.example/news/council-backs-main-street-bike-lanes', 'https://metro-cycling.example/riverton-main-street-protected-lanes']));
      await small.upsertRecords([record({ ...feedEntry, topics: [] })], 'feed');
      const after = await ask();
      expect(after).toEqual(expect.arrayContaining([...before, feedEntry.webUrl]));
    } finally {
      small.close();
    }
  });
});
