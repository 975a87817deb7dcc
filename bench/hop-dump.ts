/**
 * Scratch (sessions 31–32): each dev file's lookups as the eval makes them (the same store, URLs and
 * shown items) with the second hop off, with every judged candidate's margin over its bar, whether
 * the first hop takes it for the same story, and whether the pair is about different subjects:
 * `tsx bench/hop-dump.ts VARIANT FILE…` writes /tmp/hop32/FILE.VARIANT.json, for the offline study
 * of a second hop's bars (bench/RESULTS.md, sessions 31–32: what a rule over these lookups would
 * show, each mate's own lookup its judgement; bench/hop-grid.ts).
 */
import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { findRelated } from '../src/related/find-related';
import { matchDocOf, rankByContent } from '../src/related/engine';
import { currentModel, differentSubjects, thresholdFor } from '../src/related/matcher';
import { useHopBars } from '../src/related/candidates';
import { applyVariant, readArticles, type Variant } from './matcher-corpus';
import { storeEvalArticles } from './eval';

async function dump(file: string, variant: Variant): Promise<void> {
  const articles = applyVariant(readArticles(file), variant);
  const { store, urlOf, idOfUrl: evalOfUrl, idOfStored: evalOfStore } = await storeEvalArticles(articles, `hop-${file}-${Date.now()}`);
  const model = currentModel();
  const out: unknown[] = [];
  for (const a of articles) {
    const stored = (await store.findByUrls([urlOf.get(a.id)!]))!;
    const result = await findRelated(store, { urls: [urlOf.get(a.id)!], title: a.title, excerpt: a.excerpt ?? '' }, {});
    const shown = [...new Set(result.items.flatMap((it) => [it.article.url, ...it.alsoIn.map((o) => o.url)]).map((u) => evalOfUrl.get(u)).filter((x): x is string => x !== undefined && x !== a.id))];
    const judged = await store.readIndex(() => rankByContent(store, matchDocOf(stored), stored.docno, { rows: 'all' }));
    const cands = judged.filter((c) => c.article !== undefined).map((c) => [evalOfStore.get(c.article!.id), Math.round((c.score - thresholdFor(model, c.evidence.features)) * 1000) / 1000, c.sameStory ? 1 : 0, differentSubjects(c.evidence.features) ? 1 : 0]);
    out.push({ id: a.id, cluster: a.cluster ?? null, shown, cands });
  }
  store.close();
  writeFileSync(`/tmp/hop32/${file}.${variant}.json`, JSON.stringify(out));
  console.log(file, variant, out.length);
}

// The first hop alone: what a rule of the second is simulated over.
useHopBars({ mate: Infinity, near: 0, candidate: Infinity });
mkdirSync('/tmp/hop32', { recursive: true });
const variant = (process.argv[2] ?? 'original') as Variant;
for (const file of process.argv.slice(3)) await dump(file, variant);
