/**
 * The store's write generations, kept in `meta`: random tokens that change with every write, so a
 * reader that keeps anything in memory (the engine's lookup cache, the background's tab views, the
 * kept digest) knows whether its copy is still true. Content (articles added, changed, removed)
 * and reading marks (`readAt`) have a generation each: reading a page changes only the second, so
 * it never throws away what lookups cached.
 */
import type { MetaRow } from './types';

/** Articles' content. The key predates the split: what was cached under it stays valid. */
export const CONTENT_GENERATION = 'generation';
/** Reading marks only. */
export const READ_GENERATION = 'readGeneration';

export interface Generations {
  content: string | undefined;
  read: string | undefined;
}

export function newGeneration(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

/** The meta rows to write for a change of content, of reading marks, or both. */
export function generationRows(changed: { content: boolean; read: boolean }): MetaRow[] {
  const rows: MetaRow[] = [];
  if (changed.content) rows.push({ key: CONTENT_GENERATION, value: newGeneration() });
  if (changed.read) rows.push({ key: READ_GENERATION, value: newGeneration() });
  return rows;
}

export function generationOf(row: MetaRow | undefined): string | undefined {
  return typeof row?.value === 'string' ? row.value : undefined;
}
