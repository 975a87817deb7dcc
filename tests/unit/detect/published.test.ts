/**
 * When an article was published, when its page does not say so in JSON-LD or the usual meta tags:
 * each rule with markup cut down from the real pages it was written for (trafilatura's and
 * htmldate's evaluation pages; sites named in the comments).
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { classifyPage, extractPage, readPage } from '../../../src/detect/detect';
import { publishedFrom, urlDate } from '../../../src/detect/published';

const NOW = Date.UTC(2026, 11, 2);

function published(html: string, url = 'https://news.example/politik/some-story-123'): string | undefined {
  const doc = parseHTML(`<!doctype html>${html}`).document as unknown as Document;
  const verdict = classifyPage(doc, url);
  return extractPage(doc, url, verdict.ld, verdict.signals, NOW).publishedTime;
}

const P = '<p>' + 'Der Text des Artikels, ein ganzer Absatz lang. '.repeat(6) + '</p>';

describe('dates the page states in markup', () => {
  it('reads any JSON-LD object’s date when the article object has none (a WebPage’s)', () => {
    const ld = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', datePublished: '2018-02-28T15:07:03+00:00', dateModified: '2020-01-08T10:30:47+00:00' }] };
    expect(published(`<head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><h1>Augenlidstraffung</h1>${P}</body>`)).toBe('2018-02-28T15:07:03.000Z');
  });

  it('reads publication meta names beyond Open Graph (be.ch: publication_date)', () => {
    expect(published('<head><meta name="publication_date" content="2022-02-08T14:00:00"></head><body><h1>Impfen</h1></body>')).toBe('2022-02-08T14:00:00.000Z');
  });

  it('reads a slashed meta date day first on a Spanish page (eluniversal.com)', () => {
    expect(published('<html lang="es"><head><meta property="article:published_time" content="10/05/2022 05:22 pm"></head><body><h1>Senador</h1></body></html>')).toBe('2022-05-10T17:22:00.000Z');
  });

  it('ignores date markup that dates a list of other pieces (la-bas.org teasers)', () => {
    const teasers = ['2019-09-22T07:30:29Z', '2019-09-20T19:01:28Z', '2019-09-24T13:34:33Z']
      .map((datetime) => `<div class="bloc"><p class="publication">Le <time datetime="${datetime}" pubdate>…</time></p></div>`)
      .join('');
    const html = `<body>${teasers}<h1>Didier Porte souhaite la Santé à Balkany</h1><p>Le <time datetime="2019-06-28T13:49:45Z">28 juin 2019</time></p>${P}</body>`;
    expect(published(html)).toBe('2019-06-28T13:49:45.000Z');
  });
});

describe('the same time stated in two zones', () => {
  const ld = (date: string): string => `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Veteran beats COVID-19', datePublished: date })}</script>`;
  const page = (ldDate: string, metaDate: string, lang = ''): string =>
    `<html${lang}><head>${ld(ldDate)}<meta property="article:published_time" content="${metaDate}"></head><body><h1>Veteran beats COVID-19</h1>${P}</body></html>`;

  it('takes the earlier of two UTC statements a whole number of hours apart on a site east of UTC (couriermail.com.au)', () => {
    const url = 'https://www.couriermail.com.au/news/national/98yearold-wwii-veteran-beats-covid19/video/ca6ce285879e2291307f3fc8148670aa';
    expect(published(page('2020-04-25T07:25:06Z', '2020-04-24T21:25:06+00:00'), url)).toBe('2020-04-24T21:25:06.000Z');
  });

  it('takes the later of them on a site west of UTC (dallasnews.com, en-US)', () => {
    expect(published(page('2014-12-24T12:02:29Z', '2014-12-24T18:02:29Z', ' lang="en-US"'), 'https://www.dallasnews.com/news/2014/12/24/story')).toBe('2014-12-24T18:02:29.000Z');
  });

  it('keeps the first statement where the site’s side of UTC is unknown, or the times are not a zone apart', () => {
    expect(published(page('2014-12-24T12:02:29Z', '2014-12-24T18:02:29Z'), 'https://www.example.com/story')).toBe('2014-12-24T12:02:29.000Z');
    expect(published(page('2020-04-25T07:25:06Z', '2020-04-24T21:24:06+00:00'), 'https://www.couriermail.com.au/news/story')).toBe('2020-04-25T07:25:06.000Z');
  });

  it('takes a real offset over the same clock time marked UTC (htmldate’s test page 1565998355: "+05:30" and "+00:00")', () => {
    expect(published(page('2020-04-02T04:11:00+00:00', '2020-04-02T04:11:00+05:30'), 'https://www.example.com/story')).toBe('2020-04-01T22:41:00.000Z');
  });
});

describe('the date in the address', () => {
  it('reads a whole date, or only its month', () => {
    expect(urlDate(['https://gregoryszorc.com/blog/2020/01/13/mercurial-python-3/'])).toEqual({ time: Date.UTC(2020, 0, 13), day: true });
    expect(urlDate(['https://example.com/news/2021-11-03-skoda'])).toEqual({ time: Date.UTC(2021, 10, 3), day: true });
    expect(urlDate(['https://bumsbutzener-gumpfen.blogspot.com/2020/04/tach-auch.html'])).toEqual({ time: Date.UTC(2020, 3, 1), day: false });
    expect(urlDate(['https://example.com/article/20201301-not-a-date', 'https://www.ndr.de/nachrichten/info/podcastcoronavirus140.html'])).toBeUndefined();
  });

  it('is the date when the page says nothing else, and a date near the headline that agrees with it adds the time', () => {
    expect(published(`<body><h1>Mercurial's Journey to Python 3</h1>${P}</body>`, 'https://gregoryszorc.com/blog/2020/01/13/mercurial-python-3/')).toBe('2020-01-13T00:00:00.000Z');
    expect(published(`<body><h1>Tach auch!</h1><div>Dienstag, 28. April 2020 um 21:11</div>${P}</body>`, 'https://bumsbutzener-gumpfen.blogspot.com/2020/04/tach-auch.html')).toBe('2020-04-28T21:11:00.000Z');
  });

  it('rules out a date near the headline that the address contradicts', () => {
    const html = `<body><h1>Bike lanes approved</h1><p>Updated 3 March 2021</p>${P}</body>`;
    expect(published(html, 'https://news.example/2020/01/13/bike-lanes')).toBe('2020-01-13T00:00:00.000Z');
  });
});

describe('dates written next to the headline', () => {
  it('takes the date just after the headline (dtb.de)', () => {
    const html = `<body><h1>Erste Maßnahmen umgesetzt und Kulturwandel angestoßen</h1><p class="meta-info">03.02.2022 15:34</p>${P}<p>Am 14.01.2022 hatte der Vorstand getagt.</p></body>`;
    expect(published(html)).toBe('2022-02-03T15:34:00.000Z');
  });

  it('takes the date just before it over one far below it (handball-world: "Quelle: … 02.02.2022 10:16 Uhr" above the <h1>)', () => {
    const far = '<p>' + 'Weitere Meldungen aus der Liga. '.repeat(30) + ' 30.01.2022</p>';
    const html = `<body><div>Quelle: Lars Gummich / ASV</div><div>02.02.2022 10:16 Uhr - 1. Bundesliga</div><h1>HSV Hamburg verpflichtet niederländischen Nationalspieler</h1>${P}${far}</body>`;
    expect(published(html)).toBe('2022-02-02T10:16:00.000Z');
  });

  it('prefers the date said to be the publication to the update (twincities.com)', () => {
    const html = `<body><h1>St. Louis Park elects a new mayor</h1><div class="time">UPDATED: November 9, 2023 at 12:21 a.m. | PUBLISHED: November 8, 2023 at 11:30 p.m.</div>${P}</body>`;
    expect(published(html)).toBe('2023-11-08T23:30:00.000Z');
  });

  it('reads a <time> after the headline, and its class (mercurynews.com)', () => {
    const html = `<body><h1>Another Bay Area child dead</h1><time datetime="2023-11-08 18:17:08" class="updated">6:17 p.m.</time><time datetime="2023-11-08 17:49:09" class="published">5:49 p.m.</time>${P}</body>`;
    expect(published(html)).toBe('2023-11-08T17:49:09.000Z');
  });

  it('finds the headline by the title statements, not the site’s logo <h1> (news.az)', () => {
    const html = `<head><meta property="og:title" content="Azerbaijan launches counteroffensive, Pakistani envoy says"><meta property="og:site_name" content="News.az"></head>
      <body><div>Tuesday, (08 Dec 2020)</div><h1>News.az</h1><nav>Politics Sports</nav><p>${'Menu item. '.repeat(40)}</p>
      <h1>Azerbaijan launches counteroffensive, Pakistani envoy says</h1><ul class="meta"><li>13 Oct 2020 18:29</li></ul>${P}</body>`;
    expect(published(html)).toBe('2020-10-13T18:29:00.000Z');
  });

  it('reads the byline at the article’s end when nothing near the headline is a date (gay.ch)', () => {
    const html = `<body><h1>VATIKAN: Eltern sollen queere Kinder unterstützen</h1>${P}${P}${P}${P}
      <div class="document_byline-tile"><span class="documentAuthor">erstellt von Dominique — </span><span class="documentPublished"><span>veröffentlicht</span> 28.01.2022 06:00</span></div>
      <div class="comment-list"><div class="comment-date">29.01.2022</div></div></body>`;
    expect(published(html)).toBe('2022-01-28T06:00:00.000Z');
  });

  it('reads an <aside> inside the article (ebene11.com: "Datum 12.01.2017")', () => {
    const html = `<body><article><header><h2>Dateien mit Migrationshintergrund</h2></header>${P}${P}${P}${P}<aside class="blogData"><dl><dt>Datum</dt><dd>12.01.2017</dd></dl></aside></article></body>`;
    expect(published(`<head><title>Dateien mit Migrationshintergrund | Ebene 11</title></head>${html}`)).toBe('2017-01-12T00:00:00.000Z');
  });

  it('does not take the site header’s clock above the headline for the article’s date (the day the page is read)', () => {
    const today = new Date(NOW).toISOString().slice(0, 10).split('-').reverse().join('.');
    const html = `<body><div class="header-date">${today}</div><h1>Unser Kräutergarten auf der Wannenkopfhütte!</h1>${P}</body>`;
    expect(published(html)).toBeUndefined();
    expect(published(html.replace('</h1>', '</h1><p>von Anna am 20.06.2018</p>'))).toBe('2018-06-20T00:00:00.000Z');
  });

  it('finds a headline that starts with spaces, and a page’s first <h2> when its <h1> is a logo (nhk.or.jp, carta.info)', () => {
    const doc = parseHTML(`<!doctype html><body><h1 class="article-main__title">
              <ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rt>たいばつ</rt></ruby>を禁止する法律ができる
            </h1><p class="article-main__date">[06月24日 11時30分]</p>${P}</body>`).document as unknown as Document;
    expect(readPage(doc, 'https://x.example/a', classifyPage(doc, 'https://x.example/a').ld, []).evidence!.after).toContain('[06月24日 11時30分]');
    const carta = `<html><head><title>carta.info</title></head><body><h1><a href="/"><img src="logo.svg" alt="carta.info"></a></h1>
      <div class="posttitlein"><p id="in-tag"><a href="/tag/die-gruenen/"> #Die Grünen</a></p> <h2>Der neue Trend: Muss- statt Wunschkoalition</h2></div>
      <p class="morespace">von <a href="/author/klaus-peter_schoeppner/" rel="author">Klaus-Peter Schöppner</a>, 8.5.12 </p>${P}</body></html>`;
    expect(published(carta, 'http://carta.info/der-neue-trend-muss-statt-wunschkoalition/')).toBe('2012-05-08T00:00:00.000Z');
  });

  it('never takes the Wayback Machine’s banner date, nor a copyright’s', () => {
    const html = `<body><div id="wm-ipp-base"><h1>Dateien</h1> 1 April 2016 captured</div><h1>Dateien</h1>${P}<footer>Copyright © 19.12.2019 - 12:14 h by Qualisys GmbH</footer></body>`;
    expect(published(html)).toBeUndefined();
  });
});

describe('the last resorts', () => {
  it('reads a publication date in the page’s script data (a Shopify shop)', () => {
    const html = `<body><h1>Happy Coffee SIDAMO Bio Bohnen</h1>${P}<script>var meta = {"product":{"id":1,"published_at":"2019-03-02T06:22:28+01:00","created_at":"2019-03-02T06:27:24+01:00"}};</script></body>`;
    expect(published(html)).toBe('2019-03-02T05:22:28.000Z');
  });

  it('reads a date handed to a script that writes it into the page (city.udn.com: showDate)', () => {
    const html = `<html><head><title>bong2 effect finish never - 若雲域 - udn城市</title></head><body><table><tr><td class="main-text"><script>showDate("2020/04/17 01:43:09 01:43:09")</script>\u3000瀏覽<strong>7</strong></td></tr></table>${P}</body></html>`;
    expect(published(html, 'http://city.udn.com/67926/6950016')).toBe('2020-04-17T01:43:09.000Z');
    expect(published(html.replace('showDate', 'new Date'), 'http://city.udn.com/67926/6950016')).toBeUndefined();
  });

  it('reads a day the title names when nothing else dates the page (slf.ch)', () => {
    const html = `<html><head><title>Wochenbericht 14. - 20. Januar 2022 - SLF</title></head><body><article id="pagetitle"><header><h4>Wochenbericht 14. - 20. Januar 2022</h4></header></article>${P}</body></html>`;
    expect(published(html, 'https://www.slf.ch/de/lawinenbulletin-und-schneesituation/wochen-und-winterberichte/2021/22/wochenbericht-14-20-januar-2022.html')).toBe('2022-01-14T00:00:00.000Z');
  });

  it('reads the date in the lead image’s address (eff.org: /files/2016/05/04/)', () => {
    expect(published(`<head><meta property="og:image" content="https://www.eff.org/files/2016/05/04/ar-2015-og.png"></head><body><h1>Annual Report</h1>${P}</body>`)).toBe('2016-05-04T00:00:00.000Z');
  });

  it('interprets what the content script sent, without a DOM', () => {
    const doc = parseHTML(`<!doctype html><body><h1>Tach auch!</h1><div>Dienstag, 28. April 2020</div>${P}</body>`).document as unknown as Document;
    const reading = readPage(doc, 'https://x.example/a', classifyPage(doc, 'https://x.example/a').ld, []);
    expect(reading.publishedTime).toBeUndefined();
    expect(reading.evidence!.after).toContain('28. April 2020');
    expect(new Date(publishedFrom(reading.evidence!, reading.urls, undefined, { now: NOW })!).toISOString()).toBe('2020-04-28T00:00:00.000Z');
  });
});
