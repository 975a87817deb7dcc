import { describe, expect, it } from 'vitest';
import { indexTerms } from '../../../src/index/terms';
import { indexFields } from '../../../src/store/merge';

/** indexFields as it was before it remembered recent texts: straight from the tokenizer. */
function fresh(title: string, excerpt: string, lang: string | undefined) {
  const indexed = indexTerms(title, excerpt, lang);
  const language = lang ?? indexed.lang;
  return { terms: indexed.terms, titleTermCount: indexed.titleTermCount, anchors: indexed.anchors, ...(language === undefined ? {} : { lang: language }) };
}

describe('indexFields', () => {
  const texts: [string, string, string | undefined][] = [
    ['Major quake kills 2 in Mexico City', 'Rescuers searched the rubble on Tuesday.', undefined],
    ['Major quake kills 2 in Mexico City', 'Rescuers searched the rubble on Tuesday.', 'es'],
    ['Major quake kills 2 in Mexico City', 'Rescuers searched the rubble on Tuesday.', ''],
    // The same characters split differently between headline and excerpt.
    ['Major quake kills 2 in Mexico', ' CityRescuers searched the rubble on Tuesday.', undefined],
    ['Der Bundestag stimmt über den Haushalt ab', '', undefined],
    ['', '', undefined],
  ];

  it('gives what the tokenizer gives, the first time and every time after, whatever else came between', () => {
    for (let round = 0; round < 3; round++) for (const [title, excerpt, lang] of texts) expect(indexFields(title, excerpt, lang)).toEqual(fresh(title, excerpt, lang));
  });

  it('hands out lists of its own: changing one changes no later answer', () => {
    const [title, excerpt, lang] = texts[0]!;
    const first = indexFields(title, excerpt, lang);
    first.terms.push('changed');
    first.anchors.length = 0;
    expect(indexFields(title, excerpt, lang)).toEqual(fresh(title, excerpt, lang));
  });

  it('stays right past its bound (the oldest texts are indexed again)', () => {
    for (let i = 0; i < 5000; i++) indexFields(`Headline number ${i}`, '', 'en');
    for (const [title, excerpt, lang] of texts) expect(indexFields(title, excerpt, lang)).toEqual(fresh(title, excerpt, lang));
    expect(indexFields('Headline number 4999', '', 'en')).toEqual(fresh('Headline number 4999', '', 'en'));
  });
});
