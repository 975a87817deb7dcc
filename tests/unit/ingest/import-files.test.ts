import { readdirSync, readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles, type ImportProgress, type ImportSource } from '../../../src/ingest/import-files';
import { ArticleStore } from '../../../src/store';
import { hasShared, sharedPath } from '../../shared-data';

function fileSource(path: string, name = path.split('/').pop()!): ImportSource {
  return { name, size: statSync(path).size, text: async () => readFileSync(path, 'utf8') };
}

function memorySource(name: string, text: string): ImportSource {
  return { name, size: text.length, text: async () => text };
}

let store: ArticleStore | undefined;
afterEach(() => store?.close());

describe.skipIf(!hasShared)('importFiles over the whole coronavirus corpus', () => {
  it('imports 6,241 files in one go, reports duplicates, and re-import changes nothing', async () => {
    store = new ArticleStore({ name: 'import-corpus' });
    const dir = sharedPath('data/smartable/coronavirus');
    const sources = readdirSync(dir).map((file) => fileSource(`${dir}/${file}`));
    const progress: ImportProgress[] = [];
    const first = await importFiles(store, sources, { onProgress: (p) => progress.push(p) });
    expect(first.files).toBe(6241);
    expect(first.failed).toBe(0);
    expect(first.errors).toEqual([]);
    expect(first.warnings).toHaveLength(1);
    // Every record is accounted for: new, or a duplicate/update of one with the same URL.
    expect(first.imported + first.updated + first.duplicates).toBe(6241);
    expect(first.imported).toBeGreaterThan(6000);
    // 123 webUrls appear in more than one file, each time with other content (live pages that
    // changed): the later files update the article; none is an exact duplicate.
    expect(first.updated).toBeGreaterThanOrEqual(123);
    expect(first.duplicates).toBe(0);
    // Most related entries are records of the corpus themselves; the rest are new articles.
    expect(first.relatedAdded).toBeGreaterThan(0);
    expect(await store.countArticles()).toBe(first.imported + first.relatedAdded);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toMatchObject({ filesDone: 6241, filesTotal: 6241 });

    const count = await store.countArticles();
    expect(count).toBe(await store.db.articles.count());
    const links = await store.db.links.count();
    const snapshot = await store.db.articles.orderBy('id').toArray();

    const second = await importFiles(store, sources);
    expect(second.imported).toBe(0);
    expect(second.updated).toBe(0);
    expect(second.duplicates).toBe(6241);
    expect(second.relatedAdded).toBe(0);
    expect(await store.countArticles()).toBe(count);
    expect(await store.db.links.count()).toBe(links);
    expect(await store.db.articles.orderBy('id').toArray()).toEqual(snapshot);
  });
});

describe('importFiles with bad files', () => {
  it('keeps going past failures, reports each with its file, and loses nothing stored', async () => {
    store = new ArticleStore({ name: 'import-bad' });
    await importFiles(store, [memorySource('good.json', JSON.stringify([{ title: 'Kept', webUrl: 'https://a.example/kept' }]))]);
    const report = await importFiles(store, [
      memorySource('broken.md', '---\ntitle: [\n---\n'),
      memorySource('picture.png', 'PNG'),
      memorySource('mixed.ndjson', '{"title":"New","webUrl":"https://a.example/new"}\nnot json\n'),
      { name: 'unreadable.md', size: 10, text: async () => Promise.reject(new Error('permission denied')) },
      { name: 'huge.json', size: 60 * 1024 * 1024, text: async () => '[]' },
    ]);
    expect(report.imported).toBe(1);
    expect(report.failed).toBe(5);
    expect(report.errors.map((e) => e.file)).toEqual(['broken.md', 'picture.png', 'mixed.ndjson', 'unreadable.md', 'huge.json']);
    expect(report.errors.find((e) => e.file === 'mixed.ndjson')!.where).toBe('line 2');
    expect(report.errors.find((e) => e.file === 'unreadable.md')!.message).toMatch(/permission denied/);
    expect(report.errors.find((e) => e.file === 'huge.json')!.message).toMatch(/too large/);
    expect((await store.findByUrls(['https://a.example/kept']))?.title).toBe('Kept');
    expect(await store.countArticles()).toBe(2);
  });

  it('reports the files of a batch that could not be stored, and continues', async () => {
    store = new ArticleStore({ name: 'import-store-failure' });
    const failing = Object.create(store) as ArticleStore;
    let calls = 0;
    // The import writes batches prepared ahead (src/ingest/batch-writer.ts).
    failing.upsertPrepared = async (...args) => {
      calls++;
      if (calls === 1) throw new Error('QuotaExceededError');
      return store!.upsertPrepared(...args);
    };
    const report = await importFiles(
      failing,
      [memorySource('a.json', '[{"title":"A","webUrl":"https://a.example/a"}]'), memorySource('b.json', '[{"title":"B","webUrl":"https://a.example/b"}]')],
      { batchSize: 1 },
    );
    expect(report.failed).toBe(1);
    expect(report.errors).toEqual([{ file: 'a.json', message: 'could not be stored: QuotaExceededError' }]);
    expect(report.imported).toBe(1);
  });
});
