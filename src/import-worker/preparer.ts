/**
 * The preparation worker's writer side: a RecordPreparer (src/ingest/batch-writer.ts) that hands
 * each batch's records to a worker of its own (./prepare-worker.ts), which runs the pure part of
 * their write (prepareRecord: URL keys, index terms, description hashes) on another core while the
 * writer's thread runs the previous batch's transaction. Started by the import worker and by the
 * engine benchmark's page, so both measure and run the same path. Where no worker can start, or it
 * stops, the writer prepares on its own thread as before: the answers are the same either way.
 */
import { PreparerLost, type RecordPreparer } from '../ingest/batch-writer';
import { parsePrepareEvent, parsePrepareRequest, type PrepareEvent, type PrepareRequest } from '../messaging/protocol';
import type { NewsRecord } from '../record/record';
import { errorMessage } from '../shared/errors';
import { recordFacts, type RecordFacts } from '../store/merge';
import type { ArticleOrigin } from '../store/types';

/** What the preparer uses of a Worker (a test passes a double). */
export interface PreparerPort {
  postMessage(message: PrepareRequest): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { preventDefault(): void }) => void): void;
  terminate(): void;
}

/** Starts a preparation worker; null where workers cannot be started here. */
export function startPreparationWorker(): RecordPreparer | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new WorkerPreparer(new Worker(new URL('./prepare-worker.ts', import.meta.url), { type: 'module', name: 'prepare' }));
  } catch {
    return null;
  }
}

interface Pending {
  count: number;
  resolve: (entries: RecordFacts[]) => void;
  reject: (error: unknown) => void;
}

export class WorkerPreparer implements RecordPreparer {
  /** The worker has loaded and answers (set by its first message). */
  ready = false;
  private lost = false;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly port: PreparerPort) {
    port.addEventListener('message', (event) => this.receive(event.data));
    // A worker that fails to load or throws: its error stays here (not the thread's own), and
    // what it had not answered is prepared by the writer.
    port.addEventListener('error', (event) => {
      event.preventDefault();
      this.lose();
    });
    port.addEventListener('messageerror', () => this.lose());
  }

  prepare(records: readonly NewsRecord[], origin: ArticleOrigin, now: number): Promise<RecordFacts[]> {
    if (this.lost) return Promise.reject(new PreparerLost());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { count: records.length, resolve, reject });
      try {
        this.port.postMessage({ type: 'prepare', id, origin, now, records: [...records] });
      } catch (error) {
        // A record that cannot be copied to the worker: prepared by the writer, which has it.
        this.pending.delete(id);
        reject(new PreparerLost(`the records could not be sent to the preparation worker: ${errorMessage(error)}`));
      }
    });
  }

  close(): void {
    this.lose();
  }

  private receive(data: unknown): void {
    const event = parsePrepareEvent(data);
    if (event === null) return this.lose();
    if (event.type === 'preparer-ready') {
      this.ready = !this.lost;
      return;
    }
    const pending = this.pending.get(event.id);
    if (pending === undefined) return;
    this.pending.delete(event.id);
    if (event.type === 'prepare-failed') pending.reject(new Error(event.message));
    else if (event.entries.length !== pending.count) pending.reject(new PreparerLost('the preparation worker answered for other records'));
    else pending.resolve(event.entries);
  }

  private lose(): void {
    if (this.lost) return;
    this.lost = true;
    this.ready = false;
    this.port.terminate();
    for (const pending of this.pending.values()) pending.reject(new PreparerLost());
    this.pending.clear();
  }
}

/** The preparation worker's answer to one message (null: not a request, no answer). */
export function answerPrepareRequest(data: unknown): PrepareEvent | null {
  const request = parsePrepareRequest(data);
  if (request === null) return null;
  try {
    // Facts, not whole articles: the writer has the records and assembles them (a fraction of the
    // bytes to copy back across threads).
    const entries = request.records.map((record) => recordFacts(record, request.origin));
    return { type: 'prepared', id: request.id, entries };
  } catch (error) {
    return { type: 'prepare-failed', id: request.id, message: errorMessage(error) };
  }
}
