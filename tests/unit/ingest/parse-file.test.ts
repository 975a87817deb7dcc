import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecordFile } from '../../../src/ingest/parse-file';
import { hasShared, sharedPath } from '../../shared-data';

const SEED = 'data/seed/000_b2c8d397f4e24ccf.txt';

describe.skipIf(!hasShared)('parseRecordFile on the shared records', () => {
  it('reads the seed record completely', () => {
    const parsed = parseRecordFile('000_b2c8d397f4e24ccf.txt', readFileSync(sharedPath(SEED), 'utf8'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.records).toHaveLength(1);
    const record = parsed.records[0]!;
    expect(record.title).toBe('China homegrown AI chip development proceeding despite US ban');
    expect(record.excerpt).toMatch(/^China's chipmaking industry continues/);
    expect(record.publishedAt).toBe(Date.parse('2023-10-24T01:41:00Z'));
    expect(record.originalUrl).toBe('https://www.digitimes.com/news/a20231023PD228/us-chip-ban-china-huawei-ai-chips-alibaba-baidu-nvidia-tencent.html');
    expect(record.provider).toEqual({ name: 'Digi Times', domain: 'digitimes.com' });
    expect(record.topics).toEqual(['AI Hardware', 'AI']);
    expect(record.images).toEqual([{ url: 'https://img.digitimes.com/newsshow/20231023pd228_files/1_2b.jpg', width: 1280, height: 853 }]);
    expect(record.quality).toBe(54);
    expect(record.heat).toBe(74);
    expect(record.secured).toMatch(/^f6VQQeoERU/);
    expect(record.related.map((r) => r.title)).toEqual([
      'Chloe Wang of Yang Cheng Fund Optimistic about US Ban on AI Chip Exports',
      'FPT Announces Strategic Partnership with Landing AI, Advancing Artificial Intelligence Development and Education',
    ]);
    expect(record.related[0]!.provider).toEqual({ name: 'The Caledonian Record', domain: 'caledonianrecord.com' });
    expect(record.related[0]!.publishedAt).toBe(Date.parse('2023-10-24T16:14:00Z'));
  });

  it('reads every coronavirus record: 6,241 records, 1,541 with related lists, one cleaned control character', () => {
    const dir = sharedPath('data/smartable/coronavirus');
    const files = readdirSync(dir);
    expect(files).toHaveLength(6241);
    let records = 0;
    let withRelated = 0;
    let relatedEntries = 0;
    const errors = [];
    const warnings = [];
    for (const file of files) {
      const parsed = parseRecordFile(file, readFileSync(`${dir}/${file}`, 'utf8'));
      records += parsed.records.length;
      errors.push(...parsed.errors);
      warnings.push(...parsed.warnings);
      for (const record of parsed.records) {
        expect(record.title).not.toBe('');
        expect(record.webUrl ?? record.originalUrl).toMatch(/^https?:\/\//);
        if (record.related.length > 0) withRelated++;
        relatedEntries += record.related.length;
      }
    }
    expect(errors).toEqual([]);
    expect(records).toBe(6241);
    expect(withRelated).toBe(1541);
    expect(relatedEntries).toBeGreaterThan(1541);
    // The file with a raw U+0097 is imported, with the character read as the em dash it was.
    expect(warnings).toEqual([
      {
        file: '2020-05-07-sweden-is-testing-conservatives-preferred-coronavirus-response-and-its-not-going-well.md',
        where: 'line 4',
        message: 'control character U+0097 read as Windows-1252',
      },
    ]);
    const sweden = parseRecordFile(
      'sweden.md',
      readFileSync(`${dir}/2020-05-07-sweden-is-testing-conservatives-preferred-coronavirus-response-and-its-not-going-well.md`, 'utf8'),
    );
    expect(sweden.records[0]!.excerpt).toContain("Sweden's approach—no lockdown");
  });

  it('reads the newer variant (originalUrl, images[].isCached)', () => {
    const dir = sharedPath('data/smartable/everyday-ai');
    const files = readdirSync(dir);
    expect(files).toHaveLength(9);
    let withImages = 0;
    for (const file of files) {
      const parsed = parseRecordFile(file, readFileSync(`${dir}/${file}`, 'utf8'));
      expect(parsed.errors).toEqual([]);
      expect(parsed.records).toHaveLength(1);
      expect(parsed.records[0]!.originalUrl).toMatch(/^https:\/\//);
      withImages += parsed.records[0]!.images.length > 0 ? 1 : 0;
    }
    expect(withImages).toBe(files.length - filesWithoutImages(dir, files));
  });
});

function filesWithoutImages(dir: string, files: string[]): number {
  return files.filter((file) => !/^images:/m.test(readFileSync(`${dir}/${file}`, 'utf8'))).length;
}

describe('parseRecordFile formats and bad input', () => {
  const frontMatter = (fields: string): string => `---\n${fields}\n---\n`;

  it('reads a JSON array, keeping valid records next to invalid ones', () => {
    const text = JSON.stringify([
      { title: 'One', webUrl: 'https://a.example/1' },
      { title: '', webUrl: 'https://a.example/2' },
      { title: 'Three', webUrl: 'javascript:alert(1)' },
      'not an object',
      { title: 'Five', originalUrl: 'https://a.example/5', publishedDateTime: '2020-05-06T13:36:00Z' },
    ]);
    const parsed = parseRecordFile('batch.json', text);
    expect(parsed.records.map((r) => r.title)).toEqual(['One', 'Five']);
    expect(parsed.errors).toEqual([
      { file: 'batch.json', where: 'record 2', message: 'missing "title"' },
      { file: 'batch.json', where: 'record 3', message: '"Three": no http(s) "webUrl" or "originalUrl"' },
      { file: 'batch.json', where: 'record 4', message: 'a record must be an object of fields' },
    ]);
    // A record that fails gets one error, not warnings as well.
    expect(parsed.warnings).toEqual([]);
  });

  it('reads NDJSON and reports broken lines by number', () => {
    const text = ['{"title":"A","webUrl":"https://a.example/a"}', '', '{"title":"B",', '{"title":"C","webUrl":"https://a.example/c"}'].join('\n');
    const parsed = parseRecordFile('feed.ndjson', text);
    expect(parsed.records.map((r) => r.title)).toEqual(['A', 'C']);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ file: 'feed.ndjson', where: 'line 3' });
    expect(parsed.errors[0]!.message).toMatch(/^invalid JSON/);
  });

  it('reports invalid YAML with its line', () => {
    const parsed = parseRecordFile('bad.md', frontMatter('title: "ok"\nwebUrl: [unclosed'));
    expect(parsed.records).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.file).toBe('bad.md');
    expect(parsed.errors[0]!.message).toMatch(/^invalid YAML/);
    // The front matter opens on line 1: the unclosed list is on line 3.
    expect(parsed.errors[0]!.where).toBe('line 3');
  });

  it('counts the line of invalid YAML in the file, past blank lines before the front matter', () => {
    const parsed = parseRecordFile('bad.md', '\n\n---\ntitle: "ok"\nexcerpt: fine\nwebUrl: "https://a.example/unclosed\n---\n');
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.message).toMatch(/^invalid YAML: Missing closing "quote/);
    // The unclosed quote is on the file's line 6.
    expect(parsed.errors[0]!.where).toBe('line 6');
  });

  it('reports an unclosed quote on the line where it opens, not where the front matter ends', () => {
    for (const quote of ['"', "'"]) {
      const parsed = parseRecordFile('bad.md', `---\ntitle: ${quote}Harbour strike\nexcerpt: Dockers walk out\nwebUrl: https://a.example/1\ntopics: [ports]\n---\n`);
      expect(parsed.errors).toHaveLength(1);
      expect(parsed.errors[0]!.message).toContain(`Missing closing ${quote}quote`);
      expect(parsed.errors[0]!.where).toBe('line 2');
    }
  });

  it('reports unclosed front matter and files that are not records', () => {
    expect(parseRecordFile('open.md', '---\ntitle: x\n').errors[0]!.message).toMatch(/not closed/);
    expect(parseRecordFile('notes.txt', 'hello world').errors[0]!.message).toMatch(/not a news record/);
    expect(parseRecordFile('empty.md', '').errors).toHaveLength(1);
  });

  it('bounds text, drops unsafe URLs and ignores unknown fields', () => {
    const parsed = parseRecordFile(
      'x.md',
      frontMatter(
        [
          `title: "${'Long '.repeat(200)}"`,
          'webUrl: "https://a.example/x"',
          'ampWebUrl: "javascript:alert(1)"',
          'unknownField: 3',
          'images:',
          '  - url: "data:image/png;base64,AAAA"',
          '  - url: "https://img.example/ok.jpg"',
          'related: "not a list"',
        ].join('\n'),
      ),
    );
    const record = parsed.records[0]!;
    expect(record.title.length).toBeLessThanOrEqual(500);
    expect(record.ampWebUrl).toBeUndefined();
    expect(record.images).toEqual([{ url: 'https://img.example/ok.jpg' }]);
    expect(parsed.warnings.map((w) => w.message)).toEqual(['"ampWebUrl" is not an http(s) URL; ignored', '"related" is not a list; ignored']);
  });

  it('keeps a record whose date is unreadable, without the date', () => {
    const parsed = parseRecordFile('d.md', frontMatter('title: T\nwebUrl: "https://a.example/d"\npublishedDateTime: "next tuesday"'));
    expect(parsed.records[0]!.publishedAt).toBeUndefined();
    expect(parsed.warnings[0]!.message).toMatch(/not a date/);
  });
});
