import { describe, expect, it } from 'vitest';
import { regionTerm } from '../../../src/index/regions';
import { indexTerms, termHash } from '../../../src/index/terms';
import { currentModel, differentSubjects, evidence, FEATURES, idf, predict, setContext, situation, thresholdFor, UNDATED_HEADLINE_ONLY, weigh, type MatchDoc, type TreeModel } from '../../../src/related/matcher';
import { MemoryIndex, toMatchDoc } from '../../../src/related/memory-index';

const T0 = Date.parse('2022-09-19T12:00:00Z');

function doc(title: string, excerpt: string, hours = 0, lang?: string) {
  return toMatchDoc({ ...indexTerms(title, excerpt, lang), publishedAt: T0 + hours * 3_600_000 });
}

/** A week of unrelated news, so that rarity means something. */
const BACKGROUND = [
  ['Central bank holds interest rates steady as inflation cools', 'The bank kept its key rate unchanged on Tuesday.'],
  ['Storm brings flooding to coastal towns in the north', 'Residents were evacuated as rivers burst their banks.'],
  ['Local team wins championship after dramatic final', 'A late goal decided the match in extra time.'],
  ['New museum exhibition celebrates modern sculpture', 'The show runs until March.'],
  ['Teachers union announces strike over pay', 'Schools will close for two days next month.'],
  ['Wildfire forces evacuations in mountain region', 'Firefighters battled the blaze overnight.'],
  ['Pemimpin kesatuan guru umum mogok', 'Sekolah akan ditutup selama dua hari bulan depan.'],
  ['Harga minyak naik selepas keputusan OPEC', 'Harga minyak mentah meningkat pada hari Isnin.'],
  ['Stock markets close higher on earnings optimism', 'Shares rose across Asia and Europe.'],
  ['Film festival opens with premiere of historical drama', 'Stars walked the red carpet.'],
].map(([title, excerpt], i) => doc(title!, excerpt!, -i * 12));

/** One named feature of a pair's evidence. */
const value = (e: { features: Float64Array }, name: (typeof FEATURES)[number]): number => e.features[FEATURES.indexOf(name)]!;

describe('the same-story decision over an index', () => {
  it('finds the same story across outlets and languages, and not the background', () => {
    const index = new MemoryIndex();
    for (const d of BACKGROUND) index.add(d);
    const english = index.add(doc('Powerful earthquake hits Mexico on fateful anniversary, killing at least 2', 'A magnitude 7.6 earthquake struck western Mexico on September 19, the anniversary of the 1985 and 2017 quakes.'));
    const english2 = index.add(doc('Major quake kills two in Mexico on anniversary of deadly tremors', 'A 7.6 magnitude quake shook Mexico on Monday, 19 September, killing two people.', 2));
    const malay = index.add(doc('Gempa bumi kuat landa Mexico pada tarikh sumpahan 19 September', 'Gempa bumi berukuran 7.6 melanda barat Mexico pada 19 September, ulang tahun gempa 1985 dan 2017.', 3));
    const shown = index.related(index.docs[english]!, english).filter((c) => c.sameStory).map((c) => c.docno);
    expect(shown).toContain(english2);
    expect(shown).toContain(malay);
    expect(shown.every((docno) => [english2, malay].includes(docno))).toBe(true);
  });

  it('keeps two companies\' launches of the same kind apart', () => {
    const index = new MemoryIndex();
    for (const d of BACKGROUND) index.add(d);
    const huawei = index.add(doc('Huawei unveils new AI chip', ''));
    index.add(doc('Alibaba launches AI chip', '', 1));
    expect(index.related(index.docs[huawei]!, huawei).filter((c) => c.sameStory)).toEqual([]);
  });
});

describe('the decision rule', () => {
  const model: TreeModel = { features: FEATURES, depth: 1, bias: 0.5, trees: [{ f: [FEATURES.indexOf('similarity')], t: [0.3], v: [-1, 2] }], threshold: 1, offsets: { times_known: -0.5 } };

  it('scores by the trees and asks more where the offsets say', () => {
    const x = new Float64Array(FEATURES.length);
    x[FEATURES.indexOf('similarity')] = 0.5;
    expect(predict(model, x)).toBe(2.5);
    x[FEATURES.indexOf('similarity')] = 0.2;
    expect(predict(model, x)).toBe(-0.5);
    expect(thresholdFor(model, x)).toBe(1);
    x[FEATURES.indexOf('times_known')] = 1;
    expect(thresholdFor(model, x)).toBe(0.5);
  });

  it('asks the undated-and-headline-only offset only of undated bare headlines, and nothing of a model without it', () => {
    const bare: TreeModel = { ...model, offsets: { times_known: -0.5, headline_only: 0.25, [UNDATED_HEADLINE_ONLY]: -0.75 } };
    const x = (timesKnown: number, headlineOnly: number): Float64Array => {
      const v = new Float64Array(FEATURES.length);
      v[FEATURES.indexOf('times_known')] = timesKnown;
      v[FEATURES.indexOf('headline_only')] = headlineOnly;
      return v;
    };
    expect(situation(UNDATED_HEADLINE_ONLY, x(0, 1))).toBe(1);
    expect([x(1, 1), x(0, 0), x(1, 0)].map((v) => situation(UNDATED_HEADLINE_ONLY, v))).toEqual([0, 0, 0]);
    expect(thresholdFor(bare, x(0, 1))).toBe(1 + 0.25 - 0.75);
    // Dated headlines keep headline_only's bar; undated pages the undated one.
    expect(thresholdFor(bare, x(1, 1))).toBe(1 - 0.5 + 0.25);
    expect(thresholdFor(bare, x(0, 0))).toBe(1);
    // A model file from before the offset: the bar of an undated bare headline as it was.
    expect(thresholdFor({ ...model, offsets: { times_known: -0.5, headline_only: 0.25 } }, x(0, 1))).toBe(1.25);
  });

  it('measures `bare` as the undated-and-headline-only situation, and a model file without it never reads it', () => {
    const stats = { total: 1000, df: () => 1 };
    const idfOf = (): number => idf(stats.df(), stats.total);
    const page = (title: string, excerpt: string, dated: boolean): MatchDoc => {
      const terms = indexTerms(title, excerpt);
      return toMatchDoc(dated ? { ...terms, publishedAt: T0 } : terms);
    };
    const pair = (a: MatchDoc, b: MatchDoc) => evidence(a, weigh(a, idfOf), b, weigh(b, idfOf), stats, idfOf, 0);
    const cases = [
      // [query dated, query excerpt, candidate dated, candidate excerpt] → bare
      [false, '', false, 'Rescuers searched the rubble overnight.', 1],
      [false, 'Rescuers searched the rubble overnight.', true, '', 1],
      [true, '', true, '', 0],
      [false, 'Rescuers searched the rubble overnight.', false, 'Crews dug through the rubble.', 0],
      [true, 'Rescuers searched the rubble overnight.', true, 'Crews dug through the rubble.', 0],
    ] as const;
    for (const [qDated, qExcerpt, cDated, cExcerpt, bare] of cases) {
      const e = pair(page('Earthquake strikes western Mexico', qExcerpt, qDated), page('Mexico earthquake kills two', cExcerpt, cDated));
      expect(value(e, 'bare')).toBe(bare);
      // The trainer reads the same evidence; the offset's situation is the same value.
      expect(situation(UNDATED_HEADLINE_ONLY, e.features)).toBe(bare);
    }
    // A model file lists the features it was trained on, in FEATURES' order (new ones appended), and
    // its trees index only those: one from before `bare` never reads it.
    const committed = currentModel();
    expect(FEATURES.slice(0, committed.features.length)).toEqual(committed.features);
    expect(committed.trees.every((tree) => tree.f.every((f) => f < committed.features.length))).toBe(true);
    const before = FEATURES.slice(0, FEATURES.indexOf('bare'));
    const old: TreeModel = { features: before, depth: 1, bias: 0, trees: before.map((_, f) => ({ f: [f], t: [0.5], v: [-1, 1] })), threshold: 1 };
    const x = new Float64Array(FEATURES.length).map((_, i) => (i % 3) / 2);
    const withBare = Float64Array.from(x);
    withBare[FEATURES.indexOf('bare')] = 1 - x[FEATURES.indexOf('bare')]!;
    expect(predict(old, withBare)).toBe(predict(old, x));
  });

  it('calls two rare unshared subjects with little in common different stories', () => {
    const x = new Float64Array(FEATURES.length);
    x[FEATURES.indexOf('name_conflict')] = 2;
    x[FEATURES.indexOf('shared_count')] = 2;
    expect(differentSubjects(x)).toBe(true);
    x[FEATURES.indexOf('shared_count')] = 3;
    expect(differentSubjects(x)).toBe(false);
    x[FEATURES.indexOf('name_conflict')] = 1;
    x[FEATURES.indexOf('shared_count')] = 1;
    expect(differentSubjects(x)).toBe(false);
  });
});

describe('names and numbers of each side', () => {
  // A window of 1,000 articles in which every term but "shot", "man" and "police" is rare.
  const common = new Set(['shot', 'man', 'polic'].map(termHash));
  const stats = { total: 1000, df: (term: number) => (common.has(term) ? 300 : 1) };
  const idfOf = (term: number): number => idf(stats.df(term), stats.total);
  const pair = (a: MatchDoc, b: MatchDoc, rank = 0) => evidence(a, weigh(a, idfOf), b, weigh(b, idfOf), stats, idfOf, rank);

  it('counts headline names found in the other article and numbers both carry', () => {
    const query = doc('Man shot dead in Springfield, police say', 'The 34-year-old was found on Elm Street on Tuesday.');
    const mate = doc('Springfield police name man shot on Elm Street', 'Officers said the victim, 34, died at the scene.');
    const other = doc('Riverton police say man shot dead', 'The 19-year-old was found on Oak Avenue on Tuesday.');
    const same = pair(query, mate);
    const different = pair(query, other);
    expect(value(same, 'headline_names')).toBe(1);
    expect(value(different, 'headline_names')).toBeLessThan(0.5);
    expect(value(same, 'number_overlap')).toBe(1);
    expect(value(different, 'number_overlap')).toBe(0);
    // Each of the other pair names a rare place and street the other lacks: two subjects.
    expect(value(different, 'unshared_names')).toBeGreaterThanOrEqual(2);
    expect(value(same, 'unshared_names')).toBe(0);
    expect(value(same, 'candidate_anchors')).toBeGreaterThan(value(different, 'candidate_anchors'));
  });

  it('says -1 where a side has no names or no numbers', () => {
    const e = pair(doc('storm floods coastal towns', ''), doc('coastal towns flooded by storm', ''));
    expect(value(e, 'candidate_anchors')).toBe(-1);
    expect(value(e, 'headline_names')).toBe(-1);
    expect(value(e, 'number_overlap')).toBe(-1);
  });

  it('places each candidate among the others by similarity', () => {
    const query = doc('Volcano erupts on remote island', 'Ash grounds flights across the region.');
    const close = pair(query, doc('Volcano erupts on remote island, grounding flights', ''), 1);
    const far = pair(query, doc('Island flights resume', ''), 0);
    setContext([far, close]);
    expect(value(close, 'similarity_rank')).toBe(0);
    expect(value(far, 'similarity_rank')).toBe(1);
  });
});

describe('how specific the shared evidence is in the window', () => {
  // A window of 8,000 undated articles: "kerri" and "diplomaci" are in three of them, Iran (its
  // region marker, src/index/regions.ts) in 400, "trump" in 2,000; every other term is rarer still.
  const counts = new Map(Object.entries({ kerri: 3, diplomaci: 3, [regionTerm('IR')]: 400, trump: 2000 }).map(([term, n]) => [termHash(term), n]));
  const stats = { total: 8000, df: (term: number) => counts.get(term) ?? 1 };
  const idfOf = (term: number): number => idf(stats.df(term), stats.total);
  const undated = (title: string, excerpt: string) => toMatchDoc({ ...indexTerms(title, excerpt), publishedAt: undefined });
  const pair = (a: MatchDoc, b: MatchDoc) => evidence(a, weigh(a, idfOf), b, weigh(b, idfOf), stats, idfOf, 0);

  it('counts the articles carrying the rarest shared term, and the story terms carried', () => {
    const query = undated('Trump slams Kerry over shadow diplomacy on Iran', '');
    const mate = undated('Trump castigates Kerry for shadow diplomacy', '');
    const topic = undated('Trump weighs new Iran sanctions', '');
    const same = pair(query, mate);
    const neighbour = pair(query, topic);
    // "shadow" (df 1 here) is the rarest term both carry.
    expect(value(same, 'rarest_shared_df')).toBe(1);
    expect(value(neighbour, 'rarest_shared_df')).toBe(400);
    expect(value(same, 'rare_terms_carried')).toBeGreaterThan(0.5);
    expect(value(neighbour, 'rare_terms_carried')).toBe(0);
  });

  /** The evidence for two "shadow diplomacy" headlines in a window of `total` articles where
   * "shadow" is in `shadowDf` of them and every other term in `otherDf`. */
  function shadowPairIn(window: { total: number; shadowDf: number; otherDf: number }): ReturnType<typeof evidence> {
    const stats = { total: window.total, df: (term: number) => (term === termHash('shadow') ? window.shadowDf : window.otherDf) };
    const idfOf = (term: number): number => idf(stats.df(term), stats.total);
    const query = undated('Trump slams Kerry over shadow diplomacy on Iran', '');
    const mate = undated('Trump castigates Kerry for shadow diplomacy', '');
    return evidence(query, weigh(query, idfOf), mate, weigh(mate, idfOf), stats, idfOf, 0);
  }

  it('reads the counts of a small window as if it held 200 articles: four of 20 is common, one of 20 is a story\'s', () => {
    const e = shadowPairIn({ total: 20, shadowDf: 1, otherDf: 4 });
    // The 180 articles the window lacks carry each term at 1 %: "shadow" counts as in 1 + 1.8,
    // every other term as in 4 + 1.8 (more than a story's five).
    expect(value(e, 'rarest_shared_df')).toBeCloseTo(2.8, 10);
    expect(value(e, 'rare_terms_carried')).toBe(1);
  });

  it('keeps a term only the pair carries specific in a store of a few articles', () => {
    // A new user's store of seven articles: "shadow" in the two of the pair, the rest in five.
    // Scaled up (2 of 7 as 57 of 200) it read as common, and no query term could be a story
    // term — the real-browser first-slice store lost its story's weaker coverage to that.
    const e = shadowPairIn({ total: 7, shadowDf: 2, otherDf: 5 });
    expect(value(e, 'rarest_shared_df')).toBeCloseTo(2 + 1.93, 10);
    expect(value(e, 'rare_terms_carried')).toBe(1);
  });

  it('says -1 where nothing is shared or the query has no story-specific term', () => {
    const common = undated('Trump Iran', '');
    const e = pair(common, undated('Storm floods towns', ''));
    expect(value(e, 'rarest_shared_df')).toBe(-1);
    expect(value(e, 'rare_terms_carried')).toBe(-1);
  });

  it('measures how far the next candidate by similarity falls behind, relative to the best', () => {
    const query = undated('Volcano erupts on remote island', 'Ash grounds flights across the region.');
    const a = pair(query, undated('Volcano erupts on remote island, grounding flights', ''));
    const b = pair(query, undated('Remote island volcano erupts', ''));
    const c = pair(query, undated('Island flights resume', ''));
    setContext([c, a, b]);
    const sim = (e: { features: Float64Array }): number => value(e, 'similarity');
    const best = Math.max(sim(a), sim(b), sim(c));
    const [first, second, third] = [a, b, c].sort((x, y) => sim(y) - sim(x));
    expect(value(first!, 'similarity_gap')).toBeCloseTo((sim(first!) - sim(second!)) / best, 10);
    expect(value(second!, 'similarity_gap')).toBeCloseTo((sim(second!) - sim(third!)) / best, 10);
    // The last has nothing below it: its whole similarity is the gap.
    expect(value(third!, 'similarity_gap')).toBeCloseTo(sim(third!) / best, 10);
  });

  it('counts the other candidates nearly as similar as each one', () => {
    const at = (similarity: number) => {
      const e = { features: new Float64Array(FEATURES.length), shared: [1] };
      e.features[FEATURES.indexOf('similarity')] = similarity;
      return e;
    };
    // Two thirds of 0.7 is 0.47: 0.6 and 0.5 rival it, 0.3 does not; everything more similar
    // rivals a candidate, and 0.3 rivals 0.2 (two thirds of 0.2 is 0.13).
    const all = [at(0.7), at(0.6), at(0.5), at(0.3), at(0.2)];
    setContext(all);
    expect(all.map((e) => value(e, 'near_rivals'))).toEqual([2, 2, 2, 3, 4]);
  });
});

describe('time apart', () => {
  it('counts whole days: coverage written hours apart is as close as the same hour', () => {
    const stats = { total: 10, df: () => 1 };
    const idfOf = (): number => idf(1, stats.total);
    const daysApart = (hours: number): number => {
      const a = doc('Riverton council approves bike lanes', '');
      const b = doc('Council backs bike lanes in Riverton', '', hours);
      return evidence(a, weigh(a, idfOf), b, weigh(b, idfOf), stats, idfOf, 0).features[FEATURES.indexOf('days_apart')]!;
    };
    expect([0, 2.5, 11, 13, 30, -40, 80].map(daysApart)).toEqual([0, 0, 0, 1, 1, 2, 3]);
  });
});

describe("the candidate's own view, where time is unknown", () => {
  const stories = (dated: boolean) => {
    const index = new MemoryIndex();
    const add = (title: string, excerpt: string): number => index.add(toMatchDoc({ ...indexTerms(title, excerpt), publishedAt: dated ? T0 : undefined }));
    for (const d of BACKGROUND) index.add({ ...d, publishedAt: dated ? d.publishedAt : undefined });
    const query = add('Senate votes to take up coronavirus relief bill', 'Senate Democrats voted to take up the relief bill, starting days of debate.');
    const mate = add('Senate narrowly votes to begin debate on relief bill', 'The Senate voted by the slimmest of margins to begin debating the relief bill.');
    const house = add('House passes coronavirus relief bill with minimum wage hike', 'House Democrats passed the coronavirus relief bill with a minimum wage hike in a party-line vote.');
    const house2 = add('House Democrats pass coronavirus relief bill and minimum wage hike', 'The House passed the relief bill, with the minimum wage hike, in a party-line vote.');
    const closer = new Map(index.related(index.docs[query]!, query).map((c) => [c.docno, value(c.evidence, 'closer_candidates')]));
    return { closer, mate, house, house2 };
  };

  it('counts the candidates more like a candidate than the query is: a neighbour has its own story nearby, a mate has the query', () => {
    const { closer, mate, house, house2 } = stories(false);
    expect(closer.get(mate)).toBe(0);
    expect(closer.get(house)).toBeGreaterThanOrEqual(1);
    expect(closer.get(house2)).toBeGreaterThanOrEqual(1);
  });

  it('says -1 where both dates are known', () => {
    const { closer } = stories(true);
    expect(new Set(closer.values())).toEqual(new Set([-1]));
  });
});

describe('the days of the week both texts name', () => {
  const stats = { total: 10, df: () => 1 };
  const idfOf = (): number => idf(1, stats.total);
  const agreement = (a: MatchDoc, b: MatchDoc): number => evidence(a, weigh(a, idfOf), b, weigh(b, idfOf), stats, idfOf, 0).features[FEATURES.indexOf('weekday_agreement')]!;
  const undated = (title: string, excerpt: string): MatchDoc => toMatchDoc(indexTerms(title, excerpt));

  it('agrees on a day named on both sides, conflicts on different days, says nothing when a side names none', () => {
    const query = undated('Trump slams Kerry over Iran deal', 'President Trump on Monday slammed John Kerry.');
    expect(agreement(query, undated('Trump castigates Kerry on Iran', 'The president castigated Kerry on Monday and Tuesday.'))).toBe(1);
    expect(agreement(query, undated('Trump criticises Kerry on Iran', 'The president spoke on Thursday.'))).toBe(-1);
    expect(agreement(query, undated('Trump criticises Kerry on Iran', 'The president spoke at the White House.'))).toBe(0);
    // With both dates known, the dates say it.
    const dated = (title: string, excerpt: string): MatchDoc => toMatchDoc({ ...indexTerms(title, excerpt), publishedAt: T0 });
    expect(agreement(dated('Trump slams Kerry over Iran deal', 'President Trump on Monday slammed John Kerry.'), dated('Trump criticises Kerry on Iran', 'The president spoke on Thursday.'))).toBe(0);
    expect(agreement(query, dated('Trump criticises Kerry on Iran', 'The president spoke on Thursday.'))).toBe(-1);
  });

  it('keeps the days out of the words: no weight, no shared term, not a headline term', () => {
    const a = undated('Senate votes on relief bill Thursday', '');
    const b = undated('Senate votes on relief bill', '');
    expect(a.terms).toEqual(b.terms);
    expect(a.titleTermCount).toBe(b.titleTermCount);
    expect(a.weekdays).toBe(1 << 3);
    expect(b.weekdays).toBe(0);
    const e = evidence(a, weigh(a, idfOf), b, weigh(b, idfOf), stats, idfOf, 0);
    expect(value(e, 'similarity')).toBeCloseTo(1, 9);
    expect(e.shared.length).toBe(b.terms.length);
  });
});

describe('look-alikes: shared text that is not a shared story', () => {
  // One outlet's sign-up notice stands in for the excerpt of each of its articles.
  const NOTICE = 'We have sent you a verification email. Please check your email and click on the link to activate your profile.';
  const outlet = [
    ['Police: Man shoots 4 relatives, killing 2, then himself', NOTICE],
    ['Man killed, boy injured in apparent drive-by shooting in southwest Atlanta', NOTICE],
    ['4 people shot in southeast Atlanta', NOTICE],
    ['Deputy killed ex-wife before shooting himself', NOTICE],
    ['Teen wounded outside Decatur gas station', NOTICE],
  ].map(([title, excerpt], i) => doc(title!, excerpt!, i * 5));
  const judged = (index: MemoryIndex, query: number, candidate: number) => index.related(index.docs[query]!, query).find((c) => c.docno === candidate)!;

  it('measures an outlet\'s boilerplate as copied text its articles carry together', () => {
    const index = new MemoryIndex();
    for (const d of BACKGROUND) index.add(d);
    const docnos = outlet.map((d) => index.add(d));
    // Two incidents whose reports share nothing but the notice, copied word for word.
    const boilerplate = judged(index, docnos[2]!, docnos[4]!).evidence;
    expect(value(boilerplate, 'copied_share')).toBe(1);
    expect(value(boilerplate, 'uncopied_forward')).toBe(0);
    // The notice's two rarest terms are together in all five of the outlet's articles (a
    // window of 15 counted as 200: the 185 articles it lacks carry them at 1 %).
    expect(value(boilerplate, 'together_df')).toBeCloseTo(5 + 1.85, 6);
    // Other shared words besides the notice ("4"): copied text is most, not all, of what is shared.
    const more = judged(index, docnos[0]!, docnos[2]!).evidence;
    expect(value(more, 'copied_share')).toBeGreaterThan(0.75);
    expect(value(more, 'copied_share')).toBeLessThan(1);
    expect(value(more, 'uncopied_forward')).toBeGreaterThan(0);
  });

  it('says another outlet\'s coverage shares its words in its own order', () => {
    const index = new MemoryIndex();
    for (const d of BACKGROUND) index.add(d);
    const a = index.add(doc('Gunman kills two relatives and himself in Riverdale home', 'Police said the 52-year-old opened fire on his relatives on Sunday night.'));
    const b = index.add(doc('Riverdale man shot two relatives before killing himself, police say', 'The 52-year-old gunman turned the weapon on himself after the Sunday shooting.', 3));
    const e = judged(index, a, b).evidence;
    expect(value(e, 'copied_share')).toBe(0);
    expect(value(e, 'uncopied_forward')).toBeCloseTo(value(e, 'forward'), 10);
    // "riverdal" is only in these two articles.
    expect(value(e, 'together_df')).toBeLessThanOrEqual(2 + 1.88 + 1e-9);
  });

  it('weighs each side\'s own place by how rare it is, against the rarest name both carry', () => {
    const stats = { total: 1000, df: (term: number) => (term === termHash('chicago') ? 120 : term === termHash('newark') || term === termHash('phoenix') ? 2 : 40) };
    const idfOf = (term: number): number => idf(stats.df(term), stats.total);
    const pair = (a: MatchDoc, b: MatchDoc) => evidence(a, weigh(a, idfOf), b, weigh(b, idfOf), stats, idfOf, 0);
    const newark = doc('Police: 1 killed, 3 wounded in afternoon shooting in Newark', 'One person was killed and three others were wounded.');
    const phoenix = doc('1 killed, 3 wounded in Phoenix shooting', 'One person was killed and three others were wounded.');
    const chicago = doc('1 killed, 3 wounded in Chicago shooting', 'One person was killed and three others were wounded.');
    const places = pair(newark, phoenix);
    // Both name a place the other lacks, each in two articles of the window; no name is shared.
    expect(value(places, 'own_name_df')).toBe(2);
    expect(value(places, 'shared_name_df')).toBe(-1);
    // A common place on one side: the weaker side's count decides.
    expect(value(pair(newark, chicago), 'own_name_df')).toBe(120);
    // The same place on both sides: no own name on either.
    const again = doc('Newark shooting leaves 1 dead, 3 hurt', '', 2);
    expect(value(pair(newark, again), 'own_name_df')).toBe(-1);
    expect(value(pair(newark, again), 'shared_name_df')).toBe(2);
  });
});
