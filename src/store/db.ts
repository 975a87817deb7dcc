/**
 * The IndexedDB schema (Dexie). Only src/store talks to this; every other module uses the typed
 * API of ./store. The versions and how each earlier store reaches the current one are in
 * ./migrations (schema steps here, data steps run by the background after opening).
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { SegmentRow } from '../index/segments';
import { finishedStepRows, SCHEMA_STEPS, type SchemaStep } from './migrations';
import type { StoreTables } from './tables';
import type { MetaRow, StoredArticle, StoredFeed, StoredFeedItem, StoredLink } from './types';

export const DATABASE_NAME = 'rest-of-the-story';

/** Why the store is not answering yet, for pages to say while they wait. */
export type ConnectionState = 'open' | 'closed-for-upgrade' | 'blocked';

export class NewsDatabase extends Dexie implements StoreTables {
  articles!: EntityTable<StoredArticle, 'id'>;
  links!: Dexie.Table<StoredLink, [string, string]>;
  meta!: EntityTable<MetaRow, 'key'>;
  feeds!: EntityTable<StoredFeed, 'id'>;
  feedItems!: Dexie.Table<StoredFeedItem, [string, string]>;
  segments!: Dexie.Table<SegmentRow, [number, number]>;

  /** Told when this connection steps aside for an upgrade or waits for others to. */
  onConnectionState: ((state: ConnectionState) => void) | undefined;

  constructor(name: string = DATABASE_NAME, options?: DexieOptions) {
    super(name, options);
    for (const step of declaredSteps()) {
      const version = this.version(step.version).stores(step.stores);
      if (step.upgrade !== undefined) version.upgrade(step.upgrade);
    }
    // A store created now needs no data step.
    this.on('populate', async (tx) => {
      await tx.table<MetaRow, string>('meta').bulkPut(finishedStepRows());
    });
    // Another context (a newer build's worker, a page of it) wants to upgrade: let go at once, so
    // the upgrade is never blocked by this connection; the next query opens the store again at its
    // new version (Dexie reopens on demand).
    this.on('versionchange', () => {
      this.close({ disableAutoOpen: false });
      this.onConnectionState?.('closed-for-upgrade');
      return false;
    });
    // This connection's upgrade waits for an older one to close (they close on versionchange above;
    // a page of the previous build does not know to): say so instead of waiting in silence.
    this.on('blocked', () => this.onConnectionState?.('blocked'));
    this.on('ready', () => this.onConnectionState?.('open'));
  }
}

/**
 * The schema steps Dexie is told of: since Dexie 3 it upgrades from the schema a store actually
 * has, so a version is needed only where an upgrade function runs or a table is deleted, and the
 * last one. The others' changes are folded into the next declared one (their order kept). Each
 * `stores()` call parses every version declared before it again: seven declarations cost ~2 ms of
 * a fresh page's open (interpreted), three a fraction of it.
 */
export function declaredSteps(): SchemaStep[] {
  const out: SchemaStep[] = [];
  let pending: Record<string, string | null> = {};
  SCHEMA_STEPS.forEach((step, i) => {
    pending = { ...pending, ...step.stores };
    const deletes = Object.values(step.stores).some((spec) => spec === null);
    if (step.upgrade === undefined && !deletes && i < SCHEMA_STEPS.length - 1) return;
    out.push({ ...step, stores: pending });
    pending = {};
  });
  return out;
}
