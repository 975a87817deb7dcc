/**
 * `npx tsx bench/title-sources.ts <manifest.jsonl> [--pages]`: which of a page's headline sources
 * its title label follows, for studying title rules before writing them. For every page the eval
 * rates a title on (bench/eval-pages.ts: same parse, same pages, same loose match), it reads each
 * source on its own — the JSON-LD headline, og:title, twitter:title, `<title>`, the first `<h1>`
 * with text and the headline the content script finds (`evidence.headings[0]`) — decodes and
 * strips the site's name as `finishPage` does, and prints one JSON object:
 * - `per_source`: per source folder, how many pages have each source and on how many it is a
 *   loose match of the label;
 * - `patterns`: the arrangements of agreement among the sources ("ABBAAA": og:title and
 *   twitter:title agree, everything else says the JSON-LD headline) with, per arrangement, how
 *   many labels each source matches and how many the extension's title matches today;
 * - `ceiling`: the loose hits of the best single source per arrangement, chosen knowing the labels
 *   — the most any rule that only looks at which sources agree could reach;
 * - `majority`: what taking the headline most statements and the shown headline give (ties to the usual order) would fix and
 *   break, page by page;
 * - with `--pages`, every page's sources and label.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyPage } from '../src/detect/detect';
import { readPage } from '../src/detect/extract';
import { finishPage } from '../src/detect/finish';
import { ldString } from '../src/detect/jsonld';
import { comparable, stripSiteName } from '../src/detect/title';
import { displayDomain, safeHttpUrl } from '../src/shared';
import { plainText } from '../src/shared/entities';
import { decodePage, parsePage, readManifest } from './eval-pages';

const SOURCES = ['ld', 'og', 'twitter', 'title', 'h1', 'shown'] as const;
type Source = (typeof SOURCES)[number];
/** The statements in the order the extension trusts them (the first present one is its pick). */
const STATEMENTS: readonly Source[] = ['ld', 'og', 'twitter', 'title'];

interface PageSources {
  file: string;
  folder: string;
  label: string;
  got: string;
  /** Whether the extension's title is a loose match today. */
  loose: boolean;
  /** Each source decoded and without the site's name; '' when the page does not give it. */
  sources: Record<Source, string>;
  /** Whether each source is a loose match of the label. */
  matches: Record<Source, boolean>;
  /** Which sources agree: one letter per source, the same letter for the same text, '.' absent. */
  pattern: string;
}

const normalise = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const looseMatch = (got: string, want: string): boolean => got !== '' && (got.includes(want) || want.includes(got));

function readSources(manifestPath: string): PageSources[] {
  const root = dirname(resolve(manifestPath));
  const pages: PageSources[] = [];
  readManifest(manifestPath).forEach((row, index) => {
    if (row.expected_is_article === false || typeof row.title !== 'string' || normalise(row.title) === '') return;
    const address = safeHttpUrl(row.url) ?? `https://eval.invalid/page/${index}`;
    const doc = parsePage(decodePage(readFileSync(resolve(root, row.file))));
    const verdict = classifyPage(doc, address);
    const read = readPage(doc, address, verdict.ld, verdict.signals);
    const page = finishPage(read);
    const host = displayDomain(page.canonicalUrl ?? page.url) ?? '';
    const meta = (key: string): string => doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content') ?? '';
    const h1 = [...doc.querySelectorAll('h1')].map((element) => element.textContent ?? '').find((text) => text.trim() !== '') ?? '';
    const raw: Record<Source, string> = { ld: ldString(verdict.ld.article?.headline), og: meta('og:title'), twitter: meta('twitter:title'), title: doc.title, h1, shown: read.evidence?.headings[0] ?? '' };
    const label = normalise(row.title);
    const sources = {} as Record<Source, string>;
    const matches = {} as Record<Source, boolean>;
    const letters = new Map<string, string>();
    let pattern = '';
    for (const source of SOURCES) {
      const text = normalise(stripSiteName(normalise(plainText(raw[source])), page.siteName ?? '', host));
      sources[source] = text;
      matches[source] = looseMatch(text, label);
      const key = comparable(text);
      if (key === '') pattern += '.';
      else {
        if (!letters.has(key)) letters.set(key, 'ABCDEF'[letters.size]!);
        pattern += letters.get(key)!;
      }
    }
    const got = normalise(page.title);
    pages.push({ file: row.file, folder: row.file.split(/[\\/]/)[0] ?? '', label, got, loose: looseMatch(got, label), sources, matches, pattern });
  });
  return pages;
}

/** The sources that vote for a headline: the statements and the headline the page shows (the
 * first `<h1>` is often that same element, so it does not vote twice). */
const VOTERS: readonly Source[] = [...STATEMENTS, 'shown'];

/** The source most voters agree with (ties to the first in VOTERS' order), or undefined. */
function majority(page: PageSources): Source | undefined {
  const present = VOTERS.filter((source) => page.pattern[SOURCES.indexOf(source)] !== '.');
  const votes = (source: Source): number => present.filter((other) => page.pattern[SOURCES.indexOf(other)] === page.pattern[SOURCES.indexOf(source)]).length;
  let best: Source | undefined;
  for (const source of present) if (best === undefined || votes(source) > votes(best)) best = source;
  return best;
}

export interface TitleSourcesReport {
  sources: string;
  pages: number;
  extension_loose: number;
  per_source: Record<string, Record<string, { present: number; label_follows: number }>>;
  patterns: { pattern: string; pages: number; extension: number; follows: Partial<Record<Source, number>>; files?: string[] }[];
  ceiling: { loose: number; rate: number };
  majority: { net: number; fixed: string[]; broken: string[] };
  pages_detail?: PageSources[];
}

export function titleSources(manifestPath: string, withPages = false): TitleSourcesReport {
  const pages = readSources(manifestPath);
  const perSource: Record<string, Record<string, { present: number; label_follows: number }>> = {};
  const patterns = new Map<string, { pages: number; extension: number; follows: Partial<Record<Source, number>>; files: string[] }>();
  const majorityChanges: { fixed: string[]; broken: string[] } = { fixed: [], broken: [] };
  for (const page of pages) {
    const folder = (perSource[page.folder] ??= {});
    for (const source of SOURCES) {
      const tally = (folder[source] ??= { present: 0, label_follows: 0 });
      if (page.sources[source] === '') continue;
      tally.present++;
      if (page.matches[source]) tally.label_follows++;
    }
    const arrangement = patterns.get(page.pattern) ?? { pages: 0, extension: 0, follows: {}, files: [] };
    patterns.set(page.pattern, arrangement);
    arrangement.pages++;
    if (page.loose) arrangement.extension++;
    arrangement.files.push(page.file);
    for (const source of SOURCES) if (page.matches[source]) arrangement.follows[source] = (arrangement.follows[source] ?? 0) + 1;
    // Majority: only where it picks another headline than the first statement's.
    const first = STATEMENTS.find((source) => page.sources[source] !== '');
    const picked = majority(page);
    if (first !== undefined && picked !== undefined && page.pattern[SOURCES.indexOf(picked)] !== page.pattern[SOURCES.indexOf(first)] && page.matches[picked] !== page.loose) {
      (page.matches[picked] ? majorityChanges.fixed : majorityChanges.broken).push(page.file);
    }
  }
  let ceiling = 0;
  for (const arrangement of patterns.values()) ceiling += Math.max(arrangement.extension, ...Object.values(arrangement.follows));
  const disagreeing = [...patterns.entries()]
    .filter(([pattern]) => /[B-F]/.test(pattern))
    .sort((a, b) => b[1].pages - a[1].pages)
    .map(([pattern, arrangement]) => ({ pattern, ...arrangement, files: arrangement.files.length <= 6 ? arrangement.files : undefined }));
  const loose = pages.filter((page) => page.loose).length;
  return {
    sources: SOURCES.join(' '),
    pages: pages.length,
    extension_loose: loose,
    per_source: perSource,
    patterns: disagreeing,
    ceiling: { loose: ceiling, rate: Number((ceiling / pages.length).toFixed(3)) },
    majority: { net: majorityChanges.fixed.length - majorityChanges.broken.length, ...majorityChanges },
    ...(withPages ? { pages_detail: pages } : {}),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [manifest, flag] = process.argv.slice(2);
  if (manifest === undefined) throw new Error('usage: tsx bench/title-sources.ts <manifest.jsonl> [--pages]');
  console.log(JSON.stringify(titleSources(manifest, flag === '--pages'), null, 1));
}
