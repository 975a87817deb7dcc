import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detectArticle, stripSiteName } from '../../../src/detect/detect';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'pages');

function doc(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

describe('detectArticle on the fixture pages', () => {
  it('reads the seed article page: canonical, title without site name, time, site', () => {
    const page = detectArticle(doc(readFileSync(join(FIXTURES, 'seed-article.html'), 'utf8')), 'http://127.0.0.1:4000/seed-article.html');
    expect(page).toMatchObject({
      canonicalUrl: 'https://www.digitimes.com/news/a20231023PD228/us-chip-ban-china-huawei-ai-chips-alibaba-baidu-nvidia-tencent.html',
      title: 'China homegrown AI chip development proceeding despite US ban',
      siteName: 'DIGITIMES',
      publishedTime: '2023-10-24T01:41:00.000Z',
      lang: 'en',
    });
    expect(page!.urls).toEqual([
      'https://www.digitimes.com/news/a20231023PD228/us-chip-ban-china-huawei-ai-chips-alibaba-baidu-nvidia-tencent.html',
      'http://127.0.0.1:4000/seed-article.html',
    ]);
    expect(page!.signals).toContain('json-ld:NewsArticle');
  });

  it('finds a NewsArticle inside @graph and reads section, tags and author', () => {
    const page = detectArticle(doc(readFileSync(join(FIXTURES, 'bike-lanes.html'), 'utf8')), 'http://127.0.0.1:4000/bike-lanes.html');
    expect(page).toMatchObject({ title: 'Riverton council approves protected bike lanes on Main Street', author: 'Dana Ortiz', topics: ['Local', 'Transport'] });
    expect(page!.image).toBe('https://riverton-daily.example/img/main-street.jpg');
  });

  it('says a sign-in page and a site front page are not articles', () => {
    expect(detectArticle(doc(readFileSync(join(FIXTURES, 'not-article.html'), 'utf8')), 'http://127.0.0.1:4000/not-article.html')).toBeNull();
    expect(detectArticle(doc('<html><head><meta property="og:type" content="article"><title>Home</title></head></html>'), 'https://news.example/')).toBeNull();
    expect(detectArticle(doc('<html><head><meta property="og:type" content="website"><title>Home</title></head></html>'), 'https://news.example/x')).toBeNull();
  });

  it('ignores broken JSON-LD and unsafe URLs', () => {
    const page = detectArticle(
      doc(`<html><head><title>T</title>
        <script type="application/ld+json">{broken</script>
        <script type="application/ld+json">[{"@type":["Thing","Article"],"headline":"From LD","url":"javascript:alert(1)","image":{"url":"/img.jpg"}}]</script>
        <link rel="canonical" href="javascript:alert(1)"></head></html>`),
      'https://news.example/a',
    );
    expect(page).toMatchObject({ title: 'From LD', urls: ['https://news.example/a'], image: 'https://news.example/img.jpg' });
    expect(page!.canonicalUrl).toBeUndefined();
  });

  it('does not run on non-http pages', () => {
    expect(detectArticle(doc('<meta property="og:type" content="article">'), 'chrome://newtab/')).toBeNull();
  });
});

describe('stripSiteName', () => {
  it.each([
    ['China chips despite ban | DIGITIMES', 'DIGITIMES', 'China chips despite ban'],
    ['Library adds Sunday hours - The Coastal Courier', 'The Coastal Courier', 'Library adds Sunday hours'],
    ['BBC News – Storm hits coast', 'BBC News', 'Storm hits coast'],
    ['Biden - Putin summit ends', 'Reuters', 'Biden - Putin summit ends'],
    ['No separator here', 'Site', 'No separator here'],
  ])('%s', (title, site, expected) => {
    expect(stripSiteName(title, site)).toBe(expected);
  });
});
