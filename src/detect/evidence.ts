/**
 * What a page states about its title and its dates, read from the DOM as raw text (PageEvidence):
 * cheap DOM reading only, so it can run in the content script. Interpreting it (dates in many
 * languages, entities, site names) is `finish.ts`'s job, outside the content script.
 */
import { ldString, type JsonObject } from './jsonld';
import { EVIDENCE_LIMITS as LIMITS, PAGE_LIMITS, type PageEvidence } from './page';
import { comparable } from './title';

export type MetaReader = (...keys: string[]) => string;

/** Meta names of the publication time, most specific first (compared without case and
 * punctuation). Modification and page-generation times are deliberately absent. */
const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'article:published', 'datepublished', 'published_time', 'og:published_time', 'article:publicationdate', 'publication_date', 'date_published', 'published-date', 'rnews:datepublished', 'shareaholic:article_published_time', 'bt:pubdate',
  'parsely-pub-date', 'sailthru.date', 'pubdate', 'publishdate', 'publish-date', 'pub_date', 'pdate', 'date', 'dc.date.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'dcterms.issued', 'dc.date.created', 'dc.created', 'dc.date.publication', 'datecreated', 'dateposted',
  'citation_publication_date', 'citation_date', 'prism.publicationdate', 'article_date_original', 'cxenseparse:recs:publishtime', 'date.available', 'date.created', 'ptime', 'originalpublicationdate', 'timestamp', 'uploaddate', 'article.published', 'article.created',
];
const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'datemodified', 'dc.date.modified', 'dcterms.modified', 'last-modified', 'date.modified', 'article_date_updated', 'utime'];

/** Title meta, in the order Readability trusts them: Dublin Core names the document's own title;
 * Open Graph and Twitter titles are often rewritten for sharing. */
const TITLE_META = ['dc.title', 'dcterms.title', 'og:title', 'title', 'twitter:title', 'parsely-title', 'sailthru.title'];

/** Elements whose text never holds the article's title or date: code, navigation, controls. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'NAV', 'ASIDE', 'BUTTON', 'SELECT', 'SVG', 'IFRAME']);
const CODE_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const SKIPPED = 'script, style, noscript, template, nav, aside, button, select, [role="navigation"], [id^="wm-ipp"]';
/** Class names of elements that state a date (htmldate's list, shortened). */
const DATE_CLASS = /date|datum|fecha|publi|posted|byline|dateline|meta|time|zeit/i;
/** Dates there belong to comments, teasers of other articles, widgets (class names compared as
 * written: case-insensitive attribute selectors are much slower). */
const NOT_THE_ARTICLES = '[class*="comment"], [id*="comment"], [class*="Comment"], [class*="related"], [class*="Related"], [class*="teaser"], [class*="Teaser"], [class*="widget"], [class*="sidebar"], [class*="recommend"]';
const ISO_DATE = /^(?:19|20)\d\d-[01]\d-[0-3]\d(?:$|[T ])/;
/** How much script text is searched for dates, at most (a regex pass costs ~1 ms per 300 KB). */
const SCRIPT_CHARS = 300_000;
/** A word that introduces a publication date, and what follows it. */
const DATE_CUE = /(?:datum|date|veröffentlicht|published|publié|publicado|pubblicato|erstellt|posted)\b.{0,60}/i;
/** Something in a text that looks like a whole date: numeric (14.05.2024, 2024-05-14), or a day,
 * a word (a month's name) and a year in either order. */
const DATE_LIKE = /\d\d?[./-]\d\d?[./-]\d\d|(?:19|20)\d\d[./-]\d\d?[./-]\d|\d\.?\s*(?:de\s+)?[^\d\s]{3,12}\.?,?\s*(?:de\s+)?(?:19|20)\d\d|[^\d\s]{3,12}\.?\s+\d\d?(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|(?:19|20)\d\d\s*[年년]/;

export function readEvidence(doc: Document, article: JsonObject | null, meta: MetaReader, headline: string): PageEvidence {
  const stated = [headline, ...TITLE_META.map((key) => meta(key)), ldString(article?.name), doc.title, microdataHeadline(doc)];
  const h1 = doc.querySelector('h1');
  const titles = [...stated, h1 === null ? '' : textStart(h1, PAGE_LIMITS.title)];
  const ldDate = ldString(article?.datePublished) || ldString(article?.dateCreated);
  // Other JSON-LD objects' dates are read only when the article's own says nothing (a regex pass
  // over blocks that can be large).
  const published = [ldString(article?.datePublished), ldString(article?.dateCreated), ...PUBLISHED_META.map((key) => meta(key)), parselyPageDate(meta('parsely-page')), ...(ldDate === '' ? jsonLdDates(doc) : []), ...markedUpDates(doc)];
  const modified = [ldString(article?.dateModified), ...MODIFIED_META.map((key) => meta(key))];
  const headings = headingTexts(doc);
  const evidence: PageEvidence = {
    titles: distinct(titles, LIMITS.titles, PAGE_LIMITS.title),
    headings,
    names: pageNames(doc),
    published: distinct(published, LIMITS.statements, LIMITS.statement),
    modified: distinct(modified, LIMITS.statements, LIMITS.statement),
    after: '',
    before: '',
    times: [],
    dateTexts: [],
    otherDates: [],
  };
  const found = findHeadline(doc, distinct(stated, LIMITS.titles, PAGE_LIMITS.title));
  if (found !== null && doc.body !== null) {
    // The shown headline is the best witness of which part of a title is the headline.
    evidence.headings = distinct([textStart(found, LIMITS.heading), ...headings], LIMITS.headings, LIMITS.heading);
    // The text around it is read only when no statement is an ISO 8601 date, which the parser
    // will take: most news pages have one, and are spared the walk.
    if (!evidence.published.some((statement) => ISO_DATE.test(statement))) readAroundHeadline(found, doc.body, evidence);
  }
  const times = doc.querySelectorAll('time[datetime]');
  for (let i = 0; i < times.length && evidence.otherDates.length < 5; i++) evidence.otherDates.push(capped(times[i]!.getAttribute('datetime'), LIMITS.statement));
  if (evidence.published.length === 0 && evidence.times.length === 0 && evidence.dateTexts.length === 0 && !DATE_LIKE.test(evidence.after + evidence.before)) {
    evidence.otherDates.push(...scriptDates(doc));
  }
  return evidence;
}

function capped(value: string | null | undefined, max: number): string {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : text.slice(0, max);
}

function distinct(values: (string | null | undefined)[], maxItems: number, maxLength: number): string[] {
  const out: string[] = [];
  for (const value of values) {
    const text = capped(value, maxLength);
    if (text !== '' && !out.includes(text) && out.length < maxItems) out.push(text);
  }
  return out;
}

/** Microdata's headline, when the page marks exactly one (several are a list's teasers). */
function microdataHeadline(doc: Document): string {
  const marked = doc.querySelectorAll('[itemprop~="headline"]');
  return marked.length === 1 ? (marked[0]!.getAttribute('content') ?? textStart(marked[0]!, PAGE_LIMITS.title)) : '';
}

/** The headings a reader sees: `<h1>`s and elements marked as the headline. */
function headingTexts(doc: Document): string[] {
  const texts: string[] = [];
  const elements = doc.querySelectorAll('h1, [itemprop~="headline"], .entry-title, .post-title, .article-title');
  for (let i = 0; i < elements.length && i < 20; i++) {
    const element = elements[i]!;
    if (element.closest(SKIPPED) === null) texts.push(textStart(element, LIMITS.heading));
  }
  return distinct(texts, LIMITS.headings, LIMITS.heading);
}

/** The page's name in the site's menu or breadcrumb trail: the entry marked as the current page,
 * or a heading inside the navigation (fr.de's breadcrumb ends in an `<h1>`). */
function pageNames(doc: Document): string[] {
  const names: string[] = [];
  const marked = doc.querySelectorAll('[aria-current="page"], nav h1');
  for (let i = 0; i < marked.length && i < 10; i++) names.push(textStart(marked[i]!, PAGE_LIMITS.title));
  return distinct(names, LIMITS.names, PAGE_LIMITS.title);
}

/** Parse.ly's JSON metadata: `<meta name="parsely-page" content='{"pub_date": "…"}'>`. */
function parselyPageDate(content: string): string {
  if (content === '' || content.length > 5000) return '';
  try {
    const value: unknown = JSON.parse(content);
    return value !== null && typeof value === 'object' ? ldString((value as JsonObject).pub_date) : '';
  } catch {
    return '';
  }
}

/** Publication dates of any JSON-LD object (a WebPage's, a VideoObject's upload date), read from
 * the block text: cheap, and broken JSON still yields them. */
function jsonLdDates(doc: Document): string[] {
  const dates: string[] = [];
  const blocks = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0, budget = SCRIPT_CHARS; i < blocks.length && i < 20 && dates.length < 3 && budget > 0; i++) {
    const text = (blocks[i]!.textContent ?? '').slice(0, budget);
    budget -= text.length;
    for (const m of text.matchAll(/"(?:datePublished|dateCreated|uploadDate)"\s*:\s*"([^"]{6,40})"/g)) dates.push(m[1]!);
  }
  return dates;
}

/** Publication (else creation) dates in the page's script data, as apps and shops embed their
 * state (`"published_at": "2019-03-02T06:22:28+01:00"`, `"createdAt": "…"`): pages that state
 * no date anywhere else. */
function scriptDates(doc: Document): string[] {
  const found: string[][] = [[], [], []];
  const scripts = doc.querySelectorAll('script:not([src]):not([type="application/ld+json"])');
  for (let i = 0, budget = SCRIPT_CHARS; i < scripts.length && i < 30 && budget > 0; i++) {
    const text = (scripts[i]!.textContent ?? '').slice(0, budget);
    budget -= text.length;
    // Or a date handed to a function that writes it into the page: `showDate("2020/04/17 01:43:09")` (UDN).
    for (const m of text.matchAll(/"(?:(date_?published|published_?at|publish_?date|publication_?date|first_?published_?at)|(created_?at|date_?created))"\s*:\s*"(\d{4}-\d\d-\d\d[^"]{0,30})"|\w+date\w*\(\s*["'](\d{4}[-/]\d\d?[-/]\d\d?(?:[ T]\d\d:\d\d(?::\d\d)?)?)/gi)) {
      const list = found[m[4] !== undefined ? 2 : m[1] !== undefined ? 0 : 1]!;
      if (list.length < 2) list.push(m[4] ?? m[3]!);
    }
  }
  return [...found[0]!, ...found[1]!, ...found[2]!].slice(0, 3);
}

/** Date markup: schema.org microdata, `<time pubdate>`, hAtom's `.published`, WordPress's
 * `time.entry-date`, Blogger's `abbr.published[title]`. */
function markedUpDates(doc: Document): string[] {
  const dates: string[] = [];
  const marked = doc.querySelectorAll('[itemprop~="datePublished"], [itemprop~="dateCreated"], time[pubdate], time.published, time.entry-date, abbr.published[title]');
  for (let i = 0; i < marked.length && i < 20 && dates.length < 5; i++) {
    const element = marked[i]!;
    // Dates of list entries, comments and widgets are other pieces' dates.
    if (element.closest(`${SKIPPED}, ${NOT_THE_ARTICLES}, li, [class*="aside"]`) !== null) continue;
    dates.push(capped(element.getAttribute('datetime') ?? element.getAttribute('content') ?? element.getAttribute('title') ?? textStart(element, LIMITS.statement), LIMITS.statement));
  }
  // Markup that gives several different days marks a list of pieces, not this one.
  return new Set(dates.map((date) => date.slice(0, 10))).size > 2 ? [] : dates;
}

function skipped(element: Element): boolean {
  const tag = element.tagName.toUpperCase();
  // An <aside> inside the article is about it ("Datum 12.01.2017"); the Wayback Machine's banner
  // states when the copy was made, not when the article was written.
  if (tag === 'ASIDE') return element.parentElement?.closest('article') === null;
  return SKIPPED_TAGS.has(tag) || element.getAttribute('role') === 'navigation' || (element.getAttribute('id') ?? '').startsWith('wm-ipp');
}

/** The node after `node` in document order within `root`, not entering `node` when `over`. */
function nextNode(node: Node, root: Node, over: boolean): Node | null {
  if (!over && node.firstChild !== null) return node.firstChild;
  for (let current: Node | null = node; current !== null && current !== root; current = current.parentNode) {
    if (current.nextSibling !== null) return current.nextSibling;
  }
  return null;
}

/**
 * The element that shows the headline: the `<h1>` or headline-like element whose text is one of
 * the title statements (or contains it, or is most of it), else the first `<h1>` with text.
 */
export function findHeadline(doc: Document, titles: readonly string[]): Element | null {
  const wanted = titles.map(comparable).filter((want) => want.length >= 4);
  // Headings first; elements whose class names a title only when no heading matches (a
  // substring match on every class attribute costs milliseconds on large pages).
  for (const selector of ['h1, h2, h3, [itemprop~="headline"]', '[class*="title"], [class*="Title"], [class*="headline"], [class*="Headline"]']) {
    const list = doc.querySelectorAll(selector);
    const candidates: Element[] = [];
    for (let i = 0; i < list.length && i < 60; i++) candidates.push(list[i]!);
    const texts = new Map<Element, string>();
    const textOf = (element: Element): string => {
      let text = texts.get(element);
      if (text === undefined) texts.set(element, (text = comparable(textStart(element, 400))));
      return text;
    };
    // The most trusted statement first: a site's name can be a statement too, and its logo an <h1>.
    for (const want of wanted) {
      for (const element of candidates) {
        const text = textOf(element);
        // The element shows the title, the title and more (a kicker), or the title's main part
        // ("Site » Section » Headline").
        const matches = text.length >= 4 && (text === want || (text.length <= want.length * 2 + 20 && (text.includes(want) || (text.length >= 12 && text.length >= want.length / 3 && want.includes(text)))));
        if (matches && element.closest(SKIPPED) === null) return element;
      }
    }
  }
  // Else the first heading with text (leading spaces and a logo's empty `<h1>` aside); `<h2>`s
  // only on a page without one (Carta's headline is its first `<h2>`, its `<h1>` the logo).
  for (const selector of ['article h1, main h1, h1, [itemprop~="headline"], .entry-title, .post-title, article h2', 'h2']) {
    const h1s = doc.querySelectorAll(selector);
    for (let i = 0; i < h1s.length && i < 10; i++) {
      if (textStart(h1s[i]!, 60).trim().length >= 4 && h1s[i]!.closest(SKIPPED) === null) return h1s[i]!;
    }
  }
  return null;
}

/**
 * The text around the headline (kicker before it; byline, dateline and first lines after it) and
 * the `<time>` elements after it; when that holds nothing like a date, the short texts of date
 * and byline elements further down ("erstellt von … — veröffentlicht 28.01.2022"), outside
 * comments and teasers.
 */
function readAroundHeadline(headline: Element, root: Element, evidence: PageEvidence): void {
  let text = '';
  let steps = 0;
  let node: Node | null = headline;
  for (; node !== null && steps < 600 && text.length < LIMITS.after; steps++) {
    let over = false;
    if (node.nodeType === 1) {
      const element = node as Element;
      over = skipped(element);
      if (!over && element.tagName.toUpperCase() === 'TIME' && evidence.times.length < LIMITS.times) {
        const datetime = capped(element.getAttribute('datetime'), LIMITS.statement);
        const mark = capped(`${element.getAttribute('class') ?? ''} ${element.getAttribute('itemprop') ?? ''}${element.hasAttribute('pubdate') ? ' pubdate' : ''}`, LIMITS.mark);
        if (datetime !== '') evidence.times.push({ at: text.length, datetime, mark });
      }
    } else if (node.nodeType === 3) {
      const value = capped(node.nodeValue, LIMITS.after);
      if (value !== '') text += ' ' + value;
    }
    node = nextNode(node, root, over);
  }
  evidence.after = text.slice(0, LIMITS.after);
  evidence.before = textBefore(headline, root);
  if (evidence.times.length > 0 || DATE_LIKE.test(evidence.after) || DATE_LIKE.test(evidence.before)) return;

  for (; node !== null && steps < 5000 && evidence.dateTexts.length < LIMITS.dateTexts; steps++) {
    let over = false;
    if (node.nodeType === 1) {
      const element = node as Element;
      over = skipped(element);
      if (!over && DATE_CLASS.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`) && element.closest(NOT_THE_ARTICLES) === null) {
        const own = capped(textStart(element, LIMITS.dateText + 1), LIMITS.dateText + 1);
        if (own.length <= LIMITS.dateText) {
          if (DATE_LIKE.test(own)) evidence.dateTexts.push(own);
          over = true;
        }
      }
    } else if (node.nodeType === 3) {
      // "Datum 12.01.2017", "Veröffentlicht am 5. April 2017" at the article's end.
      const cued = DATE_CUE.exec(node.nodeValue ?? '');
      if (cued !== null && DATE_LIKE.test(cued[0])) evidence.dateTexts.push(capped(cued[0], LIMITS.dateText));
    }
    node = nextNode(node, root, over);
  }
}

/** The last characters of text before `element` in document order, within `root`, read
 * backwards so a long header before it is not read whole. */
function textBefore(element: Element, root: Element): string {
  const parts: string[] = [];
  let length = 0;
  for (let node = previousNode(element, root), steps = 0; node !== null && length < LIMITS.before && steps < 1000; node = previousNode(node, root), steps++) {
    if (node.nodeType !== 3) continue;
    const value = capped(node.nodeValue, LIMITS.before);
    if (value === '') continue;
    parts.push(value);
    length += value.length + 1;
  }
  return parts.reverse().join(' ').slice(-LIMITS.before);
}

/** The node before `node` in document order within `root`, not entering skipped elements. */
function previousNode(node: Node, root: Node): Node | null {
  if (node === root) return null;
  let previous = node.previousSibling;
  if (previous === null) return node.parentNode === root ? null : node.parentNode;
  while (previous.lastChild !== null && !(previous.nodeType === 1 && skipped(previous as Element))) previous = previous.lastChild;
  return previous;
}

/** The first `max` characters of an element's text, without reading a large element whole. */
function textStart(element: Element, max: number): string {
  let text = '';
  for (let node: Node | null = element.firstChild, steps = 0; node !== null && text.length < max && steps < 200; steps++) {
    if (node.nodeType === 3) text += node.nodeValue ?? '';
    // Not the CSS a component library puts inside a headline (be.ch: `<style>.css-umyvef{…}`).
    node = nextNode(node, element, node.nodeType === 1 && CODE_TAGS.has((node as Element).tagName.toUpperCase()));
  }
  return text.slice(0, max);
}
