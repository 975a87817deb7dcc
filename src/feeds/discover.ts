/**
 * Feed discovery from a web page's HTML, in the service worker (no DOM there): a small scanner
 * for <link rel="alternate" type="…rss/atom/feed+json" href> in the page. It reads tags only
 * (comments, scripts and styles are skipped), never runs or keeps markup, and returns absolute
 * http(s) URLs. A full HTML parser would not find more: these links are plain void tags.
 */
import { cleanLine } from '../shared';
import { decodeEntities } from '../shared/entities';
import { resolveUrl } from './urls';

export interface DiscoveredFeed {
  url: string;
  title: string;
  type: string;
}

const FEED_TYPES = /^application\/(?:rss\+xml|atom\+xml|feed\+json|rdf\+xml|json)$|^text\/xml$/i;
const SKIPPED = /<!--[\s\S]*?(?:-->|$)|<(script|style|template|textarea)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const TAG = /<(link|base)\b((?:[^"'>]|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function attributesOf(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    // The first occurrence of an attribute wins, as in HTML.
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/** Feeds a page links to, in page order, each URL once. Only the first 1 MB is read. */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const text = html.slice(0, 1024 * 1024).replace(SKIPPED, ' ');
  let base = pageUrl;
  const found: DiscoveredFeed[] = [];
  for (const m of text.matchAll(TAG)) {
    const attrs = attributesOf(m[2]!);
    if (m[1]!.toLowerCase() === 'base') {
      base = resolveUrl(attrs.get('href'), pageUrl) ?? base;
      continue;
    }
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attrs.get('type') ?? '').trim().toLowerCase();
    if (!rel.includes('alternate') || !FEED_TYPES.test(type)) continue;
    const url = resolveUrl(attrs.get('href'), base);
    if (url === undefined || found.some((feed) => feed.url === url)) continue;
    found.push({ url, title: cleanLine(attrs.get('title'), 200), type });
  }
  return found;
}

/** Whether a response is an HTML page rather than a feed. */
export function looksLikeHtmlPage(text: string, contentType: string | null): boolean {
  if (/^\s*text\/html/i.test(contentType ?? '')) return !/^\s*(?:<\?xml[^>]*>\s*)?<(?:rss|feed|rdf:RDF)\b/.test(text);
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<!doctype html|^\s*<html[\s>]/i.test(text.slice(0, 2048));
}
