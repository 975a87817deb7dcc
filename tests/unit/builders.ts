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
