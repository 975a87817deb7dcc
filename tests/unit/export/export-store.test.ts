import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportStore, type ExportFormat } from '../../../src/export/export-store';
import { isExportedAsRecord, toExportedRecord } from '../../../src/export/to-record';
import { importFiles, type ImportSource } from '../../../src/ingest/import-files';
import { parseRecordFile } from '../../../src/ingest/parse-file';
import { pageToRecord } from '../../../src/background/tab-views';
import { ArticleStore, FeedStore } from '../../../src/store';
import { articleFromRecord } from '../../../src/store/merge';
import { hasShared, sharedPath } from '../../shared-data';
import { newsRecord } from '../builders';

const record = newsRecord;

function memorySource(name: string, text: string): ImportSource {
  return { name, size: text.length, text: async () => text };
}

/** A source that hands out its bytes in small, awkward pieces (as a browser File stream would, bigger). */
function streamSource(name: string, text: string, pieceBytes = 97): ImportSource {
  const bytes = new TextEncoder().encode(text);
  return {
    name,
    size: bytes.length,
    text: async () => text,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += pieceBytes) controller.enqueue(bytes.slice(i, i + pieceBytes));
          controller.close();
        },
      }),
  };
}

/** Everything the store holds about articles, in a stable order. The index's article numbers
 * (docno) are the store's own bookkeeping, given afresh on import: not part of an article. */
async function snapshot(store: ArticleStore) {
  const db = store.db;
  const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    articles: byId((await db.articles.toArray()).map(({ docno: _docno, ...article }) => article)),
    links: await db.links.toArray(),
    feedItems: await db.feedItems.toArray(),
    count: await store.countArticles(),
  };
}

const gazette = { name: 'Riverton Gazette', domain: 'riverton-gazette.example' };

/** A store with every kind of article the export must keep apart. */
async function fillVariedStore(store: ArticleStore): Promise<void> {
  // A record with a related list; one entry of it also listed by a second record.
  await store.upsertRecords(
    [
      record({
        title: 'Council backs Main Street bike lanes in 7-2 vote',
        excerpt: 'The council approved protected lanes.',
        originalUrl: 'https://riverton-gazette.example/news/bike-lanes',
        webUrl: 'https://aggregator.example/r/1',
        ampWebUrl: 'https://riverton-gazette.example/news/bike-lanes/amp',
        provider: gazette,
        topics: ['Transport', 'Riverton'],
        tags: ['local'],
        images: [{ url: 'https://img.example/lanes.jpg', width: 1200, height: 800 }],
        quality: 54,
        heat: 71,
        category: 'news',
        type: 'article',
        lang: 'en',
        secured: 'opaque==;x',
        publishedAt: Date.parse('2024-05-14T21:05:00Z'),
        related: [
          record({ title: 'What the lanes mean for drivers', webUrl: 'https://radio.example/drivers', publishedAt: Date.parse('2024-05-15T07:30:00Z') }),
          record({ title: 'Cyclists cheer', webUrl: 'https://metro-cycling.example/cheer' }),
        ],
      }),
      record({
        title: 'Metro cycling group welcomes vote',
        originalUrl: 'https://metro-cycling.example/welcome',
        provider: { name: 'Metro Cycling', domain: 'metro-cycling.example' },
        publishedAt: Date.parse('2024-05-15T10:12:00Z'),
        related: [
          record({ title: 'Cyclists cheer', webUrl: 'https://metro-cycling.example/cheer' }),
          // A link to another record: that article is a record of its own and a nested entry here.
          record({ title: 'Council backs Main Street bike lanes in 7-2 vote', originalUrl: 'https://riverton-gazette.example/news/bike-lanes' }),
        ],
      }),
    ],
    'record',
    { now: Date.parse('2024-05-16T08:00:00Z') },
  );
  // The same article described again with another aggregator address and outlet name: more URL
  // keys than the record's fields hold, and several source hashes.
  await store.upsertRecords(
    [record({ title: 'Metro cycling group welcomes the vote', webUrl: 'https://other-aggregator.example/m?id=9', originalUrl: 'https://metro-cycling.example/welcome', provider: { name: 'Metro Cycling News', domain: 'metro-cycling.example' } })],
    'record',
    { now: Date.parse('2024-05-16T09:00:00Z') },
  );
  // A page the user read (no date), and one record whose linking record is deleted afterwards.
  await store.upsertRecords(
    [
      pageToRecord({
        url: 'http://127.0.0.1:9/lonely.html?utm_source=x',
        canonicalUrl: 'https://harbour.example/library-sunday',
        urls: ['https://harbour.example/library-sunday', 'http://127.0.0.1:9/lonely.html?utm_source=x'],
        title: 'Harbour library opens on Sundays',
        description: 'From June.',
        topics: ['Libraries'],
        signals: [],
        siteName: 'Harbour Herald',
      }),
    ],
    'page',
    { now: Date.parse('2024-05-17T08:00:00Z'), readAt: Date.parse('2024-05-17T08:00:01Z') },
  );
  const doomed = await store.upsertRecords(
    [record({ title: 'Doomed record', webUrl: 'https://doomed.example/a', related: [record({ title: 'Orphaned entry', webUrl: 'https://orphan.example/b' })] })],
    'record',
    { now: Date.parse('2024-05-17T09:00:00Z') },
  );
  await store.deleteArticles([doomed.ids[0]!]);
  // A feed's items, carried by a subscribed feed.
  const feeds = new FeedStore(store);
  const [row] = await feeds.addFeeds([{ url: 'https://riverton-gazette.example/rss', title: 'Gazette' }], Date.parse('2024-05-10T00:00:00Z'));
  await feeds.storeFeedItems(
    row!.feed.id,
    [record({ title: 'Bakery wins regional bread award', originalUrl: 'https://riverton-gazette.example/life/bakery', provider: gazette, publishedAt: Date.parse('2024-05-13T12:00:00Z') })],
    { lastStatus: 'ok' },
    [],
    Date.parse('2024-05-18T08:00:00Z'),
  );
}

async function exportText(store: ArticleStore, format: ExportFormat, pageSize = 3): Promise<{ text: string; records: number; articles: number }> {
  const result = await exportStore(store, { format, pageSize });
  return { text: await result.blob.text(), records: result.records, articles: result.articles };
}

let store: ArticleStore;
let counter = 0;
beforeEach(() => {
  store = new ArticleStore({ name: `export-${++counter}` });
});
afterEach(() => store.close());

describe('toExportedRecord', () => {
  it('writes the record fields the importer reads, dates as ISO 8601, and the kept state', () => {
    const source = record({
      title: 'T',
      excerpt: 'E',
      originalUrl: 'https://a.example/x',
      webUrl: 'https://agg.example/1',
      provider: { name: 'A', domain: 'a.example' },
      topics: ['One'],
      tags: ['t'],
      images: [{ url: 'https://img.example/1.jpg', width: 10 }],
      quality: 3,
      heat: 4,
      category: 'news',
      type: 'article',
      lang: 'fr',
      secured: 's',
      publishedAt: Date.UTC(2020, 4, 6, 1, 2, 3, 4),
    });
    const article = articleFromRecord(source, 'a1', 'record', Date.UTC(2021, 0, 1));
    const exported = toExportedRecord(article, [articleFromRecord(record({ title: 'R', webUrl: 'https://r.example/' }), 'a2', 'related', 5)], [
      { url: 'https://a.example/rss', firstSeenAt: 1000, lastSeenAt: 2000 },
    ]);
    expect(exported).toMatchObject({
      title: 'T',
      excerpt: 'E',
      publishedDateTime: '2020-05-06T01:02:03.004Z',
      originalUrl: 'https://a.example/x',
      webUrl: 'https://agg.example/1',
      provider: { name: 'A', domain: 'a.example' },
      topics: ['One'],
      tags: ['t'],
      images: [{ url: 'https://img.example/1.jpg', width: 10 }],
      quality: 3,
      heat: 4,
      category: 'news',
      type: 'article',
      lang: 'fr',
      secured: 's',
      restOfTheStory: {
        origin: 'record',
        url: 'https://a.example/x',
        urlKeys: ['a.example/x', 'agg.example/1'],
        addedAt: '2021-01-01T00:00:00.000Z',
        feeds: [{ url: 'https://a.example/rss', firstSeenAt: '1970-01-01T00:00:01.000Z', lastSeenAt: '1970-01-01T00:00:02.000Z' }],
      },
    });
    expect(exported.related).toHaveLength(1);
    expect(exported.related![0]).toMatchObject({ title: 'R', webUrl: 'https://r.example/', restOfTheStory: { origin: 'related' } });
    expect(exported.restOfTheStory.readAt).toBeUndefined();
    // What the importer makes of it is the same article.
    const parsed = parseRecordFile('x.json', JSON.stringify(exported));
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(articleFromRecord(parsed.records[0]!, 'a1', 'record', 99)).toEqual(article);
  });

  it('writes an article known only from related lists inside them, unless nothing links to it or it links out', () => {
    const related = articleFromRecord(record({ title: 'R', webUrl: 'https://r.example/' }), 'a2', 'related', 5);
    const own = articleFromRecord(record({ title: 'O', webUrl: 'https://o.example/' }), 'a3', 'record', 5);
    expect(isExportedAsRecord(related, false, true)).toBe(false);
    expect(isExportedAsRecord(related, false, false)).toBe(true);
    expect(isExportedAsRecord(related, true, true)).toBe(true);
    expect(isExportedAsRecord(own, false, true)).toBe(true);
  });
});

describe('exportStore', () => {
  for (const format of ['ndjson', 'json'] as const) {
    it(`${format}: export → delete all → import gives the same store; importing it again changes nothing`, async () => {
      await fillVariedStore(store);
      const before = await snapshot(store);
      const { text, records, articles } = await exportText(store, format);
      expect(articles).toBe(before.count);
      // Related-only articles are inside their lists; the orphaned entry is a record of its own.
      expect(records).toBe(before.articles.filter((a) => a.origin !== 'related').length + 1);
      if (format === 'json') expect(Array.isArray(JSON.parse(text))).toBe(true);
      else expect(text.trimEnd().split('\n')).toHaveLength(records);

      await store.clear();
      expect(await store.countArticles()).toBe(0);
      const report = await importFiles(store, [memorySource(`backup.${format}`, text)]);
      expect(report).toMatchObject({ imported: records, updated: 0, duplicates: 0, failed: 0, relatedAdded: articles - records, errors: [], warnings: [] });
      expect(await snapshot(store)).toEqual(before);

      const again = await importFiles(store, [memorySource(`backup.${format}`, text)]);
      expect(again).toMatchObject({ imported: 0, updated: 0, duplicates: records, failed: 0, relatedAdded: 0 });
      expect(await snapshot(store)).toEqual(before);
    });
  }

  it('keeps what only the store knows: read time, origin, extra URL aliases, feed memberships, ids', async () => {
    await fillVariedStore(store);
    const { text } = await exportText(store, 'ndjson');
    await store.clear();
    await importFiles(store, [memorySource('backup.ndjson', text)]);
    const read = await store.findByUrls(['http://127.0.0.1:9/lonely.html']);
    expect(read).toMatchObject({ origin: 'page', readAt: Date.parse('2024-05-17T08:00:01Z') });
    expect(read?.publishedAt).toBeUndefined();
    // Found by the aggregator address of its second description, which no record field holds.
    const merged = await store.findByUrls(['https://other-aggregator.example/m?id=9']);
    expect(merged?.title).toBe('Metro cycling group welcomes the vote');
    expect(await store.findByUrls(['https://orphan.example/b'])).toMatchObject({ origin: 'related', title: 'Orphaned entry' });
    const feeds = new FeedStore(store);
    const [feed] = await feeds.listFeeds();
    expect(feed?.itemCount).toBe(1);
  });

  it('imports an export into a store that holds other things without losing them', async () => {
    await fillVariedStore(store);
    const { text } = await exportText(store, 'ndjson');
    const other = new ArticleStore({ name: `export-other-${counter}` });
    try {
      await other.upsertRecords([record({ title: 'Already here', webUrl: 'https://here.example/1' })], 'record');
      await importFiles(other, [memorySource('backup.ndjson', text)]);
      expect(await other.countArticles()).toBe((await store.countArticles()) + 1);
      expect(await other.findByUrls(['https://here.example/1'])).toBeDefined();
    } finally {
      other.close();
    }
  });

  it('reads large exports as a stream, NDJSON and JSON array alike, a piece at a time', async () => {
    await fillVariedStore(store);
    const before = await snapshot(store);
    for (const format of ['ndjson', 'json'] as const) {
      const { text, records } = await exportText(store, format);
      await store.clear();
      const report = await importFiles(store, [streamSource(`backup.${format}`, text)], { streamAboveBytes: 0 });
      expect(report).toMatchObject({ imported: records, failed: 0, errors: [] });
      expect(await snapshot(store)).toEqual(before);
    }
  });

  it('exports an empty store as an empty, importable file', async () => {
    for (const format of ['ndjson', 'json'] as const) {
      const { text, records } = await exportText(store, format);
      expect(records).toBe(0);
      const report = await importFiles(store, [memorySource(`empty.${format}`, text)]);
      expect(report.failed).toBe(0);
    }
  });
});

describe.skipIf(!hasShared)('exportStore on real records', () => {
  it('round-trips 800 files of the coronavirus corpus (with their related lists) losslessly', async () => {
    const dir = sharedPath('data/smartable/coronavirus');
    const files = readdirSync(dir).slice(0, 800);
    const report = await importFiles(
      store,
      files.map((file) => memorySource(file, readFileSync(`${dir}/${file}`, 'utf8'))),
    );
    expect(report.failed).toBe(0);
    const before = await snapshot(store);
    expect(before.links.length).toBeGreaterThan(100);
    const { text, records } = await exportText(store, 'ndjson', 250);
    await store.clear();
    const restored = await importFiles(store, [memorySource('corpus.ndjson', text)]);
    expect(restored).toMatchObject({ imported: records, duplicates: 0, failed: 0 });
    expect(await snapshot(store)).toEqual(before);
    // The original files again change nothing either: their descriptions are known.
    const again = await importFiles(
      store,
      files.map((file) => memorySource(file, readFileSync(`${dir}/${file}`, 'utf8'))),
    );
    expect(again.imported + again.updated).toBe(0);
    expect(await snapshot(store)).toEqual(before);
  });
});
