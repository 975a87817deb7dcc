import { describe, expect, it } from 'vitest';
import { LEGACY_SCHEMAS, readSnapshot, referenceSnapshots, withoutNumbering, writeLegacyStore, type Snapshot } from '../../fixtures/legacy-stores';
import { ArticleStore } from '../../../src/store';
import type { StoreChange } from '../../../src/store/events';
import { DATA_STEPS, SCHEMA_STEPS, SCHEMA_VERSION } from '../../../src/store/migrations';
import { declaredSteps } from '../../../src/store/db';
import { findRelated } from '../../../src/related/find-related';
import { cacheFor } from '../../../src/related/lookup-cache';
import { FIXED_NOW, legacyRecords } from '../../fixtures/legacy-stores';
import { buildDigest, storiesOf } from '../../../src/digest/digest';
import { bucketOf } from '../../../src/index/buckets';
import { forwardDoc, forwardIndex } from '../../../src/index/segments';
import { termHash } from '../../../src/index/terms';
import { storedRow, termFieldsOf } from '../../../src/store/row-terms';
import { updateIndex } from '../../../src/store/term-index';
import type { StoredArticle } from '../../../src/store/types';

let n = 0;
const COUNT = 600;

/** What differs by nature between two stores: the write token, the upgrade's own bookkeeping,
 * and the numbers the index gives articles (compared by what each article is posted under). */
function comparable(snapshot: Snapshot): Snapshot {
  const plain = withoutNumbering(snapshot);
  const meta = (plain.tables.meta ?? []).filter((row) => {
    const key = (row as { key: string }).key;
    return key !== 'generation' && !key.startsWith('step:');
  });
  return { ...plain, tables: { ...plain.tables, meta } };
}

async function upgradeAndRead(name: string, options: { batchSize?: number; stopAfter?: number } = {}): Promise<Snapshot> {
  let store = new ArticleStore({ name });
  if (options.stopAfter !== undefined) {
    // A worker stopped part-way: some batches committed, the rest left for the next start.
    expect(await store.finishUpgrade({ batchSize: options.batchSize ?? 50, maxBatches: options.stopAfter })).toBe(false);
    const status = await store.upgradeStatus();
    expect(status.pending.length).toBeGreaterThan(0);
    expect(status.pending[0]!.done).toBe((options.batchSize ?? 50) * options.stopAfter);
    store.close();
    store = new ArticleStore({ name });
  }
  expect(await store.finishUpgrade({ batchSize: options.batchSize ?? 500 })).toBe(true);
  expect((await store.upgradeStatus()).pending).toEqual([]);
  expect(store.db.verno).toBe(SCHEMA_VERSION);
  const report = await store.check({ repair: false });
  expect(report.results.filter((r) => r.found > 0)).toEqual([]);
  store.close();
  return readSnapshot(indexedDB, name);
}

describe('the versions Dexie is told of', () => {
  it('keep every upgrade and table deletion and the last version, each with the schema all steps give there', () => {
    const declared = declaredSteps();
    const upTo = (version: number): Record<string, string | null> => Object.assign({}, ...SCHEMA_STEPS.filter((step) => step.version <= version).map((step) => step.stores));
    for (const step of SCHEMA_STEPS) {
      if (step.upgrade !== undefined || Object.values(step.stores).includes(null) || step.version === SCHEMA_VERSION) expect(declared.map((d) => d.version)).toContain(step.version);
    }
    expect(declared.length).toBeLessThan(SCHEMA_STEPS.length);
    for (const [i, step] of declared.entries()) {
      const before = Object.assign({}, ...declared.slice(0, i + 1).map((d) => d.stores));
      expect(before).toEqual(upTo(step.version));
      expect(step.upgrade).toBe(SCHEMA_STEPS.find((s) => s.version === step.version)!.upgrade);
    }
  });
});

describe('every released schema upgrades to the current one', () => {
  it('a fresh store needs no data step and has the declared layout', async () => {
    const name = `fresh-${++n}`;
    const store = new ArticleStore({ name });
    expect((await store.upgradeStatus()).pending).toEqual([]);
    store.close();
    const snapshot = await readSnapshot(indexedDB, name);
    expect(snapshot.version).toBe(SCHEMA_VERSION * 10);
    expect(snapshot.stores.map((s) => s.name)).toEqual(['articles', 'feedItems', 'feeds', 'links', 'meta', 'segments']);
    // Only indexes something reads (version 6 dropped `domain` and `*topics`, version 8 `publishedAt` and `addedAt`).
    expect(snapshot.stores.find((s) => s.name === 'articles')!.indexes.map((i) => i.name).sort()).toEqual(['docno', 'readAt', 'urls']);
    const steps = snapshot.tables.meta!.filter((row) => (row as { key: string }).key.startsWith('step:'));
    expect(steps).toHaveLength(DATA_STEPS.length);
  });

  for (const legacy of LEGACY_SCHEMAS) {
    it(`${legacy.label} (${legacy.commit}): same stores, indexes and data as a fresh store`, async () => {
      const reference = await referenceSnapshots(indexedDB, IDBKeyRange, `reference-${++n}`, COUNT);
      const expected = legacy.holds === 'feeds' ? reference.feeds : reference.records;
      expect(expected.tables.articles).toHaveLength(COUNT);
      expect(expected.tables.links!.length).toBeGreaterThan(100);
      expect(expected.tables.articles!.filter((a) => (a as { readAt?: number }).readAt !== undefined).length).toBe(COUNT / 6);
      const name = `legacy-${++n}`;
      await writeLegacyStore(indexedDB, name, legacy.nativeVersion, legacy.stores, legacy.rows(expected));
      const upgraded = await upgradeAndRead(name);
      expect(upgraded.stores).toEqual(reference.feeds.stores);
      const want = comparable(expected);
      const got = comparable(upgraded);
      for (const table of Object.keys(want.tables)) expect(got.tables[table], table).toEqual(want.tables[table]);
      expect(Object.keys(got.tables).sort()).toEqual(Object.keys(want.tables).sort());
    });
  }

  it('an upgrade stopped between batches resumes where it stopped and ends the same', async () => {
    const reference = await referenceSnapshots(indexedDB, IDBKeyRange, `reference-${++n}`, COUNT);
    const legacy = LEGACY_SCHEMAS[0]!;
    const name = `legacy-stopped-${++n}`;
    await writeLegacyStore(indexedDB, name, legacy.nativeVersion, legacy.stores, legacy.rows(reference.records));
    const upgraded = await upgradeAndRead(name, { batchSize: 50, stopAfter: 5 });
    expect(comparable(upgraded).tables).toEqual(comparable(reference.records).tables);
  });

  it('a store Dexie patched to native version 31 (schema extended without a new number) upgrades too', async () => {
    const reference = await referenceSnapshots(indexedDB, IDBKeyRange, `reference-${++n}`, 60);
    const legacy = LEGACY_SCHEMAS[1]!; // the first version 2, then opened by the released version 3 code
    const name = `legacy-patched-${++n}`;
    await writeLegacyStore(indexedDB, name, 31, [...legacy.stores, ...LEGACY_SCHEMAS[3]!.stores.filter((s) => s.name.startsWith('feed') || s.name === 'weekCounts')], legacy.rows(reference.records));
    const upgraded = await upgradeAndRead(name);
    expect(upgraded.stores).toEqual(reference.feeds.stores);
    expect(comparable(upgraded).tables.articles).toEqual(comparable(reference.records).tables.articles);
    expect(comparable(upgraded).tables.segments).toEqual(comparable(reference.records).tables.segments);
  });

  it('announces the articles each batch indexed again as store events (why: upgrade), once', async () => {
    const reference = await referenceSnapshots(indexedDB, IDBKeyRange, `reference-${++n}`, 60);
    const legacy = LEGACY_SCHEMAS[0]!; // version 1: no postings, so every article is indexed again
    const name = `legacy-events-${++n}`;
    await writeLegacyStore(indexedDB, name, legacy.nativeVersion, legacy.stores, legacy.rows(reference.records));
    const store = new ArticleStore({ name });
    const heard: StoreChange[] = [];
    store.events.subscribe((change) => heard.push(change));
    expect(await store.finishUpgrade({ batchSize: 25 })).toBe(true);
    // One event per batch that changed articles (25 + 25 + 10), each after its batch committed.
    expect(heard.map((change) => [change.why, change.updated.length])).toEqual([
      ['upgrade', 25],
      ['upgrade', 25],
      ['upgrade', 10],
    ]);
    const ids = (await store.db.articles.toCollection().primaryKeys()) as string[];
    expect(heard.flatMap((change) => change.updated).sort()).toEqual([...ids].sort());
    expect(heard.every((change) => change.created.length === 0 && change.deleted.length === 0 && change.read.length === 0)).toBe(true);
    // Nothing left to do: nothing more is announced.
    expect(await store.finishUpgrade()).toBe(true);
    expect(heard).toHaveLength(3);
    store.close();
  });

  /** A fresh store of the fixture records, and queries over it: stored articles (by URL, some
   * undated) and pages known only by their text; `answers` gives every query's shown items and
   * ranking, in both lookup modes (every row read for a ranking, and only the shown rows). */
  async function freshAnswers(): Promise<{ answers: (store: ArticleStore) => Promise<unknown[]>; queries: { urls: string[]; title: string; excerpt: string }[]; fresh: ArticleStore }> {
    const fresh = new ArticleStore({ name: `fresh-answers-${++n}` });
    const records = legacyRecords(COUNT);
    for (let i = 0; i < records.length; i += 300) await fresh.upsertRecords(records.slice(i, i + 300), 'record', { now: 0 });
    const queries = records.filter((_, i) => i % 23 === 0).map((r, i) => (i % 3 === 2 ? { urls: ['https://elsewhere.invalid/x'], title: r.title, excerpt: r.excerpt } : { urls: [r.webUrl!], title: r.title, excerpt: r.excerpt }));
    const answers = async (store: ArticleStore): Promise<unknown[]> => {
      const out: unknown[] = [];
      for (const query of queries) {
        const result = await findRelated(store, query, { withRanking: true, cache: false });
        const shownOnly = await findRelated(store, query, { cache: false });
        const items = (r: typeof result): unknown[] => r.items.map((item) => [item.article.url, item.score, item.reasons, item.alsoIn.map((o) => o.url)]);
        out.push({ items: items(result), shownOnly: items(shownOnly), ranking: result.ranking!.map((r) => [r.id, r.score]) });
      }
      return out;
    };
    return { answers, queries, fresh };
  }

  it('a version 6 store answers every lookup as a fresh one before, during and after the forward data step', async () => {
    const reference = await referenceSnapshots(indexedDB, IDBKeyRange, `reference-${++n}`, COUNT);
    const legacy = LEGACY_SCHEMAS.find((schema) => schema.nativeVersion === 60)!;
    const name = `legacy-fallback-${++n}`;
    await writeLegacyStore(indexedDB, name, legacy.nativeVersion, legacy.stores, legacy.rows(reference.feeds));
    const { answers, queries, fresh } = await freshAnswers();
    const want = await answers(fresh);
    expect(want.some((a) => (a as { items: unknown[] }).items.length > 0)).toBe(true);

    const store = new ArticleStore({ name });
    // The show-data step's work is done by the forward data step (not begun): recorded done when the upgrade runs.
    expect((await store.upgradeStatus()).pending.map((step) => step.id)).toEqual(['forward-data-v7', 'reindex-joined-words', 'show-data', 'reindex-weekdays', 'reindex-regions', 'drop-row-terms']);
    // Before the step: no segment has forward data, every candidate is read as a row.
    expect(await answers(store)).toEqual(want);
    const cache = cacheFor(store);
    await findRelated(store, queries[0]!);
    expect(cache.rowReads).toBeGreaterThan(0);
    // Part-way (a few buckets rewritten), and after.
    expect(await store.finishUpgrade({ batchSize: 40, maxBatches: 2 })).toBe(false);
    expect(await answers(store)).toEqual(want);
    expect(await store.finishUpgrade()).toBe(true);
    expect(await answers(store)).toEqual(want);
    const reads = cache.rowReads;
    await findRelated(store, queries[1]!);
    expect(cache.rowReads).toBe(reads);
    store.close();
    fresh.close();
  });

  it('a version 7 store (segments without show fields) answers every lookup as a fresh one before, during and after the show-data step', async () => {
    const reference = await referenceSnapshots(indexedDB, IDBKeyRange, `reference-${++n}`, COUNT);
    const legacy = LEGACY_SCHEMAS.find((schema) => schema.nativeVersion === 70)!;
    const name = `legacy-show-${++n}`;
    await writeLegacyStore(indexedDB, name, legacy.nativeVersion, legacy.stores, legacy.rows(reference.feeds));
    const { answers, queries, fresh } = await freshAnswers();
    const want = await answers(fresh);
    expect(want.some((a) => (a as { items: unknown[] }).items.length > 0)).toBe(true);

    const store = new ArticleStore({ name });
    expect((await store.upgradeStatus()).pending.map((step) => step.id)).toEqual(['show-data', 'reindex-weekdays', 'reindex-regions', 'drop-row-terms']);
    // Before the step: candidates judged from forward data, the same-story ones' rows read to decide.
    expect(await answers(store)).toEqual(want);
    const cache = cacheFor(store);
    for (const query of queries) await findRelated(store, query);
    expect(cache.rowReads).toBe(0);
    expect(cache.showRowReads).toBeGreaterThan(0);
    // Part-way (a few buckets rewritten: resumable), and after.
    expect(await store.finishUpgrade({ batchSize: 40, maxBatches: 2 })).toBe(false);
    expect((await store.upgradeStatus()).pending.map((step) => [step.id, step.done > 0])).toEqual([['show-data', true], ['reindex-weekdays', false], ['reindex-regions', false], ['drop-row-terms', false]]);
    expect(await answers(store)).toEqual(want);
    store.close();
    const reopened = new ArticleStore({ name });
    expect(await reopened.finishUpgrade()).toBe(true);
    expect(await answers(reopened)).toEqual(want);
    expect((await reopened.check({ repair: false })).results.filter((r) => r.found > 0)).toEqual([]);
    const after = cacheFor(reopened);
    for (const query of queries) await findRelated(reopened, query);
    expect(after.showRowReads).toBe(0);
    reopened.close();
    fresh.close();
  });

  it('a version 8 store (index terms in rows) answers every lookup, explains it and builds its digest as before, during and after the drop-row-terms step', async () => {
    const reference = await referenceSnapshots(indexedDB, IDBKeyRange, `reference-${++n}`, COUNT);
    const legacy = LEGACY_SCHEMAS.find((schema) => schema.nativeVersion === 80)!;
    const name = `legacy-row-terms-${++n}`;
    await writeLegacyStore(indexedDB, name, legacy.nativeVersion, legacy.stores, legacy.rows(reference.feeds));
    const { answers, fresh } = await freshAnswers();
    // The fresh store's rows keep no terms: its explanations come from the text (find-related.ts).
    expect((await fresh.db.articles.toArray()).every((row) => row.terms === undefined)).toBe(true);
    const want = await answers(fresh);
    const reasons = want.flatMap((a) => (a as { items: [string, number, { kind: string; terms?: string[] }[]][] }).items.flatMap((item) => item[2]));
    expect(reasons.filter((r) => r.kind === 'same-story' && (r.terms ?? []).length > 1).length).toBeGreaterThan(10);

    const store = new ArticleStore({ name });
    expect((await store.upgradeStatus()).pending.map((step) => step.id)).toEqual(['drop-row-terms']);
    const rowsBefore = await store.db.articles.toArray();
    expect(rowsBefore.every((row) => row.terms !== undefined && row.titleTermCount !== undefined && row.anchors !== undefined)).toBe(true);
    // Before the step: explanations from the rows' own terms, as the code before this step made them.
    expect(await answers(store)).toEqual(want);
    const digest = await buildDigest(store, FIXED_NOW);
    const stories = [...digest.today, ...digest.week.flatMap((group) => group.stories)];
    expect(stories.some((story) => story.articleCount > 2)).toBe(true);
    // The digest's stories as the rows' terms make them (the digest before this step), and as the
    // index's forward entries do.
    const week = await store.indexedArticlesPublishedBetween(digest.windowStart, digest.anchor, 3000);
    expect(week.every(({ doc }) => doc !== undefined)).toBe(true);
    const byRowTerms = storiesOf(week.map(({ article }) => article), digest.anchor);
    expect(byRowTerms.length).toBeGreaterThan(5);
    expect(storiesOf(week.map(({ article }) => storedRow(article)), digest.anchor, new Map(week.map(({ article, doc }) => [article.id, doc!])))).toEqual(byRowTerms);

    // Part-way (resumable), and after: rows without terms, the same answers, explanations and digest.
    expect(await store.finishUpgrade({ batchSize: 100, maxBatches: 2 })).toBe(false);
    expect((await store.upgradeStatus()).pending.map((step) => [step.id, step.done])).toEqual([['drop-row-terms', 200]]);
    const rows = await store.db.articles.toArray();
    expect(rows.filter((row) => row.terms === undefined)).toHaveLength(200);
    expect(await answers(store)).toEqual(want);
    expect(await buildDigest(store, FIXED_NOW)).toEqual(digest);
    store.close();
    const reopened = new ArticleStore({ name });
    expect(await reopened.finishUpgrade()).toBe(true);
    const after = await reopened.db.articles.toArray();
    expect(after.some((row) => row.terms !== undefined || row.titleTermCount !== undefined || row.anchors !== undefined)).toBe(false);
    // Nothing else in the rows changed.
    expect(after).toEqual(rowsBefore.map(storedRow));
    expect(await answers(reopened)).toEqual(want);
    expect(await buildDigest(reopened, FIXED_NOW)).toEqual(digest);
    expect((await reopened.check({ repair: false })).results.filter((r) => r.found > 0)).toEqual([]);
    reopened.close();
    fresh.close();
  });

  it('a store indexed before words were read through soft hyphens finds them whole after its data step', async () => {
    // "Helikopter\u00adlandeplatz" was indexed as two words, as "Helikopter landeplatz" still is.
    const written = 'Trump plant Helikopter\u00adlandeplatz – während sein Ballsaal-Projekt stockt';
    const before = written.replace('\u00ad', ' ');
    const records = legacyRecords(60);
    const name = `joined-words-${++n}`;
    let store = new ArticleStore({ name });
    await store.upsertRecords([...records, { ...records[0]!, title: before, webUrl: 'https://www.tagesanzeiger.ch/trump-plant-helikopterlandeplatz' }], 'record', { now: 0 });
    const id = (await store.db.articles.toArray()).find((a) => a.title === before)!.id;
    // The row as that store holds it: the page's text, the terms of its time; the step not yet run.
    await store.db.articles.update(id, { title: written });
    await store.db.meta.delete('step:reindex-joined-words');
    store.close();

    store = new ArticleStore({ name });
    expect((await store.upgradeStatus()).pending.map((step) => step.id)).toEqual(['reindex-joined-words']);
    const query = { urls: ['https://elsewhere.invalid/helikopter'], title: 'Helikopterlandeplatz beim Weissen Haus geplant', excerpt: '' };
    const found = async (): Promise<boolean> => (await findRelated(store, query, { withRanking: true, cache: false })).ranking!.some((r) => r.id === id);
    expect(await found()).toBe(false);

    expect(await store.finishUpgrade({ batchSize: 25 })).toBe(true);
    const row = (await store.db.articles.get(id))!;
    expect(row.title).toBe(written);
    expect(row.terms).toBeUndefined();
    expect(await indexedHashes(store, id)).toContain(termHash('helikopterlandeplatz'));
    expect(await indexedHashes(store, id)).not.toContain(termHash('landeplatz'));
    expect((await store.check({ repair: false })).results.filter((r) => r.found > 0)).toEqual([]);
    expect(await found()).toBe(true);
    store.close();
  });

  it('a store indexed before the days of the week were kept gains them after its data step', async () => {
    const records = legacyRecords(60);
    const name = `weekdays-${++n}`;
    let store = new ArticleStore({ name });
    const title = 'Senate takes up relief bill by the slimmest of margins';
    await store.upsertRecords([...records, { ...records[0]!, title, excerpt: 'The Senate voted on Thursday to begin debate.', webUrl: 'https://news.example/senate-relief' }], 'record', { now: 0 });
    const row = (await store.db.articles.toArray()).find((a) => a.title === title)!;
    expect(row.terms).toBeUndefined();
    expect(await indexedHashes(store, row.id)).toContain(termHash('@thursday'));
    // The index as that store holds it: the article posted without the day (a row of today keeps
    // no terms: the step must read what was indexed from the segments); the step not yet run.
    const fields = termFieldsOf(row);
    const stale: StoredArticle = { ...row, terms: fields.terms.filter((t) => !t.startsWith('@')), titleTermCount: fields.titleTermCount, anchors: fields.anchors };
    delete stale.docno;
    await store.db.transaction('rw', store.db.articles, store.db.segments, store.db.meta, async () => {
      await updateIndex(store.db, [
        { before: row, after: undefined },
        { before: undefined, after: stale },
      ]);
      await store.db.articles.put(storedRow(stale));
    });
    expect(await indexedHashes(store, row.id)).not.toContain(termHash('@thursday'));
    await store.db.meta.delete('step:reindex-weekdays');
    store.close();

    store = new ArticleStore({ name });
    expect((await store.upgradeStatus()).pending.map((step) => step.id)).toEqual(['reindex-weekdays']);
    expect(await store.finishUpgrade({ batchSize: 25 })).toBe(true);
    expect((await store.db.articles.get(row.id))!.terms).toBeUndefined();
    expect(await indexedHashes(store, row.id)).toContain(termHash('@thursday'));
    expect((await store.check({ repair: false })).results.filter((r) => r.found > 0)).toEqual([]);
    store.close();
  });

  it('a store indexed before the regions were kept gains them after its data step (rows with their terms, as before `drop-row-terms`)', async () => {
    const records = legacyRecords(60);
    const name = `regions-${++n}`;
    let store = new ArticleStore({ name });
    // mmds-dev, dev-4: the Chinese headline shares no word with its Malay and English coverage.
    const title = '涉贿赂潜逃遭美国通缉 马国国防承包商委内瑞拉落网';
    await store.upsertRecords([...records, { ...records[0]!, title, excerpt: '', lang: 'zh', webUrl: 'https://news.example/fat-leonard' }], 'record', { now: 0 });
    const row = (await store.db.articles.toArray()).find((a) => a.title === title)!;
    const fields = termFieldsOf(row);
    expect(fields.terms).toEqual(expect.arrayContaining(['@us', '@ve']));
    expect(fields.anchors).toEqual(expect.arrayContaining(['@us', '@ve']));
    // The row as that store holds it: terms and anchors without the regions, and so its index
    // (stale row terms are what the step compares with); the steps not yet run.
    const before = (terms: readonly string[]): string[] => terms.filter((t) => !t.startsWith('@'));
    const stale: StoredArticle = { ...row, terms: before(fields.terms), titleTermCount: fields.titleTermCount, anchors: before(fields.anchors) };
    delete stale.docno;
    await store.db.transaction('rw', store.db.articles, store.db.segments, store.db.meta, async () => {
      await updateIndex(store.db, [
        { before: row, after: undefined },
        { before: undefined, after: stale },
      ]);
      await store.db.articles.put(stale);
    });
    await store.db.meta.bulkDelete(['step:reindex-regions', 'step:drop-row-terms']);
    store.close();

    store = new ArticleStore({ name });
    expect((await store.upgradeStatus()).pending.map((step) => step.id)).toEqual(['reindex-regions', 'drop-row-terms']);
    expect(await store.finishUpgrade({ batchSize: 25 })).toBe(true);
    const after = (await store.db.articles.get(row.id))!;
    expect(after.terms).toBeUndefined();
    expect(after.anchors).toBeUndefined();
    expect(await indexedHashes(store, row.id)).toEqual(expect.arrayContaining([termHash('@us'), termHash('@ve')]));
    expect((await store.check({ repair: false })).results.filter((r) => r.found > 0)).toEqual([]);
    store.close();
  });
});

/** The term hashes an article is indexed with: its forward entry in its week's segments. */
async function indexedHashes(store: ArticleStore, id: string): Promise<number[]> {
  const row = (await store.db.articles.get(id))!;
  for (const segment of await store.segmentsOf(bucketOf(row.publishedAt))) {
    const i = forwardIndex(segment, row.docno!);
    if (i !== -1) return [...forwardDoc(segment, i).terms];
  }
  return [];
}
