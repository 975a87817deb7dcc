import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../src/feeds/decode';
import { discoverFeeds, looksLikeHtmlPage } from '../../../src/feeds/discover';
import { decodeEntities } from '../../../src/shared/entities';
import { htmlToText } from '../../../src/feeds/html-text';
import { buildOpml, OpmlError, parseOpml } from '../../../src/feeds/opml';
import { FeedParseError, parseFeed } from '../../../src/feeds/parse-feed';
import { originPattern, originPatterns } from '../../../src/feeds/permissions';
import { resolveUrl } from '../../../src/feeds/urls';

describe('resolveUrl (properties)', () => {
  const segment = fc.stringMatching(/^[a-z0-9._~-]{1,8}$/).filter((s) => s !== '.' && s !== '..');
  const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => parts.join('/'));
  const base = fc.tuple(fc.constantFrom('http', 'https'), fc.stringMatching(/^[a-z]{1,8}\.(?:com|org|example)$/), path).map(([scheme, host, p]) => `${scheme}://${host}/${p}`);

  it('agrees with the URL standard for relative references, and only ever returns http(s)', () => {
    fc.assert(
      fc.property(base, fc.oneof(path, path.map((p) => '/' + p), path.map((p) => '../' + p), path.map((p) => '?q=' + p), path.map((p) => '#' + p)).filter((ref) => ref !== ''), (b, ref) => {
        const resolved = resolveUrl(ref, b);
        expect(resolved).toBe(new URL(ref, b).href);
        expect(resolved).toMatch(/^https?:\/\//);
      }),
      { numRuns: 500 },
    );
    // An empty <link></link> is no link, not the base.
    expect(resolveUrl('  ', 'https://a.example/')).toBeUndefined();
  });

  it('keeps absolute http(s) references whatever the base, and refuses other schemes', () => {
    fc.assert(
      fc.property(base, fc.oneof(base, fc.constant('not a base')), (absolute, b) => {
        expect(resolveUrl(absolute, b)).toBe(new URL(absolute).href);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'ftp://x.example/a', 'mailto:a@b.c'), base, (ref, b) => {
        expect(resolveUrl(ref, b)).toBeUndefined();
      }),
    );
  });

  it('resolves nested xml:base the way successive resolution does', () => {
    fc.assert(
      fc.property(base, path, path, segment, (documentUrl, outer, inner, leaf) => {
        const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${outer}/"><title>t</title><entry xml:base="${inner}/"><title>e</title><link href="${leaf}"/></entry></feed>`;
        const expected = new URL(leaf, new URL(inner + '/', new URL(outer + '/', documentUrl))).href;
        expect(parseFeed(xml, documentUrl).items[0]!.link).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('RSS links', () => {
  it('resolves relative item links against xml:base, else the channel link, else the feed URL', () => {
    const rss = (channelLink: string, itemBase: string) =>
      `<rss version="2.0"><channel><title>T</title>${channelLink}<item${itemBase}><title>A</title><link>story/1</link></item></channel></rss>`;
    expect(parseFeed(rss('<link>https://site.example/news/</link>', ' xml:base="https://other.example/x/"'), 'https://feeds.example/f').items[0]!.link).toBe('https://other.example/x/story/1');
    expect(parseFeed(rss('<link>https://site.example/news/</link>', ''), 'https://feeds.example/f').items[0]!.link).toBe('https://site.example/news/story/1');
    expect(parseFeed(rss('', ''), 'https://feeds.example/a/f').items[0]!.link).toBe('https://feeds.example/a/story/1');
  });

  it('uses a permalink guid when an item has no link, and keeps items without a date undated', () => {
    const feed = parseFeed(
      '<rss version="2.0"><channel><title>T</title><item><title>A</title><guid>https://site.example/a</guid></item><item><title>B</title><guid isPermaLink="false">https://site.example/b</guid></item></channel></rss>',
    );
    expect(feed.items[0]!.link).toBe('https://site.example/a');
    expect(feed.items[0]!.publishedAt).toBeUndefined();
    expect(feed.items[1]!.link).toBeUndefined();
  });
});

describe('htmlToText', () => {
  it('keeps the words and drops markup, scripts, styles and comments', () => {
    expect(htmlToText('<p>Council <b>approves</b> lanes</p><p>Second&nbsp;para &amp; more</p>')).toBe('Council approves lanes Second para & more');
    expect(htmlToText('<script>alert("x")</script><style>p{}</style>Hi<!-- hidden --> there<br/>friend')).toBe('Hi there friend');
    expect(htmlToText('<a href="x" title="a > b">link</a> &#8220;quoted&#8221; &#x2014; &eacute;t&eacute;')).toBe('link “quoted” — été');
    expect(htmlToText('<img src="x" onerror="alert(1)">caption')).toBe('caption');
  });

  it('decodes character references once', () => {
    expect(decodeEntities('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
    expect(decodeEntities('&#150; &unknown; &#0;')).toBe('– &unknown; \ufffd');
  });

  it('never leaves a tag from any input made of tags and text', () => {
    const tag = fc.constantFrom('<p>', '</p>', '<b>', '</b>', '<br/>', '<a href="u">', '</a>', '<img src="x">', '<div class="a">', '</div>', '<script>x()</script>');
    const text = fc.stringMatching(/^[a-z ]{0,10}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(tag, text), { maxLength: 12 }), (parts) => {
        const out = htmlToText(parts.join(''));
        expect(out).not.toMatch(/<\/?[a-z]/i);
        expect(out).not.toContain('x()');
      }),
    );
  });
});

describe('decodeFeedBytes', () => {
  const latin1 = (text: string): Uint8Array => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

  it('follows the XML declaration, the Content-Type charset and byte-order marks', () => {
    const doc = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Notícias de São Paulo</title></channel></rss>';
    expect(decodeFeedBytes(latin1(doc)).text).toContain('Notícias de São Paulo');
    expect(decodeFeedBytes(latin1(doc.replace(' encoding="ISO-8859-1"', '')), 'text/xml; charset=iso-8859-1').text).toContain('São Paulo');
    expect(decodeFeedBytes(new TextEncoder().encode('\ufeff<rss>ü</rss>')).text).toBe('<rss>ü</rss>');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'<a>é</a>'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeFeedBytes(utf16).text).toBe('<a>é</a>');
  });

  it('falls back to Windows-1252 when bytes are not valid in the declared encoding', () => {
    const decoded = decodeFeedBytes(latin1('<?xml version="1.0" encoding="utf-8"?><t>caf\u00e9</t>'));
    expect(decoded.text).toContain('café');
    expect(decoded.source).toBe('fallback');
  });
});

describe('feed discovery', () => {
  it('finds alternate feed links in a page, resolved, each once, in page order', () => {
    const html = `<!doctype html><html><head>
      <base href="https://site.example/news/">
      <!-- <link rel="alternate" type="application/rss+xml" href="/commented-out.xml"> -->
      <link rel="stylesheet" href="/s.css">
      <link rel="alternate" type="application/rss+xml" title="All news" href="feed.xml">
      <LINK REL="Alternate" TYPE="application/atom+xml" HREF='/atom.xml' title='Atom &amp; more'>
      <link rel="alternate" type="application/feed+json" href="https://cdn.example/feed.json">
      <link rel="alternate" type="application/rss+xml" href="feed.xml">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <script>document.write('<link rel="alternate" type="application/rss+xml" href="/script.xml">')</script>
    </head><body></body></html>`;
    expect(discoverFeeds(html, 'https://site.example/')).toEqual([
      { url: 'https://site.example/news/feed.xml', title: 'All news', type: 'application/rss+xml' },
      { url: 'https://site.example/atom.xml', title: 'Atom & more', type: 'application/atom+xml' },
      { url: 'https://cdn.example/feed.json', title: '', type: 'application/feed+json' },
    ]);
  });

  it('tells a web page from a feed', () => {
    expect(looksLikeHtmlPage('<!DOCTYPE html><html></html>', null)).toBe(true);
    expect(looksLikeHtmlPage('<rss version="2.0"></rss>', 'text/html; charset=utf-8')).toBe(false);
    expect(looksLikeHtmlPage('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'application/xml')).toBe(false);
    expect(() => parseFeed('<!doctype html><html><body>x</body></html>')).toThrow(/this is an HTML page/);
  });
});

describe('not feeds', () => {
  it('says what is wrong', () => {
    expect(() => parseFeed('<?xml version="1.0"?><root><a/></root>')).toThrow(/not a feed: the root element is <root>/);
    expect(() => parseFeed('{"items": []}')).toThrow(/JSON without a JSON Feed "version"/);
    expect(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [')).toThrow(/not valid JSON/);
    expect(() => parseFeed('hello')).toThrow(FeedParseError);
    expect(() => parseFeed('<rss version="2.0"><channel><title>T</title><item><title>A</b></item></channel></rss>')).toThrow(/not well-formed XML: .*line 1/);
  });

  it('never expands entities declared in a DOCTYPE (no entity bombs)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
      <rss version="2.0"><channel><title>&c;</title><item><title>x &c;</title><link>https://a.example/x</link></item></channel></rss>`;
    const feed = parseFeed(bomb);
    expect(feed.title.length).toBeLessThan(20);
    expect(feed.items[0]!.title.length).toBeLessThan(20);
  });

  it('is not tripped by element names that are object properties', () => {
    const feed = parseFeed('<rss version="2.0"><channel><title>T</title><constructor/><item><__proto__ x="1"/><title>A</title><link>https://a.example/</link></item></channel></rss>');
    expect(feed.items[0]!.title).toBe('A');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('OPML', () => {
  it('reads every feed outline at any depth, reports unusable ones, and round-trips', () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
      <outline text="News"><outline type="rss" text="A &amp; B" xmlUrl="https://a.example/feed" htmlUrl="https://a.example/"/>
        <outline text="Deeper"><outline type="rss" title="C" xmlUrl="http://c.example/rss"/></outline></outline>
      <outline type="rss" text="Bad" xmlUrl="ftp://bad.example/feed"/>
      <outline type="rss" text="Dup" xmlUrl="https://a.example/feed"/>
    </body></opml>`;
    const parsed = parseOpml(opml);
    expect(parsed.feeds).toEqual([
      { url: 'https://a.example/feed', title: 'A & B', siteUrl: 'https://a.example/' },
      { url: 'http://c.example/rss', title: 'C' },
    ]);
    expect(parsed.problems).toEqual(['Bad: "ftp://bad.example/feed" is not an http(s) address']);
    expect(parseOpml(buildOpml(parsed.feeds, 'Export <test>')).feeds).toEqual(parsed.feeds);
  });

  it('rejects files that are not OPML with a clear error', () => {
    expect(() => parseOpml('<rss/>')).toThrow(OpmlError);
    expect(() => parseOpml('<rss/>')).toThrow(/root element is <rss>/);
    expect(() => parseOpml('<opml><body>')).toThrow(/not well-formed XML/);
  });
});

describe('origin patterns', () => {
  it('asks for one origin at a time, any port', () => {
    expect(originPattern('https://feeds.example:8443/a/b.xml?x=1')).toBe('https://feeds.example/*');
    expect(originPattern('javascript:alert(1)')).toBeUndefined();
    expect(originPatterns(['http://127.0.0.1:3000/a', 'http://127.0.0.1:4000/b', 'https://x.example/'])).toEqual(['http://127.0.0.1/*', 'https://x.example/*']);
  });
});
