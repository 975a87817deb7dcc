import { afterEach, describe, expect, it } from 'vitest';
import { indexTerms } from '../../../src/index/terms';
import { termHash } from '../../../src/index/term-hash';
import { ageRelation, ageRelief, agesConflict, headlineAge, SAME_AGE_RELIEF } from '../../../src/related/ages';
import { firstPass, judgeCandidates, secondHop, statsOf } from '../../../src/related/candidates';
import { currentModel, FEATURES, useModel, type TreeModel } from '../../../src/related/matcher';
import { MemoryIndex, toMatchDoc } from '../../../src/related/memory-index';

const committed = currentModel();
afterEach(() => useModel(committed));

const doc = (title: string, excerpt = '', publishedAt?: number) => toMatchDoc({ ...indexTerms(title, excerpt), publishedAt });

describe('the age a headline gives', () => {
  it('is the number before "old" or after a person word, in the headline only', () => {
    expect(headlineAge(doc('16-year-old boy dies 2 days after Englewood shooting'))).toBe(termHash('16'));
    expect(headlineAge(doc('Boy, 15, shot in Englewood'))).toBe(termHash('15'));
    expect(headlineAge(doc('Woman, 31, hurt in Gresham shooting'))).toBe(termHash('31'));
    expect(headlineAge(doc('Police: 10-year-old boy critical after accidental shooting'))).toBe(termHash('10'));
    expect(headlineAge(doc('boy, 15, shot in englewood'))).toBe(termHash('15'));
    // Counts are no ages; an age in the excerpt is not the headline's.
    expect(headlineAge(doc('4 killed, 53 wounded in weekend shootings'))).toBeUndefined();
    expect(headlineAge(doc('Shooting in Englewood', 'A 15-year-old boy was shot Thursday night.'))).toBeUndefined();
  });

  it('is no count, year, ordinal, decade or range after a person word (commas and "others" are no terms)', () => {
    expect(headlineAge(doc('Man, 2 others shot in Englewood'))).toBeUndefined();
    expect(headlineAge(doc('Woman, 2 children dead in triple homicide'))).toBeUndefined();
    expect(headlineAge(doc('Teen who was 1 of 7 injured in lodge shooting speaks out'))).toBeUndefined();
    expect(headlineAge(doc('Man in 2004 slaying arrested'))).toBeUndefined();
    expect(headlineAge(doc("Kentucky woman's 109th birthday celebrated with parade"))).toBeUndefined();
    expect(headlineAge(doc('Man, 40s, dies in crash'))).toBeUndefined();
    expect(headlineAge(doc('Supreme Court rules 151-year-old treaty grants hunting rights'))).toBeUndefined();
    // A sentence's range is no age; the victim's after it is.
    expect(headlineAge(doc('Man gets 20-42 years in Easter death of Detroit girl, 3'))).toBe(termHash('3'));
    // Ages at the ends of the person words' ranges still are.
    expect(headlineAge(doc('Man, 13, charged in shooting'))).toBe(termHash('13'));
    expect(headlineAge(doc('Woman, 105, celebrates birthday'))).toBe(termHash('105'));
    expect(headlineAge(doc('Teen, 19, shot in Gresham'))).toBe(termHash('19'));
    expect(headlineAge(doc('Girl, 2, hurt in Gresham shooting'))).toBe(termHash('2'));
  });
});

describe('headlines giving two people\'s ages', () => {
  it('conflict when both give an age and neither text carries the other\'s', () => {
    expect(agesConflict(doc('Boy, 15, shot in Englewood'), doc('16-year-old boy dies 2 days after Englewood shooting'))).toBe(true);
    expect(agesConflict(doc('Boy, 15, shot in Englewood'), doc('15-year-old boy shot in Englewood neighborhood'))).toBe(false);
    // The other's age named anywhere in the text (two victims, a corrected age): no conflict.
    expect(agesConflict(doc('Boy, 15, shot in Englewood'), doc('16-year-old boy dies after Englewood shooting', 'His friend, 15, was wounded.'))).toBe(false);
    expect(agesConflict(doc('Boy, 15, shot in Englewood', 'He was with a 16-year-old.'), doc('16-year-old boy shot in Englewood'))).toBe(false);
    // A side without an age: nothing to compare.
    expect(agesConflict(doc('Boy, 15, shot in Englewood'), doc('Teen shot in Englewood'))).toBe(false);
    expect(agesConflict(doc('Teen shot in Englewood'), doc('Boy, 15, shot in Englewood'))).toBe(false);
    // A count or an ordinal read as an age would rule out one incident's or one person's reports.
    expect(agesConflict(doc('Man, 2 others shot in Englewood'), doc('Man, 25, among three shot in Englewood'))).toBe(false);
    expect(agesConflict(doc("Kentucky woman's 109th birthday celebrated with parade"), doc('Kentucky woman, 109, celebrates birthday with parade'))).toBe(false);
  });
});

describe('headlines giving the same age', () => {
  it('are one person\'s, and lower the bar where neither side names a rare name of its own', () => {
    expect(ageRelation(doc('Boy, 15, shot in Englewood'), doc('15-year-old boy wounded in Englewood'))).toBe('one person');
    expect(ageRelation(doc('Boy, 15, shot in Englewood'), doc('16-year-old boy dies after Englewood shooting'))).toBe('two people');
    expect(ageRelation(doc('Boy, 15, shot in Englewood'), doc('Teen shot in Englewood'))).toBeUndefined();
    expect(ageRelief('one person', 0)).toBe(SAME_AGE_RELIEF);
    // Each side naming a town or neighbourhood the other lacks (name_conflict 1 or 2): no relief.
    expect(ageRelief('one person', 1)).toBe(0);
    expect(ageRelief('one person', 2)).toBe(0);
    expect(ageRelief('two people', 0)).toBe(0);
    expect(ageRelief(undefined, 0)).toBe(0);
  });
});

describe('a lookup among look-alike incidents', () => {
  const at = (name: (typeof FEATURES)[number]): number => FEATURES.indexOf(name);
  // Every pair sharing a term scores 3 over a bar of 1: only the ages' rule keeps one out.
  const lenient: TreeModel = { features: FEATURES, depth: 1, bias: 0, trees: [{ f: [at('shared_count')], t: [0], v: [-5, 3] }], threshold: 1 };
  const day = Date.parse('2017-01-01T12:00:00Z');
  const OTHERS = ['City council approves new budget', 'Storm knocks out power across county', 'School board names new superintendent'];

  function lookup() {
    const index = new MemoryIndex();
    const query = index.add(doc('Boy, 15, shot in Englewood', '', day));
    // The mate gives no age: it could vouch for the other (the second hop) if the query's pool held it.
    const mate = index.add(doc('Teen boy shot in Englewood, police say', '', day));
    const other = index.add(doc('Boy, 16, shot in Englewood', '', day));
    for (const title of OTHERS) index.add(doc(title, '', day));
    const window = index.window(day);
    const ranked = firstPass(index.docs[query]!, window, statsOf(window).idfOf, new Set([query]));
    const docs = new Map(ranked.map((docno) => [docno, index.docs[docno]!]));
    return { index, query, mate, other, window, ranked, docs };
  }

  it('shows the same person\'s coverage and not another person\'s, first hop or second, screened or not', () => {
    useModel(lenient);
    const { index, query, mate, other, window, ranked, docs } = lookup();
    const full = judgeCandidates(index.docs[query]!, ranked, docs, window);
    expect(full.find((c) => c.docno === mate)!.sameStory).toBe(true);
    const ruledOut = full.find((c) => c.docno === other)!;
    expect(ruledOut.score).toBe(3);
    expect(ruledOut.sameStory).toBe(false);
    expect(ruledOut.margin).toBe(-Infinity);
    for (const screen of [true, false]) {
      const shown = judgeCandidates(index.docs[query]!, ranked, docs, window, { sameStoryOnly: true, screen, near: 10 });
      expect(shown.map((c) => c.docno)).toContain(mate);
      expect(shown.map((c) => c.docno)).not.toContain(other);
    }
    // The mate (no age of its own) takes the other for the same story, but the query's near pool
    // never holds it: the second hop shows nothing of it.
    const fromMate = judgeCandidates(index.docs[mate]!, ranked.filter((d) => d !== mate).concat(query), new Map([...docs, [query, index.docs[query]!]]), window);
    expect(fromMate.find((c) => c.docno === other)!.sameStory).toBe(true);
    expect(secondHop(full, window, (docno) => index.docs[docno], new Set([query])).has(other)).toBe(false);
  });

  it('shows coverage giving the same age a little under the bar, and not one giving none, screened or not', () => {
    // Every pair sharing a term scores SAME_AGE_RELIEF / 2 under the bar.
    const under: TreeModel = { features: FEATURES, depth: 1, bias: 0, trees: [{ f: [at('shared_count')], t: [0], v: [-5, 1 - SAME_AGE_RELIEF / 2] }], threshold: 1 };
    useModel(under);
    const index = new MemoryIndex();
    const query = index.add(doc('Boy, 15, shot in Englewood', '', day));
    const same = index.add(doc('15-year-old boy wounded in Englewood shooting', '', day));
    const ageless = index.add(doc('Teen boy shot in Englewood, police say', '', day));
    for (const title of OTHERS) index.add(doc(title, '', day));
    const window = index.window(day);
    const ranked = firstPass(index.docs[query]!, window, statsOf(window).idfOf, new Set([query]));
    const docs = new Map(ranked.map((docno) => [docno, index.docs[docno]!]));
    const full = judgeCandidates(index.docs[query]!, ranked, docs, window);
    const relieved = full.find((c) => c.docno === same)!;
    expect(relieved.evidence.features[at('name_conflict')]).toBe(0);
    expect(relieved.sameStory).toBe(true);
    expect(relieved.margin).toBeCloseTo(SAME_AGE_RELIEF / 2);
    expect(full.find((c) => c.docno === ageless)!.sameStory).toBe(false);
    for (const screen of [true, false]) {
      expect(judgeCandidates(index.docs[query]!, ranked, docs, window, { sameStoryOnly: true, screen }).map((c) => c.docno)).toEqual([same]);
    }
  });
});
