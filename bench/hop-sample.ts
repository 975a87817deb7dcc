/**
 * Scratch (session 32, review): the second hop's items as the popup shows them, over a dev file
 * (`tsx bench/hop-sample.ts FILE…`): every item shown "Same story as ‘<mate>’", with the labels of
 * the query, the item and the mate, the mate's margin over its bar and the item's own (the
 * query's), whether the item's pair with the query is about different subjects; per file, how
 * many hop items the labels call right, split by the mate's margin; and a fixed sample (seed 32)
 * of 10 a file written to /tmp/rev32/FILE.sample.json to read.
 */
import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { findRelated } from '../src/related/find-related';
import { matchDocOf, rankByContent } from '../src/related/engine';
import { differentSubjects } from '../src/related/matcher';
import { random as mulberry32 } from '../tests/generate-records';
import { readArticles } from './matcher-corpus';
import { storeEvalArticles } from './eval';

interface HopItem {
  query: string; queryTitle: string; queryCluster: string | null;
  item: string; itemTitle: string; itemCluster: string | null;
  mate: string; mateTitle: string; mateCluster: string | null; mateShown: boolean;
  terms: string[]; mateMargin: number; itemMargin: number; differentSubjects: boolean;
}

async function sample(file: string): Promise<void> {
  const articles = readArticles(file);
  const { store, urlOf, idOfUrl: evalOfUrl } = await storeEvalArticles(articles, `hop-sample-${file}-${Date.now()}`);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const evalOfDocno = new Map<number, string>();
  for (const a of articles) evalOfDocno.set((await store.findByUrls([urlOf.get(a.id)!]))!.docno!, a.id);
  const items: HopItem[] = [];
  let lookups = 0;
  for (const a of articles) {
    const stored = (await store.findByUrls([urlOf.get(a.id)!]))!;
    const result = await findRelated(store, { urls: [urlOf.get(a.id)!], title: a.title, excerpt: a.excerpt ?? '' }, {});
    lookups++;
    const hopped = result.items.filter((it) => it.reasons[0]?.kind === 'same-story-as');
    if (hopped.length === 0) continue;
    const judged = await store.readIndex(() => rankByContent(store, matchDocOf(stored), stored.docno, { rows: 'shown' }));
    const shownIds = new Set(result.items.flatMap((it) => [it.article.url, ...it.alsoIn.map((o) => o.url)]).map((u) => evalOfUrl.get(u)));
    for (const it of hopped) {
      const id = evalOfUrl.get(it.article.url)!;
      const c = judged.find((x) => evalOfDocno.get(x.docno) === id);
      if (c?.via === undefined) throw new Error(`no via for ${id}`);
      const mateId = evalOfDocno.get(c.via.docno)!;
      const m = judged.find((x) => x.docno === c.via!.docno)!;
      const reason = it.reasons[0]!;
      if (reason.kind !== 'same-story-as') throw new Error('not a hop item');
      items.push({
        query: a.id, queryTitle: a.title, queryCluster: a.cluster ?? null,
        item: id, itemTitle: byId.get(id)!.title, itemCluster: byId.get(id)!.cluster ?? null,
        mate: mateId, mateTitle: reason.mate, mateCluster: byId.get(mateId)!.cluster ?? null, mateShown: shownIds.has(mateId),
        terms: reason.terms, mateMargin: Math.round(m.margin * 1000) / 1000, itemMargin: Math.round(c.margin * 1000) / 1000, differentSubjects: differentSubjects(c.evidence.features),
      });
    }
  }
  store.close();
  const right = (h: HopItem) => h.queryCluster !== null && h.itemCluster === h.queryCluster;
  const split = (name: string, hs: HopItem[]) => `${name} ${hs.filter(right).length}/${hs.length}`;
  console.log(file, `lookups ${lookups}, hop items ${items.length}:`, split('all', items), '|', split('mate < 1 over', items.filter((h) => h.mateMargin < 1)), '|', split('mate ≥ 1', items.filter((h) => h.mateMargin >= 1)), '|', split('different subjects', items.filter((h) => h.differentSubjects)), '|', split('item 1–1.5 under', items.filter((h) => h.itemMargin < -1)), '|', `mate right ${items.filter((h) => h.mateCluster === h.queryCluster && h.queryCluster !== null).length}`, '|', `mate not shown ${items.filter((h) => !h.mateShown).length}`);
  const rand = mulberry32(32);
  const pick = [...items];
  for (let i = pick.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pick[i], pick[j]] = [pick[j]!, pick[i]!];
  }
  mkdirSync('/tmp/rev32', { recursive: true });
  writeFileSync(`/tmp/rev32/${file}.sample.json`, JSON.stringify({ items, sample: pick.slice(0, 10) }, null, 1));
}

for (const file of process.argv.slice(2)) await sample(file);
