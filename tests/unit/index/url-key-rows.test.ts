import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleIdFor } from '../../../src/record/id';
import { buildUrlKeyRow, byShard, compactUrlKeyRows, gonePairsOf, idCode, idsUnderHash, pairsOf, shardOf, urlKeyChanges, urlKeyHash, URL_KEY_SHARDS, type UrlKeyPair, type UrlKeyRow } from '../../../src/index/url-key-rows';

const pair = (hash: number, id: string): UrlKeyPair => ({ hash, id });

describe('URL-key rows', () => {
  it('file a key under the top 5 bits of its 53-bit hash', () => {
    for (const key of ['example.com/a', 'news.example/2026/12/05/story', 'x']) {
      const hash = urlKeyHash(key);
      expect(Number.isSafeInteger(hash)).toBe(true);
      expect(hash).toBeLessThan(2 ** 53);
      expect(shardOf(hash)).toBe(Math.floor(hash / 2 ** 48));
    }
    expect(shardOf(0)).toBe(0);
    expect(shardOf(2 ** 53 - 1)).toBe(URL_KEY_SHARDS - 1);
    // Keys spread over the shards (a lookup reads one shard's rows, so none may hold most keys).
    const counts = new Map<number, number>();
    for (let i = 0; i < 3_200; i++) counts.set(shardOf(urlKeyHash(`site${i % 97}.example/story/${i}`)), (counts.get(shardOf(urlKeyHash(`site${i % 97}.example/story/${i}`))) ?? 0) + 1);
    expect(counts.size).toBe(URL_KEY_SHARDS);
    expect(Math.max(...counts.values())).toBeLessThan(200);
  });

  it('keep a row\'s pairs sorted by hash then id, each once, and find every id under a hash', () => {
    const row = buildUrlKeyRow(3, 0, [pair(30, 'b'), pair(10, 'z'), pair(30, 'a'), pair(10, 'z'), pair(20, 'c')]);
    expect([...row.hashes]).toEqual([10, 20, 30, 30]);
    expect(pairsOf(row).map((p) => p.id)).toEqual(['z', 'c', 'a', 'b']);
    expect(row.goneHashes).toBeUndefined();
    const later = buildUrlKeyRow(3, 1, [pair(30, 'c'), pair(40, 'd')]);
    expect(idsUnderHash([row, later], 30)).toEqual(['a', 'b', 'c']);
    expect(idsUnderHash([row, later], 10)).toEqual(['z']);
    expect(idsUnderHash([row, later], 25)).toEqual([]);
    expect(idsUnderHash([row, later], 99)).toEqual([]);
    expect(idsUnderHash([], 30)).toEqual([]);
  });

  it('hold ids as numbers, and give back every kind of id as it was written', () => {
    const padded = articleIdFor('news.example/a'); // 'a' + 11 base-36 digits
    const small = 'a' + '0000000001z'; // a padded id with leading zeros
    const unpadded = 'a1z'; // the first release's ids: not padded
    const other = 'r-not-an-article-id';
    expect(idCode(padded)).toBe(urlKeyHash('news.example/a'));
    expect(idCode(small)).toBe(71);
    expect(idCode(unpadded)).toBe(-72);
    expect(idCode(other)).toBeUndefined();
    const row = buildUrlKeyRow(0, 0, [pair(1, padded), pair(1, small), pair(2, unpadded), pair(3, other)], [pair(4, other), pair(5, unpadded)]);
    expect(row.ids).toBeInstanceOf(Float64Array);
    expect(row.named).toEqual([other]);
    expect(pairsOf(row)).toEqual([pair(1, small), pair(1, padded), pair(2, unpadded), pair(3, other)].sort((a, b) => a.hash - b.hash || (a.id < b.id ? -1 : 1)));
    expect(gonePairsOf(row)).toEqual([pair(4, other), pair(5, unpadded)]);
    expect(idsUnderHash([row], 3)).toEqual([other]);
    expect(pairsOf(compactUrlKeyRows(0, 1, [row, buildUrlKeyRow(0, 1, [pair(9, 'x')], [pair(3, other)])]))).toEqual([pair(1, small), pair(1, padded), pair(2, unpadded), pair(9, 'x')].sort((a, b) => a.hash - b.hash || (a.id < b.id ? -1 : 1)));
  });

  it('compact a shard\'s rows in seq order: a gone pair leaves the older rows only', () => {
    const rows: UrlKeyRow[] = [
      buildUrlKeyRow(5, 2, [pair(7, 'a')]), // stored again after it was deleted (seq 1)
      buildUrlKeyRow(5, 0, [pair(7, 'a'), pair(8, 'b'), pair(9, 'c')]),
      buildUrlKeyRow(5, 1, [pair(9, 'd')], [pair(7, 'a'), pair(9, 'c')]),
    ];
    const merged = compactUrlKeyRows(5, 3, rows);
    expect(merged).toMatchObject({ shard: 5, seq: 3 });
    expect(pairsOf(merged)).toEqual([pair(7, 'a'), pair(8, 'b'), pair(9, 'd')]);
    expect(merged.goneHashes).toBeUndefined();
  });

  it('compaction holds exactly what a set of pairs would, over any sequence of writes', () => {
    const write = fc.record({
      added: fc.array(fc.record({ hash: fc.integer({ min: 0, max: 12 }), id: fc.constantFrom('a', 'b', 'c', 'd') }), { maxLength: 6 }),
      gone: fc.array(fc.record({ hash: fc.integer({ min: 0, max: 12 }), id: fc.constantFrom('a', 'b', 'c', 'd') }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 20 }), fc.integer({ min: 2, max: 6 }), (writes, every) => {
        const model = new Set<string>();
        let rows: UrlKeyRow[] = [];
        writes.forEach(({ added, gone }, seq) => {
          // What a write does: the pairs that left, then those it added.
          for (const p of gone) model.delete(`${p.hash} ${p.id}`);
          for (const p of added) model.add(`${p.hash} ${p.id}`);
          rows.push(buildUrlKeyRow(0, seq, added, gone));
          if (rows.length >= every) rows = [compactUrlKeyRows(0, seq + 0.5, rows)];
        });
        const final = pairsOf(compactUrlKeyRows(0, writes.length, rows)).map((p) => `${p.hash} ${p.id}`);
        expect(final.sort()).toEqual([...model].sort());
        // Readers may see more (a gone pair still in an older row) but never miss a live one.
        for (const key of model) {
          const [hash, id] = key.split(' ');
          expect(idsUnderHash(rows, Number(hash))).toContain(id);
        }
      }),
    );
  });

  it('add the keys an article gains, and all of an article\'s pairs leave with it', () => {
    const h = urlKeyHash;
    expect(urlKeyChanges(undefined, { id: 'a', urls: ['x', 'y'] })).toEqual({ added: [pair(h('x'), 'a'), pair(h('y'), 'a')], gone: [] });
    expect(urlKeyChanges({ id: 'a', urls: ['x'] }, { id: 'a', urls: ['x', 'y'] })).toEqual({ added: [pair(h('y'), 'a')], gone: [] });
    expect(urlKeyChanges({ id: 'a', urls: ['x', 'y'] }, { id: 'a', urls: ['x', 'y'] })).toEqual({ added: [], gone: [] });
    // A key lost while the article stays is left: readers check the row.
    expect(urlKeyChanges({ id: 'a', urls: ['x', 'y'] }, { id: 'a', urls: ['x'] })).toEqual({ added: [], gone: [] });
    expect(urlKeyChanges({ id: 'a', urls: ['x', 'y'] }, undefined)).toEqual({ added: [], gone: [pair(h('x'), 'a'), pair(h('y'), 'a')] });
    expect(urlKeyChanges(undefined, undefined)).toEqual({ added: [], gone: [] });
    const grouped = byShard([pair(2 ** 48 * 3 + 1, 'a'), pair(5, 'b'), pair(2 ** 48 * 3, 'c')]);
    expect([...grouped.keys()]).toEqual([3, 0]);
    expect(grouped.get(3)!.map((p) => p.id)).toEqual(['a', 'c']);
  });
});
