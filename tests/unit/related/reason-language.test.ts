/**
 * "Same story · in Malay": an item's language is named only when both it and the page's are known
 * for sure — stated, or read surely from the text (src/index/language.ts labelLanguage). An English
 * report whose few function words the guess takes for Danish is not called "in Danish".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/index/language';
import { findRelated } from '../../../src/related/find-related';
import { ArticleStore } from '../../../src/store';
import { OTHER_NEWS_TITLES, recordsAt } from '../builders';

const DAY = 86_400_000;
const T0 = Date.parse('2024-10-15T12:00:00Z');
const record = recordsAt(T0);

const FILLER = OTHER_NEWS_TITLES.slice(0, 8).map((title, i) => record(title, `https://filler${i % 4}.example/story-${i}`, { publishedAt: T0 - (i % 5) * DAY }));

const CALLED_DANISH = record('Man arrested in fatal shooting at grocery store', 'https://walb.example/story/26348074', {
  excerpt: '(WMC) – Memphis police arrested a man wanted for a murder that happened at a neighborhood grocery store.',
});
const PAGE = record('Memphis police arrest man in fatal grocery store shooting', 'https://wreg.example/memphis-grocery-shooting', {
  excerpt: 'Police in Memphis arrested a man wanted for the murder at a neighborhood grocery store, officers said on Tuesday.',
});
const MALAY = record('Polis Memphis tahan lelaki disyaki tembak mati pekedai runcit', 'https://berita.example/memphis', {
  excerpt: 'Polis Memphis telah menahan seorang lelaki yang disyaki terlibat dalam kejadian tembak mati di sebuah kedai runcit, kata polis pada hari ini.',
});

let store: ArticleStore;
let n = 0;
beforeEach(async () => {
  store = new ArticleStore({ name: `reason-language-${++n}` });
  await store.upsertRecords([...FILLER, CALLED_DANISH, PAGE, MALAY], 'record');
});
afterEach(() => store.close());

describe('the language named in a same-story reason', () => {
  it('names Malay for the Malay report, and no language for the English one guessed Danish', async () => {
    expect(detectLanguage(`${CALLED_DANISH.title} ${CALLED_DANISH.excerpt}`)).toBe('da');
    const { items } = await findRelated(store, { urls: [PAGE.webUrl!], title: '', excerpt: '' });
    const reasonOf = (url: string) => items.find((item) => item.article.url === url)?.reasons.find((r) => r.kind === 'same-story');
    const english = reasonOf(CALLED_DANISH.webUrl!);
    expect(english).toBeDefined();
    expect(english).not.toHaveProperty('language');
    expect(reasonOf(MALAY.webUrl!)).toMatchObject({ language: 'ms' });
  });
});
