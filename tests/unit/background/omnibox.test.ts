import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SUGGESTION, defaultSuggestion, escapeXml, highlightTitle, OmniboxSearch, SUGGESTIONS, suggestionFor, type Disposition } from '../../../src/background/omnibox';
import { queryTerms, type SearchHit } from '../../../src/related/search';
import { ArticleStore } from '../../../src/store';
import { recordsAt } from '../builders';

const T0 = Date.parse('2020-05-10T12:00:00Z');

const record = recordsAt(T0);

/** Parses a description as Chrome does (XML); throws on malformed markup. */
function parseDescription(description: string): { text: string; matches: string[]; tags: string[] } {
  const tags: string[] = [];
  const matches: string[] = [];
  let text = '';
  const stack: string[] = [];
  const token = /<(\/?)([a-z]+)>|&(amp|lt|gt|quot|apos);|([^<&]+)|([<&])/g;
  for (const m of description.matchAll(token)) {
    if (m[5] !== undefined) throw new Error(`bare "${m[5]}" in ${description}`);
    if (m[2] !== undefined) {
      if (!['match', 'dim', 'url'].includes(m[2])) throw new Error(`unknown tag ${m[2]}`);
      if (m[1] === '/') {
        if (stack.pop() !== m[2]) throw new Error(`unbalanced </${m[2]}>`);
      } else {
        stack.push(m[2]);
        tags.push(m[2]);
      }
      continue;
    }
    const piece = m[3] !== undefined ? { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[m[3]]! : m[4]!;
    text += piece;
    if (stack.includes('match')) matches.push(piece);
  }
  if (stack.length > 0) throw new Error('unclosed tag');
  return { text, matches, tags };
}

describe('omnibox descriptions', () => {
  it('escapes XML and drops characters XML cannot carry', () => {
    expect(escapeXml(`<b>"Tom" & 'Jerry'</b>`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;');
    expect(escapeXml('a\u0001b\u000bc\ud800d\n')).toBe('abcd\n');
    expect(escapeXml('emoji 😀 stays')).toBe('emoji 😀 stays');
  });

  it('highlights the words that match the query by index term, and nothing else', () => {
    const xml = highlightTitle('Tesla secures loans for its <Shanghai> plant & more', new Set(['tesla', 'loan', 'shanghai']));
    const parsed = parseDescription(xml);
    expect(parsed.text).toBe('Tesla secures loans for its <Shanghai> plant & more');
    expect(parsed.matches).toEqual(['Tesla', 'loans', 'Shanghai']);
  });

  it('highlights a country the query names (searched as its region marker)', () => {
    const query = new Set(queryTerms('Malaysia floods').map((q) => q.term));
    expect(parseDescription(highlightTitle('Floods in Malaysia displace thousands', query)).matches).toEqual(['Floods', 'Malaysia']);
  });

  it('highlights only the matching words of Chinese, Japanese and Thai, which write no spaces', () => {
    const query = (text: string) => new Set(queryTerms(text).map((q) => q.term));
    const title = '新加坡科学家开发出血液检测试剂盒';
    // The whole run is one "letter run"; marking it whole marked the sentence.
    expect(parseDescription(highlightTitle(title, query('新加坡')))).toMatchObject({ text: title, matches: ['新加坡'] });
    expect(parseDescription(highlightTitle(title, query('检测')))).toMatchObject({ text: title, matches: ['检测'] });
    // A name the segmenter gives in single characters is one word, as the index has it.
    expect(parseDescription(highlightTitle('首相安瓦尔说', query('安瓦尔'))).matches).toEqual(['安瓦尔']);
    expect(parseDescription(highlightTitle('Tesla在新加坡 <建厂>', query('新加坡 tesla')))).toMatchObject({ text: 'Tesla在新加坡 <建厂>', matches: ['Tesla', '新加坡'] });
    expect(parseDescription(highlightTitle('東京で地震が発生', query('東京'))).matches).toEqual(['東京']);
    // Thai vowel signs are marks, not letters: the word is not cut at them.
    expect(parseDescription(highlightTitle('น้ำท่วมกรุงเทพวันนี้', query('กรุงเทพ'))).matches).toEqual(['กรุงเทพ']);
  });

  it('formats a hit as a well-formed description with outlet and time, opening the article', () => {
    const hit: SearchHit = {
      article: { id: 'a1', url: 'https://x.example/a?b=1&c=2', title: 'Pizza <script>alert(1)</script> Sbarro', excerpt: '', providerName: 'A & B News', domain: 'x.example', topics: [], publishedAt: T0 - 2 * 86_400_000, addedAt: T0 },
      matched: ['sbarro'],
      complete: true,
      score: 1,
    };
    const suggestion = suggestionFor(hit, new Set(['sbarro']), T0);
    expect(suggestion.content).toBe('https://x.example/a?b=1&c=2');
    const parsed = parseDescription(suggestion.description);
    expect(parsed.text).toBe('Pizza <script>alert(1)</script> Sbarro — A & B News, 2 days ago');
    expect(parsed.matches).toEqual(['Sbarro']);
    expect(parsed.tags).toEqual(['match', 'dim']);
  });
});

describe('OmniboxSearch', () => {
  let store: ArticleStore;
  let n = 0;
  let opened: { url: string; disposition: Disposition }[];
  let search: OmniboxSearch;
  beforeEach(async () => {
    store = new ArticleStore({ name: `omnibox-${++n}` });
    opened = [];
    search = new OmniboxSearch({
      store,
      open: async (url, disposition) => void opened.push({ url, disposition }),
      pageUrl: (path) => `chrome-extension://id${path}`,
    });
    await store.upsertRecords(
      Array.from({ length: 9 }, (_, i) => record(`Sbarro story ${i} <b>`, `https://s${i}.example/a`, { publishedAt: T0 - i * 3_600_000 })),
      'record',
    );
  });
  afterEach(() => store.close());

  it('suggests the newest matching articles as the user types, every description well-formed', async () => {
    const suggestions = (await search.suggest('sbarro'))!;
    expect(suggestions.map((s) => s.content)).toEqual(Array.from({ length: SUGGESTIONS }, (_, i) => `https://s${i}.example/a`));
    for (const s of suggestions) expect(parseDescription(s.description).matches).toEqual(['Sbarro']);
    expect(await search.suggest('the of')).toEqual([]);
    expect(await search.suggest('nothingstored')).toEqual([]);
  });

  it('drops the answer to an input that a newer one superseded', async () => {
    const first = search.suggest('sbarro');
    const second = search.suggest('sbarro story');
    expect(await first).toBeNull();
    expect((await second)!.length).toBe(SUGGESTIONS);
  });

  it('Enter opens a suggested article, the coverage of a typed address, or the results for the text', async () => {
    await search.suggest('sbarro');
    await search.enter('https://s0.example/a', 'newForegroundTab');
    await search.enter('https://elsewhere.example/story', 'currentTab');
    await search.enter('  tesla loan  ', 'newBackgroundTab');
    await search.enter('', 'currentTab');
    expect(opened).toEqual([
      { url: 'https://s0.example/a', disposition: 'newForegroundTab' },
      { url: 'chrome-extension://id/results.html?url=https%3A%2F%2Felsewhere.example%2Fstory', disposition: 'currentTab' },
      { url: 'chrome-extension://id/results.html?q=tesla+loan', disposition: 'newBackgroundTab' },
      { url: 'chrome-extension://id/results.html', disposition: 'currentTab' },
    ]);
  });

  it('never opens a non-http address typed after the keyword', async () => {
    await search.enter('javascript:alert(1)', 'currentTab');
    expect(opened).toEqual([{ url: 'chrome-extension://id/results.html?q=javascript%3Aalert%281%29', disposition: 'currentTab' }]);
  });
});

describe('plain-text descriptions (Firefox shows markup literally)', () => {
  const hit: SearchHit = {
    article: { id: 'a1', url: 'https://x.example/a', title: 'Pizza <b>chain</b> & Sbarro\u0001 \n wins', excerpt: '', providerName: 'A & B News', domain: 'x.example', topics: [], publishedAt: T0 - 2 * 86_400_000, addedAt: T0 },
    matched: ['sbarro'],
    complete: true,
    score: 1,
  };

  it('writes the same words without tags or entities, and no control characters', () => {
    const suggestion = suggestionFor(hit, new Set(['sbarro']), T0, 'plain');
    expect(suggestion).toEqual({ content: 'https://x.example/a', description: 'Pizza <b>chain</b> & Sbarro wins — A & B News, 2 days ago' });
    // The XML form reads as the same text.
    expect(parseDescription(suggestionFor(hit, new Set(['sbarro']), T0, 'xml').description).text).toBe('Pizza <b>chain</b> & Sbarro \n wins — A & B News, 2 days ago');
  });

  it('has a default suggestion without markup or a %s to fill in', () => {
    expect(defaultSuggestion('xml')).toBe(DEFAULT_SUGGESTION);
    expect(defaultSuggestion('plain')).not.toMatch(/[<>&]|%s/);
  });

  it('OmniboxSearch suggests in the markup it was given', async () => {
    const store = new ArticleStore({ name: 'omnibox-plain' });
    try {
      await store.upsertRecords([record('Sbarro & Co <b> opens', 'https://s.example/a')], 'record');
      const search = new OmniboxSearch({ store, open: async () => undefined, pageUrl: (path) => `moz-extension://id${path}`, markup: 'plain' });
      expect((await search.suggest('sbarro'))!.map((s) => s.description)).toEqual([expect.stringMatching(/^Sbarro & Co <b> opens — s\.example, /)]);
    } finally {
      store.close();
    }
  });
});
