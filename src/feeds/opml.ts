/** OPML subscription lists: import (every outline with an http(s) xmlUrl, at any depth) and export. */
import { cleanLine } from '../shared';
import { resolveUrl } from './urls';
import { parseXml, XmlSyntaxError, type XmlElement } from './xml-tree';

export interface OpmlFeed {
  url: string;
  title: string;
  siteUrl?: string;
}

export interface OpmlImport {
  feeds: OpmlFeed[];
  /** Outlines that name a feed we cannot use (not http(s)), with where they are. */
  problems: string[];
}

export class OpmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpmlError';
  }
}

export const MAX_OPML_FEEDS = 1000;

export function parseOpml(text: string): OpmlImport {
  let root: XmlElement;
  try {
    root = parseXml(text.replace(/^\ufeff/, '').trimStart());
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new OpmlError(`not an OPML file: ${error.message}`);
    throw error;
  }
  if (root.name.toLowerCase() !== 'opml') throw new OpmlError(`not an OPML file: the root element is <${root.name}>, not <opml>`);
  const body = root.children.find((c): c is XmlElement => c.kind === 'element' && c.name.toLowerCase() === 'body');
  if (body === undefined) throw new OpmlError('not an OPML file: no <body>');
  const feeds: OpmlFeed[] = [];
  const problems: string[] = [];
  const walk = (element: XmlElement, path: string[]): void => {
    for (const child of element.children) {
      if (child.kind !== 'element' || child.name.toLowerCase() !== 'outline') continue;
      const title = cleanLine(child.attrs.get('title') ?? child.attrs.get('text'), 200);
      const xmlUrl = child.attrs.get('xmlUrl') ?? child.attrs.get('xmlurl');
      if (xmlUrl !== undefined && xmlUrl.trim() !== '') {
        const url = resolveUrl(xmlUrl, undefined);
        const where = [...path, title || xmlUrl].join(' › ');
        if (url === undefined) problems.push(`${where}: "${xmlUrl.slice(0, 100)}" is not an http(s) address`);
        else if (feeds.length >= MAX_OPML_FEEDS) problems.push(`${where}: more than ${MAX_OPML_FEEDS} feeds; skipped`);
        else if (!feeds.some((feed) => feed.url === url)) {
          const feed: OpmlFeed = { url, title };
          const siteUrl = resolveUrl(child.attrs.get('htmlUrl') ?? child.attrs.get('htmlurl'), undefined);
          if (siteUrl !== undefined) feed.siteUrl = siteUrl;
          feeds.push(feed);
        }
      }
      walk(child, title === '' ? path : [...path, title]);
    }
  };
  walk(body, []);
  return { feeds, problems };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** An OPML 2.0 document listing the feeds. */
export function buildOpml(feeds: readonly OpmlFeed[], title: string, now: Date = new Date()): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...feeds.map((feed) => {
      const name = escapeXml(feed.title || feed.url);
      const site = feed.siteUrl === undefined ? '' : ` htmlUrl="${escapeXml(feed.siteUrl)}"`;
      return `    <outline type="rss" text="${name}" title="${name}" xmlUrl="${escapeXml(feed.url)}"${site}/>`;
    }),
    '  </body>',
    '</opml>',
    '',
  ];
  return lines.join('\n');
}
