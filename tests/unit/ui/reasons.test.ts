import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MatchReason } from '../../../src/related/types';
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

  it('every kind of reason is drawn as a chip: its class has a colour and a background', () => {
    // Every kind, by the type (a kind added to MatchReason fails to compile here until listed).
    const kinds: Record<MatchReason['kind'], true> = { linked: true, 'links-here': true, 'same-story': true, 'same-story-as': true, mentions: true };
    const css = readFileSync(new URL('../../../src/ui/components/related.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const rules = [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)].map(([, selectors, body]) => ({ selectors: selectors!.split(',').map((s) => s.trim()), body: body! }));
    for (const kind of Object.keys(kinds)) {
      const body = rules.filter((rule) => rule.selectors.includes(`.reason-${kind}`)).map((rule) => rule.body).join(';');
      expect(body, kind).toMatch(/(^|[;\s])color\s*:/);
      expect(body, kind).toMatch(/background\s*:/);
    }
  });
});
