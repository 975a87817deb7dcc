import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { termFieldsOf } from '../../../src/store/row-terms';
import { parseRecordFile } from '../../../src/ingest/parse-file';
import type { NewsRecord } from '../../../src/record/record';
import { terms } from '../../../src/index/terms';
import { hitsAsItems, queryTerms, searchStore } from '../../../src/related/search';
import { ArticleStore } from '../../../src/store';
import { hasShared, sharedPath } from '../../shared-data';
import { recordsAt } from '../builders';

const DAY = 86_400_000;
const T0 = Date.parse('2020-05-10T12:00:00Z');

const record = recordsAt(T0);

let store: ArticleStore;
let n = 0;
beforeEach(() => {
  store = new ArticleStore({ name: `search-${++n}` });
});
afterEach(() => store.close());

describe('query terms', () => {
  it('uses the index tokenizer and keeps the words as typed', () => {
    expect(queryTerms('The Tesla loans, in Shanghai!')).toEqual([
      { term: 'tesla', word: 'Tesla' },
      { term: 'loan', word: 'loans' },
      { term: 'shanghai', word: 'Shanghai' },
    ]);
    expect(queryTerms('the of and')).toEqual([]);
  });
});

describe('text search', () => {
  it('finds the articles carrying every word, newest first, months apart (not only recent weeks)', async () => {
    await store.upsertRecords(
      [
        record('Tesla secures loan from Shanghai banks for new factory', 'https://a.example/1', { publishedAt: T0 - 200 * DAY }),
        record("Shanghai's lenders back Tesla with fresh loan", 'https://b.example/2', { publishedAt: T0 }),
        record('Tesla gigafactory in Shanghai', 'https://c.example/3', { publishedAt: T0 - 3 * DAY, excerpt: 'The carmaker took a loan to build it.' }),
        record('Tesla recalls cars in Germany', 'https://d.example/4', { publishedAt: T0 - DAY }),
        record('Shanghai reopens schools', 'https://e.example/5', { publishedAt: T0 - DAY }),
        record('Bank loan rates fall', 'https://f.example/6', { publishedAt: T0 - DAY }),
      ],
      'record',
    );
    const result = await searchStore(store, 'Tesla loan Shanghai');
    const complete = result.hits.filter((hit) => hit.complete).map((hit) => hit.article.url);
    // All three that carry all three words (one only in its excerpt), newest first.
    expect(complete).toEqual(['https://b.example/2', 'https://c.example/3', 'https://a.example/1']);
    expect(result.hits.slice(0, 3).every((hit) => hit.complete)).toBe(true);
    // In the query's order, as the article writes them (without a possessive).
    expect(result.hits[0]!.matched).toEqual(['Tesla', 'loan', 'Shanghai']);
    expect(result.missing).toEqual([]);
    expect(result.exhaustive).toBe(true);
  });

  it('finds the country a query names, whichever way the article and the query write it', async () => {
    await store.upsertRecords(
      [
        record('Malaysia floods displace thousands', 'https://a.example/my', { publishedAt: T0 - DAY }),
        record('Tesla recalls cars in Germany', 'https://b.example/de', { publishedAt: T0 - 2 * DAY }),
        record('United States imposes new tariffs on steel', 'https://c.example/us', { publishedAt: T0 - 3 * DAY }),
        record('Floods close roads in the valley', 'https://d.example/x', { publishedAt: T0 }),
      ],
      'record',
    );
    // A country's whole name is indexed as its region marker (src/index/regions.ts): the query's must be too.
    const malaysia = await searchStore(store, 'Malaysia floods');
    expect(malaysia.missing).toEqual([]);
    expect(malaysia.words).toEqual(['Malaysia', 'floods']);
    expect(malaysia.hits.filter((hit) => hit.complete).map((hit) => hit.article.url)).toEqual(['https://a.example/my']);
    expect(malaysia.hits[0]!.matched).toEqual(['Malaysia', 'floods']);
    const germany = await searchStore(store, 'germany');
    expect(germany.hits.map((hit) => hit.article.url)).toEqual(['https://b.example/de']);
    // As the article writes it.
    expect(germany.hits[0]!.matched).toEqual(['Germany']);
    expect(germany.words).toEqual(['germany']);
    const tariffs = await searchStore(store, 'United States tariffs');
    expect(tariffs.missing).toEqual([]);
    expect(tariffs.hits.filter((hit) => hit.complete).map((hit) => hit.article.url)).toEqual(['https://c.example/us']);
  });

  it('orders equally good matches newest first, and says why each matched', async () => {
    const times = [5, 1, 9, 3, 7].map((d) => T0 - d * DAY);
    await store.upsertRecords(
      times.map((time, i) => record(`Sbarro opens restaurant number ${i}`, `https://sbarro${i}.example/x`, { publishedAt: time })),
      'record',
    );
    await store.upsertRecords([record('Pizza chain closes stores', 'https://other.example/x')], 'record');
    const result = await searchStore(store, 'Sbarro');
    expect(result.hits.map((hit) => hit.article.publishedAt)).toEqual([...times].sort((a, b) => b - a));
    expect(result.hits.every((hit) => hit.matched.join() === 'Sbarro')).toBe(true);
    expect(hitsAsItems(result.hits)[0]!.reasons).toEqual([{ kind: 'mentions', words: ['Sbarro'] }]);
  });

  it('ranks articles with all the words above those with some, and drops weak partial matches', async () => {
    // Filler makes "rates" common and the other words rare.
    await store.upsertRecords(
      Array.from({ length: 30 }, (_, i) => record(`Rates story ${i} about markets`, `https://filler.example/${i}`, { publishedAt: T0 - (i % 20) * DAY })),
      'record',
    );
    await store.upsertRecords(
      [
        record('Riverton ferry fares and rates rise', 'https://r.example/full', { publishedAt: T0 - 100 * DAY }),
        record('Riverton ferry timetable changes', 'https://r.example/two-rare', { publishedAt: T0 }),
        record('Riverton rates debate', 'https://r.example/rare-and-common', { publishedAt: T0 }),
        record('Riverton weather turns', 'https://r.example/one-rare', { publishedAt: T0 }),
      ],
      'record',
    );
    const result = await searchStore(store, 'riverton ferry rates');
    const urls = result.hits.map((hit) => hit.article.url);
    // All three words (though 100 days old), then the two rare ones, then a rare and the common
    // one: rarer words weigh more. One word of three (or only the common one) is too little.
    expect(urls).toEqual(['https://r.example/full', 'https://r.example/two-rare', 'https://r.example/rare-and-common']);
    expect(result.hits.map((hit) => hit.complete)).toEqual([true, false, false]);
    expect(result.hits[2]!.matched).toEqual(['Riverton', 'rates']);
  });

  it('reports words nothing stored carries and searches the others', async () => {
    await store.upsertRecords([record('Harbour library opens on Sundays', 'https://lib.example/a')], 'record');
    const result = await searchStore(store, 'library xyzzyq');
    expect(result.missing).toEqual(['xyzzyq']);
    expect(result.hits.map((hit) => hit.article.url)).toEqual(['https://lib.example/a']);
    expect((await searchStore(store, 'xyzzyq')).hits).toEqual([]);
    expect(await searchStore(store, '  ')).toEqual({ words: [], missing: [], hits: [], exhaustive: true });
  });

  it('honours the limit, and for a very common word reads only the newest weeks', async () => {
    const count = 640;
    // Two a day for most of a year: about 46 weeks.
    const records = Array.from({ length: count }, (_, i) => record(`Virus update number ${i}`, `https://v.example/${i}`, { publishedAt: T0 - i * 12 * 3_600_000 }));
    for (let i = 0; i < records.length; i += 300) await store.upsertRecords(records.slice(i, i + 300), 'record');
    const result = await searchStore(store, 'virus', { limit: 10 });
    expect(result.hits.map((hit) => hit.article.url)).toEqual(Array.from({ length: 10 }, (_, i) => `https://v.example/${i}`));
    expect(result.exhaustive).toBe(false);
    const reads = countReads(store);
    await searchStore(store, 'virus', { limit: 10 });
    // It stops once the newest weeks hold ten matches: a few buckets and ten rows, not 640.
    const buckets = (await store.bucketsNewestFirst()).length;
    expect(buckets).toBeGreaterThan(40);
    expect(reads.buckets).toBeLessThanOrEqual(4);
    expect(reads.rows).toBeLessThanOrEqual(40);
  });
});

/** Counts the index buckets and article rows a search reads. */
function countReads(target: ArticleStore): { buckets: number; rows: number } {
  const counter = { buckets: 0, rows: 0 };
  const segmentsOf = target.segmentsOf.bind(target);
  const articlesByDocno = target.articlesByDocno.bind(target);
  target.segmentsOf = async (bucket) => {
    counter.buckets++;
    return segmentsOf(bucket);
  };
  target.articlesByDocno = async (docnos) => {
    counter.rows += docnos.length;
    return articlesByDocno(docnos);
  };
  return counter;
}

describe.skipIf(!hasShared)('text search over real records (the coronavirus corpus)', () => {
  it('finds every stored article that carries a rare name or a word pair, and nothing that lacks one', async () => {
    const queries = ['Qantas', 'Tesla loan Shanghai', 'Gilead remdesivir'];
    const wanted = new Set(queries.flatMap((query) => queryTerms(query).map((q) => q.term)));
    // Every record that mentions a query word, and every eighth other one as the background
    // that makes words common or rare (the whole corpus would cost this suite 20 s; the speed on
    // all of it is measured by `npm run bench:search`).
    const dir = sharedPath('data/smartable/coronavirus');
    const records: NewsRecord[] = [];
    readdirSync(dir)
      .sort()
      .forEach((file, i) => {
        for (const record of parseRecordFile(file, readFileSync(join(dir, file), 'utf8')).records) {
          if (i % 8 === 0 || terms(`${record.title} ${record.excerpt}`).some((term) => wanted.has(term))) records.push(record);
        }
      });
    for (let i = 0; i < records.length; i += 500) await store.upsertRecords(records.slice(i, i + 500), 'record');
    expect(await store.countArticles()).toBeGreaterThan(800);

    for (const query of queries) {
      const terms_ = queryTerms(query).map((q) => q.term);
      const result = await searchStore(store, query, { limit: 50 });
      const complete = result.hits.filter((hit) => hit.complete);
      expect(complete.length, query).toBeGreaterThan(0);
      for (const hit of complete) {
        const text = `${hit.article.title} ${hit.article.excerpt}`;
        for (const term of terms_) expect(terms(text)).toContain(term);
      }
      const times = complete.map((hit) => hit.article.publishedAt ?? 0);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      // The truth by brute force over the store: every article whose terms carry all the words
      // is found, and nothing is found that lacks one of them.
      const all = await store.db.articles.toArray();
      const found = new Set(complete.map((hit) => hit.article.id));
      const indexed = all.filter((article) => terms_.every((term) => termFieldsOf(article).terms.includes(term)));
      const anywhere = new Set(all.filter((article) => terms_.every((term) => termFieldsOf(article).terms.includes(term))).map((a) => a.id));
      expect(indexed.length).toBeLessThan(50);
      for (const article of indexed) expect(found.has(article.id), `${query}: ${article.title}`).toBe(true);
      for (const id of found) expect(anywhere.has(id)).toBe(true);
    }
  });
});
