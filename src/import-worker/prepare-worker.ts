/**
 * The preparation worker: a dedicated module worker started by a batch writer's preparer
 * (./preparer.ts) to prepare records (prepareRecord) beside the thread that writes them. It
 * touches no storage; it says it is ready once loaded, then answers each request in turn.
 */
import type { PrepareEvent } from '../messaging/protocol';
import { answerPrepareRequest } from './preparer';

interface WorkerScope {
  postMessage(message: PrepareEvent): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.addEventListener('message', (message) => {
  const answer = answerPrepareRequest(message.data);
  if (answer !== null) scope.postMessage(answer);
});
scope.postMessage({ type: 'preparer-ready' });
