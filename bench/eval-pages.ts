/**
 * `npm run eval:pages -- <manifest.jsonl>`: runs the extension's own detection code (src/detect:
 * classifyPage, then extractPage — the content script's readPage and the background's finishPage
 * — exactly as detectArticle calls them) over saved
 * HTML pages listed in a manifest in the format of ../shared/README.md, parsed with linkedom, and
 * prints one JSON object with is-article precision/recall/F1, title, canonical URL, published
 * time and language match rates, time per page, the same figures per source folder and per
 * language, and every miss with a short reason.
 *
 * Scoring rules (the same for any manifest):
 * - is_article: rows whose `expected_is_article` is not null.
 * - metadata (title, canonical_url, published, language): rows not labelled non-article whose
 *   expected value is known. The extraction runs on each of them whatever the classifier said, so
 *   these figures measure reading the page, and is_article measures recognising it.
 * - title: exact after whitespace normalisation; loose when one contains the other.
 * - canonical_url: the URL the page declares (canonical link, og:url, JSON-LD, AMP mapping), same
 *   article key as the expected URL (src/shared/url.ts: scheme, www., tracking parameters aside).
 *   The page's own address is never counted as its canonical URL.
 * - published: within 24 hours. language: same primary subtag ("en-US" ~ "en").
 * - per_language: by the page's language, primary subtag — the manifest's `lang` where known,
 *   else the language the page declares (`<html lang>`, Content-Language, og:locale, JSON-LD);
 *   `unknown` when neither says.
 * - Pages are given the manifest's `url` as their address when it has one (as the browser would
 *   know it), else a neutral https://eval.invalid/page/<n>.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { classifyPage, extractPage, type PageVerdict } from '../src/detect/detect';
import { emptyJsonLd } from '../src/detect/jsonld';
import { toIsoUtc } from '../src/detect/dates';
import { safeHttpUrl, urlKey } from '../src/shared';
import type { DetectedPage } from '../src/detect/page';

export interface ManifestRow {
  file: string;
  source?: string;
  expected_is_article: boolean | null;
  title?: string | null;
  url?: string | null;
  published?: string | null;
  lang?: string | null;
  [key: string]: unknown;
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  titleExact: number;
  titleLoose: number;
  titleN: number;
  urlMatch: number;
  urlN: number;
  published: number;
  publishedN: number;
  langMatch: number;
  langN: number;
  ms: number;
  pages: number;
}

export interface Miss {
  file: string;
  field: 'is_article' | 'title' | 'canonical_url' | 'published' | 'language' | 'file';
  reason: string;
}

/** Rates are null when there is nothing to rate (0 / 0), e.g. precision for a source of
 * non-articles only. */
export interface Figures {
  is_article: { precision: number | null; recall: number | null; f1: number | null; n: number };
  title: { exact: number | null; loose: number | null; n: number };
  canonical_url: { match: number | null; n: number };
  published: { within_24h: number | null; n: number };
  language: { match: number | null; n: number };
  ms_per_page: number;
}

export type EvalReport = Figures & { per_source: Record<string, Figures>; per_language: Record<string, Figures>; misses: Miss[] };

const DAY_MS = 24 * 3600 * 1000;

export function readManifest(path: string): ManifestRow[] {
  const rows: ManifestRow[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch (error) {
        throw new Error(`${path}:${i + 1}: not JSON (${(error as Error).message})`, { cause: error });
      }
      if (row === null || typeof row !== 'object' || typeof (row as ManifestRow).file !== 'string') throw new Error(`${path}:${i + 1}: a row needs a "file"`);
      const label = (row as ManifestRow).expected_is_article;
      if (label !== true && label !== false && label !== null && label !== undefined) throw new Error(`${path}:${i + 1}: expected_is_article must be true, false or null`);
      rows.push({ ...(row as ManifestRow), expected_is_article: label ?? null });
    });
  return rows;
}

/** Bytes of a saved page as text: UTF-8 when valid, else the charset the page declares. */
export function decodePage(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
    try {
      return new TextDecoder(declared ?? 'windows-1252').decode(bytes);
    } catch {
      return new TextDecoder('windows-1252').decode(bytes);
    }
  }
}

/**
 * The page as a browser's parser builds it, as far as linkedom can. Linkedom makes the first
 * element it meets the document element, so a page without an `<html>` tag before its content
 * (`<!DOCTYPE html><head>…`: the tag is optional) or with markup before it — PHP warnings
 * (`<br /><b>Strict Standards</b>: …`), a stray `<meta>` — becomes a document whose head or body
 * is missing, where Chromium builds the usual `<html>` with a head and a body and takes the
 * stray markup in: head elements into the head, anything else as the start of the body, and the
 * attributes of any `<html>` tag (even one further down) onto the root. Such a page is parsed
 * again in that shape.
 */
export function parsePage(html: string): Document {
  const document = parseHTML(html).document as unknown as Document;
  if (document.documentElement?.tagName.toUpperCase() === 'HTML') return document;
  // Positions are found with comments blanked out (`<!--[if IE 8]> <html class="ie8"> <![endif]-->`).
  const blank = (text: string): string => text.replace(/<!--[\s\S]*?-->/g, (comment) => ' '.repeat(comment.length));
  const htmlTags = [...blank(html).matchAll(/<html\b([^>]*)>|<!doctype[^>]*>|<\?xml[^>]*\?>/gi)];
  const attributes = htmlTags.find((tag) => tag[1] !== undefined)?.[1] ?? '';
  let content = html;
  for (const tag of htmlTags.reverse()) content = content.slice(0, tag.index) + content.slice(tag.index + tag[0].length);
  const head = /<head\b[^>]*>/i.exec(blank(content));
  const stray = content.slice(0, head?.index ?? /<body\b/i.exec(blank(content))?.index ?? 0);
  if (stray.replace(/<!--[\s\S]*?-->/g, '').trim() !== '') {
    const rest = content.slice(stray.length);
    const headOnly = stray.replace(/<!--[\s\S]*?-->|<(meta|link|base)\b[^>]*>|<(title|script|style)\b[^>]*>[\s\S]*?<\/\2>/gi, '').trim() === '';
    const body = /<body\b[^>]*>/i.exec(blank(rest));
    if (headOnly) content = head === null ? `<head>${stray}</head>${rest}` : rest.replace(/<head\b[^>]*>/i, (tag) => tag + stray);
    else if (body !== null) content = rest.slice(0, body.index + body[0].length) + stray + rest.slice(body.index + body[0].length);
  }
  return parseHTML(`<!DOCTYPE html><html${attributes}>${content}</html>`).document as unknown as Document;
}

function emptyTally(): Tally {
  return { tp: 0, fp: 0, fn: 0, tn: 0, titleExact: 0, titleLoose: 0, titleN: 0, urlMatch: 0, urlN: 0, published: 0, publishedN: 0, langMatch: 0, langN: 0, ms: 0, pages: 0 };
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
const rate = (hits: number, n: number): number | null => (n === 0 ? null : round(hits / n));

function figures(t: Tally): Figures {
  const precision = rate(t.tp, t.tp + t.fp);
  const recall = rate(t.tp, t.tp + t.fn);
  const f1 = rate(2 * t.tp, 2 * t.tp + t.fp + t.fn);
  return {
    is_article: { precision, recall, f1, n: t.tp + t.fp + t.fn + t.tn },
    title: { exact: rate(t.titleExact, t.titleN), loose: rate(t.titleLoose, t.titleN), n: t.titleN },
    canonical_url: { match: rate(t.urlMatch, t.urlN), n: t.urlN },
    published: { within_24h: rate(t.published, t.publishedN), n: t.publishedN },
    language: { match: rate(t.langMatch, t.langN), n: t.langN },
    ms_per_page: t.pages === 0 ? 0 : round(t.ms / t.pages),
  };
}

const normalise = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const short = (text: string | undefined): string => {
  if (text === undefined || text === '') return '(none)';
  const clean = normalise(text);
  return JSON.stringify(clean.length > 90 ? clean.slice(0, 89) + '…' : clean);
};

function expectedTime(value: string): number | undefined {
  const parsed = Date.parse(value);
  if (Number.isFinite(parsed) && /[zZ]|[+-]\d{2}:?\d{2}$/.test(value.trim())) return parsed;
  const iso = toIsoUtc(value, Number.MAX_SAFE_INTEGER);
  return iso === undefined ? (Number.isFinite(parsed) ? parsed : undefined) : Date.parse(iso);
}

export function evaluate(manifestPath: string): EvalReport {
  const rows = readManifest(manifestPath);
  const root = dirname(resolve(manifestPath));
  const total = emptyTally();
  const bySource = new Map<string, Tally>();
  const byLanguage = new Map<string, Tally>();
  const misses: Miss[] = [];
  const primary = (tag: string | null | undefined): string => (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';

  rows.forEach((row, index) => {
    const source = row.file.split(/[\\/]/)[0] ?? '';
    const tally = bySource.get(source) ?? emptyTally();
    bySource.set(source, tally);
    let languageTally = emptyTally();
    const both = (update: (t: Tally) => void): void => {
      update(total);
      update(tally);
      update(languageTally);
    };
    let html: string;
    try {
      html = decodePage(readFileSync(resolve(root, row.file)));
    } catch (error) {
      misses.push({ file: row.file, field: 'file', reason: `cannot read: ${(error as Error).message}` });
      return;
    }
    const address = safeHttpUrl(row.url) ?? `https://eval.invalid/page/${index}`;
    let verdict: PageVerdict;
    let page: DetectedPage;
    let elapsed: number;
    try {
      const doc = parsePage(html);
      const started = performance.now();
      verdict = classifyPage(doc, address);
      page = extractPage(doc, address, verdict.ld, verdict.signals);
      elapsed = performance.now() - started;
    } catch (error) {
      // A page that breaks the parser or the detector counts as not recognised, with its error.
      misses.push({ file: row.file, field: 'file', reason: `detection failed: ${(error as Error).message}` });
      verdict = { isArticle: false, signals: [], against: ['detection failed'], ld: emptyJsonLd() };
      page = { url: address, urls: [address], title: '', description: '', topics: [], signals: [] };
      elapsed = 0;
    }
    const language = primary(row.lang) || primary(page.lang) || 'unknown';
    languageTally = byLanguage.get(language) ?? emptyTally();
    byLanguage.set(language, languageTally);
    both((t) => {
      t.ms += elapsed;
      t.pages++;
    });

    const label = row.expected_is_article;
    if (label !== null) {
      both((t) => {
        if (label && verdict.isArticle) t.tp++;
        else if (!label && verdict.isArticle) t.fp++;
        else if (label && !verdict.isArticle) t.fn++;
        else t.tn++;
      });
      if (label !== verdict.isArticle) {
        misses.push({
          file: row.file,
          field: 'is_article',
          reason: verdict.isArticle ? `false positive (${verdict.signals.join(', ') || 'no signal'})` : `missed (${verdict.against.join(', ') || 'no signal'})`,
        });
      }
    }
    if (label === false) return;

    if (typeof row.title === 'string' && normalise(row.title) !== '') {
      const want = normalise(row.title);
      const got = normalise(page.title);
      const exact = got === want;
      const loose = got !== '' && (got.includes(want) || want.includes(got));
      both((t) => {
        t.titleN++;
        if (exact) t.titleExact++;
        if (loose) t.titleLoose++;
      });
      if (!loose) misses.push({ file: row.file, field: 'title', reason: `got ${short(page.title)}, want ${short(row.title)}` });
    }
    if (typeof row.url === 'string' && urlKey(row.url) !== null) {
      const match = page.canonicalUrl !== undefined && urlKey(page.canonicalUrl) === urlKey(row.url);
      both((t) => {
        t.urlN++;
        if (match) t.urlMatch++;
      });
      if (!match) misses.push({ file: row.file, field: 'canonical_url', reason: page.canonicalUrl === undefined ? 'page declares no canonical URL' : `got ${page.canonicalUrl}, want ${row.url}` });
    }
    if (typeof row.published === 'string' && row.published.trim() !== '') {
      const want = expectedTime(row.published);
      if (want !== undefined) {
        const got = page.publishedTime === undefined ? undefined : Date.parse(page.publishedTime);
        const ok = got !== undefined && Math.abs(got - want) <= DAY_MS;
        both((t) => {
          t.publishedN++;
          if (ok) t.published++;
        });
        if (!ok) misses.push({ file: row.file, field: 'published', reason: `got ${page.publishedTime ?? '(none)'}, want ${row.published}` });
      }
    }
    if (typeof row.lang === 'string' && row.lang.trim() !== '') {
      const ok = primary(page.lang) !== '' && primary(page.lang) === primary(row.lang);
      both((t) => {
        t.langN++;
        if (ok) t.langMatch++;
      });
      if (!ok) misses.push({ file: row.file, field: 'language', reason: `got ${page.lang ?? '(none)'}, want ${row.lang}` });
    }
  });

  const per_source: Record<string, Figures> = {};
  for (const [source, tally] of [...bySource].sort((a, b) => a[0].localeCompare(b[0]))) per_source[source] = figures(tally);
  const per_language: Record<string, Figures> = {};
  // Most pages first.
  for (const [language, tally] of [...byLanguage].sort((a, b) => b[1].pages - a[1].pages || a[0].localeCompare(b[0]))) per_language[language] = figures(tally);
  return { ...figures(total), per_source, per_language, misses };
}

function main(): void {
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const argument = process.argv[2];
  const manifest = argument ?? join(process.env.SHARED_DIR ?? resolve(projectRoot, '..', 'shared'), 'data', 'pages', 'manifest.jsonl');
  if (argument === undefined) console.error(`[eval:pages] no manifest given: using ${manifest}`);
  console.log(JSON.stringify(evaluate(manifest), null, 2));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`[eval:pages] ${(error as Error).message}`);
    process.exit(1);
  }
}
