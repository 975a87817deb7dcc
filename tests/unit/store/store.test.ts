import { postingsOf } from '../../../src/index/segments';
import { termHash } from '../../../src/index/terms';
import { termFieldsOf } from '../../../src/store/row-terms';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleStore } from '../../../src/store';
import { newsRecord } from '../builders';

const record = newsRecord;

let store: ArticleStore;
let counter = 0;
beforeEach(() => {
  store = new ArticleStore({ name: `store-test-${++counter}` });
});
afterEach(async () => {
  store.close();
});

describe('ArticleStore.upsertRecords', () => {
  const seedLike = record({
    title: 'China homegrown AI chip development proceeding despite US ban',
    excerpt: "China's chipmaking industry continues to advance",
    originalUrl: 'https://www.digitimes.com/news/a20231023PD228/chips.html',
    webUrl: 'https://www.digitimes.com/news/a20231023PD228/chips.html',
    provider: { name: 'Digi Times', domain: 'digitimes.com' },
    topics: ['AI Hardware', 'AI'],
    publishedAt: Date.parse('2023-10-24T01:41:00Z'),
    secured: 'opaque==',
    related: [
      record({ title: 'Chloe Wang optimistic about US ban', webUrl: 'https://www.caledonianrecord.com/news/chloe-wang.html', provider: { name: 'The Caledonian Record', domain: 'caledonianrecord.com' } }),
      record({ title: 'FPT partners with Landing AI', webUrl: 'https://www.businesswireindia.com/fpt-87135.html' }),
    ],
  });

  it('stores a record and its related entries as linked articles', async () => {
    const result = await store.upsertRecords([seedLike], 'record');
    expect(result.outcomes).toEqual(['created']);
    expect(result.relatedCreated).toBe(2);
    expect(await store.countArticles()).toBe(3);
    const article = await store.getArticle(result.ids[0]!);
    expect(article).toMatchObject({ title: seedLike.title, origin: 'record', domain: 'digitimes.com', topics: ['AI Hardware', 'AI'] });
    expect(article!.record.secured).toBe('opaque==');
    // The row keeps no index terms (the segments hold them: row-terms.ts); its text gives them.
    expect(article!.terms).toBeUndefined();
    expect(article!.titleTermCount).toBeUndefined();
    expect(article!.anchors).toBeUndefined();
    expect(termFieldsOf(article!).terms).toContain('chip');
    const linked = await store.getArticles(await store.linkedFrom(article!.id));
    expect(linked.map((a) => a!.title).sort()).toEqual(['Chloe Wang optimistic about US ban', 'FPT partners with Landing AI']);
    expect(linked.every((a) => a!.origin === 'related')).toBe(true);
    expect(await store.linkingTo(linked[0]!.id)).toEqual([article!.id]);
  });

  it('is idempotent: the same records again change nothing', async () => {
    await store.upsertRecords([seedLike], 'record', { now: 1000 });
    const before = await store.db.articles.toArray();
    const linksBefore = await store.db.links.toArray();
    const again = await store.upsertRecords([seedLike], 'record', { now: 2000 });
    expect(again.outcomes).toEqual(['unchanged']);
    expect(again.relatedCreated).toBe(0);
    expect(again.relatedUpdated).toBe(0);
    expect(await store.db.articles.toArray()).toEqual(before);
    expect(await store.db.links.toArray()).toEqual(linksBefore);
    expect(await store.countArticles()).toBe(3);
  });

  it('finds an article by any of its URLs, normalised', async () => {
    const withAmp = record({
      title: 'NBCUniversal cutting pay',
      webUrl: 'https://thehill.com/homenews/media/496327-nbcuniversal',
      ampWebUrl: 'https://thehill.com/homenews/media/496327-nbcuniversal?amp',
      cdnAmpWebUrl: 'https://thehill-com.cdn.ampproject.org/c/s/thehill.com/homenews/media/496327-nbcuniversal?amp',
    });
    await store.upsertRecords([withAmp], 'record');
    for (const url of [
      'https://thehill.com/homenews/media/496327-nbcuniversal',
      'http://www.thehill.com/homenews/media/496327-nbcuniversal/?utm_source=twitter#x',
      'https://thehill-com.cdn.ampproject.org/c/s/thehill.com/homenews/media/496327-nbcuniversal?amp',
    ]) {
      expect((await store.findByUrls([url]))?.title).toBe('NBCUniversal cutting pay');
    }
    expect(await store.findByUrls(['https://thehill.com/other'])).toBeUndefined();
  });

  it('updates a stored article and merges related lists', async () => {
    await store.upsertRecords([seedLike], 'record');
    const changed = {
      ...seedLike,
      excerpt: 'A new excerpt',
      related: [record({ title: 'A third outlet', webUrl: 'https://third.example/chips' })],
    };
    const result = await store.upsertRecords([changed], 'record');
    expect(result.outcomes).toEqual(['updated']);
    const article = await store.getArticle(result.ids[0]!);
    expect(article!.excerpt).toBe('A new excerpt');
    // Links are only ever added by imports: the two earlier ones and the new one.
    expect(await store.linkedFrom(article!.id)).toHaveLength(3);
    expect(await store.countArticles()).toBe(4);
  });

  it('lets a full record replace a related stub, and a stub never overwrite a record', async () => {
    const stubSource = record({
      title: 'Other story',
      webUrl: 'https://other.example/a',
      related: [record({ title: 'Stub title', excerpt: 'stub', webUrl: 'https://full.example/story' })],
    });
    await store.upsertRecords([stubSource], 'record');
    const full = record({ title: 'Full title', excerpt: 'full', webUrl: 'https://full.example/story', quality: 80 });
    const result = await store.upsertRecords([full], 'record');
    expect(result.outcomes).toEqual(['created']); // it was known only as a related entry
    expect((await store.getArticle(result.ids[0]!))).toMatchObject({ title: 'Full title', origin: 'record', quality: 80 });
    // The stub again (inside another record) does not overwrite the full record.
    await store.upsertRecords([stubSource], 'record');
    expect((await store.getArticle(result.ids[0]!))).toMatchObject({ title: 'Full title', excerpt: 'full' });
  });

  it('counts a repeated record in one batch as a duplicate', async () => {
    const a = record({ title: 'Same', webUrl: 'https://dup.example/a' });
    const result = await store.upsertRecords([a, { ...a }], 'record');
    expect(result.outcomes).toEqual(['created', 'unchanged']);
    expect(result.ids[0]).toBe(result.ids[1]);
  });

  it('merges two stored articles that turn out to be one, keeping their links', async () => {
    const first = record({ title: 'Web copy', webUrl: 'https://agg.example/x', related: [record({ title: 'R1', webUrl: 'https://r.example/1' })] });
    const second = record({ title: 'Original', originalUrl: 'https://pub.example/x', related: [record({ title: 'R2', webUrl: 'https://r.example/2' })] });
    const ids1 = (await store.upsertRecords([first], 'record')).ids;
    const ids2 = (await store.upsertRecords([second], 'record')).ids;
    expect(ids1[0]).not.toBe(ids2[0]);
    const both = record({ title: 'Original', originalUrl: 'https://pub.example/x', webUrl: 'https://agg.example/x' });
    const result = await store.upsertRecords([both], 'record');
    const survivor = result.ids[0]!;
    expect(await store.countArticles()).toBe(3);
    expect((await store.db.articles.toArray()).length).toBe(3);
    expect((await store.linkedFrom(survivor)).length).toBe(2);
    expect((await store.findByUrls(['https://agg.example/x']))!.id).toBe(survivor);
  });

  it('a page the user read fills gaps of a stored record but does not overwrite it', async () => {
    const { ids } = await store.upsertRecords([seedLike], 'record');
    const page = record({ title: 'China homegrown AI chip development | DIGITIMES', originalUrl: seedLike.originalUrl!, excerpt: 'page description', lang: 'en' });
    await store.upsertRecords([page], 'page', { readAt: 5000 });
    const article = await store.getArticle(ids[0]!);
    expect(article).toMatchObject({ title: seedLike.title, excerpt: seedLike.excerpt, lang: 'en', readAt: 5000, origin: 'record' });
    expect(await store.hasBeenFilled()).toBe(true);
  });

  it('pages alone do not count as filling the store', async () => {
    await store.upsertRecords([record({ title: 'Read', webUrl: 'https://read.example/a' })], 'page', { readAt: 1 });
    expect(await store.countArticles()).toBe(1);
    expect(await store.hasBeenFilled()).toBe(false);
  });
});

describe('ArticleStore deletion', () => {
  it('deletes articles with their links and keeps the count true', async () => {
    const { ids } = await store.upsertRecords(
      [record({ title: 'Main', webUrl: 'https://m.example/main', related: [record({ title: 'Rel', webUrl: 'https://r.example/rel' })] })],
      'record',
    );
    const relId = (await store.linkedFrom(ids[0]!))[0]!;
    expect(await store.deleteArticles([ids[0]!, 'missing'])).toBe(1);
    expect(await store.countArticles()).toBe(1);
    expect(await store.linkingTo(relId)).toEqual([]);
    expect(await store.db.links.count()).toBe(0);
    // Gone from the index too: no segment posts "main" any more.
    const segments = await store.db.segments.toArray();
    expect(segments.some((segment) => postingsOf(segment, termHash('main')).length > 0)).toBe(false);
    expect(segments.reduce((sum, segment) => sum + segment.count, 0)).toBe(1);
    await store.clear();
    expect(await store.countArticles()).toBe(0);
    expect(await store.hasBeenFilled()).toBe(false);
  });
});

describe('the reads an undated lookup makes', () => {
  const DAY = 86_400_000;
  const T = Date.parse('2024-03-01T12:00:00Z');

  it('publishedAtOfNewest: the n-th newest dated article\'s time, undated ones not counted; undefined past the last', async () => {
    await store.upsertRecords(
      [
        record({ title: 'Harbour bridge reopens', webUrl: 'https://a.example/1', publishedAt: T }),
        record({ title: 'Ferry strike ends', webUrl: 'https://a.example/2', publishedAt: T - 30 * DAY }),
        record({ title: 'Lighthouse restored', webUrl: 'https://a.example/3' }),
        record({ title: 'Pier lengthened', webUrl: 'https://a.example/4', publishedAt: T - 400 * DAY }),
      ],
      'record',
    );
    expect(await store.publishedAtOfNewest(1)).toBe(T);
    expect(await store.publishedAtOfNewest(2)).toBe(T - 30 * DAY);
    expect(await store.publishedAtOfNewest(3)).toBe(T - 400 * DAY);
    expect(await store.publishedAtOfNewest(4)).toBeUndefined();
  });

  it('segmentsBetween: every segment of the buckets in the range, theirs only, as segmentsOf gives them', async () => {
    await store.upsertRecords([0, 7, 14, 60].map((days, i) => record({ title: `Harbour news ${i}`, webUrl: `https://a.example/h${i}`, publishedAt: T - days * DAY })), 'record');
    const buckets = (await store.bucketsNewestFirst()).filter((b) => b !== 0);
    expect(buckets.length).toBe(4);
    const [newest, , third, oldest] = buckets as [number, number, number, number];
    const range = await store.segmentsBetween(third, newest);
    expect(range.map((s) => s.bucket).sort()).toEqual(buckets.slice(0, 3).sort());
    const one = [...(await store.segmentsOf(newest)), ...(await store.segmentsOf(buckets[1]!)), ...(await store.segmentsOf(third))];
    expect(range.map((s) => [s.bucket, s.seq]).sort()).toEqual(one.map((s) => [s.bucket, s.seq]).sort());
    const alone = await store.segmentsBetween(oldest, oldest);
    expect(alone.length).toBeGreaterThan(0);
    expect(alone.every((s) => s.bucket === oldest)).toBe(true);
    expect(alone.map((s) => [s.bucket, s.seq])).toEqual((await store.segmentsOf(oldest)).map((s) => [s.bucket, s.seq]));
  });

  it('segmentsBackFrom: the buckets before one, newest first, each whole (every segment), held ones skipped, until told to stop', async () => {
    // Two write batches: the weeks hold two segments each.
    for (const batch of [0, 1]) await store.upsertRecords([0, 7, 14, 21, 60].map((days, i) => record({ title: `Harbour news ${batch} ${i}`, webUrl: `https://a.example/h${batch}-${i}`, publishedAt: T - days * DAY })), 'record');
    await store.upsertRecords([record({ title: 'Lighthouse restored', webUrl: 'https://a.example/undated' })], 'record');
    const buckets = (await store.bucketsNewestFirst()).filter((b) => b !== 0);
    expect(buckets.length).toBe(5);
    const [newest, second, third, fourth, oldest] = buckets as [number, number, number, number, number];
    const asked: [number, number | undefined][] = [];
    const keysOf = (segments: readonly { bucket: number; seq: number }[]) => segments.map((s) => [s.bucket, s.seq]).sort();
    // To the end (the undated bucket never), the third held.
    const all = await store.segmentsBackFrom(newest, (b) => b === third, (b, segments) => (asked.push([b, segments?.length]), true));
    expect(asked).toEqual([[second, 2], [third, undefined], [fourth, 2], [oldest, 2]]);
    expect([...all.keys()]).toEqual([second, fourth, oldest]);
    for (const b of [second, fourth, oldest]) expect(keysOf(all.get(b)!)).toEqual(keysOf(await store.segmentsOf(b)));
    // Stopped after the first bucket: nothing older is read.
    asked.length = 0;
    const first = await store.segmentsBackFrom(newest, () => false, (b, segments) => (asked.push([b, segments?.length]), false));
    expect(asked).toEqual([[second, 2]]);
    expect([...first.keys()]).toEqual([second]);
    // Stopped at a held bucket.
    asked.length = 0;
    expect([...(await store.segmentsBackFrom(second, (b) => b === third, (b, segments) => (asked.push([b, segments?.length]), false))).keys()]).toEqual([]);
    expect(asked).toEqual([[third, undefined]]);
    // Before the oldest: nothing.
    expect((await store.segmentsBackFrom(oldest, () => false, () => true)).size).toBe(0);
    // A caller's failure fails the read (not a promise left pending).
    await expect(
      store.segmentsBackFrom(newest, () => false, () => {
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
  });
});
