/**
 * Is this page a news article, and what is it? Pure DOM reading (no browser APIs), so the same
 * code runs in the content script and, over saved pages, in Node.
 */
import { cleanLine, safeHttpUrl } from '../shared';
import { PAGE_LIMITS, type DetectedPage } from './page';

/** schema.org types of the Article family that mean "a piece of news or writing". */
const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'backgroundnewsarticle', 'reviewnewsarticle', 'asknewsarticle', 'askpublicnewsarticle',
  'satiricalarticle', 'blogposting', 'liveblogposting', 'report', 'techarticle', 'scholarlyarticle',
]);

/** One selector that any article page matches; pages that match none are left alone at once. */
export const ARTICLE_SIGNAL_SELECTOR =
  'script[type="application/ld+json"], meta[property="og:type"], meta[property^="article:"], [itemtype*="Article"]';

type JsonObject = Record<string, unknown>;

export function detectArticle(doc: Document, pageUrl: string): DetectedPage | null {
  const url = safeHttpUrl(pageUrl);
  if (url === null) return null;
  if (doc.querySelector(ARTICLE_SIGNAL_SELECTOR) === null) return null;

  const signals: string[] = [];
  const ld = findJsonLdArticle(doc);
  if (ld !== null) signals.push('json-ld:' + String(typeOf(ld)[0] ?? 'Article'));
  const ogType = meta(doc, 'og:type').toLowerCase();
  if (ogType === 'article' || ogType.startsWith('article')) signals.push('og:type=article');
  if (meta(doc, 'article:published_time') !== '') signals.push('article:published_time');
  if (doc.querySelector('[itemtype*="NewsArticle"], [itemtype$="/Article"], [itemtype*="BlogPosting"]') !== null) signals.push('microdata');
  if (signals.length === 0) return null;
  // A site's front page is not an article even when it declares og:type=article.
  if (new URL(url).pathname === '/' && ld === null) return null;

  return extractPage(doc, url, ld, signals);
}

function extractPage(doc: Document, url: string, ld: JsonObject | null, signals: string[]): DetectedPage {
  const siteName = firstText(PAGE_LIMITS.siteName, meta(doc, 'og:site_name'), ldName(ld?.publisher), meta(doc, 'application-name'));
  const rawTitle = firstText(PAGE_LIMITS.title, ldString(ld?.headline), meta(doc, 'og:title'), meta(doc, 'twitter:title'), doc.title);
  const canonical =
    safeHttpUrl(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'), url) ??
    safeHttpUrl(meta(doc, 'og:url'), url) ??
    safeHttpUrl(ldUrl(ld), url);
  const urls: string[] = [];
  for (const candidate of [canonical, safeHttpUrl(meta(doc, 'og:url'), url), safeHttpUrl(ldUrl(ld), url), url]) {
    if (candidate !== null && !urls.includes(candidate) && candidate.length <= PAGE_LIMITS.url) urls.push(candidate);
  }
  const page: DetectedPage = {
    url,
    urls: urls.slice(0, PAGE_LIMITS.urls),
    title: stripSiteName(rawTitle, siteName),
    description: firstText(PAGE_LIMITS.description, ldString(ld?.description), meta(doc, 'og:description'), meta(doc, 'description'), meta(doc, 'twitter:description')),
    topics: topics(doc, ld),
    signals: signals.slice(0, PAGE_LIMITS.signals),
  };
  if (canonical !== null && canonical.length <= PAGE_LIMITS.url) page.canonicalUrl = canonical;
  if (siteName !== '') page.siteName = siteName;
  const published = isoTime(ldString(ld?.datePublished)) ?? isoTime(meta(doc, 'article:published_time')) ?? isoTime(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
  if (published !== undefined) page.publishedTime = published;
  const modified = isoTime(ldString(ld?.dateModified)) ?? isoTime(meta(doc, 'article:modified_time'));
  if (modified !== undefined) page.modifiedTime = modified;
  const lang = cleanLine(doc.documentElement.getAttribute('lang') ?? ldString(ld?.inLanguage), 20);
  if (/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(lang)) page.lang = lang;
  const image = safeHttpUrl(meta(doc, 'og:image'), url) ?? safeHttpUrl(ldImage(ld), url);
  if (image !== null && image.length <= PAGE_LIMITS.url) page.image = image;
  const author = firstText(PAGE_LIMITS.author, ldName(ld?.author), meta(doc, 'author'), meta(doc, 'article:author'));
  if (author !== '' && safeHttpUrl(author) === null) page.author = author;
  return page;
}

/** The first Article-family object in the page's JSON-LD, looking inside arrays and `@graph`. */
export function findJsonLdArticle(doc: Document): JsonObject | null {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const found = findArticleObject(data, 0);
    if (found !== null) return found;
  }
  return null;
}

function findArticleObject(value: unknown, depth: number): JsonObject | null {
  if (depth > 4 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findArticleObject(item, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  const object = value as JsonObject;
  if (typeOf(object).some((type) => ARTICLE_TYPES.has(type.toLowerCase()))) return object;
  return findArticleObject(object['@graph'], depth + 1);
}

function typeOf(object: JsonObject): string[] {
  const type = object['@type'];
  if (typeof type === 'string') return [type.replace(/^.*[/#]/, '')];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/#]/, ''));
  return [];
}

function meta(doc: Document, key: string): string {
  const element = doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
  return element?.getAttribute('content')?.trim() ?? '';
}

function ldString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

function ldName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(ldName).filter((name) => name !== '').join(', ');
  if (value !== null && typeof value === 'object') return ldString((value as JsonObject).name);
  return '';
}

function ldUrl(ld: JsonObject | null): string {
  if (ld === null) return '';
  const main = ld.mainEntityOfPage;
  if (typeof main === 'string') return main;
  if (main !== null && typeof main === 'object' && typeof (main as JsonObject)['@id'] === 'string') return (main as JsonObject)['@id'] as string;
  return ldString(ld.url);
}

function ldImage(ld: JsonObject | null): string {
  const image = ld?.image;
  if (typeof image === 'string') return image;
  const first = Array.isArray(image) ? image[0] : image;
  if (typeof first === 'string') return first;
  if (first !== null && typeof first === 'object') return ldString((first as JsonObject).url);
  return '';
}

function topics(doc: Document, ld: JsonObject | null): string[] {
  const raw: string[] = [];
  const keywords = ld?.keywords;
  if (typeof keywords === 'string') raw.push(...keywords.split(','));
  else if (Array.isArray(keywords)) raw.push(...keywords.filter((k): k is string => typeof k === 'string'));
  raw.push(ldString(ld?.articleSection), meta(doc, 'article:section'));
  for (const tag of Array.from(doc.querySelectorAll('meta[property="article:tag"]'))) raw.push(tag.getAttribute('content') ?? '');
  raw.push(...meta(doc, 'news_keywords').split(','), ...meta(doc, 'keywords').split(','));
  const out: string[] = [];
  for (const item of raw) {
    const topic = cleanLine(item, PAGE_LIMITS.topic);
    if (topic !== '' && !out.some((t) => t.toLowerCase() === topic.toLowerCase())) out.push(topic);
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

/** "Headline | Site" → "Headline" when the suffix (or prefix) is the site's name. */
export function stripSiteName(title: string, siteName: string): string {
  const separator = /\s+[|–—:·-]\s+/g;
  const cuts = [...title.matchAll(separator)];
  if (cuts.length === 0 || siteName === '') return title;
  const site = siteName.toLowerCase();
  const matchesSite = (part: string): boolean => {
    const text = part.trim().toLowerCase();
    return text !== '' && (text === site || site.includes(text) || text.includes(site));
  };
  const last = cuts[cuts.length - 1]!;
  if (matchesSite(title.slice(last.index + last[0].length))) return title.slice(0, last.index).trim();
  const first = cuts[0]!;
  if (matchesSite(title.slice(0, first.index))) return title.slice(first.index + first[0].length).trim();
  return title;
}

function isoTime(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const time = Date.parse(value.trim());
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}
