/**
 * RSS 2.0 (and 0.9x), RSS 1.0 / RDF, Atom (1.0 and 0.3) and JSON Feed, from decoded text to one
 * shape. Runs in the service worker (no DOM). Text comes out plain (HTML in descriptions is
 * reduced to text), links absolute http(s), dates epoch ms. Items without a date keep none;
 * items without a link fall back to a permalink id; a document that is not a feed is an error
 * that says why.
 */
import { cleanLine } from '../shared';
import { parseDate as parseFeedDate } from '../shared/dates';
import { htmlToText, looksLikeHtml } from './html-text';
import { resolveUrl } from './urls';
import { childrenNamed, firstChild, hasElementChildren, parseXml, textContent, XmlSyntaxError, type XmlElement } from './xml-tree';
import { errorMessage } from '../shared/errors';
import { isObject } from '../shared/objects';

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedItem {
  /** guid / id as written (for diagnostics; identity in the store is the link). */
  id?: string;
  title: string;
  /** The item's page: absolute http(s). */
  link?: string;
  /** Plain text. */
  summary: string;
  publishedAt?: number;
  updatedAt?: number;
  author?: string;
  categories: string[];
  image?: string;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  /** The site the feed belongs to. */
  siteUrl?: string;
  description: string;
  language?: string;
  items: FeedItem[];
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

export const FEED_LIMITS = { items: 500, title: 500, summary: 600, categories: 20, category: 100 } as const;

const NS = {
  atom: ['http://www.w3.org/2005/Atom'],
  atom03: ['http://purl.org/atom/ns#'],
  rss1: ['http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/'],
  rdf: ['http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  dc: ['http://purl.org/dc/elements/1.1/', 'http://purl.org/dc/terms/'],
  content: ['http://purl.org/rss/1.0/modules/content/'],
  media: ['http://search.yahoo.com/mrss/', 'http://search.yahoo.com/mrss'],
  none: [''],
} as const;
const ATOM_ANY: readonly string[] = [...NS.atom, ...NS.atom03];

/** Parses a feed document. `url` is where it was fetched from (the base of relative links). */
export function parseFeed(text: string, url?: string): ParsedFeed {
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('{')) return parseJsonFeed(start, url);
  if (!start.startsWith('<')) throw new FeedParseError('not a feed: the document is neither XML nor JSON');
  if (/^<!doctype html|^<html[\s>]/i.test(start)) throw new FeedParseError('not a feed: this is an HTML page');
  let root: XmlElement;
  try {
    root = parseXml(start, url);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new FeedParseError(error.message);
    throw error;
  }
  if (root.name === 'rss' || (root.name === 'channel' && root.ns === '')) return parseRss(root, url);
  if (root.name === 'RDF' && (NS.rdf as readonly string[]).includes(root.ns)) return parseRdf(root, url);
  if (root.name === 'feed' && ATOM_ANY.includes(root.ns)) return parseAtom(root, url);
  if (root.name === 'html') throw new FeedParseError('not a feed: this is an HTML page');
  throw new FeedParseError(`not a feed: the root element is <${root.name}>${root.ns === '' ? '' : ` in namespace ${root.ns}`}, not <rss>, <rdf:RDF> or Atom's <feed>`);
}

// ---------- text helpers ----------

function plain(element: XmlElement | undefined, max: number): string {
  if (element === undefined) return '';
  return cleanLine(markupToText(textContent(element)), max);
}

/** Common tags left in text after one pass: the feed escaped its HTML twice. */
const STILL_MARKUP = /<\/?(?:p|div|br|a|span|img|table|tr|td|b|i|em|strong|ul|li)\b[^>]*>/i;

/** HTML to text; a second pass when the HTML was escaped twice (seen in real feeds). */
function markupToText(html: string): string {
  const text = htmlToText(html);
  return STILL_MARKUP.test(text) ? htmlToText(text) : text;
}

/** RSS titles are text by the spec but often carry escaped HTML in practice. */
function looseText(element: XmlElement | undefined, max: number): string {
  if (element === undefined) return '';
  const text = textContent(element);
  return cleanLine(looksLikeHtml(text) ? htmlToText(text) : text, max);
}

/** An Atom text construct (type text, html or xhtml) as plain text. */
function atomText(element: XmlElement | undefined, max: number): string {
  if (element === undefined) return '';
  const type = (element.attrs.get('type') ?? 'text').toLowerCase();
  if (type === 'xhtml' || hasElementChildren(element)) return cleanLine(markupToText(textOfMarkup(element)), max);
  if (type === 'html' || type === 'text/html' || type.endsWith('escaped')) return cleanLine(markupToText(textContent(element)), max);
  return cleanLine(textContent(element), max);
}

/** Text of inline XHTML, with a space where block elements end, so words do not run together. */
function textOfMarkup(element: XmlElement): string {
  let out = '';
  for (const child of element.children) out += child.kind === 'text' ? child.text.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;')) : textOfMarkup(child) + ' ';
  return out;
}

function firstText(element: XmlElement, candidates: [readonly string[], string][], max: number, read = looseText): string {
  for (const [namespaces, name] of candidates) {
    const text = read(firstChild(element, namespaces, name), max);
    if (text !== '') return text;
  }
  return '';
}

function dateOf(element: XmlElement, candidates: [readonly string[], string][]): number | undefined {
  for (const [namespaces, name] of candidates) {
    const child = firstChild(element, namespaces, name);
    if (child === undefined) continue;
    const time = parseFeedDate(textContent(child));
    if (time !== undefined) return time;
  }
  return undefined;
}

function categories(element: XmlElement, read: (c: XmlElement) => string): string[] {
  const out: string[] = [];
  for (const child of element.children) {
    if (child.kind !== 'element' || child.name !== 'category' && !(child.name === 'subject' && (NS.dc as readonly string[]).includes(child.ns))) continue;
    const text = cleanLine(read(child), FEED_LIMITS.category);
    if (text !== '' && !out.includes(text)) out.push(text);
    if (out.length >= FEED_LIMITS.categories) break;
  }
  return out;
}

function mediaImage(element: XmlElement, base: string | undefined): string | undefined {
  const candidates: XmlElement[] = [];
  const collect = (parent: XmlElement): void => {
    for (const child of parent.children) {
      if (child.kind !== 'element') continue;
      if ((NS.media as readonly string[]).includes(child.ns)) {
        if (child.name === 'group') collect(child);
        else if (child.name === 'thumbnail') candidates.unshift(child);
        else if (child.name === 'content' && (child.attrs.get('medium') === 'image' || /^image\//.test(child.attrs.get('type') ?? ''))) candidates.push(child);
      } else if (child.name === 'enclosure' && /^image\//.test(child.attrs.get('type') ?? '')) {
        candidates.push(child);
      }
    }
  };
  collect(element);
  for (const candidate of candidates) {
    const url = resolveUrl(candidate.attrs.get('url') ?? candidate.attrs.get('href'), candidate.base ?? base);
    if (url !== undefined) return url;
  }
  return undefined;
}

function capItems<T>(items: T[]): T[] {
  return items.slice(0, FEED_LIMITS.items);
}

// ---------- RSS 2.0 / 0.9x ----------

function parseRss(root: XmlElement, url: string | undefined): ParsedFeed {
  const channel = root.name === 'channel' ? root : firstChild(root, NS.none, 'channel');
  if (channel === undefined) throw new FeedParseError('not a feed: <rss> has no <channel>');
  const channelLink = resolveUrl(textContent(firstChild(channel, NS.none, 'link') ?? emptyElement()), channel.base ?? url) ?? atomAlternate(channel, url);
  const feed: ParsedFeed = {
    format: 'rss',
    title: looseText(firstChild(channel, NS.none, 'title'), FEED_LIMITS.title),
    description: plain(firstChild(channel, NS.none, 'description'), FEED_LIMITS.summary),
    items: [],
  };
  if (channelLink !== undefined) feed.siteUrl = channelLink;
  const language = cleanLine(textContent(firstChild(channel, NS.none, 'language') ?? firstChild(channel, NS.dc, 'language') ?? emptyElement()), 20);
  if (language !== '') feed.language = language;
  // Some RSS 0.9x feeds put items beside the channel instead of inside it.
  const items = [...childrenNamed(channel, NS.none, 'item'), ...(channel === root ? [] : childrenNamed(root, NS.none, 'item'))];
  feed.items = capItems(items.map((item) => rssItem(item, item.base ?? channelLink ?? url)));
  return feed;
}

function rssItem(item: XmlElement, base: string | undefined): FeedItem {
  const guidElement = firstChild(item, NS.none, 'guid');
  const guid = guidElement === undefined ? '' : textContent(guidElement).trim();
  let link = resolveUrl(textContent(firstChild(item, NS.none, 'link') ?? emptyElement()), base) ?? atomAlternate(item, base);
  // A guid is a permalink unless it says otherwise.
  if (link === undefined && guid !== '' && guidElement?.attrs.get('isPermaLink')?.toLowerCase() !== 'false') link = resolveUrl(guid, undefined);
  const summary =
    firstText(item, [[NS.none, 'description'], [NS.dc, 'description']], FEED_LIMITS.summary, plain) ||
    firstText(item, [[NS.content, 'encoded']], FEED_LIMITS.summary, plain);
  const out: FeedItem = {
    title: firstText(item, [[NS.none, 'title'], [NS.dc, 'title']], FEED_LIMITS.title),
    summary,
    categories: categories(item, (c) => looseText(c, FEED_LIMITS.category)),
  };
  if (guid !== '') out.id = cleanLine(guid, 500);
  if (link !== undefined) out.link = link;
  const published = dateOf(item, [[NS.none, 'pubDate'], [NS.dc, 'date'], [NS.dc, 'created'], [NS.dc, 'issued'], [NS.atom, 'published'], [NS.atom, 'updated']]);
  if (published !== undefined) out.publishedAt = published;
  const updated = dateOf(item, [[NS.dc, 'modified'], [NS.atom, 'updated']]);
  if (updated !== undefined) out.updatedAt = updated;
  const author = firstText(item, [[NS.dc, 'creator'], [NS.none, 'author']], 200);
  if (author !== '') out.author = author;
  const image = mediaImage(item, base);
  if (image !== undefined) out.image = image;
  return out;
}

/** <atom:link rel="alternate" href> inside RSS, used when <link> is missing. */
function atomAlternate(element: XmlElement, base: string | undefined): string | undefined {
  for (const link of childrenNamed(element, NS.atom, 'link')) {
    const rel = link.attrs.get('rel') ?? 'alternate';
    if (rel === 'alternate') {
      const href = resolveUrl(link.attrs.get('href'), link.base ?? base);
      if (href !== undefined) return href;
    }
  }
  return undefined;
}

// ---------- RSS 1.0 / RDF ----------

function parseRdf(root: XmlElement, url: string | undefined): ParsedFeed {
  const channel = firstChild(root, NS.rss1, 'channel');
  if (channel === undefined) throw new FeedParseError('not a feed: <rdf:RDF> has no RSS 1.0 <channel>');
  const channelLink = resolveUrl(textContent(firstChild(channel, NS.rss1, 'link') ?? emptyElement()), channel.base ?? url);
  const feed: ParsedFeed = {
    format: 'rdf',
    title: looseText(firstChild(channel, NS.rss1, 'title'), FEED_LIMITS.title),
    description: plain(firstChild(channel, NS.rss1, 'description'), FEED_LIMITS.summary),
    items: [],
  };
  if (channelLink !== undefined) feed.siteUrl = channelLink;
  const language = cleanLine(textContent(firstChild(channel, NS.dc, 'language') ?? emptyElement()), 20);
  if (language !== '') feed.language = language;
  const items = [...childrenNamed(root, NS.rss1, 'item'), ...childrenNamed(channel, NS.rss1, 'item')];
  feed.items = capItems(
    items.map((item) => {
      const base = item.base ?? channelLink ?? url;
      const about = item.attrs.get('rdf:about');
      const link = resolveUrl(textContent(firstChild(item, NS.rss1, 'link') ?? emptyElement()), base) ?? resolveUrl(about, base);
      const out: FeedItem = {
        title: firstText(item, [[NS.rss1, 'title'], [NS.dc, 'title']], FEED_LIMITS.title),
        summary:
          firstText(item, [[NS.rss1, 'description'], [NS.dc, 'description']], FEED_LIMITS.summary, plain) ||
          firstText(item, [[NS.content, 'encoded']], FEED_LIMITS.summary, plain),
        categories: categories(item, (c) => looseText(c, FEED_LIMITS.category)),
      };
      if (about !== undefined && about.trim() !== '') out.id = cleanLine(about, 500);
      if (link !== undefined) out.link = link;
      const published = dateOf(item, [[NS.dc, 'date'], [NS.dc, 'created'], [NS.dc, 'issued']]);
      if (published !== undefined) out.publishedAt = published;
      const updated = dateOf(item, [[NS.dc, 'modified']]);
      if (updated !== undefined) out.updatedAt = updated;
      const author = firstText(item, [[NS.dc, 'creator']], 200);
      if (author !== '') out.author = author;
      const image = mediaImage(item, base);
      if (image !== undefined) out.image = image;
      return out;
    }),
  );
  return feed;
}

// ---------- Atom ----------

function parseAtom(root: XmlElement, url: string | undefined): ParsedFeed {
  const ns = root.ns;
  const only = [ns];
  const feed: ParsedFeed = {
    format: 'atom',
    title: atomText(firstChild(root, only, 'title'), FEED_LIMITS.title),
    description: atomText(firstChild(root, only, 'subtitle') ?? firstChild(root, only, 'tagline'), FEED_LIMITS.summary),
    items: [],
  };
  const siteUrl = atomLink(root, only, root.base ?? url);
  if (siteUrl !== undefined) feed.siteUrl = siteUrl;
  const language = cleanLine(root.attrs.get('xml:lang'), 20);
  if (language !== '') feed.language = language;
  feed.items = capItems(
    childrenNamed(root, only, 'entry').map((entry) => {
      const base = entry.base ?? root.base ?? url;
      const id = textContent(firstChild(entry, only, 'id') ?? emptyElement()).trim();
      const link = atomLink(entry, only, base) ?? (/^https?:\/\//i.test(id) ? resolveUrl(id, undefined) : undefined);
      const out: FeedItem = {
        title: atomText(firstChild(entry, only, 'title'), FEED_LIMITS.title),
        summary: atomText(firstChild(entry, only, 'summary'), FEED_LIMITS.summary) || atomText(firstChild(entry, only, 'content'), FEED_LIMITS.summary),
        categories: categories(entry, (c) => c.attrs.get('label') ?? c.attrs.get('term') ?? textContent(c)),
      };
      if (id !== '') out.id = cleanLine(id, 500);
      if (link !== undefined) out.link = link;
      const published = dateOf(entry, [[only, 'published'], [only, 'issued'], [only, 'created'], [NS.dc, 'date'], [only, 'updated'], [only, 'modified']]);
      if (published !== undefined) out.publishedAt = published;
      const updated = dateOf(entry, [[only, 'updated'], [only, 'modified']]);
      if (updated !== undefined) out.updatedAt = updated;
      const authorElement = firstChild(entry, only, 'author');
      const author = authorElement === undefined ? '' : cleanLine(textContent(firstChild(authorElement, only, 'name') ?? authorElement), 200);
      if (author !== '') out.author = author;
      const image = mediaImage(entry, base);
      if (image !== undefined) out.image = image;
      return out;
    }),
  );
  return feed;
}

/** The alternate (HTML) link of an Atom feed or entry: rel="alternate" or no rel, HTML first. */
function atomLink(element: XmlElement, namespaces: readonly string[], base: string | undefined): string | undefined {
  let fallback: string | undefined;
  for (const link of childrenNamed(element, namespaces, 'link')) {
    const rel = (link.attrs.get('rel') ?? 'alternate').trim();
    if (rel !== 'alternate') continue;
    const href = resolveUrl(link.attrs.get('href'), link.base ?? base);
    if (href === undefined) continue;
    const type = link.attrs.get('type') ?? 'text/html';
    if (/html/i.test(type)) return href;
    fallback ??= href;
  }
  return fallback;
}

// ---------- JSON Feed ----------

type Json = Record<string, unknown>;


function parseJsonFeed(text: string, url: string | undefined): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(`not valid JSON: ${errorMessage(error)}`);
  }
  if (!isObject(data) || typeof data.version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\//.test(data.version)) {
    throw new FeedParseError('not a feed: JSON without a JSON Feed "version" (https://jsonfeed.org/version/…)');
  }
  if (!Array.isArray(data.items)) throw new FeedParseError('not a feed: JSON Feed without an "items" list');
  const base = resolveUrl(typeof data.feed_url === 'string' ? data.feed_url : undefined, url) ?? url;
  const feed: ParsedFeed = {
    format: 'json',
    title: cleanLine(htmlToText(typeof data.title === 'string' ? data.title : ''), FEED_LIMITS.title),
    description: cleanLine(typeof data.description === 'string' ? htmlToText(data.description) : '', FEED_LIMITS.summary),
    items: [],
  };
  const siteUrl = resolveUrl(typeof data.home_page_url === 'string' ? data.home_page_url : undefined, base);
  if (siteUrl !== undefined) feed.siteUrl = siteUrl;
  if (typeof data.language === 'string' && data.language.trim() !== '') feed.language = cleanLine(data.language, 20);
  feed.items = capItems(data.items.filter(isObject).map((item) => jsonFeedItem(item, siteUrl ?? base)));
  return feed;
}

function jsonFeedItem(item: Json, base: string | undefined): FeedItem {
  const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const summaryText = str(item.summary) ?? str(item.content_text) ?? (str(item.content_html) === undefined ? '' : htmlToText(str(item.content_html)!));
  const out: FeedItem = {
    title: cleanLine(htmlToText(str(item.title) ?? ''), FEED_LIMITS.title),
    summary: cleanLine(summaryText, FEED_LIMITS.summary),
    categories: Array.isArray(item.tags) ? [...new Set(item.tags.map((tag) => cleanLine(tag, FEED_LIMITS.category)).filter((tag) => tag !== ''))].slice(0, FEED_LIMITS.categories) : [],
  };
  const id = item.id === undefined || item.id === null ? '' : String(item.id);
  if (id.trim() !== '') out.id = cleanLine(id, 500);
  const link = resolveUrl(str(item.url), base) ?? resolveUrl(str(item.external_url), base) ?? (/^https?:\/\//i.test(id) ? resolveUrl(id, undefined) : undefined);
  if (link !== undefined) out.link = link;
  const published = parseFeedDate(item.date_published) ?? parseFeedDate(item.date_modified);
  if (published !== undefined) out.publishedAt = published;
  const updated = parseFeedDate(item.date_modified);
  if (updated !== undefined) out.updatedAt = updated;
  const authors = Array.isArray(item.authors) ? item.authors : isObject(item.author) ? [item.author] : [];
  const author = authors.filter(isObject).map((a) => cleanLine(a.name, 200)).find((name) => name !== '');
  if (author !== undefined) out.author = author;
  const image = resolveUrl(str(item.image) ?? str(item.banner_image), base);
  if (image !== undefined) out.image = image;
  return out;
}

function emptyElement(): XmlElement {
  return { kind: 'element', name: '', ns: '', attrs: new Map(), children: [], base: undefined };
}
