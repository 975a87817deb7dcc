/**
 * The page eval (`npm run eval:pages`): its scoring on a small manifest whose right answers are
 * known, its handling of bad manifests, and — when ../shared is present — the detection's
 * figures on the shared page set, so a change that makes detection worse fails here.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, parsePage, readManifest, type EvalReport } from '../../../bench/eval-pages';
import { FIXTURES_DIR } from '../../e2e/harness';
import { hasShared, sharedPath } from '../../shared-data';

function manifest(rows: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'rots-eval-'));
  const path = join(dir, 'manifest.jsonl');
  writeFileSync(path, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
  return path;
}

const page = (name: string): string => join(FIXTURES_DIR, 'pages', name);

describe('eval-pages scoring', () => {
  it('scores a known manifest exactly, per source too, and explains every miss', () => {
    const report = evaluate(
      manifest([
        {
          file: page('seed-article.html'),
          source: 'fixtures',
          expected_is_article: true,
          title: 'China homegrown AI chip development proceeding despite US ban',
          url: 'https://digitimes.com/news/a20231023PD228/us-chip-ban-china-huawei-ai-chips-alibaba-baidu-nvidia-tencent.html?utm_source=x',
          published: '2023-10-24T09:41:00+08:00',
          lang: 'en-US',
        },
        // Wrong expectations on purpose: a title neither contains nor is contained in, a URL of another article.
        { file: page('bike-lanes.html'), expected_is_article: true, title: 'Something else entirely', url: 'https://riverton-daily.example/other', published: '2020-01-01T00:00:00Z', lang: 'fr' },
        // Loose title: the expected title carries the site's name.
        { file: page('unrelated-article.html'), expected_is_article: true, title: 'Harbour town library adds Sunday opening hours - The Coastal Courier', url: null, published: null, lang: null },
        { file: page('not-article.html'), expected_is_article: false, title: 'Sign in', url: 'https://accounts.example/signin' },
        { file: page('spa.html'), expected_is_article: null, title: null },
        { file: 'does-not-exist.html', expected_is_article: true },
      ]),
    );
    expect(report.is_article).toEqual({ precision: 1, recall: 1, f1: 1, n: 4 });
    expect(report.title).toEqual({ exact: 0.333, loose: 0.667, n: 3 });
    expect(report.canonical_url).toEqual({ match: 0.5, n: 2 });
    expect(report.published).toEqual({ within_24h: 0.5, n: 2 });
    expect(report.language).toEqual({ match: 0.5, n: 2 });
    expect(report.ms_per_page).toBeGreaterThan(0);
    // Everything from an absolute path lands in one "source": the first path segment (empty).
    expect(Object.keys(report.per_source)).toHaveLength(2);
    expect(report.per_source['does-not-exist.html']).toBeDefined();
    // By language: the manifest's where it says one, else the page's own (seed-article: en-US;
    // bike-lanes: fr in the manifest, en on the page; unrelated-article and spa: the page's).
    expect(report.per_language.fr).toMatchObject({ title: { exact: 0, loose: 0, n: 1 }, published: { within_24h: 0, n: 1 } });
    expect(report.per_language.en).toMatchObject({ title: { n: 2 }, canonical_url: { match: 1, n: 1 }, published: { within_24h: 1, n: 1 } });
    expect(Object.values(report.per_language).reduce((pages, figures) => pages + figures.is_article.n, 0)).toBe(report.is_article.n);
    expect(report.misses).toEqual([
      { file: page('bike-lanes.html'), field: 'title', reason: 'got "Riverton council approves protected bike lanes on Main Street", want "Something else entirely"' },
      { file: page('bike-lanes.html'), field: 'canonical_url', reason: 'got https://riverton-daily.example/local/2024/05/14/main-street-bike-lanes, want https://riverton-daily.example/other' },
      { file: page('bike-lanes.html'), field: 'published', reason: 'got 2024-05-14T18:30:00.000Z, want 2020-01-01T00:00:00Z' },
      { file: page('bike-lanes.html'), field: 'language', reason: 'got en, want fr' },
      { file: 'does-not-exist.html', field: 'file', reason: expect.stringContaining('cannot read') },
    ]);
  });

  it('counts a false positive and a missed article with the signals behind them', () => {
    const report = evaluate(
      manifest([
        { file: page('seed-article.html'), expected_is_article: false },
        { file: page('not-article.html'), expected_is_article: true },
      ]),
    );
    expect(report.is_article).toEqual({ precision: 0, recall: 0, f1: 0, n: 2 });
    expect(report.misses.map((miss) => miss.reason)).toEqual(['false positive (json-ld:NewsArticle, og:type=article, published meta)', 'missed (not readerable)']);
  });

  it('parses markup before <html>, or a page without the tag, as a browser does, where linkedom would make it the document (einfachspanien.de, viconsortium.com)', () => {
    const warnings = '<br />\n<b>Strict Standards</b>:  Redefining already defined constructor for class wpdb in <b>/www/htdocs/wp-includes/wp-db.php</b> on line <b>56</b><br />\n';
    const rest = '<!DOCTYPE html>\n<html lang="de-DE"><head><title>Malaga, die quirlige Metropole</title><meta name="description" content="Malaga"></head><body><h1>Malaga</h1><p>Text</p></body></html>';
    const php = parsePage(warnings + rest);
    expect(php.documentElement.tagName).toBe('HTML');
    expect(php.title).toBe('Malaga, die quirlige Metropole');
    expect(php.body.textContent).toContain('Strict Standards');
    expect(php.querySelector('h1')?.textContent).toBe('Malaga');
    const meta = parsePage('\t<meta property="og:title" content="Vessel Returning To Puerto Rico" /><!DOCTYPE html>\n<!--[if IE 8]> <html class="ie8"> <![endif]--><html lang="en">' + rest.slice(rest.indexOf('<head>')));
    expect(meta.head.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe('Vessel Returning To Puerto Rico');
    expect(meta.title).toBe('Malaga, die quirlige Metropole');
    expect(meta.body.textContent).toBe('MalagaText');
    // No <html> tag at all (optional in HTML; st-georg.de, jaegermagazin.de with a stray one further down).
    const bare = parsePage('<!DOCTYPE html><head><meta charset="UTF-8"><title>Pferdesport definitiv bei Olympia 2028 dabei -</title></head><body><header>Menü <html lang="de"></header><h1>Pferdesport</h1></body>');
    expect(bare.title).toBe('Pferdesport definitiv bei Olympia 2028 dabei -');
    expect(bare.documentElement.getAttribute('lang')).toBe('de');
    expect(bare.body.querySelector('h1')?.textContent).toBe('Pferdesport');
    // A well-formed page is parsed once, as it is.
    expect(parsePage(rest).documentElement.getAttribute('lang')).toBe('de-DE');
  });

  it('says which line of a manifest is bad', () => {
    const path = manifest([{ file: 'a.html', expected_is_article: true }]);
    writeFileSync(path, '{"file": "a.html", "expected_is_article": true}\n{not json}\n');
    expect(() => readManifest(path)).toThrow(/manifest\.jsonl:2: not JSON/);
    writeFileSync(path, '{"file": "a.html", "expected_is_article": "yes"}\n');
    expect(() => readManifest(path)).toThrow(/:1: expected_is_article must be true, false or null/);
  });
});

/** A figure that must not fall: `null` where a source has nothing to rate it on. */
type Floor = number | null;

interface SourceFloors {
  /** Labelled is-article misses (false positives and missed articles) at most. */
  isArticleMisses: number;
  f1?: Floor;
  precision?: Floor;
  titleLoose?: Floor;
  canonical?: Floor;
  published?: Floor;
  language?: Floor;
}

/**
 * Each source folder of ../shared/data/pages held to its own floor, so a folder added to the set
 * (the set grew from 700 to 1,020 pages) never breaks the test by itself and a change that makes
 * one kind of site worse fails here even when another kind improves. Floors are what detection
 * reaches on each folder (bench/RESULTS.md, issue 11); they are only ever raised. Issue 11's
 * targets that are not reached are noted where they apply.
 */
const SOURCE_FLOORS: Record<string, SourceFloors> = {
  // 297 home, sign-in, sign-up, cart and search pages: not one called an article.
  formasaurus: { isArticleMisses: 0 },
  fundus: { isArticleMisses: 0, f1: 1, titleLoose: 0.915, canonical: 0.969, published: 0.992 },
  newspaper4k: { isArticleMisses: 6, f1: 0.962, precision: 1, titleLoose: 0.778, canonical: 0.333, published: 1, language: 1 },
  readability: { isArticleMisses: 5, f1: 0.979, precision: 1, titleLoose: 0.992, published: 1, language: 1 },
  'zyte-aeb': { isArticleMisses: 1, f1: 0.992, precision: 1, canonical: 0.917 },
  // Issue 11's target for the two new folders is published ≥ 0.92: reached (0.922, 0.930); of the
  // 22 misses left, 13 are labels (a local calendar day for an evening US article, a modified
  // date, a typo) and 6 pages with no date in their HTML (see bench/RESULTS.md).
  trafilatura: { isArticleMisses: 0, titleLoose: 0.903, canonical: 0.871, published: 0.922 },
  htmldate: { isArticleMisses: 0, canonical: 0.813, published: 0.93 },
};

describe.skipIf(!hasShared)('detection on the shared page set (../shared/data/pages)', () => {
  let report: EvalReport | undefined;
  beforeAll(() => {
    report = evaluate(sharedPath('data', 'pages', 'manifest.jsonl'));
  }, 120_000);

  it('meets the is-article targets over the whole set, and holds its title and date figures', () => {
    expect(report!.is_article.n).toBeGreaterThanOrEqual(700);
    expect(report!.is_article.precision).toBeGreaterThanOrEqual(0.97);
    expect(report!.is_article.f1).toBeGreaterThanOrEqual(0.97);
    expect(report!.language.match).toBeGreaterThanOrEqual(0.95);
    // Issue 11's targets are 0.95 for both: published reached (0.951), titles not (0.928); see
    // bench/RESULTS.md for what the misses are.
    expect(report!.title.loose).toBeGreaterThanOrEqual(0.928);
    // Exact titles: separators, quotes and site names cut cleanly (0.827 before, 0.849 after).
    expect(report!.title.exact).toBeGreaterThanOrEqual(0.849);
    expect(report!.published.within_24h).toBeGreaterThanOrEqual(0.951);
    expect(report!.canonical_url.match).toBeGreaterThanOrEqual(0.877);
  });

  it.each(Object.entries(SOURCE_FLOORS))('holds %s to its floor', (source, floors) => {
    const figures = report!.per_source[source];
    expect(figures, `source folder ${source} is missing from the manifest`).toBeDefined();
    const misses = report!.misses.filter((miss) => miss.field === 'is_article' && miss.file.startsWith(source + '/'));
    expect(misses.length, misses.map((miss) => `${miss.file}: ${miss.reason}`).join('\n')).toBeLessThanOrEqual(floors.isArticleMisses);
    const atLeast = (got: number | null, floor: Floor | undefined, what: string): void => {
      if (floor === undefined || floor === null) return;
      const detail = report!.misses
        .filter((miss) => miss.field === what && miss.file.startsWith(source + '/'))
        .map((miss) => `${miss.file}: ${miss.reason}`)
        .join('\n');
      expect(got, `${source} ${what}\n${detail}`).not.toBeNull();
      expect(got!, `${source} ${what}\n${detail}`).toBeGreaterThanOrEqual(floor);
    };
    atLeast(figures!.is_article.f1, floors.f1, 'is_article');
    atLeast(figures!.is_article.precision, floors.precision, 'is_article');
    atLeast(figures!.title.loose, floors.titleLoose, 'title');
    atLeast(figures!.canonical_url.match, floors.canonical, 'canonical_url');
    atLeast(figures!.published.within_24h, floors.published, 'published');
    atLeast(figures!.language.match, floors.language, 'language');
  });
});
