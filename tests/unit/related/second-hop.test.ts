import { afterEach, describe, expect, it } from 'vitest';
import { indexTerms } from '../../../src/index/terms';
import { firstPass, HOP_CANDIDATE_MARGIN, HOP_MATE_MARGIN, HOP_NEAR, judgeCandidates, secondHop, statsOf, useHopBars, type JudgedCandidate } from '../../../src/related/candidates';
import { currentModel, differentSubjects, FEATURES, useModel, type TreeModel } from '../../../src/related/matcher';
import { MemoryIndex, toMatchDoc } from '../../../src/related/memory-index';
import { findRelated } from '../../../src/related/find-related';
import { ArticleStore } from '../../../src/store';
import { OTHER_NEWS_TITLES, recordsAt } from '../builders';

const committed = currentModel();
afterEach(() => useModel(committed));

const at = (name: (typeof FEATURES)[number]): number => FEATURES.indexOf(name);
const DAY = Date.parse('2024-03-12T09:00:00Z');

describe('the second hop', () => {
  // By similarity alone: up to 0.2 far below the bar of 2; to 0.6 1.5 (0.5 short: near); past it 4 (2 over).
  const scoring: TreeModel = { features: FEATURES, depth: 2, bias: 0, trees: [{ f: [at('similarity'), at('similarity'), at('similarity')], t: [0.6, 0.2, 0.6], v: [-5, 1.5, 4, 4] }], threshold: 2 };
  const doc = (title: string, excerpt = '') => toMatchDoc({ ...indexTerms(title, excerpt), publishedAt: DAY });
  // The query's day window over `titles` (the first is the query) and its first pass: what a lookup judges.
  const candidatesOf = (titles: readonly string[]) => {
    const index = new MemoryIndex();
    const [query, ...rest] = titles.map((title) => index.add(doc(title)));
    const window = index.window(DAY);
    const exclude = new Set([query!]);
    const ranked = firstPass(index.docs[query!]!, window, statsOf(window).idfOf, exclude);
    const docs = new Map(ranked.map((docno) => [docno, index.docs[docno]!]));
    return { index, query: query!, docnos: rest, window, exclude, ranked, docs };
  };
  const OTHERS = ['Central bank holds interest rates steady', 'Local team wins championship after dramatic final', 'New museum exhibition celebrates modern sculpture', 'Teachers union announces strike over pay', 'Film festival opens with premiere of historical drama', 'Stock markets close higher on earnings optimism'];

  function lookup(followUp: string) {
    const { index, query, docnos, window, exclude, ranked, docs } = candidatesOf(['Volcano erupts near Tauranga, villages evacuated', 'Volcano erupts near Tauranga, villages evacuated as ash cloud grounds flights at Rotorua airport', followUp, ...OTHERS]);
    const [mate, candidate] = docnos as [number, number];
    const judged = judgeCandidates(index.docs[query]!, ranked, docs, window, { sameStoryOnly: true, near: HOP_NEAR });
    const hop = secondHop(judged, window, (docno) => index.docs[docno], exclude);
    return { judged, hop, query, mate, candidate, index, window, ranked, docs };
  }

  it('shows a candidate just under its bar that the strong mate takes for the same story, naming the mate', () => {
    useModel(scoring);
    const { judged, hop, mate, candidate } = lookup('Ash cloud grounds flights at Rotorua airport after Tauranga volcano');
    const m = judged.find((c) => c.docno === mate)!;
    const c = judged.find((x) => x.docno === candidate)!;
    expect(m.sameStory).toBe(true);
    expect(m.margin).toBeGreaterThanOrEqual(HOP_MATE_MARGIN);
    // Not shown by the query's own evidence, but near: in the pool.
    expect(c.sameStory).toBe(false);
    expect(c.margin).toBeLessThan(0);
    expect(c.margin).toBeGreaterThanOrEqual(-HOP_NEAR);
    const via = hop.get(candidate)!;
    expect(via.docno).toBe(mate);
    expect(via.shared.length).toBeGreaterThan(0);
    expect(hop.size).toBe(1);
  });

  it('shows nothing through a mate when the candidate is far from the query, or no mate is strong enough', () => {
    useModel(scoring);
    // Far from the query (shares only the airport with the mate): not in the pool.
    const far = lookup('Rotorua airport reopens new terminal');
    expect(far.judged.find((c) => c.docno === far.candidate)).toBeUndefined();
    expect(far.hop.size).toBe(0);
    // The mate over its bar by less than the hop's mate bar: no hop (the committed mate bar is 0,
    // any same-story mate; this checks the bar itself: 0.5 over, bars of 1 and of 0.5).
    useModel({ ...scoring, trees: [{ ...scoring.trees[0]!, v: [-5, 1.5, 2.5, 2.5] }] });
    try {
      useHopBars({ mate: 1, near: HOP_NEAR, candidate: 0 });
      const weak = lookup('Ash cloud grounds flights at Rotorua airport after Tauranga volcano');
      expect(weak.judged.find((c) => c.docno === weak.mate)!.margin).toBeCloseTo(0.5);
      expect(weak.hop.size).toBe(0);
      useHopBars({ mate: 0.5, near: HOP_NEAR, candidate: 0 });
      expect(lookup('Ash cloud grounds flights at Rotorua airport after Tauranga volcano').hop.size).toBe(1);
    } finally {
      useHopBars();
    }
    expect(HOP_MATE_MARGIN).toBeGreaterThanOrEqual(0);
    expect(HOP_CANDIDATE_MARGIN).toBeGreaterThan(0);
  });

  // The query and the follow-up each name a rare place the other never mentions and share two
  // terms: a pair about different subjects (differentSubjects), near its bar. The mate names both
  // companies' chips and takes the follow-up for the same story, well over its bar.
  const QUERY_DS = 'Huawei unveils Kirin AI chip in Shenzhen';
  const MATE_DS = 'Huawei unveils Kirin AI chip as Alibaba launches rival AI chip';
  const CANDIDATE_DS = 'Alibaba launches rival AI chip in Hangzhou';

  it('takes a near candidate about a different subject into the pool, screened, measured in full or judged for a ranking alike', () => {
    useModel(scoring);
    const { index, query, docnos, window, exclude, ranked, docs } = candidatesOf([QUERY_DS, MATE_DS, CANDIDATE_DS, ...OTHER_NEWS_TITLES]);
    const [mate, candidate] = docnos as [number, number];
    const ways = [
      judgeCandidates(index.docs[query]!, ranked, docs, window, { sameStoryOnly: true, near: HOP_NEAR, screen: true }),
      judgeCandidates(index.docs[query]!, ranked, docs, window, { sameStoryOnly: true, near: HOP_NEAR, screen: false }),
      // Every candidate, as an evaluation's ranking judges them (no sameStoryOnly).
      judgeCandidates(index.docs[query]!, ranked, docs, window, { near: HOP_NEAR }),
    ];
    for (const judged of ways) {
      const c = judged.find((x) => x.docno === candidate)!;
      expect(differentSubjects(c.evidence.features)).toBe(true);
      expect(c.sameStory).toBe(false);
      expect(c.margin).toBeGreaterThanOrEqual(-HOP_NEAR);
      const hop = secondHop(judged, window, (docno) => index.docs[docno], exclude);
      expect([...hop.keys()]).toEqual([candidate]);
      expect(hop.get(candidate)!.docno).toBe(mate);
    }
    // The screen keeps the pool that measuring every candidate in full gives.
    const pool = (judged: readonly JudgedCandidate[]) => judged.map((c) => [c.docno, c.sameStory, c.margin]);
    expect(pool(ways[0]!)).toEqual(pool(ways[1]!));
    // Without `near`, a pair about different subjects is still no candidate of a lookup shown.
    expect(judgeCandidates(index.docs[query]!, ranked, docs, window, { sameStoryOnly: true, screen: true }).some((c) => c.docno === candidate)).toBe(false);
  });

  it('judges only the candidates asked for (`only`) as judging every one judges them, screened or not', () => {
    // The committed model and a crowded window: the wanted candidates' context (similarity rank,
    // background, closer counts) comes from every candidate, measured in full or not.
    const { index, query, window, ranked, docs } = candidatesOf([QUERY_DS, MATE_DS, CANDIDATE_DS, ...OTHER_NEWS_TITLES, ...OTHERS, 'Volcano erupts near Tauranga, villages evacuated', 'Huawei AI chip sales rise in Shenzhen']);
    const full = judgeCandidates(index.docs[query]!, ranked, docs, window, { sameStoryOnly: true, near: 100, screen: false });
    expect(full.length).toBeGreaterThan(4);
    // Every other one of the judged, and the odd ones, each asked alone.
    for (const wanted of [full.filter((_, i) => i % 2 === 0), full.filter((_, i) => i % 2 === 1)]) {
      const only = new Set(wanted.map((c) => c.docno));
      for (const screen of [false, true]) expect(judgeCandidates(index.docs[query]!, ranked, docs, window, { sameStoryOnly: true, near: 100, screen, only })).toEqual(wanted);
    }
  });

  it('keeps in the screened pool a candidate whose margin rounds to exactly −near (the bound as the margin is computed)', () => {
    // Every pair scores s against a bar of t (dated pairs: no relief), the bound exact; s − t rounds
    // to −1.5, but t − 1.5 rounds above s: a bound compared with t − near would drop a candidate
    // judging in full keeps.
    const s = 0.8138476101638402;
    const t = 2.3138476101638403;
    expect(s - t).toBe(-1.5);
    expect(s < t - 1.5).toBe(true);
    useModel({ features: FEATURES, depth: 2, bias: 0, trees: [{ f: [at('similarity'), at('similarity'), at('similarity')], t: [0.6, 0.2, 0.6], v: [s, s, s, s] }], threshold: t });
    const { index, query, window, ranked, docs } = lookup('Ash cloud grounds flights at Rotorua airport after Tauranga volcano');
    const full = judgeCandidates(index.docs[query]!, ranked, docs, window, { sameStoryOnly: true, near: 1.5, screen: false });
    expect(full.length).toBeGreaterThan(0);
    expect(full.every((c) => c.margin === -1.5 && !c.sameStory)).toBe(true);
    expect(judgeCandidates(index.docs[query]!, ranked, docs, window, { sameStoryOnly: true, near: 1.5, screen: true })).toEqual(full);
  });
});

describe('an item shown through a mate, in a lookup', () => {
  const scoring: TreeModel = { features: FEATURES, depth: 2, bias: 0, trees: [{ f: [at('similarity'), at('similarity'), at('similarity')], t: [0.6, 0.2, 0.6], v: [-5, 1.5, 4, 4] }], threshold: 2 };
  const record = recordsAt(DAY);
  const OTHERS = ['Central bank holds interest rates steady', 'Local team wins championship after dramatic final', 'New museum exhibition celebrates modern sculpture', 'Teachers union announces strike over pay', 'Film festival opens with premiere of historical drama', 'Stock markets close higher on earnings optimism'];
  const QUERY = record('Volcano erupts near Tauranga, villages evacuated', 'https://a.example/volcano');
  const MATE = record('Volcano erupts near Tauranga, villages evacuated as ash cloud grounds flights at Rotorua airport', 'https://b.example/volcano-ash');
  const FOLLOW_UP = record('Ash cloud grounds flights at Rotorua airport after Tauranga volcano', 'https://c.example/flights');

  it('says which item it is the same story as, and the words they share; the mate keeps its own reason', async () => {
    useModel(scoring);
    const store = new ArticleStore({ name: `second-hop-${Date.now()}` });
    try {
      await store.upsertRecords([QUERY, MATE, FOLLOW_UP, ...OTHERS.map((title, i) => record(title, `https://other${i}.example/${i}`))], 'record');
      for (const cache of [false, true]) {
        const { items } = await findRelated(store, { urls: [QUERY.webUrl!], title: '', excerpt: '' }, { cache });
        expect(items.map((item) => item.article.url)).toEqual([MATE.webUrl, FOLLOW_UP.webUrl]);
        expect(items[0]!.reasons[0]!.kind).toBe('same-story');
        const reason = items[1]!.reasons[0]!;
        if (reason.kind !== 'same-story-as') throw new Error(`reason ${reason.kind}`);
        expect(reason.mate).toBe(MATE.title);
        // Words it shares with the mate, not with the page (which names no ash cloud).
        expect(reason.terms).toEqual(expect.arrayContaining(['ash', 'cloud']));
      }
      // The evaluation's ranking (every candidate judged in full) shows the same.
      const ranked = await findRelated(store, { urls: [QUERY.webUrl!], title: '', excerpt: '' }, { withRanking: true });
      expect(ranked.items.map((item) => item.article.url)).toEqual([MATE.webUrl, FOLLOW_UP.webUrl]);
    } finally {
      store.close();
    }
  });

  it('shows a follow-up about a different subject through the mate in the popup as in an evaluation\'s ranking', async () => {
    useModel(scoring);
    const store = new ArticleStore({ name: `second-hop-ds-${Date.now()}` });
    const query = record('Huawei unveils Kirin AI chip in Shenzhen', 'https://a.example/kirin');
    const mate = record('Huawei unveils Kirin AI chip as Alibaba launches rival AI chip', 'https://b.example/chips');
    const followUp = record('Alibaba launches rival AI chip in Hangzhou', 'https://c.example/hanguang');
    try {
      await store.upsertRecords([query, mate, followUp, ...OTHER_NEWS_TITLES.map((title, i) => record(title, `https://news${i}.example/${i}`))], 'record');
      const shown = [];
      for (const options of [{ cache: false }, { cache: true }, { withRanking: true }]) {
        const { items } = await findRelated(store, { urls: [query.webUrl!], title: '', excerpt: '' }, options);
        shown.push(items.map((item) => [item.article.url, item.reasons[0]!.kind]));
      }
      expect(shown[0]).toEqual([[mate.webUrl, 'same-story'], [followUp.webUrl, 'same-story-as']]);
      expect(shown[1]).toEqual(shown[0]);
      expect(shown[2]).toEqual(shown[0]);
    } finally {
      store.close();
    }
  });
});
