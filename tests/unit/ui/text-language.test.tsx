/**
 * Stored headlines and summaries carry the article's language (`lang`) when it is known for sure
 * (src/index/language.ts displayLanguage), so a screen reader reads a Malay or Chinese item in
 * Malay or Chinese, not in the page's English; the words around them (outlet, why listed) stay
 * the page's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Digest } from '../../../src/digest/digest';
import type { TabView } from '../../../src/messaging/protocol';
import type { RelatedItem } from '../../../src/related/types';
import { DEFAULT_SETTINGS } from '../../../src/settings/settings';
import type { ArticleView } from '../../../src/store/view';
import { RelatedList } from '../../../src/ui/components/RelatedList';
import { DigestApp } from '../../../src/ui/digest/DigestApp';
import { PopupApp } from '../../../src/ui/popup/PopupApp';
import { attributeInForce, cleanup, mount, settle } from './dom';

afterEach(cleanup);

const MALAY: ArticleView = {
  id: 'm1',
  url: 'https://berita.example/1',
  title: 'Polis tahan lelaki disyaki tembak pekedai',
  excerpt: 'Polis telah menahan seorang lelaki yang disyaki terlibat dalam kejadian itu.',
  publishedAt: Date.UTC(2024, 4, 14),
  providerName: 'Berita Example',
  domain: 'berita.example',
  topics: [],
  addedAt: Date.UTC(2024, 4, 14),
  lang: 'ms',
};

const langOf = (root: ParentNode, text: string): string | null => attributeInForce(root, text, 'lang');

describe('language of stored text', () => {
  it('related items: headline and summary in the article language, the rest in the page language', async () => {
    const items: RelatedItem[] = [
      { article: MALAY, reasons: [{ kind: 'same-story', terms: ['polis'], language: 'ms' }], score: 1, alsoIn: [] },
      { article: { ...MALAY, id: 'm2', url: 'https://other.example/2', title: 'Headline of unknown language', excerpt: 'No language known.', lang: undefined }, reasons: [], score: 1, alsoIn: [] },
    ];
    const page = await mount(<RelatedList items={items} showThumbnails={false} />);
    expect(langOf(page, MALAY.title)).toBe('ms');
    expect(langOf(page, MALAY.excerpt)).toBe('ms');
    expect(langOf(page, MALAY.providerName)).toBeNull();
    expect(page.querySelector('.reason-same-story')!.closest('[lang]')).toBeNull();
    expect(langOf(page, 'Headline of unknown language')).toBeNull();
  });

  it('digest story cards and read updates', async () => {
    const digest: Digest = {
      version: 1,
      builtAt: 0,
      anchor: MALAY.publishedAt!,
      windowStart: 0,
      articles: 1,
      today: [{ id: MALAY.id, best: MALAY, topic: '', articleCount: 1, outlets: [{ name: MALAY.providerName, domain: MALAY.domain, url: MALAY.url }], times: [MALAY.publishedAt!], score: 1 }],
      week: [],
      readUpdates: [{ article: { ...MALAY, id: 'r1', title: 'Dibaca: banjir di Kelantan' }, readAt: 0, newItems: [{ article: { ...MALAY, id: 'n1', title: 'Baharu: banjir surut' }, reasons: [], score: 1, alsoIn: [] }], newCount: 1 }],
    };
    const page = await mount(
      <DigestApp initial={null} mode="full" showThumbnails={false} loadDigest={() => Promise.resolve(digest)} onDigest={() => undefined} searchUrl={(text) => `results.html?q=${text}`} optionsUrl="options.html" />,
    );
    await settle();
    for (const text of [MALAY.title, MALAY.excerpt, 'Dibaca: banjir di Kelantan', 'Baharu: banjir surut']) expect(langOf(page, text), text).toBe('ms');
  });

  it('the popup: the headline of the article being read', async () => {
    const view: TabView = {
      status: 'article',
      page: { url: 'https://zh.example/a', urls: ['https://zh.example/a'], title: '新加坡科学家开发出血液检测试剂盒', description: '', topics: [], signals: [] },
      stored: null,
      items: [],
      titleLang: 'zh-CN',
    };
    const page = await mount(<PopupApp loadView={() => Promise.resolve(view)} loadSettings={() => Promise.resolve(DEFAULT_SETTINGS)} openOptions={() => undefined} />);
    await settle();
    expect(langOf(page, '新加坡科学家开发出血液检测试剂盒')).toBe('zh-CN');
  });
});
