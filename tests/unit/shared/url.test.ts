import { describe, expect, it } from 'vitest';
import { displayDomain, safeHttpUrl, urlKey, urlKeys } from '../../../src/shared/url';

describe('urlKey', () => {
  // Real URLs from the record corpus and publishers, with what must match what.
  const same: [string, string][] = [
    // scheme and host case, www, default port, fragment, trailing slash
    ['HTTPS://WWW.DigiTimes.com:443/news/a20231023PD228/us-chip-ban.html#comments', 'http://digitimes.com/news/a20231023PD228/us-chip-ban.html'],
    ['https://www.reuters.com/world/', 'https://reuters.com/world'],
    ['http://example.com:80/a', 'https://example.com/a'],
    // tracking parameters
    ['https://thehill.com/homenews/media/496327-nbcuniversal?utm_source=twitter&utm_medium=social&utm_campaign=x', 'https://thehill.com/homenews/media/496327-nbcuniversal'],
    ['https://www.bbc.co.uk/news/world-52556207?fbclid=IwAR0abc', 'https://www.bbc.co.uk/news/world-52556207'],
    ['https://www.nytimes.com/2020/05/06/us/virus.html?smid=tw-share&gclid=Cj0K', 'https://www.nytimes.com/2020/05/06/us/virus.html'],
    ['https://example.com/story?id=7&utm_content=a&mc_cid=1&mc_eid=2', 'https://example.com/story?id=7'],
    // tags news sites and feed readers add (pages of ../shared/data/pages), campaign tags of
    // Matomo, AT Internet, Webtrekk and Comscore, click ids (Brave's and Firefox's lists)
    ['https://www.dw.com/de/russland-wahl/a-68117411?maca=de-rss-de-all-1119-rdf', 'https://www.dw.com/de/russland-wahl/a-68117411'],
    ['https://sn.dk/Danmark/Coronavirus-rammer-trafikken/artikel/922379?rss', 'https://sn.dk/Danmark/Coronavirus-rammer-trafikken/artikel/922379'],
    ['https://www.monroenews.com/ZZ/news/20200516/italy-seeks-to-boost-tourism?rssfeed=true', 'https://www.monroenews.com/ZZ/news/20200516/italy-seeks-to-boost-tourism'],
    ['https://www.theargus.co.uk/news/18701511.woman-hurt/?ref=rss', 'https://www.theargus.co.uk/news/18701511.woman-hurt/'],
    ['https://example.com/a?mtm_campaign=x&pk_kwd=y&xtor=RSS-1&wt_mc=rss.red&ns_mchannel=z&at_medium=m&srsltid=q&ttclid=t', 'https://example.com/a'],
    ['https://www.rosalux.de/news/id/45292/wir-waren-fast-40-tage?cHash=39ac749d120d127296ab076c2030', 'https://www.rosalux.de/news/id/45292/wir-waren-fast-40-tage'],
    // query order does not matter
    ['https://example.com/s?b=2&a=1', 'https://example.com/s?a=1&b=2'],
    // AMP: query switch, path segment, .amp.html, AMP cache and Google viewer
    ['https://thehill.com/homenews/media/496327-nbcuniversal-cutting?amp', 'https://thehill.com/homenews/media/496327-nbcuniversal-cutting'],
    [
      'https://thehill-com.cdn.ampproject.org/c/s/thehill.com/homenews/media/496327-nbcuniversal-cutting?amp',
      'https://thehill.com/homenews/media/496327-nbcuniversal-cutting',
    ],
    [
      'https://www.godanriver.com/business/nearly-12-7-billion/article_c9fbdaba.amp.html',
      'https://www.godanriver.com/business/nearly-12-7-billion/article_c9fbdaba.html',
    ],
    [
      'https://www-godanriver-com.cdn.ampproject.org/c/s/www.godanriver.com/business/nearly-12-7-billion/article_c9fbdaba.amp.html',
      'https://www.godanriver.com/business/nearly-12-7-billion/article_c9fbdaba.html',
    ],
    ['https://www.theguardian.com/world/2020/may/06/story/amp', 'https://www.theguardian.com/world/2020/may/06/story'],
    ['https://www.cnn.com/2020/05/06/health/amp/story', 'https://www.cnn.com/2020/05/06/health/story'],
    ['https://amp.theguardian.com/world/2020/may/06/story', 'https://www.theguardian.com/world/2020/may/06/story'],
    ['https://www.google.com/amp/s/www.cbsnews.com/amp/news/coronavirus-story/', 'https://www.cbsnews.com/news/coronavirus-story/'],
    ['https://example.com/article?outputType=amp', 'https://example.com/article'],
    ['https://m.example.com/article', 'https://www.example.com/article'],
  ];
  it.each(same)('%s ≡ %s', (a, b) => {
    expect(urlKey(a)).not.toBeNull();
    expect(urlKey(a)).toBe(urlKey(b));
  });

  const different: [string, string][] = [
    ['https://example.com/story?id=7', 'https://example.com/story?id=8'],
    ['https://example.com/a', 'https://example.com/b'],
    ['https://example.com/Story', 'https://example.com/story'],
    ['https://news.example.com/a', 'https://example.com/a'],
    ['https://example.com/list?output=json', 'https://example.com/list'],
    // parameters that select content stay, however tracking-like their neighbours
    ['https://www.heise.de/news/Ionos-Phishing-9691259.html?wt_mc=rss.red&seite=all', 'https://www.heise.de/news/Ionos-Phishing-9691259.html'],
    ['https://www.be.ch/medienmitteilungen.html?newsID=c3aa546f', 'https://www.be.ch/medienmitteilungen.html?newsID=d4bb657a'],
    ['https://en.yna.co.kr/view/AEN20190820002300325?section=nk/nk', 'https://en.yna.co.kr/view/AEN20190820002300325'],
  ];
  it.each(different)('%s ≢ %s', (a, b) => {
    expect(urlKey(a)).not.toBe(urlKey(b));
  });

  it('gives the expected key', () => {
    expect(urlKey('https://www.digitimes.com/news/a20231023PD228/us-chip-ban-china-huawei-ai-chips-alibaba-baidu-nvidia-tencent.html')).toBe(
      'digitimes.com/news/a20231023PD228/us-chip-ban-china-huawei-ai-chips-alibaba-baidu-nvidia-tencent.html',
    );
    expect(urlKey('https://example.com/')).toBe('example.com');
  });

  it('rejects what is not an http(s) URL', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.com/a', 'not a url', '', '   ', 42, null, undefined, 'chrome://newtab/', 'file:///etc/passwd']) {
      expect(urlKey(bad)).toBeNull();
      expect(safeHttpUrl(bad)).toBeNull();
    }
  });

  it('resolves relative URLs against a base', () => {
    expect(safeHttpUrl('/news/a', 'https://example.com/x/y')).toBe('https://example.com/news/a');
    expect(urlKey('../b?utm_source=x', 'https://example.com/x/y')).toBe('example.com/b');
  });

  it('lists distinct keys in order', () => {
    expect(urlKeys(['https://www.a.com/x?amp', 'http://a.com/x', 'mailto:x@y.z', 'https://b.com/'])).toEqual(['a.com/x', 'b.com']);
  });

  it('gives a display domain', () => {
    expect(displayDomain('https://www.BBC.co.uk/news')).toBe('bbc.co.uk');
    expect(displayDomain('javascript:x')).toBeNull();
  });
});
