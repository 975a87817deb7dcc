import { describe, expect, it } from 'vitest';
import { parseRecordJson, type ParsedFile } from '../../../src/ingest/parse-file';
import { articleIdFor } from '../../../src/record/id';
import { STORE_STATE_FIELD, type NewsRecord } from '../../../src/record/record';
import { urlKey } from '../../../src/shared';
import { checkIndex } from '../../../src/store/article-index';
import { articleFromRecord, assembleRecord, prepareRecord, recordFacts, recordUrlKeys } from '../../../src/store/merge';
import { ArticleStore } from '../../../src/store';
import { generatedRecord } from '../../generate-records';

const NOW = Date.parse('2026-12-01T10:00:00Z');

function parsed(raws: Record<string, unknown>[]): NewsRecord[] {
  const file: ParsedFile = { records: [], errors: [], warnings: [] };
  raws.forEach((raw, i) => parseRecordJson('t.ndjson', `line ${i + 1}`, JSON.stringify(raw), file));
  expect(file.errors).toEqual([]);
  expect(file.warnings).toEqual([]);
  return file.records;
}

/** Generated records, and records whose URLs take every path to the URL an article opens: no
 * original URL, an original that is no http(s) URL, AMP URLs, an exported record's kept URL. */
function records(): NewsRecord[] {
  const generated = Array.from({ length: 300 }, (_, i) => generatedRecord(i, 300));
  const base = generatedRecord(0, 1);
  const { originalUrl: _original, webUrl: _web, ampWebUrl: _amp, ...bare } = base as Record<string, unknown>;
  const edge = [
    { ...bare, webUrl: 'https://www.example.com/news/a?utm_source=x' },
    { ...bare, originalUrl: 'https://example-com.cdn.ampproject.org/c/s/example.com/news/b', webUrl: 'https://example.com/news/b/' },
    { ...bare, originalUrl: 'https://example.com/news/c', webUrl: 'https://example.com/news/c' },
    { ...bare, ampWebUrl: 'https://example.com/news/d/amp', webUrl: 'https://www.google.com/amp/s/example.com/news/d' },
    {
      ...bare,
      webUrl: 'https://example.com/news/e',
      [STORE_STATE_FIELD]: { origin: 'record', url: 'https://example.org/kept/e/', urlKeys: ['example.org/kept/e', 'example.com/news/e'], domain: 'example.org', addedAt: new Date(NOW - 1000).toISOString(), updatedAt: new Date(NOW - 500).toISOString(), sourceHashes: [], feeds: [] },
    },
  ];
  const out = parsed([...generated, ...edge]);
  expect(out.filter((record) => record.storeState !== undefined)).toHaveLength(1);
  return out;
}

describe('prepareRecord', () => {
  it("knows the URL key of the URL each article opens, as parsing that URL gives it", () => {
    let checked = 0;
    for (const record of records()) {
      const prepared = prepareRecord(record, 'record', NOW);
      for (const entry of [prepared.own, ...prepared.related]) {
        if (entry.article === undefined) continue;
        expect(entry.openKey).toBe(urlKey(entry.article.url));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("makes from a worker's facts (copied across) the articles a record alone makes", () => {
    for (const record of records()) {
      for (const origin of ['record', 'feed'] as const) {
        const facts = structuredClone(recordFacts(record, origin));
        const assembled = assembleRecord(record, origin, NOW, facts);
        const entries = [{ record, origin, entry: assembled.own }, ...record.related.map((related, i) => ({ record: related, origin: 'related' as const, entry: assembled.related[i]! }))];
        for (const { record: source, origin: entryOrigin, entry } of entries) {
          const keys = recordUrlKeys(source);
          expect(entry.keys).toEqual(keys);
          expect(entry.article).toEqual(keys.length === 0 ? undefined : articleFromRecord(source, articleIdFor(keys[0]!), entryOrigin, NOW));
        }
      }
    }
  });

  it('writes show fields the index check finds right (the keys not parsed again)', async () => {
    const store = new ArticleStore({ name: 'prepare-record-show-keys' });
    try {
      const all = records();
      for (let i = 0; i < all.length; i += 50) await store.upsertRecords(all.slice(i, i + 50), 'record', { now: NOW });
      const findings = await store.db.transaction('r', store.db.articles, store.db.segments, store.db.meta, () => checkIndex(store.db));
      expect(findings).toEqual({ articles: [], buckets: 0 });
    } finally {
      store.close();
    }
  });
});
