/** Where ../shared lives, and a helper to skip tests (with a message) when it is absent. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const SHARED_DIR = process.env.SHARED_DIR ?? resolve(projectRoot, '..', 'shared');

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

export const hasShared = existsSync(join(SHARED_DIR, 'data'));

if (!hasShared) {
  console.warn(`[tests] ${SHARED_DIR}/data is absent: tests that read the shared data set are skipped.`);
}
