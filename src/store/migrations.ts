/**
 * How a store of any released version becomes the current one, in two parts:
 *
 * - SCHEMA_STEPS: the Dexie version declarations, oldest first. They change tables and indexes
 *   only (cheap, inside IndexedDB's upgrade transaction), so an upgrade never holds the database
 *   for long and never depends on the worker staying alive.
 * - DATA_STEPS: work over every row (index every article again, count the weeks), run after the
 *   store opens by the background, in batches. Each batch and its progress (`step:<id>` in `meta`)
 *   commit in one transaction, so a worker stopped at any moment resumes at the next batch the
 *   next time it starts. A fresh store records every step as done when it is created.
 *
 * Adding a schema version: append a SchemaStep; when rows must change, append a DataStep with a new
 * id (stores made before it run it once; fresh ones never).
 */
import type { Table, Transaction } from 'dexie';
import { addForwardData, addShowFields, reindexArticles } from './article-index';
import type { StoreDatabase, StoreTables } from './tables';
import { generationRows } from './generations';
import { hasRowTerms, storedRow } from './row-terms';
import type { MetaRow, StoredArticle } from './types';
import { hasInsideWordMarks } from '../index/tokenize';
import { namesRegion } from '../index/regions';
import { namesWeekday } from '../index/weekdays';

export interface SchemaStep {
  version: number;
  /** Dexie store declarations: only what changes (null deletes a table). */
  stores: Record<string, string | null>;
  /** Why this version exists (kept with the declaration; docs/ARCHITECTURE.md lists them). */
  why: string;
  /** Cheap changes of rows inside the upgrade transaction (long work goes in a DataStep). */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_STEPS: readonly SchemaStep[] = [
  {
    version: 1,
    why: 'articles by id, any URL alias, time, outlet, topic, index term, read time; links [from+to] with `to` for incoming; meta',
    stores: {
      articles: 'id, *urls, publishedAt, domain, *topics, *terms, addedAt, readAt',
      links: '[from+to], to',
      meta: 'key',
    },
  },
  {
    // Released twice as 2: first with a `termStats` table and `*terms`, then as below without a new
    // number. Either shape (and one Dexie patched to native 21 or 31) reaches version 4 the same way;
    // the articles' postings are (re)made by the `reindex-articles` data step.
    version: 2,
    why: 'the same-story engine: postings keyed by term and week (`*postings` replaces `*terms`), articles per week',
    stores: { articles: 'id, *urls, publishedAt, domain, *topics, *postings, addedAt, readAt', weekCounts: 'week' },
  },
  {
    version: 3,
    why: 'feed subscriptions (unique URL) and which feed carried which article',
    stores: { feeds: 'id, &url', feedItems: '[feedId+articleId], articleId' },
  },
  {
    version: 4,
    why: 'one shape for every store released as 2 or 3: the early `termStats` table dropped, every article indexed again',
    stores: {
      articles: 'id, *urls, publishedAt, domain, *topics, *postings, addedAt, readAt',
      links: '[from+to], to',
      meta: 'key',
      weekCounts: 'week',
      feeds: 'id, &url',
      feedItems: '[feedId+articleId], articleId',
      termStats: null,
    },
  },
  {
    // The articles' index fields (terms up to 64, anchors, language) and their postings are made
    // by the `reindex-articles-v5` data step; until it reaches an article, lookups do not find it.
    version: 5,
    why: 'the multilingual same-story index: a docno per article, postings packed in `segments` per week or undated bucket; the `*postings` multi-entry index and the week counts go',
    stores: {
      articles: 'id, *urls, publishedAt, domain, *topics, addedAt, readAt, &docno',
      segments: '[bucket+seq]',
      weekCounts: null,
    },
  },
  {
    // Nothing reads articles by outlet or topic through IndexedDB (the digest groups topics in
    // memory), yet every write paid for both indexes: ~5 topic keys and a domain key an article.
    version: 6,
    why: 'cheaper writes: the unread `domain` and `*topics` indexes of `articles` go',
    stores: { articles: 'id, *urls, publishedAt, addedAt, readAt, &docno' },
  },
  {
    // Same tables and indexes; the segments' rows gain `forward` (src/index/segments.ts), written by
    // the `forward-data-v7` data step. Until it reaches a bucket, lookups read those candidates' rows.
    version: 7,
    why: "lookups judge candidates from the segments: each segment also keeps its articles' matcher fields (term hashes in order, anchor and number flags, title term count, date, language)",
    stores: { segments: '[bucket+seq]' },
  },
  {
    // Each article paid a `publishedAt` and an `addedAt` entry on every write, for three readers:
    // the digest (newest article, a week's articles) and retention. The segments' forward data
    // hold every indexed article's date by week (src/store/dates.ts); what they lack, rows tell.
    version: 8,
    why: 'cheaper writes: the `publishedAt` and `addedAt` indexes of `articles` go (dates are read from the segments)',
    stores: { articles: 'id, *urls, readAt, &docno' },
  },
];

export const SCHEMA_VERSION = SCHEMA_STEPS[SCHEMA_STEPS.length - 1]!.version;

/** The tables a data step touches (one transaction per batch, with `meta` for its progress). */
export type StepTables = Pick<StoreTables, 'articles' | 'segments' | 'meta'>;

export interface DataStep {
  /** Stable id: progress is kept under `step:<id>`; a new kind of work gets a new id. */
  id: string;
  /** What the user is told while it runs ("Indexing articles again"). */
  describe: string;
  /** How many units of work there are (for progress). */
  countTotal(db: StepTables): Promise<number>;
  /** Does the next batch after `afterKey` (null: from the start) inside the runner's transaction;
   * returns the last key done and how many units, or null when nothing is left. */
  runBatch(db: StepTables, afterKey: string | null, size: number): Promise<{ lastKey: string; units: number; changed?: string[] } | null>;
  /** An earlier step that does this one's work too when it runs from the start (a store that has
   * not begun it needs only that one). */
  includedIn?: string;
  /** false: every reader (lookups, explanations, the digest) gives the same answers before, during
   * and after this step, so pages need not wait for it (the new tab's digest does not; the options
   * page still shows its progress). Absent: they wait — a reindex step's readers would see a
   * half-indexed store. */
  readersWait?: false;
}

/** The next `size` articles in id order after `afterKey` (null: from the start). */
function articlesAfter(db: StepTables, afterKey: string | null, size: number): Promise<StoredArticle[]> {
  const collection = afterKey === null ? db.articles.orderBy('id') : db.articles.where('id').above(afterKey);
  return collection.limit(size).toArray();
}

/**
 * A step that reads every article, batch by batch, and indexes again those whose title or excerpt
 * `needsIt` picks (every article when absent).
 */
function reindexing(step: Pick<DataStep, 'id' | 'describe' | 'includedIn'>, needsIt?: (text: string) => boolean): DataStep {
  return {
    ...step,
    countTotal: (db) => db.articles.count(),
    async runBatch(db, afterKey, size) {
      const batch = await articlesAfter(db, afterKey, size);
      if (batch.length === 0) return null;
      const changed = await reindexArticles(db, needsIt === undefined ? batch : batch.filter((article) => needsIt(article.title) || needsIt(article.excerpt)));
      return { lastKey: batch[batch.length - 1]!.id, units: batch.length, changed };
    },
  };
}

const reindexStep = reindexing({ id: 'reindex-articles-v5', describe: 'Indexing stored articles again' });

/**
 * The tokenizer reads through soft hyphens, word joiners and byte-order marks
 * ("Helikopter\u00adlandeplatz" is one word): the few articles whose title or excerpt has one are
 * indexed again; the others are only read. Same tables, so no schema version.
 */
const joinedWordsStep = reindexing({ id: 'reindex-joined-words', describe: 'Indexing words with soft hyphens again', includedIn: reindexStep.id }, hasInsideWordMarks);

/**
 * An article's index terms end with the days of the week its text names (src/index/weekdays.ts:
 * time evidence where dates are missing): the articles whose title or excerpt names a day are
 * indexed again; the others are only read. Same tables, so no schema version; until the step
 * reaches an article, its pairs are judged as if it named no day (the evidence is absent, not wrong).
 */
const weekdaysStep = reindexing({ id: 'reindex-weekdays', describe: 'Indexing the days articles name', includedIn: reindexStep.id }, namesWeekday);

/**
 * An article's index terms end with the regions its text names (src/index/regions.ts: evidence
 * across scripts): the articles whose title or excerpt names a country or region are indexed
 * again; the others are only read. Same tables, so no schema version; until the step reaches an
 * article, its pairs are judged as if it named no region (the evidence is absent, not wrong).
 */
const regionsStep = reindexing({ id: 'reindex-regions', describe: 'Indexing the countries articles name', includedIn: reindexStep.id }, namesRegion);

/**
 * Version 7: every bucket's segments rewritten as one with forward data, bucket by bucket (the
 * progress key is the last bucket done). Counted in articles for the progress shown; articles
 * without terms are in no segment, so `done` may end below `total`.
 */
const forwardStep: DataStep = {
  id: 'forward-data-v7',
  describe: 'Preparing the index for faster lookups',
  countTotal: (db) => db.articles.count(),
  async runBatch(db, afterKey, size) {
    const done = await addForwardData(db, afterKey === null ? null : Number(afterKey), size);
    return done === null ? null : { lastKey: String(done.last), units: done.articles };
  },
};

/**
 * Segments' show fields (src/index/show-keys.ts): every bucket whose segments lack them for some
 * article rewritten as one segment with them, as `forward-data-v7` does (which now writes them
 * too: a store that has not begun that step needs only it). No schema version: the segments'
 * rows gain optional fields, no table or index changes, and a lookup reads the rows of the
 * same-story candidates of a segment without them (as before) until the step reaches its bucket.
 */
const showStep: DataStep = {
  id: 'show-data',
  describe: 'Preparing the index for faster lookups',
  includedIn: forwardStep.id,
  countTotal: (db) => db.articles.count(),
  async runBatch(db, afterKey, size) {
    const done = await addShowFields(db, afterKey === null ? null : Number(afterKey), size);
    return done === null ? null : { lastKey: String(done.last), units: done.articles };
  },
};

/**
 * Rows without index fields (`terms`, `titleTermCount`, `anchors`): ~8 % of the store on disk,
 * which the segments' forward data hold already (src/store/row-terms.ts). Every article's row
 * written again without them, batch by batch in id order; rows that have none are only read. Last:
 * the steps before it re-index from the rows and the forward data (forward-data-v7), which must be
 * there first. No schema version: no index reads these fields (`*terms` went in version 2), and
 * every reader takes a row with or without them, so nothing changes for lookups while it runs.
 */
const dropRowTermsStep: DataStep = {
  id: 'drop-row-terms',
  describe: 'Making the store smaller',
  // Readers take a row with or without its fields (the forward entries, else the tokenizer), and
  // it takes ~23–30 s at 100,000 articles in Chromium (bench/RESULTS.md, session 33 wait33): the
  // new tab need not wait for it.
  readersWait: false,
  // Indexing every article again from the start writes every row without them (reindexArticles).
  includedIn: reindexStep.id,
  countTotal: (db) => db.articles.count(),
  async runBatch(db, afterKey, size) {
    const batch = await articlesAfter(db, afterKey, size);
    if (batch.length === 0) return null;
    const rewrite = batch.filter(hasRowTerms).map(storedRow);
    if (rewrite.length > 0) await db.articles.bulkPut(rewrite);
    return { lastKey: batch[batch.length - 1]!.id, units: batch.length };
  },
};

/** In order: a step may rely on the ones before it. (Version 4's steps — index again under
 * `*postings`, count the weeks — were replaced by version 5's, which indexes every article from
 * its text whatever state the earlier steps left.) */
export const DATA_STEPS: readonly DataStep[] = [reindexStep, forwardStep, joinedWordsStep, showStep, weekdaysStep, regionsStep, dropRowTermsStep];

/** Progress of one data step, kept in `meta` under `step:<id>`. */
export interface StepProgress {
  finished: boolean;
  /** Last key done (null: not started). */
  after: string | null;
  done: number;
  total: number;
}

export const stepKey = (id: string): string => `step:${id}`;

function parseProgress(value: unknown): StepProgress | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Partial<StepProgress>;
  if (typeof v.finished !== 'boolean' || typeof v.done !== 'number' || typeof v.total !== 'number') return undefined;
  return { finished: v.finished, after: typeof v.after === 'string' ? v.after : null, done: v.done, total: v.total };
}

/** Every current data step marked done (a store created now, or emptied, needs none). */
export function finishedStepRows(steps: readonly DataStep[] = DATA_STEPS): MetaRow[] {
  return steps.map((step) => ({ key: stepKey(step.id), value: { finished: true, after: null, done: 0, total: 0 } satisfies StepProgress }));
}

export interface MigrationStatus {
  /** Steps not finished yet, in order, with their progress; `readersWait` as the step's (see DataStep). */
  pending: { id: string; describe: string; done: number; total: number; readersWait: boolean }[];
}

export async function readMigrationStatus(db: StepTables, steps: readonly DataStep[] = DATA_STEPS): Promise<MigrationStatus> {
  const rows = await db.meta.bulkGet(steps.map((step) => stepKey(step.id)));
  const pending: MigrationStatus['pending'] = [];
  for (const [i, step] of steps.entries()) {
    const progress = parseProgress(rows[i]?.value);
    if (progress?.finished === true) continue;
    pending.push({ id: step.id, describe: step.describe, done: progress?.done ?? 0, total: progress?.total ?? 0, readersWait: step.readersWait ?? true });
  }
  return { pending };
}

export interface RunOptions {
  batchSize?: number;
  /** Called after each batch (progress for pages; an extension API call keeps the worker awake). */
  afterBatch?: (status: { id: string; describe: string; done: number; total: number }) => Promise<void> | void;
  /** Stop after this many batches in all (tests: a worker stopped half-way). */
  maxBatches?: number;
  steps?: readonly DataStep[];
  /** Called inside a batch's transaction with the articles it changed (the store announces them
   * as a store event, `why: 'upgrade'`, when the batch commits). */
  onArticlesChanged?: (ids: string[]) => void;
}

/** Steps whose work an earlier step not yet begun will do (see `includedIn`) are recorded as done. */
async function markIncludedSteps(db: StoreDatabase, steps: readonly DataStep[]): Promise<void> {
  const included = steps.filter((step) => step.includedIn !== undefined);
  if (included.length === 0) return;
  await db.transaction('rw', db.meta, async () => {
    for (const step of included) {
      const [own, outer] = await db.meta.bulkGet([stepKey(step.id), stepKey(step.includedIn!)]);
      // Begun (its own progress) or the other already under way with an earlier tokenizer: it runs.
      if (own !== undefined || outer !== undefined || !steps.some((s) => s.id === step.includedIn)) continue;
      await db.meta.put({ key: stepKey(step.id), value: { finished: true, after: null, done: 0, total: 0 } satisfies StepProgress });
    }
  });
}

/**
 * Runs every unfinished data step to the end, one batch per transaction. Safe to call again at
 * any time (a stopped worker's next start): it resumes after the last committed batch.
 * Returns true when every step is finished.
 */
export async function runDataSteps(db: StoreDatabase, options: RunOptions = {}): Promise<boolean> {
  const steps = options.steps ?? DATA_STEPS;
  const size = options.batchSize ?? 500;
  await markIncludedSteps(db, steps);
  let batches = 0;
  for (const step of steps) {
    const tables = [db.articles, db.segments, db.meta] as Table[];
    for (;;) {
      if (options.maxBatches !== undefined && batches >= options.maxBatches) return false;
      const result = await db.transaction('rw', tables, async () => {
        const key = stepKey(step.id);
        const progress = parseProgress((await db.meta.get(key))?.value) ?? { finished: false, after: null, done: 0, total: await step.countTotal(db) };
        if (progress.finished) return { progress, more: false, ran: false };
        const batch = await step.runBatch(db, progress.after, size);
        if (batch !== null && batch.changed !== undefined && batch.changed.length > 0) options.onArticlesChanged?.(batch.changed);
        // Rows changed under readers that keep copies (the lookup cache, the digest): a new content generation.
        if (batch === null) await db.meta.bulkPut(generationRows({ content: true, read: false }));
        const next: StepProgress =
          batch === null
            ? { ...progress, finished: true, total: Math.max(progress.total, progress.done) }
            : { finished: false, after: batch.lastKey, done: progress.done + batch.units, total: Math.max(progress.total, progress.done + batch.units) };
        await db.meta.put({ key, value: next });
        return { progress: next, more: batch !== null, ran: true };
      });
      // A step found done (earlier, or with the step that includes it) has nothing to report.
      if (!result.ran) break;
      batches++;
      await options.afterBatch?.({ id: step.id, describe: step.describe, done: result.progress.done, total: result.progress.total });
      if (!result.more) break;
    }
  }
  return true;
}
