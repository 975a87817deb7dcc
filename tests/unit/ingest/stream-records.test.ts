import { describe, expect, it } from 'vitest';
import { importFiles, type ImportSource } from '../../../src/ingest/import-files';
import { recordPieces, type RecordPiece } from '../../../src/ingest/stream-records';
import { ArticleStore } from '../../../src/store';

async function* inPieces(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function pieces(text: string, size: number): Promise<RecordPiece[]> {
  const out: RecordPiece[] = [];
  for await (const piece of recordPieces(inPieces(text, size))) out.push(piece);
  return out;
}

const tricky = [
  { title: 'Commas, "quotes" and ] brackets }', webUrl: 'https://a.example/1' },
  { title: 'Back\\slash at the end\\', webUrl: 'https://a.example/2', topics: ['x', 'y'] },
  { title: 'Ünïcödé — ✓ and 😀 split across chunks', webUrl: 'https://a.example/3', nested: { deep: [[1], { a: '}' }] } },
];

describe('recordPieces', () => {
  // Every chunk size, down to one byte, cuts strings, escapes and multi-byte characters apart.
  for (const size of [1, 2, 3, 7, 64, 100_000]) {
    it(`splits a JSON array into its elements whatever the chunk size (${size} bytes)`, async () => {
      const text = '\uFEFF  [\n' + tricky.map((r) => JSON.stringify(r)).join(' ,\n') + '\n]\n';
      const out = await pieces(text, size);
      expect(out.map((p) => p.kind)).toEqual(['record', 'record', 'record']);
      expect(out.map((p) => (p.kind === 'record' ? JSON.parse(p.text) : null))).toEqual(tricky);
      expect(out.map((p) => (p.kind === 'record' ? p.where : ''))).toEqual(['record 1', 'record 2', 'record 3']);
    });

    it(`splits NDJSON into lines whatever the chunk size (${size} bytes), CRLF and blank lines too`, async () => {
      const text = tricky.map((r) => JSON.stringify(r)).join('\r\n\r\n') + '\n';
      const out = await pieces(text, size);
      expect(out.map((p) => (p.kind === 'record' ? JSON.parse(p.text) : null))).toEqual(tricky);
      expect(out.map((p) => (p.kind === 'record' ? p.where : ''))).toEqual(['line 1', 'line 3', 'line 5']);
    });
  }

  it('reports an array cut off before its end, keeping the elements before', async () => {
    const out = await pieces('[' + JSON.stringify(tricky[0]) + ',' + JSON.stringify(tricky[1]).slice(0, 20), 5);
    expect(out[0]).toMatchObject({ kind: 'record' });
    expect(out.at(-1)).toEqual({ kind: 'error', where: 'record 2', message: 'the JSON array is not closed: the file ends inside it' });
  });

  it('reads a last line without a newline, and turns C1 controls into their Windows-1252 characters', async () => {
    const out = await pieces('{"title":"a\u0097b","webUrl":"https://a.example/"}', 4);
    expect(out).toEqual([
      { kind: 'warning', where: 'line 1', message: 'control character U+0097 read as Windows-1252' },
      { kind: 'record', where: 'line 1', text: '{"title":"a—b","webUrl":"https://a.example/"}' },
    ]);
  });
});

describe('importFiles streaming', () => {
  it('imports a streamed file with a bad line: the error says where, the records next to it are kept', async () => {
    const text = [JSON.stringify(tricky[0]), '{"title": broken', JSON.stringify({ title: 'no address' }), JSON.stringify(tricky[2])].join('\n');
    const bytes = new TextEncoder().encode(text);
    const source: ImportSource = {
      name: 'big.ndjson',
      size: bytes.length,
      text: async () => text,
      stream: () => new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) }),
    };
    const store = new ArticleStore({ name: 'stream-import' });
    try {
      const progress: number[] = [];
      const report = await importFiles(store, [source], { streamAboveBytes: 0, batchSize: 1, onProgress: (p) => progress.push(p.bytesDone) });
      expect(report.imported).toBe(2);
      expect(report.failed).toBe(2);
      expect(report.errors.map((e) => e.where)).toEqual(['line 2', 'line 3']);
      expect(report.errors[0]!.message).toMatch(/^invalid JSON/);
      expect(progress.at(-1)).toBe(bytes.length);
    } finally {
      store.close();
    }
  });

  it('refuses a JSON array above the in-memory limit only when it cannot be streamed', async () => {
    const store = new ArticleStore({ name: 'stream-limit' });
    try {
      const huge: ImportSource = { name: 'huge.json', size: 60 * 1024 * 1024, text: async () => '[]' };
      const report = await importFiles(store, [huge]);
      expect(report.errors[0]!.message).toMatch(/too large \(60 MB; the limit is 50 MB, or any size as NDJSON\)/);
    } finally {
      store.close();
    }
  });
});
