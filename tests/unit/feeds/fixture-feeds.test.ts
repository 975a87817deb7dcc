/** The project's own feed fixtures (tests/fixtures/feeds), as the e2e test serves them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../src/feeds/decode';
import { discoverFeeds } from '../../../src/feeds/discover';
import { parseFeed } from '../../../src/feeds/parse-feed';
import { feedItemsToRecords } from '../../../src/feeds/to-records';

const dir = join(__dirname, '..', '..', 'fixtures', 'feeds');
const load = (file: string, url: string) => parseFeed(decodeFeedBytes(readFileSync(join(dir, file)), 'application/xml').text, url);

describe('fixture feeds', () => {
  it('RSS 2.0: relative links against the channel link, HTML and scripts out of descriptions, named zones', () => {
    const feed = load('harbour-herald.xml', 'http://127.0.0.1:1/feeds/harbour-herald.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'Harbour Herald', siteUrl: 'https://harbour-herald.example/', language: 'en-gb' });
    expect(feed.items[0]).toMatchObject({
      link: 'https://harbour-herald.example/news/riverton-main-street-bike-lanes',
      summary: "Riverton's city council voted 7-2 to build protected bike lanes on Main Street, removing 140 parking spaces.",
      publishedAt: Date.parse('2024-05-14T19:05:00Z'),
    });
  });

  it('Atom: xml:base, HTML titles and summaries, XHTML content', () => {
    const feed = load('valley-voice.atom', 'http://127.0.0.1:1/feeds/valley-voice.atom');
    expect(feed.title).toBe('Valley Voice');
    expect(feed.siteUrl).toBe('https://valley-voice.example/');
    expect(feed.items.map((i) => i.link)).toEqual(['https://valley-voice.example/stories/2024/riverton-bike-lanes', 'https://valley-voice.example/stories/2024/cherry-harvest']);
    expect(feed.items[0]!.publishedAt).toBe(Date.parse('2024-05-15T05:30:00Z'));
    expect(feed.items[1]!.summary).toBe('Warm weather brought the blossom forward.');
  });

  it('RSS 1.0 in ISO-8859-1, with an undated item kept undated', () => {
    const feed = load('riverside-post.rdf', 'http://127.0.0.1:1/feeds/riverside-post.rdf');
    expect(feed.items[0]!.title).toBe('Café owners on Main Street divided over Riverton bike lanes');
    expect(feed.items[1]!.publishedAt).toBeUndefined();
  });

  it('JSON Feed, and items without links skipped with a reason', () => {
    expect(load('county-wire.json', 'http://127.0.0.1:1/feeds/county-wire.json').items[0]!.summary).toBe('Riverton council approved protected bike lanes on Main Street by 7 votes to 2.');
    const courier = load('courier.xml', 'http://127.0.0.1:1/feeds/courier.xml');
    const { records, skipped } = feedItemsToRecords(courier, 'http://127.0.0.1:1/feeds/courier.xml');
    expect(records.map((r) => r.provider)).toEqual([
      { name: 'Coastal Courier', domain: 'coastal-courier.example' },
      { name: 'Coastal Courier', domain: 'coastal-courier.example' },
    ]);
    expect(skipped).toEqual([{ item: 3, message: '"No link here, so not an article" has no link to an article' }]);
  });

  it('the outlet page links to its feed', () => {
    expect(discoverFeeds(readFileSync(join(dir, 'harbour-herald.html'), 'utf8'), 'http://127.0.0.1:1/outlets/harbour-herald.html')).toEqual([
      { url: 'http://127.0.0.1:1/feeds/harbour-herald.xml', title: 'Harbour Herald — latest', type: 'application/rss+xml' },
    ]);
  });
});
