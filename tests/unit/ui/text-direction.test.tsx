/**
 * Stored text may be in any script: headlines, outlet names and summaries carry dir="auto", so an
 * Arabic or Hebrew one is laid out right to left (its punctuation at its own end) inside the
 * pages' left-to-right layout, and the words around it keep their places.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Digest } from '../../../src/digest/digest';
import type { RelatedItem } from '../../../src/related/types';
import type { ArticleView } from '../../../src/store/view';
import { RelatedList, reasonText } from '../../../src/ui/components/RelatedList';
import { DigestApp } from '../../../src/ui/digest/DigestApp';
import { attributeInForce, cleanup, mount, settle } from './dom';

afterEach(cleanup);

const ARABIC: ArticleView = {
  id: 'a1',
  url: 'https://arabic.example/news/1',
  title: 'انفجار في مرفأ بيروت!',
  excerpt: 'قال مسؤولون إن الانفجار وقع مساء الثلاثاء.',
  publishedAt: Date.UTC(2024, 4, 14),
  providerName: 'الجزيرة',
  domain: 'arabic.example',
  topics: [],
  addedAt: Date.UTC(2024, 4, 14),
};

const dirOf = (root: ParentNode, text: string): string | null => attributeInForce(root, text, 'dir');

describe('text direction of stored text', () => {
  it('related items: headline, outlet, summary and "also in" outlets', async () => {
    const item: RelatedItem = { article: ARABIC, reasons: [], score: 1, alsoIn: [{ name: 'العربية', url: 'https://arabic2.example/1', domain: 'arabic2.example' }] };
    const page = await mount(<RelatedList items={[item]} showThumbnails={false} />);
    for (const text of [ARABIC.title, ARABIC.providerName, ARABIC.excerpt, 'العربية']) expect(dirOf(page, text), text).toBe('auto');
  });

  it('"why listed": each shared word or name is isolated, so a right-to-left one keeps its place in the list', async () => {
    const item: RelatedItem = {
      article: ARABIC,
      reasons: [
        { kind: 'mentions', words: ['بيروت', '100'] },
        { kind: 'same-story', terms: ['מירון', '45'], language: 'he' },
      ],
      score: 1,
      alsoIn: [],
    };
    const page = await mount(<RelatedList items={[item]} showThumbnails={false} />);
    const mentions = page.querySelector('.reason-mentions')!;
    // One string "Mentions بيروت, 100" is laid out as "Mentions 100 ,بيروت"; each word in a <bdi> is not.
    expect([...mentions.querySelectorAll('bdi')].map((bdi) => bdi.textContent)).toEqual(['بيروت', '100']);
    expect(mentions.textContent).toBe('Mentions بيروت, 100');
    const same = page.querySelector('.reason-same-story')!;
    expect([...same.querySelectorAll('bdi')].map((bdi) => bdi.textContent)).toEqual(['מירון', '45']);
    expect(same.textContent).toBe(reasonText(item.reasons[1]!));
  });

  it('"same story as": the other item\'s headline is text, isolated as the words are', async () => {
    const mate = '<b>انفجار</b> & co';
    const item: RelatedItem = { article: ARABIC, reasons: [{ kind: 'same-story-as', mate, terms: ['بيروت', '100'] }], score: 1, alsoIn: [] };
    const page = await mount(<RelatedList items={[item]} showThumbnails={false} />);
    const reason = page.querySelector('.reason-same-story-as')!;
    // Markup in a stored headline stays characters: no element made of it.
    expect(reason.querySelector('b')).toBeNull();
    expect([...reason.querySelectorAll('bdi')].map((bdi) => bdi.textContent)).toEqual([mate, 'بيروت', '100']);
    expect(reason.textContent).toBe(reasonText(item.reasons[0]!));
    expect(reason.textContent).toBe(`Same story as ‘${mate}’: بيروت, 100`);
  });

  it('new-tab digest story cards', async () => {
    const digest: Digest = {
      version: 1,
      builtAt: 0,
      anchor: ARABIC.publishedAt!,
      windowStart: 0,
      articles: 1,
      today: [{ id: ARABIC.id, best: ARABIC, topic: '', articleCount: 1, outlets: [{ name: ARABIC.providerName, domain: ARABIC.domain, url: ARABIC.url }], times: [ARABIC.publishedAt!], score: 1 }],
      week: [],
      readUpdates: [],
    };
    const page = await mount(
      <DigestApp initial={null} mode="full" showThumbnails={false} loadDigest={() => Promise.resolve(digest)} onDigest={() => undefined} searchUrl={(text) => `results.html?q=${text}`} optionsUrl="options.html" />,
    );
    await settle();
    for (const text of [ARABIC.title, ARABIC.providerName, ARABIC.excerpt]) expect(dirOf(page, text), text).toBe('auto');
  });
});
