import { SCHEMA_VERSION } from '../../../src/store/migrations';
import { describe, expect, it } from 'vitest';
import { LEGACY_SCHEMAS, legacyRecords, referenceSnapshots, writeLegacyStore } from '../../fixtures/legacy-stores';
import { StoreUpkeep } from '../../../src/background/store-upkeep';
import { ArticleStore } from '../../../src/store';
import { articleIdFor } from '../../../src/record/id';
import { articleFromRecord, recordUrlKeys } from '../../../src/store/merge';

let n = 0;

function openRaw(name: string, version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** A store of the last release with rows holding their index terms (every step but
 * `drop-row-terms` done); `alsoPending`: steps whose done marks are taken away (they run first). */
async function v8Store(name: string, count: number, alsoPending: string[] = []): Promise<void> {
  const reference = await referenceSnapshots(indexedDB, IDBKeyRange, `${name}-reference`, count);
  const legacy = LEGACY_SCHEMAS.find((schema) => schema.nativeVersion === 80)!;
  const rows = legacy.rows(reference.feeds);
  rows.meta = (rows.meta ?? []).filter((row) => !alsoPending.some((id) => (row as { key: string }).key === `step:${id}`));
  await writeLegacyStore(indexedDB, name, legacy.nativeVersion, legacy.stores, rows);
}

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An alarm the run waits on when it turns it on (after reading the steps, before saying
 * 'updating'): `asked` once the run is there, `release` lets it go on. */
function heldAlarm(): { setAlarm: (on: boolean) => Promise<void>; asked: Promise<void>; release: () => void } {
  let ask!: () => void;
  const asked = new Promise<void>((resolve) => (ask = resolve));
  let release!: () => void;
  const set = new Promise<void>((resolve) => (release = resolve));
  const setAlarm = async (on: boolean): Promise<void> => {
    if (!on) return;
    ask();
    await set;
  };
  return { setAlarm, asked, release };
}

async function v1Store(name: string, count: number): Promise<void> {
  const legacy = LEGACY_SCHEMAS[0]!;
  const articles = legacyRecords(count).map((record) => {
    const { anchors: _a, lang: _l, ...rest } = articleFromRecord(record, articleIdFor(recordUrlKeys(record)[0]!), 'record', 1);
    return rest;
  });
  await writeLegacyStore(indexedDB, name, legacy.nativeVersion, legacy.stores, { articles, links: [], meta: [] });
}

describe('the store while an upgrade runs', () => {
  it('an upgrade blocked by an older connection says so, and goes on once it closes', async () => {
    const name = `blocked-${++n}`;
    await v1Store(name, 50);
    // A page of the previous version holding the store, with no versionchange handler.
    const old = await openRaw(name);
    const store = new ArticleStore({ name });
    const finished: boolean[] = [];
    const upkeep = new StoreUpkeep({ store, setAlarm: async () => undefined, onFinished: () => void finished.push(true), batchSize: 20 });
    const run = upkeep.run();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(upkeep.status()).toEqual({ state: 'blocked' });
    const waiting = upkeep.whenReady();
    old.close();
    expect(await run).toBe(true);
    await waiting;
    expect(upkeep.status()).toEqual({ state: 'ready' });
    expect(finished).toEqual([true]);
    expect(await store.countArticles()).toBe(50);
    store.close();
  });

  it('an open store lets go when a newer version upgrades, and opens again by itself', async () => {
    const name = `versionchange-${++n}`;
    const store = new ArticleStore({ name });
    await store.upsertRecords(legacyRecords(10), 'record');
    const states: string[] = [];
    store.db.onConnectionState = (state) => states.push(state);
    // A newer build's upgrade (the next native version): not blocked by this connection.
    const newer = await openRaw(name, (SCHEMA_VERSION + 1) * 10);
    expect(newer.version).toBe((SCHEMA_VERSION + 1) * 10);
    expect(states).toContain('closed-for-upgrade');
    newer.close();
    store.close();
  });

  it('an open store is not a finished upgrade: pages wait from the moment it opens until the steps end', async () => {
    // The run reads which steps are left, then sets its alarm (an extension API call, slow under
    // load) before it says 'updating': a request passing whenReady then (the new tab's digest)
    // would read a store no step has reached — no article indexed, an empty digest kept on screen.
    const name = `open-window-${++n}`;
    await v1Store(name, 40);
    const store = new ArticleStore({ name });
    const alarm = heldAlarm();
    const upkeep = new StoreUpkeep({
      store,
      setAlarm: alarm.setAlarm,
      batchSize: 20,
    });
    const run = upkeep.run();
    await alarm.asked;
    // The store is open and its steps are read; none has run.
    expect((await store.upgradeStatus()).pending.length).toBeGreaterThan(0);
    expect(upkeep.status()).toEqual({ state: 'opening' });
    // What a page's request finds once whenReady lets it go.
    const found = upkeep.whenReady().then(() => store.upgradeStatus());
    await new Promise((resolve) => setTimeout(resolve, 20));
    alarm.release();
    expect(await run).toBe(true);
    expect((await found).pending).toEqual([]);
    expect(upkeep.status()).toEqual({ state: 'ready' });
    store.close();
  });

  it('readers wait for the steps that change answers, not for drop-row-terms: its status still shows, and never before the run has read the steps', async () => {
    const name = `quiet-step-${++n}`;
    await v8Store(name, 60);
    const store = new ArticleStore({ name });
    const alarm = heldAlarm();
    let batchDone!: () => void;
    const firstBatch = new Promise<void>((resolve) => (batchDone = resolve));
    let goOn!: () => void;
    const held = new Promise<void>((resolve) => (goOn = resolve));
    const upkeep = new StoreUpkeep({
      store,
      setAlarm: alarm.setAlarm,
      // The worker held after the step's first batch: most rows still hold their terms.
      keepAlive: async () => {
        batchDone();
        await held;
      },
      batchSize: 20,
    });
    const passed: string[] = [];
    // What the new tab's request reads once it is let go.
    const readable = upkeep.whenReadable().then(async () => {
      passed.push('readable');
      return { pending: (await store.upgradeStatus()).pending, status: upkeep.status() };
    });
    const ready = upkeep.whenReady().then(() => void passed.push('ready'));
    const run = upkeep.run();
    await alarm.asked;
    // The steps are read (only drop-row-terms left) but the run has not said so: nobody passes.
    expect((await store.upgradeStatus()).pending.map((step) => [step.id, step.readersWait])).toEqual([['drop-row-terms', false]]);
    // A request arriving now waits too.
    void upkeep.whenReadable().then(() => void passed.push('readable (asked while opening)'));
    await tick(20);
    expect(upkeep.status()).toEqual({ state: 'opening' });
    expect(passed).toEqual([]);
    alarm.release();
    await firstBatch;
    const found = await readable;
    expect(found.pending.map((step) => step.id)).toEqual(['drop-row-terms']);
    expect(found.status).toMatchObject({ state: 'updating', describe: 'Making the store smaller' });
    expect(upkeep.status()).toEqual({ state: 'updating', describe: 'Making the store smaller', done: 20, total: 60 });
    expect((await store.db.articles.toArray()).filter((row) => row.terms !== undefined)).toHaveLength(40);
    // The step goes on; whenReady still waits for it.
    await tick(20);
    expect(passed.sort()).toEqual(['readable', 'readable (asked while opening)']);
    await upkeep.whenReadable();
    goOn();
    expect(await run).toBe(true);
    await ready;
    expect(passed.slice(2)).toEqual(['ready']);
    expect((await store.db.articles.toArray()).some((row) => row.terms !== undefined)).toBe(false);
    store.close();
  });

  it('readers wait until the last step they need is done, then go on while drop-row-terms runs', async () => {
    const name = `steps-before-quiet-${++n}`;
    // The countries step left (a store that began it before the release): it changes the index.
    await v8Store(name, 60, ['reindex-regions']);
    const store = new ArticleStore({ name });
    expect((await store.upgradeStatus()).pending.map((step) => [step.id, step.readersWait])).toEqual([
      ['reindex-regions', true],
      ['drop-row-terms', false],
    ]);
    let readableSeen = false;
    const seen: [string, boolean][] = [];
    let upkeep: StoreUpkeep | undefined = undefined;
    upkeep = new StoreUpkeep({
      store,
      setAlarm: async () => undefined,
      keepAlive: async () => {
        await tick();
        const status = upkeep!.status();
        if (status.state === 'updating') seen.push([`${status.describe} ${status.done}/${status.total}`, readableSeen]);
      },
      batchSize: 25,
    });
    const readable = upkeep.whenReadable().then(async () => {
      readableSeen = true;
      return (await store.upgradeStatus()).pending.map((step) => step.id);
    });
    await upkeep.run();
    expect(await readable).toEqual(['drop-row-terms']);
    expect(seen).toEqual([
      ['Indexing the countries articles name 25/60', false],
      ['Indexing the countries articles name 50/60', false],
      ['Indexing the countries articles name 60/60', false],
      // Its last batch found nothing left: the step is done, drop-row-terms alone is left.
      ['Indexing the countries articles name 60/60', true],
      ['Making the store smaller 25/60', true],
      ['Making the store smaller 50/60', true],
      ['Making the store smaller 60/60', true],
      ['Making the store smaller 60/60', true],
    ]);
    store.close();
  });

  it('a store of the first release: readers wait for every step (indexing again includes dropping the row terms)', async () => {
    const name = `readable-v1-${++n}`;
    await v1Store(name, 40);
    const store = new ArticleStore({ name });
    // After each batch: the requests let go so far, and the steps left.
    const seen: { readable: boolean; left: number }[] = [];
    let readableSeen = false;
    const upkeep = new StoreUpkeep({
      store,
      setAlarm: async () => undefined,
      keepAlive: async () => {
        await tick();
        seen.push({ readable: readableSeen, left: (await store.upgradeStatus()).pending.length });
      },
      batchSize: 20,
    });
    const found = upkeep.whenReadable().then(async () => {
      readableSeen = true;
      return (await store.upgradeStatus()).pending;
    });
    expect(await upkeep.run()).toBe(true);
    expect(await found).toEqual([]);
    // Never let go while a step is left.
    expect(seen.filter((batch) => batch.left > 0).length).toBeGreaterThan(3);
    expect(seen.filter((batch) => batch.readable && batch.left > 0)).toEqual([]);
    store.close();
  });

  it('reports progress while data steps run, and pages wait for the end', async () => {
    const name = `progress-${++n}`;
    await v1Store(name, 90);
    const store = new ArticleStore({ name });
    const seen: string[] = [];
    let upkeep: StoreUpkeep | undefined = undefined;
    upkeep = new StoreUpkeep({
      store,
      setAlarm: async () => undefined,
      onFinished: () => undefined,
      batchSize: 30,
      keepAlive: async () => {
        const status = upkeep!.status();
        if (status.state === 'updating') seen.push(`${status.describe} ${status.done}/${status.total}`);
      },
    });
    const ready = upkeep.whenReady();
    await upkeep.run();
    await ready;
    // Two data steps: indexing again (version 5), then the segments' forward data (version 7),
    // whole buckets at a time (so its counts pass the batch size). Indexing words joined by soft
    // hyphens again is part of the first here, and so is writing rows without their index terms
    // (`drop-row-terms`): they are not run, nor reported.
    expect(seen).toEqual([
      'Indexing stored articles again 30/90',
      'Indexing stored articles again 60/90',
      'Indexing stored articles again 90/90',
      'Indexing stored articles again 90/90',
      'Preparing the index for faster lookups 36/90',
      'Preparing the index for faster lookups 74/90',
      'Preparing the index for faster lookups 90/90',
      'Preparing the index for faster lookups 90/90',
    ]);
    store.close();
  });
});
