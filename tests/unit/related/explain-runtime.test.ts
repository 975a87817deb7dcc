import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordsAt } from '../builders';

/**
 * The popup's shared words after a browser update. Rows keep no index terms (drop-row-terms): the
 * explanation finds an indexed hash's word from the article's text through the tokenizer — which
 * leans on the runtime's ICU (Intl.Segmenter splits Chinese, Japanese and Thai; Intl.DisplayNames
 * names regions). A browser update may segment or name otherwise, while the index keeps what the
 * old one made: those words must still be named (as rows with terms named them).
 * A new worker on the updated browser is simulated by fresh modules (no cached fields, segmenters
 * or region tables) with the runtime patched.
 */

const T0 = Date.parse('2024-10-15T12:00:00Z');
const record = recordsAt(T0);

type Modules = {
  store: typeof import('../../../src/store');
  related: typeof import('../../../src/related/find-related');
};

async function load(): Promise<Modules> {
  vi.resetModules();
  return { store: await import('../../../src/store'), related: await import('../../../src/related/find-related') };
}

/** Every item's same-story words, by URL. */
async function words(m: Modules, name: string, url: string): Promise<Record<string, string[]>> {
  const store = new m.store.ArticleStore({ name });
  try {
    const result = await m.related.findRelated(store, { urls: [url], title: '', excerpt: '' }, { cache: false });
    return Object.fromEntries(result.items.map((item) => [item.article.url, item.reasons.flatMap((r) => (r.kind === 'same-story' ? (r.terms ?? []) : []))]));
  } finally {
    store.close();
  }
}

let n = 0;
afterEach(() => vi.restoreAllMocks());

describe('shared words when the runtime tokenizes otherwise than the one that indexed', () => {
  it('a Chinese word the new segmenter splits is still named', async () => {
    const chinese = [
      record('马来西亚总理安华宣布新的经济刺激计划', 'https://a.example/1', { excerpt: '安华在吉隆坡表示，政府将拨款支持中小企业和低收入家庭。', lang: 'zh' }),
      record('安华宣布经济刺激计划 拨款支持中小企业', 'https://b.example/2', { excerpt: '马来西亚总理安华周三在吉隆坡宣布新的经济刺激计划。', lang: 'zh', publishedAt: T0 + 3_600_000 }),
      record('马来西亚政府推出经济刺激计划 安华：支持低收入家庭', 'https://c.example/3', { excerpt: '总理安华表示计划将惠及中小企业。', lang: 'zh', publishedAt: T0 + 7_200_000 }),
    ];
    const name = `explain-runtime-${++n}`;
    const old = await load();
    const writer = new old.store.ArticleStore({ name });
    await writer.upsertRecords(chinese, 'record');
    writer.close();
    const before = await words(old, name, 'https://a.example/1');
    expect(Object.values(before).flat()).toEqual(expect.arrayContaining(['吉隆坡', '低收入']));

    // The updated runtime: Han words longer than two characters split in two-character pieces.
    const segment = Intl.Segmenter.prototype.segment;
    vi.spyOn(Intl.Segmenter.prototype, 'segment').mockImplementation(function (this: Intl.Segmenter, text: string) {
      const out: Intl.SegmentData[] = [];
      for (const s of segment.call(this, text)) {
        if (s.isWordLike === true && /^\p{Script=Han}{3,}$/u.test(s.segment)) {
          for (let i = 0; i < s.segment.length; i += 2) out.push({ ...s, segment: s.segment.slice(i, i + 2), index: s.index + i });
        } else out.push(s);
      }
      return out as unknown as Intl.Segments;
    });
    const after = await words(await load(), name, 'https://a.example/1');
    expect(after).toEqual(before);
  });

  it('a region the new runtime names otherwise is still named', async () => {
    const english = [
      record('Malaysia unveils stimulus package for small firms', 'https://a.example/my1', { excerpt: 'The prime minister said the package targets low-income households.' }),
      record('Stimulus for small firms announced by Malaysia', 'https://b.example/my2', { excerpt: 'Low-income households and small firms get support, the prime minister said.', publishedAt: T0 + 3_600_000 }),
      record('Malaysia stimulus package: small firms and households get support', 'https://c.example/my3', { excerpt: 'The prime minister set out the package on Wednesday.', publishedAt: T0 + 7_200_000 }),
    ];
    const name = `explain-runtime-${++n}`;
    const old = await load();
    const writer = new old.store.ArticleStore({ name });
    await writer.upsertRecords(english, 'record');
    writer.close();
    const before = await words(old, name, 'https://a.example/my1');
    expect(Object.values(before).flat()).toContain('malaysia');

    // The updated runtime names MY otherwise (as CLDR renamed TR "Türkiye").
    const of = Intl.DisplayNames.prototype.of;
    vi.spyOn(Intl.DisplayNames.prototype, 'of').mockImplementation(function (this: Intl.DisplayNames, code: string) {
      return code === 'MY' ? 'Malaya' : of.call(this, code);
    });
    const after = await words(await load(), name, 'https://a.example/my1');
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const [url, list] of Object.entries(before)) {
      // The same words, the region as the new runtime names it (what rows with terms gave too).
      expect(after[url]).toEqual(list.map((word) => (word === 'malaysia' ? 'Malaya' : word)));
    }
  });
});
