/**
 * What an article page is, as the content script reads it: its canonical URL, publisher,
 * description, language, topics and lead image, from every common source, most specific first;
 * and the raw statements of its title and times (PageEvidence), which `finish.ts` interprets
 * outside the content script. Everything read here is untrusted page content: text is cleaned
 * and capped, URLs must be http(s).
 */
import { cleanLine, safeHttpUrl } from '../shared';
import { readEvidence, type MetaReader } from './evidence';
import { ldName, ldString, ldUrl, type JsonLdReading, type JsonObject } from './jsonld';
import { PAGE_LIMITS, type DetectedPage } from './page';
import { comparable, stripSiteName } from './title';
import { isObject } from '../shared/objects';

export function readPage(doc: Document, pageUrl: string, ld: JsonLdReading, signals: string[]): DetectedPage {
  const metas = readMeta(doc);
  const meta = (...keys: string[]): string => {
    for (const key of keys) {
      const value = metas.get(metaKey(key));
      if (value !== undefined && value !== '') return value;
    }
    return '';
  };
  const article = ld.article;
  const url = pageUrl;

  const publisher = isObject(article?.publisher) ? (article.publisher as JsonObject) : ld.publisher;
  const siteName = firstText(PAGE_LIMITS.siteName, meta('og:site_name'), ldName(publisher), meta('application-name', 'apple-mobile-web-app-title', 'publisher', 'dc.publisher', 'cxenseparse:recs:publication'));

  const canonical = canonicalUrl(doc, url, meta('og:url'), article);
  const urls: string[] = [];
  const amp = safeHttpUrl(doc.querySelector('link[rel~="amphtml"]')?.getAttribute('href'), url);
  for (const candidate of [canonical, safeHttpUrl(meta('og:url'), url), safeHttpUrl(ldUrl(article?.url), url), amp, url]) {
    if (candidate !== null && candidate.length <= PAGE_LIMITS.url && !urls.includes(candidate)) urls.push(candidate);
  }

  const evidence = readEvidence(doc, article, meta, articleHeadline(article, doc));

  const page: DetectedPage = {
    url,
    urls: urls.slice(0, PAGE_LIMITS.urls),
    // A first reading; finishPage decodes the statements and chooses among them.
    title: stripSiteName(cleanLine(evidence.titles[0], PAGE_LIMITS.title), siteName, hostOf(canonical ?? url)),
    description: firstText(PAGE_LIMITS.description, ldString(article?.description), meta('og:description', 'description', 'twitter:description', 'dc.description')),
    topics: topics(doc, article, meta),
    signals: signals.slice(0, PAGE_LIMITS.signals),
    evidence,
  };
  if (canonical !== null && canonical.length <= PAGE_LIMITS.url) page.canonicalUrl = canonical;
  if (siteName !== '') page.siteName = siteName;
  const domain = hostOf(safeHttpUrl(ldUrl(publisher?.url), url) ?? canonical ?? url);
  if (domain !== '') page.siteDomain = domain;

  const lang = language(doc, article, meta);
  if (lang !== undefined) page.lang = lang;

  const image = [meta('og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src', 'parsely-image-url'), ldUrl(article?.image), doc.querySelector('link[rel="image_src"]')?.getAttribute('href')]
    .map((candidate) => safeHttpUrl(candidate, url))
    .find((candidate): candidate is string => candidate !== null && candidate.length <= PAGE_LIMITS.url);
  if (image !== undefined) page.image = image;
  const author = firstText(PAGE_LIMITS.author, ldName(article?.author), meta('author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl'), meta('article:author'));
  if (author !== '' && safeHttpUrl(author) === null) page.author = author;
  return page;
}

/** Meta names vary in case and punctuation (`article:published_time`, `article:published:time`,
 * `DC.date`, `dc:date`): keys are compared without either. */
function metaKey(name: string): string {
  return name.toLowerCase().replace(/[:._\-\s]/g, '');
}

/**
 * Every `<meta>` of the page by property, name or itemprop (see metaKey; the first value wins,
 * a `property`'s over a `name`'s), read in one pass instead of one selector per key.
 */
function readMeta(doc: Document): Map<string, string> {
  const metas = new Map<string, string>();
  /** Keys an RDFa `property` set: they win over a `name` of the same key (as in Readability). */
  const byProperty = new Set<string>();
  const elements = doc.querySelectorAll('meta[content]');
  for (let i = 0; i < elements.length && i < 600; i++) {
    const element = elements[i]!;
    const content = element.getAttribute('content')?.trim() ?? '';
    if (content === '') continue;
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      const names = element.getAttribute(attribute);
      if (names === null) continue;
      // RDFa allows several space-separated properties on one element.
      for (const name of names.split(/\s+/)) {
        const key = metaKey(name);
        if (key === '' || byProperty.has(key) || (metas.has(key) && attribute !== 'property')) continue;
        metas.set(key, content);
        if (attribute === 'property') byProperty.add(key);
      }
    }
  }
  return metas;
}

/** The JSON-LD headline, or its `name` when the two differ and the page shows the name: some
 * sites put a one-line summary in `headline` (Wikipedia), others their own name in `name`. The
 * visible `<h1>` decides; failing that, the tab's title. */
function articleHeadline(article: JsonObject | null, doc: Document): string {
  const headline = ldString(article?.headline);
  const name = ldString(article?.name);
  if (name === '' || headline === '' || name === headline) return headline;
  const [nameKey, headlineKey] = [comparable(name), comparable(headline)];
  const shown = Array.from(doc.querySelectorAll('h1'))
    .slice(0, 5)
    .map((h1) => comparable(h1.textContent ?? ''));
  if (shown.includes(headlineKey)) return headline;
  if (shown.includes(nameKey)) return name;
  const tab = comparable(doc.title);
  return tab.startsWith(nameKey) && !tab.includes(headlineKey) ? name : headline;
}

function canonicalUrl(doc: Document, url: string, ogUrl: string, article: JsonObject | null): string | null {
  const pageIsRoot = isRootPath(url);
  const candidates = [
    doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'),
    ogUrl,
    ldUrl(article?.mainEntityOfPage),
    ldUrl(article?.url),
  ];
  for (const candidate of candidates) {
    const href = safeHttpUrl(candidate, url);
    if (href === null || href.length > PAGE_LIMITS.url) continue;
    // A site that points every page's canonical at its front page is wrong; skip that source.
    if (isRootPath(href) && !pageIsRoot) continue;
    return href;
  }
  return isAmpPage(doc) ? nonAmpUrl(url) : null;
}

function isRootPath(href: string): boolean {
  try {
    const path = new URL(href).pathname;
    return path === '/' || path === '';
  } catch {
    return false;
  }
}

function isAmpPage(doc: Document): boolean {
  const html = doc.documentElement;
  return html !== null && (html.hasAttribute('amp') || html.hasAttribute('⚡'));
}

/** The article an AMP page renders when it names no canonical: `/amp` segments, `.amp.html`, `?amp`. */
function nonAmpUrl(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const path = url.pathname
    .split('/')
    .filter((segment) => segment.toLowerCase() !== 'amp')
    .join('/')
    .replace(/\.amp(\.html?)?$/i, (_m, ext: string | undefined) => ext ?? '');
  url.pathname = path === '' ? '/' : path;
  for (const name of [...url.searchParams.keys()]) {
    if (/^_?amp$/i.test(name) || (/^(outputtype|output|format)$/i.test(name) && url.searchParams.get(name)?.toLowerCase() === 'amp')) url.searchParams.delete(name);
  }
  return url.href === href ? null : url.href;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

function language(doc: Document, article: JsonObject | null, meta: MetaReader): string | undefined {
  const candidates = [
    doc.documentElement?.getAttribute('lang'),
    doc.documentElement?.getAttribute('xml:lang'),
    meta('content-language', 'dc.language', 'language'),
    meta('og:locale'),
    ldString(article?.inLanguage),
  ];
  for (const candidate of candidates) {
    // "en_US" → "en-US"; Content-Language may list several ("en, fr"): the first counts.
    const tag = (cleanLine(candidate ?? '', 40).replace(/_/g, '-').split(/[,;]/)[0] ?? '').trim();
    if (LANGUAGE_TAG.test(tag)) return tag;
  }
  return undefined;
}

function topics(doc: Document, article: JsonObject | null, meta: MetaReader): string[] {
  const raw: string[] = [];
  const keywords = article?.keywords;
  if (typeof keywords === 'string') raw.push(...keywords.split(','));
  else if (Array.isArray(keywords)) raw.push(...keywords.filter((k): k is string => typeof k === 'string'));
  const section = article?.articleSection;
  if (Array.isArray(section)) raw.push(...section.filter((s): s is string => typeof s === 'string'));
  else raw.push(ldString(section));
  raw.push(meta('article:section', 'parsely-section', 'sailthru.section'));
  for (const tag of Array.from(doc.querySelectorAll('meta[property="article:tag"]')).slice(0, PAGE_LIMITS.topics)) raw.push(tag.getAttribute('content') ?? '');
  raw.push(...meta('news_keywords').split(','), ...meta('parsely-tags', 'sailthru.tags').split(','), ...meta('keywords').split(','));
  const out: string[] = [];
  for (const item of raw) {
    const topic = cleanLine(item, PAGE_LIMITS.topic);
    if (topic !== '' && safeHttpUrl(topic) === null && !out.some((t) => t.toLowerCase() === topic.toLowerCase())) out.push(topic);
    if (out.length >= PAGE_LIMITS.topics) break;
  }
  return out;
}

function firstText(max: number, ...candidates: (string | null | undefined)[]): string {
  for (const candidate of candidates) {
    const text = cleanLine(candidate ?? '', max);
    if (text !== '') return text;
  }
  return '';
}

function hostOf(href: string | null): string {
  if (href === null) return '';
  try {
    return new URL(href).hostname.toLowerCase().replace(/^www\d?\./, '');
  } catch {
    return '';
  }
}

