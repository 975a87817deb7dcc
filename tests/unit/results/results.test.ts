import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookUp } from '../../../src/results/lookup';
import { parseResultsQuery, resultsPath, type ResultsQuery } from '../../../src/results/query';
import { wordsFromUrl } from '../../../src/shared/slug';
import { ArticleStore } from '../../../src/store';
import { recordsAt } from '../builders';

describe('the results page address', () => {
  it('round-trips every kind of query', () => {
    const queries: ResultsQuery[] = [
      { kind: 'none' },
      { kind: 'text', text: 'Tesla loan & “Shanghai” ?#' },
      { kind: 'link', url: 'https://x.example/a?b=1&c=2#frag', text: 'Some text' },
      { kind: 'link', url: 'https://x.example/a', text: '' },
      { kind: 'link', url: 'https://x.example/a', text: 'Dated', publishedAt: Date.parse('2024-10-15T12:34:56.789Z') },
    ];
    for (const query of queries) {
      const path = resultsPath(query);
      expect(path.startsWith('/results.html')).toBe(true);
      expect(parseResultsQuery(path.slice('/results.html'.length))).toEqual(query);
    }
    expect(resultsPath({ kind: 'text', text: 'a b' })).toBe('/results.html?q=a+b');
  });

  it('treats its query string as untrusted', () => {
    expect(parseResultsQuery('?url=javascript:alert(1)&q=ok')).toEqual({ kind: 'text', text: 'ok' });
    expect(parseResultsQuery('?q=%00%01  spaced\n\nout  ')).toEqual({ kind: 'text', text: 'spaced out' });
    expect(parseResultsQuery('?q=' + 'x'.repeat(5000))).toMatchObject({ kind: 'text' });
    const long = parseResultsQuery('?q=' + 'x'.repeat(5000));
    expect(long.kind === 'text' && long.text.length).toBe(500);
    expect(parseResultsQuery('')).toEqual({ kind: 'none' });
    expect(parseResultsQuery('?q=%E0%A4%A')).toMatchObject({ kind: 'text' });
    // A link's date: only a date in the accepted range.
    expect(parseResultsQuery('?url=https%3A%2F%2Fx.example%2Fa&date=2024-10-15T12%3A00%3A00Z')).toEqual({ kind: 'link', url: 'https://x.example/a', text: '', publishedAt: Date.parse('2024-10-15T12:00:00Z') });
    for (const date of ['yesterday-ish', '3024-01-01T00:00:00Z', '1850-01-01T00:00:00Z', '']) {
      expect(parseResultsQuery(`?url=https%3A%2F%2Fx.example%2Fa&date=${date}`)).toEqual({ kind: 'link', url: 'https://x.example/a', text: '' });
    }
  });

  it('takes words from a news address when a link has no text', () => {
    expect(wordsFromUrl('https://riverton-gazette.example/news/council-backs-main-street-bike-lanes')).toBe('council backs main street bike lanes');
    expect(wordsFromUrl('https://www.nytimes.com/2024/10/15/business/chip-export-controls.html')).toBe('chip export controls');
    expect(wordsFromUrl('https://example.com/article/1234567')).toBe('');
    expect(wordsFromUrl('https://example.com/a/b3f9e2c1d0-tesla_loan-shanghai')).toBe('tesla loan shanghai');
    expect(wordsFromUrl('nonsense')).toBe('');
  });
});

describe('looking up a results query', () => {
  const T0 = Date.parse('2020-05-10T12:00:00Z');
  const record = recordsAt(T0);
  let store: ArticleStore;
  let n = 0;
  beforeEach(() => {
    store = new ArticleStore({ name: `results-${++n}` });
  });
  afterEach(() => store.close());

  it('says the store is empty before anything is stored', async () => {
    expect(await lookUp(store, { kind: 'text', text: 'tesla' })).toEqual({ status: 'empty-store' });
  });

  it('answers a text query with the search hits as items that say which words they mention', async () => {
    await store.upsertRecords([record('Tesla loan for Shanghai plant', 'https://a.example/t'), record('Unrelated harbour news', 'https://b.example/h')], 'record');
    expect(await lookUp(store, { kind: 'none' })).toEqual({ status: 'no-query' });
    const view = await lookUp(store, { kind: 'text', text: 'Shanghai Tesla' });
    expect(view.status).toBe('search');
    if (view.status !== 'search') return;
    expect(view.items.map((item) => item.article.url)).toEqual(['https://a.example/t']);
    expect(view.items[0]!.reasons).toEqual([{ kind: 'mentions', words: ['Shanghai', 'Tesla'] }]);
  });

  it("answers a stored link with the article's related coverage", async () => {
    await store.upsertRecords(
      [record('Tesla secures loan for Shanghai factory', 'https://a.example/t', { related: [record('Tesla Shanghai loan, in depth', 'https://c.example/d')] })],
      'record',
    );
    const view = await lookUp(store, { kind: 'link', url: 'https://a.example/t?utm_source=feed', text: 'whatever the link says' });
    expect(view).toMatchObject({ status: 'link', method: 'related', article: { url: 'https://a.example/t' } });
    if (view.status !== 'link') return;
    expect(view.items.map((item) => item.article.url)).toEqual(['https://c.example/d']);
  });

  it('answers an unstored link by its text, undated (its date is unknown): the same story in the newest weeks, else a search', async () => {
    const now = Date.now();
    await store.upsertRecords(
      [
        record('Riverton council approves protected bike lanes on Main Street', 'https://one.example/a', { publishedAt: now - 3_600_000 }),
        record('Old news: Sbarro closes stores in Riverton', 'https://two.example/b', { publishedAt: T0 }),
      ],
      'record',
    );
    const story = await lookUp(store, { kind: 'link', url: 'https://elsewhere.example/bike', text: 'Riverton council backs protected bike lanes for Main Street' });
    expect(story).toMatchObject({ status: 'link', method: 'related', article: null });
    if (story.status === 'link') expect(story.items.map((item) => item.article.url)).toEqual(['https://one.example/a']);

    // A link of years ago is the same story as its coverage then (looked up as dated today, it
    // was out of the window: only a search found it).
    const old = await lookUp(store, { kind: 'link', url: 'https://elsewhere.example/sbarro-closes-stores', text: '' });
    expect(old).toMatchObject({ status: 'link', method: 'related', text: 'sbarro closes stores' });
    if (old.status === 'link') expect(old.items.map((item) => item.article.url)).toEqual(['https://two.example/b']);

    // Words mentioned, not the same story: the stored articles that mention them.
    const other = await lookUp(store, { kind: 'link', url: 'https://elsewhere.example/menu', text: 'Sbarro pizza menu adds vegan slices' });
    expect(other).toMatchObject({ status: 'link', method: 'search' });
    if (other.status === 'link') expect(other.items.map((item) => item.article.url)).toEqual(['https://two.example/b']);
  });

  it('looks an unstored link the opener dated up around its date', async () => {
    await store.upsertRecords(
      [
        record('Riverton council approves protected bike lanes on Main Street', 'https://one.example/a'),
        record('Harbour festival draws record crowds', 'https://three.example/c', { publishedAt: T0 + 60 * 86_400_000 }),
      ],
      'record',
    );
    const query = { kind: 'link', url: 'https://elsewhere.example/bike', text: 'Riverton council backs protected bike lanes for Main Street' } as const;
    const near = await lookUp(store, { ...query, publishedAt: T0 + 7_200_000 });
    expect(near).toMatchObject({ status: 'link', method: 'related' });
    if (near.status === 'link') expect(near.items.map((item) => item.article.url)).toEqual(['https://one.example/a']);
    // Two months later: out of its window (a search for its words still finds it).
    expect(await lookUp(store, { ...query, publishedAt: T0 + 60 * 86_400_000 })).toMatchObject({ status: 'link', method: 'search' });
  });
});
