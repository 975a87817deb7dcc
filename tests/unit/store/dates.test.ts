import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleStore, readArticleAges, type StoredArticle } from '../../../src/store';
import { articleTimes } from '../../../src/store/dates';
import { termFieldsOf } from '../../../src/store/row-terms';
import { newsRecord } from '../builders';

const DAY = 86_400_000;
const T = Date.parse('2024-03-01T12:00:00Z');

let store: ArticleStore;
let counter = 0;
beforeEach(() => {
  store = new ArticleStore({ name: `dates-test-${++counter}` });
});
afterEach(() => store.close());

/** 60 articles over three weeks, several at the same instant (ties), some undated, one without
 * index terms; stored in three batches so the buckets hold several segments. */
async function fill(): Promise<StoredArticle[]> {
  const records = Array.from({ length: 60 }, (_, i) =>
    newsRecord({
      title: `Harbour strike talks ${i % 7} resume in port ${i}`,
      webUrl: `https://o${i % 5}.example/news/${i}`,
      ...(i % 9 === 4 ? {} : { publishedAt: T - Math.floor(i / 3) * DAY - (i % 2) * 3_600_000 }),
    }),
  );
  records.push(newsRecord({ title: 'the of and', excerpt: '', webUrl: 'https://o9.example/bare', publishedAt: T - 2 * DAY }));
  for (let i = 0; i < records.length; i += 25) await store.upsertRecords(records.slice(i, i + 25), 'record', { now: T - 40 * DAY + i * 1000 });
  const rows = await store.db.articles.toArray();
  expect(rows.some((row) => termFieldsOf(row).terms.length === 0)).toBe(true);
  return rows;
}

/** What a date index over every row gave: dated rows in [from, to], newest first, ties by id descending. */
function byRows(rows: readonly StoredArticle[], from: number, to: number, limit: number): string[] {
  return rows
    .filter((row) => row.publishedAt !== undefined && row.publishedAt >= from && row.publishedAt <= to && termFieldsOf(row).terms.length > 0)
    .sort((a, b) => b.publishedAt! - a.publishedAt! || (a.id < b.id ? 1 : -1))
    .slice(0, limit)
    .map((row) => row.id);
}

/** Segments as a store of version 5 or 6 kept them until the `forward-data-v7` step (no forward data),
 * for every other bucket; the rest keep theirs. */
async function dropSomeForwardData(): Promise<void> {
  const segments = await store.db.segments.toArray();
  const buckets = [...new Set(segments.map((s) => s.bucket))].sort();
  const stripped = new Set(buckets.filter((_, i) => i % 2 === 0));
  await store.db.segments.bulkPut(segments.filter((s) => stripped.has(s.bucket)).map(({ forward: _forward, ...rest }) => rest));
}

describe('articles by publication time, from the index', () => {
  for (const legacy of [false, true]) {
    const label = legacy ? ' (half the buckets without forward data)' : '';
    it(`articlesPublishedBetween: as a date index gave them, ties at the limit by id${label}`, async () => {
      const rows = await fill();
      if (legacy) await dropSomeForwardData();
      // A limit that falls inside a tie (two articles at the same instant): which one is in is decided by id.
      const week = byRows(rows, T - 7 * DAY, T, 3000).map((id) => rows.find((row) => row.id === id)!.publishedAt);
      const tie = week.findIndex((time, i) => i > 0 && time === week[i - 1]);
      expect(tie).toBeGreaterThan(0);
      for (const [from, to, limit] of [
        [T - 7 * DAY, T, tie],
        [T - 7 * DAY, T, 3000],
        [T - 7 * DAY, T, 5],
        [T - 7 * DAY, T, 6],
        [T - 12 * DAY, T - 3 * DAY, 4],
        [T - 100 * DAY, T + DAY, 17],
        [T + DAY, T + 9 * DAY, 10],
      ] as const) {
        const got = (await store.articlesPublishedBetween(from, to, limit)).map((row) => row.id);
        expect(got, `${from} ${to} ${limit}`).toEqual(byRows(rows, from, to, limit));
      }
    });

    it(`newestPublishedAt: the newest dated indexed article${label}`, async () => {
      const rows = await fill();
      if (legacy) await dropSomeForwardData();
      expect(await store.newestPublishedAt()).toBe(Math.max(...rows.flatMap((row) => (row.publishedAt === undefined ? [] : [row.publishedAt]))));
      // Removing the newest leaves the next: the index follows deletions.
      const newest = rows.filter((row) => row.publishedAt === T).map((row) => row.id);
      await store.deleteArticles(newest);
      expect(await store.newestPublishedAt()).toBe(T - 3_600_000);
    });

    it(`retention's ages: every article, its publication time else its stored time${label}`, async () => {
      const rows = await fill();
      if (legacy) await dropSomeForwardData();
      const times = await store.db.transaction('r', store.db.articles, store.db.segments, store.db.meta, () => articleTimes(store.db));
      expect(new Map([...times].sort())).toEqual(new Map(rows.map((row) => [row.id, row.publishedAt ?? row.addedAt] as const).sort()));
      expect((await readArticleAges(store)).length).toBe(rows.length);
    });
  }

  it('an empty store: nothing, no time', async () => {
    expect(await store.newestPublishedAt()).toBeUndefined();
    expect(await store.articlesPublishedBetween(T - DAY, T, 10)).toEqual([]);
    expect(await readArticleAges(store)).toEqual([]);
  });
});
