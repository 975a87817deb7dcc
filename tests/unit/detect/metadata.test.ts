/**
 * Each metadata source, with snippets written the way real sites write them (WordPress/Yoast
 * graphs, news CMS meta, Parse.ly and Sailthru tags, Dublin Core, microdata, AMP pages).
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { classifyPage, detectArticle, extractPage } from '../../../src/detect/detect';
import type { DetectedPage } from '../../../src/detect/page';

const URL_ = 'https://www.example-news.com/2024/05/14/council-approves-bike-lanes';

function doc(head: string, body = '<h1>Headline</h1><p>Text.</p>', htmlAttributes = ''): Document {
  return parseHTML(`<!doctype html><html ${htmlAttributes}><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;
}

/** The metadata as the content script would read it (extraction runs whatever the verdict). */
function read(head: string, body?: string, url = URL_, htmlAttributes = ''): DetectedPage {
  const page = doc(head, body, htmlAttributes);
  const verdict = classifyPage(page, url);
  return extractPage(page, url, verdict.ld, verdict.signals);
}

const ld = (value: unknown): string => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('JSON-LD', () => {
  it('reads a NewsArticle: headline, times, description, author, publisher, image, section and keywords', () => {
    const page = read(
      ld({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: 'Council approves bike lanes',
        description: 'The vote was 7 to 2.',
        datePublished: '2024-05-14T18:30:00+02:00',
        dateModified: '2024-05-15T08:00:00+02:00',
        author: [{ '@type': 'Person', name: 'Dana Ortiz' }, { '@type': 'Person', name: 'Sam Lee' }],
        publisher: { '@type': 'NewsMediaOrganization', name: 'Example News', url: 'https://www.example-news.com/' },
        image: [{ '@type': 'ImageObject', url: 'https://cdn.example-news.com/lanes.jpg' }],
        articleSection: 'Local',
        keywords: 'transport, cycling',
        inLanguage: 'en-GB',
        mainEntityOfPage: { '@type': 'WebPage', '@id': URL_ },
      }),
    );
    expect(page).toMatchObject({
      title: 'Council approves bike lanes',
      description: 'The vote was 7 to 2.',
      publishedTime: '2024-05-14T16:30:00.000Z',
      modifiedTime: '2024-05-15T06:00:00.000Z',
      author: 'Dana Ortiz, Sam Lee',
      siteName: 'Example News',
      siteDomain: 'example-news.com',
      image: 'https://cdn.example-news.com/lanes.jpg',
      topics: ['transport', 'cycling', 'Local'],
      canonicalUrl: URL_,
      lang: 'en-GB',
    });
    expect(page.signals).toContain('json-ld:NewsArticle');
  });

  it('finds the article in a Yoast-style @graph and its publisher by reference', () => {
    const page = read(
      ld({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', '@id': 'https://blog.example/#website', name: 'The Example Blog', url: 'https://blog.example/' },
          { '@type': 'WebPage', '@id': 'https://blog.example/post/#webpage', url: 'https://blog.example/post/' },
          { '@type': ['Article', 'BlogPosting'], '@id': 'https://blog.example/post/#article', headline: 'Why we ride', datePublished: '2023-03-02T09:00:00+00:00' },
        ],
      }),
      undefined,
      'https://blog.example/post/',
    );
    expect(page).toMatchObject({ title: 'Why we ride', publishedTime: '2023-03-02T09:00:00.000Z', siteName: 'The Example Blog' });
  });

  it('reads arrays of blocks, a WebPage mainEntity, and skips broken blocks', () => {
    const page = read(
      `<script type="application/ld+json">{"@type": "NewsArticle", broken</script>` +
        ld([{ '@type': 'BreadcrumbList' }, { '@type': 'WebPage', mainEntity: { '@type': 'ReportageNewsArticle', headline: 'Inside the depot', dateCreated: '2022-11-02' } }]),
    );
    expect(page).toMatchObject({ title: 'Inside the depot', publishedTime: '2022-11-02T00:00:00.000Z' });
  });

  it('reads a block that a CMS wrapped in a comment or left a trailing comma in', () => {
    const page = read(`<script type="application/ld+json"><!-- {"@type": "Article", "headline": "Wrapped", "datePublished": "2021-06-01",} --></script>`);
    expect(page).toMatchObject({ title: 'Wrapped', publishedTime: '2021-06-01T00:00:00.000Z' });
  });

  it('takes the name over the headline when the page shows the name (the headline is a summary)', () => {
    const wiki = ld({ '@type': 'Article', name: 'Hermitian matrix', headline: 'matrix equal to its conjugate-transpose' });
    expect(read(`<title>Hermitian matrix - Wikipedia</title>` + wiki).title).toBe('Hermitian matrix');
    expect(read(wiki, '<h1>Hermitian matrix</h1><p>In mathematics…</p>').title).toBe('Hermitian matrix');
  });

  it('keeps the headline the page shows when the name is an SEO title or the site', () => {
    const seo = ld({ '@type': 'NewsArticle', name: 'Iran declines second round of talks. Tehran gives reason', headline: 'Iran pulls out of second round of US talks' });
    expect(read('<title>Iran declines second round of talks. Tehran gives reason - rp.pl</title>' + seo, '<h1>Iran pulls out of second round of US talks</h1>').title).toBe('Iran pulls out of second round of US talks');
    expect(read(ld({ '@type': 'NewsArticle', name: 'Aktuálně.cz', headline: 'West Ham threatens the giants' })).title).toBe('West Ham threatens the giants');
  });

  it('prefers a Dublin Core title to the social-sharing titles', () => {
    expect(read('<meta name="DC.title" content="Council approves bike lanes"><meta property="og:title" content="You will not believe what the council did">').title).toBe('Council approves bike lanes');
  });

  it('decodes HTML entities a CMS left in JSON-LD text, and drops inline tags', () => {
    const page = read(ld({ '@type': 'NewsArticle', headline: 'Mexico to fight &#8216;illogical&#8217; tariffs &amp; <em>quotas</em>' }));
    expect(page.title).toBe('Mexico to fight ‘illogical’ tariffs & quotas');
  });
});

describe('Open Graph and article meta', () => {
  it('reads og:title, og:description, og:site_name, og:url, og:image, article:published_time/modified_time, section and tags', () => {
    const page = read(`
      <meta property="og:type" content="article">
      <meta property="og:title" content="Council approves bike lanes">
      <meta property="og:description" content="The vote was 7 to 2.">
      <meta property="og:site_name" content="Example News">
      <meta property="og:url" content="${URL_}">
      <meta property="og:image" content="/img/lanes.jpg">
      <meta property="og:locale" content="en_US">
      <meta property="article:published_time" content="2024-05-14T18:30:00+02:00">
      <meta property="article:modified_time" content="2024-05-14T20:00:00+02:00">
      <meta property="article:section" content="Local">
      <meta property="article:tag" content="Cycling"><meta property="article:tag" content="Transport">`);
    expect(page).toMatchObject({
      title: 'Council approves bike lanes',
      description: 'The vote was 7 to 2.',
      siteName: 'Example News',
      canonicalUrl: URL_,
      image: 'https://www.example-news.com/img/lanes.jpg',
      lang: 'en-US',
      publishedTime: '2024-05-14T16:30:00.000Z',
      modifiedTime: '2024-05-14T18:00:00.000Z',
      topics: ['Local', 'Cycling', 'Transport'],
    });
    expect(page.signals).toEqual(['og:type=article', 'published meta']);
  });

  it('accepts the name variants sites use (article:published:time, name= instead of property=)', () => {
    expect(read('<meta name="article:published:time" property="article:published:time" content="2024-10-23T15:48:15+00:00">').publishedTime).toBe('2024-10-23T15:48:15.000Z');
    expect(read('<meta name="og:title" content="Named title">').title).toBe('Named title');
  });

  it('reads Twitter cards when Open Graph is absent', () => {
    const page = read('<meta name="twitter:title" content="Card title"><meta name="twitter:description" content="Card text"><meta name="twitter:image" content="https://img.example/c.jpg">');
    expect(page).toMatchObject({ title: 'Card title', description: 'Card text', image: 'https://img.example/c.jpg' });
  });
});

describe('other publication-time sources', () => {
  it.each([
    ['microdata meta', '', '<div itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="datePublished" content="2024-05-14T18:30:00Z"><h1 itemprop="headline">H</h1></div>'],
    ['Dublin Core', '<meta name="DC.date.issued" content="2024-05-14T18:30:00Z">', undefined],
    ['dcterms', '<meta name="dcterms.created" content="2024-05-14T18:30:00Z">', undefined],
    ['Parse.ly meta', '<meta name="parsely-pub-date" content="2024-05-14T18:30:00Z">', undefined],
    ['Parse.ly page JSON', `<meta name="parsely-page" content='{"title": "H", "pub_date": "2024-05-14T18:30:00Z"}'>`, undefined],
    ['Sailthru', '<meta name="sailthru.date" content="Tue, 14 May 2024 18:30:00 +0000">', undefined],
    ['pubdate meta', '<meta name="pubdate" content="20240514T183000Z">', undefined],
    ['citation meta', '<meta name="citation_publication_date" content="2024/05/14 18:30">', undefined],
    ['<time datetime>', '', '<article><h1>H</h1><time datetime="2024-05-14T20:30:00+02:00">14 May</time><p>Text</p></article>'],
    ['itemprop on visible text', '', '<article><h1>H</h1><span itemprop="datePublished">May 14, 2024 6:30 PM UTC</span></article>'],
  ])('%s', (_name, head, body) => {
    expect(read(head, body).publishedTime).toBe('2024-05-14T18:30:00.000Z');
  });

  it('prefers JSON-LD to meta, and meta to visible dates', () => {
    const page = read(
      '<meta property="article:published_time" content="2020-01-02T00:00:00Z">' + ld({ '@type': 'NewsArticle', headline: 'H', datePublished: '2020-01-01T00:00:00Z' }),
      '<time datetime="2020-01-03T00:00:00Z"></time>',
    );
    expect(page.publishedTime).toBe('2020-01-01T00:00:00.000Z');
  });

  it('skips a source that does not parse and takes the next', () => {
    expect(read('<meta property="article:published_time" content="soon"><meta name="date" content="2024-05-14">').publishedTime).toBe('2024-05-14T00:00:00.000Z');
  });
});

describe('canonical URL and aliases', () => {
  it('takes the canonical link first, then og:url, then JSON-LD, and lists every URL of the article', () => {
    const page = read(
      `<link rel="canonical" href="/2024/05/14/council-approves-bike-lanes">
       <meta property="og:url" content="https://example-news.com/2024/05/14/council-approves-bike-lanes?utm_source=fb">
       <link rel="amphtml" href="https://www.example-news.com/2024/05/14/council-approves-bike-lanes/amp">`,
      undefined,
      'https://www.example-news.com/2024/05/14/council-approves-bike-lanes?ref=home',
    );
    expect(page.canonicalUrl).toBe(URL_);
    expect(page.urls).toEqual([
      URL_,
      'https://example-news.com/2024/05/14/council-approves-bike-lanes?utm_source=fb',
      'https://www.example-news.com/2024/05/14/council-approves-bike-lanes/amp',
      'https://www.example-news.com/2024/05/14/council-approves-bike-lanes?ref=home',
    ]);
  });

  it('maps an AMP page to its canonical article', () => {
    expect(read(`<link rel="canonical" href="${URL_}">`, undefined, URL_ + '/amp', 'amp').canonicalUrl).toBe(URL_);
    // No canonical link: the AMP address itself says where the article is.
    expect(read('<title>T</title>', undefined, URL_ + '/amp', '⚡').canonicalUrl).toBe(URL_);
    expect(read('<title>T</title>', undefined, 'https://news.example/a/story.amp.html', 'amp').canonicalUrl).toBe('https://news.example/a/story.html');
  });

  it('ignores a canonical that points every page at the front page, and unsafe URLs', () => {
    expect(read('<link rel="canonical" href="https://www.example-news.com/">').canonicalUrl).toBeUndefined();
    const page = read(`<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="${URL_}">`);
    expect(page.canonicalUrl).toBe(URL_);
    expect(page.urls.every((url) => url.startsWith('https://'))).toBe(true);
  });

  it('reads the canonical from JSON-LD mainEntityOfPage or url', () => {
    expect(read(ld({ '@type': 'NewsArticle', headline: 'H', mainEntityOfPage: 'https://news.example/story-1' })).canonicalUrl).toBe('https://news.example/story-1');
    expect(read(ld({ '@type': 'NewsArticle', headline: 'H', url: 'https://news.example/story-2' })).canonicalUrl).toBe('https://news.example/story-2');
  });
});

describe('title', () => {
  it.each([
    ['<title>Council approves bike lanes | Example News</title><meta property="og:site_name" content="Example News">', 'Council approves bike lanes'],
    ['<title>Council approves bike lanes - Example News</title>', 'Council approves bike lanes'], // site named by the host
    ['<title>Example News: Council approves bike lanes</title><meta property="og:site_name" content="Example News">', 'Council approves bike lanes'],
    ['<title>Council approves bike lanes - Local - Example News</title><meta property="og:site_name" content="Example News">', 'Council approves bike lanes - Local'],
    ['<title>Biden - Putin summit ends</title><meta property="og:site_name" content="Reuters">', 'Biden - Putin summit ends'],
    ['<meta property="og:title" content="Iran declines talks - rp.pl">', 'Iran declines talks'],
  ])('%s', (head, title) => {
    const url = head.includes('rp.pl') ? 'https://www.rp.pl/polityka/art1-iran' : URL_;
    expect(read(head, undefined, url).title).toBe(title);
  });

  it('caps long text and drops control characters', () => {
    const page = read(`<meta property="og:title" content="${'Long '.repeat(200)}"><meta name="description" content="a\u0007b">`);
    expect(page.title.length).toBeLessThanOrEqual(400);
    expect(page.description).toBe('ab');
  });
});

describe('language, topics, image, author', () => {
  it('reads the language from <html lang>, then Content-Language, then og:locale', () => {
    expect(read('', undefined, URL_, 'lang="de-CH"').lang).toBe('de-CH');
    expect(read('<meta http-equiv="content-language" content="fr">').lang).toBe('fr');
    expect(read('<meta property="og:locale" content="pt_BR">').lang).toBe('pt-BR');
    expect(read('', undefined, URL_, 'lang="not a language"').lang).toBeUndefined();
  });

  it('collects topics from keywords, news_keywords, Parse.ly and Sailthru tags, without duplicates or URLs', () => {
    const page = read(`
      <meta name="news_keywords" content="Cycling, Transport">
      <meta name="parsely-tags" content="cycling,city council">
      <meta name="sailthru.tags" content="budget">
      <meta name="keywords" content="https://spam.example, Local">`);
    expect(page.topics).toEqual(['Cycling', 'Transport', 'city council', 'Local']);
  });

  it('takes the lead image from og:image, Twitter, JSON-LD or image_src, http(s) only', () => {
    expect(read('<meta property="og:image" content="data:image/png;base64,xx"><link rel="image_src" href="/lead.jpg">').image).toBe('https://www.example-news.com/lead.jpg');
    expect(read(ld({ '@type': 'NewsArticle', headline: 'H', image: 'https://img.example/a.jpg' })).image).toBe('https://img.example/a.jpg');
  });

  it('takes the author from JSON-LD or meta, never a profile URL', () => {
    expect(read('<meta name="author" content="Dana Ortiz">').author).toBe('Dana Ortiz');
    expect(read('<meta property="article:author" content="https://facebook.com/someone">').author).toBeUndefined();
  });
});

describe('detectArticle', () => {
  it('returns the same page extractPage reads, for articles only', () => {
    const html = ld({ '@type': 'NewsArticle', headline: 'Council approves bike lanes', datePublished: '2024-05-14' });
    expect(detectArticle(doc(html), URL_)).toEqual(read(html));
    expect(detectArticle(doc('<title>Sign in</title>', '<form><input type="email"><input type="password"></form>'), 'https://www.example-news.com/login')).toBeNull();
  });
});
