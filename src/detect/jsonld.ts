/**
 * The page's schema.org JSON-LD: every typed object in every `application/ld+json` block, looking
 * inside arrays, `@graph` and the properties that hold the page's main thing. Broken blocks are
 * skipped (pages often ship invalid JSON); nothing here trusts the values, callers clean them.
 */

export type JsonObject = Record<string, unknown>;

/** schema.org types of the Article family that mean "a piece of news or writing". */
const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'backgroundnewsarticle', 'reviewnewsarticle', 'asknewsarticle', 'askpublicnewsarticle',
  'satiricalarticle', 'blogposting', 'liveblogposting', 'report', 'techarticle', 'scholarlyarticle',
  'socialmediaposting', 'discussionforumposting', 'medicalscholarlyarticle', 'advertisercontentarticle',
  // A fact-check page describes itself as a ClaimReview.
  'claimreview',
]);

/** Page types that say "this page is not one article": lists, search results, profiles, forms. */
const NON_ARTICLE_PAGE_TYPES = new Set([
  'collectionpage', 'searchresultspage', 'profilepage', 'contactpage', 'checkoutpage', 'itemlist',
  'product', 'aboutpage', 'realestatelisting', 'faqpage', 'qapage',
]);

export interface JsonLdReading {
  /** The Article-family object that is the page's main thing, if any. */
  article: JsonObject | null;
  /** Whether that article is the page's own (a block's root, in `@graph`, or a page's
   * `mainEntity`) rather than an entry of a list or a property of something else. */
  articleIsMain: boolean;
  /** How many distinct Article-family objects the page describes, and how many of them at the
   * top level (several at the top level, or many in lists: a listing page). */
  articleCount: number;
  mainArticleCount: number;
  /** Non-article page types declared at the top level (CollectionPage, SearchResultsPage, …). */
  pageTypes: string[];
  /** The WebSite / Organization publisher objects, for the site's name and address. */
  publisher: JsonObject | null;
}

const MAX_BLOCKS = 20;
// Live blogs put every update in their JSON-LD (the largest seen: 0.8 MB); parsing 1 MB takes a few ms.
const MAX_BLOCK_CHARS = 1_000_000;
const MAX_DEPTH = 6;

export function readJsonLd(doc: Document): JsonLdReading {
  const state: VisitState = { reading: emptyJsonLd(), seen: new Set() };
  let blocks = 0;
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    if (++blocks > MAX_BLOCKS) break;
    const text = script.textContent ?? '';
    if (text.length > MAX_BLOCK_CHARS) continue;
    const data = parseJson(text);
    if (data === undefined) continue;
    visit(data, 0, true, state);
  }
  return state.reading;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Some CMSs leave a trailing comma or wrap the block in an HTML comment / CDATA.
    const trimmed = text.replace(/^\s*(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/|<!\[CDATA\[)/, '').replace(/(?:-->|\/\*\s*\]\]>\s*\*\/|\]\]>)\s*$/, '').replace(/,\s*([}\]])/g, '$1');
    try {
      return JSON.parse(trimmed);
    } catch {
      return undefined;
    }
  }
}

interface VisitState {
  reading: JsonLdReading;
  /** Keys of the articles counted so far (one article is often described twice). */
  seen: Set<string>;
}

export function emptyJsonLd(): JsonLdReading {
  return { article: null, articleIsMain: false, articleCount: 0, mainArticleCount: 0, pageTypes: [], publisher: null };
}

/** `topLevel`: the object is a block's root, an entry of a root array or of `@graph`, or the
 * main entity of such a page object. */
function visit(value: unknown, depth: number, topLevel: boolean, state: VisitState): void {
  const { reading, seen } = state;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 200)) visit(item, depth + 1, topLevel, state);
    return;
  }
  const object = value as JsonObject;
  const types = typesOf(object).map((type) => type.toLowerCase());
  if (types.some((type) => ARTICLE_TYPES.has(type))) {
    const key = String(object['@id'] ?? object.url ?? object.headline ?? object.name ?? seen.size);
    if (!seen.has(key)) {
      seen.add(key);
      reading.articleCount++;
      if (topLevel) reading.mainArticleCount++;
      // The first top-level article wins over ones nested in lists or other objects.
      if (reading.article === null || (topLevel && !reading.articleIsMain)) {
        reading.article = object;
        reading.articleIsMain = topLevel;
      }
    }
  } else if (topLevel) {
    for (const type of types) if (NON_ARTICLE_PAGE_TYPES.has(type) && !reading.pageTypes.includes(type)) reading.pageTypes.push(type);
  }
  if (reading.publisher === null && types.some((type) => type === 'newsmediaorganization' || type === 'organization' || type === 'website')) {
    if (typeof object.name === 'string') reading.publisher = object;
  }
  visit(object['@graph'], depth + 1, topLevel, state);
  // The main thing of a WebPage, and the items of a list (a listing page names many articles).
  visit(object.mainEntity, depth + 1, topLevel && types.some((type) => type.endsWith('page')), state);
  visit(object.itemListElement, depth + 1, false, state);
  if (object.item !== undefined) visit(object.item, depth + 1, false, state);
}

export function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  const list = typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
  return list.map((t) => t.replace(/^.*[/#:]/, ''));
}

export function isArticleType(type: string): boolean {
  return ARTICLE_TYPES.has(type.replace(/^.*[/#:]/, '').toLowerCase());
}

/** A plain string from a JSON-LD value (first of an array, `@value` of a value object). */
export function ldString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = ldString(item);
      if (text !== '') return text;
    }
    return '';
  }
  if (value !== null && typeof value === 'object' && typeof (value as JsonObject)['@value'] === 'string') return (value as JsonObject)['@value'] as string;
  return '';
}

/** Names of people or organisations: "A", {name: "A"}, [{name: "A"}, {name: "B"}] → "A, B". */
export function ldName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.slice(0, 10).map(ldName).filter((name) => name !== '').join(', ');
  if (value !== null && typeof value === 'object') return ldString((value as JsonObject).name);
  return '';
}

/** A URL-valued property: "https://…", {"@id": …}, {"url": …}, or the first of a list. */
export function ldUrl(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return ldUrl(value[0]);
  if (value !== null && typeof value === 'object') {
    const object = value as JsonObject;
    return ldString(object.url) || ldString(object['@id']) || ldString(object.contentUrl);
  }
  return '';
}
