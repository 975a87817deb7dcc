import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRelated } from '../../../src/related/find-related';
import { cacheFor } from '../../../src/related/lookup-cache';
import { ArticleStore } from '../../../src/store';
import { NewsDatabase } from '../../../src/store/db';
import { bucketOf, NEWEST_WEEKS, UNDATED_BUCKET, UNDATED_REACH, UNDATED_WEEKS_MAX } from '../../../src/index/buckets';
import { MemoryIndex, toMatchDoc } from '../../../src/related/memory-index';
import { matchDocOf } from '../../../src/related/engine';
import { termFieldsOf } from '../../../src/store/row-terms';
import { postingsOf } from '../../../src/index/segments';
import { indexTerms, termHash } from '../../../src/index/terms';
import { OTHER_NEWS_TITLES, recordsAt } from '../builders';

const DAY = 86_400_000;
const T0 = Date.parse('2024-10-15T12:00:00Z');

const record = recordsAt(T0);

/** Other news of the same weeks, so that rarity in the store means something. */
const FILLER = OTHER_NEWS_TITLES.map((title, i) => record(title, `https://filler${i % 7}.example/story-${i}`, { publishedAt: T0 - (i % 10) * DAY }));

const CHIP_RULES = [
  record('US tightens chip export rules to China', 'https://www.reuters.com/tech/us-tightens-chip-export-rules'),
  record('Washington tightens rules on AI chip exports to China', 'https://apnews.com/article/chip-export-rules-china', { publishedAt: T0 + 3 * 3_600_000 }),
  record('New US export rules target China chip sales', 'https://www.bbc.com/news/business-chip-export-rules', { publishedAt: T0 + 5 * 3_600_000 }),
  record('Biden administration tightens export controls on chips to China', 'https://www.nytimes.com/2024/10/15/chip-export-controls.html', { publishedAt: T0 - 2 * 3_600_000 }),
  record('US expands chip export curbs on China', 'https://www.ft.com/content/chip-export-curbs', { publishedAt: T0 + 20 * 3_600_000 }),
];
const HUAWEI = record('Huawei unveils new AI chip', 'https://www.scmp.com/tech/huawei-ai-chip', { publishedAt: T0 + DAY });
const ALIBABA = record('Alibaba launches AI chip', 'https://www.cnbc.com/alibaba-ai-chip', { publishedAt: T0 + DAY });

let store: ArticleStore;
let n = 0;
beforeEach(async () => {
  store = new ArticleStore({ name: `engine-${++n}` });
});
afterEach(() => store.close());

/** Ids of the articles the index posts under `term` in a bucket (decoded from its segments). */
async function posted(target: ArticleStore, term: string, bucket: number): Promise<string[]> {
  const docnos = (await target.segmentsOf(bucket)).flatMap((segment) => [...postingsOf(segment, termHash(term))]);
  return (await target.articlesByDocno(docnos)).map((a) => a.id).sort();
}

async function related(url: string) {
  const result = await findRelated(store, { urls: [url], title: '', excerpt: '' });
  return result.items;
}

describe('same story, not same topic', () => {
  beforeEach(async () => {
    await store.upsertRecords([...FILLER, ...CHIP_RULES, HUAWEI, ALIBABA], 'record');
  });

  it('finds the other outlets of one story and explains each with shared words', async () => {
    const items = await related(CHIP_RULES[0]!.webUrl!);
    const urls = items.map((item) => item.article.url);
    for (const other of CHIP_RULES.slice(1)) expect(urls).toContain(other.webUrl);
    expect(urls).not.toContain(HUAWEI.webUrl);
    expect(urls).not.toContain(ALIBABA.webUrl);
    for (const item of items) {
      const reason = item.reasons.find((r) => r.kind === 'same-story');
      expect(reason?.kind).toBe('same-story');
      if (reason?.kind === 'same-story') {
        expect(reason.terms.length).toBeGreaterThanOrEqual(2);
        // Surface words of the article, not stems: "rules", "exports", not "rule", "export".
        for (const term of reason.terms) expect(`${item.article.title} ${item.article.excerpt}`.toLowerCase()).toContain(term);
      }
    }
  });

  it('does not call two companies\' chip launches one story', async () => {
    expect((await related(HUAWEI.webUrl!)).map((item) => item.article.url)).not.toContain(ALIBABA.webUrl);
    expect((await related(ALIBABA.webUrl!)).map((item) => item.article.url)).not.toContain(HUAWEI.webUrl);
  });

  it('shows nothing for an article whose story is not in the store', async () => {
    expect(await related(FILLER[3]!.webUrl!)).toEqual([]);
    const page = await findRelated(store, { urls: ['https://elsewhere.example/a'], title: 'Parliament debates fishing quotas', excerpt: 'Quotas for the coming year.' });
    expect(page.items).toEqual([]);
  });

  it('finds the story for a page that is not stored, from its title and description', async () => {
    const page = await findRelated(store, {
      urls: ['https://www.theguardian.com/technology/us-chip-export-china'],
      title: 'US tightens export rules on advanced chips to China',
      excerpt: 'The new rules restrict exports of AI chips.',
      publishedAt: T0 + 2 * 3_600_000,
    });
    expect(page.article).toBeNull();
    expect(page.items.length).toBeGreaterThanOrEqual(4);
    expect(page.items.every((item) => CHIP_RULES.some((r) => r.webUrl === item.article.url))).toBe(true);
  });
});

describe('time', () => {
  it('ranks coverage of the same days above the same words months later, and does not show the latter', async () => {
    const now = record('Volcano erupts on remote island, ash cloud grounds flights', 'https://a.example/volcano-now');
    const soon = record('Ash cloud from island volcano eruption grounds flights', 'https://b.example/volcano-soon', { publishedAt: T0 + 6 * 3_600_000 });
    const later = record('Volcano on remote island erupts again, ash cloud grounds flights', 'https://c.example/volcano-later', { publishedAt: T0 + 120 * DAY });
    await store.upsertRecords([...FILLER, now, soon, later], 'record');
    const result = await findRelated(store, { urls: [now.webUrl!], title: '', excerpt: '' }, { withRanking: true });
    const ids = (result.ranking ?? []).map((r) => r.id);
    const soonId = (await store.findByUrls([soon.webUrl]))!.id;
    const laterId = (await store.findByUrls([later.webUrl]))!.id;
    expect(ids[0]).toBe(soonId);
    // Months later is outside the weeks the index reads around the query: not even a candidate.
    expect(ids).not.toContain(laterId);
    expect(result.items.map((item) => item.article.url)).toEqual([soon.webUrl]);
  });

  it('scores the same words lower a few days apart, within the weeks it reads', async () => {
    const now = record('Volcano erupts on remote island, ash cloud grounds flights', 'https://a.example/volcano-now');
    const days = record('Volcano erupts on remote island, ash cloud grounds flights again', 'https://d.example/volcano-days', { publishedAt: T0 + 5 * DAY });
    const hours = record('Volcano erupts on remote island; ash cloud grounds flights', 'https://h.example/volcano-hours', { publishedAt: T0 + 3 * 3_600_000 });
    await store.upsertRecords([...FILLER, now, days, hours], 'record');
    const result = await findRelated(store, { urls: [now.webUrl!], title: '', excerpt: '' }, { withRanking: true });
    const score = async (url: string): Promise<number | undefined> => {
      const id = (await store.findByUrls([url]))!.id;
      return result.ranking!.find((r) => r.id === id)?.score;
    };
    // Within the weeks read it is a candidate (scores are log-odds: only their order is compared),
    // ranked below the same words hours apart, and a headline alone "again" days later is not shown.
    expect(await score(days.webUrl!)).toBeDefined();
    expect(await score(days.webUrl!)).toBeLessThan((await score(hours.webUrl!))!);
    expect(result.items.map((item) => item.article.url)).toEqual([hours.webUrl]);
  });
});

/** The store's segment reads from now on: the weeks read one request each, the ranges read in
 * one, and the weeks read back by a cursor (each walk's, newest first). */
function segmentReads(target: ArticleStore): { weekly: number[]; ranges: [number, number][]; back: number[][] } {
  const weekly: number[] = [];
  const ranges: [number, number][] = [];
  const back: number[][] = [];
  const segmentsOf = target.segmentsOf.bind(target);
  const segmentsBetween = target.segmentsBetween.bind(target);
  const segmentsBackFrom = target.segmentsBackFrom.bind(target);
  target.segmentsOf = (bucket) => (weekly.push(bucket), segmentsOf(bucket));
  target.segmentsBetween = (first, last) => (ranges.push([first, last]), segmentsBetween(first, last));
  target.segmentsBackFrom = async (before, held, more) => {
    const read = await segmentsBackFrom(before, held, more);
    back.push([...read.keys()]);
    return read;
  };
  return { weekly, ranges, back };
}

describe('undated articles in a sparse archive', () => {
  // An archive of a few articles a week over two years (as imported records are): the undated
  // bucket and its three newest weeks hold a handful; the story's dated coverage is older.
  const WEEK = 7 * DAY;
  const archive = FILLER.map((r, i) => ({ ...r, publishedAt: T0 - i * 5 * WEEK }));
  const undatedQuery = record('Volcano erupts on remote island, ash cloud grounds flights', 'https://u.example/volcano', { publishedAt: undefined });
  const older = record('Ash cloud from remote island volcano eruption grounds flights', 'https://o.example/volcano', { publishedAt: T0 - 60 * WEEK });

  it('reads the newest weeks back until they hold enough articles: a story\'s dated coverage of long ago is found and shown', async () => {
    await store.upsertRecords([...archive, undatedQuery, older], 'record');
    const result = await findRelated(store, { urls: [undatedQuery.webUrl!], title: '', excerpt: '' }, { withRanking: true });
    const olderId = (await store.findByUrls([older.webUrl]))!.id;
    expect(result.ranking?.[0]?.id).toBe(olderId);
    expect(result.items.map((item) => item.article.url)).toEqual([older.webUrl]);
  });

  it('reads the three newest weeks one request each, then the older weeks by one cursor', async () => {
    await store.upsertRecords([...archive, undatedQuery, older], 'record');
    const { weekly, ranges, back } = segmentReads(store);
    const items = await findRelated(store, { urls: [undatedQuery.webUrl!], title: '', excerpt: '' }, { cache: false });
    expect(items.items.map((item) => item.article.url)).toEqual([older.webUrl]);
    // The newest weeks are read to count what they hold (too few: the weeks before them are read
    // back until they hold enough — here every one, the store holds fewer than the reach).
    expect(weekly).toEqual([UNDATED_BUCKET, bucketOf(T0), bucketOf(T0 - 5 * WEEK), bucketOf(T0 - 10 * WEEK)]);
    expect(back).toEqual([archive.slice(3).map((r) => bucketOf(r.publishedAt))]);
    expect(ranges).toEqual([]);
    // A dated lookup still reads its weeks one request each (a few, often cached).
    weekly.length = 0;
    ranges.length = 0;
    await findRelated(store, { urls: [older.webUrl!], title: '', excerpt: '' }, { cache: false });
    expect(ranges).toEqual([]);
    expect(weekly.length).toBeLessThanOrEqual(NEWEST_WEEKS + 1);
  });

  it('does not read again the weeks a context holds between the ones it reads (a dated lookup\'s, amid the undated window)', async () => {
    await store.upsertRecords([...archive, undatedQuery, older], 'record');
    // A dated lookup 40 weeks back: the context holds its weeks.
    await findRelated(store, { urls: [archive[8]!.webUrl!], title: '', excerpt: '' });
    expect(cacheFor(store).buckets.has(bucketOf(T0 - 40 * WEEK))).toBe(true);
    const { weekly, ranges, back } = segmentReads(store);
    const items = await findRelated(store, { urls: [undatedQuery.webUrl!], title: '', excerpt: '' });
    expect(items.items.map((item) => item.article.url)).toEqual([older.webUrl]);
    expect(weekly).toEqual([bucketOf(T0), bucketOf(T0 - 5 * WEEK), bucketOf(T0 - 10 * WEEK)]);
    // The cursor steps over the held week (counted, not read).
    expect(back).toEqual([archive.slice(3).filter((_, i) => i !== 5).map((r) => bucketOf(r.publishedAt))]);
    expect(ranges).toEqual([]);
    expect(cacheFor(store).newest).toEqual(archive.map((r) => bucketOf(r.publishedAt)));
    // The window known, its weeks gone from the cache but the held one (the cache's budget): the
    // weeks on either side of it, a request each run — not one range over it.
    for (const r of archive.slice(3)) if (r !== archive[8]) cacheFor(store).buckets.delete(bucketOf(r.publishedAt));
    weekly.length = 0;
    expect((await findRelated(store, { urls: [undatedQuery.webUrl!], title: '', excerpt: '' })).items.map((item) => item.article.url)).toEqual([older.webUrl]);
    expect(ranges).toEqual([
      [bucketOf(T0 - 35 * WEEK), bucketOf(T0 - 15 * WEEK)],
      [bucketOf(T0 - (archive.length - 1) * 5 * WEEK), bucketOf(T0 - 45 * WEEK)],
    ]);
    expect(weekly).toEqual([]);
  });

  it('a busy store\'s newest weeks hold enough: the date index is not walked, and only they are read', async () => {
    const busy = Array.from({ length: UNDATED_REACH }, (_, i) => record(`Council notice ${i} on street works`, `https://b.example/notice-${i}`, { publishedAt: T0 }));
    await store.upsertRecords([...archive, ...busy, undatedQuery, older], 'record');
    const walks: number[] = [];
    const publishedAtOfNewest = store.publishedAtOfNewest.bind(store);
    store.publishedAtOfNewest = (n) => (walks.push(n), publishedAtOfNewest(n));
    const weekly: number[] = [];
    const segmentsOf = store.segmentsOf.bind(store);
    store.segmentsOf = (bucket) => (weekly.push(bucket), segmentsOf(bucket));
    const result = await findRelated(store, { urls: [undatedQuery.webUrl!], title: '', excerpt: '' }, { cache: false, withRanking: true });
    expect(walks).toEqual([]);
    expect(weekly).toEqual([UNDATED_BUCKET, bucketOf(T0), bucketOf(T0 - 5 * WEEK), bucketOf(T0 - 10 * WEEK)]);
    // The dated coverage of 60 weeks ago is out of the window, as it always was in a busy store.
    const olderId = (await store.findByUrls([older.webUrl]))!.id;
    expect(result.ranking?.some((r) => r.id === olderId)).toBe(false);
    // And a walk would have chosen the same weeks: the UNDATED_REACH-th newest is within them.
    expect(bucketOf((await publishedAtOfNewest(UNDATED_REACH))!)).toBeGreaterThanOrEqual(bucketOf(T0 - 10 * WEEK));
  }, 30_000);

  it('the in-memory index (digest, training) reads the same weeks and finds the same', async () => {
    await store.upsertRecords([...archive, undatedQuery, older], 'record');
    const rows = await Promise.all([...archive, undatedQuery, older].map(async (r) => (await store.findByUrls([r.webUrl]))!));
    const index = new MemoryIndex();
    for (const row of rows) index.add(matchDocOf(row));
    const judged = index.related(index.docs[archive.length]!, archive.length);
    expect(judged[0]?.docno).toBe(archive.length + 1);
    expect(judged[0]?.sameStory).toBe(true);
  });

  it('a context that keeps answering reads the weeks the store holds now: its undated weeks go with the store\'s content', async () => {
    await store.upsertRecords([...archive, undatedQuery], 'record');
    const ask = async () => (await findRelated(store, { urls: [undatedQuery.webUrl!], title: '', excerpt: '' })).items.map((item) => item.article.url);
    expect(await ask()).toEqual([]);
    expect(cacheFor(store).newest).toContain(bucketOf(T0));
    // Coverage in a week the store did not hold at the first lookup (between two archive weeks).
    const between = { ...older, publishedAt: T0 - 62 * WEEK };
    expect(cacheFor(store).newest).not.toContain(bucketOf(between.publishedAt));
    await store.upsertRecords([between], 'record');
    expect(await ask()).toEqual([between.webUrl]);
    // And gone again (a deletion, as retention's).
    await store.deleteArticles([(await store.findByUrls([between.webUrl]))!.id]);
    expect(await ask()).toEqual([]);
    expect(cacheFor(store).newest).not.toContain(bucketOf(between.publishedAt));
  });

  it('the in-memory index picks its weeks again when articles are added', () => {
    const docOf = (r: { title: string; excerpt: string; publishedAt?: number | undefined }) => toMatchDoc({ ...indexTerms(r.title, r.excerpt), publishedAt: r.publishedAt });
    const index = new MemoryIndex();
    for (const r of archive) index.add(docOf(r));
    const query = index.add(docOf(undatedQuery));
    expect(index.related(index.docs[query]!, query).filter((c) => c.sameStory)).toEqual([]);
    const mate = index.add(docOf({ ...older, publishedAt: T0 - 62 * WEEK }));
    expect(index.related(index.docs[query]!, query).filter((c) => c.sameStory).map((c) => c.docno)).toEqual([mate]);
  });
});

describe('undated articles in a busier store', () => {
  // 150 articles a week over 7 weeks (a reader of a dozen feeds), and a story's dated coverage
  // 20 weeks back: an undated query reads back to the week of the UNDATED_REACH-th newest.
  const WEEK = 7 * DAY;
  const SUBJECTS = ['harbour', 'council', 'orchestra', 'bakery', 'railway', 'library', 'festival', 'glacier', 'vineyard', 'stadium', 'museum', 'airport'];
  const busy = Array.from({ length: UNDATED_REACH + 100 }, (_, i) =>
    record(`${SUBJECTS[i % SUBJECTS.length]} ${SUBJECTS[(i * 7 + 3) % SUBJECTS.length]} report ${i}`, `https://busy${i % 9}.example/r-${i}`, { publishedAt: T0 - Math.floor((i * WEEK) / 150) }),
  );
  const undatedQuery = record('Volcano erupts on remote island, ash cloud grounds flights', 'https://u.example/volcano', { publishedAt: undefined });
  const farMate = record('Ash cloud from remote island volcano eruption grounds flights', 'https://o.example/volcano', { publishedAt: T0 - 20 * WEEK });

  it('reads the weeks back to the store\'s UNDATED_REACH-th newest dated article, as the in-memory index does', async () => {
    await store.upsertRecords([...busy, undatedQuery, farMate], 'record');
    const reach = bucketOf(busy[UNDATED_REACH - 1]!.publishedAt);
    expect(await store.publishedAtOfNewest(UNDATED_REACH)).toBe(busy[UNDATED_REACH - 1]!.publishedAt);
    const { weekly, ranges, back } = segmentReads(store);
    const result = await findRelated(store, { urls: [undatedQuery.webUrl!], title: '', excerpt: '' }, { cache: false });
    // Its three newest weeks hold 450 (too few): the weeks before them are read back to the reach's.
    const weeks = Array.from({ length: bucketOf(T0) - reach + 1 }, (_, i) => bucketOf(T0) - i);
    expect(weekly).toEqual([UNDATED_BUCKET, ...weeks.slice(0, NEWEST_WEEKS)]);
    expect(back).toEqual([weeks.slice(NEWEST_WEEKS)]);
    expect(ranges).toEqual([]);
    expect(bucketOf(T0) - reach).toBeGreaterThan(NEWEST_WEEKS);
    // The mate 20 weeks back is out of reach in a store this busy.
    expect(result.items.map((item) => item.article.url)).not.toContain(farMate.webUrl);
    const index = new MemoryIndex();
    for (const r of [...busy, undatedQuery, farMate]) index.add(toMatchDoc({ ...indexTerms(r.title, r.excerpt), publishedAt: r.publishedAt }));
    const read = busy.filter((r) => bucketOf(r.publishedAt) >= reach).length;
    expect(index.window(undefined).total).toBe(read + 1);
  }, 60_000);
});

describe('undated articles in an archive of one article a week over decades', () => {
  // Fewer dated articles than the reach, each in a week of its own (rev29's worst case, smaller):
  // the reach alone would have an undated lookup read every week; the bound reads the newest
  // UNDATED_WEEKS_MAX of them.
  const WEEK = 7 * DAY;
  const WEEKS = UNDATED_WEEKS_MAX + 40;
  const SUBJECTS = ['harbour', 'council', 'orchestra', 'bakery', 'railway', 'library', 'festival', 'glacier', 'vineyard', 'stadium', 'museum', 'airport'];
  const sparse = Array.from({ length: WEEKS }, (_, i) =>
    record(`${SUBJECTS[i % SUBJECTS.length]} ${SUBJECTS[(i * 5 + 1) % SUBJECTS.length]} notice ${i}`, `https://weekly${i % 5}.example/n-${i}`, { publishedAt: T0 - i * WEEK }),
  );
  const undatedQuery = record('Volcano erupts on remote island, ash cloud grounds flights', 'https://u.example/volcano', { publishedAt: undefined });
  // Coverage within the bound's weeks, and beyond it (in a week of its own, older than the bound's last).
  const nearMate = record('Ash cloud from remote island volcano eruption grounds flights', 'https://near.example/volcano', { publishedAt: T0 - 50 * WEEK - DAY });
  const farMate = record('Remote island volcano eruption: ash cloud grounds flights', 'https://far.example/volcano', { publishedAt: T0 - (WEEKS + 3) * WEEK });

  it('reads the newest UNDATED_WEEKS_MAX weeks, by a cursor past the three newest; coverage older than them is out of reach', async () => {
    await store.upsertRecords([...sparse, undatedQuery, nearMate, farMate], 'record');
    expect(await store.publishedAtOfNewest(UNDATED_REACH)).toBeUndefined();
    const { weekly, back } = segmentReads(store);
    const result = await findRelated(store, { urls: [undatedQuery.webUrl!], title: '', excerpt: '' }, { cache: false });
    expect(weekly).toEqual([UNDATED_BUCKET, bucketOf(T0), bucketOf(T0 - WEEK), bucketOf(T0 - 2 * WEEK)]);
    // The weeks hold one article each (the near mate's week two): read back to the
    // UNDATED_WEEKS_MAX-th newest week, the (UNDATED_WEEKS_MAX - 1)-th filler's, and no further.
    expect(back).toEqual([sparse.slice(NEWEST_WEEKS, UNDATED_WEEKS_MAX).map((r) => bucketOf(r.publishedAt))]);
    expect(result.items.map((item) => item.article.url)).toEqual([nearMate.webUrl]);
    // The context's cache keeps the same weeks.
    await findRelated(store, { urls: [undatedQuery.webUrl!], title: '', excerpt: '' });
    expect(cacheFor(store).newest).toHaveLength(UNDATED_WEEKS_MAX);
  }, 30_000);

  it('the in-memory index reads the same weeks', () => {
    const index = new MemoryIndex();
    const docOf = (r: { title: string; excerpt: string; publishedAt?: number | undefined }) => toMatchDoc({ ...indexTerms(r.title, r.excerpt), publishedAt: r.publishedAt });
    for (const r of sparse) index.add(docOf(r));
    const query = index.add(docOf(undatedQuery));
    const near = index.add(docOf(nearMate));
    index.add(docOf(farMate));
    // The undated query itself and the newest UNDATED_WEEKS_MAX weeks' articles (the near mate's week holds two).
    expect(index.window(undefined).total).toBe(1 + UNDATED_WEEKS_MAX + 1);
    expect(index.related(index.docs[query]!, query).filter((c) => c.sameStory).map((c) => c.docno)).toEqual([near]);
  });
});

describe('presentation of results', () => {
  it('collapses syndicated copies into one item with "also in"', async () => {
    const wire = 'Dam failure floods valley villages, thousands evacuated';
    await store.upsertRecords(
      [
        ...FILLER,
        record('Villages flooded after dam failure in the valley', 'https://origin.example/dam'),
        record(wire, 'https://paper-one.example/world/dam-failure'),
        record(wire, 'https://paper-two.example/news/dam-failure-floods'),
        record(`${wire} (AP)`, 'https://paper-three.example/dam'),
      ],
      'record',
    );
    const items = await related('https://origin.example/dam');
    expect(items).toHaveLength(1);
    expect(items[0]!.alsoIn.map((o) => o.domain).sort()).toEqual(['paper-three.example', 'paper-two.example'].sort().filter((d) => d !== items[0]!.article.domain).concat(items[0]!.article.domain === 'paper-one.example' ? [] : ['paper-one.example']).sort());
  });

  it('keeps several outlets visible: an outlet\'s third item moves behind others', async () => {
    const story = 'Mayor resigns after city hall corruption inquiry';
    const same = [
      record(`${story} report`, 'https://big.example/1'),
      record(`${story}, says council`, 'https://big.example/2', { publishedAt: T0 + 3_600_000 }),
      record(`Council: ${story}`, 'https://big.example/3', { publishedAt: T0 + 2 * 3_600_000 }),
      record(`Corruption inquiry ends with mayor resigning from city hall`, 'https://small.example/1', { publishedAt: T0 + 3 * 3_600_000 }),
    ];
    await store.upsertRecords([...FILLER, record(story, 'https://query.example/q'), ...same], 'record');
    const domains = (await related('https://query.example/q')).map((item) => item.article.domain);
    expect(domains.slice(0, 3)).toContain('small.example');
    expect(domains.filter((d) => d === 'big.example').length).toBe(3);
  });

  it('always lists the record\'s own related links, labelled, after same-story matches', async () => {
    await store.upsertRecords(
      [
        ...FILLER,
        ...CHIP_RULES,
        { ...CHIP_RULES[0]!, related: [record('An analysis of semiconductor geopolitics', 'https://analysis.example/geo', { publishedAt: T0 - 30 * DAY })] },
      ],
      'record',
    );
    const items = await related(CHIP_RULES[0]!.webUrl!);
    const last = items.at(-1)!;
    expect(last.article.url).toBe('https://analysis.example/geo');
    expect(last.reasons).toEqual([{ kind: 'linked' }]);
    expect(items[0]!.reasons[0]!.kind).toBe('same-story');
  });
});

describe('what is shown is decided before rows are read', () => {
  /** A big story: many outlets, six headlines of it (the same one's copies: "also in"). */
  const HEADLINES = [
    'Volcano erupts near Reykjavik, airport closed to flights',
    'Iceland volcano eruption closes Reykjavik airport',
    'Reykjavik airport shut as Iceland volcano erupts',
    'Flights cancelled after eruption near Reykjavik',
    'Lava from Iceland eruption threatens town near Reykjavik airport',
    'Icelandic eruption: Keflavik flights grounded',
  ];
  const STORY = Array.from({ length: 30 }, (_, i) =>
    record(
      `${HEADLINES[i % 6]} ${['live', 'update', 'report', 'latest', 'news'][i % 5]}`,
      `https://outlet${i}.example/volcano-${i}`,
      { publishedAt: T0 + i * 600_000, excerpt: 'Lava fountains near the Reykjavik peninsula; the airport closed and flights were cancelled as the volcano erupted.' },
    ),
  );

  /** Docnos asked of the store's rows during `run`. */
  async function rowsRead(run: () => Promise<unknown>): Promise<number> {
    const original = store.articlesByDocno.bind(store);
    let count = 0;
    store.articlesByDocno = (docnos) => {
      count += docnos.length;
      return original(docnos);
    };
    try {
      await run();
    } finally {
      store.articlesByDocno = original;
    }
    return count;
  }

  it('reads the rows of the shown articles only, and shows what reading every row shows', async () => {
    await store.upsertRecords([...FILLER, ...STORY], 'record');
    const query = { urls: [STORY[0]!.webUrl!], title: '', excerpt: '' };
    const every = await findRelated(store, query, { withRanking: true, cache: false });
    // More same-story candidates than can be shown.
    expect(every.ranking!.length).toBeGreaterThan(25);
    expect(every.items.reduce((sum, item) => sum + 1 + item.alsoIn.length, 0)).toBe(20);
    for (const limit of [20, 5]) {
      let shown: Awaited<ReturnType<typeof findRelated>> | undefined;
      const read = await rowsRead(async () => (shown = await findRelated(store, query, { limit, cache: false })));
      const articles = shown!.items.reduce((sum, item) => sum + 1 + item.alsoIn.length, 0);
      expect(articles).toBeLessThanOrEqual(limit);
      expect(read).toBe(articles);
      const full = await findRelated(store, query, { limit, withRanking: true, cache: false });
      expect(shown!.items).toEqual(full.items);
    }
  });

  it('a stored article\'s links change what is shown after its matches\' rows were asked for: the answer is the links\'', async () => {
    // The query's record links to one of the story's articles (and to an analysis a month older):
    // with a limit of 5 the linked story article, not shown by the matches alone (whose rows are
    // read while the links come in), leads by its link's bonus.
    const analysis = record('An analysis of volcanic risk and insurance', 'https://analysis.example/risk', { publishedAt: T0 - 30 * DAY });
    await store.upsertRecords([...FILLER, ...STORY], 'record');
    const query = { urls: [STORY[0]!.webUrl!], title: '', excerpt: '' };
    const unlinked = await findRelated(store, query, { limit: 5, cache: false });
    const shownUrls = (r: Awaited<ReturnType<typeof findRelated>>): string[] => r.items.flatMap((item) => [item.article.url, ...item.alsoIn.map((o) => o.url)]);
    const target = STORY.map((r) => r.webUrl!).find((url) => url !== STORY[0]!.webUrl && !shownUrls(unlinked).includes(url))!;
    await store.upsertRecords([{ ...STORY[0]!, related: [STORY.find((r) => r.webUrl === target)!, analysis] }], 'record');
    for (const cache of [false, true]) {
      const linked = await findRelated(store, query, { limit: 5, cache });
      expect(linked.items[0]!.article.url).toBe(target);
      expect(linked.items[0]!.reasons.map((r) => r.kind)).toEqual(['same-story', 'linked']);
      expect(linked.items).toEqual((await findRelated(store, query, { limit: 5, withRanking: true, cache: false })).items);
    }
  });

  it('a shown row gone from under the index (never expected) is left out and the next shown instead', async () => {
    await store.upsertRecords([...FILLER, ...STORY], 'record');
    const query = { urls: [STORY[0]!.webUrl!], title: '', excerpt: '' };
    const before = await findRelated(store, query, { limit: 6, cache: false });
    const shownUrls = before.items.flatMap((item) => [item.article.url, ...item.alsoIn.map((o) => o.url)]);
    // Rows deleted without the index knowing: the segments still post and describe them.
    const gone = await Promise.all(shownUrls.slice(0, 3).map(async (url) => (await store.findByUrls([url]))!.id));
    await store.db.articles.bulkDelete(gone);
    const after = await findRelated(store, query, { limit: 6, cache: false });
    const afterUrls = after.items.flatMap((item) => [item.article.url, ...item.alsoIn.map((o) => o.url)]);
    expect(afterUrls).toHaveLength(6);
    for (const url of shownUrls.slice(0, 3)) expect(afterUrls).not.toContain(url);
  });

  it('a headline changed without changing its terms changes what is a duplicate', async () => {
    const title = 'City hall corruption inquiry: mayor resigns';
    const twin = record(title, 'https://twin.example/b', { publishedAt: T0 + 3_600_000 });
    const query = record('Mayor resigns after city hall corruption inquiry', 'https://query.example/q');
    await store.upsertRecords([...FILLER, query, record(title, 'https://twin.example/a'), twin], 'record');
    const urls = async (): Promise<string[]> => (await findRelated(store, { urls: [query.webUrl!], title: '', excerpt: '' }, { cache: false })).items.map((item) => item.article.url);
    // The same headline twice in one outlet: shown once.
    expect((await urls()).filter((url) => url.startsWith('https://twin.example/'))).toHaveLength(1);
    // Retitled with the same words (the same index terms): no longer the same headline.
    const before = (await store.findByUrls([twin.webUrl!]))!;
    await store.upsertRecords([{ ...twin, title: `${title}!` }], 'record');
    const row = (await store.findByUrls([twin.webUrl!]))!;
    expect(row.title).toBe(`${title}!`);
    expect(row.terms).toEqual(before.terms);
    expect((await urls()).filter((url) => url.startsWith('https://twin.example/'))).toHaveLength(2);
  });
});

describe('the index stays true', () => {
  it('forgets deleted articles and updated titles', async () => {
    await store.upsertRecords([...FILLER, ...CHIP_RULES], 'record');
    const gone = (await store.findByUrls([CHIP_RULES[1]!.webUrl]))!;
    await store.deleteArticles([gone.id]);
    expect((await related(CHIP_RULES[0]!.webUrl!)).map((i) => i.article.url)).not.toContain(CHIP_RULES[1]!.webUrl);
    // Retitled to another story: no longer a match, and the old words no longer count.
    await store.upsertRecords([{ ...CHIP_RULES[2]!, title: 'Orchestra announces autumn concert season', publishedAt: T0 + 5 * 3_600_000 + 1 }], 'record');
    expect((await related(CHIP_RULES[0]!.webUrl!)).map((i) => i.article.url)).not.toContain(CHIP_RULES[2]!.webUrl);
    const articles = await store.db.articles.toArray();
    const retitled = (await store.findByUrls([CHIP_RULES[2]!.webUrl]))!;
    const week = bucketOf(retitled.publishedAt!);
    expect(await posted(store, 'export', week)).not.toContain(retitled.id);
    expect(await posted(store, 'orchestra', week)).toEqual([retitled.id]);
    expect(await posted(store, 'export', week)).toEqual(articles.filter((a) => termFieldsOf(a).terms.includes('export') && bucketOf(a.publishedAt!) === week).map((a) => a.id).sort());
    // Bucket totals follow deletions and moves; docnos are unique.
    const buckets = await store.bucketsNewestFirst();
    const counts = await Promise.all(buckets.map(async (b) => (await store.segmentsOf(b)).reduce((sum, s) => sum + s.count, 0)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(articles.length);
    expect(new Set(articles.map((a) => a.docno)).size).toBe(articles.length);
  });

  it('reads the index on the lookup\'s own transaction', async () => {
    await store.upsertRecords([...FILLER, ...CHIP_RULES], 'record');
    const week = bucketOf(CHIP_RULES[0]!.publishedAt!);
    const outside = await posted(store, 'export', week);
    expect(outside.length).toBeGreaterThan(2);
    const { inside, sameTransaction } = await store.readIndex(async () => {
      const before = Dexie.currentTransaction;
      const inside = await posted(store, 'export', week);
      // A later read still joins the lookup's transaction (Dexie's zone survived the reads).
      await store.bucketsNewestFirst();
      return { inside, sameTransaction: before !== null && Dexie.currentTransaction === before };
    });
    expect(inside).toEqual(outside);
    expect(sameTransaction).toBe(true);
  });

  it('migrates a version-1 store: terms recomputed and counted', async () => {
    const name = `engine-v1-${n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ articles: 'id, *urls, publishedAt, domain, *topics, *terms, addedAt, readAt', links: '[from+to], to', meta: 'key' });
    await v1.table('articles').bulkPut([
      { id: 'a1', url: 'https://x.example/1', urls: ['x.example/1'], title: 'Chips exports tightened', excerpt: '', domain: 'x.example', topics: [], images: [], origin: 'record', record: {}, terms: ['stale'], titleTermCount: 1, sourceHashes: [], addedAt: 1, updatedAt: 1 },
      { id: 'a2', url: 'https://y.example/2', urls: ['y.example/2'], title: 'Export of chips', excerpt: '', domain: 'y.example', topics: [], images: [], origin: 'record', record: {}, terms: ['stale'], titleTermCount: 1, sourceHashes: [], addedAt: 1, updatedAt: 1 },
    ]);
    v1.close();
    const db = new NewsDatabase(name);
    const migrated = new ArticleStore({ name });
    // The upgrade's re-indexing is a data step the background runs after opening (src/store/migrations).
    expect(await migrated.finishUpgrade()).toBe(true);
    const a1 = (await migrated.getArticle('a1'))!;
    // The row keeps no terms (the step that drops them is part of indexing again): the index has them.
    expect(a1.terms).toBeUndefined();
    expect(a1.titleTermCount).toBeUndefined();
    expect(indexTerms('Chips exports tightened', '').terms).toContain('chip');
    expect(a1.docno).toBeGreaterThan(0);
    // No publication date: the undated bucket, not the week it was stored in.
    expect(await posted(migrated, 'chip', UNDATED_BUCKET)).toEqual(['a1', 'a2']);
    expect(await posted(migrated, 'stale', UNDATED_BUCKET)).toEqual([]);
    expect((await migrated.segmentsOf(UNDATED_BUCKET)).reduce((sum, s) => sum + s.count, 0)).toBe(2);
    expect((await migrated.findByUrls(['https://x.example/1']))?.id).toBe('a1');
    migrated.close();
    db.close();
  });
});

describe('the lookup cache', () => {
  it('never answers from a copy older than the store: writes here or from another context drop it', async () => {
    await store.upsertRecords([...FILLER, ...CHIP_RULES.slice(0, 3)], 'record');
    const first = await related(CHIP_RULES[0]!.webUrl!);
    expect(first.map((i) => i.article.url)).not.toContain(CHIP_RULES[3]!.webUrl);
    // Another context (the options page, say) stores one more outlet of the story.
    const other = new ArticleStore({ name: `engine-${n}` });
    await other.upsertRecords([CHIP_RULES[3]!], 'record');
    other.close();
    expect((await related(CHIP_RULES[0]!.webUrl!)).map((i) => i.article.url)).toContain(CHIP_RULES[3]!.webUrl);
    // And this context deletes one.
    await store.deleteArticles([(await store.findByUrls([CHIP_RULES[1]!.webUrl]))!.id]);
    expect((await related(CHIP_RULES[0]!.webUrl!)).map((i) => i.article.url)).not.toContain(CHIP_RULES[1]!.webUrl);
  });

  it('merges a week\'s count table once a later lookup reuses the week, not in the lookup that read it', async () => {
    // Three writes: the story's week holds three segments (one would count from its own offsets).
    await store.upsertRecords(FILLER, 'record');
    await store.upsertRecords(CHIP_RULES.slice(0, 3), 'record');
    await store.upsertRecords([...CHIP_RULES.slice(3), HUAWEI, ALIBABA], 'record');
    const week = bucketOf(T0);
    expect((await store.segmentsOf(week)).length).toBeGreaterThan(1);
    const first = await related(CHIP_RULES[0]!.webUrl!);
    const held = cacheFor(store).buckets.get(week)!;
    expect(held.merged).toBe(false);
    const again = await related(CHIP_RULES[1]!.webUrl!);
    expect(cacheFor(store).buckets.get(week)).toBe(held);
    expect(held.merged).toBe(true);
    // Counted from the table, the answers are those of a lookup without the cache.
    expect(again).toEqual((await findRelated(store, { urls: [CHIP_RULES[1]!.webUrl!], title: '', excerpt: '' }, { cache: false })).items);
    expect(first.length).toBeGreaterThan(0);
  });

  it('gives the same answers with and without the cache', async () => {
    await store.upsertRecords([...FILLER, ...CHIP_RULES, HUAWEI, ALIBABA], 'record');
    for (const record of [...CHIP_RULES, HUAWEI]) {
      const query = { urls: [record.webUrl!], title: '', excerpt: '' };
      const cached = await findRelated(store, query, { withRanking: true });
      const again = await findRelated(store, query, { withRanking: true });
      const uncached = await findRelated(store, query, { withRanking: true, cache: false });
      expect(again).toEqual(cached);
      expect(uncached).toEqual(cached);
    }
  });
});
