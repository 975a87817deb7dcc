/** Test data builders shared by the unit tests: one way to make a record, so a new record field is added in one place. */
import type { NewsRecord } from '../../src/record/record';

/** A record with every list empty and no excerpt; `fields` fill in the rest. */
export function newsRecord(fields: Partial<NewsRecord> & { title: string }): NewsRecord {
  return { excerpt: '', topics: [], tags: [], images: [], related: [], ...fields };
}

/** A builder of records published at `publishedAt` by the outlet of their URL (its host, without "www."). */
export function recordsAt(publishedAt: number): (title: string, url: string, fields?: Partial<NewsRecord>) => NewsRecord {
  return (title, url, fields = {}) => {
    const domain = new URL(url).hostname.replace(/^www\./, '');
    return newsRecord({ title, webUrl: url, publishedAt, provider: { name: domain, domain }, ...fields });
  };
}

/** Headlines of unrelated news of the same weeks, for stores where rarity must mean something. */
export const OTHER_NEWS_TITLES: readonly string[] = [
  'Central bank holds interest rates steady as inflation cools',
  'Storm brings flooding to coastal towns in the north',
  'Local team wins championship after dramatic final',
  'New museum exhibition celebrates modern sculpture',
  'City council approves budget for road repairs',
  'Airline adds routes to southern Europe for summer',
  'Researchers find new species of frog in rainforest',
  'Film festival opens with premiere of historical drama',
  'Smartphone maker reports record quarterly sales',
  'Electric car sales rise across Europe',
  'Teachers union announces strike over pay',
  'Wildfire forces evacuations in mountain region',
  'Health officials warn of early flu season',
  'Tech company launches new laptop line',
  'Stock markets close higher on earnings optimism',
  'Chip maker opens new factory in Arizona',
  'AI startup raises funding for language models',
  'Government unveils plan to cut energy bills',
  'Football club sacks manager after poor start',
  'Scientists track melting glaciers with satellites',
];
