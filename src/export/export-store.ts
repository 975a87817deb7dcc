/**
 * Exports the whole store as one file of records (JSON array or NDJSON), built a page of
 * articles at a time: each page is read in its own transaction, serialised, and kept as a Blob
 * part, so neither the page nor memory has to hold the store at once (the browser keeps large
 * Blobs on disk). Runs in the options page; yields between pages so the page stays responsive.
 */
import { readExportPage, type ArticleStore } from '../store';
import { isExportedAsRecord, toExportedRecord } from './to-record';

export type ExportFormat = 'json' | 'ndjson';

export interface ExportProgress {
  articlesDone: number;
  articlesTotal: number;
}

export interface ExportOptions {
  format: ExportFormat;
  /** Articles read per transaction (default 500). */
  pageSize?: number;
  onProgress?: (progress: ExportProgress) => void;
  isCancelled?: () => boolean;
  now?: number;
}

export interface ExportResult {
  blob: Blob;
  fileName: string;
  /** Records written at the top level of the file. */
  records: number;
  /** Articles in the file, including those only inside related lists. */
  articles: number;
  cancelled: boolean;
}

export const EXPORT_TYPES: Record<ExportFormat, string> = { json: 'application/json', ndjson: 'application/x-ndjson' };

export async function exportStore(store: ArticleStore, options: ExportOptions): Promise<ExportResult> {
  const pageSize = options.pageSize ?? 500;
  const articlesTotal = await store.countArticles();
  const parts: Blob[] = [];
  const json = options.format === 'json';
  if (json) parts.push(new Blob(['[\n']));
  let records = 0;
  let articles = 0;
  let cancelled = false;
  let afterId: string | undefined;
  do {
    if (options.isCancelled?.() === true) {
      cancelled = true;
      break;
    }
    const page = await readExportPage(store, afterId, pageSize);
    const lines: string[] = [];
    for (const article of page.articles) {
      articles++;
      const related = page.linked.get(article.id) ?? [];
      if (!isExportedAsRecord(article, related.length > 0, page.linkedTo.has(article.id))) continue;
      lines.push(JSON.stringify(toExportedRecord(article, related, page.feeds.get(article.id))));
    }
    if (lines.length > 0) {
      const text = json ? (records > 0 ? ',\n' : '') + lines.join(',\n') : lines.join('\n') + '\n';
      parts.push(new Blob([text]));
      records += lines.length;
    }
    afterId = page.nextAfterId;
    options.onProgress?.({ articlesDone: articles, articlesTotal: Math.max(articlesTotal, articles) });
    // Serialising a page is synchronous work: let the page paint between pages.
    await new Promise((resolve) => setTimeout(resolve, 0));
  } while (afterId !== undefined);
  if (json) parts.push(new Blob([records > 0 ? '\n]\n' : ']\n']));
  const date = new Date(options.now ?? Date.now()).toISOString().slice(0, 10);
  return {
    blob: new Blob(parts, { type: EXPORT_TYPES[options.format] }),
    fileName: `rest-of-the-story-${date}.${options.format}`,
    records,
    articles,
    cancelled,
  };
}
