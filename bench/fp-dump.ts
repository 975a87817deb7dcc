/**
 * Scratch (session 33): each dev file's lookups as the eval makes them (the same store, URLs and
 * shown items, the second hop on), with every judged candidate near its bar or over it — its
 * features, score, bar, first-hop judgement and whether the hop showed it — for the offline study
 * of what the singleton queries' shown items look like against the true mates shown
 * (`tsx bench/fp-dump.ts VARIANT FILE…` writes /tmp/gva33/FILE.VARIANT.jsonl).
 */
import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { findRelated } from '../src/related/find-related';
import { matchDocOf, rankByContent } from '../src/related/engine';
import { FEATURES } from '../src/related/matcher';
import { applyVariant, readArticles, type Variant } from './matcher-corpus';
import { storeEvalArticles } from './eval';

const NEAR = 3;

async function dump(file: string, variant: Variant): Promise<void> {
  const articles = applyVariant(readArticles(file), variant);
  const { store, urlOf, idOfUrl: evalOfUrl, idOfStored: evalOfStore } = await storeEvalArticles(articles, `fp-${file}-${Date.now()}`);
  const lines: string[] = [];
  for (const a of articles) {
    const stored = (await store.findByUrls([urlOf.get(a.id)!]))!;
    const result = await findRelated(store, { urls: [urlOf.get(a.id)!], title: a.title, excerpt: a.excerpt ?? '' }, {});
    const shown = [...new Set(result.items.flatMap((it) => [it.article.url, ...it.alsoIn.map((o) => o.url)]).map((u) => evalOfUrl.get(u)).filter((x): x is string => x !== undefined && x !== a.id))];
    const judged = await store.readIndex(() => rankByContent(store, matchDocOf(stored), stored.docno, { rows: 'all' }));
    const cands = judged
      .filter((c) => c.article !== undefined && (c.sameStory || c.via !== undefined || c.margin >= -NEAR))
      .map((c) => ({ id: evalOfStore.get(c.article!.id), score: Math.round(c.score * 1000) / 1000, bar: Number.isFinite(c.margin) ? Math.round((c.score - c.margin) * 1000) / 1000 : null, same: c.sameStory ? 1 : 0, via: c.via !== undefined ? evalOfStore.get(judged.find((j) => j.docno === c.via!.docno)?.article?.id ?? '') ?? '?' : null, f: Array.from(c.evidence.features, (x) => Math.round(x * 10000) / 10000) }));
    lines.push(JSON.stringify({ id: a.id, cluster: a.cluster ?? null, n: judged.length, shown, cands }));
  }
  store.close();
  writeFileSync(`${process.env.OUT ?? '/tmp/gva33'}/${file}.${variant}.jsonl`, lines.join('\n') + '\n');
  writeFileSync(`${process.env.OUT ?? '/tmp/gva33'}/features.json`, JSON.stringify(FEATURES));
  console.log(file, variant, lines.length);
}

mkdirSync(process.env.OUT ?? '/tmp/gva33', { recursive: true });
const variant = (process.argv[2] ?? 'original') as Variant;
for (const file of process.argv.slice(3)) await dump(file, variant);
