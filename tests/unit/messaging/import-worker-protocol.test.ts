import { describe, expect, it } from 'vitest';
import { importFiles, type ImportReport } from '../../../src/ingest/import-files';
import { parseImportWorkerEvent, parseImportWorkerRequest } from '../../../src/messaging/protocol';
import { ArticleStore } from '../../../src/store';

const file = (name: string, text: string): File => new File([text], name, { type: 'application/x-ndjson' });

const report: ImportReport = {
  files: 2,
  imported: 3,
  updated: 0,
  duplicates: 1,
  failed: 1,
  relatedAdded: 0,
  errors: [{ file: 'a.ndjson', where: 'line 2', message: 'invalid JSON: Unexpected token' }],
  warnings: [{ file: 'b.md', message: 'no date' }],
  durationMs: 12,
};

describe('import worker messages', () => {
  it('accepts a start with Files and nothing else', () => {
    const files = [file('a.ndjson', '{}\n'), file('b.md', '---\n---\n')];
    expect(parseImportWorkerRequest({ type: 'import-start', files })).toEqual({ type: 'import-start', files });
    expect(parseImportWorkerRequest({ type: 'import-start', files: [] })).toEqual({ type: 'import-start', files: [] });
    expect(parseImportWorkerRequest({ type: 'import-start', files: ['a.ndjson'] })).toBeNull();
    expect(parseImportWorkerRequest({ type: 'import-start', files: [new Blob(['x'])] })).toBeNull();
    expect(parseImportWorkerRequest({ type: 'import-start' })).toBeNull();
    expect(parseImportWorkerRequest({ type: 'store-changed' })).toBeNull();
    expect(parseImportWorkerRequest(null)).toBeNull();
  });

  it('accepts progress, a report and a failure as they are sent', () => {
    const progress = { filesDone: 1, filesTotal: 2, recordsStored: 300, bytesDone: 1000, bytesTotal: 5000 };
    expect(parseImportWorkerEvent({ type: 'import-progress', progress })).toEqual({ type: 'import-progress', progress });
    expect(parseImportWorkerEvent({ type: 'import-done', report })).toEqual({ type: 'import-done', report });
    // An import that storage stopped keeps saying so when its report reaches the page.
    const stopped: ImportReport = { ...report, storageFull: 'The browser storage is full.' };
    expect(parseImportWorkerEvent({ type: 'import-done', report: stopped })).toEqual({ type: 'import-done', report: stopped });
    expect(parseImportWorkerEvent({ type: 'import-failed', message: 'quota exceeded' })).toEqual({ type: 'import-failed', message: 'quota exceeded' });
    expect(parseImportWorkerEvent({ type: 'import-failed', message: 'quota exceeded', storageFull: true })).toEqual({ type: 'import-failed', message: 'quota exceeded', storageFull: true });
    expect(parseImportWorkerEvent({ type: 'import-failed', message: 'x', storageFull: 'yes' })).toEqual({ type: 'import-failed', message: 'x' });
  });

  it('rejects malformed events rather than showing them', () => {
    const progress = { filesDone: 1, filesTotal: 2, recordsStored: 300, bytesDone: 1000, bytesTotal: 5000 };
    expect(parseImportWorkerEvent({ type: 'import-progress', progress: { ...progress, bytesDone: NaN } })).toBeNull();
    expect(parseImportWorkerEvent({ type: 'import-progress', progress: { ...progress, filesDone: -1 } })).toBeNull();
    expect(parseImportWorkerEvent({ type: 'import-progress', progress: { ...progress, recordsStored: '300' } })).toBeNull();
    expect(parseImportWorkerEvent({ type: 'import-done', report: { ...report, imported: undefined } })).toBeNull();
    expect(parseImportWorkerEvent({ type: 'import-done', report: { ...report, errors: [{ file: 'a', message: 3 }] } })).toBeNull();
    expect(parseImportWorkerEvent({ type: 'import-done', report: { ...report, warnings: [{ file: 'a', where: 2, message: 'x' }] } })).toBeNull();
    expect(parseImportWorkerEvent({ type: 'import-done', report: { ...report, errors: 'none' } })).toBeNull();
    expect(parseImportWorkerEvent({ type: 'import-done', report: { ...report, storageFull: true } })).toBeNull();
    expect(parseImportWorkerEvent({ type: 'import-failed' })).toBeNull();
    expect(parseImportWorkerEvent({ type: 'import-start', files: [] })).toBeNull();
    expect(parseImportWorkerEvent('import-done')).toBeNull();
  });

  it('keeps only the fields of the format (a problem with extra fields is copied without them)', () => {
    const parsed = parseImportWorkerEvent({ type: 'import-done', report: { ...report, errors: [{ file: 'a', message: 'm', extra: '<b>' }], extra: 1 } });
    expect(parsed).toEqual({ type: 'import-done', report: { ...report, errors: [{ file: 'a', message: 'm' }] } });
  });

  it('a real report survives the structured clone a worker message goes through', async () => {
    const store = new ArticleStore({ name: 'import-worker-protocol' });
    try {
      const real = await importFiles(store, [file('mixed.ndjson', '{"title":"A title","webUrl":"https://example.com/a"}\nnot json\n')]);
      expect(real.imported).toBe(1);
      expect(real.failed).toBe(1);
      expect(parseImportWorkerEvent(structuredClone({ type: 'import-done', report: real }))).toEqual({ type: 'import-done', report: real });
    } finally {
      store.close();
    }
  });
});
