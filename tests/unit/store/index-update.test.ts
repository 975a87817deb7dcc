import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SEGMENTS } from '../../../src/index/segments';
import { ArticleStore, prepareRecord, type StoredArticle } from '../../../src/store';
import { planIndexUpdate, readIndexState, updateIndex, writeIndexUpdate, type IndexChange } from '../../../src/store/term-index';
import { toNewsRecord } from '../../../src/record/record';
import { generatedRecord } from '../../generate-records';

const stores: ArticleStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const NOW = Date.parse('2026-12-01T10:00:00Z');
const WEEK = 7 * 24 * 3600 * 1000;

/** Article `i` as a write would store it, dated in one of two weeks (or, with `edit`, retitled). */
function article(i: number, edit = false): StoredArticle {
  const parsed = toNewsRecord(generatedRecord(i, 400));
  if (!parsed.ok) throw new Error(`generated record ${i} is not a record`);
  const record = parsed.record;
  const dated = { ...record, publishedAt: NOW - (i % 2) * WEEK - i * 1000, related: [], ...(edit ? { title: `${record.title} (changed)` } : {}) };
  return prepareRecord(dated, 'record', NOW).own.article!;
}

type Update = 'one step' | 'read first';

/** Applies each round of changes as a write does, in its own transaction; the articles' rows are
 * written after the index, as the store writes them. */
async function applyRounds(update: Update, rounds: readonly IndexChange[][]): Promise<ArticleStore> {
  const store = new ArticleStore({ name: `index-update-${update}-${Math.random()}` });
  stores.push(store);
  const { db } = store;
  for (const changes of rounds) {
    await db.transaction('rw', [db.articles, db.segments, db.meta], async () => {
      const copies = changes.map((change) => ({ before: change.before === undefined ? undefined : { ...change.before }, after: change.after === undefined ? undefined : { ...change.after } }));
      if (update === 'one step') await updateIndex(db, copies);
      else await writeIndexUpdate(db, planIndexUpdate(copies, await readIndexState(db)));
      const after = copies.flatMap((change) => (change.after === undefined ? [] : [change.after]));
      const gone = copies.flatMap((change) => (change.after === undefined && change.before !== undefined ? [change.before.id] : []));
      await db.articles.bulkPut(after);
      await db.articles.bulkDelete(gone);
    });
  }
  return store;
}

async function contents(store: ArticleStore): Promise<unknown> {
  const { db } = store;
  return { segments: await db.segments.toArray(), articles: await db.articles.toArray(), meta: await db.meta.toArray() };
}

describe('an index update planned from the state read with a write’s first reads', () => {
  it('stores what updateIndex stores: segments appended, compacted past the limit and when articles leave, docnos', async () => {
    // Rounds of new articles in two weeks (past MAX_SEGMENTS: compacted), then changed articles
    // (they leave their segments: compacted), unchanged ones (keep their docno) and deletions.
    const rounds: IndexChange[][] = [];
    for (let round = 0; round < MAX_SEGMENTS + 3; round++) {
      const changes: IndexChange[] = [];
      for (let i = round * 10; i < round * 10 + 10; i++) changes.push({ before: undefined, after: article(i) });
      rounds.push(changes);
    }
    // docnos as updateIndex gives them (to build `before` rows of the later rounds).
    const reference = await applyRounds('one step', rounds);
    const rows = await reference.db.articles.toArray();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const changedRound: IndexChange[] = [];
    for (let i = 0; i < 30; i += 3) {
      const before = byId.get(article(i).id)!;
      changedRound.push({ before, after: { ...article(i, true), id: before.id } });
    }
    for (let i = 1; i < 30; i += 3) {
      const before = byId.get(article(i).id)!;
      changedRound.push({ before, after: { ...before } });
    }
    const deleted: IndexChange[] = [];
    for (let i = 2; i < 30; i += 3) deleted.push({ before: byId.get(article(i).id)!, after: undefined });
    const all = [...rounds, changedRound, deleted];

    const [oneStep, readFirst] = await Promise.all([applyRounds('one step', all), applyRounds('read first', all)]);
    const expected = await contents(oneStep);
    expect(await contents(readFirst)).toEqual(expected);
    // The rounds did what they are for: compactions (fewer segments than writes) and articles gone.
    const segments = await oneStep.db.segments.toArray();
    expect(segments.length).toBeLessThan(MAX_SEGMENTS);
    expect(await oneStep.db.articles.count()).toBe(rows.length - deleted.length);
  });

  it('reads every bucket’s segment keys in seq order, and the next docno', async () => {
    const store = await applyRounds('read first', [0, 1, 2].map((round) => Array.from({ length: 4 }, (_, k) => ({ before: undefined, after: article(round * 4 + k) }))));
    const state = await store.db.transaction('r', [store.db.segments, store.db.meta], () => readIndexState(store.db));
    expect(state.nextDocno).toBe(13);
    const keys = (await store.db.segments.toCollection().primaryKeys()) as unknown as [number, number][];
    expect([...state.segmentKeys.values()].flat()).toEqual(keys);
    for (const [bucket, list] of state.segmentKeys) {
      expect(list.every((key) => key[0] === bucket)).toBe(true);
      expect(list.map((key) => key[1])).toEqual([0, 1, 2]);
    }
    expect(state.segmentKeys.size).toBe(2);
  });
});
