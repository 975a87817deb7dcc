/**
 * Reads a large record file a piece at a time: NDJSON (one record per line) or a JSON array of
 * records. Memory stays bounded by one record however large the file (an export of a whole store
 * can be hundreds of megabytes). Yields each record's JSON text with where it is in the file.
 */
import { cleanControlCharacters, codePointLabel } from '../shared';
import type { FileProblem } from './parse-file';

export type RecordPiece =
  | { kind: 'record'; where: string; text: string }
  | { kind: 'warning'; where: string; message: string }
  | { kind: 'error'; where?: string; message: string };

/** Which file names may be streamed (`.json` may hold an array or NDJSON: its first character says). */
export function isStreamable(name: string): boolean {
  return /\.(ndjson|jsonl|json)$/i.test(name);
}

/** The record texts of a file's bytes. `chunks` is any async iterable of bytes (a File's stream). */
export async function* recordPieces(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<RecordPiece> {
  const decoder = new TextDecoder('utf-8');
  let mode: 'unknown' | 'ndjson' | 'array' | 'done' = 'unknown';
  // NDJSON: the unfinished last line. Array: the text of the element being read.
  let pending = '';
  let line = 1;
  const array = new ArrayScanner();

  const emit = function* (where: string, raw: string): Generator<RecordPiece> {
    const cleaned = cleanControlCharacters(raw);
    for (const { codePoint } of cleaned.replaced) {
      yield { kind: 'warning', where, message: `control character ${codePointLabel(codePoint)} ${codePoint >= 0x80 && codePoint <= 0x9f ? 'read as Windows-1252' : 'removed'}` };
    }
    if (cleaned.text.trim() !== '') yield { kind: 'record', where, text: cleaned.text };
  };

  const take = function* (text: string, final: boolean): Generator<RecordPiece> {
    if (mode === 'unknown') {
      pending += text;
      const start = pending.replace(/^\uFEFF/, '').trimStart();
      if (start === '') return;
      mode = start.startsWith('[') ? 'array' : 'ndjson';
      text = pending.replace(/^\uFEFF/, '');
      pending = '';
    }
    if (mode === 'ndjson') {
      pending += text;
      let start = 0;
      for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n', start)) {
        yield* emit(`line ${line}`, pending.slice(start, newline).replace(/\r$/, ''));
        line++;
        start = newline + 1;
      }
      pending = pending.slice(start);
      if (final && pending.trim() !== '') yield* emit(`line ${line}`, pending);
      return;
    }
    if (mode === 'array') {
      for (const element of array.push(text)) yield* emit(`record ${element.index}`, element.text);
      if (array.closed) mode = 'done';
      else if (final) yield { kind: 'error', where: `record ${array.count + 1}`, message: 'the JSON array is not closed: the file ends inside it' };
    }
  };

  for await (const chunk of chunks) yield* take(decoder.decode(chunk, { stream: true }), false);
  yield* take(decoder.decode(), true);
}

/**
 * Splits the text of a JSON array into its top-level elements as it arrives: tracks strings,
 * escapes and nesting, and cuts at commas between elements. The elements are parsed elsewhere.
 */
class ArrayScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element = '';
  closed = false;
  count = 0;

  *push(text: string): Generator<{ index: number; text: string }> {
    let from = 0;
    for (let i = 0; i < text.length && !this.closed; i++) {
      const ch = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === 0x5c /* \ */) this.escaped = true;
        else if (ch === 0x22 /* " */) this.inString = false;
        continue;
      }
      if (ch === 0x22) this.inString = true;
      else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
        if (this.depth === 0) from = i + 1; // the array's own bracket
        this.depth++;
      } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) {
        this.depth--;
        if (this.depth === 0) {
          this.closed = true;
          yield* this.finish(this.element + text.slice(from, i));
          this.element = '';
          return;
        }
      } else if (ch === 0x2c /* , */ && this.depth === 1) {
        yield* this.finish(this.element + text.slice(from, i));
        this.element = '';
        from = i + 1;
      }
    }
    if (!this.closed && this.depth > 0) this.element += text.slice(from);
  }

  private *finish(text: string): Generator<{ index: number; text: string }> {
    if (text.trim() === '') return;
    this.count++;
    yield { index: this.count, text };
  }
}

/** A piece that is a problem, as the import report lists it. */
export function pieceProblem(file: string, piece: Exclude<RecordPiece, { kind: 'record' }>): FileProblem {
  return piece.where === undefined ? { file, message: piece.message } : { file, where: piece.where, message: piece.message };
}
