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
