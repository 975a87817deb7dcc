import { SCHEMA_VERSION } from '../../../src/store/migrations';
import { describe, expect, it } from 'vitest';
import { LEGACY_SCHEMAS, legacyRecords, writeLegacyStore } from '../../fixtures/legacy-stores';
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
    let asked!: () => void;
    const alarmAsked = new Promise<void>((resolve) => (asked = resolve));
    let release!: () => void;
    const alarmSet = new Promise<void>((resolve) => (release = resolve));
    const upkeep = new StoreUpkeep({
      store,
      setAlarm: async (on) => {
        if (!on) return;
        asked();
        await alarmSet;
      },
      batchSize: 20,
    });
    const run = upkeep.run();
    await alarmAsked;
    // The store is open and its steps are read; none has run.
    expect((await store.upgradeStatus()).pending.length).toBeGreaterThan(0);
    expect(upkeep.status()).toEqual({ state: 'opening' });
    // What a page's request finds once whenReady lets it go.
    const found = upkeep.whenReady().then(() => store.upgradeStatus());
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    expect(await run).toBe(true);
    expect((await found).pending).toEqual([]);
    expect(upkeep.status()).toEqual({ state: 'ready' });
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
