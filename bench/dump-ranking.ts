/** Scratch: dumps every query's ranking (ids and scores) and shown ids for a cluster file.
 * SHOWN_ONLY=1: the product's lookup (no ranking asked), shown items only — the path a screen
 * of the candidates (see candidates.ts) takes. */
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { toNewsRecord, type NewsRecord } from '../src/record/record';
import { findRelated } from '../src/related/find-related';
import { ArticleStore } from '../src/store';
import { readRows } from './eval';
import type { EvalArticle } from './matcher-corpus';

async function main(): Promise<void> {
  const [file, out] = process.argv.slice(2);
  const articles = readRows(file!) as EvalArticle[];
  const store = new ArticleStore({ name: `dump-${Date.now()}` });
  const records: NewsRecord[] = [];
  const urls: string[] = [];
  for (const a of articles) {
    const url = `https://eval.invalid/${encodeURIComponent(a.id)}`;
    const parsed = toNewsRecord({ title: a.title, excerpt: a.excerpt ?? '', webUrl: url, provider: a.provider ?? undefined, publishedDateTime: a.publishedDateTime ?? undefined, topics: a.topics ?? [], ...(a.lang ? { lang: a.lang } : {}) });
    if (!parsed.ok) throw new Error(parsed.error);
    records.push(parsed.record);
    urls.push(url);
  }
  for (let i = 0; i < records.length; i += 500) await store.upsertRecords(records.slice(i, i + 500), 'record');
  const shownOnly = process.env.SHOWN_ONLY !== undefined;
  const lines: string[] = [];
  const times: number[] = [];
  for (const [i, a] of articles.entries()) {
    const t0 = performance.now();
    const result = await findRelated(store, { urls: [urls[i]!], title: a.title, excerpt: a.excerpt ?? '' }, { withRanking: !shownOnly });
    times.push(performance.now() - t0);
    // REASONS=1: also each shown item's reasons (the popup's explanation words).
    const shown = result.items.map((it) => [it.article.url, it.score, it.alsoIn.map((o) => o.url), ...(process.env.REASONS ? [it.reasons] : [])]);
    lines.push(JSON.stringify(shownOnly ? { q: a.id, shown } : { q: a.id, shown, ranking: result.ranking!.map((r) => [r.id, r.score]) }));
  }
  writeFileSync(out!, lines.join('\n') + '\n');
  times.sort((x, y) => x - y);
  console.log(JSON.stringify({ file, n: times.length, p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], total: times.reduce((s, t) => s + t, 0) }));
}
void main();
