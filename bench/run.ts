/**
 * `npm run bench [section…]`: benchmarks in real headless Chromium. Each section measures one
 * thing and returns a table and raw data; this runner prints the tables and writes everything to
 * bench/results/<time>.json (and latest.json) so runs can be compared. Sections run one after
 * another on a quiet machine: do not run them next to other heavy work.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

export interface BenchSection {
  name: string;
  /** Rows printed as a table (the headline numbers). */
  rows: Record<string, string | number>[];
  /** Everything measured, for the JSON file. */
  data: unknown;
  /** Targets and whether they were met, e.g. "lookup p95 warm ≤ 20 ms": true. */
  targets?: Record<string, boolean>;
}

type SectionModule = { run: (args: string[]) => Promise<BenchSection> };

/** Every section, in the order they run. */
const SECTIONS: Record<string, () => Promise<SectionModule>> = {
  engine: () => import('./engine.bench'),
  digest: () => import('./digest.bench'),
  'content-script': () => import('./content-script'),
  import: () => import('./import.bench'),
  upgrade: () => import('./upgrade.bench'),
};

export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: string | number | undefined): string => (value === undefined ? '' : typeof value === 'number' ? formatNumber(value) : value);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: string[]): string => values.map((value, i) => value.padEnd(widths[i]!)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((column) => cell(row[column]))));
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

async function main(): Promise<void> {
  const [wanted, ...rest] = process.argv.slice(2);
  const names = wanted === undefined || wanted === 'all' ? Object.keys(SECTIONS) : wanted.split(',');
  const unknown = names.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  const results: BenchSection[] = [];
  for (const name of names) {
    console.log(`\n== ${name}`);
    const section = await (await SECTIONS[name]!()).run(rest);
    printTable(section.rows);
    if (section.targets !== undefined) {
      for (const [target, met] of Object.entries(section.targets)) console.log(`${met ? 'met   ' : 'MISSED'}  ${target}`);
    }
    results.push(section);
  }
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version }, sections: results };
  const file = join(dir, `${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`\nWrote ${file}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
