/**
 * Turns one imported file into records. Accepted: one record as YAML front matter between `---`
 * lines (`.md`, `.txt`), a JSON array of records (or one record object), and NDJSON (one record
 * per line). A bad record is reported with where it is; the valid records next to it are kept.
 */
import { CST, Parser, parse as parseYaml, YAMLParseError } from 'yaml';
import { cleanControlCharacters, codePointLabel } from '../shared';
import { toNewsRecord, type NewsRecord } from '../record/record';
import { errorMessage } from '../shared/errors';

export interface FileProblem {
  file: string;
  /** Where in the file, when it is not the whole file: "line 12", "record 3". */
  where?: string;
  message: string;
}

export interface ParsedFile {
  records: NewsRecord[];
  errors: FileProblem[];
  warnings: FileProblem[];
}

export type FileFormat = 'front-matter' | 'json' | 'ndjson';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export function detectFormat(name: string, text: string): FileFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  const start = text.trimStart();
  if (lower.endsWith('.json')) return start.startsWith('[') || !/\n\s*\{/.test(start) ? 'json' : 'ndjson';
  if (start.startsWith('---')) return 'front-matter';
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) return /\}\s*\n\s*\{/.test(start) ? 'ndjson' : 'json';
  return null;
}

export function parseRecordFile(name: string, input: string): ParsedFile {
  const result: ParsedFile = { records: [], errors: [], warnings: [] };
  const cleaned = cleanControlCharacters(input.replace(/^\uFEFF/, ''));
  for (const { codePoint, line } of cleaned.replaced) {
    result.warnings.push({
      file: name,
      where: `line ${line}`,
      message: `control character ${codePointLabel(codePoint)} ${codePoint >= 0x80 && codePoint <= 0x9f ? 'read as Windows-1252' : 'removed'}`,
    });
  }
  const text = cleaned.text;
  const format = detectFormat(name, text);
  if (format === null) {
    result.errors.push({ file: name, message: 'not a news record: expected YAML front matter starting with "---", a JSON array, or NDJSON' });
    return result;
  }
  if (format === 'front-matter') parseFrontMatter(name, text, result);
  else if (format === 'json') parseJson(name, text, result);
  else parseNdjson(name, text, result);
  return result;
}

function addRecord(name: string, where: string | undefined, value: unknown, result: ParsedFile): void {
  const parsed = toNewsRecord(value);
  const at = where === undefined ? {} : { where };
  if (!parsed.ok) {
    result.errors.push({ file: name, ...at, message: parsed.error });
    return;
  }
  result.records.push(parsed.record);
  for (const message of parsed.warnings) result.warnings.push({ file: name, ...at, message });
}

function parseFrontMatter(name: string, text: string, result: ParsedFile): void {
  const lines = text.split(/\r?\n/);
  const open = lines.findIndex((line) => line.trim() !== '');
  const close = lines.findIndex((line, i) => i > open && /^(---|\.\.\.)\s*$/.test(line));
  if (close === -1) {
    result.errors.push({ file: name, message: 'front matter is not closed: no second "---" line' });
    return;
  }
  const yaml = lines.slice(open + 1, close).join('\n');
  let value: unknown;
  try {
    // The core schema keeps timestamps as strings; `uniqueKeys: false` tolerates repeated keys
    // (the last one wins) rather than losing the record.
    value = parseYaml(yaml, { schema: 'core', uniqueKeys: false, maxAliasCount: 100, prettyErrors: false });
  } catch (error) {
    // Without prettyErrors the error has no linePos, only the offset in `yaml`: count its lines.
    const offset = error instanceof YAMLParseError ? (error.code === 'MISSING_CHAR' ? quoteOpening(yaml, error.pos[0]) : undefined) ?? error.pos[0] : undefined;
    const line = offset === undefined ? undefined : yaml.slice(0, offset).split('\n').length + open + 1;
    const message = error instanceof Error ? error.message.split('\n')[0] ?? 'invalid YAML' : 'invalid YAML';
    result.errors.push({ file: name, ...(line === undefined ? {} : { where: `line ${line}` }), message: `invalid YAML: ${message}` });
    return;
  }
  addRecord(name, undefined, value, result);
}

/** Where the quoted scalar that runs on to `end` opens: an unclosed quote is reported at the end of
 * the front matter, but the line to fix is the one where the quote starts. */
function quoteOpening(yaml: string, end: number): number | undefined {
  let found: number | undefined;
  for (const token of new Parser().parse(yaml)) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item) => {
      for (const part of [item.key, item.value]) {
        if (part?.type !== 'double-quoted-scalar' && part?.type !== 'single-quoted-scalar') continue;
        if (part.offset <= end && end <= part.offset + part.source.length) found = part.offset;
      }
    });
  }
  return found;
}

function parseJson(name: string, text: string, result: ParsedFile): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    result.errors.push({ file: name, message: `invalid JSON: ${errorMessage(error)}` });
    return;
  }
  if (Array.isArray(value)) value.forEach((item, i) => addRecord(name, `record ${i + 1}`, item, result));
  else addRecord(name, undefined, value, result);
}

function parseNdjson(name: string, text: string, result: ParsedFile): void {
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() !== '') parseRecordJson(name, `line ${i + 1}`, line, result);
  });
}

/** One record's JSON text (an NDJSON line, an element of a JSON array) into `result`. */
export function parseRecordJson(name: string, where: string, text: string, result: ParsedFile): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    result.errors.push({ file: name, where, message: `invalid JSON: ${errorMessage(error)}` });
    return;
  }
  addRecord(name, where, value, result);
}
