import { describe, expect, it } from 'vitest';
import { urlRole } from '../../../src/detect/url-role';

describe('urlRole', () => {
  it.each([
    ['https://www.example-news.com/', 'root'],
    ['https://www.example-news.com/index.html', 'root'],
    ['https://www.example-news.com/en/', 'root'],
    ['https://www.example-news.com/?utm_source=x', 'root'],
    ['https://shop.example/login', 'function'],
    ['https://shop.example/customer/account/create/', 'function'],
    ['https://shop.example/SignIn.aspx?ReturnUrl=%2F', 'function'],
    ['https://forum.example/register.php', 'function'],
    ['https://forum.example/index.php?page=Register&action=register', 'function'],
    ['https://shop.example/securelogin.php?from=compte', 'function'],
    ['https://shop.example/cart', 'function'],
    ['https://www.example.de/kundenkonto/anmelden', 'function'],
    ['https://news.example/search?q=election', 'function'],
    ['https://blog.example/?s=climate', 'function'],
    ['https://news.example/contact-us/', 'function'],
    ['https://news.example/politics', 'section'],
    ['https://news.example/world/europe', 'section'],
    ['https://news.example/2024/05/14/council-approves-bike-lanes', 'content'],
    ['https://news.example/?p=123', 'content'],
    ['https://www.techradar.com/ai-platforms-assistants/this-new-search-box-does-not-mean-that-youll-only-get-ai-responses', 'content'],
    ['https://news.example/research/new-findings-on-sleep', 'content'],
    ['https://news.example/article/a-65897191', 'content'],
    // A date archive lists a year's, month's or day's posts (unexpecteduser.blogspot.de/2011/).
    ['http://unexpecteduser.blogspot.de/2011/', 'archive'],
    ['https://blog.example/2019/10/', 'archive'],
    ['https://blog.example/2019/10/16/', 'archive'],
    ['https://emacspeak.blogspot.com/2019/10/meta-programming-in-emacs-using.html', 'content'],
    // A Wayback Machine copy is what the page it copies is.
    ['https://web.archive.org/web/20160401095740/http://www.welpenkaufen24.de/', 'root'],
    ['https://web.archive.org/web/20160401095740id_/https://shop.example/login', 'function'],
    ['https://web.archive.org/web/2019/https://news.example/2019/10/16/story', 'content'],
  ])('%s is %s', (url, role) => {
    expect(urlRole(url)).toBe(role);
  });
});
