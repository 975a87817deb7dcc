import { describe, expect, it } from 'vitest';
import { languageName, reasonText } from '../../../src/ui/components/RelatedList';

describe('why an item is listed', () => {
  it('names the shared words, and the language when the match is in another one', () => {
    expect(reasonText({ kind: 'same-story', terms: ['Mexico', '19', 'quake'] })).toBe('Same story: Mexico, 19, quake');
    expect(reasonText({ kind: 'same-story', terms: ['Mexico', '19'], language: 'ms' })).toBe(`Same story: Mexico, 19 · in ${languageName('ms')}`);
    expect(languageName('ms')).toMatch(/malay/i);
    expect(languageName('zh')).toMatch(/chinese/i);
    // An unknown or malformed code is shown as it is, never an error.
    expect(languageName('not a code')).toBe('not a code');
    expect(reasonText({ kind: 'linked' })).toBe("Listed as related in this article's record");
  });

  it('names the item an article is shown through (the second hop) and the words they share', () => {
    expect(reasonText({ kind: 'same-story-as', mate: 'Quake hits Mexico City', terms: ['Mexico', 'rescuers'] })).toBe('Same story as ‘Quake hits Mexico City’: Mexico, rescuers');
    expect(reasonText({ kind: 'same-story-as', mate: 'Quake hits Mexico City', terms: [], language: 'ms' })).toBe(`Same story as ‘Quake hits Mexico City’ · in ${languageName('ms')}`);
  });
});
