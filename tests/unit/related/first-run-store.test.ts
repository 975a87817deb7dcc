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
import { ArticleStore } from '../../../src/store';

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
    expect(urls).toEqual(
      expect.arrayContaining([
        'https://riverton-gazette.example/news/council-backs-main-street-bike-lanes',
        'https://metro-cycling.example/riverton-main-street-protected-lanes',
        'https://river-valley-news.example/riverton-bike-lanes-approved',
      ]),
    );
    expect(urls).not.toContain('https://riverton-gazette.example/life/main-street-bakery-award');
    expect(urls).not.toContain('https://riverton-daily.example/education/school-board-budget-delay');
    for (const item of result.items) expect(item.reasons.some((r) => r.kind === 'same-story')).toBe(true);
  });
});
