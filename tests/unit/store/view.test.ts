import { describe, expect, it } from 'vitest';
import { articleFromRecord } from '../../../src/store/merge';
import { toArticleView } from '../../../src/store/view';
import { newsRecord } from '../builders';

const view = (fields: Parameters<typeof newsRecord>[0]) => toArticleView(articleFromRecord(newsRecord({ webUrl: 'https://x.example/a', ...fields }), 'a1', 'record', 0));

describe('the view of a stored article', () => {
  it("carries the article's language only when it was stated or the text is sure of it", () => {
    // No language stated, and the guess from the text is sure: Malay.
    expect(view({ title: 'Polis tahan lelaki', excerpt: 'Polis telah menahan seorang lelaki yang disyaki terlibat dalam kejadian tembak di sebuah kedai runcit pada malam tadi.' }).lang).toBe('ms');
    expect(view({ title: '新加坡科学家开发出血液检测试剂盒' }).lang).toBe('zh');
    // The store keeps the guess "da" for this English report; the view does not pass it on.
    const english = view({ title: 'Man arrested in fatal shooting at grocery store', excerpt: '(WMC) – Memphis police arrested a man wanted for a murder that happened at a neighborhood grocery store.' });
    expect(articleFromRecord(newsRecord({ title: 'Man arrested in fatal shooting at grocery store', excerpt: '(WMC) – Memphis police arrested a man wanted for a murder that happened at a neighborhood grocery store.', webUrl: 'https://x.example/a' }), 'a1', 'record', 0).lang).toBe('da');
    expect(english.lang).toBeUndefined();
    // Stated by the record: kept, though the headline alone says too little.
    expect(view({ title: 'Banjir: Lebih 3,000 mangsa dipindahkan', lang: 'ms-MY' }).lang).toBe('ms-MY');
  });
});
