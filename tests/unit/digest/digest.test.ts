import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DigestManager } from '../../../src/background/digest-manager';
import { buildDigest, byTopic, type DigestStory } from '../../../src/digest/digest';
import { groupStories, type StoryArticle } from '../../../src/digest/stories';
import type { NewsRecord } from '../../../src/record/record';
import { indexTerms } from '../../../src/index/terms';
import { toMatchDoc } from '../../../src/related/match-doc';
import { ArticleStore } from '../../../src/store';
import { recordsAt } from '../builders';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-10-15T12:00:00Z');

function article(id: string, title: string, domain: string, hoursAfter: number, topics: string[] = []): StoryArticle {
  const publishedAt = T0 + hoursAfter * HOUR;
  return { id, title, url: `https://${domain}/${id}`, domain, providerName: domain, doc: toMatchDoc({ ...indexTerms(title, ''), lang: undefined, publishedAt }), publishedAt, topics };
}

function record(title: string, url: string, hoursAfter: number, fields: Partial<NewsRecord> = {}): NewsRecord {
  return recordsAt(T0 + hoursAfter * HOUR)(title, url, fields);
}

const FILLER = [
  'Central bank holds interest rates steady as inflation cools',
  'Storm brings flooding to coastal towns in the north',
  'Local team wins championship after dramatic final',
  'New museum exhibition celebrates modern sculpture',
  'Airline adds routes to southern Europe for summer',
  'Researchers find new species of frog in rainforest',
  'Film festival opens with premiere of historical drama',
  'Teachers union announces strike over pay',
].map((title, i) => article(`f${i}`, title, `filler${i}.example`, i));

describe('groupStories', () => {
  it('groups one story across outlets and keeps a different story apart, without chaining topics', () => {
    const chips = [
      article('c1', 'US tightens chip export rules to China', 'reuters.com', 0),
      article('c2', 'Washington tightens rules on AI chip exports to China', 'apnews.com', 2),
      article('c3', 'New US export rules target China chip sales', 'bbc.com', 3),
    ];
    const huawei = article('h1', 'Huawei unveils new AI chip', 'scmp.com', 20);
    const alibaba = article('a1', 'Alibaba launches AI chip', 'cnbc.com', 21);
    const all = [...FILLER, ...chips, huawei, alibaba];
    const groups = groupStories(all).map((group) => group.map((i) => all[i]!.id).sort());
    expect(groups[0]).toEqual(['c1', 'c2', 'c3']);
    expect(groups.find((g) => g.includes('h1'))).toEqual(['h1']);
    expect(groups.find((g) => g.includes('a1'))).toEqual(['a1']);
    expect(groups.flat().sort()).toEqual(all.map((a) => a.id).sort());
  });
});

describe('byTopic', () => {
  it('groups stories under their topic, heaviest topics first', () => {
    const story = (id: string, topic: string, score: number): DigestStory => ({ id, topic, score, best: {} as DigestStory['best'], articleCount: 1, outlets: [], times: [T0] });
    const groups = byTopic([story('a', 'Politics', 1), story('b', 'Science', 5), story('c', 'Politics', 2)]);
    expect(groups.map((g) => g.topic)).toEqual(['Science', 'Politics']);
    expect(groups[1]!.stories.map((s) => s.id)).toEqual(['a', 'c']);
  });
});

let store: ArticleStore;
let n = 0;
beforeEach(() => {
  store = new ArticleStore({ name: `digest-${++n}` });
});
afterEach(() => store.close());

describe('buildDigest', () => {
  it('is empty for an empty store', async () => {
    const digest = await buildDigest(store, T0);
    expect(digest).toMatchObject({ articles: 0, today: [], week: [], readUpdates: [] });
  });

  it("anchors on the store's newest news, puts today's stories first, counts outlets, and finds reads with new coverage", async () => {
    const records = [
      ...FILLER.map((f, i) => record(f.title, `https://filler${i}.example/${i}`, -48 - i)),
      record('Dam failure floods valley villages', 'https://one.example/dam', -2, { quality: 80 }),
      record('Villages flooded after valley dam fails', 'https://two.example/dam', -1),
      record('Valley dam failure: villages flooded, thousands leave', 'https://three.example/dam', 0),
      record('Mayor resigns after city hall corruption inquiry', 'https://one.example/mayor', -70),
      record('City hall corruption inquiry: mayor resigns', 'https://four.example/mayor', -68),
    ];
    await store.upsertRecords(records, 'record', { now: T0 });
    // The user read the first mayor story before the second outlet's piece arrived.
    await store.upsertRecords([record('Mayor resigns after city hall corruption inquiry', 'https://one.example/mayor', -70)], 'page', { now: T0, readAt: T0 - 69 * HOUR });
    const digest = await buildDigest(store, T0 + 30 * 86_400_000);
    expect(digest.anchor).toBe(T0);
    expect(digest.articles).toBe(records.length);
    expect(digest.today.map((s) => s.best.title)).toEqual(['Dam failure floods valley villages']);
    const dam = digest.today[0]!;
    expect(dam.articleCount).toBe(3);
    expect(dam.outlets.map((o) => o.domain).sort()).toEqual(['one.example', 'three.example', 'two.example']);
    expect(dam.best.url).toBe('https://one.example/dam'); // the record with the highest quality
    expect(dam.times).toEqual([T0 - 2 * HOUR, T0 - HOUR, T0]);
    const weekStories = digest.week.flatMap((g) => g.stories);
    const mayor = weekStories.find((s) => /mayor/i.test(s.best.title));
    expect(mayor?.outlets.map((o) => o.domain).sort()).toEqual(['four.example', 'one.example']);
    // The newer of two equal articles leads its story.
    expect(mayor?.best.url).toBe('https://four.example/mayor');
    expect(digest.readUpdates).toHaveLength(1);
    expect(digest.readUpdates[0]!.newItems.map((i) => i.article.url)).toEqual(['https://four.example/mayor']);
  });

  it('lists a story read in two copies once among the reads with new coverage', async () => {
    const records = [
      ...FILLER.map((f, i) => record(f.title, `https://filler${i}.example/${i}`, -48 - i)),
      record('Mayor resigns after city hall corruption inquiry', 'https://one.example/mayor', -70),
      record('City hall corruption inquiry: mayor resigns', 'https://four.example/mayor', -68),
      // A wire copy: the first headline again, at another outlet.
      record('Mayor resigns after city hall corruption inquiry', 'https://wire.example/mayor', -69),
      record('Mayor resigns after city hall corruption inquiry, deputy takes over', 'https://five.example/mayor', -50),
      record('Dam failure floods valley villages', 'https://one.example/dam', -60),
      record('Villages flooded after valley dam fails', 'https://two.example/dam', -52),
    ];
    await store.upsertRecords(records, 'record', { now: T0 });
    // Read: both mayor copies, then the dam story; new coverage of each arrived later.
    await store.upsertRecords([records[FILLER.length]!], 'page', { now: T0, readAt: T0 - 69 * HOUR });
    await store.upsertRecords([records[FILLER.length + 2]!], 'page', { now: T0, readAt: T0 - 68.5 * HOUR });
    await store.upsertRecords([records[FILLER.length + 1]!], 'page', { now: T0, readAt: T0 - 67 * HOUR });
    await store.upsertRecords([records[FILLER.length + 4]!], 'page', { now: T0, readAt: T0 - 59 * HOUR });
    const digest = await buildDigest(store, T0 + 86_400_000);
    expect(digest.readUpdates.map((u) => u.article.url)).toEqual(['https://one.example/dam', 'https://four.example/mayor']);
    expect(digest.readUpdates[1]!.newCount).toBeGreaterThan(0);
  });
});

describe('DigestManager', () => {
  it('keeps the digest with the store and rebuilds it only after the store changed', async () => {
    await store.upsertRecords([record('Dam failure floods valley villages', 'https://one.example/dam', 0)], 'record', { now: T0 });
    let clock = T0;
    const manager = new DigestManager(store, () => clock);
    const first = await manager.current();
    clock += 1000;
    expect(await manager.current()).toEqual(first); // unchanged store: the kept digest
    await store.upsertRecords([record('Villages flooded after valley dam fails', 'https://two.example/dam', 1)], 'record', { now: T0 });
    const second = await manager.current();
    expect(second.builtAt).toBe(clock);
    expect(second.articles).toBe(2);
  });

  it('answers a request with the store as the request found it, not with a build that read the store before a write', async () => {
    // The new-tab test's order: a page read, a rebuild under way (the read's), an import of new
    // coverage landing during it, then a tab asking.
    await store.upsertRecords([record('Mayor resigns after city hall corruption inquiry', 'https://one.example/mayor', -2)], 'page', { now: T0, readAt: T0 });
    const manager = new DigestManager(store, () => T0 + HOUR);
    // The first build stops after reading the week's articles, before its reads with new coverage.
    const recentlyRead = store.recentlyRead.bind(store);
    let reached!: () => void;
    const atPause = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    vi.spyOn(store, 'recentlyRead').mockImplementationOnce(async (limit) => {
      reached();
      await released;
      return recentlyRead(limit);
    });
    const early = manager.rebuild();
    await atPause;
    await store.upsertRecords([record('City hall corruption inquiry: mayor resigns', 'https://four.example/mayor', -1)], 'record', { now: T0 + 1 });
    const asked = manager.current();
    release();
    expect((await early).articles).toBe(1);
    const answer = await asked;
    expect(answer.articles).toBe(2);
    expect(answer.readUpdates.map((u) => u.newItems.map((i) => i.article.url))).toEqual([['https://four.example/mayor']]);
    // And it is the one kept: the next request gets it without a build.
    expect(await manager.current()).toEqual(answer);
  });
});
