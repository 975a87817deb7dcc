import { DEV_FILES, readArticles, candidatesOf, metricsOf } from './bench/matcher-corpus';
import { FEATURES } from './src/related/matcher';
const sim = FEATURES.indexOf('similarity');
for (const f of DEV_FILES) {
  const t0 = Date.now();
  const qs = candidatesOf(readArticles(f));
  let mates = 0, found = 0;
  for (const q of qs) { mates += Math.min(20, q.mates); found += Math.min(20, q.candidates.filter(c => c.same).length); }
  const m = metricsOf(qs, c => c.evidence.features[sim]!, (c, s) => s >= 0.3);
  console.log(f, qs.length, 'cand recall', (found / mates).toFixed(3), JSON.stringify(m), Date.now() - t0, 'ms');
}
