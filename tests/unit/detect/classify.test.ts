import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { classifyPage } from '../../../src/detect/classify';

function page(head: string, body: string): Document {
  return parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;
}

const SENTENCE = 'The council voted seven to two on Tuesday night to build protected lanes along the length of Main Street, after two years of consultation with residents and shop owners. ';
const paragraphs = (n: number): string => Array.from({ length: n }, (_, i) => `<p>${SENTENCE.repeat(2)}(${i})</p>`).join('');
const ARTICLE_BODY = `<header><nav><a href="/">Home</a></nav></header><main><article><h1>Council approves bike lanes</h1>${paragraphs(6)}</article></main>`;
const NEUTRAL = 'https://news.example/2024/05/14/council-approves-bike-lanes';
const ld = (value: unknown): string => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const headlines = (n: number): string => Array.from({ length: n }, (_, i) => `<div class="teaser"><h3><a href="/story-${i}">Story number ${i} of the day</a></h3><p>Short teaser.</p></div>`).join('');
const SIGN_IN_BOX = '<div id="modal"><form action="/session"><input type="email" name="user"><input type="password" name="pass"><button>Sign in</button></form></div>';

describe('classifyPage: structured signals decide first', () => {
  it('a JSON-LD article is an article, even beside a sign-in box and a list of related stories', () => {
    const verdict = classifyPage(page(ld({ '@type': 'NewsArticle', headline: 'H' }), SIGN_IN_BOX + headlines(20)), NEUTRAL);
    expect(verdict).toMatchObject({ isArticle: true, signals: ['json-ld:NewsArticle'] });
  });

  it('microdata plus og:type=article is enough without any text', () => {
    const verdict = classifyPage(page('<meta property="og:type" content="article">', '<div itemscope itemtype="http://schema.org/NewsArticle"><h1 itemprop="headline">H</h1></div>'), NEUTRAL);
    expect(verdict).toMatchObject({ isArticle: true, signals: ['microdata:NewsArticle', 'og:type=article'] });
  });

  it('weak markup (og:type=article and a date) is believed without text: single-page sites render late', () => {
    const verdict = classifyPage(page('<meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-14">', '<div id="app"></div>'), NEUTRAL);
    expect(verdict.isArticle).toBe(true);
  });

  it('weak markup with a sign-in box still counts when the page has the article text', () => {
    expect(classifyPage(page('<meta property="og:type" content="article">', SIGN_IN_BOX + ARTICLE_BODY), NEUTRAL).isArticle).toBe(true);
  });
});

describe('classifyPage: negative signals', () => {
  it.each([
    ['https://news.example/', 'url:root'],
    ['https://news.example/en/', 'url:root'],
    ['https://news.example/account/login', 'url:function'],
    ['https://news.example/search?q=bike+lanes', 'url:function'],
    ['https://shop.example/checkout/cart', 'url:function'],
  ])('%s is not an article whatever its markup says (%s)', (url, reason) => {
    const verdict = classifyPage(page(ld({ '@type': 'NewsArticle', headline: 'H' }), ARTICLE_BODY), url);
    expect(verdict).toMatchObject({ isArticle: false, against: [reason] });
  });

  it('a page whose canonical address is the front page is the front page, below strong markup', () => {
    const head = '<link rel="canonical" href="https://news.example/"><meta property="og:type" content="article">';
    expect(classifyPage(page(head, ARTICLE_BODY), 'https://news.example/?ref=nav')).toMatchObject({ isArticle: false, against: ['url:root'] });
    expect(classifyPage(page(head, ARTICLE_BODY), 'https://news.example/home.php?lang=en&page=2')).toMatchObject({ isArticle: false, against: ['canonical:root'] });
    // A CMS that points every page's canonical at the front page still has its JSON-LD articles found.
    expect(classifyPage(page(head + ld({ '@type': 'NewsArticle', headline: 'H' }), ARTICLE_BODY), NEUTRAL).isArticle).toBe(true);
  });

  it('a WordPress contact page that says og:type=article is a form page', () => {
    const form = '<form class="wpcf7-form" action="/kontakt/#wpcf7"><input name="your-name"><input type="email" name="your-email"><input name="your-subject"><textarea name="your-message"></textarea></form>';
    const verdict = classifyPage(page('<meta property="og:type" content="article"><meta property="article:published_time" content="2015-01-01">', `<h1>Contact</h1><p>Write to us.</p>${form}`), 'https://firm.example/about-us/team');
    expect(verdict).toMatchObject({ isArticle: false, against: ['form page'] });
  });

  it('a sign-in page without article markup is not an article, however much small print it has', () => {
    const verdict = classifyPage(page('<title>Sign in</title>', `<h1>Sign in</h1>${paragraphs(4)}<form><input type="email"><input type="password"></form>`), NEUTRAL);
    expect(verdict).toMatchObject({ isArticle: false, against: ['password field'] });
  });

  it('a front page that marks up each teaser as a NewsArticle is a listing', () => {
    const teasers = Array.from({ length: 5 }, (_, i) => `<div itemscope itemtype="https://schema.org/NewsArticle"><h2><a href="/s${i}">Story ${i}</a></h2></div>`).join('');
    const verdict = classifyPage(page('<meta property="og:type" content="website">', teasers + headlines(10)), NEUTRAL);
    expect(verdict.isArticle).toBe(false);
    expect(verdict.against).toContain('microdata:list of articles');
  });

  it('JSON-LD that calls the page a CollectionPage or lists many articles outweighs nothing else', () => {
    expect(classifyPage(page(ld({ '@type': 'CollectionPage', name: 'Politics' }), headlines(30)), NEUTRAL).against).toContain('json-ld:collectionpage');
    const list = ld({ '@type': 'ItemList', itemListElement: [1, 2, 3, 4].map((i) => ({ '@type': 'ListItem', item: { '@type': 'NewsArticle', url: `https://news.example/${i}`, headline: `S${i}` } })) });
    const verdict = classifyPage(page(list, headlines(30)), NEUTRAL);
    expect(verdict).toMatchObject({ isArticle: false });
    expect(verdict.against).toContain('json-ld:list of articles');
  });

  it('a page that declares itself a product or a profile is not an article, whatever its text', () => {
    expect(classifyPage(page('<meta property="og:type" content="product">', ARTICLE_BODY), NEUTRAL)).toMatchObject({ isArticle: false, against: ['og:type=product'] });
    expect(classifyPage(page(ld({ '@type': 'ProfilePage', name: 'Dana Ortiz' }), ARTICLE_BODY), NEUTRAL)).toMatchObject({ isArticle: false, against: ['json-ld:profilepage'] });
    // …unless it also marks up the article itself.
    expect(classifyPage(page('<meta property="og:type" content="product">' + ld({ '@type': 'Review', name: 'x' }) + ld({ '@type': 'NewsArticle', headline: 'H' }), ARTICLE_BODY), NEUTRAL).isArticle).toBe(true);
  });

  it('weak markup on a page of linked headlines with little text is a listing', () => {
    const verdict = classifyPage(page('<meta property="og:type" content="article">', headlines(25)), NEUTRAL);
    expect(verdict).toMatchObject({ isArticle: false, against: ['listing'] });
  });
});

describe('classifyPage: where markup is silent, the text decides', () => {
  it('one block of running text with a headline is an article (Readability agrees, and the text holds together)', () => {
    expect(classifyPage(page('<title>Council approves bike lanes</title>', ARTICLE_BODY), NEUTRAL)).toMatchObject({ isArticle: true, signals: ['readerable text'] });
  });

  it('a page with little text is not (Readability says so first)', () => {
    expect(classifyPage(page('<title>Welcome</title>', '<h1>Welcome</h1><p>Short.</p>'), NEUTRAL)).toMatchObject({ isArticle: false, against: ['not readerable'] });
  });

  it('a front page of teasers spread over many boxes has no main text', () => {
    const teasers = Array.from({ length: 8 }, (_, i) => `<section><div><h3>Story ${i}</h3><p>${SENTENCE}</p></div></section>`).join('');
    expect(classifyPage(page('<title>Home</title>', teasers), NEUTRAL)).toMatchObject({ isArticle: false, against: ['no main text'] });
  });

  it('a section front (/politics) without article markup is not an article', () => {
    expect(classifyPage(page('<title>Politics</title>', ARTICLE_BODY), 'https://news.example/politics')).toMatchObject({ isArticle: false, against: ['url:section'] });
  });

  it('text written as <div>s with <br>s counts as running text', () => {
    const body = `<h1>Notes</h1><div>${(SENTENCE + '<br><br>').repeat(6)}</div>`;
    expect(classifyPage(page('<title>Notes</title>', body), NEUTRAL).isArticle).toBe(true);
  });
});
