/**
 * Scratch (session 32): the second hop's bars chosen offline over bench/hop-dump.ts's lookups (the
 * first hop alone, every candidate's margin): `tsx bench/hop-grid.ts` reads /tmp/hop32/FILE.VARIANT.json
 * for the dev files, originals and headline-only, simulates the hop as secondHop makes it (the
 * query's strongest same-story candidate `mate` or more over its bar; a candidate not same story,
 * `near` or less under its bar — pairs about different subjects in the pool or not — shown when
 * the mate's own lookup takes it for the same story `candidate` or more over that bar; appended to
 * the shown items by the query's margin, at most 20) and picks by the rule fixed in advance
 * (bench/RESULTS.md, session 32): the most macro recall over the originals with macro precision ≥
 * 0.93, every file ≥ 0.855, headline-only macro precision not below the current bars' − 0.005;
 * ties (recall to 4 places) to the fewest second passes.
 */
import { existsSync, readFileSync } from 'node:fs';

const FILES = ['uci-dev', 'mmds-dev', 'allsides-2021', 'allsides-undated', 'gva-incidents', 'ecbplus', 'newswcl50'];
const SHOWN_MAX = 20;

interface Row {
  id: string;
  cluster: string | null;
  shown: string[];
  /** [id, margin, same story (first hop), different subjects] */
  cands: [string, number, 0 | 1, 0 | 1][];
}
interface Lookup {
  row: Row;
  mates: Set<string>;
  margin: Map<string, number>;
  same: Set<string>;
}
interface Bars {
  mate: number;
  near: number;
  candidate: number;
  differentSubjects: boolean;
}
interface Metrics {
  precision: number;
  recall: number;
  passes: number;
}

function load(file: string, variant: string): Map<string, Lookup> {
  const rows = JSON.parse(readFileSync(`/tmp/hop32/${file}.${variant}.json`, 'utf8')) as Row[];
  const members = new Map<string, Set<string>>();
  for (const r of rows) if (r.cluster !== null) members.set(r.cluster, (members.get(r.cluster) ?? new Set()).add(r.id));
  return new Map(rows.map((row) => [row.id, {
    row,
    mates: new Set([...(row.cluster === null ? [] : members.get(row.cluster)!)].filter((id) => id !== row.id)),
    margin: new Map(row.cands.map((c) => [c[0], c[1]])),
    same: new Set(row.cands.filter((c) => c[2] === 1).map((c) => c[0])),
  }]));
}

function measure(lookups: Map<string, Lookup>, bars: Bars | null): Metrics {
  let n = 0, recall = 0, shownTotal = 0, shownCorrect = 0, passes = 0;
  for (const q of lookups.values()) {
    let shown = q.row.shown;
    if (bars !== null) {
      let mate: [string, number] | undefined;
      for (const [id, margin, same] of q.row.cands) if (same === 1 && margin >= bars.mate && (mate === undefined || margin > mate[1])) mate = [id, margin];
      const taken = new Set([...shown, q.row.id]);
      const pool = q.row.cands.filter(([id, margin, same, ds]) => same === 0 && margin >= -bars.near && (bars.differentSubjects || ds === 0) && !taken.has(id));
      const m = mate === undefined ? undefined : lookups.get(mate[0]);
      if (m !== undefined && pool.length > 0) {
        passes++;
        const add = pool.filter(([id]) => m.same.has(id) && m.margin.get(id)! >= bars.candidate).sort((x, y) => y[1] - x[1]).map(([id]) => id);
        shown = [...shown, ...add].slice(0, SHOWN_MAX);
      }
    }
    if (q.mates.size === 0) continue;
    n++;
    const hits = shown.filter((id) => q.mates.has(id)).length;
    shownTotal += shown.length;
    shownCorrect += hits;
    recall += hits / Math.min(SHOWN_MAX, q.mates.size);
  }
  return { precision: shownTotal ? shownCorrect / shownTotal : 0, recall: n ? recall / n : 0, passes };
}

const data = (variant: string) => FILES.filter((f) => existsSync(`/tmp/hop32/${f}.${variant}.json`)).map((f) => ({ file: f, lookups: load(f, variant) }));
const originals = data('original');
const headlines = data('headline-only');
if (originals.length !== FILES.length) throw new Error('originals missing: run bench/hop-dump.ts original FILE…');
const macro = (ms: Metrics[]) => ({ precision: ms.reduce((s, m) => s + m.precision, 0) / ms.length, recall: ms.reduce((s, m) => s + m.recall, 0) / ms.length, passes: ms.reduce((s, m) => s + m.passes, 0), min: Math.min(...ms.map((m) => m.precision)) });
const run = (set: typeof originals, bars: Bars | null) => set.map((f) => measure(f.lookups, bars));
const f4 = (x: number) => x.toFixed(4);
const line = (name: string, bars: Bars | null) => {
  const o = run(originals, bars);
  const h = headlines.length > 0 ? macro(run(headlines, bars)) : undefined;
  const m = macro(o);
  return { name, bars, m, h, text: `${name} | ${f4(m.precision)} / ${f4(m.recall)} | min P ${f4(m.min)} | passes ${m.passes} | headline-only ${h === undefined ? '—' : `${f4(h.precision)} / ${f4(h.recall)}`} | ${o.map((x, i) => `${originals[i]!.file} ${x.precision.toFixed(3)}/${x.recall.toFixed(3)}`).join(', ')}` };
};

const current = line('current (1, 1, 1), no different subjects', { mate: 1, near: 1, candidate: 1, differentSubjects: false });
console.log(line('first hop only', null).text);
console.log(current.text);
console.log(line('current (1, 1, 1), different subjects', { mate: 1, near: 1, candidate: 1, differentSubjects: true }).text);
const floorHeadlines = current.h === undefined ? -Infinity : current.h.precision - 0.005;
const results = [];
for (const mate of [0, 1, 2, 3]) for (const candidate of [0, 1, 2]) for (const near of [0.25, 0.5, 1, 1.5, Infinity]) {
  const r = line(`(mate ${mate}, near ${near}, candidate ${candidate})`, { mate, near, candidate, differentSubjects: true });
  const ok = r.m.precision >= 0.93 && r.m.min >= 0.855 && (r.h === undefined || r.h.precision >= floorHeadlines);
  results.push({ ...r, ok });
}
results.sort((x, y) => Number(y.ok) - Number(x.ok) || Number(f4(y.m.recall)) - Number(f4(x.m.recall)) || x.m.passes - y.m.passes);
console.log(`\nheadline-only floor ${f4(floorHeadlines)}; passing first, by recall, then fewest passes:`);
for (const r of results) console.log(`${r.ok ? 'ok ' : '-- '}${r.text}`);
console.log(`\nchosen: ${results[0]!.ok ? results[0]!.name : 'none passes'}`);
