/**
 * Is this page one article? Structured signals decide first (JSON-LD, microdata, Open Graph,
 * article meta); the address and the shape of the page (forms, headline lists) speak against;
 * the text's shape (Readability's readerable check plus one block of running text) decides only
 * where the markup is silent or weak. Pure DOM reading: the same code runs in Node for the eval.
 */
import { emptyJsonLd, readJsonLd, typesOf, type JsonLdReading } from './jsonld';
import { countHeadlineLinks, isProbablyReaderable, readForms, readText } from './page-shape';
import { urlRole } from './url-role';

export interface PageVerdict {
  isArticle: boolean;
  /** What speaks for an article (`json-ld:NewsArticle`, `og:type=article`, `text`, …). */
  signals: string[];
  /** Why it is not one (`url:function`, `password field`, `listing`, …); empty for articles. */
  against: string[];
  /** The page's JSON-LD, read once and reused by the extraction. */
  ld: JsonLdReading;
}

/** Where a page says when it was published (besides JSON-LD, read separately). */
const PUBLISHED_META =
  'meta[property="article:published_time"], meta[name="article:published_time"], meta[property="og:article:published_time"], [itemprop="datePublished"], meta[name="parsely-pub-date"], meta[name="sailthru.date"], meta[name="pubdate"], meta[name="publishdate"], meta[name="DC.date.issued"], meta[name="dc.date.issued"], meta[name="citation_publication_date"]';

/** Markup that can make a page an article: what a page without any of it is spared reading. The
 * meta part is looked for in the head only (small), the rest in one pass over the document. */
const HEAD_STRUCTURE = `meta[property="og:type"], meta[property^="article:"], ${PUBLISHED_META}`;
const BODY_STRUCTURE = 'script[type="application/ld+json"], [itemtype], [itemprop="datePublished"]';

/** The page's canonical link or og:url, resolved against its address. */
function declaredAddress(doc: Document, url: string): string | null {
  const href = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  if (href === null || href === undefined || href.trim() === '') return null;
  try {
    return new URL(href.trim(), url).href;
  } catch {
    return null;
  }
}

export function hasStructure(doc: Document): boolean {
  const head = doc.head;
  if (head !== null && head.querySelector(HEAD_STRUCTURE) !== null) return true;
  return doc.querySelector(head === null ? `${HEAD_STRUCTURE}, ${BODY_STRUCTURE}` : BODY_STRUCTURE) !== null;
}

const MICRODATA_ARTICLE = /(^|\/)(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|LiveBlogPosting|TechArticle|ScholarlyArticle|Report|SocialMediaPosting)$/i;

/** Open Graph types that name something other than a piece of writing. */
const NOT_ARTICLE_OG_TYPE = /^(product|profile|place|business\.business|restaurant\.|books\.author|music\.(musician|album|playlist|radio_station))/;

/** Structured evidence at or above this decides alone; below it the page's shape must agree. */
const STRONG = 3;

/** Running text (characters in the main container) that makes a page more than a form or a list. */
const SUBSTANTIAL_TEXT = 500;
/** Without article markup, a page needs this much running text, in at least two paragraphs. */
const MIN_UNMARKED_TEXT = 400;
/** One block of text this long is a story even without paragraphs. */
const LONG_BLOCK = 2000;
/** More linked headlines than this, next to little text, make a front or section page. */
const LISTING_HEADLINES = 12;
/** A form with this many typed fields (besides comment, search and newsletter forms) is the page's point. */
const FORM_PAGE_FIELDS = 4;

export function classifyPage(doc: Document, url: string): PageVerdict {
  const signals: string[] = [];
  const against: string[] = [];
  let ld = emptyJsonLd();
  const verdict = (isArticle: boolean, reason?: string): PageVerdict => {
    if (reason !== undefined) against.push(reason);
    return { isArticle, signals, against: isArticle ? [] : against, ld };
  };

  // The address first: it costs nothing and rules out front pages and login, search or cart pages.
  const role = urlRole(url);
  if (role === 'root' || role === 'function' || role === 'archive') return verdict(false, `url:${role}`);

  let strength = 0;
  if (hasStructure(doc)) {
    if (doc.querySelector('script[type="application/ld+json"]') !== null) ld = readJsonLd(doc);
    if (ld.article !== null && ld.articleIsMain && ld.mainArticleCount <= 2) {
      signals.push(`json-ld:${typesOf(ld.article)[0] ?? 'Article'}`);
      strength += STRONG;
    } else if (ld.articleCount >= 3) {
      against.push('json-ld:list of articles');
    }
    const items = Array.from(doc.querySelectorAll('[itemscope][itemtype]')).filter((item) =>
      (item.getAttribute('itemtype') ?? '').split(/\s+/).some((type) => MICRODATA_ARTICLE.test(type)),
    );
    if (items.length >= 1 && items.length <= 2) {
      signals.push(`microdata:${(items[0]!.getAttribute('itemtype') ?? '').replace(/^.*\//, '')}`);
      strength += 2;
    } else if (items.length >= 3) {
      against.push('microdata:list of articles');
    }
    const ogType = (doc.querySelector('meta[property="og:type"]')?.getAttribute('content') ?? '').trim().toLowerCase();
    if (ogType === 'article' || ogType.startsWith('article') || ogType.endsWith(':article')) {
      signals.push('og:type=article');
      strength += 1;
    }
    if (doc.querySelector(PUBLISHED_META) !== null) {
      signals.push('published meta');
      strength += 1;
    }
    // A page that declares itself something else — a collection, search results, a product, a
    // profile — and carries no article markup for one article is not one, whatever its text.
    if (ld.article === null && ld.pageTypes.length > 0 && strength < STRONG) return verdict(false, `json-ld:${ld.pageTypes[0]}`);
    if (NOT_ARTICLE_OG_TYPE.test(ogType) && strength < STRONG) return verdict(false, `og:type=${ogType}`);
  }

  if (strength >= STRONG && (against.length === 0 || strength >= STRONG + 2)) return verdict(true);
  // The address the page gives itself (canonical link, og:url) can say "front page" or "sign-in"
  // too: a front page reached at `/?ref=…` or `/index.php?lang=en`. Only below strong markup, as a
  // few CMSs point every page's canonical at the front page.
  const declared = declaredAddress(doc, url);
  const declaredRole = declared === null ? 'content' : urlRole(declared);
  if (declaredRole === 'root' || declaredRole === 'function' || declaredRole === 'archive') return verdict(false, `canonical:${declaredRole}`);
  // Markup that lists several articles is no evidence for one: the page's shape decides as if
  // the markup were silent.
  if (against.length > 0) strength = 0;

  if (strength === 0 && role === 'section') return verdict(false, 'url:section');
  // Without markup, Readability's quick check goes first: it dismisses most pages that are not
  // running text (sign-in, cart, search pages) after looking at a few paragraphs.
  if (strength === 0 && !isProbablyReaderable(doc)) return verdict(false, 'not readerable');
  const forms = readForms(doc);
  const formPage = forms.passwordFields > 0 || forms.fields >= FORM_PAGE_FIELDS || forms.textArea;
  const formReason = forms.passwordFields > 0 ? 'password field' : 'form page';
  // Without article markup a login or contact form is the page's point; with it (news sites embed
  // sign-in boxes and comment forms), only when there is little text beside the form. Weak markup
  // (og:type=article, a date) is believed unless the page is plainly a form or a list of
  // headlines; its text is not required, as a single-page site may not have rendered it yet.
  if (strength === 0 && formPage) return verdict(false, formReason);
  const headlines = countHeadlineLinks(doc);
  if (strength > 0) {
    if (!formPage && headlines <= LISTING_HEADLINES) return verdict(true);
    const text = readText(doc);
    // Some CMSs wrap every paragraph in its own boxes: plenty of text overall counts too.
    const chars = Math.max(text.mainChars, text.totalChars / 2);
    if (formPage && chars < SUBSTANTIAL_TEXT) return verdict(false, formReason);
    if (headlines > LISTING_HEADLINES && chars < SUBSTANTIAL_TEXT) return verdict(false, 'listing');
  } else {
    const text = readText(doc);
    // Two paragraphs together, or one block long enough to be a story (~350 words).
    if (text.mainChars < MIN_UNMARKED_TEXT || (text.mainParagraphs < 2 && text.mainChars < LONG_BLOCK)) return verdict(false, 'no main text');
    if (headlines > LISTING_HEADLINES && text.mainChars < SUBSTANTIAL_TEXT * 2) return verdict(false, 'listing');
  }
  if (strength === 0) signals.push('readerable text');
  return verdict(true);
}
